//! A small tokenizer for the windows of text around quotes: words (with their inner
//! apostrophes, hyphens and abbreviation dots) and single punctuation marks, each with its
//! byte range in the body.

use std::borrow::Cow;

/// `text` in lower case with every character keeping its byte length, so that a byte range
/// of `text` is the same range of the result: words are lowered once per article, not once
/// per look. A character whose lower case is longer or shorter (`İ`) is kept as it is.
pub(crate) fn lowercase_aligned(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_uppercase) {
        return Cow::Borrowed(text);
    }
    // Most texts have no capital outside ASCII: lowering their ASCII keeps them valid
    // UTF-8, with nothing to check again.
    let Some(mut capital) = capital_outside_ascii(text, 0) else {
        let mut lowered = text.to_owned();
        lowered.make_ascii_lowercase();
        return Cow::Owned(lowered);
    };
    let mut bytes = text.as_bytes().to_vec();
    bytes.make_ascii_lowercase();
    loop {
        let (i, lower, len) = capital;
        lower.encode_utf8(&mut bytes[i..i + len]);
        match capital_outside_ascii(text, i + len) {
            Some(next) => capital = next,
            None => break,
        }
    }
    String::from_utf8(bytes).map_or(Cow::Borrowed(text), Cow::Owned)
}

/// The first capital outside ASCII at or after byte `from` (a char boundary) whose lower
/// case is one character of the same length: its offset, that lower case and its length.
fn capital_outside_ascii(text: &str, from: usize) -> Option<(usize, char, usize)> {
    // Found by their lead bytes; runs of eight ASCII bytes are stepped over at once (most
    // of a news text).
    let source = text.as_bytes();
    let mut i = from;
    while i < source.len() {
        if let Some(chunk) = source.get(i..i + 8)
            && u64::from_ne_bytes(chunk.try_into().unwrap_or([0x80; 8])) & 0x8080_8080_8080_8080
                == 0
        {
            i += 8;
            continue;
        }
        let b = source[i];
        if b < 0xC0 {
            i += 1;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            i += 1;
            continue;
        };
        let len = c.len_utf8();
        // General punctuation (curly quotes, dashes, ellipsis) has no case.
        if !is_general_punctuation(c) {
            let mut low = c.to_lowercase();
            if let (Some(l), None) = (low.next(), low.next())
                && l != c
                && l.len_utf8() == len
            {
                return Some((i, l, len));
            }
        }
        i += len;
    }
    None
}

/// The character at byte `i` of `text` (a char boundary) and its length; ASCII without
/// decoding.
pub(crate) fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some((b as char, 1));
    }
    let c = text.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    Word,
    Punct,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok<'a> {
    pub text: &'a str,
    /// `text` in lower case (see [`lowercase_aligned`]).
    low: &'a str,
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
}

impl<'a> Tok<'a> {
    pub fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokKind::Punct && self.text.starts_with(c)
    }

    /// Starts with an upper-case letter or a digit-free capital ("NATO", "Bakeer", "al-Assad" is not).
    pub fn is_capitalised(&self) -> bool {
        if self.kind != TokKind::Word {
            return false;
        }
        match self.text.as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => self.text.chars().next().is_some_and(char::is_uppercase),
        }
    }

    /// The word without a trailing possessive (`Turkey’s` → `Turkey`), and whether it had one.
    pub fn strip_possessive(&self) -> (&'a str, bool) {
        let stem = strip_possessive(self.text);
        (stem, stem.len() != self.text.len())
    }

    /// The lower-case word without a trailing possessive (`Turkey’s` → `turkey`).
    pub fn lower_stem(&self) -> &'a str {
        strip_possessive(self.low)
    }

    /// The word in lower case.
    pub fn lower(&self) -> &'a str {
        self.low
    }
}

