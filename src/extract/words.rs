//! A small tokenizer for the windows of text around quotes: words (with their inner
//! apostrophes, hyphens and abbreviation dots) and single punctuation marks, each with its
//! byte range in the body.

use std::borrow::Cow;
use std::rc::Rc;

/// `text` in lower case, allocating only when it has capitals.
pub(crate) fn lowercase(text: &str) -> Cow<'_, str> {
    if text.chars().any(char::is_uppercase) {
        Cow::Owned(text.to_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

/// A word's lower-case form: the word itself, a short ASCII copy kept inline (most
/// capitalised words: no allocation), or a shared string for the rest.
#[derive(Debug, Clone)]
enum Lower {
    Same,
    Inline(u8, [u8; INLINE]),
    Shared(Rc<str>),
}

const INLINE: usize = 22;

impl Lower {
    fn of(word: &str) -> Lower {
        let ascii = word.is_ascii();
        let capitals = if ascii {
            word.bytes().any(|b| b.is_ascii_uppercase())
        } else {
            word.chars().any(char::is_uppercase)
        };
        if !capitals {
            return Lower::Same;
        }
        if ascii && word.len() <= INLINE {
            let mut bytes = [0u8; INLINE];
            for (b, c) in bytes.iter_mut().zip(word.bytes()) {
                *b = c.to_ascii_lowercase();
            }
            return Lower::Inline(word.len() as u8, bytes);
        }
        Lower::Shared(Rc::from(word.to_lowercase()))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    Word,
    Punct,
}

#[derive(Debug, Clone)]
pub(crate) struct Tok<'a> {
    pub text: &'a str,
    /// `text` in lower case when it has capitals, computed once.
    low: Lower,
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
        self.is_word() && self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// The word without a trailing possessive (`Turkey’s` → `Turkey`), and whether it had one.
    pub fn strip_possessive(&self) -> (&'a str, bool) {
        for suffix in ["'s", "’s", "'", "’"] {
            if let Some(stem) = self.text.strip_suffix(suffix)
                && !stem.is_empty()
            {
                return (stem, true);
            }
        }
        (self.text, false)
    }

    /// The word in lower case; borrowed (no allocation) when it has no capitals.
    /// The lower-case word without a trailing possessive (`Turkey’s` → `turkey`).
    pub fn lower_stem(&self) -> &str {
        let low = self.lower();
        for suffix in ["'s", "’s", "'", "’"] {
            if let Some(stem) = low.strip_suffix(suffix)
                && !stem.is_empty()
            {
                return stem;
            }
        }
        low
    }

    pub fn lower(&self) -> &str {
        match &self.low {
            Lower::Same => self.text,
            Lower::Inline(len, bytes) => {
                std::str::from_utf8(&bytes[..*len as usize]).unwrap_or(self.text)
            }
            Lower::Shared(low) => low,
        }
    }
}

/// Apostrophes that may sit inside a word.
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Words that keep their final dot: titles and other abbreviations common in news.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "sen", "rep", "gov", "gen", "lt", "col", "capt", "sgt", "maj",
    "adm", "cmdr", "prof", "rev", "jr", "sr", "jan", "feb", "mar", "apr", "aug", "sept", "sep",
    "oct", "nov", "dec", "no", "vs", "inc", "corp", "co", "ltd", "dept", "sens", "reps", "pres",
    "supt", "det", "insp", "atty", "mt", "ft", "u.s", "u.n", "u.k", "d.c", "e.u",
];

/// Tokenizes `text`, whose first byte is at `base` in the body.
pub(crate) fn tokenize(text: &str, base: usize) -> Vec<Tok<'_>> {
    let mut toks = Vec::with_capacity(text.len() / 5);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if !is_word_char(c) {
            let end = i + c.len_utf8();
            toks.push(Tok {
                text: &text[i..end],
                low: Lower::Same,
                start: base + i,
                end: base + end,
                kind: TokKind::Punct,
            });
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if is_word_char(d) {
                end = j + d.len_utf8();
                chars.next();
                continue;
            }
            // Inner apostrophe, hyphen or dot: part of the word when a letter follows.
            if is_apostrophe(d) || d == '-' || d == '.' || d == '‑' {
                let after = text[j + d.len_utf8()..].chars().next();
                if after.is_some_and(is_word_char) {
                    end = j + d.len_utf8();
                    chars.next();
                    continue;
                }
                // Plural possessive (`Syrians’ homes`): keep the apostrophe.
                if is_apostrophe(d) && text[i..end].ends_with(['s', 'S']) && after == Some(' ') {
                    end = j + d.len_utf8();
                    chars.next();
                }
                // Abbreviation dot: `Mr.`, `Lt.`, single-letter initials.
                if d == '.' {
                    let word = &text[i..end];
                    let initial = word.chars().count() == 1 && word.starts_with(char::is_uppercase);
                    let abbreviation = word.len() <= 4
                        && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word));
                    if initial || abbreviation {
                        end = j + d.len_utf8();
                        chars.next();
                    }
                }
            }
            break;
        }
        toks.push(Tok {
            text: &text[i..end],
            low: Lower::of(&text[i..end]),
            start: base + i,
            end: base + end,
            kind: TokKind::Word,
        });
    }
    toks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokenize(s, 0).into_iter().map(|t| t.text).collect()
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
