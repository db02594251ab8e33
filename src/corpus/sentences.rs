//! Sentence boundaries in news prose: abbreviations, initials, decimals, quotes that end
//! with `.”`, and non-breaking spaces must not cut a sentence in two.

use std::ops::Range;

/// Titles and other abbreviations that are followed by a name or a number, never by the
/// end of a sentence.
const NEVER_FINAL: &[&str] = &[
    "mr", "mrs", "ms", "mx", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl",
    "pvt", "adm", "cmdr", "brig", "rev", "gov", "sen", "rep", "reps", "sens", "pres", "supt",
    "insp", "det", "hon", "mt", "ft", "st", "fr", "sr", "jr", "vs", "v", "etc", "cf", "e.g", "i.e",
    "approx", "dept", "est", "fig", "gov't", "atty", "gens", "mssrs", "messrs",
];

/// Abbreviations that usually continue a sentence but can also close one
/// ("… on Jan. 8" vs. "… in the U.S. The …").
const USUALLY_INNER: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no",
    "nos", "inc", "co", "corp", "ltd", "bros", "univ", "ave", "blvd", "rd", "a.m", "p.m",
];

/// Words that start a new sentence after an ambiguous abbreviation.
const SENTENCE_STARTERS: &[&str] = &[
    "the",
    "a",
    "an",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "but",
    "and",
    "this",
    "that",
    "these",
    "those",
    "in",
    "on",
    "at",
    "as",
    "there",
    "his",
    "her",
    "their",
    "its",
    "our",
    "if",
    "when",
    "while",
    "after",
    "before",
    "however",
    "meanwhile",
    "so",
    "yet",
];

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{A0}' || c == '\u{202F}' || c == '\u{2007}'
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '›' | '.' | '!' | '?' | '…'
    )
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '‹' | '¿' | '¡'
    )
}

/// Splits `text` into sentence ranges (byte offsets into `text`), trimmed of whitespace.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut from = 0;
    while let Some((i, c)) = next_terminator(text, from) {
        // Take the whole run of closing punctuation: `?”`, `.")`, `...`.
        let mut end = i + c.len_utf8();
        for next in text[end..].chars().take_while(|&next| is_closing(next)) {
            end += next.len_utf8();
        }
        from = end;
        let rest = &text[end..];
        let Some(after_space) = rest.find(|ch: char| !is_space(ch)) else {
            break; // end of text
        };
        if after_space == 0 {
            continue; // "3.6", "U.S.-backed", "Yahoo!Inc"
        }
        let next_word = &rest[after_space..];
        if !starts_sentence(next_word) {
            continue;
        }
        if c == '.' && is_abbreviation(&text[..i], next_word) {
            continue;
        }
        if ends_with_quote_mark(&text[i..end]) && starts_with_speech_verb(next_word) {
            continue; // “Does he want that?” Asked Yinanc.
        }
        push_trimmed(text, start..end, &mut sentences);
        start = end;
    }
    push_trimmed(text, start..text.len(), &mut sentences);
    sentences
}

/// The first `.`, `!`, `?` or `…` at or after byte `from`, found by byte search rather
/// than char by char (most of a text is neither).
fn next_terminator(text: &str, from: usize) -> Option<(usize, char)> {
    let rest = text.as_bytes().get(from..)?;
    let ascii = memchr::memchr3(b'.', b'!', b'?', rest);
    // Only look for the rarer `…` (E2 80 A6) before the next ASCII terminator.
    let before = &rest[..ascii.unwrap_or(rest.len())];
    let ellipsis = memchr::memchr_iter(0xE2, before)
        .find(|&at| before.get(at + 1..at + 3) == Some(&[0x80, 0xA6][..]));
    match (ascii, ellipsis) {
        (_, Some(at)) => Some((from + at, '…')),
        (Some(at), None) => Some((from + at, char::from(rest[at]))),
        (None, None) => None,
    }
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let piece = &text[range.clone()];
    let lead = piece.len() - piece.trim_start_matches(is_space).len();
    let trail = piece.len() - piece.trim_end_matches(is_space).len();
    if lead + trail < piece.len() {
        out.push(range.start + lead..range.end - trail);
    }
}

/// Verbs that attribute a quotation when they come right after it.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "asked",
    "asks",
    "added",
    "adds",
    "told",
    "wrote",
    "writes",
    "replied",
    "continued",
    "explained",
    "insisted",
    "noted",
    "warned",
    "declared",
    "stated",
];

fn ends_with_quote_mark(punctuation: &str) -> bool {
    punctuation.ends_with(['"', '”', '’', '\''])
}

