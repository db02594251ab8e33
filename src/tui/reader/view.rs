//! The reader's view of the open article: wrapped rows, scroll position, the cursor and
//! the selection. Scrolling keeps the cursor on screen and moving the cursor scrolls.

use std::ops::Range;

use lede::corpus::Article;
use lede::layout::Layout;
use lede::motion;

#[derive(Debug, Clone)]
pub struct ReaderView {
    pub layout: Layout,
    /// First row shown.
    pub top: usize,
    /// Rows that fit on screen.
    pub height: usize,
    /// Byte offset of the character under the cursor.
    pub cursor: usize,
    /// The column `j`/`k` aim for, kept across short lines.
    pub column: Option<usize>,
    /// Where a selection started (`v`), if one is being made.
    pub anchor: Option<usize>,
    /// A passage marked by a jump from the side panel (or, later, search).
    pub mark: Option<Range<usize>>,
}

impl ReaderView {
    pub fn empty() -> ReaderView {
        ReaderView {
            layout: Layout {
                width: 0,
                rows: Vec::new(),
            },
            top: 0,
            height: 0,
            cursor: 0,
            column: None,
            anchor: None,
            mark: None,
        }
    }

    /// The byte offset of the first row shown: the scroll position that survives resizes.
    pub fn top_offset(&self) -> usize {
        self.layout
            .rows
            .get(self.top)
            .map(|r| r.range.start)
            .unwrap_or(0)
    }

    fn max_top(&self) -> usize {
        self.layout.rows.len().saturating_sub(self.height.max(1))
    }

    /// The selected text, both ends included.
    pub fn selection(&self, body: &str) -> Option<Range<usize>> {
        let anchor = self.anchor?;
        let (start, end) = if anchor <= self.cursor {
            (anchor, self.cursor)
        } else {
            (self.cursor, anchor)
        };
        let end = body
            .get(end..)
            .and_then(|s| s.chars().next())
            .map_or(body.len(), |c| end + c.len_utf8());
        Some(start..end)
    }

    /// Scrolls by `rows`, carrying the cursor along so it keeps its place on screen; at
    /// either end of the article the cursor moves on by itself.
    pub fn scroll_by(&mut self, body: &str, rows: isize) {
        let column = self.column(body);
        let (row, _) = self.layout.position_of(body, self.cursor);
        let screen_row = row.saturating_sub(self.top);
        let before = self.top;
        self.top = self.top.saturating_add_signed(rows).min(self.max_top());
        let unscrolled = rows - (self.top as isize - before as isize);
        let target = (self.top + screen_row).saturating_add_signed(unscrolled);
        self.cursor = self.offset_on_row(body, target, column);
        self.column = Some(column);
        self.keep_cursor_visible();
    }

    /// The character at `column` of `row` (or the nearest text row), clamped to the row.
    fn offset_on_row(&self, body: &str, row: usize, column: usize) -> usize {
        let last = self.layout.rows.len().saturating_sub(1);
        let mut row = row.min(last);
        let blank = |row: usize| {
            self.layout
                .rows
                .get(row)
                .is_some_and(|r| r.paragraph.is_none())
        };
        // A blank row between paragraphs: take the next text row if it is on screen.
        if blank(row) && row < last && row + 1 < self.top + self.height.max(1) {
            row += 1;
        }
        while row > 0 && blank(row) {
            row -= 1;
        }

        let Some(r) = self.layout.rows.get(row) else {
            return 0;
        };
        let offset = self.layout.offset_at(body, row, column);
        if offset >= r.range.end && r.range.end > r.range.start {
            motion::clamp(body, r.range.end.saturating_sub(1)).max(r.range.start)
        } else {
            offset
        }
    }

    /// Wraps the article anew (after a resize or when opening it), keeping the first
    /// visible text and the cursor where they were.
    pub fn relayout(&mut self, article: Option<&Article>, width: usize, height: usize) {
        self.height = height;
        if self.layout.width != width {
            let keep = self.top_offset();
            let had_rows = !self.layout.rows.is_empty();
            self.layout = match article {
                Some(article) => Layout::new(article, width),
                None => Layout {
                    width,
                    rows: Vec::new(),
                },
            };
            if had_rows {
                self.top = self.layout.row_of(keep);
            }
        }
        self.top = self.top.min(self.max_top());
        self.keep_cursor_visible_by_moving_it();
    }

    /// Puts the first rows of the article on screen, cursor at the start.
    pub fn reset(&mut self) {
        *self = ReaderView::empty();
    }

    /// Moves the cursor, scrolling if it would leave the screen.
    pub fn move_cursor(&mut self, body: &str, to: usize) {
        self.cursor = motion::clamp(body, to);
        self.column = None;
        self.keep_cursor_visible();
    }

    /// Moves the cursor by screen lines, keeping the aimed-for column.
    pub fn move_lines(&mut self, body: &str, lines: isize) {
        let column = self.column(body);
        self.cursor = motion::line_down(body, &self.layout, self.cursor, lines, column);
        self.column = Some(column);
        self.keep_cursor_visible();
    }

    /// Scrolls so that the row of `offset` is the first shown (as far as the end allows),
    /// moving the cursor onto the screen if it left it.
    pub fn scroll_to_offset(&mut self, offset: usize) {
        self.top = self.layout.row_of(offset).min(self.max_top());
        self.keep_cursor_visible_by_moving_it();
    }

    /// Scrolls so that `offset` is shown a little below the top, for jumps.
    pub fn show(&mut self, offset: usize) {
        let row = self.layout.row_of(offset);
        self.top = row.saturating_sub(2).min(self.max_top());
    }

    fn column(&self, body: &str) -> usize {
        self.column
            .unwrap_or_else(|| self.layout.position_of(body, self.cursor).1)
    }

    /// Scrolls the view to the cursor.
    fn keep_cursor_visible(&mut self) {
        let row = self.layout.row_of(self.cursor);
        let height = self.height.max(1);
        if row < self.top {
            self.top = row;
        } else if row >= self.top + height {
            self.top = row + 1 - height;
        }
        self.top = self.top.min(self.max_top());
    }

    /// Moves the cursor onto the screen (after the view scrolled away from it).
    fn keep_cursor_visible_by_moving_it(&mut self) {
        let row = self.layout.row_of(self.cursor);
        let height = self.height.max(1);
        let target = if row < self.top {
            Some(self.top)
        } else if row >= self.top + height {
            Some(self.top + height - 1)
        } else {
            None
        };
        if let Some(mut target) = target {
            while self
                .layout
                .rows
                .get(target)
                .is_some_and(|r| r.paragraph.is_none())
                && target > 0
            {
                target -= 1;
            }
            if let Some(r) = self.layout.rows.get(target) {
                self.cursor = r.range.start;
            }
        }
    }
}
