//! An article's text: its body and the paragraphs and sentences in it, held once.
//!
//! The article's `body`, `paragraphs` and `sentences` are [`Part`]s of one shared
//! [`Text`]: they read like the `str` and slices they stand for (they dereference to
//! them); cloning an article shares its text instead of copying it.

use std::fmt;
use std::ops::{Deref, Range};
use std::sync::{Arc, OnceLock};

use super::article::{Paragraph, Sentence};

/// The text of an article: every range points into `body`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    pub body: String,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
}

/// Where an article's body lives: its own string, or a range of a buffer that many
/// articles share (the cache's corpus snapshot, read in one piece).
enum Body {
    Owned(String),
    Shared(Arc<SharedText>, Range<usize>),
}

/// A text that many articles' bodies are ranges of: a string, or part of a file mapped
/// into memory (the cache's corpus snapshot), checked to be UTF-8 when made.
#[derive(Clone)]
pub struct SharedText(Store);

/// Bytes of a mapped text checked at a time ([`SharedText::mapped`]).
const CHECKED_AT_A_TIME: usize = 1 << 18;

#[derive(Clone)]
enum Store {
    Owned(String),
    /// `range` of the mapped file, UTF-8.
    Mapped(Arc<memmap2::Mmap>, Range<usize>),
}

impl SharedText {
    /// `range` of the mapped file `map`, if it is there and is UTF-8; `also` is shown
    /// each piece of it as it is checked (all of it, in order, when it is UTF-8), so that
    /// a checksum reads it in the same pass, while it is in the processor's cache.
    ///
    /// The check is made once, here, not on every read: like the map's own `&[u8]`, it
    /// relies on the promise made (in `unsafe`) when the map was made, that nobody
    /// changes the file while it is mapped (see where the cache maps its snapshot and
    /// its index files, the only callers).
    pub(crate) fn mapped(
        map: Arc<memmap2::Mmap>,
        range: Range<usize>,
        mut also: impl FnMut(&[u8]),
    ) -> Option<SharedText> {
        let mut rest = map.get(range.clone())?;
        while !rest.is_empty() {
            // Each piece ends before a byte that starts a char (no char has more than
            // three continuation bytes), so the whole is UTF-8 if and only if every piece
            // is: a piece cut elsewhere in a valid text starts with a continuation byte.
            let mut end = rest.len().min(CHECKED_AT_A_TIME);
            for _ in 0..3 {
                if rest.get(end).is_some_and(|&b| b & 0xC0 == 0x80) {
                    end -= 1;
                }
            }
            let (piece, tail) = rest.split_at(end);
            also(piece);
            std::str::from_utf8(piece).ok()?;
            rest = tail;
        }
        Some(SharedText(Store::Mapped(map, range)))
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            Store::Owned(text) => text,
            Store::Mapped(map, range) => {
                let bytes = map.get(range.clone()).unwrap_or_default();
                // SAFETY: these bytes were found to be UTF-8 when this was made
                // (`SharedText::mapped`) and have not changed since: the map is read-only,
                // and it hands out its bytes as a `&[u8]` only because whoever made it
                // promised that nobody changes the file while it is mapped.
                unsafe { std::str::from_utf8_unchecked(bytes) }
            }
        }
    }
}

impl SharedText {
    /// The text to change: a mapped one is first copied into a string of its own.
    pub(crate) fn to_mut(&mut self) -> &mut String {
        if let Store::Mapped(..) = self.0 {
            self.0 = Store::Owned(self.as_str().to_string());
        }
        match &mut self.0 {
            Store::Owned(text) => text,
            Store::Mapped(..) => unreachable!("copied just above"),
        }
    }

    /// Bytes of memory of its own (none for a mapped text).
    pub(crate) fn heap_bytes(&self) -> usize {
        match &self.0 {
            Store::Owned(text) => text.capacity(),
            Store::Mapped(..) => 0,
        }
    }
}

impl From<String> for SharedText {
    fn from(text: String) -> SharedText {
        SharedText(Store::Owned(text))
    }
}

impl fmt::Debug for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SharedText({} bytes)", self.as_str().len())
    }
}