/// `word` without a trailing `'s`, `’s`, `'` or `’` (unless that is all there is).
fn strip_possessive(word: &str) -> &str {
    // Every possessive ends in `'`, `s` or the last byte of `’`.
    if !matches!(word.as_bytes().last(), Some(b'\'' | b's' | b'S' | 0x99)) {
        return word;
    }
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(stem) = word.strip_suffix(suffix)
            && !stem.is_empty()
        {
            return stem;
        }
    }
    word
}

/// Apostrophes that may sit inside a word.
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ')
}

/// The ASCII bytes `char::is_whitespace` accepts: space and `\t` to `\r` (`\x0B` included).
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// Byte classes of the tokenizers' inner loops, one load a byte: bit 1 an ASCII letter,
/// bit 2 an ASCII digit.
const ASCII_CLASSES: [u8; 256] = {
    let mut classes = [0; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        classes[b] = byte.is_ascii_alphabetic() as u8 | (byte.is_ascii_digit() as u8) << 1;
        b += 1;
    }
    classes
};

/// `u8::is_ascii_alphanumeric`, by table.
pub(crate) fn is_ascii_alphanumeric_byte(b: u8) -> bool {
    ASCII_CLASSES[b as usize] != 0
}

/// `u8::is_ascii_alphabetic`, by table.
pub(crate) fn is_ascii_letter_byte(b: u8) -> bool {
    ASCII_CLASSES[b as usize] & 1 != 0
}

/// General punctuation (U+2000 to U+206F): curly quotes, dashes, the ellipsis and the
/// typographic spaces, the commonest characters of news text outside ASCII. None of them is
/// a letter or a digit, so the tests below answer them without the Unicode tables (a look
/// there costs hundreds of instructions).
fn is_general_punctuation(c: char) -> bool {
    ('\u{2000}'..='\u{206F}').contains(&c)
}

/// `char::is_alphanumeric`, quick for ASCII and general punctuation.
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        !is_general_punctuation(c) && c.is_alphanumeric()
    }
}

/// `char::is_alphabetic`, quick for ASCII and general punctuation.
pub(crate) fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        !is_general_punctuation(c) && c.is_alphabetic()
    }
}

/// Words that keep their final dot: titles and other abbreviations common in news.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "sen", "rep", "gov", "gen", "lt", "col", "capt", "sgt", "maj",
    "adm", "cmdr", "prof", "rev", "jr", "sr", "jan", "feb", "mar", "apr", "aug", "sept", "sep",
    "oct", "nov", "dec", "no", "vs", "inc", "corp", "co", "ltd", "dept", "sens", "reps", "pres",
    "supt", "det", "insp", "atty", "mt", "ft", "u.s", "u.n", "u.k", "d.c", "e.u",
];

