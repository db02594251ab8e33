//! Pairing quotation marks into quoted spans.
//!
//! Marks are read by their context as much as by their glyph: a mark with a space before it
//! and a letter after it opens, one with a letter before and a space or punctuation after
//! closes. That handles straight marks, mixed pairs (“ … ") and the odd typo (a quote closed
//! by “). A mark that cannot be paired inside its paragraph never swallows the rest of the
//! article: it is dropped, unless the next paragraph reopens the quote (the newspaper
//! convention for quotes that run over several paragraphs).

use std::ops::Range;

/// A quoted span: `text` is between the marks (possibly over several paragraphs),
/// `outer` includes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Span {
    pub text: Range<usize>,
    pub outer: Range<usize>,
    /// Index (into the paragraphs given) of the paragraph the quote opens in.
    pub first_paragraph: usize,
    pub last_paragraph: usize,
    /// The reopening marks of continuation paragraphs, inside `text`.
    pub reopenings: Vec<Range<usize>>,
    /// Double marks (“ ” ") or single ones (‘ ’ ').
    pub double: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// Straight mark with letters (or spaces) on both sides: decided by the pairing state.
    Either,
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    start: usize,
    end: usize,
    role: Role,
}

fn is_double_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '”' | '„' | '‟' | '«' | '»' | '＂' | '〝' | '〞'
    )
}

fn is_single_mark(c: char) -> bool {
    matches!(c, '\'' | '‘' | '’' | '‚' | '‹' | '›')
}

/// Characters after which an opening mark may stand (besides a space).
fn opens_after(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':' | '…') || is_double_mark(c)
}

/// Characters before which a closing mark may stand (besides a space).
fn closes_before(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '—' | '–' | '-' | '…' | '/'
    ) || is_double_mark(c)
        || is_single_mark(c)
}

/// The role of a double mark `mark` (one glyph, or two apostrophes) at `i` in `text`, from
/// its glyph and its neighbours.
fn double_role(text: &str, i: usize, mark: &str) -> Role {
    let before = text[..i].chars().next_back();
    let after = text[i + mark.len()..].chars().next();
    let space_before = before.is_none_or(|b| b.is_whitespace() || opens_after(b));
    let space_after = after.is_none_or(|a| a.is_whitespace() || closes_before(a));
    let can_open = space_before && !after.is_none_or(char::is_whitespace);
    let can_close = space_after && !before.is_none_or(char::is_whitespace);
    match (can_open, can_close) {
        (true, false) => Role::Open,
        (false, true) => Role::Close,
        _ => match mark {
            "“" | "„" | "«" | "〝" => Role::Open,
            "”" | "»" | "〞" => Role::Close,
            _ => Role::Either,
        },
    }
}

/// The double mark starting at byte `i` of `text`, if any: one glyph, or two apostrophes
/// (`''`, as some archives write a double mark).
fn double_mark_at(text: &str, i: usize) -> Option<&str> {
    let rest = &text[i..];
    let c = rest.chars().next()?;
    if is_double_mark(c) {
        return Some(&rest[..c.len_utf8()]);
    }
    // Two straight apostrophes ('') stand for a double mark in some news archives, but
    // annotated news corpora do not count them as quotation marks: neither do we.
    for pair in ["‘‘", "’’"] {
        if rest.starts_with(pair) {
            return Some(&rest[..pair.len()]);
        }
    }
    None
}

/// The bytes a double mark can start with: `"`, `'` and the lead bytes of the others (a
/// table: this test runs on every byte of every paragraph).
const MAY_START_A_MARK: [bool; 256] = {
    let mut table = [false; 256];
    let mut k = 0;
    let leads = [b'"', b'\'', 0xC2, 0xE2, 0xE3, 0xEF];
    while k < leads.len() {
        table[leads[k] as usize] = true;
        k += 1;
    }
    table
};