/// The one place an article's text lives, shared by its parts.
struct Cell {
    body: Body,
    paragraphs: Vec<Paragraph>,
    sentences: Vec<Sentence>,
    /// The fingerprint of the story (see [`super::fingerprint`]).
    fingerprint: u128,
    /// A hash of the text that the cache works out once ([`TextHandle::key`]), or was
    /// given with it.
    key: OnceLock<[u8; 16]>,
}

impl Cell {
    fn body(&self) -> &str {
        match &self.body {
            Body::Owned(body) => body,
            // Checked when made (`TextHandle::in_shared`): the range is always there.
            Body::Shared(buffer, range) => buffer.as_str().get(range.clone()).unwrap_or(""),
        }
    }
}

/// The article's text as one handle, shared by its parts.
#[derive(Clone)]
pub struct TextHandle(Arc<Cell>);

impl TextHandle {
    pub fn new(text: Text) -> TextHandle {
        let fingerprint = super::dedup::text_fingerprint(&text.body, &text.paragraphs);
        TextHandle(Arc::new(Cell {
            body: Body::Owned(text.body),
            paragraphs: text.paragraphs,
            sentences: text.sentences,
            fingerprint,
            key: OnceLock::new(),
        }))
    }

    /// A text whose body is `range` of `buffer`, shared with other articles instead of
    /// copied, and whose [`TextHandle::key`] is `key` when given; `None` unless the range
    /// is a range of the buffer on char boundaries and every paragraph and sentence a
    /// range of the body (sentences naming a paragraph).
    pub fn in_shared(
        buffer: &Arc<SharedText>,
        range: Range<usize>,
        paragraphs: Vec<Paragraph>,
        sentences: Vec<Sentence>,
        key: Option<[u8; 16]>,
    ) -> Option<TextHandle> {
        let body = buffer.as_str().get(range.clone())?;
        let fits = |r: &Range<usize>| r.start <= r.end && body.get(r.clone()).is_some();
        let sound = paragraphs.iter().all(|p| fits(&p.range))
            && sentences
                .iter()
                .all(|s| fits(&s.range) && s.paragraph < paragraphs.len());
        if !sound {
            return None;
        }
        let fingerprint = super::dedup::text_fingerprint(body, &paragraphs);
        Some(TextHandle(Arc::new(Cell {
            body: Body::Shared(Arc::clone(buffer), range),
            paragraphs,
            sentences,
            fingerprint,
            key: key.map(OnceLock::from).unwrap_or_default(),
        })))
    }

    /// The text's key: `work_out` (a hash of the text, the same for the same text)
    /// called once, on first use, unless it was given with the text.
    pub fn key(&self, work_out: impl FnOnce(&TextHandle) -> [u8; 16]) -> [u8; 16] {
        *self.0.key.get_or_init(|| work_out(self))
    }

    pub fn fingerprint(&self) -> u128 {
        self.0.fingerprint
    }

    pub fn body(&self) -> &str {
        self.0.body()
    }

    /// The body's length in bytes, without reading the body (a shared body's first and
    /// last bytes are far apart in memory: reading them for 50,000 articles cost a
    /// reopen cache misses worth a twentieth of a second).
    pub fn body_len(&self) -> usize {
        match &self.0.body {
            Body::Owned(body) => body.len(),
            Body::Shared(_, range) => range.len(),
        }
    }

    pub fn paragraphs(&self) -> &[Paragraph] {
        &self.0.paragraphs
    }

    pub fn sentences(&self) -> &[Sentence] {
        &self.0.sentences
    }

    /// A copy of the text, in its own string.
    pub fn to_text(&self) -> Text {
        Text {
            body: self.body().to_string(),
            paragraphs: self.0.paragraphs.clone(),
            sentences: self.0.sentences.clone(),
        }
    }

    fn part<T: ?Sized>(&self, pick: fn(&Cell) -> &T) -> Part<T> {
        Part {
            text: self.clone(),
            pick,
        }
    }

    /// The parts an article holds: body, paragraphs and sentences.
    pub fn parts(&self) -> (Part<str>, Part<[Paragraph]>, Part<[Sentence]>) {
        (
            self.part(Cell::body),
            self.part(|t| t.paragraphs.as_slice()),
            self.part(|t| t.sentences.as_slice()),
        )
    }
}

/// One part of an article's text, read as the `T` it stands for (`str` for the body,
/// slices for paragraphs and sentences).
pub struct Part<T: ?Sized + 'static> {
    text: TextHandle,
    pick: fn(&Cell) -> &T,
}