/// Tokenizes `text`, whose first byte is at `base` in the body; `low` is `text` lowered by
/// [`lowercase_aligned`].
pub(crate) fn tokenize<'a>(text: &'a str, low: &'a str, base: usize) -> Vec<Tok<'a>> {
    debug_assert_eq!(text.len(), low.len());
    let token = |start: usize, end: usize, kind: TokKind| {
        let word = &text[start..end];
        Tok {
            text: word,
            low: low.get(start..end).unwrap_or(word),
            start: base + start,
            end: base + end,
            kind,
        }
    };
    // About one token in four bytes of news text, punctuation included: most paragraphs
    // then fit without the vector growing.
    let mut toks = Vec::with_capacity(text.len() / 4 + 1);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // ASCII (most of a news text) is told apart by its byte; the rest is decoded.
        let (word, len) = if b.is_ascii() {
            if is_ascii_space(b) {
                i += 1;
                continue;
            }
            (b.is_ascii_alphanumeric(), 1)
        } else {
            let Some((c, len)) = char_at(text, i) else {
                break;
            };
            if c.is_whitespace() {
                i += len;
                continue;
            }
            (is_word_char(c), len)
        };
        if !word {
            toks.push(token(i, i + len, TokKind::Punct));
            i += len;
            continue;
        }
        let start = i;
        let mut end = i + len;
        loop {
            // Most words are plain ASCII letters: take those without decoding.
            while end < bytes.len() && is_ascii_alphanumeric_byte(bytes[end]) {
                end += 1;
            }
            // White space ends a word (the usual case), without decoding.
            if bytes.get(end).copied().is_some_and(is_ascii_space) {
                break;
            }
            let Some((d, dlen)) = char_at(text, end) else {
                break;
            };
            if is_word_char(d) {
                end += dlen;
                continue;
            }
            // Inner apostrophe, hyphen or dot: part of the word when a letter follows.
            if is_apostrophe(d) || d == '-' || d == '.' || d == '‑' {
                let after = char_at(text, end + dlen).map(|(a, _)| a);
                if after.is_some_and(is_word_char) {
                    end += dlen;
                    continue;
                }
                // Plural possessive (`Syrians’ homes`): keep the apostrophe.
                if is_apostrophe(d) && text[start..end].ends_with(['s', 'S']) && after == Some(' ')
                {
                    end += dlen;
                }
                // Abbreviation dot: `Mr.`, `Lt.`, single-letter initials.
                if d == '.' {
                    let word = &text[start..end];
                    let initial = word.chars().count() == 1 && word.starts_with(char::is_uppercase);
                    let abbreviation = word.len() <= 4
                        && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word));
                    if initial || abbreviation {
                        end += dlen;
                    }
                }
            }
            break;
        }
        toks.push(token(start, end, TokKind::Word));
        i = end;
    }
    toks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        let low = lowercase_aligned(s);
        tokenize(s, &low, 0)
            .into_iter()
            .map(|t| t.text.to_string())
            .collect()
    }

    #[test]
    fn lowering_keeps_every_byte_range() {
        for text in ["NATO’s Jens", "İstanbul ERDOĞAN Σ", "plain", "ÀÉÎ ẞ"] {
            let low = lowercase_aligned(text);
            assert_eq!(low.len(), text.len(), "{text}");
            for (i, _) in text.char_indices() {
                assert!(low.is_char_boundary(i), "{text} at {i}");
            }
        }
        assert_eq!(lowercase_aligned("NATO’s Erdoğan"), "nato’s erdoğan");
        // Capitals after and between long ASCII runs (stepped over eight bytes at a time).
        assert_eq!(
            lowercase_aligned("Sixteen ASCII bytes ÀÉ—“Ω” then more ASCII Ñ"),
            "sixteen ascii bytes àé—“ω” then more ascii ñ"
        );
        let text = "Turkey’s SAID";
        let low = lowercase_aligned(text);
        let toks = tokenize(text, &low, 0);
        assert_eq!(toks[0].lower_stem(), "turkey");
        assert_eq!(toks[1].lower(), "said");
    }

    #[test]
    fn byte_classes_agree_with_the_ascii_tests() {
        for b in 0..=u8::MAX {
            assert_eq!(
                is_ascii_alphanumeric_byte(b),
                b.is_ascii_alphanumeric(),
                "{b}"
            );
            assert_eq!(is_ascii_letter_byte(b), b.is_ascii_alphabetic(), "{b}");
        }
    }

    #[test]
    fn quick_character_classes_agree_with_the_unicode_tables() {
        for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn words_keep_inner_marks_and_abbreviation_dots() {
        assert_eq!(
            texts("Lt. Gen. Ali al-Assad’s U.S. don’t, said."),
            [
                "Lt.",
                "Gen.",
                "Ali",
                "al-Assad’s",
                "U.S.",
                "don’t",
                ",",
                "said",
                "."
            ]
        );
        assert_eq!(texts("the Syrians’ homes"), ["the", "Syrians’", "homes"]);
        assert_eq!(texts("“Hi,” he"), ["“", "Hi", ",", "”", "he"]);
    }
}
