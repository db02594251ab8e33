//! The article list: its order, filter and cursor, its keys, and its rows (see `rows`:
//! title, date, where the article is from, read mark, highlight count).

pub mod filter;
pub mod rows;

use std::cell::Cell;

use lede::corpus::Article;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{List, ListItem, ListState};

use super::action::Action;
use super::component::{self, Component, Handled, Hint, Input, Request, View};
use super::keymap::{Context, Keymap};
use super::links;
use super::overlays::feeds::FeedPicker;
use super::overlays::prompt::Prompt;
use super::shared::Shared;
use super::widgets::pane_block;
pub use filter::feed_name;

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
    /// The first article shown (an index into `order`); drawing moves it to keep the
    /// cursor in view.
    pub top: Cell<usize>,
}

/// The actions worth a hint, in the order shown; the keys of the selected article's web
/// address come between the two parts.
const HINTED: &[&[Action]] = &[
    &[Action::Down, Action::Up],
    &[Action::Open],
    &[Action::Search],
];
const HINTED_AFTER_LINKS: &[&[Action]] = &[
    &[Action::FilterList],
    &[Action::CycleSort],
    &[Action::RefreshFeeds],
    &[Action::PickFeed],
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
    /// else the open one) on the same line of the screen, however many articles arrived
    /// or left above it.
    pub fn rearrange(&mut self, shared: &Shared) {
        let selected = self.order.get(self.cursor).copied();
        let line = self.cursor.checked_sub(self.top.get());
        let mut order = self.sort.arrange(&shared.corpus.articles);
        if let Some(text) = &self.filter {
            let filter = filter::Filter::parse(text);
            order.retain(|&i| filter.matches(i, shared));
        }
        self.order = order;
        self.cursor = selected
            .and_then(|article| self.position(article))
            .or_else(|| self.position(shared.open))
            .unwrap_or(0);
        if let Some(line) = line {
            self.top.set(self.cursor.saturating_sub(line));
        }
    }

    /// Articles shown at once, and rows per article, in the list's area.
    fn visible(&self) -> (usize, usize) {
        // Inside the frame: a column or row off each side.
        let (width, height) = self.area.map_or((0, 0), |a| {
            (a.width.saturating_sub(2), a.height.saturating_sub(2))
        });
        let per_item = rows::item_height(usize::from(width));
        ((usize::from(height) / per_item).max(1), per_item)
    }

    /// The article at the cursor.
    fn selected<'a>(&self, shared: &'a Shared) -> Option<(usize, &'a Article)> {
        let index = *self.order.get(self.cursor)?;
        Some((index, shared.corpus.articles.get(index)?))
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

    /// The first article to show with room for `height` so the cursor is in view;
    /// remembered.
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
        let (shown, per_item) = self.visible();
        let row = self.scroll_to_cursor(shown) + usize::from(y - inner_top) / per_item;
        if row == self.cursor {
            if let Some(&article) = self.order.get(row) {
                out.push(Request::Open(article));
            }
        } else if row < len {
            self.cursor = row;
        }
        Handled::Consumed
    }

    /// The list's hints, with the keys for `article`'s web address if it has one.
    pub fn hints(keymap: &Keymap, article: Option<&Article>) -> Vec<Hint> {
        let label = |group: &[Action]| match group {
            [Action::Down, Action::Up] => "move",
            [Action::FilterList] => "filter",
            [Action::Search] => "search",
            [Action::RefreshFeeds] => "refresh",
            [Action::PickFeed] => "feeds",
            [action, ..] => action.help(),
            [] => "",
        };
        let mut hints = component::keymap_hints(keymap, Context::List, HINTED, label);
        hints.extend(links::hints(keymap, Context::List, article));
        hints.extend(component::keymap_hints(
            keymap,
            Context::List,
            HINTED_AFTER_LINKS,
            label,
        ));
        hints
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
        let page = isize::try_from(self.visible().0.saturating_sub(1).max(1)).unwrap_or(1);
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
            Action::OpenInBrowser | Action::CopyAddress => match self.selected(shared) {
                Some((article, _)) if action == Action::OpenInBrowser => {
                    out.push(Request::Browse(article));
                }
                Some((article, _)) => out.push(Request::CopyAddress(article)),
                None => out.push(Request::notice("no article here")),
            },
            Action::PickFeed => {
                let picker = FeedPicker::new(self.filter.as_deref());
                out.push(Request::Push(Box::new(picker)));
            }
            _ => return Handled::Ignored,
        }
        Handled::Consumed
    }

    fn hints(&self, shared: &Shared) -> Vec<Hint> {
        ListPane::hints(&shared.keymap, self.selected(shared).map(|(_, a)| a))
    }

    fn draw(&self, frame: &mut Frame, area: Rect, view: &View) {
        let (shared, theme, focused) = (view.shared, view.theme, view.focused);
        // Of the articles listed (the filter may hide some).
        let unread = self.order.iter().filter(|&&i| !shared.is_read(i)).count();
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
        let per_item = rows::item_height(inner);
        // Only the articles on screen are built: a corpus may hold 50,000.
        let height = (usize::from(block.inner(area).height) / per_item).max(1);
        let first = self.scroll_to_cursor(height);
        let items: Vec<ListItem> = self
            .order
            .iter()
            .skip(first)
            .take(height)
            .map(|&index| rows::item(index, inner, shared, theme))
            .collect();
        let list = List::new(items)
            .block(block)
            .highlight_style(theme.selected(focused));
        let mut state = ListState::default().with_selected(Some(self.cursor - first));
        frame.render_stateful_widget(list, area, &mut state);
    }
}

/// Moves an index by `delta` within `0..len`.
pub fn step(index: usize, delta: isize, len: usize) -> usize {
    let moved = index.saturating_add_signed(delta);
    moved.min(len.saturating_sub(1))
}
