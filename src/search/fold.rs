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
    out.extend(text.chars().map(fold_char));
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
    fn keeps_one_char_per_char() {
        let samples = ["İstanbul", "ǅ", "ﬁ", "ŉ", "Ϊ́", "日本語", "ẞ", "🙂"];
        for s in samples {
            assert_eq!(fold(s).chars().count(), s.chars().count(), "{s}");
        }
    }
}
