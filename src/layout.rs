//! Text layout: wrapping an article's paragraphs to a width in terminal cells, and mapping
//! byte offsets in the body to screen rows and columns and back. The reader, search hits,
//! quote jumps and highlights all go through here. No terminal code.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::corpus::Article;

/// One screen row of an article: a byte range of the body, or a blank row between
/// paragraphs (empty range, `paragraph: None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub range: Range<usize>,
    pub paragraph: Option<usize>,
}

/// An article wrapped to one width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub width: usize,
    pub rows: Vec<Row>,
}

/// Display width of text on a terminal; newlines inside a paragraph count as a space.
pub fn display_width(text: &str) -> usize {
    text.graphemes(true).map(grapheme_width).sum()
}

fn grapheme_width(g: &str) -> usize {
    if g == "\n" || g == "\r\n" {
        1
    } else {
        g.width()
    }
}

fn is_break_space(g: &str) -> bool {
    // A non-breaking space is a space that must not break.
    g != "\u{A0}" && g != "\u{202F}" && g.chars().all(char::is_whitespace)
}

impl Layout {
    /// Wraps every paragraph of `article` to `width` cells (at least 1), with a blank row
    /// between paragraphs.
    pub fn new(article: &Article, width: usize) -> Layout {
        let width = width.max(1);
        let mut rows = Vec::new();
        for (index, paragraph) in article.paragraphs.iter().enumerate() {
            if index > 0 {
                rows.push(Row {
                    range: paragraph.range.start..paragraph.range.start,
                    paragraph: None,
                });
            }
            let start = paragraph.range.start;
            for range in wrap(&article.body[paragraph.range.clone()], width) {
                rows.push(Row {
                    range: start + range.start..start + range.end,
                    paragraph: Some(index),
                });
            }
        }
        Layout { width, rows }
    }

    /// The row showing byte `offset` (the nearest text row at or before it when the offset
    /// falls between rows, e.g. on a wrapping space).
    pub fn row_of(&self, offset: usize) -> usize {
        // Rows are ordered by start (a blank row starts where the next paragraph does).
        let after = self.rows.partition_point(|r| r.range.start <= offset);
        let mut row = after.saturating_sub(1);
        while row > 0 && self.rows[row].paragraph.is_none() {
            row -= 1;
        }
        row
    }

    /// (row, column in cells) of byte `offset` in `body`.
    pub fn position_of(&self, body: &str, offset: usize) -> (usize, usize) {
        let row = self.row_of(offset);
        let Some(r) = self.rows.get(row) else {
            return (0, 0);
        };
        let end = offset.clamp(r.range.start, r.range.end) - r.range.start;
        // Counted grapheme by grapheme, as offset_at reads it back: an offset inside a
        // grapheme (a prepended mark's letter, a joined emoji) is that grapheme's column.
        let col = body
            .get(r.range.clone())
            .map(|text| {
                text.grapheme_indices(true)
                    .take_while(|(i, g)| i + g.len() <= end)
                    .map(|(_, g)| grapheme_width(g))
                    .sum()
            })
            .unwrap_or(0);
        (row, col)
    }

    /// The byte offset shown at (row, column); past the end of a row gives the row's end.
    pub fn offset_at(&self, body: &str, row: usize, col: usize) -> usize {
        let Some(r) = self.rows.get(row.min(self.rows.len().saturating_sub(1))) else {
            return 0;
        };
        let Some(text) = body.get(r.range.clone()) else {
            return r.range.start;
        };
        let mut used = 0;
        for (i, g) in text.grapheme_indices(true) {
            let w = grapheme_width(g);
            if used + w > col {
                return r.range.start + i;
            }
            used += w;
        }
        r.range.end
    }
}

