//! Offsets in Unicode code points (what stored selectors count, as the W3C model does) and
//! byte offsets (what `str` slicing and the corpus ranges use), converted both ways.

use std::ops::Range;

/// The byte offset of code point `cp` in `text`; `None` past the end. `cp == chars` gives
/// `text.len()`.
pub fn cp_to_byte(text: &str, cp: usize) -> Option<usize> {
    if text.is_ascii() {
        return (cp <= text.len()).then_some(cp);
    }
    text.char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .nth(cp)
}

/// The number of code points before byte `byte`; a byte inside a character counts that
/// character as not yet reached, and a byte past the end counts every character.
pub fn byte_to_cp(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    let mut end = byte;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].chars().count()
}

/// Converts many offsets in one article quickly: a checkpoint every `STEP` characters,
/// so each conversion walks at most `STEP` characters. Pure ASCII text needs no table.
#[derive(Debug, Clone)]
pub struct CodePoints {
    /// Byte offset of every `STEP`-th character; empty for ASCII text.
    checkpoints: Vec<usize>,
    len_bytes: usize,
    len_chars: usize,
    ascii: bool,
}

const STEP: usize = 64;

impl CodePoints {
    pub fn new(text: &str) -> CodePoints {
        if text.is_ascii() {
            return CodePoints {
                checkpoints: Vec::new(),
                len_bytes: text.len(),
                len_chars: text.len(),
                ascii: true,
            };
        }
        let mut checkpoints = Vec::new();
        let mut count = 0;
        for (i, (b, _)) in text.char_indices().enumerate() {
            if i % STEP == 0 {
                checkpoints.push(b);
            }
            count = i + 1;
        }
        CodePoints {
            checkpoints,
            len_bytes: text.len(),
            len_chars: count,
            ascii: false,
        }
    }

    /// The number of code points in the text.
    pub fn len(&self) -> usize {
        self.len_chars
    }

    pub fn is_empty(&self) -> bool {
        self.len_chars == 0
    }

    /// Byte offset of code point `cp` in `text` (the text this table was built from).
    pub fn to_byte(&self, text: &str, cp: usize) -> Option<usize> {
        if text.len() != self.len_bytes {
            return cp_to_byte(text, cp);
        }
        if self.ascii {
            return (cp <= text.len()).then_some(cp);
        }
        if cp == self.len_chars {
            return Some(self.len_bytes);
        }
        let start = *self.checkpoints.get(cp / STEP)?;
        text.get(start..)?
            .char_indices()
            .nth(cp % STEP)
            .map(|(b, _)| start + b)
    }

    /// Code point offset of byte `byte` in `text`.
    pub fn to_cp(&self, text: &str, byte: usize) -> usize {
        if text.len() != self.len_bytes {
            return byte_to_cp(text, byte);
        }
        if self.ascii {
            return byte.min(text.len());
        }
        let byte = byte.min(self.len_bytes);
        let block = self.checkpoints.partition_point(|&b| b <= byte).max(1) - 1;
        let start = self.checkpoints.get(block).copied().unwrap_or(0);
        match text.get(start..) {
            Some(rest) => block * STEP + byte_to_cp(rest, byte - start),
            // Not the text the table was built from.
            None => byte_to_cp(text, byte),
        }
    }

    /// A code point range as a byte range of `text`; `None` when out of bounds or
    /// reversed.
    pub fn to_byte_range(&self, text: &str, range: Range<usize>) -> Option<Range<usize>> {
        if range.start > range.end {
            return None;
        }
        Some(self.to_byte(text, range.start)?..self.to_byte(text, range.end)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIXED: &str = "Erdoğan said “no” — 33 soldiers. 日本語 ok 🙂 end";

    #[test]
    fn ascii_offsets_are_the_same_in_both_units() {
        assert_eq!(cp_to_byte("abc", 2), Some(2));
        assert_eq!(cp_to_byte("abc", 3), Some(3));
        assert_eq!(cp_to_byte("abc", 4), None);
        assert_eq!(byte_to_cp("abc", 2), 2);
    }

    #[test]
    fn non_ascii_offsets_round_trip() {
        let chars = MIXED.chars().count();
        for cp in 0..=chars {
            let byte = cp_to_byte(MIXED, cp).unwrap();
            assert!(MIXED.is_char_boundary(byte));
            assert_eq!(byte_to_cp(MIXED, byte), cp);
        }
        assert_eq!(cp_to_byte(MIXED, chars + 1), None);
    }

    #[test]
    fn a_byte_inside_a_character_counts_it_as_not_reached() {
        let text = "aé";
        assert_eq!(byte_to_cp(text, 2), 1);
        assert_eq!(byte_to_cp(text, 99), 2);
    }

    #[test]
    fn the_table_agrees_with_the_plain_functions() {
        let long: String = MIXED.repeat(40);
        let table = CodePoints::new(&long);
        let chars = long.chars().count();
        assert_eq!(table.len(), chars);
        for cp in (0..=chars).step_by(7).chain([chars]) {
            let byte = cp_to_byte(&long, cp);
            assert_eq!(table.to_byte(&long, cp), byte, "cp {cp}");
            let byte = byte.unwrap();
            assert_eq!(table.to_cp(&long, byte), cp);
        }
        assert_eq!(table.to_byte(&long, chars + 1), None);
        let ascii = CodePoints::new("plain");
        assert_eq!(ascii.to_byte("plain", 5), Some(5));
        assert_eq!(ascii.to_byte_range("plain", 1..3), Some(1..3));
        #[allow(clippy::reversed_empty_ranges)]
        let reversed = 3..1;
        assert_eq!(ascii.to_byte_range("plain", reversed), None);
        // A table used on another text of the same length does not panic.
        let mut other = "é".repeat(long.len() / 2);
        if other.len() < long.len() {
            other.push('a');
        }
        for b in (0..other.len()).step_by(13) {
            let _ = table.to_cp(&other, b);
            let _ = table.to_byte(&other, b / 2);
        }
    }
}
