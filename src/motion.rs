//! Cursor motions over an article's text, vim style: words, sentences, paragraphs, screen
//! lines, and the text objects "inside sentence", "inside paragraph" and "inside quote".
//! Offsets are byte offsets into the body, always on character boundaries; a cursor sits
//! on a character, and a selection includes the character under each end.

use std::ops::Range;

use crate::corpus::Article;
use crate::layout::Layout;

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn char_at(body: &str, at: usize) -> Option<char> {
    body.get(at..).and_then(|s| s.chars().next())
}

fn next_boundary(body: &str, at: usize) -> usize {
    char_at(body, at).map_or(body.len(), |c| at + c.len_utf8())
}

fn prev_boundary(body: &str, at: usize) -> usize {
    body.get(..at)
        .and_then(|s| s.chars().next_back())
        .map_or(0, |c| at - c.len_utf8())
}

/// The offset of the last character of `body`, or 0 when empty.
pub fn last_char(body: &str) -> usize {
    prev_boundary(body, body.len())
}

/// Snaps any offset onto a character boundary inside the text.
pub fn clamp(body: &str, at: usize) -> usize {
    let mut at = at.min(last_char(body));
    while !body.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// `w`: the start of the next word.
pub fn word_forward(body: &str, at: usize) -> usize {
    let mut i = clamp(body, at);
    // Leave the current word, then skip to the next word character.
    while char_at(body, i).is_some_and(is_word_char) {
        i = next_boundary(body, i);
    }
    while char_at(body, i).is_some_and(|c| !is_word_char(c)) {
        i = next_boundary(body, i);
    }
    if i >= body.len() { last_char(body) } else { i }
}

/// `b`: the start of this word, or of the previous one when already at a start.
pub fn word_backward(body: &str, at: usize) -> usize {
    let mut i = clamp(body, at);
    // Step back over the gap before us, then to the start of that word.
    loop {
        let prev = prev_boundary(body, i);
        if prev == i || char_at(body, prev).is_some_and(is_word_char) {
            break;
        }
        i = prev;
    }
    loop {
        let prev = prev_boundary(body, i);
        if prev == i || !char_at(body, prev).is_some_and(is_word_char) {
            break;
        }
        i = prev;
    }
    i
}

/// `e`: the last character of this word, or of the next one when already at an end.
pub fn word_end(body: &str, at: usize) -> usize {
    let mut i = next_boundary(body, clamp(body, at));
    while char_at(body, i).is_some_and(|c| !is_word_char(c)) {
        i = next_boundary(body, i);
    }
    while char_at(body, next_boundary(body, i)).is_some_and(is_word_char) {
        i = next_boundary(body, i);
    }
    clamp(body, i)
}

/// `)`: the start of the next sentence.
pub fn sentence_forward(article: &Article, at: usize) -> usize {
    article
        .sentences
        .iter()
        .map(|s| s.range.start)
        .find(|&start| start > at)
        .unwrap_or_else(|| last_char(&article.body))
}

/// `(`: the start of this sentence, or of the previous one when already at its start.
pub fn sentence_backward(article: &Article, at: usize) -> usize {
    article
        .sentences
        .iter()
        .map(|s| s.range.start)
        .rfind(|&start| start < at)
        .unwrap_or(0)
}

/// `}`: the start of the next paragraph.
pub fn paragraph_forward(article: &Article, at: usize) -> usize {
    article
        .paragraphs
        .iter()
        .map(|p| p.range.start)
        .find(|&start| start > at)
        .unwrap_or_else(|| last_char(&article.body))
}

/// `{`: the start of this paragraph, or of the previous one.
pub fn paragraph_backward(article: &Article, at: usize) -> usize {
    article
        .paragraphs
        .iter()
        .map(|p| p.range.start)
        .rfind(|&start| start < at)
        .unwrap_or(0)
}

/// `0`: the first character of the screen line.
pub fn line_start(layout: &Layout, at: usize) -> usize {
    layout
        .rows
        .get(layout.row_of(at))
        .map_or(at, |r| r.range.start)
}

/// `$`: the last character of the screen line.
pub fn line_end(body: &str, layout: &Layout, at: usize) -> usize {
    layout
        .rows
        .get(layout.row_of(at))
        .map_or(at, |r| prev_boundary(body, r.range.end).max(r.range.start))
}

/// `j`/`k`: the same column `lines` screen lines down (or up), skipping blank rows.
pub fn line_down(body: &str, layout: &Layout, at: usize, lines: isize, column: usize) -> usize {
    let (mut row, _) = layout.position_of(body, at);
    let mut remaining = lines.unsigned_abs();
    while remaining > 0 {
        let next = if lines > 0 {
            row + 1
        } else {
            match row.checked_sub(1) {
                Some(r) => r,
                None => break,
            }
        };
        let Some(r) = layout.rows.get(next) else {
            break;
        };
        row = next;
        if r.paragraph.is_some() {
            remaining -= 1;
        }
    }
    while layout.rows.get(row).is_some_and(|r| r.paragraph.is_none()) && row > 0 {
        row -= 1;
    }
    let offset = layout.offset_at(body, row, column);
    let end = layout.rows.get(row).map_or(offset, |r| r.range.end);
    if offset >= end {
        layout.rows.get(row).map_or(offset, |r| {
            prev_boundary(body, r.range.end).max(r.range.start)
        })
    } else {
        offset
    }
}

/// `is`: the sentence under the cursor.
pub fn inside_sentence(article: &Article, at: usize) -> Option<Range<usize>> {
    article
        .sentence_at(at)
        .map(|i| article.sentences[i].range.clone())
}

/// `ip`: the paragraph under the cursor.
pub fn inside_paragraph(article: &Article, at: usize) -> Option<Range<usize>> {
    article
        .paragraph_at(at)
        .map(|i| article.paragraphs[i].range.clone())
}

/// A selection made with sentence or paragraph motions ends on the first character of the
/// next one (as in vim); a highlight should not. Drops that character and the white space
/// around the passage.
pub fn tidy_selection(article: &Article, range: Range<usize>) -> Range<usize> {
    let body = &article.body;
    let last = prev_boundary(body, range.end);
    let next_starts_here = article.sentences.iter().any(|s| s.range.start == last)
        || article.paragraphs.iter().any(|p| p.range.start == last);
    let end = if next_starts_here && last > range.start {
        last
    } else {
        range.end
    };
    let text = body.get(range.start..end).unwrap_or("");
    let start = range.start + (text.len() - text.trim_start().len());
    let end = end - (text.len() - text.trim_end().len());
    if start < end { start..end } else { range }
}

const OPENING: [char; 3] = ['“', '"', '«'];
const CLOSING: [char; 3] = ['”', '"', '»'];

/// `iq`: the text inside the quotation marks around the cursor, within its paragraph.
pub fn inside_quote(article: &Article, at: usize) -> Option<Range<usize>> {
    let paragraph = article.paragraphs.get(article.paragraph_at(at)?)?;
    let text = &article.body[paragraph.range.clone()];
    let local = at - paragraph.range.start;
    // Pair the marks of the paragraph left to right; find the pair around the cursor.
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let straight = c == '"';
        if open.is_none() && OPENING.contains(&c) {
            let starts_quote = !straight
                || text[..i]
                    .chars()
                    .next_back()
                    .is_none_or(|p| !p.is_alphanumeric());
            if starts_quote {
                open = Some(i + c.len_utf8());
                continue;
            }
        }
        if let Some(start) = open
            && CLOSING.contains(&c)
        {
            if (start.saturating_sub(1)..=i).contains(&local) {
                return Some(paragraph.range.start + start..paragraph.range.start + i);
            }
            open = None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::parse_article;

    const TEXT: &str = "Turkey’s army moved. “We will act,” he said.\n\nA new paragraph here.";

    fn article() -> Article {
        parse_article("t.txt".into(), TEXT, Vec::new())
    }

    #[test]
    fn words() {
        let at = |s: &str| TEXT.find(s).unwrap();
        assert_eq!(
            word_forward(TEXT, 0),
            at("s army"),
            "an apostrophe ends a word"
        );
        assert_eq!(word_forward(TEXT, at("army")), at("moved"));
        assert_eq!(word_forward(TEXT, at("moved")), at("We"));
        assert_eq!(word_backward(TEXT, at("moved")), at("army"));
        assert_eq!(word_backward(TEXT, at("oved")), at("moved"));
        assert_eq!(word_end(TEXT, at("army")), at("y moved"));
        assert_eq!(word_end(TEXT, at("y moved")), at("d. “"));
        let end = last_char(TEXT);
        assert_eq!(word_forward(TEXT, end), end);
        assert_eq!(word_backward(TEXT, 0), 0);
    }

    #[test]
    fn sentences_and_paragraphs() {
        let a = article();
        let at = |s: &str| a.body.find(s).unwrap();
        assert_eq!(sentence_forward(&a, 0), at("“We"));
        assert_eq!(sentence_forward(&a, at("“We")), at("A new"));
        assert_eq!(sentence_backward(&a, at("will")), at("“We"));
        assert_eq!(sentence_backward(&a, at("“We")), 0);
        assert_eq!(paragraph_forward(&a, 5), at("A new"));
        assert_eq!(paragraph_backward(&a, at("new")), at("A new"));
        assert_eq!(paragraph_backward(&a, at("A new")), 0);
    }

    #[test]
    fn text_objects() {
        let a = article();
        let at = |s: &str| a.body.find(s).unwrap();
        let sentence = inside_sentence(&a, at("will")).unwrap();
        assert_eq!(&a.body[sentence], "“We will act,” he said.");
        let paragraph = inside_paragraph(&a, at("new")).unwrap();
        assert_eq!(&a.body[paragraph], "A new paragraph here.");
        let quote = inside_quote(&a, at("will")).unwrap();
        assert_eq!(&a.body[quote], "We will act,");
        assert_eq!(
            inside_quote(&a, at("army")),
            None,
            "an apostrophe is not a quote"
        );
        assert_eq!(inside_quote(&a, at("new")), None);
    }

    #[test]
    fn selections_made_by_sentence_motions_end_with_the_sentence() {
        let a = article();
        let at = |s: &str| a.body.find(s).unwrap();
        // `v )` from the start: up to and including the “ of the next sentence.
        let selected = 0..at("“We") + '“'.len_utf8();
        assert_eq!(
            &a.body[tidy_selection(&a, selected)],
            "Turkey’s army moved."
        );
        // A selection ending inside a word is kept as it is.
        let partial = at("army")..at("moved") + 2;
        assert_eq!(&a.body[tidy_selection(&a, partial)], "army mo");
    }

    #[test]
    fn screen_lines() {
        let a = parse_article(
            "t".into(),
            "one two three four five six\n\nseven eight",
            Vec::new(),
        );
        let layout = Layout::new(&a, 10);
        let body = &a.body;
        let at = |s: &str| body.find(s).unwrap();
        assert_eq!(line_start(&layout, at("two")), 0);
        assert_eq!(line_end(body, &layout, 0), at("o three"));
        assert_eq!(line_down(body, &layout, at("two"), 1, 4), at("three") + 4);
        // Down from the last row of a paragraph skips the blank row.
        let last_row_start = at("five");
        assert_eq!(line_down(body, &layout, last_row_start, 1, 0), at("seven"));
        assert_eq!(line_down(body, &layout, at("seven"), -1, 0), at("five"));
        assert_eq!(line_down(body, &layout, 0, -1, 0), 0);
        assert_eq!(line_down(body, &layout, at("seven"), 5, 0), at("eight"));
    }
}
