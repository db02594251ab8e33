//! Accent and punctuation folding for matching: `Erdoğan` is searched as `Erdogan`,
//! typographic quotes as ASCII quotes.
//!
//! Every char folds to exactly one char, so a char index in folded text is the same
//! char index in the original. ASCII case is kept (smart case needs it); letters with
//! no ASCII base are lowercased so that matching them ignores case too.

/// ASCII bases of U+00C0..U+024F (Latin-1 Supplement, Latin Extended-A and -B);
/// `_` means the char has no ASCII base. Generated from the Unicode decompositions,
/// plus the usual transliterations of letters that have none (ß, ø, ł, đ, æ…).
const LATIN_BASES: &[u8; 0x190] = b"\
AAAAAAACEEEEIIIIDNOOOOO_OUUUUYTsaaaaaaaceeeeiiiidnooooo_ouuuuyty\
AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi__JjKkkLlLlLl_\
_LlNnNnNn_NnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZz_\
bB________________f____I__l_____Oo_____________Uu_______________\
_____________AaIiOoUuUuUuUuUu_AaAa____GgKkOoOo__j___Gg__NnAa____\
AaAaEeEeIiIiOoOoRrRrUuUuSsTt__Hh______AaEeOoOoOoOoYy____________\
________________";

/// The char `c` is matched as.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    match c {
        '\u{C0}'..='\u{24F}' => {
            let base = LATIN_BASES[c as usize - 0xC0];
            if base != b'_' {
                return base as char;
            }
        }
        '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => return ' ',
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => return '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{AB}' | '\u{BB}' => {
            return '"';
        }
        '\u{2010}'..='\u{2015}' | '\u{2212}' => return '-',
        _ => {}
    }
    // Only a lowercase form that is one char keeps the one-char-per-char promise.
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Appends the folded form of `text` to `out`.
pub fn fold_into(text: &str, out: &mut String) {
    out.reserve(text.len());
    for piece in pieces(text) {
        match piece {
            Piece::Ascii(run) => out.push_str(run),
            Piece::Other(c) => out.push(fold_char(c)),
        }
    }
}

/// The length in bytes of the folded form of `text` (not always that of `text`: `ğ`
/// takes two bytes, `g` one).
pub fn folded_len(text: &str) -> usize {
    pieces(text)
        .map(|piece| match piece {
            Piece::Ascii(run) => run.len(),
            Piece::Other(c) => fold_char(c).len_utf8(),
        })
        .sum()
}

/// Writes the folded form of `text` at the start of `out` and returns its length, or
/// `None` (having written part of it) if `out` is shorter than [`folded_len`].
pub fn fold_to_slice(text: &str, out: &mut [u8]) -> Option<usize> {
    let mut at = 0;
    for piece in pieces(text) {
        let rest = out.get_mut(at..)?;
        at += match piece {
            Piece::Ascii(run) => {
                rest.get_mut(..run.len())?.copy_from_slice(run.as_bytes());
                run.len()
            }
            Piece::Other(c) => {
                let folded = fold_char(c);
                let len = folded.len_utf8();
                folded.encode_utf8(rest.get_mut(..len)?);
                len
            }
        };
    }
    Some(at)
}

/// A piece of text to fold: ASCII folds to itself, so runs of it are copied whole
/// (news text is mostly ASCII); other chars are folded one by one.
enum Piece<'a> {
    Ascii(&'a str),
    Other(char),
}

/// How many bytes `bytes` starts with are ASCII (eight at a time).
fn ascii_prefix_len(bytes: &[u8]) -> usize {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let mut words = bytes.chunks_exact(8);
    let mut len = 0;
    for word in words.by_ref() {
        let word = u64::from_le_bytes([
            word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7],
        ]);
        if word & HIGH_BITS != 0 {
            break;
        }
        len += 8;
    }
    len + bytes[len..].iter().take_while(|b| b.is_ascii()).count()
}

fn pieces(text: &str) -> impl Iterator<Item = Piece<'_>> {
    let mut rest = text;
    let mut pending: Option<char> = None;
    std::iter::from_fn(move || {
        if let Some(c) = pending.take() {
            return Some(Piece::Other(c));
        }
        let (run, tail) = rest.split_at(ascii_prefix_len(rest.as_bytes()));
        let mut chars = tail.chars();
        pending = chars.next();
        rest = chars.as_str();
        match (run.is_empty(), pending) {
            (false, _) => Some(Piece::Ascii(run)),
            (true, Some(_)) => pending.take().map(Piece::Other),
            (true, None) => None,
        }
    })
}

/// The folded form of `text`.
pub fn fold(text: &str) -> String {
    let mut out = String::new();
    fold_into(text, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_to_ascii_bases_keeping_case() {
        assert_eq!(fold("Erdoğan"), "Erdogan");
        assert_eq!(fold("Łódź Ærø Straße"), "Lodz Aro Strase");
        assert_eq!(fold("ÀÉÎÕÜ àéîõü Ç ç Ñ ñ"), "AEIOU aeiou C c N n");
    }

    #[test]
    fn folds_typographic_punctuation() {
        assert_eq!(fold("“NATO’s” – x\u{A0}y"), "\"NATO's\" - x y");
    }

    #[test]
    fn lowercases_letters_without_ascii_base() {
        assert_eq!(fold("ПУТИН Путин"), "путин путин");
    }

    #[test]
    fn ascii_runs_and_other_chars_fold_alike() {
        let texts = [
            "Erdoğan’s “NATO” — 33 soldiers, İdlib",
            "",
            "ğ",
            "ğğa",
            "a",
            "日本",
        ];
        for text in texts {
            let char_by_char: String = text.chars().map(fold_char).collect();
            assert_eq!(fold(text), char_by_char);
            assert_eq!(folded_len(text), char_by_char.len());
            let mut slice = vec![0; char_by_char.len() + 2];
            assert_eq!(fold_to_slice(text, &mut slice), Some(char_by_char.len()));
            assert_eq!(&slice[..char_by_char.len()], char_by_char.as_bytes());
            if !char_by_char.is_empty() {
                let short = &mut slice[..char_by_char.len() - 1];
                assert_eq!(fold_to_slice(text, short), None);
            }
        }
        let text = "Erdoğan’s “NATO” — 33 soldiers, İdlib";
        assert_eq!(fold(text), "Erdogan's \"NATO\" - 33 soldiers, Idlib");
    }

    #[test]
    fn keeps_one_char_per_char() {
        let samples = ["İstanbul", "ǅ", "ﬁ", "ŉ", "Ϊ́", "日本語", "ẞ", "🙂"];
        for s in samples {
            assert_eq!(fold(s).chars().count(), s.chars().count(), "{s}");
        }
    }
}
