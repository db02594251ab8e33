//! The searchable items of a corpus, stored once in folded form.
//!
//! Items live in one text arena (folded text, items back to back) with parallel arrays,
//! so a scan walks memory in order. A sentence that is all ASCII, which folding leaves
//! as it is, is not copied: the index reads it from its article's body. Each item's
//! words are also kept as word ids (see [`super::vocab`]): about two bytes a word, read
//! by every search with word terms.

use std::collections::HashMap;
use std::ops::Range;

use crate::corpus::text::Part;
use crate::corpus::{Article, Corpus, Date};

use super::fold::fold_into;
use super::vocab::{Vocabulary, encode};
use super::words::words;

pub(crate) use array::{Array, Text};

mod array;
mod build;
mod stored;

/// Each article's body (by article number), for the items the index reads from it.
fn bodies(articles: &[Article]) -> Vec<Part<str>> {
    articles.iter().map(|a| a.body.clone()).collect()
}

/// What an item is. Titles and sentences are indexed from the corpus; the others are
/// pushed by their owners (extraction, the highlight store) with [`Index::push_item`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemKind {
    Title,
    Sentence,
    Quote,
    Figure,
    Highlight,
    Note,
}

impl ItemKind {
    /// The name used in JSON and on screen.
    pub fn name(self) -> &'static str {
        match self {
            ItemKind::Title => "title",
            ItemKind::Sentence => "sentence",
            ItemKind::Quote => "quote",
            ItemKind::Figure => "figure",
            ItemKind::Highlight => "highlight",
            ItemKind::Note => "note",
        }
    }
}

/// Where an item sits: its article and, for text of the body, its byte range there.
/// Four numbers, so that the cache's index file holds them as they are in memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, bytemuck::Pod, bytemuck::Zeroable)]
#[repr(C)]
struct ItemMeta {
    article: u32,
    body_start: u32,
    body_end: u32,
    /// Its kind ([`kind_code`]), with [`IN_BODY`] set when its text is
    /// `body_start..body_end` of the article's body, not in the arena.
    code: u32,
}

impl ItemMeta {
    fn new(article: u32, body_start: u32, body_end: u32, kind: ItemKind, in_body: bool) -> Self {
        let code = kind_code(kind) | if in_body { IN_BODY } else { 0 };
        ItemMeta {
            article,
            body_start,
            body_end,
            code,
        }
    }

    /// Its kind (a note for a code that is none, which an index read checks never is).
    #[inline]
    fn kind(&self) -> ItemKind {
        kind_of_code(self.code & !IN_BODY).unwrap_or(ItemKind::Note)
    }

    #[inline]
    fn in_body(&self) -> bool {
        self.code & IN_BODY != 0
    }
}

/// The bit of an item's code that marks an item read from its article's body.
const IN_BODY: u32 = 0x80;

fn kind_code(kind: ItemKind) -> u32 {
    match kind {
        ItemKind::Title => 0,
        ItemKind::Sentence => 1,
        ItemKind::Quote => 2,
        ItemKind::Figure => 3,
        ItemKind::Highlight => 4,
        ItemKind::Note => 5,
    }
}

fn kind_of_code(code: u32) -> Option<ItemKind> {
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

/// `body_start` of items that are not a passage of the body (titles, notes).
const NO_RANGE: u32 = u32::MAX;

/// A searchable item, as returned by [`Index::item`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRef<'a> {
    pub article: usize,
    pub kind: ItemKind,
    /// The byte range in the article body, `None` for titles and notes.
    pub range: Option<Range<usize>>,
    /// The folded text (same chars, one for one, as the original).
    pub folded: &'a str,
}