/// Do eight bytes hold a byte outside ASCII, a `"` or a `'`? (Every byte of
/// `MAY_START_A_MARK` is one of those.) A zero byte of `w ^ pattern` is a byte equal to the
/// pattern's; `(v - 0x01…) & !v & 0x80…` is not zero exactly when `v` has a zero byte.
fn may_hold_a_mark(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH != 0;
    w & HIGH != 0
        || has_zero(w ^ (ONES * u64::from(b'"')))
        || has_zero(w ^ (ONES * u64::from(b'\'')))
}

/// Double quotation marks of one paragraph.
fn double_marks(body: &str, range: &Range<usize>) -> Vec<Mark> {
    let text = &body[range.clone()];
    let mut marks = Vec::new();
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < text.len() {
        // Eight plain ASCII bytes with neither `"` nor `'` start no mark: stepped over at once
        // (most of a paragraph).
        if let Some(chunk) = bytes
            .get(i..i + 8)
            .and_then(|c| <[u8; 8]>::try_from(c).ok())
            && !may_hold_a_mark(u64::from_ne_bytes(chunk))
        {
            i += 8;
            continue;
        }
        // Only `"`, `'` and the lead bytes of the other marks can start one.
        if !MAY_START_A_MARK[bytes[i] as usize] {
            i += 1;
            continue;
        }
        match double_mark_at(text, i) {
            Some(mark) => {
                marks.push(Mark {
                    start: range.start + i,
                    end: range.start + i + mark.len(),
                    role: double_role(text, i, mark),
                });
                i += mark.len();
            }
            None => i += text[i..].chars().next().map_or(1, char::len_utf8),
        }
    }
    marks
}

/// Does the paragraph open with a quotation mark (a continued quote)?
fn reopening_mark(body: &str, range: &Range<usize>) -> Option<Range<usize>> {
    let text = &body[range.clone()];
    let trimmed = text.trim_start();
    let offset = text.len() - trimmed.len();
    let mark = double_mark_at(text, offset)?;
    if matches!(mark, "”" | "»" | "’’") {
        return None;
    }
    let start = range.start + offset;
    Some(start..start + mark.len())
}

/// An open quote left open at the end of its paragraph.
struct Pending {
    open: Mark,
    /// Opened by a double mark (“ or "), not a single one.
    double: bool,
    first_paragraph: usize,
    last_paragraph: usize,
    reopenings: Vec<Range<usize>>,
}

/// Finds double-quoted spans in `paragraphs` (ranges into `body`, in order).
pub(crate) fn double_spans(body: &str, paragraphs: &[Range<usize>]) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut carried: Option<Pending> = None;
    for (index, range) in paragraphs.iter().enumerate() {
        let marks = double_marks(body, range);
        let mut open: Option<Pending> = None;
        let mut skip_first = false;
        if let Some(pending) = carried.take() {
            match reopening_mark(body, range) {
                Some(reopen) => {
                    let mut pending = pending;
                    pending.reopenings.push(reopen);
                    pending.last_paragraph = index;
                    open = Some(pending);
                    skip_first = true;
                }
                None => finish_unclosed(body, pending, paragraphs, &mut spans),
            }
        }
        for (k, mark) in marks.iter().enumerate() {
            if skip_first && k == 0 {
                continue;
            }
            match (mark.role, open.take()) {
                (Role::Open, previous) => {
                    // A second opening mark: the first one was stray.
                    if let Some(previous) = previous {
                        finish_unclosed_inside(body, previous, mark.start, &mut spans);
                    }
                    open = Some(Pending {
                        open: *mark,
                        double: true,
                        first_paragraph: index,
                        last_paragraph: index,
                        reopenings: Vec::new(),
                    });
                }
                (Role::Close | Role::Either, Some(pending)) => {
                    spans.push(Span {
                        text: pending.open.end..mark.start,
                        outer: pending.open.start..mark.end,
                        first_paragraph: pending.first_paragraph,
                        last_paragraph: index,
                        reopenings: pending.reopenings,
                        double: true,
                    });
                }
                (Role::Either, None) => {
                    open = Some(Pending {
                        open: *mark,
                        double: true,
                        first_paragraph: index,
                        last_paragraph: index,
                        reopenings: Vec::new(),
                    });
                }
                (Role::Close, None) => {} // a stray closing mark
            }
        }
        carried = open;
    }
    if let Some(pending) = carried {
        finish_unclosed(body, pending, paragraphs, &mut spans);
    }
    spans.retain(|s| !body[s.text.clone()].trim().is_empty());
    spans
}

