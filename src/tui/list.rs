//! The article list: its order, filter and cursor, its keys, and its rows (date, title,
//! source, highlight count).

use std::cell::Cell;

use lede::corpus::Article;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};

use super::action::Action;
use super::component::{self, Component, Handled, Hint, Input, Request, View};
use super::keymap::{Context, Keymap};
use super::overlays::prompt::Prompt;
use super::panes::page_rows;
use super::shared::Shared;
use super::widgets::{pane_block, truncate};

/// The article list's order; `cycle_sort` steps through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortOrder {
    NewestFirst,
    OldestFirst,
    Title,
    Source,
}

impl SortOrder {
    pub fn label(self) -> &'static str {
        match self {
            SortOrder::NewestFirst => "newest first",
            SortOrder::OldestFirst => "oldest first",
            SortOrder::Title => "by title",
            SortOrder::Source => "by source",
        }
    }

    fn next(self) -> SortOrder {
        match self {
            SortOrder::NewestFirst => SortOrder::OldestFirst,
            SortOrder::OldestFirst => SortOrder::Title,
            SortOrder::Title => SortOrder::Source,
            SortOrder::Source => SortOrder::NewestFirst,
        }
    }

    /// Article indices in this order; undated articles come after dated ones, and ties
    /// keep the load order.
    fn arrange(self, articles: &[Article]) -> Vec<usize> {
        let mut order: Vec<usize> = (0..articles.len()).collect();
        match self {
            SortOrder::NewestFirst => order.sort_by_key(|&i| {
                (
                    articles[i].date.is_none(),
                    std::cmp::Reverse(articles[i].date),
                )
            }),
            SortOrder::OldestFirst => {
                order.sort_by_key(|&i| (articles[i].date.is_none(), articles[i].date))
            }
            SortOrder::Title => order.sort_by_cached_key(|&i| articles[i].title.to_lowercase()),
            SortOrder::Source => order.sort_by_cached_key(|&i| {
                let source = articles[i].source.as_deref().map(str::to_lowercase);
                (source.is_none(), source)
            }),
        }
        order
    }
}

pub struct ListPane {
    pub sort: SortOrder,
    /// Article indices in list order.
    pub order: Vec<usize>,
    /// Selected row (an index into `order`).
    pub cursor: usize,
    /// The filter, as typed.
    pub filter: Option<String>,
    /// Where the list was last laid out, if shown.
    pub area: Option<Rect>,
    /// The first row shown; drawing moves it to keep the cursor in view.
    pub top: Cell<usize>,
}

/// The actions worth a hint, in the order shown.
const HINTED: &[&[Action]] = &[
    &[Action::Down, Action::Up],
    &[Action::Open],
    &[Action::Search],
    &[Action::CycleSort],
    &[Action::FilterList],
];

impl ListPane {
    pub fn new(shared: &Shared) -> ListPane {
        let sort = SortOrder::NewestFirst;
        ListPane {
            sort,
            order: sort.arrange(&shared.corpus.articles),
            cursor: 0,
            filter: None,
            area: None,
            top: Cell::new(0),
        }
    }

    /// Orders the list and applies its filter, keeping the selected article selected (or
    /// else the open one).
    pub fn rearrange(&mut self, shared: &Shared) {
        let selected = self.order.get(self.cursor).copied();
        let mut order = self.sort.arrange(&shared.corpus.articles);
        if let Some(filter) = &self.filter {
            let matches = matcher(filter, shared);
            order.retain(|&i| matches(i));
        }
        self.order = order;
        self.cursor = selected
            .and_then(|article| self.position(article))
            .or_else(|| self.position(shared.open))
            .unwrap_or(0);
    }

    /// Sets the filter; returns a word for the user when nothing matches.
    pub fn set_filter(&mut self, filter: Option<String>, shared: &Shared) -> Option<String> {
        self.filter = filter;
        self.rearrange(shared);
        self.order
            .is_empty()
            .then(|| "no article matches the filter · esc clears it".to_string())
    }

    /// The row of `article`, if listed.
    pub fn position(&self, article: usize) -> Option<usize> {
        self.order.iter().position(|&i| i == article)
    }

    /// Selects `article` if it is listed.
    pub fn select(&mut self, article: usize) {
        if let Some(position) = self.position(article) {
            self.cursor = position;
        }
    }

