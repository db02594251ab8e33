//! An index as bytes and back, for the cache ([`crate::cache`]): its arrays one after
//! the other, each as its length (a `u64`), its items as they are in memory (in this
//! machine's byte order, which the cache's header names), then zeros up to a multiple
//! of [`ALIGN`] bytes; so every array starts aligned when the whole does. Read from a
//! file mapped into memory, the arrays are used where they lie ([`Array`]), not copied.
//!
//! Reading checks the arrays against each other (every range inside its array, on char
//! boundaries, every kind code known), so bytes that are not an index are refused,
//! never a panic or a read past an array later; word ids are not checked one by one (an
//! unknown one matches nothing, see [`Index::is_whole`]). An item read from its
//! article's body (see [`super::reads_from_body`]) has [`IN_BODY`] set in its code;
//! reading checks that its range is ASCII text of that body, unless the caller knows
//! that body is the very bytes the index was built on.

use std::io::{self, Write};
use std::ops::Range;
use std::sync::Arc;

use bytemuck::Pod;
use memmap2::Mmap;

use super::{Array, IN_BODY, Index, ItemMeta, NO_RANGE, Text, kind_of_code};
use crate::corpus::Article;
use crate::search::vocab::Vocabulary;

/// See [`Index::ALIGN`].
const ALIGN: usize = 8;

impl Index {
    /// Every array of a stored index starts at a multiple of this many bytes from its
    /// start: where the index starts in a file, it must be a multiple of it too.
    pub const ALIGN: usize = ALIGN;

    /// Writes the index (all but its article dates, which come from the corpus).
    pub fn write_to(&self, out: &mut impl Write) -> io::Result<()> {
        write_array(out, self.arena.as_str().as_bytes())?;
        write_array(out, &self.starts)?;
        write_array(out, &self.bags)?;
        write_array(out, &self.metas)?;
        let (words, ends) = self.vocabulary.parts();
        write_array(out, words.as_bytes())?;
        write_array(out, ends)?;
        write_array(out, &self.token_starts)?;
        write_array(out, &self.tokens)
    }