/// The index: every item's folded text and words, and where it came from. Its arrays
/// are built, or mapped from the cache's index file ([`Array`]).
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// All items' folded text, back to back, but for those read from the body.
    arena: Text,
    /// Item `i`'s text is `arena[starts[i]..starts[i + 1]]` (empty for those read from
    /// the body).
    starts: Array<u32>,
    /// Each article's body, for the items read from it (see [`reads_from_body`]).
    bodies: Vec<Part<str>>,
    /// Which ASCII letters and digits each item contains (see [`char_bag`]).
    bags: Array<u32>,
    metas: Array<ItemMeta>,
    /// Each article's date as a number that grows with it (see [`date_key`]).
    dates: Vec<u32>,
    /// The distinct words of all items.
    vocabulary: Vocabulary,
    /// Item `i`'s words are the ids encoded in `tokens[token_starts[i]..token_starts[i + 1]]`.
    token_starts: Array<u32>,
    tokens: Array<u16>,
    /// Word to id, for adding items one by one (made on the first [`Index::push_item`]).
    lookup: Option<WordIds>,
}

/// Word ids by word.
type WordIds = HashMap<Box<str>, u32, foldhash::fast::RandomState>;

/// An article's items, in index order: its title, then its sentences.
pub(super) fn article_items(
    article: &Article,
) -> impl Iterator<Item = (ItemKind, &str, Option<Range<usize>>)> {
    let sentences = article.sentences.iter().filter_map(|sentence| {
        let text = article.body.get(sentence.range.clone())?;
        Some((ItemKind::Sentence, text, Some(sentence.range.clone())))
    });
    std::iter::once((ItemKind::Title, article.title.as_str(), None)).chain(sentences)
}

/// Whether an item's text is read from its article's body instead of being copied to
/// the arena: a passage of the body that folding leaves as it is (ASCII).
pub(super) fn reads_from_body(text: &str, range: Option<&Range<usize>>) -> bool {
    range.is_some() && text.is_ascii()
}

/// A sortable number for a date (0 for none): newer dates give bigger numbers.
pub fn date_key(date: Option<Date>) -> u32 {
    date.map_or(0, |d| {
        let year = u32::try_from(d.year.clamp(0, 99_999)).unwrap_or(0);
        year * 10_000 + u32::from(d.month) * 100 + u32::from(d.day)
    })
}

impl Index {
    /// Indexes every article's title and sentences, in corpus order.
    pub fn build(corpus: &Corpus) -> Index {
        Index::from_articles(&corpus.articles)
    }

    /// Adds an item: `text` of article `article`, at `range` of its body if it is a
    /// passage of it. Returns false (and adds nothing) past the index's 4 GiB limit.
    /// When the index has the bodies ([`Index::set_bodies`]) and `text` is exactly that
    /// passage, and ASCII, it is read from the body instead of copied.
    pub fn push_item(
        &mut self,
        article: usize,
        kind: ItemKind,
        text: &str,
        range: Option<Range<usize>>,
    ) -> bool {
        let passage = range.as_ref().and_then(|range| {
            let body = self.bodies.get(article)?;
            body.get(range.clone())
        });
        let in_body = passage == Some(text) && reads_from_body(text, range.as_ref());
        self.push(article, kind, text, range, in_body)
    }

    /// Keeps each article's body (by article number), for [`Index::push_item`] to read
    /// passages from instead of copying them.
    pub fn set_bodies(&mut self, articles: &[Article]) {
        self.bodies = bodies(articles);
    }

