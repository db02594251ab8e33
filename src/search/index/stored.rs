//! An index as bytes and back, for the cache ([`crate::cache`]): its arrays one after
//! the other, each as its length then its items, little-endian. Reading checks the
//! arrays against each other (every range inside its array, on char boundaries), so
//! bytes that are not an index give `None`, never a panic later; word ids are not
//! checked one by one (an unknown one matches nothing, see [`Index::is_whole`]).
//! Reading allocates no more than the input holds: every length is checked against
//! the bytes left first. An item read from its article's body (see
//! [`super::reads_from_body`]) has the high bit of its kind code set; reading checks
//! that its range is ASCII text of that body, unless the caller knows that body is the
//! very bytes the index was built on.

use std::io::{self, Read, Write};

use super::{Index, ItemKind, ItemMeta, NO_RANGE};
use crate::corpus::Article;
use crate::search::vocab::Vocabulary;

/// Bytes read or written at a time when converting arrays of numbers.
const CHUNK: usize = 1 << 16;

impl Index {
    /// Writes the index (all but its article dates, which come from the corpus).
    pub fn write_to(&self, out: &mut impl Write) -> io::Result<()> {
        write_bytes(out, self.arena.as_bytes())?;
        write_u32s(out, &self.starts)?;
        write_u32s(out, &self.bags)?;
        write_len(out, self.metas.len())?;
        let mut buf = Vec::with_capacity(CHUNK + 13);
        for meta in &self.metas {
            buf.extend_from_slice(&meta.article.to_le_bytes());
            buf.extend_from_slice(&meta.body_start.to_le_bytes());
            buf.extend_from_slice(&meta.body_end.to_le_bytes());
            buf.push(kind_code(meta.kind) | if meta.in_body { IN_BODY } else { 0 });
            if buf.len() >= CHUNK {
                out.write_all(&buf)?;
                buf.clear();
            }
        }
        out.write_all(&buf)?;
        let (words, ends) = self.vocabulary.parts();
        write_bytes(out, words.as_bytes())?;
        write_u32s(out, ends)?;
        write_u32s(out, &self.token_starts)?;
        write_len(out, self.tokens.len())?;
        for chunk in self.tokens.chunks(CHUNK / 2) {
            let bytes: Vec<u8> = chunk.iter().flat_map(|t| t.to_le_bytes()).collect();
            out.write_all(&bytes)?;
        }
        Ok(())
    }

    /// Reads an index [`Index::write_to`] wrote of `articles` from `input`, which holds
    /// at most `limit` bytes. `Ok(None)`: the bytes are not such an index.
    /// `unchanged[a]` says that article `a`'s body is, for sure, the one the index was
    /// built on: its items are then not checked against it (see the module's note).
    pub fn read_from(
        input: &mut impl Read,
        limit: u64,
        articles: &[Article],
        unchanged: &[bool],
    ) -> io::Result<Option<Index>> {
        let mut input = Limited { input, left: limit };
        let Ok(arena) = String::from_utf8(input.bytes()?) else {
            return Ok(None);
        };
        let starts = input.u32s()?;
        let bags = input.u32s()?;
        let count = input.len(13)?;
        let mut metas = Vec::with_capacity(count);
        let mut buf = vec![0u8; CHUNK];
        while metas.len() < count {
            let n = (count - metas.len()).min(buf.len() / 13);
            input.read_exact(&mut buf[..n * 13])?;
            for record in buf[..n * 13].chunks_exact(13) {
                let number = |at: usize| {
                    u32::from_le_bytes([record[at], record[at + 1], record[at + 2], record[at + 3]])
                };
                let Some(kind) = kind_of_code(record[12] & !IN_BODY) else {
                    return Ok(None);
                };
                metas.push(ItemMeta {
                    article: number(0),
                    body_start: number(4),
                    body_end: number(8),
                    kind,
                    in_body: record[12] & IN_BODY != 0,
                });
            }
        }
        let Ok(words) = String::from_utf8(input.bytes()?) else {
            return Ok(None);
        };
        let ends = input.u32s()?;
        let token_starts = input.u32s()?;
        let count = input.len(2)?;
        let mut tokens = Vec::with_capacity(count);
        while tokens.len() < count {
            let n = (count - tokens.len()).min(buf.len() / 2);
            input.read_exact(&mut buf[..n * 2])?;
            tokens.extend(
                buf[..n * 2]
                    .chunks_exact(2)
                    .map(|b| u16::from_le_bytes([b[0], b[1]])),
            );
        }
        let Some(vocabulary) = Vocabulary::from_parts(words, ends) else {
            return Ok(None);
        };
        let index = Index {
            arena,
            starts,
            bodies: super::bodies(articles),
            bags,
            metas,
            dates: Vec::new(),
            vocabulary,
            token_starts,
            tokens,
            lookup: None,
        };
        Ok(index.is_whole(articles.len(), unchanged).then_some(index))
    }

