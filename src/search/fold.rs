//! Accent and punctuation folding for matching: `Erdoğan` is searched as `Erdogan`,
//! typographic quotes as ASCII quotes.
//!
//! Every char folds to exactly one char, so a char index in folded text is the same
//! char index in the original. ASCII case is kept (smart case needs it); letters with
//! no ASCII base are lowercased so that matching them ignores case too.
//!
//! Chars that do not change a word fold to [`IGNORED`], which words keep and matching
//! leaves out: combining accents (`e` + U+0301), soft hyphens, joiners. So does the
//! first char of *mojibake*, UTF-8 read as Windows-1252 as scraped news often is:
//! `PeÃ±a` folds to `Pe` + [`IGNORED`] + `na` and is found as `Peña`; `donâ€™t` to
//! `don` + two [`IGNORED`] + `'t`.

/// What chars that do not change a word fold to: part of the word, left out when it is
/// compared (see [`super::words::without_ignored`]). A noncharacter: text never means it.
pub const IGNORED: char = '\u{FFFF}';

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
        '\u{300}'..='\u{36F}' | '\u{AD}' | '\u{200C}' | '\u{200D}' | '\u{2060}' => return IGNORED,
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

/// The byte of Windows-1252 that shows as `c`, if it is one of 0x80..=0xBF (the bytes
/// that continue a UTF-8 char).
fn continuation_byte(c: char) -> Option<u8> {
    let byte = match c {
        '\u{80}'..='\u{BF}' => c as u8,
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    };
    Some(byte)
}

/// The char a letter and a combining accent after it make (in NFC), for the letters
/// that lead mojibake: `A` + U+0303 is `Ã`. Some text comes decomposed, its mojibake
/// too.
fn composed(base: char, mark: char) -> Option<char> {
    let composed = match (base, mark) {
        ('A', '\u{302}') => 'Â',
        ('A', '\u{303}') => 'Ã',
        ('A', '\u{308}') => 'Ä',
        ('A', '\u{30A}') => 'Å',
        ('C', '\u{327}') => 'Ç',
        ('E', '\u{300}') => 'È',
        ('E', '\u{301}') => 'É',
        ('E', '\u{302}') => 'Ê',
        ('E', '\u{308}') => 'Ë',
        ('I', '\u{300}') => 'Ì',
        ('I', '\u{301}') => 'Í',
        ('I', '\u{302}') => 'Î',
        ('I', '\u{308}') => 'Ï',
        ('N', '\u{303}') => 'Ñ',
        ('O', '\u{300}') => 'Ò',
        ('O', '\u{301}') => 'Ó',
        ('O', '\u{302}') => 'Ô',
        ('O', '\u{303}') => 'Õ',
        ('O', '\u{308}') => 'Ö',
        ('U', '\u{300}') => 'Ù',
        ('U', '\u{301}') => 'Ú',
        ('U', '\u{302}') => 'Û',
        ('U', '\u{308}') => 'Ü',
        ('Y', '\u{301}') => 'Ý',
        ('a', '\u{302}') => 'â',
        _ => return None,
    };
    Some(composed)
}

/// If `c` and the chars `rest` starts with are mojibake, the char meant, the bytes of
/// `rest` the sequence took, and how many chars: as [`mojibake`], `c` being the lead
/// or, decomposed, its letter (then followed by its accent).
fn mojibake_at(c: char, rest: &str) -> Option<(char, usize, usize)> {
    if let Some((meant, taken)) = mojibake(c, rest) {
        return Some((meant, taken, rest[..taken].chars().count()));
    }
    let mark = rest.chars().next()?;
    let lead = composed(c, mark)?;
    let after = &rest[mark.len_utf8()..];
    let (meant, taken) = mojibake(lead, after)?;
    let taken = mark.len_utf8() + taken;
    Some((meant, taken, rest[..taken].chars().count()))
}