    /// The article before or after `article` in the list (from an end of the list when it
    /// is filtered out), with its row.
    pub fn neighbour(&self, article: usize, forward: bool) -> Option<(usize, usize)> {
        let last = self.order.len().checked_sub(1)?;
        let target = match self.position(article) {
            Some(position) if forward => (position + 1).min(last),
            Some(position) => position.saturating_sub(1),
            None if forward => 0,
            None => last,
        };
        self.order.get(target).map(|&a| (target, a))
    }

    /// The first row to show with `height` rows so the cursor is in view; remembered.
    fn scroll_to_cursor(&self, height: usize) -> usize {
        let height = height.max(1);
        let mut top = self.top.get().min(self.order.len().saturating_sub(height));
        if self.cursor < top {
            top = self.cursor;
        } else if self.cursor >= top + height {
            top = self.cursor + 1 - height;
        }
        self.top.set(top);
        top
    }

    /// A click selects a row; a click on the selected row opens it. The wheel moves.
    fn mouse(&mut self, input: &Input, out: &mut Vec<Request>) -> Handled {
        let len = self.order.len();
        if let Some(rows) = component::wheel(input) {
            self.cursor = step(self.cursor, rows, len);
            return Handled::Consumed;
        }
        let (Some((_, y)), Some(area)) = (component::click(input), self.area) else {
            return Handled::Ignored;
        };
        let inner_top = area.y + 1;
        let height = area.height.saturating_sub(2);
        if y < inner_top || y >= inner_top + height {
            return Handled::Consumed;
        }
        let row = self.scroll_to_cursor(usize::from(height)) + usize::from(y - inner_top);
        if row == self.cursor {
            if let Some(&article) = self.order.get(row) {
                out.push(Request::Open(article));
            }
        } else if row < len {
            self.cursor = row;
        }
        Handled::Consumed
    }

    pub fn hints(keymap: &Keymap) -> Vec<Hint> {
        component::keymap_hints(keymap, Context::List, HINTED, |group| match group {
            [Action::Down, Action::Up] => "move",
            [Action::FilterList] => "filter",
            [Action::Search] => "search",
            [action, ..] => action.help(),
            [] => "",
        })
    }
}

impl Component for ListPane {
    fn handle(&mut self, input: &Input, shared: &Shared, out: &mut Vec<Request>) -> Handled {
        if let Input::Mouse(_) = input {
            return self.mouse(input, out);
        }
        let Some(action) = component::action(&shared.keymap, Context::List, input) else {
            return Handled::Ignored;
        };
        let page = page_rows(self.area);
        let len = self.order.len();
        match action {
            Action::Down => self.cursor = step(self.cursor, 1, len),
            Action::Up => self.cursor = step(self.cursor, -1, len),
            Action::HalfPageDown => self.cursor = step(self.cursor, page / 2, len),
            Action::HalfPageUp => self.cursor = step(self.cursor, -(page / 2), len),
            Action::PageDown => self.cursor = step(self.cursor, page, len),
            Action::PageUp => self.cursor = step(self.cursor, -page, len),
            Action::Top => self.cursor = 0,
            Action::Bottom => self.cursor = len.saturating_sub(1),
            Action::Open => {
                if let Some(&index) = self.order.get(self.cursor) {
                    out.push(Request::Open(index));
                }
            }
            Action::CycleSort => {
                self.sort = self.sort.next();
                self.rearrange(shared);
                out.push(Request::notice(format!("sorted {}", self.sort.label())));
            }
            Action::FilterList => {
                let current = self.filter.clone().unwrap_or_default();
                let prompt = Prompt::list_filter(&current, shared.notes.all_tags());
                out.push(Request::Push(Box::new(prompt)));
            }
            Action::ToggleRead => {
                if let Some(&article) = self.order.get(self.cursor) {
                    let read = !shared.is_read(article);
                    out.push(Request::SetRead { article, read });
                }
            }
            Action::ClearFilter => {
                if let Some(notice) = self.set_filter(None, shared) {
                    out.push(Request::Notice(notice));
                }
            }
            _ => return Handled::Ignored,
        }
        Handled::Consumed
    }