    /// Whether every array agrees with the others (see the module's note).
    fn is_whole(&self, articles: usize, unchanged: &[bool]) -> bool {
        let items = self.metas.len();
        let ranges_fit = |starts: &[u32], len: usize, boundary: &dyn Fn(usize) -> bool| {
            // An index no item was pushed to (`Index::default()`) has no starts at all.
            (items == 0 && starts.is_empty() && len == 0)
                || starts.len() == items + 1
                    && starts.first() == Some(&0)
                    && starts.last().map(|&end| end as usize) == Some(len)
                    && starts.windows(2).all(|w| w[0] <= w[1])
                    && starts.iter().all(|&s| boundary(s as usize))
        };
        ranges_fit(&self.starts, self.arena.len(), &|at| {
            self.arena.is_char_boundary(at)
        }) && ranges_fit(&self.token_starts, self.tokens.len(), &|_| true)
            && self.bags.len() == items
            && self.metas.iter().enumerate().all(|(i, m)| {
                (m.article as usize) < articles
                    && if m.body_start == NO_RANGE {
                        m.body_end == NO_RANGE && !m.in_body
                    } else {
                        m.body_start <= m.body_end
                    }
                    && (!m.in_body || self.reads_from_body(i, m, unchanged))
            })
        // The word ids themselves are not checked (decoding them all was a tenth of a
        // second for 50,000 articles): the cache uses an index only behind its header
        // (this code, these articles) and a checksum of every byte, so the ids are the
        // ones this code wrote, each of a word it had just added to the vocabulary. And
        // whatever the ids, nothing reads past an array: an unknown id matches no query
        // word (`Expansion::mask` and `cost` read with `get`) and an id cut in two at
        // the end of an item ends its words (`vocab::decode`).
    }

    /// Whether item `i` (`meta`), read from its article's body, has no text in the arena
    /// and a range that is ASCII text of the body (taken as such when the body is
    /// `unchanged`, see [`Index::read_from`]).
    fn reads_from_body(&self, i: usize, meta: &ItemMeta, unchanged: &[bool]) -> bool {
        let article = meta.article as usize;
        let ascii_text = || {
            let range = meta.body_start as usize..meta.body_end as usize;
            let text = self.bodies.get(article).and_then(|b| b.get(range));
            text.is_some_and(str::is_ascii)
        };
        self.starts.get(i) == self.starts.get(i + 1)
            && (unchanged.get(article) == Some(&true) || ascii_text())
    }
}

/// The bit of a kind code that marks an item read from its article's body.
const IN_BODY: u8 = 0x80;

fn kind_code(kind: ItemKind) -> u8 {
    match kind {
        ItemKind::Title => 0,
        ItemKind::Sentence => 1,
        ItemKind::Quote => 2,
        ItemKind::Figure => 3,
        ItemKind::Highlight => 4,
        ItemKind::Note => 5,
    }
}

fn kind_of_code(code: u8) -> Option<ItemKind> {
    Some(match code {
        0 => ItemKind::Title,
        1 => ItemKind::Sentence,
        2 => ItemKind::Quote,
        3 => ItemKind::Figure,
        4 => ItemKind::Highlight,
        5 => ItemKind::Note,
        _ => return None,
    })
}

fn write_len(out: &mut impl Write, len: usize) -> io::Result<()> {
    out.write_all(&(len as u64).to_le_bytes())
}

fn write_bytes(out: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    write_len(out, bytes.len())?;
    out.write_all(bytes)
}

fn write_u32s(out: &mut impl Write, numbers: &[u32]) -> io::Result<()> {
    write_len(out, numbers.len())?;
    for chunk in numbers.chunks(CHUNK / 4) {
        let bytes: Vec<u8> = chunk.iter().flat_map(|n| n.to_le_bytes()).collect();
        out.write_all(&bytes)?;
    }
    Ok(())
}

/// A reader that refuses a length longer than what is left of its input.
struct Limited<'a, R> {
    input: &'a mut R,
    left: u64,
}