    /// [`Index::push_item`], the text read from the article's body (`bodies` must hold
    /// it) if `in_body`, else copied to the arena.
    fn push(
        &mut self,
        article: usize,
        kind: ItemKind,
        text: &str,
        range: Option<Range<usize>>,
        in_body: bool,
    ) -> bool {
        if self.starts.is_empty() {
            self.starts.to_mut().push(0);
        }
        if self.token_starts.is_empty() {
            self.token_starts.to_mut().push(0);
        }
        let (body_start, body_end) = match range {
            Some(r) => match (u32::try_from(r.start), u32::try_from(r.end)) {
                (Ok(s), Ok(e)) if s != NO_RANGE && s <= e => (s, e),
                _ => return false,
            },
            None => (NO_RANGE, NO_RANGE),
        };
        let Ok(article) = u32::try_from(article) else {
            return false;
        };
        let arena = self.arena.to_mut();
        let before = arena.len();
        let tokens_before = self.tokens.len();
        if !in_body {
            fold_into(text, arena);
        }
        let ends = (
            u32::try_from(self.arena.as_str().len()),
            self.push_words(before, in_body.then_some(text)),
            u32::try_from(self.tokens.len()),
        );
        let (Ok(end), Some(()), Ok(tokens_end)) = ends else {
            self.arena.to_mut().truncate(before);
            self.tokens.to_mut().truncate(tokens_before);
            return false;
        };
        self.starts.to_mut().push(end);
        self.token_starts.to_mut().push(tokens_end);
        let folded = if in_body {
            text
        } else {
            self.arena.as_str().get(before..).unwrap_or_default()
        };
        self.bags.to_mut().push(char_bag(folded));
        let meta = ItemMeta::new(article, body_start, body_end, kind, in_body);
        self.metas.to_mut().push(meta);
        true
    }

    /// Tokenizes the item just added: `in_body`, else the arena from byte `from`.
    fn push_words(&mut self, from: usize, in_body: Option<&str>) -> Option<()> {
        let lookup = match &mut self.lookup {
            Some(lookup) => lookup,
            None => {
                let vocabulary = &self.vocabulary;
                let ids = (0..vocabulary.len()).map(|id| (vocabulary.word(id).into(), id as u32));
                self.lookup.insert(ids.collect())
            }
        };
        let text = in_body.unwrap_or(self.arena.as_str().get(from..).unwrap_or_default());
        let tokens = self.tokens.to_mut();
        for range in words(text) {
            let word = &text[range];
            let id = match lookup.get(word) {
                Some(&id) => id,
                None => {
                    let id = self.vocabulary.push(word)?;
                    lookup.insert(word.into(), id);
                    id
                }
            };
            encode(id, tokens);
        }
        Some(())
    }

    /// Sets the date of each article (by article number), for ranking recent ones first.
    pub fn set_dates(&mut self, dates: Vec<u32>) {
        self.dates = dates;
    }

    pub fn len(&self) -> usize {
        self.metas.len()
    }

    pub fn is_empty(&self) -> bool {
        self.metas.is_empty()
    }

    /// Item `i`, or `None` past the end.
    pub fn item(&self, i: usize) -> Option<ItemRef<'_>> {
        let meta = self.metas.get(i)?;
        let range = (meta.body_start != NO_RANGE)
            .then_some(meta.body_start as usize..meta.body_end as usize);
        Some(ItemRef {
            article: meta.article as usize,
            kind: meta.kind(),
            range,
            folded: self.folded(i),
        })
    }

    /// Bytes held by the index (its own heap allocations; mapped arrays hold none).
    pub fn heap_bytes(&self) -> usize {
        self.arena.heap_bytes()
            + self.starts.heap_bytes()
            + self.bodies.capacity() * std::mem::size_of::<Part<str>>()
            + self.bags.heap_bytes()
            + self.metas.heap_bytes()
            + self.dates.capacity() * 4
            + self.vocabulary.heap_bytes()
            + self.token_starts.heap_bytes()
            + self.tokens.heap_bytes()
    }

    /// Its arrays as plain slices, for reading many items (a scan): a mapped array is
    /// found in its map once, not per item.
    pub(super) fn view(&self) -> View<'_> {
        View {
            arena: self.arena.as_str(),
            starts: &self.starts,
            bodies: &self.bodies,
            bags: &self.bags,
            metas: &self.metas,
            dates: &self.dates,
            vocabulary: &self.vocabulary,
            token_starts: &self.token_starts,
            tokens: &self.tokens,
        }
    }

    pub(super) fn folded(&self, i: usize) -> &str {
        self.view().folded(i)
    }

    /// The encoded word ids of item `i` (see [`super::vocab::decode`]).
    #[cfg(test)]
    pub(super) fn tokens(&self, i: usize) -> &[u16] {
        self.view().tokens(i)
    }
}

