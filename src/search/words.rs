//! Words of folded text, as prose search sees them: runs of letters and digits. Everything
//! else (spaces, punctuation, apostrophes, hyphens) separates words, so `Erdogan's` is
//! `Erdogan` and `s`, and `secretary-general` is two words.

use std::borrow::Cow;
use std::ops::Range;

use super::fold::IGNORED;

/// Whether byte `b` (ASCII) is part of a word; non-ASCII chars are looked at whole.
const fn ascii_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// Per byte: 0 = separator, 1 = ASCII word byte, 2 = start (or continuation) of a
/// non-ASCII char, decided by decoding it.
const BYTE_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = if b >= 0x80 {
            2
        } else if ascii_word_byte(b as u8) {
            1
        } else {
            0
        };
        b += 1;
    }
    table
};

/// Whether `c` is part of a word ([`IGNORED`] is: it stands for invisible marks).
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        ascii_word_byte(c as u8)
    } else {
        c.is_alphanumeric() || c == IGNORED
    }
}

/// `word` without its [`IGNORED`] chars, which matching leaves out (borrowed when it
/// has none, as nearly every word).
pub fn without_ignored(word: &str) -> Cow<'_, str> {
    if word.is_ascii() || !word.contains(IGNORED) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.chars().filter(|&c| c != IGNORED).collect())
    }
}

/// Whether `c` belongs to a script written without spaces between words (Han, kana,
/// Thai, …): prose search cannot find words in it, so terms in it are matched as text.
pub fn is_unspaced_script(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0EFF}'     // Thai, Lao
        | '\u{1000}'..='\u{109F}'   // Myanmar
        | '\u{1780}'..='\u{17FF}'   // Khmer
        | '\u{3040}'..='\u{30FF}'   // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}'   // CJK Extension A
        | '\u{4E00}'..='\u{9FFF}'   // CJK Unified Ideographs
        | '\u{F900}'..='\u{FAFF}'   // CJK Compatibility Ideographs
        | '\u{20000}'..='\u{2FA1F}' // CJK Extensions B–F, compatibility supplement
    )
}

/// The word starting at byte `at` of `text`, if one does (the char there is part of a
/// word and the one before is not).
#[inline]
pub fn word_starting_at(text: &str, at: usize) -> Option<Range<usize>> {
    let before = text.get(..at)?;
    let starts_word = match before.as_bytes().last() {
        None => true,
        Some(&b) if b < 0x80 => !ascii_word_byte(b),
        Some(_) => !before.chars().next_back().is_some_and(is_word_char),
    };
    if !starts_word {
        return None;
    }
    let mut rest = Words { text, at };
    rest.next().filter(|word| word.start == at)
}

/// The byte offsets in `text` where `a` or `b` (ASCII bytes differing in bit 5 at most,
/// as a letter in either case) occurs, eight bytes at a time: for frequent letters, where
/// a memchr call per occurrence costs more than looking at every byte.
pub fn ascii_pair_positions(text: &str, a: u8, b: u8) -> impl Iterator<Item = usize> + '_ {
    debug_assert_eq!(a | 0x20, b | 0x20);
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let fold = u64::from(a ^ b) * 0x0101_0101_0101_0101;
    let wanted = u64::from(a | b) * 0x0101_0101_0101_0101;
    let bytes = text.as_bytes();
    let chunks = bytes.len() / 8;
    let mut chunk = 0;
    let mut pending = 0u64;
    let mut tail = chunks * 8;
    std::iter::from_fn(move || {
        loop {
            if pending != 0 {
                let bit = pending.trailing_zeros() as usize;
                pending &= pending - 1;
                return Some((chunk - 1) * 8 + bit / 8);
            }
            if chunk == chunks {
                let at = tail + bytes.get(tail..)?.iter().position(|&c| c == a || c == b)?;
                tail = at + 1;
                return Some(at);
            }
            let mut word = [0u8; 8];
            word.copy_from_slice(&bytes[chunk * 8..chunk * 8 + 8]);
            // Bytes equal to `wanted` once the bit telling a from b is set become zero.
            let x = (u64::from_le_bytes(word) | fold) ^ wanted;
            // A byte's top bit is clear exactly when the byte is zero (no carries across).
            pending = !(((x & LOW7) + LOW7) | x) & HIGH;
            chunk += 1;
        }
    })
}