    /// Reads the index [`Index::write_to`] wrote of `articles` into `body` of `map`
    /// (which must start [`ALIGN`]ed in it), its arrays left where they lie. `also` is
    /// shown every byte of `body`, in order, as it is read, so that a checksum of it
    /// costs no second pass. `Err` says why the bytes are not such an index.
    /// `unchanged[a]` says that article `a`'s body is, for sure, the one the index was
    /// built on: its items are then not checked against it (see the module's note).
    pub fn read_mapped(
        map: &Arc<Mmap>,
        body: Range<usize>,
        articles: &[Article],
        unchanged: &[bool],
        also: impl FnMut(&[u8]),
    ) -> Result<Index, &'static str> {
        if map.get(body.clone()).is_none() {
            return Err(PAST_END);
        }
        let mut input = Cursor {
            map,
            start: body.start,
            at: body.start,
            end: body.end,
            also,
        };
        let arena = input.text()?;
        let starts = input.numbers()?;
        let bags = input.numbers()?;
        let metas = input.numbers()?;
        let words = input.text()?;
        let ends = input.numbers()?;
        let token_starts = input.numbers()?;
        let tokens = input.numbers()?;
        if input.at != input.end {
            return Err(DISAGREE);
        }
        let vocabulary = Vocabulary::from_parts(words, ends).ok_or(DISAGREE)?;
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
        if index.is_whole(articles.len(), unchanged) {
            Ok(index)
        } else {
            Err(DISAGREE)
        }
    }

    /// Whether every array agrees with the others (see the module's note).
    fn is_whole(&self, articles: usize, unchanged: &[bool]) -> bool {
        let view = self.view();
        let items = view.metas.len();
        let ranges_fit = |starts: &[u32], len: usize, boundary: &dyn Fn(usize) -> bool| {
            // An index no item was pushed to (`Index::default()`) has no starts at all.
            (items == 0 && starts.is_empty() && len == 0)
                || starts.len() == items + 1
                    && starts.first() == Some(&0)
                    && starts.last().map(|&end| end as usize) == Some(len)
                    && starts.windows(2).all(|w| w[0] <= w[1])
                    && starts.iter().all(|&s| boundary(s as usize))
        };
        ranges_fit(view.starts, view.arena.len(), &|at| {
            view.arena.is_char_boundary(at)
        }) && ranges_fit(view.token_starts, view.tokens.len(), &|_| true)
            && view.bags.len() == items
            && view.metas.iter().enumerate().all(|(i, m)| {
                (m.article as usize) < articles
                    && kind_of_code(m.code & !IN_BODY).is_some()
                    && if m.body_start == NO_RANGE {
                        m.body_end == NO_RANGE && !m.in_body()
                    } else {
                        m.body_start <= m.body_end
                    }
                    && (!m.in_body() || self.reads_from_body(i, m, unchanged))
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
    /// `unchanged`, see [`Index::read_mapped`]).
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

const PAST_END: &str = "a length past the end of the index";
const DISAGREE: &str = "its arrays do not agree";

/// Writes `items` as [`Index::read_mapped`] reads them: their number, their bytes, then
/// zeros up to a multiple of [`ALIGN`].
fn write_array<T: Pod>(out: &mut impl Write, items: &[T]) -> io::Result<()> {
    out.write_all(&(items.len() as u64).to_ne_bytes())?;
    let bytes: &[u8] = bytemuck::cast_slice(items);
    out.write_all(bytes)?;
    out.write_all(&[0; ALIGN][..padding(bytes.len())])
}

/// The zeros that follow `len` bytes to reach a multiple of [`ALIGN`].
fn padding(len: usize) -> usize {
    (ALIGN - len % ALIGN) % ALIGN
}

/// Reads the arrays of a stored index in `start..end` of `map`, in order, showing each
/// byte to `also`; never past `end`.
struct Cursor<'a, F> {
    map: &'a Arc<Mmap>,
    start: usize,
    at: usize,
    end: usize,
    also: F,
}

impl<'a, F: FnMut(&[u8])> Cursor<'a, F> {
    /// The next `len` bytes' range.
    fn take(&mut self, len: usize) -> Result<Range<usize>, &'static str> {
        let end = self.at.checked_add(len).filter(|&end| end <= self.end);
        let range = self.at..end.ok_or(PAST_END)?;
        self.at = range.end;
        Ok(range)
    }

    fn bytes(&self, range: Range<usize>) -> &'a [u8] {
        let map: &'a Mmap = self.map;
        map.get(range).unwrap_or_default()
    }

    /// The range of the next array's items of `size` bytes each (the length before
    /// them shown to `also`, the items not yet).
    fn items(&mut self, size: usize) -> Result<Range<usize>, &'static str> {
        let length = self.take(8)?;
        let length = self.bytes(length);
        (self.also)(length);
        let count = u64::from_ne_bytes(length.try_into().map_err(|_| PAST_END)?);
        let bytes = count
            .checked_mul(size as u64)
            .and_then(|bytes| usize::try_from(bytes).ok())
            .ok_or(PAST_END)?;
        self.take(bytes)
    }

    /// Past the zeros after an array.
    fn skip_padding(&mut self) -> Result<(), &'static str> {
        let padding = self.take(padding(self.at - self.start))?;
        let zeros = self.bytes(padding);
        (self.also)(zeros);
        Ok(())
    }

    fn numbers<T: Pod>(&mut self) -> Result<Array<T>, &'static str> {
        let range = self.items(size_of::<T>())?;
        let items = self.bytes(range.clone());
        (self.also)(items);
        let numbers = Array::mapped(self.map, range).ok_or("an array out of line")?;
        self.skip_padding()?;
        Ok(numbers)
    }

    fn text(&mut self) -> Result<Text, &'static str> {
        let range = self.items(1)?;
        let text = Text::mapped(self.map, range, &mut self.also).ok_or("a text not UTF-8")?;
        self.skip_padding()?;
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::search::ItemKind;

    fn stored(index: &Index) -> Vec<u8> {
        let mut bytes = Vec::new();
        index.write_to(&mut bytes).unwrap();
        bytes
    }

    /// A read-only map holding `bytes` (anonymous, page-aligned: no file needed).
    fn map_of(bytes: &[u8]) -> Arc<Mmap> {
        let mut map = memmap2::MmapMut::map_anon(bytes.len().max(1)).unwrap();
        map[..bytes.len()].copy_from_slice(bytes);
        Arc::new(map.make_read_only().unwrap())
    }

    /// `bytes` read back as an index of `articles`; every byte read is shown to `also`.
    fn read_unchanged(bytes: &[u8], articles: &[Article], unchanged: &[bool]) -> Option<Index> {
        let map = map_of(bytes);
        let mut seen = Vec::new();
        let index = Index::read_mapped(&map, 0..bytes.len(), articles, unchanged, |piece| {
            seen.extend_from_slice(piece)
        })
        .ok()?;
        assert_eq!(seen, bytes, "every byte is shown once, in order");
        Some(index)
    }

    fn read(bytes: &[u8], articles: &[Article]) -> Option<Index> {
        read_unchanged(bytes, articles, &[])
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
        assert_eq!(bytes.len() % ALIGN, 0);
        let back = read(&bytes, &corpus.articles).expect("read back");
        // Read where they lie: nothing copied but the article bodies' list.
        assert_eq!(
            back.heap_bytes(),
            back.bodies.capacity() * size_of::<crate::corpus::text::Part<str>>()
        );
        assert_eq!(back.arena, index.arena);
        // Both kinds of item: copied to the arena, and read from the body.
        assert!(back.metas.iter().any(|m| m.in_body()));
        assert!(
            back.metas
                .iter()
                .any(|m| !m.in_body() && m.kind() == ItemKind::Sentence)
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
        // An item pushed after reading finds its words known: "the" is word 0; the
        // mapped arrays are copied to take it, and every earlier item reads the same.
        let mut back = back;
        assert_eq!(back.vocabulary.word(0), "the");
        assert!(back.push_item(0, ItemKind::Note, "the é", None));
        assert_eq!(back.tokens(back.len() - 1)[0], 0);
        assert_eq!(back.vocabulary.len(), index.vocabulary.len() + 1);
        assert_eq!(back.item(back.len() - 1).unwrap().folded, "the e");
        for i in 0..index.len() {
            assert_eq!(back.item(i), index.item(i));
            assert_eq!(back.tokens(i), index.tokens(i));
        }
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
        // A huge length is refused.
        let mut huge = bytes.clone();
        huge[..8].copy_from_slice(&u64::MAX.to_ne_bytes());
        assert!(read(&huge, articles).is_none());
    }

    /// Where each array's length is in `bytes` (stored arrays of items of these sizes).
    fn lengths_at(bytes: &[u8]) -> Vec<usize> {
        let mut at = 0;
        let mut found = Vec::new();
        for size in [1, 4, 4, 16, 1, 4, 4, 2] {
            found.push(at);
            let count = u64::from_ne_bytes(bytes[at..at + 8].try_into().unwrap()) as usize;
            at += 8 + count * size;
            at += padding(at);
        }
        assert_eq!(at, bytes.len());
        found
    }

    #[test]
    fn forged_lengths_codes_and_ranges_never_read_past_an_array() {
        let corpus = Corpus::seeds();
        let articles = &corpus.articles[..];
        let index = Index::build(&corpus);
        let bytes = stored(&index);
        let at = lengths_at(&bytes);
        let set_u64 = |bytes: &mut Vec<u8>, at: usize, value: u64| {
            bytes[at..at + 8].copy_from_slice(&value.to_ne_bytes());
        };
        let count = |at: usize| u64::from_ne_bytes(bytes[at..at + 8].try_into().unwrap());
        // Each array's length one more or one less than it is: the arrays after it are
        // out of line or past the end, or the arrays disagree.
        for (array, &length_at) in at.iter().enumerate() {
            for forged in [count(length_at) + 1, count(length_at).saturating_sub(1)] {
                let mut changed = bytes.clone();
                set_u64(&mut changed, length_at, forged);
                assert!(
                    read(&changed, articles).is_none(),
                    "array {array}: {forged}"
                );
            }
        }
        let metas_at = at[3] + 8;
        let meta = |bytes: &mut Vec<u8>, i: usize, field: usize, value: u32| {
            let at = metas_at + i * 16 + field * 4;
            bytes[at..at + 4].copy_from_slice(&value.to_ne_bytes());
        };
        // A kind code that is none, an article past the corpus, a range backwards, an
        // item read from the body without a range, or not ASCII text of it.
        let in_body = (0..index.len())
            .find(|&i| index.metas[i].in_body())
            .unwrap();
        assert_eq!(index.item(0).unwrap().kind, ItemKind::Title);
        for (what, item, field, value) in [
            ("kind", in_body, 3, 9),
            ("kind's high bits", in_body, 3, 0x181),
            ("article", in_body, 0, articles.len() as u32),
            ("range backwards", in_body, 1, u32::MAX - 1),
            ("read from the body without a range", 0, 3, 0x80),
        ] {
            let mut changed = bytes.clone();
            meta(&mut changed, item, field, value);
            assert!(read(&changed, articles).is_none(), "{what}");
        }
        // A start past the arena, or inside a char.
        let starts_at = at[1] + 8;
        let arena_len = count(at[0]) as u32;
        let arena = &bytes[8..8 + arena_len as usize];
        let inside_char = (1..arena.len())
            .find(|&i| arena[i] & 0xC0 == 0x80)
            .expect("the seeds fold to some non-ASCII text") as u32;
        for start in [arena_len + 1, inside_char] {
            let mut changed = bytes.clone();
            let at = starts_at + 4 * (count(at[1]) as usize - 2);
            changed[at..at + 4].copy_from_slice(&start.to_ne_bytes());
            assert!(read(&changed, articles).is_none(), "start {start}");
        }
        // Text that is not UTF-8.
        let mut changed = bytes.clone();
        changed[8 + inside_char as usize] = 0xFF;
        assert!(read(&changed, articles).is_none());
        // The whole 2 bytes into the map: its arrays of `u32` are out of line, refused.
        let shifted = [&[0; 2][..], &bytes].concat();
        let map = map_of(&shifted);
        let read = Index::read_mapped(&map, 2..shifted.len(), articles, &[], |_| {});
        assert_eq!(read.err(), Some("an array out of line"));
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
        index.tokens.to_mut()[start as usize] = 0x7ABC;
        index.tokens.to_mut()[end as usize - 1] = 0x8001;
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
        let first = index.metas.iter().find(|m| m.in_body()).unwrap();
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
        let read_unchanged =
            |articles: &[Article], unchanged: &[bool]| read_unchanged(&bytes, articles, unchanged);
        let mut unchanged = vec![false; corpus.articles.len()];
        let another = (first.article as usize + 1) % unchanged.len();
        unchanged[another] = true;
        assert!(read_unchanged(&other(short.clone()), &unchanged).is_none());
        unchanged[first.article as usize] = true;
        let taken = read_unchanged(&other(short), &unchanged).expect("not checked");
        // Even then an item whose range is past its body reads as empty, not a panic.
        let past = (0..taken.len())
            .find(|&i| taken.metas[i].article == first.article && taken.metas[i].in_body())
            .filter(|&i| taken.metas[i].body_end == first.body_end)
            .unwrap();
        assert_eq!(taken.item(past).unwrap().folded, "");
    }
}