/// Greedy word wrap of one paragraph to `width` cells. Breaks at spaces, between wide
/// (CJK) characters, and inside a word only when the word alone is wider than a row.
/// Returns byte ranges into `text`, without the spaces at the breaks.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let graphemes: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
    let mut rows = Vec::new();
    let mut start: Option<usize> = None; // byte where the current row starts
    let mut used = 0;
    // Last place the row may end: (end of row, index of the grapheme that starts the next).
    let mut last_break: Option<(usize, usize)> = None;
    let mut k = 0;
    while k < graphemes.len() {
        let (i, g) = graphemes[k];
        let w = grapheme_width(g);
        if is_break_space(g) {
            if start.is_some() {
                // A run of spaces is one break: the row ends before it, the next starts after.
                match last_break.as_mut() {
                    Some(b) if b.1 == k => b.1 = k + 1,
                    _ => last_break = Some((i, k + 1)),
                }
                used += w;
            }
            k += 1;
            continue;
        }
        let Some(row_start) = start else {
            start = Some(i);
            used = w;
            last_break = None;
            k += 1;
            continue;
        };
        if w == 2 && used > 0 {
            // Wide characters may break before them without a space.
            if last_break.is_none_or(|b| b.1 != k) {
                last_break = Some((i, k));
            }
        }
        if used + w > width {
            match last_break.filter(|b| b.0 > row_start) {
                Some((end, next)) => {
                    rows.push(row_start..end);
                    k = next;
                }
                None => {
                    rows.push(row_start..i);
                }
            }
            start = None;
            used = 0;
            last_break = None;
            continue;
        }
        used += w;
        k += 1;
    }
    if let Some(s) = start {
        let end = text
            .trim_end_matches(|c: char| c.is_whitespace() && c != '\u{A0}')
            .len();
        rows.push(s..end.max(s));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_letter_inside_a_grapheme_is_at_the_grapheme_s_column() {
        // U+0600 is a prepended mark: it and the "!" after it are one grapheme.
        let text = "ab \u{600}! cd";
        let article = crate::corpus::parse_article("f.txt".into(), text, Vec::new());
        let body = &article.body;
        let layout = Layout::new(&article, 40);
        let mark = body.find('\u{600}').expect("mark in body");
        let bang = body.find('!').expect("! in body");
        let at_mark = layout.position_of(body, mark);
        assert_eq!(layout.position_of(body, bang), at_mark);
        assert_eq!(layout.offset_at(body, at_mark.0, at_mark.1), mark);
    }

    fn lines(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(
            lines("the quick brown fox jumps", 10),
            ["the quick", "brown fox", "jumps"]
        );
        assert_eq!(lines("exactly ten", 11), ["exactly ten"]);
        assert_eq!(lines("a  b", 1), ["a", "b"]);
    }

    #[test]
    fn long_words_are_split() {
        assert_eq!(lines("abcdefghij xy", 4), ["abcd", "efgh", "ij", "xy"]);
    }

    #[test]
    fn newlines_inside_a_paragraph_are_spaces() {
        assert_eq!(lines("one\ntwo three", 20), ["one\ntwo three"]);
        assert_eq!(lines("one\ntwo three", 7), ["one\ntwo", "three"]);
    }

    #[test]
    fn non_breaking_space_holds_words_together() {
        assert_eq!(
            lines("at 3.6\u{A0}million people", 11),
            ["at", "3.6\u{A0}million", "people"]
        );
    }

    #[test]
    fn cjk_and_emoji_fit_their_width() {
        for (text, width) in [("日本語のテキストです", 6), ("news 🎉🎉 party 👨‍👩‍👧 here", 7)]
        {
            for line in lines(text, width) {
                assert!(display_width(line) <= width, "{line:?} wider than {width}");
            }
        }
        assert_eq!(lines("日本語のテキスト", 6), ["日本語", "のテキ", "スト"]);
    }

    #[test]
    fn width_one_never_loops() {
        assert_eq!(lines("ab 日", 1), ["a", "b", "日"]);
    }

    #[test]
    fn positions_round_trip() {
        let article = crate::corpus::parse_article(
            "t".into(),
            "First paragraph with words.\n\nSecond one, with Erdoğan’s name.",
            Vec::new(),
        );
        let layout = Layout::new(&article, 12);
        for (offset, _) in article.body.char_indices() {
            if article.body[offset..].starts_with(char::is_whitespace) {
                continue;
            }
            let (row, col) = layout.position_of(&article.body, offset);
            assert_eq!(
                layout.offset_at(&article.body, row, col),
                offset,
                "offset {offset}"
            );
        }
        assert!(layout.rows.iter().any(|r| r.paragraph.is_none()));
        assert_eq!(layout.row_of(0), 0);
        let second = article.paragraphs[1].range.start;
        assert_eq!(layout.rows[layout.row_of(second)].range.start, second);
    }
}