    fn hints(&self, shared: &Shared) -> Vec<Hint> {
        ListPane::hints(&shared.keymap)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, view: &View) {
        let (shared, theme, focused) = (view.shared, view.theme, view.focused);
        let unread = shared.unread_count();
        let unread = if unread > 0 {
            format!(" · {unread} unread")
        } else {
            String::new()
        };
        let title = match &self.filter {
            Some(filter) => format!("Articles · {}{unread} · {}", self.order.len(), filter),
            None => format!(
                "Articles · {}{unread} · {}",
                self.order.len(),
                self.sort.label()
            ),
        };
        let block = pane_block(title, focused, theme);
        let inner = usize::from(block.inner(area).width);
        // Only the rows on screen are built: a corpus may hold 50,000 articles.
        let height = usize::from(block.inner(area).height).max(1);
        let first = self.scroll_to_cursor(height);
        let items: Vec<ListItem> = self
            .order
            .iter()
            .skip(first)
            .take(height)
            .map(|&index| {
                let article = &shared.corpus.articles[index];
                let date = article
                    .date
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "   —      ".to_string());
                let read = shared.is_read(index);
                let marker = match (index == shared.open, read) {
                    (true, _) => "▸",
                    (false, false) => "•",
                    (false, true) => " ",
                };
                // Where it came from: the outlet, or else the file (and line of a dataset).
                let origin;
                let source = match article.source.as_deref() {
                    Some(source) => source,
                    None => {
                        origin = article.file_name();
                        origin.as_str()
                    }
                };
                let count = shared
                    .highlight_counts
                    .get(shared.keys.key(index))
                    .copied()
                    .unwrap_or(0);
                let count = if count > 0 {
                    format!(" ✎{count}")
                } else {
                    String::new()
                };
                // date (10) + spaces; the title takes what is left, the source what remains.
                let fixed = 1 + 10 + 1 + count.chars().count();
                let room = inner.saturating_sub(fixed);
                let source_room = if source.is_empty() || room < 30 {
                    0
                } else {
                    (room / 4).min(14)
                };
                let title_room = room.saturating_sub(source_room + usize::from(source_room > 0));
                let mut spans = vec![
                    Span::raw(marker),
                    Span::styled(date, theme.date()),
                    Span::raw(" "),
                    Span::styled(
                        truncate(&article.title, title_room),
                        if read { theme.plain() } else { theme.unread() },
                    ),
                ];
                if source_room > 0 {
                    let title_width =
                        lede::layout::display_width(&truncate(&article.title, title_room));
                    let pad = title_room.saturating_sub(title_width) + 1;
                    spans.push(Span::raw(" ".repeat(pad)));
                    spans.push(Span::styled(truncate(source, source_room), theme.source()));
                }
                if !count.is_empty() {
                    let used: usize = spans
                        .iter()
                        .map(|s| lede::layout::display_width(&s.content))
                        .sum();
                    let pad = inner.saturating_sub(used + count.chars().count());
                    spans.push(Span::raw(" ".repeat(pad)));
                    spans.push(Span::styled(count, theme.key()));
                }

                ListItem::new(Line::from(spans))
            })
            .collect();
        let list = List::new(items)
            .block(block)
            .highlight_style(theme.selected(focused));
        let mut state = ListState::default().with_selected(Some(self.cursor - first));
        frame.render_stateful_widget(list, area, &mut state);
    }
}

/// A test for the list filter: every word must be in the title or source (ignoring case),
/// and every `#tag` must be on a highlight of the article.
fn matcher<'a>(filter: &str, shared: &'a Shared) -> impl Fn(usize) -> bool + 'a {
    let mut words = Vec::new();
    let mut tags = Vec::new();
    for term in filter.split_whitespace() {
        match term.strip_prefix('#') {
            Some(tag) if !tag.is_empty() => tags.push(tag.to_lowercase()),
            Some(_) => {}
            None => words.push(term.to_lowercase()),
        }
    }
    move |index: usize| {
        let Some(article) = shared.corpus.articles.get(index) else {
            return false;
        };
        let haystack = format!(
            "{} {}",
            article.title.to_lowercase(),
            article.source.as_deref().unwrap_or("").to_lowercase()
        );
        words.iter().all(|w| haystack.contains(w.as_str()))
            && (tags.is_empty()
                || shared.notes.store.as_ref().is_some_and(|store| {
                    let key = shared.keys.key(index);
                    tags.iter().all(|tag| {
                        store
                            .highlights()
                            .iter()
                            .any(|h| h.article == key && h.has_tag(tag))
                    })
                }))
    }
}

/// Moves an index by `delta` within `0..len`.
pub fn step(index: usize, delta: isize, len: usize) -> usize {
    let moved = index.saturating_add_signed(delta);
    moved.min(len.saturating_sub(1))
}