impl<R: Read> Limited<'_, R> {
    fn read_exact(&mut self, buf: &mut [u8]) -> io::Result<()> {
        self.input.read_exact(buf)?;
        self.left = self.left.saturating_sub(buf.len() as u64);
        Ok(())
    }

    /// A length of items of `size` bytes each, checked against the bytes left.
    fn len(&mut self, size: u64) -> io::Result<usize> {
        let mut bytes = [0; 8];
        self.read_exact(&mut bytes)?;
        let len = u64::from_le_bytes(bytes);
        match len.checked_mul(size) {
            Some(total) if total <= self.left => usize::try_from(len).map_err(|_| too_long()),
            _ => Err(too_long()),
        }
    }

    fn bytes(&mut self) -> io::Result<Vec<u8>> {
        let len = self.len(1)?;
        let mut bytes = vec![0; len];
        self.read_exact(&mut bytes)?;
        Ok(bytes)
    }

    fn u32s(&mut self) -> io::Result<Vec<u32>> {
        let count = self.len(4)?;
        let mut numbers = Vec::with_capacity(count);
        let mut buf = vec![0u8; CHUNK];
        while numbers.len() < count {
            let n = (count - numbers.len()).min(CHUNK / 4);
            self.read_exact(&mut buf[..n * 4])?;
            numbers.extend(
                buf[..n * 4]
                    .chunks_exact(4)
                    .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])),
            );
        }
        Ok(numbers)
    }
}

