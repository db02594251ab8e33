//! An array of an index: built in memory, or read where it lies in the cache's index
//! file, mapped into memory (see [`crate::cache`]), instead of being copied out of it.
//!
//! A mapped array is a range of the map that was checked, when the array was made, to
//! be aligned for its numbers and a whole number of them (a mapped text: to be UTF-8).
//! Reading it again only re-slices the map, through checked casts (`bytemuck`), so even
//! a range that no longer fitted would read as empty, never out of bounds. Changing a
//! mapped array (an item pushed to an index read from the cache) first copies it into
//! memory of its own.

use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

use bytemuck::Pod;
use memmap2::Mmap;

use crate::corpus::SharedText;

/// Numbers, built or mapped.
#[derive(Clone)]
pub(crate) struct Array<T> {
    /// The numbers when they are not mapped.
    built: Vec<T>,
    /// The range of the map that holds them, when they are.
    mapped: Option<(Arc<Mmap>, Range<usize>)>,
}

impl<T: Pod> Array<T> {
    /// The numbers in `range` of `map`, if that range is in the map, aligned for `T`
    /// and a whole number of them. They are in this machine's byte order: the index
    /// file's header says which order it was written in.
    pub(crate) fn mapped(map: &Arc<Mmap>, range: Range<usize>) -> Option<Array<T>> {
        bytemuck::try_cast_slice::<u8, T>(map.get(range.clone())?).ok()?;
        Some(Array {
            built: Vec::new(),
            mapped: Some((Arc::clone(map), range)),
        })
    }

    #[inline]
    pub(crate) fn as_slice(&self) -> &[T] {
        match &self.mapped {
            None => &self.built,
            Some((map, range)) => map
                .get(range.clone())
                .and_then(|bytes| bytemuck::try_cast_slice(bytes).ok())
                .unwrap_or_default(),
        }
    }

    /// The numbers to change, copied out of the map first if they are mapped.
    pub(crate) fn to_mut(&mut self) -> &mut Vec<T> {
        if self.mapped.is_some() {
            self.built = self.as_slice().to_vec();
            self.mapped = None;
        }
        &mut self.built
    }

    /// Bytes of memory of its own (none for a mapped array).
    pub(crate) fn heap_bytes(&self) -> usize {
        self.built.capacity() * size_of::<T>()
    }
}

impl<T> Default for Array<T> {
    fn default() -> Self {
        Array {
            built: Vec::new(),
            mapped: None,
        }
    }
}

impl<T> From<Vec<T>> for Array<T> {
    fn from(built: Vec<T>) -> Self {
        Array {
            built,
            mapped: None,
        }
    }
}

impl<T: Pod> Deref for Array<T> {
    type Target = [T];

    #[inline]
    fn deref(&self) -> &[T] {
        self.as_slice()
    }
}

impl<T: Pod + PartialEq> PartialEq for Array<T> {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl<T: Pod + Eq> Eq for Array<T> {}

impl<T: Pod + fmt::Debug> fmt::Debug for Array<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_slice().fmt(f)
    }
}

/// Text, built or mapped (checked to be UTF-8 when mapped, see [`SharedText::mapped`]).
#[derive(Clone)]
pub(crate) struct Text(SharedText);

impl Text {
    /// The text in `range` of `map`, if that range is in the map and is UTF-8; `also`
    /// sees every byte of it, in order, as it is checked (for a checksum in the same
    /// pass).
    pub(crate) fn mapped(
        map: &Arc<Mmap>,
        range: Range<usize>,
        also: impl FnMut(&[u8]),
    ) -> Option<Text> {
        SharedText::mapped(Arc::clone(map), range, also).map(Text)
    }

    #[inline]
    pub(crate) fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The text to change, copied out of the map first if it is mapped.
    pub(crate) fn to_mut(&mut self) -> &mut String {
        self.0.to_mut()
    }

    /// Bytes of memory of its own (none for a mapped text).
    pub(crate) fn heap_bytes(&self) -> usize {
        self.0.heap_bytes()
    }
}

impl Default for Text {
    fn default() -> Self {
        Text::from(String::new())
    }
}

impl From<String> for Text {
    fn from(built: String) -> Self {
        Text(SharedText::from(built))
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_str().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A read-only map holding `bytes` (anonymous: no file needed).
    fn map_of(bytes: &[u8]) -> Arc<Mmap> {
        let mut map = memmap2::MmapMut::map_anon(bytes.len().max(1)).unwrap();
        map[..bytes.len()].copy_from_slice(bytes);
        Arc::new(map.make_read_only().unwrap())
    }

    #[test]
    fn a_mapped_array_must_fit_be_aligned_and_whole_and_is_copied_when_changed() {
        let numbers: Vec<u32> = vec![1, 2, 0xFFFF_FFFF, 4];
        let map = map_of(bytemuck::cast_slice(&numbers));
        let mut array = Array::<u32>::mapped(&map, 4..12).expect("fits");
        assert_eq!(&*array, &[2, 0xFFFF_FFFF]);
        assert_eq!(array.heap_bytes(), 0);
        assert!(Array::<u32>::mapped(&map, 2..10).is_none(), "not aligned");
        assert!(Array::<u32>::mapped(&map, 4..10).is_none(), "not whole");
        assert!(Array::<u32>::mapped(&map, 8..20).is_none(), "past the map");
        assert!(Array::<u32>::mapped(&map, 16..16).is_some_and(|a| a.is_empty()));
        array.to_mut().push(7);
        assert_eq!(&*array, &[2, 0xFFFF_FFFF, 7]);
        assert_eq!(array, Array::from(vec![2, 0xFFFF_FFFF, 7]));
    }

    #[test]
    fn a_mapped_text_must_be_utf8_and_is_copied_when_changed() {
        let map = map_of("İdlib “x”".as_bytes());
        let mut seen: Vec<u8> = Vec::new();
        let mut text =
            Text::mapped(&map, 0..map.len(), |piece| seen.extend_from_slice(piece)).unwrap();
        assert_eq!(text.as_str(), "İdlib “x”");
        assert_eq!(seen, map[..]);
        assert!(Text::mapped(&map, 0..1, |_| {}).is_none(), "cuts a char");
        text.to_mut().push('!');
        assert_eq!(text, Text::from("İdlib “x”!".to_string()));
    }
}