/// A quote still open when the next paragraph does not continue it. It is kept (to the end
/// of its last paragraph) only when it opened a paragraph or followed a colon: a statement
/// whose closing mark was lost. Otherwise the mark was stray.
fn finish_unclosed(body: &str, pending: Pending, paragraphs: &[Range<usize>], out: &mut Vec<Span>) {
    let first = &paragraphs[pending.first_paragraph];
    let before = body[first.start..pending.open.start].trim_end();
    let opens_statement = before.is_empty() || before.ends_with(':');
    if !opens_statement && pending.reopenings.is_empty() {
        return;
    }
    let last_paragraph = pending.last_paragraph;
    let end = paragraphs[last_paragraph].end;
    out.push(Span {
        text: pending.open.end..end,
        outer: pending.open.start..end,
        first_paragraph: pending.first_paragraph,
        last_paragraph,
        reopenings: pending.reopenings,
        double: pending.double,
    });
}

/// A quote reopened before it closed inside one paragraph: kept up to the new mark only when
/// it reads as a whole statement (it opened the paragraph or followed a colon) and ends a
/// sentence before the new mark.
fn finish_unclosed_inside(body: &str, pending: Pending, next_open: usize, out: &mut Vec<Span>) {
    if !pending.reopenings.is_empty() {
        let end = body[..next_open].trim_end().len();
        if end > pending.open.end {
            out.push(Span {
                text: pending.open.end..end,
                outer: pending.open.start..end,
                first_paragraph: pending.first_paragraph,
                last_paragraph: pending.last_paragraph,
                reopenings: pending.reopenings,
                double: pending.double,
            });
        }
    }
}

/// Is the single mark at `i` an apostrophe rather than a quotation mark?
fn is_elision(text: &str, i: usize, c: char) -> bool {
    let before = text[..i].chars().next_back();
    let rest = &text[i + c.len_utf8()..];
    let after = rest.chars().next();
    let letter_before = before.is_some_and(char::is_alphanumeric);
    let letter_after = after.is_some_and(char::is_alphanumeric);
    if letter_before && letter_after {
        return true; // don’t, Turkey’s
    }
    if letter_before {
        return false;
    }
    // ’90s, ’em, ’til, rock ’n’ roll: the word after the mark, compared without a copy
    // (no capital outside ASCII lowers to one of these ASCII words or to a digit).
    let len = rest
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(rest.len(), |(k, _)| k);
    let word = &rest[..len];
    let digits = word.trim_end_matches(['s', 'S']);
    (digits.len() == 2 && digits.bytes().all(|b| b.is_ascii_digit()))
        || ["em", "tis", "twas", "til", "n", "cause", "bout"]
            .iter()
            .any(|w| word.eq_ignore_ascii_case(w))
}

/// Does `text` hold `'`, `‘`, `‚` or `‹`? A byte scan: `str::contains` with a set of
/// characters decodes every character, and this runs on every paragraph.
fn has_opening_single_mark(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'\'', 0xE2, bytes).any(|i| {
        bytes[i] == b'\'' || matches!(bytes.get(i + 1..i + 3), Some([0x80, 0x98 | 0x9A | 0xB9]))
    })
}

/// Is byte `at` inside one of the `taken` ranges (sorted, not overlapping)?
fn is_taken(taken: &[Range<usize>], at: usize) -> bool {
    let k = taken.partition_point(|t| t.end <= at);
    taken.get(k).is_some_and(|t| t.contains(&at))
}

/// Does the paragraph open with a single mark that reopens a quote (`‘…` or `'…`, not an
/// elision like `’90s`)?
fn single_reopening(body: &str, range: &Range<usize>) -> Option<Range<usize>> {
    let text = &body[range.clone()];
    let offset = text.len() - text.trim_start().len();
    let c = text[offset..].chars().next()?;
    if !matches!(c, '‘' | '\'' | '‚' | '‹') || is_elision(text, offset, c) {
        return None;
    }
    let after = text[offset + c.len_utf8()..].chars().next();
    if !after.is_some_and(|a| !a.is_whitespace() && !is_single_mark(a)) {
        return None;
    }
    let start = range.start + offset;
    Some(start..start + c.len_utf8())
}