fn too_long() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        "a length past the end of the index",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    fn stored(index: &Index) -> Vec<u8> {
        let mut bytes = Vec::new();
        index.write_to(&mut bytes).unwrap();
        bytes
    }

    fn read(bytes: &[u8], articles: &[Article]) -> Option<Index> {
        Index::read_from(&mut &bytes[..], bytes.len() as u64, articles, &[])
            .ok()
            .flatten()
    }

    #[test]
    fn an_index_comes_back_as_it_was_written() {
        let corpus = Corpus::seeds();
        let mut index = Index::build(&corpus);
        index.push_item(1, ItemKind::Quote, "“Ready,” she said — İdlib", Some(3..9));
        index.push_item(0, ItemKind::Note, "a note", None);
        // More items and words than one chunk of conversion holds.
        for i in 0..20_000 {
            index.push_item(i % 2, ItemKind::Note, "the quick brown fox jumps", None);
        }
        let bytes = stored(&index);
        let back = read(&bytes, &corpus.articles).expect("read back");
        assert_eq!(back.arena, index.arena);
        // Both kinds of item: copied to the arena, and read from the body.
        assert!(back.metas.iter().any(|m| m.in_body));
        assert!(
            back.metas
                .iter()
                .any(|m| !m.in_body && m.kind == ItemKind::Sentence)
        );
        for i in 0..index.len() {
            assert_eq!(back.item(i), index.item(i));
        }
        assert_eq!(back.starts, index.starts);
        assert_eq!(back.bags, index.bags);
        assert_eq!(back.metas, index.metas);
        assert_eq!(back.vocabulary, index.vocabulary);
        assert_eq!(back.token_starts, index.token_starts);
        assert_eq!(back.tokens, index.tokens);
        // An item pushed after reading finds its words known: "the" is word 0.
        let mut back = back;
        assert_eq!(back.vocabulary.word(0), "the");
        assert!(back.push_item(0, ItemKind::Note, "the", None));
        assert_eq!(back.tokens(back.len() - 1), &[0]);
        assert_eq!(back.vocabulary.len(), index.vocabulary.len());
    }

    #[test]
    fn an_index_without_items_comes_back() {
        let corpus = Corpus::seeds();
        let mut empty = Index::default();
        empty.set_bodies(&corpus.articles);
        let back = read(&stored(&empty), &corpus.articles).expect("read back");
        assert!(back.is_empty());
        // Items can be pushed to it as to a new one.
        let mut back = back;
        assert!(back.push_item(0, ItemKind::Note, "a note", None));
        assert_eq!(back.item(0).unwrap().folded, "a note");
    }

    #[test]
    fn bytes_that_are_not_an_index_are_refused_without_panic() {
        let corpus = Corpus::seeds();
        let index = Index::build(&corpus);
        let bytes = stored(&index);
        let articles = &corpus.articles[..];
        // Fewer articles than the index names.
        assert!(read(&bytes, &articles[..1]).is_none());
        // Cut anywhere.
        for cut in (0..bytes.len()).step_by(97) {
            assert!(read(&bytes[..cut], articles).is_none(), "cut at {cut}");
        }
        // Bytes changed anywhere: refused, or (a change inside text or numbers that
        // keeps every array consistent) read as some index, never a panic.
        for at in (0..bytes.len()).step_by(89) {
            let mut changed = bytes.clone();
            changed[at] ^= 0xA5;
            if let Some(other) = read(&changed, articles) {
                for i in 0..other.len() {
                    let _ = (other.item(i), other.tokens(i).len());
                }
            }
        }
        // A huge length is refused before anything is allocated for it.
        let mut huge = bytes.clone();
        huge[..8].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(read(&huge, articles).is_none());
    }

    #[test]
    fn unknown_word_ids_are_read_and_match_nothing() {
        use crate::search::{Cancel, Session};
        let corpus = Corpus::seeds();
        let mut index = Index::build(&corpus);
        assert!(index.vocabulary.len() < 0x7000);
        // The first item with words: its first id past the vocabulary, its last the
        // first half of a long id cut off by the item's end.
        let i = (0..index.len())
            .find(|&i| index.tokens(i).len() >= 2)
            .unwrap();
        let (start, end) = (index.token_starts[i], index.token_starts[i + 1]);
        index.tokens[start as usize] = 0x7ABC;
        index.tokens[end as usize - 1] = 0x8001;
        let back = read(&stored(&index), &corpus.articles).expect("read back");
        assert_eq!(back.tokens(i), index.tokens(i));
        // Searching it never reads past an array; the other items are found as before, and
        // the damaged one only loses words: an unknown id matches no query.
        let first_word = back.vocabulary.word(0).to_string();
        let mut damaged = Session::new(std::sync::Arc::new(back));
        let mut sound = Session::new(std::sync::Arc::new(Index::build(&corpus)));
        for query in [first_word.as_str(), "talks", "zzzz", "the council"] {
            let found = damaged.search(query, &Cancel::never()).unwrap();
            let expected = sound.search(query, &Cancel::never()).unwrap();
            let items = |r: &crate::search::Results| {
                let mut items: Vec<u32> = r.top(usize::MAX).iter().map(|h| h.item).collect();
                items.sort_unstable();
                items
            };
            let (found, expected) = (items(&found), items(&expected));
            assert!(
                found.iter().all(|item| expected.contains(item)),
                "{query}: nothing is found that the sound index does not find"
            );
            let lost: Vec<u32> = expected
                .into_iter()
                .filter(|x| !found.contains(x))
                .collect();
            assert!(
                lost.iter().all(|&item| item as usize == i),
                "{query}: {lost:?}"
            );
        }
        let zzzz = damaged.search("zzzz", &Cancel::never()).unwrap();
        assert!(zzzz.top(usize::MAX).is_empty(), "an unknown id is no word");
    }

    #[test]
    fn an_item_read_from_the_body_must_be_ascii_text_of_it() {
        let corpus = Corpus::seeds();
        let index = Index::build(&corpus);
        let bytes = stored(&index);
        assert!(read(&bytes, &corpus.articles).is_some());
        let first = index.metas.iter().find(|m| m.in_body).unwrap();
        let article = &corpus.articles[first.article as usize];
        let other = |body: String| {
            let mut articles = corpus.articles.clone();
            let text = crate::corpus::Text {
                body,
                paragraphs: article.paragraphs.to_vec(),
                sentences: article.sentences.to_vec(),
            };
            let handle = crate::corpus::TextHandle::new(text);
            (articles[first.article as usize].body, _, _) = handle.parts();
            articles
        };
        // The same size, but a curly quote where the item is: folding would change it.
        let mut body = article.body.to_string();
        let at = first.body_start as usize;
        body.replace_range(at..at + 3, "’");
        assert!(read(&bytes, &other(body)).is_none());
        // Shorter than the item's range.
        let short = article.body[..first.body_end as usize - 1].to_string();
        assert!(read(&bytes, &other(short.clone())).is_none());
        // Unless the caller vouches that this article's body is the one indexed; one
        // vouched for another article does not do.
        let read_unchanged = |articles: &[Article], unchanged: &[bool]| {
            Index::read_from(&mut &bytes[..], bytes.len() as u64, articles, unchanged)
                .ok()
                .flatten()
        };
        let mut unchanged = vec![false; corpus.articles.len()];
        let another = (first.article as usize + 1) % unchanged.len();
        unchanged[another] = true;
        assert!(read_unchanged(&other(short.clone()), &unchanged).is_none());
        unchanged[first.article as usize] = true;
        let taken = read_unchanged(&other(short), &unchanged).expect("not checked");
        // Even then an item whose range is past its body reads as empty, not a panic.
        let past = (0..taken.len())
            .find(|&i| taken.metas[i].article == first.article && taken.metas[i].in_body)
            .filter(|&i| taken.metas[i].body_end == first.body_end)
            .unwrap();
        assert_eq!(taken.item(past).unwrap().folded, "");
    }
}