/// An index's arrays as slices ([`Index::view`]).
#[derive(Clone, Copy)]
pub(super) struct View<'a> {
    arena: &'a str,
    starts: &'a [u32],
    bodies: &'a [Part<str>],
    bags: &'a [u32],
    metas: &'a [ItemMeta],
    dates: &'a [u32],
    vocabulary: &'a Vocabulary,
    token_starts: &'a [u32],
    tokens: &'a [u16],
}

impl<'a> View<'a> {
    pub(super) fn len(&self) -> usize {
        self.metas.len()
    }

    pub(super) fn folded(&self, i: usize) -> &'a str {
        if let Some(meta) = self.metas.get(i).filter(|m| m.in_body()) {
            // Through the text handle: a `Part`'s deref is a call through a pointer,
            // which cost a scan of every item 7%.
            let body = self.bodies.get(meta.article as usize);
            let body = body.map(|body| body.handle().body());
            let range = meta.body_start as usize..meta.body_end as usize;
            return body.and_then(|body| body.get(range)).unwrap_or("");
        }
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&s), Some(&e)) => self.arena.get(s as usize..e as usize).unwrap_or(""),
            _ => "",
        }
    }

    /// The encoded word ids of item `i` (see [`super::vocab::decode`]).
    pub(super) fn tokens(&self, i: usize) -> &'a [u16] {
        match (self.token_starts.get(i), self.token_starts.get(i + 1)) {
            (Some(&s), Some(&e)) => self.tokens.get(s as usize..e as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    pub(super) fn vocabulary(&self) -> &'a Vocabulary {
        self.vocabulary
    }

    pub(super) fn bag(&self, i: usize) -> u32 {
        self.bags.get(i).copied().unwrap_or(0)
    }

    pub(super) fn kind(&self, i: usize) -> ItemKind {
        self.metas.get(i).map_or(ItemKind::Note, ItemMeta::kind)
    }

    pub(super) fn article(&self, i: usize) -> usize {
        self.metas.get(i).map_or(usize::MAX, |m| m.article as usize)
    }

    /// The date key of item `i`'s article (0 if unknown).
    pub(super) fn date(&self, i: usize) -> u32 {
        self.dates.get(self.article(i)).copied().unwrap_or(0)
    }
}

/// A bit per ASCII letter (case ignored) and per pair of digits: an item can only
/// match a term whose bag is a subset of the item's.
pub fn char_bag(text: &str) -> u32 {
    byte_bag(text.as_bytes())
}

/// [`char_bag`] of text given as its bytes.
fn byte_bag(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0, |bag, &b| bag | BYTE_BITS[b as usize])
}

/// [`byte_bit`] of every byte, computed at compile time (a lookup per byte of text).
const BYTE_BITS: [u32; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = byte_bit(b as u8);
        b += 1;
    }
    table
};