fn starts_with_speech_verb(next: &str) -> bool {
    let word: String = next
        .chars()
        .take_while(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    SPEECH_VERBS.contains(&word.as_str())
}

/// The next sentence starts with a capital, a digit or an opening mark, never lowercase.
fn starts_sentence(next: &str) -> bool {
    let mut chars = next.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if is_opening(first) {
        return chars.next().is_some_and(|c| !c.is_lowercase());
    }
    !first.is_lowercase() && (first.is_alphanumeric() || first == '—' || first == '–')
}

/// Whether `word`, lowercased, is one of `list` (all lowercase ASCII): compared without
/// lowering (an allocation) when the word is ASCII, as nearly every word is.
fn in_lowercase(list: &[&str], word: &str) -> bool {
    if word.is_ascii() {
        list.iter().any(|entry| entry.eq_ignore_ascii_case(word))
    } else {
        list.contains(&word.to_lowercase().as_str())
    }
}

/// Is the word ending just before this period an abbreviation or an initial that keeps the
/// sentence going?
fn is_abbreviation(before: &str, next_word: &str) -> bool {
    let word = before
        .rsplit(|c: char| is_space(c) || is_opening(c) || c == '—' || c == '/')
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return false;
    }
    if in_lowercase(NEVER_FINAL, word) {
        return true;
    }
    let next_len = next_word
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(next_word.len());
    let next_is_starter = in_lowercase(SENTENCE_STARTERS, &next_word[..next_len]);
    let next_is_number = next_word.starts_with(|c: char| c.is_ascii_digit());
    if in_lowercase(USUALLY_INNER, word) {
        return next_is_number || !next_is_starter;
    }
    // A single capital letter is an initial (John F. Kennedy); dotted acronyms (U.S., U.N.)
    // continue unless a sentence obviously starts.
    let mut letters = word.chars();
    let single_initial =
        matches!((letters.next(), letters.next()), (Some(c), None) if c.is_uppercase());
    let dotted_acronym = word.contains('.')
        && word
            .split('.')
            .all(|part| part.chars().count() <= 2 && part.chars().all(char::is_alphabetic));
    (single_initial || dotted_acronym) && !next_is_starter
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(
            texts("One two. Three four! Five six? Seven"),
            ["One two.", "Three four!", "Five six?", "Seven"]
        );
    }

    #[test]
    fn abbreviations_and_titles() {
        assert_eq!(
            texts(
                "They met on Jan. 8 in Istanbul. Lt. Gen. Ali Abdullah Ayoub spoke. Mr. Smith left."
            ),
            [
                "They met on Jan. 8 in Istanbul.",
                "Lt. Gen. Ali Abdullah Ayoub spoke.",
                "Mr. Smith left."
            ]
        );
        assert_eq!(
            texts("Correction, Feb. 28, 2020: This post was wrong."),
            ["Correction, Feb. 28, 2020: This post was wrong."]
        );
    }

    #[test]
    fn dotted_acronyms_and_initials() {
        assert_eq!(
            texts(
                "He added that U.S. Secretary of State Mike Pompeo agreed. John F. Kennedy did too."
            ),
            [
                "He added that U.S. Secretary of State Mike Pompeo agreed.",
                "John F. Kennedy did too."
            ]
        );
        assert_eq!(
            texts("Troops stayed in the U.S. The rest left."),
            ["Troops stayed in the U.S.", "The rest left."]
        );
    }

    #[test]
    fn decimals_are_not_boundaries() {
        assert_eq!(
            texts("The country already has 3.6 million Syrian refugees. It believes otherwise."),
            [
                "The country already has 3.6 million Syrian refugees.",
                "It believes otherwise."
            ]
        );
    }

    #[test]
    fn quotes_ending_with_period_inside() {
        assert_eq!(
            texts(
                "“That is illegal.” He said so. “Erdogan doesn’t bluff,” said Ozgur. \"Next.\" Done"
            ),
            [
                "“That is illegal.”",
                "He said so.",
                "“Erdogan doesn’t bluff,” said Ozgur.",
                "\"Next.\"",
                "Done"
            ]
        );
        assert_eq!(
            texts("“Does he want it?” Asked Yinanc. “Or not.”"),
            ["“Does he want it?” Asked Yinanc.", "“Or not.”"]
        );
        // A quote followed by a lowercase attribution stays one sentence.
        assert_eq!(
            texts("“It will not stop.” said the minister. Then he left."),
            ["“It will not stop.” said the minister.", "Then he left."]
        );
    }

    #[test]
    fn non_breaking_spaces_separate_sentences() {
        assert_eq!(
            texts("First one.\u{A0}Second one.\u{A0}\u{A0}Third."),
            ["First one.", "Second one.", "Third."]
        );
    }

    #[test]
    fn ellipsis_and_lowercase_continuation() {
        assert_eq!(texts("Wait... and see. Yes."), ["Wait... and see.", "Yes."]);
    }

    #[test]
    fn unicode_ellipsis_ends_or_continues_like_three_dots() {
        assert_eq!(
            texts("Wait… And then? “Yes…” He left!… Done… and more. End…"),
            [
                "Wait…",
                "And then?",
                "“Yes…”",
                "He left!…",
                "Done… and more.",
                "End…"
            ]
        );
        assert_eq!(texts("…"), ["…"]);
        assert_eq!(texts("a…b. C"), ["a…b.", "C"]);
    }

    #[test]
    fn empty_and_whitespace() {
        assert!(split("").is_empty());
        assert!(split("   ").is_empty());
        assert_eq!(texts("  lonely  "), ["lonely"]);
    }
}