/// If `lead` and the chars `rest` starts with are mojibake (a UTF-8 char read as
/// Windows-1252), the char meant and the bytes of `rest` it took. Two-byte chars
/// (`Ã±` for ñ, `Â` + no-break space) and the three-byte ones led by `â` (`â€™` for ’,
/// `â€”` for —) are recognised; others are too rare to tell from real text. Mojibake
/// made twice (`ÃƒÂ§` for ç) is undone twice.
fn mojibake(lead: char, rest: &str) -> Option<(char, usize)> {
    let (mut meant, mut taken) = mojibake_once(lead, rest)?;
    // The char meant may lead mojibake itself: the text was mangled twice.
    while let Some((again, more)) = mojibake_once(meant, &rest[taken..]) {
        meant = again;
        taken += more;
    }
    Some((meant, taken))
}

/// [`mojibake`], one layer of it.
fn mojibake_once(lead: char, rest: &str) -> Option<(char, usize)> {
    let continuations = match lead {
        '\u{C2}'..='\u{DF}' => 1,
        'â' => 2,
        _ => return None,
    };
    let mut bytes = [lead as u8, 0, 0];
    let mut taken = 0;
    for byte in bytes.iter_mut().skip(1).take(continuations) {
        let (continuation, len) = continuation_at(&rest[taken..])?;
        *byte = continuation;
        taken += len;
    }
    let meant = std::str::from_utf8(&bytes[..=continuations])
        .ok()?
        .chars()
        .next()?;
    Some((meant, taken))
}

/// The byte continuing a mojibake char that `text` starts with, and its length in
/// `text`: a char of [`continuation_byte`]; a fraction that text tools spelled out
/// (`¼` as `1⁄4`, as NFKC does: `GÃ1⁄4len` for Gülen); or, in mojibake made twice
/// whose C1 control char was since removed (`ÃÂ§` for `Ã\u{83}Â§`, ç), the byte that
/// the next mojibake pair (`Â§`, also decomposed) stands for.
fn continuation_at(text: &str) -> Option<(u8, usize)> {
    let c = text.chars().next()?;
    if let Some(byte) = continuation_byte(c) {
        return Some((byte, c.len_utf8()));
    }
    for (spelled, byte) in [
        ("1\u{2044}4", 0xBC),
        ("1\u{2044}2", 0xBD),
        ("3\u{2044}4", 0xBE),
    ] {
        if text.starts_with(spelled) {
            return Some((byte, spelled.len()));
        }
    }
    let lead_len = match (c, text[c.len_utf8()..].chars().next()) {
        ('Â', _) => 'Â'.len_utf8(),
        ('A', Some('\u{302}')) => 1 + '\u{302}'.len_utf8(),
        _ => return None,
    };
    let next = text[lead_len..].chars().next()?;
    Some((continuation_byte(next)?, lead_len + next.len_utf8()))
}

/// Appends the folded form of `text` to `out`.
pub fn fold_into(text: &str, out: &mut String) {
    out.reserve(text.len());
    for piece in pieces(text) {
        match piece {
            Piece::Ascii(run) => out.push_str(run),
            Piece::Other(c) => out.push(c),
        }
    }
}

/// The length in bytes of the folded form of `text` (not always that of `text`: `ğ`
/// takes two bytes, `g` one).
pub fn folded_len(text: &str) -> usize {
    pieces(text)
        .map(|piece| match piece {
            Piece::Ascii(run) => run.len(),
            Piece::Other(c) => c.len_utf8(),
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
            Piece::Other(folded) => {
                let len = folded.len_utf8();
                folded.encode_utf8(rest.get_mut(..len)?);
                len
            }
        };
    }
    Some(at)
}