const fn byte_bit(b: u8) -> u32 {
    match b {
        b'a'..=b'z' => 1 << (b - b'a'),
        b'A'..=b'Z' => 1 << (b - b'A'),
        b'0'..=b'9' => 1 << (26 + (b - b'0') / 2),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_titles_and_sentences_of_the_seeds() {
        let corpus = Corpus::seeds();
        let index = Index::build(&corpus);
        let expected: usize = corpus.articles.iter().map(|a| 1 + a.sentences.len()).sum();
        assert_eq!(index.len(), expected);
        let first = index.item(0).unwrap();
        assert_eq!(first.kind, ItemKind::Title);
        assert_eq!(first.range, None);
        let second = index.item(1).unwrap();
        assert_eq!(second.kind, ItemKind::Sentence);
        let article = &corpus.articles[0];
        let range = second.range.unwrap();
        assert_eq!(
            second.folded.chars().count(),
            article.body[range].chars().count()
        );
    }

    #[test]
    fn ascii_sentences_are_read_from_the_body_and_others_folded_into_the_arena() {
        let mut corpus = Corpus::seeds();
        let article = &corpus.articles[0];
        let body = format!("{} “Erdoğan’s” İdlib — soon.", article.body.as_str());
        let mut sentences = article.sentences.to_vec();
        let paragraph = sentences.last().map_or(0, |s| s.paragraph);
        let appended = article.body.len() + 1..body.len();
        sentences.push(crate::corpus::Sentence {
            range: appended.clone(),
            paragraph,
        });
        let text = crate::corpus::Text {
            body,
            paragraphs: article.paragraphs.to_vec(),
            sentences,
        };
        let parts = crate::corpus::TextHandle::new(text).parts();
        (corpus.articles[0].body, _, corpus.articles[0].sentences) = (parts.0, parts.1, parts.2);
        let index = Index::build(&corpus);
        let mut copied = 0;
        for i in 0..index.len() {
            let item = index.item(i).unwrap();
            let article = &corpus.articles[item.article];
            let original = match item.range.clone() {
                Some(range) => &article.body[range],
                None => article.title.as_str(),
            };
            let mut folded = String::new();
            fold_into(original, &mut folded);
            assert_eq!(item.folded, folded);
            let in_body = index.metas[i].in_body();
            assert_eq!(in_body, item.range.is_some() && original.is_ascii());
            if !in_body {
                copied += folded.len();
            }
        }
        assert_eq!(index.arena.as_str().len(), copied);
        let added = (0..index.len())
            .find(|&i| index.item(i).unwrap().range == Some(appended.clone()))
            .unwrap();
        assert!(
            index
                .item(added)
                .unwrap()
                .folded
                .starts_with("\"Erdogan's\" ")
        );
        assert!(!index.metas[added].in_body());
    }

    #[test]
    fn a_pushed_passage_of_a_kept_body_is_read_from_it() {
        let corpus = Corpus::seeds();
        let (article, sentence) = corpus
            .articles
            .iter()
            .enumerate()
            .flat_map(|(i, a)| a.sentences.iter().map(move |s| (i, s.range.clone())))
            .find(|(i, range)| corpus.articles[*i].body[range.clone()].is_ascii())
            .unwrap();
        let passage = &corpus.articles[article].body[sentence.clone()];
        let mut index = Index::default();
        index.set_bodies(&corpus.articles);
        assert!(index.push_item(article, ItemKind::Quote, passage, Some(sentence.clone())));
        // Not the passage at that range (a quote's text with its spaces folded).
        let other = format!("{passage} ");
        assert!(index.push_item(article, ItemKind::Quote, &other, Some(sentence.clone())));
        assert!(index.push_item(0, ItemKind::Note, passage, None));
        assert_eq!(
            index.metas.iter().map(|m| m.in_body()).collect::<Vec<_>>(),
            [true, false, false]
        );
        assert_eq!(index.arena.as_str().len(), 2 * passage.len() + 1);
        assert_eq!(index.item(0).unwrap().folded, passage);
        assert_eq!(index.item(1).unwrap().folded, other);
        assert_eq!(index.tokens(0), index.tokens(2));
    }

    #[test]
    fn pushed_items_keep_their_kind_and_range() {
        let mut index = Index::default();
        assert!(index.push_item(3, ItemKind::Quote, "“Ready”", Some(10..19)));
        assert!(index.push_item(3, ItemKind::Note, "my note", None));
        let quote = index.item(0).unwrap();
        assert_eq!(
            (quote.article, quote.kind, quote.range, quote.folded),
            (3, ItemKind::Quote, Some(10..19), "\"Ready\"")
        );
        assert_eq!(index.item(1).unwrap().range, None);
        assert!(index.item(2).is_none());
        #[allow(clippy::reversed_empty_ranges)]
        let reversed = Some(5..2);
        assert!(!index.push_item(0, ItemKind::Quote, "x", reversed));
        assert_eq!(index.len(), 2);
    }

    #[test]
    fn char_bag_ignores_case() {
        assert_eq!(char_bag("Ab"), char_bag("aB"));
        assert_eq!(char_bag("a") | char_bag("9"), char_bag("a9"));
        assert_eq!(char_bag("é!"), 0);
    }
}
