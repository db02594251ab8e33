//! An article's text (its body and the paragraphs and sentences in it), either in memory
//! or kept elsewhere (the cache) and read the first time it is used: a corpus of 50,000
//! articles lists, sorts and searches without holding every text.
//!
//! The article's `body`, `paragraphs` and `sentences` are [`Part`]s of one shared
//! [`Text`]: they read like the `str` and slices they stand for (they dereference to
//! them), so the rest of the code is unchanged by where the text lives.

use std::fmt;
use std::ops::Deref;
use std::sync::{Arc, OnceLock};

use super::article::{Paragraph, Sentence};

/// The text of an article: every range points into `body`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    pub body: String,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
}

/// Reads a text kept outside memory. Returning `None` (it could not be read at all)
/// gives the article an empty text.
pub trait TextSource: Send + Sync {
    fn read(&self) -> Option<Text>;
}

/// The one place an article's text lives, shared by its parts.
struct Cell {
    text: OnceLock<Text>,
    /// Where the text is read from when it is not in memory yet.
    source: Option<Box<dyn TextSource>>,
    /// The fingerprint of the story (see [`super::fingerprint`]), known without the text.
    fingerprint: u128,
}

impl Cell {
    fn text(&self) -> &Text {
        self.text
            .get_or_init(|| self.read_now().unwrap_or_default())
    }

    fn read_now(&self) -> Option<Text> {
        self.source.as_ref().and_then(|source| source.read())
    }
}

/// The article's text as one handle: in memory, or read when first used.
#[derive(Clone)]
pub struct TextHandle(Arc<Cell>);

impl TextHandle {
    /// A text in memory.
    pub fn new(text: Text) -> TextHandle {
        let fingerprint = super::dedup::text_fingerprint(&text);
        let cell = Cell {
            text: OnceLock::from(text),
            source: None,
            fingerprint,
        };
        TextHandle(Arc::new(cell))
    }

    /// A text kept elsewhere, with its known fingerprint: read from `source` when first
    /// used.
    pub fn stored(source: Box<dyn TextSource>, fingerprint: u128) -> TextHandle {
        TextHandle(Arc::new(Cell {
            text: OnceLock::new(),
            source: Some(source),
            fingerprint,
        }))
    }

    pub fn fingerprint(&self) -> u128 {
        self.0.fingerprint
    }

    /// Whether the text is in memory (made there, or read already).
    pub fn is_loaded(&self) -> bool {
        self.0.text.get().is_some()
    }

    /// The text, read (and then kept) if it is not in memory yet.
    pub fn get(&self) -> &Text {
        self.0.text()
    }

    /// The text without keeping it: borrowed when in memory, else read for this use
    /// only (for going through a whole corpus whose texts are kept elsewhere).
    pub fn now(&self) -> TextNow<'_> {
        match self.0.text.get() {
            Some(text) => TextNow::Kept(text),
            None => TextNow::Read(self.0.read_now().unwrap_or_default()),
        }
    }

    fn part<T: ?Sized>(&self, pick: fn(&Text) -> &T) -> Part<T> {
        Part {
            text: self.clone(),
            pick,
        }
    }

    /// The parts an article holds: body, paragraphs and sentences.
    pub fn parts(&self) -> (Part<str>, Part<[Paragraph]>, Part<[Sentence]>) {
        (
            self.part(|t| t.body.as_str()),
            self.part(|t| t.paragraphs.as_slice()),
            self.part(|t| t.sentences.as_slice()),
        )
    }
}

/// A text for one use: see [`TextHandle::now`].
pub enum TextNow<'a> {
    Kept(&'a Text),
    Read(Text),
}

impl Deref for TextNow<'_> {
    type Target = Text;
    fn deref(&self) -> &Text {
        match self {
            TextNow::Kept(text) => text,
            TextNow::Read(text) => text,
        }
    }
}

/// One part of an article's text, read as the `T` it stands for (`str` for the body,
/// slices for paragraphs and sentences).
pub struct Part<T: ?Sized + 'static> {
    text: TextHandle,
    pick: fn(&Text) -> &T,
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
        (self.pick)(self.text.get())
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
    use std::sync::atomic::{AtomicUsize, Ordering};

    struct Counted(Arc<AtomicUsize>);

    impl TextSource for Counted {
        fn read(&self) -> Option<Text> {
            self.0.fetch_add(1, Ordering::SeqCst);
            Some(Text {
                body: "Kept elsewhere.".to_string(),
                ..Text::default()
            })
        }
    }

    #[test]
    fn a_stored_text_is_read_once_when_first_used_and_then_kept() {
        let reads = Arc::new(AtomicUsize::new(0));
        let handle = TextHandle::stored(Box::new(Counted(Arc::clone(&reads))), 7);
        let (body, paragraphs, _) = handle.parts();
        assert!(!handle.is_loaded());
        assert_eq!(handle.fingerprint(), 7);
        assert_eq!(reads.load(Ordering::SeqCst), 0, "nothing read before use");
        assert_eq!(&*handle.now().body, "Kept elsewhere.");
        assert!(!handle.is_loaded(), "now() does not keep what it read");
        assert_eq!(reads.load(Ordering::SeqCst), 1);
        assert_eq!(body, "Kept elsewhere.");
        assert!(paragraphs.is_empty());
        assert_eq!(body.len(), 15);
        assert!(handle.is_loaded());
        assert_eq!(reads.load(Ordering::SeqCst), 2, "read once more, then kept");
    }

    #[test]
    fn a_text_in_memory_is_never_read_and_knows_its_fingerprint() {
        let text = Text {
            body: "In memory.".to_string(),
            ..Text::default()
        };
        let handle = TextHandle::new(text.clone());
        assert!(handle.is_loaded());
        assert_eq!(*handle.now(), text);
        assert_eq!(
            handle.fingerprint(),
            crate::corpus::dedup::text_fingerprint(&text)
        );
    }
}