/// Finds single-quoted spans in `paragraphs`, outside the `taken` ranges (double-quoted
/// spans, sorted). Only spans whose closing mark is followed by a space, punctuation or the
/// end count. A quote left open at the end of a paragraph runs on when the next paragraph
/// opens with a single mark (British style), as double-quoted ones do.
pub(crate) fn single_spans(
    body: &str,
    paragraphs: &[Range<usize>],
    taken: &[Range<usize>],
) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut carried: Option<Pending> = None;
    for (index, range) in paragraphs.iter().enumerate() {
        let text = &body[range.clone()];
        let mut open: Option<Pending> = None;
        let mut skip_to = 0;
        if let Some(mut pending) = carried.take() {
            match single_reopening(body, range) {
                Some(reopen) => {
                    skip_to = reopen.end - range.start;
                    pending.reopenings.push(reopen);
                    pending.last_paragraph = index;
                    open = Some(pending);
                }
                None => finish_unclosed(body, pending, paragraphs, &mut spans),
            }
        }
        // Most paragraphs hold no opening single mark at all.
        if open.is_none() && !has_opening_single_mark(text) {
            continue;
        }
        // Single marks are `'` or three-byte characters led by 0xE2 (‘ ’ ‚ ‹ ›).
        let candidates =
            memchr::memchr2_iter(b'\'', 0xE2, text.as_bytes()).filter(|&i| i >= skip_to);
        for i in candidates {
            let Some(c) = text[i..].chars().next() else {
                continue;
            };
            if !is_single_mark(c) {
                continue;
            }
            let at = range.start + i;
            if is_taken(taken, at) {
                open = None;
                continue;
            }
            if is_elision(text, i, c) {
                continue;
            }
            // Two straight apostrophes together ('') are neither one mark nor two.
            if c == '\'' && (text[..i].ends_with('\'') || text[i + 1..].starts_with('\'')) {
                continue;
            }
            let before = text[..i].chars().next_back();
            let after = text[i + c.len_utf8()..].chars().next();
            let can_open = before.is_none_or(|b| b.is_whitespace() || opens_after(b))
                && after.is_some_and(|a| !a.is_whitespace())
                && c != '’';
            let can_close = before.is_some_and(|b| !b.is_whitespace())
                && after.is_none_or(|a| a.is_whitespace() || closes_before(a))
                && c != '‘';
            let mark = Mark {
                start: at,
                end: at + c.len_utf8(),
                role: Role::Open,
            };
            match open.take() {
                Some(pending) if can_close => spans.push(Span {
                    text: pending.open.end..at,
                    outer: pending.open.start..mark.end,
                    first_paragraph: pending.first_paragraph,
                    last_paragraph: index,
                    reopenings: pending.reopenings,
                    double: false,
                }),
                previous if can_open => {
                    if let Some(previous) = previous {
                        finish_unclosed_inside(body, previous, at, &mut spans);
                    }
                    open = Some(Pending {
                        open: mark,
                        double: false,
                        first_paragraph: index,
                        last_paragraph: index,
                        reopenings: Vec::new(),
                    });
                }
                previous => open = previous,
            }
        }
        carried = open;
    }
    if let Some(pending) = carried {
        finish_unclosed(body, pending, paragraphs, &mut spans);
    }
    spans.retain(|s| !body[s.text.clone()].trim().is_empty());
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_bytes_are_stepped_over_only_without_a_possible_mark() {
        // Every byte value at every place of a chunk of plain letters.
        for place in 0..8 {
            for b in 0..=255u8 {
                let mut chunk = *b"abcdefgh";
                chunk[place] = b;
                let expected = chunk
                    .iter()
                    .any(|&c| MAY_START_A_MARK[c as usize] || c >= 0x80);
                assert_eq!(
                    may_hold_a_mark(u64::from_ne_bytes(chunk)),
                    expected,
                    "{b:#x} at {place}"
                );
            }
        }
        // Marks after and between long ASCII runs are all found.
        let text = "Sixteen plain bytes “here” and then \"straight\" marks";
        let found = spans(text);
        assert_eq!(found.len(), 2);
        assert_eq!(&text[found[0].text.clone()], "here");
        assert_eq!(&text[found[1].text.clone()], "straight");
    }

    fn spans(text: &str) -> Vec<Span> {
        let paragraphs: Vec<Range<usize>> = text
            .split("\n\n")
            .scan(0, |offset, p| {
                let r = *offset..*offset + p.len();
                *offset += p.len() + 2;
                Some(r)
            })
            .collect();
        double_spans(text, &paragraphs)
    }

    #[test]
    fn the_byte_scan_finds_the_same_single_marks_as_a_character_search() {
        for text in [
            "it's",
            "‘Hi’",
            "‚low",
            "‹a›",
            "no marks — “just doubles”",
            "’ alone",
            "",
        ] {
            assert_eq!(
                has_opening_single_mark(text),
                text.contains(['‘', '\'', '‚', '‹']),
                "{text}"
            );
        }
    }

    fn quoted(text: &str) -> Vec<&str> {
        spans(text).into_iter().map(|s| &text[s.text]).collect()
    }

    #[test]
    fn pairs_curly_straight_and_mixed_marks() {
        let cases: &[(&str, &[&str])] = &[
            ("“Curly,” he said.", &["Curly,"]),
            ("\"Straight,\" he said.", &["Straight,"]),
            ("“Mixed,\" he said.", &["Mixed,"]),
            ("He said \"one\" and \"two\".", &["one", "two"]),
            ("“Typo closed here,“ he said.", &["Typo closed here,"]),
            // Doubled apostrophes are not quotation marks (as annotated news corpora read
            // them), so no quote here.
            ("''Archive style,'' he said, ''twice.''", &[]),
            (
                "\"Outer 'inner' words,\" he said.",
                &["Outer 'inner' words,"],
            ),
            (
                "\u{a0}“With a non-breaking space”\u{a0}he said.",
                &["With a non-breaking space"],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(quoted(text), *expected, "{text}");
        }
    }

    #[test]
    fn a_stray_mark_swallows_nothing() {
        assert_eq!(
            quoted("He measured 6\" of snow.\n\nThen he \"left\" town."),
            ["left"]
        );
        assert_eq!(
            quoted("A stray “mark here.\n\nNext paragraph is plain.\n\nAnd “this” is quoted."),
            ["this"]
        );
    }

    #[test]
    fn a_quote_may_run_over_paragraphs() {
        let text = "He said: “First part.\n\n“Second part.”\n\nNarrative.";
        let spans = spans(text);
        assert_eq!(spans.len(), 1);
        assert_eq!(spans[0].first_paragraph, 0);
        assert_eq!(spans[0].last_paragraph, 1);
        assert_eq!(spans[0].reopenings.len(), 1);
    }

    #[test]
    fn apostrophes_are_not_single_quotes() {
        let text = "Turkey’s army, the ’90s and don’t; she called it ‘a farce’ today.";
        let paragraphs = vec![Range {
            start: 0,
            end: text.len(),
        }];
        let spans = single_spans(text, &paragraphs, &[]);
        let found: Vec<&str> = spans.iter().map(|s| &text[s.text.clone()]).collect();
        assert_eq!(found, ["a farce"]);
    }

    #[test]
    fn elisions_are_read_in_any_case() {
        for (text, elided) in [
            ("the ’90s", true),
            ("the ’90S", true),
            ("rock ’N’ roll", true),
            ("’Til then", true),
            ("’TWAS so", true),
            ("’tilde", false),
            ("’900s", false),
            ("’Em", true),
            ("Syrians’ homes", false),
        ] {
            let at = text.find('’').unwrap_or(0);
            assert_eq!(is_elision(text, at, '’'), elided, "{text}");
        }
    }
}