/// A piece of folded text: ASCII folds to itself, so runs of it are copied whole (news
/// text is mostly ASCII); other chars are folded one by one.
enum Piece<'a> {
    Ascii(&'a str),
    /// A folded char.
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

/// The pieces of folded `text`, one char of them per char of `text`.
fn pieces(text: &str) -> impl Iterator<Item = Piece<'_>> {
    let mut rest = text;
    // Folded chars still to give (at most the two left of a mojibake sequence), last
    // first.
    let mut pending: Vec<char> = Vec::new();
    std::iter::from_fn(move || {
        if let Some(c) = pending.pop() {
            return Some(Piece::Other(c));
        }
        let mut run_len = ascii_prefix_len(rest.as_bytes());
        // A letter before a combining accent may lead decomposed mojibake: it is
        // looked at with what follows.
        if run_len > 0
            && rest.as_bytes().get(run_len) == Some(&0xCC)
            && mojibake_at(char::from(rest.as_bytes()[run_len - 1]), &rest[run_len..]).is_some()
        {
            run_len -= 1;
        }
        let (run, tail) = rest.split_at(run_len);
        if !run.is_empty() {
            rest = tail;
            return Some(Piece::Ascii(run));
        }
        let mut chars = tail.chars();
        let c = chars.next()?;
        rest = chars.as_str();
        if let Some((meant, taken, count)) = mojibake_at(c, rest) {
            // One char for each char of the sequence: the meant one last.
            pending.push(fold_char(meant));
            pending.extend(std::iter::repeat_n(IGNORED, count - 1));
            rest = &rest[taken..];
            return Some(Piece::Other(IGNORED));
        }
        Some(Piece::Other(fold_char(c)))
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
    fn ascii_text_folds_to_itself() {
        // The one-shot search matches an ASCII item as it is, without folding it.
        let every_ascii_char: String = (0u8..128).map(char::from).collect();
        for text in [
            every_ascii_char.as_str(),
            "Stoltenberg's NATO",
            "A\r\n\t\u{7f}",
        ] {
            assert_eq!(fold(text), text);
        }
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
    fn mojibake_and_invisible_marks_are_left_out_of_words() {
        let i = IGNORED;
        assert_eq!(fold("PeÃ±a GarcÃ\u{ad}a"), format!("Pe{i}na Garc{i}ia"));
        assert_eq!(
            fold("donâ€™t â€œyesâ€\u{9d}"),
            format!("don{i}{i}'t {i}{i}\"yes{i}{i}\"")
        );
        assert_eq!(fold("FranÃ§ois Â\u{a0}x"), format!("Fran{i}cois {i} x"));
        assert_eq!(
            fold("Pen\u{303}a infra\u{ad}structure"),
            format!("Pen{i}a infra{i}structure")
        );
        // Decomposed mojibake: `A` + U+0303 is the `Ã` of `Ã±`.
        assert_eq!(fold("PeA\u{303}\u{b1}a"), format!("Pe{i}{i}na"));
        assert_eq!(fold("A\u{303}"), format!("A{i}"));
        // Not mojibake: the chars after the lead do not continue a UTF-8 char.
        assert_eq!(fold("Ã la carte, â!"), "A la carte, a!");
        assert_eq!(fold("Ã"), "A");
    }

    #[test]
    fn mojibake_made_twice_or_with_spelled_out_fractions_is_undone() {
        let i = IGNORED;
        // ç as UTF-8 read as Windows-1252 twice; then with its C1 char removed (as
        // sanitising does); then decomposed.
        assert_eq!(
            fold("Fran\u{c3}\u{192}\u{c2}\u{a7}ois"),
            format!("Fran{i}{i}{i}cois")
        );
        assert_eq!(fold("FranÃÂ§ois"), format!("Fran{i}{i}cois"));
        assert_eq!(
            fold("FranA\u{303}A\u{302}\u{a7}ois"),
            format!("Fran{i}{i}{i}{i}cois")
        );
        // ü whose continuation ¼ was spelled out as 1⁄4.
        assert_eq!(fold("GÃ1\u{2044}4len"), format!("G{i}{i}{i}ulen"));
        // Not mojibake: real text.
        assert_eq!(fold("Â 1/4 Ã 1\u{2044}4"), "A 1/4 A 1\u{2044}4");
    }

    #[test]
    fn keeps_one_char_per_char() {
        let samples = [
            "İstanbul",
            "ǅ",
            "ﬁ",
            "ŉ",
            "Ϊ́",
            "日本語",
            "ẞ",
            "🙂",
            "PeÃ±a",
            "â€™",
            "Ã",
            "â€",
            "A\u{303}\u{b1}",
            "xA\u{303}",
            "A\u{303}\u{b1}A\u{303}\u{b1}",
            "ÃÂ§",
            "Ã\u{192}Â§",
            "A\u{303}A\u{302}\u{a7}",
            "GÃ1\u{2044}4len",
            "ÃÂ",
            "Ã1\u{2044}",
        ];
        for s in samples {
            assert_eq!(fold(s).chars().count(), s.chars().count(), "{s}");
        }
    }
}
