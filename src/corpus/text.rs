//! An article's text: its body and the paragraphs and sentences in it, held once.
//!
//! The article's `body`, `paragraphs` and `sentences` are [`Part`]s of one shared
//! [`Text`]: they read like the `str` and slices they stand for (they dereference to
//! them); cloning an article shares its text instead of copying it.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use super::article::{Paragraph, Sentence};

/// The text of an article: every range points into `body`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    pub body: String,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
}

/// The one place an article's text lives, shared by its parts.
struct Cell {
    text: Text,
    /// The fingerprint of the story (see [`super::fingerprint`]).
    fingerprint: u128,
}

/// The article's text as one handle, shared by its parts.
#[derive(Clone)]
pub struct TextHandle(Arc<Cell>);

impl TextHandle {
    pub fn new(text: Text) -> TextHandle {
        let fingerprint = super::dedup::text_fingerprint(&text);
        TextHandle(Arc::new(Cell { text, fingerprint }))
    }

    pub fn fingerprint(&self) -> u128 {
        self.0.fingerprint
    }

    pub fn get(&self) -> &Text {
        &self.0.text
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

    #[test]
    fn a_text_knows_its_fingerprint() {
        let text = Text {
            body: "In memory.".to_string(),
            ..Text::default()
        };
        let handle = TextHandle::new(text.clone());
        assert_eq!(*handle.get(), text);
        assert_eq!(
            handle.fingerprint(),
            crate::corpus::dedup::text_fingerprint(&text)
        );
    }
}