impl<T: ?Sized> Clone for Part<T> {
    fn clone(&self) -> Part<T> {
        Part {
            text: self.text.clone(),
            pick: self.pick,
        }
    }
}

impl<T: ?Sized> Part<T> {
    /// The whole text this is a part of.
    pub fn handle(&self) -> &TextHandle {
        &self.text
    }
}

impl<T: ?Sized> Deref for Part<T> {
    type Target = T;
    fn deref(&self) -> &T {
        (self.pick)(&self.text.0)
    }
}

impl<'a, T> IntoIterator for &'a Part<[T]> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl Part<str> {
    pub fn as_str(&self) -> &str {
        self
    }
}

impl<T: ?Sized + fmt::Debug> fmt::Debug for Part<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl fmt::Display for Part<str> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

impl<T: ?Sized + PartialEq> PartialEq for Part<T> {
    fn eq(&self, other: &Part<T>) -> bool {
        **self == **other
    }
}

impl PartialEq<str> for Part<str> {
    fn eq(&self, other: &str) -> bool {
        &**self == other
    }
}

impl PartialEq<&str> for Part<str> {
    fn eq(&self, other: &&str) -> bool {
        &**self == *other
    }
}

impl PartialEq<String> for Part<str> {
    fn eq(&self, other: &String) -> bool {
        **self == **other
    }
}

impl<T: PartialEq> PartialEq<Vec<T>> for Part<[T]> {
    fn eq(&self, other: &Vec<T>) -> bool {
        **self == **other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_knows_its_fingerprint() {
        let text = Text {
            body: "In memory.".to_string(),
            ..Text::default()
        };
        let handle = TextHandle::new(text.clone());
        assert_eq!(handle.to_text(), text);
        assert_eq!(
            handle.fingerprint(),
            crate::corpus::dedup::text_fingerprint(&text.body, &text.paragraphs)
        );
    }

    #[test]
    fn a_mapped_text_is_checked_piece_by_piece_across_char_boundaries() {
        let mapped = |bytes: &[u8], range: Range<usize>| {
            let mut file = tempfile::tempfile().unwrap();
            std::io::Write::write_all(&mut file, bytes).unwrap();
            // SAFETY: a file of this test's own, not written again while mapped.
            let map = Arc::new(unsafe { memmap2::Mmap::map(&file) }.unwrap());
            let mut seen = Vec::new();
            let text = SharedText::mapped(map, range, |piece| seen.extend_from_slice(piece));
            (text, seen)
        };
        // Several pieces, with two-, three- and four-byte chars across every cut.
        let mut text = String::from("x");
        while text.len() < 3 * CHECKED_AT_A_TIME {
            text.push_str("é€𝄞 a");
        }
        let bytes = [b"head".as_slice(), text.as_bytes(), b"tail"].concat();
        let whole = 4..4 + text.len();
        let (shared, seen) = mapped(&bytes, whole.clone());
        assert_eq!(shared.unwrap().as_str(), text);
        assert_eq!(seen, text.as_bytes());
        // Not UTF-8 in a later piece, or a range cutting a char, or past the end.
        let mut broken = bytes.clone();
        broken[4 + 2 * CHECKED_AT_A_TIME + 1] = 0xff;
        assert!(mapped(&broken, whole.clone()).0.is_none());
        assert!(mapped(&bytes, 6..4 + text.len()).0.is_none());
        assert!(mapped(&bytes, 4..bytes.len() + 1).0.is_none());
        // Empty.
        assert_eq!(mapped(&bytes, 4..4).0.unwrap().as_str(), "");
    }

    #[test]
    fn the_body_length_is_known_without_reading_the_body() {
        let owned = TextHandle::new(Text {
            body: "Owned, “quoted”.".to_string(),
            ..Text::default()
        });
        assert_eq!(owned.body_len(), owned.body().len());
        let buffer = Arc::new(SharedText::from("before Größe after".to_string()));
        let range = 7..14;
        let shared = TextHandle::in_shared(&buffer, range, Vec::new(), Vec::new(), None).unwrap();
        assert_eq!((shared.body(), shared.body_len()), ("Größe", "Größe".len()));
        // Not on char boundaries: refused when made, so the length is always the body's.
        assert!(TextHandle::in_shared(&buffer, 7..10, Vec::new(), Vec::new(), None).is_none());
    }
}