/// The byte ranges of the words of `text`, in order.
pub fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// Iterator of [`words`].
pub struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl Words<'_> {
    /// Whether the char starting at byte `at` is part of a word, and its length.
    #[inline]
    fn word_char_at(&self, at: usize) -> (bool, usize) {
        let bytes = self.text.as_bytes();
        match BYTE_CLASS[bytes[at] as usize] {
            0 => (false, 1),
            1 => (true, 1),
            _ => match self.text.get(at..).and_then(|rest| rest.chars().next()) {
                Some(c) => (is_word_char(c), c.len_utf8()),
                // Not a char boundary (never, for a `str`): step over the byte.
                None => (false, 1),
            },
        }
    }
}

impl Iterator for Words<'_> {
    type Item = Range<usize>;

    #[inline]
    fn next(&mut self) -> Option<Range<usize>> {
        let bytes = self.text.as_bytes();
        // Skip separators: ASCII ones a run at a time, without decoding.
        let start = loop {
            let skipped = bytes
                .get(self.at..)?
                .iter()
                .position(|&b| BYTE_CLASS[b as usize] != 0)?;
            self.at += skipped;
            if BYTE_CLASS[bytes[self.at] as usize] == 1 {
                break self.at;
            }
            let (word, char_len) = self.word_char_at(self.at);
            if word {
                break self.at;
            }
            self.at += char_len;
        };
        let mut end = start;
        loop {
            let run = bytes[end..]
                .iter()
                .position(|&b| BYTE_CLASS[b as usize] != 1)
                .unwrap_or(bytes.len() - end);
            end += run;
            if end >= bytes.len() || BYTE_CLASS[bytes[end] as usize] == 0 {
                break;
            }
            let (word, char_len) = self.word_char_at(end);
            if !word {
                break;
            }
            end += char_len;
        }
        self.at = end;
        Some(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(text: &str) -> Vec<&str> {
        words(text).map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_on_everything_but_letters_and_digits() {
        assert_eq!(
            list("Erdogan's secretary-general, F-16s (2016)!"),
            vec!["Erdogan", "s", "secretary", "general", "F", "16s", "2016"]
        );
        assert_eq!(list(""), Vec::<&str>::new());
        assert_eq!(list("  ...  "), Vec::<&str>::new());
        assert_eq!(list("путин и «нато»"), vec!["путин", "и", "нато"]);
        assert_eq!(list("a\u{2014}b €5 🙂x"), vec!["a", "b", "5", "x"]);
    }

    #[test]
    fn ascii_pairs_are_found_eight_bytes_at_a_time() {
        let text = "Erdoğan, erdogan — ERDOGAN e🙂E. Long text to pass eight bytes: zzzzzzzzzzzzze";
        for (a, b) in [(b'e', b'E'), (b'z', b'Z'), (b'.', b'.'), (b'q', b'Q')] {
            let expected: Vec<usize> = text
                .bytes()
                .enumerate()
                .filter(|&(_, c)| c == a || c == b)
                .map(|(i, _)| i)
                .collect();
            assert_eq!(
                ascii_pair_positions(text, a, b).collect::<Vec<_>>(),
                expected
            );
        }
        assert_eq!(ascii_pair_positions("", b'a', b'A').count(), 0);
    }

    #[test]
    fn words_start_after_a_separator() {
        let text = "Erdoğan's ğx x";
        let starts: Vec<usize> = (0..=text.len())
            .filter_map(|at| word_starting_at(text, at).map(|w| w.start))
            .collect();
        let expected: Vec<usize> = words(text).map(|w| w.start).collect();
        assert_eq!(starts, expected);
        assert_eq!(word_starting_at(text, 0), Some(0..8));
        assert_eq!(word_starting_at(text, 99), None);
    }

    #[test]
    fn words_are_the_maximal_runs_of_word_chars() {
        let texts = [
            "x y",
            "ab—cd ef",
            "日本語 テキスト",
            "İstanbul’da",
            "a1b2 c3",
        ];
        for text in texts {
            let expected: Vec<String> = text
                .split(|c: char| !is_word_char(c))
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            assert_eq!(list(text), expected, "{text}");
        }
    }
}
