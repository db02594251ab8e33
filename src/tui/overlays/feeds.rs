//! The feed picker (`F` in the list): every feed (or outlet) the articles come from, with
//! how many articles and how many unread; Enter shows that feed's articles only (a
//! `feed:"NAME"` term in the list filter, the filter's other words kept).

use std::collections::BTreeMap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, List, ListItem, ListState};

use crate::tui::component::keys::{DOWN, END, ENTER, ESC, HOME, UP, ctrl};
use crate::tui::component::{
    Component, DialogKey, Handled, HelpSection, Hint, Input, Overlay, Request, View,
};
use crate::tui::editor::{Editor, Purpose};
use crate::tui::list::feed_name;
use crate::tui::list::filter::with_feed;
use crate::tui::shared::Shared;
use crate::tui::widgets::{overlay_area, pane_block, truncate};

/// One feed and its articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedCount {
    pub name: String,
    pub articles: usize,
    pub unread: usize,
}

/// Every feed (or outlet) of the corpus, by name; names differing only in case are one.
pub fn feed_counts(shared: &Shared) -> Vec<FeedCount> {
    let mut by_name: BTreeMap<String, FeedCount> = BTreeMap::new();
    for (index, article) in shared.corpus.articles.iter().enumerate() {
        let Some(name) = feed_name(article) else {
            continue;
        };
        let entry = by_name
            .entry(name.to_lowercase())
            .or_insert_with(|| FeedCount {
                name: name.to_string(),
                articles: 0,
                unread: 0,
            });
        entry.articles += 1;
        entry.unread += usize::from(!shared.is_read(index));
    }
    by_name.into_values().collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Command {
    Down,
    Up,
    Top,
    Bottom,
    Choose,
    Close,
}

/// Enter and Esc first: the hints show as many as fit.
const KEYS: &[DialogKey<Command>] = &[
    DialogKey {
        keys: &[ENTER],
        help: "show this feed's articles (the first line: every feed)",
        action: Command::Choose,
    },
    DialogKey {
        keys: &[ESC, ctrl('c')],
        help: "close, the list unchanged",
        action: Command::Close,
    },
    DialogKey {
        keys: &[DOWN, ctrl('n')],
        help: "next",
        action: Command::Down,
    },
    DialogKey {
        keys: &[UP, ctrl('p')],
        help: "previous",
        action: Command::Up,
    },
    DialogKey {
        keys: &[HOME],
        help: "first",
        action: Command::Top,
    },
    DialogKey {
        keys: &[END],
        help: "last",
        action: Command::Bottom,
    },
];

/// The picker's keys, for the help.
pub fn help() -> HelpSection {
    HelpSection::of(
        "Feeds (F in the list)",
        KEYS,
        &[("typing", "filters the names")],
    )
}

pub struct FeedPicker {
    /// The line chosen: 0 is "every feed", then the feeds listed.
    pub cursor: usize,
    /// Words the feed names must contain.
    pub filter: Editor,
    /// The list filter when the picker opened; its other terms are kept.
    list_filter: Option<String>,
}

impl FeedPicker {
    pub fn new(list_filter: Option<&str>) -> FeedPicker {
        FeedPicker {
            cursor: 0,
            filter: Editor::new(Purpose::Field, "", Vec::new()),
            list_filter: list_filter.map(str::to_string),
        }
    }

    /// The feeds whose names contain every word typed.
    pub fn listed(&self, shared: &Shared) -> Vec<FeedCount> {
        let typed = self.filter.text().to_lowercase();
        let mut feeds = feed_counts(shared);
        feeds.retain(|f| {
            let name = f.name.to_lowercase();
            typed.split_whitespace().all(|w| name.contains(w))
        });
        feeds
    }
}

impl Component for FeedPicker {
    fn handle(&mut self, input: &Input, shared: &Shared, out: &mut Vec<Request>) -> Handled {
        let Input::Key(event) = input else {
            return Handled::Consumed;
        };
        let Some(command) = DialogKey::find(KEYS, event) else {
            self.filter.input(*event);
            self.cursor = usize::from(!self.filter.text().trim().is_empty());
            return Handled::Consumed;
        };
        let feeds = self.listed(shared);
        let last = feeds.len();
        match command {
            Command::Down => self.cursor = (self.cursor + 1).min(last),
            Command::Up => self.cursor = self.cursor.saturating_sub(1),
            Command::Top => self.cursor = 0,
            Command::Bottom => self.cursor = last,
            Command::Close => out.push(Request::Close),
            Command::Choose => {
                let chosen = self
                    .cursor
                    .checked_sub(1)
                    .and_then(|i| feeds.get(i))
                    .map(|f| f.name.as_str());
                let filter = with_feed(self.list_filter.as_deref(), chosen);
                out.push(Request::Close);
                out.push(Request::ListFilter(filter));
                out.push(Request::notice(match chosen {
                    Some(_) => "F picks another feed · esc shows all".to_string(),
                    None => "showing every feed".to_string(),
                }));
            }
        }
        Handled::Consumed
    }

    fn hints(&self, _shared: &Shared) -> Vec<Hint> {
        KEYS.iter().map(|k| Hint::new(k.names(), k.help)).collect()
    }

    fn draw(&self, frame: &mut Frame, area: Rect, view: &View) {
        let (shared, theme) = (view.shared, view.theme);
        let rect = overlay_area(area, 80, None);
        let feeds = self.listed(shared);
        let title = format!(
            "Feeds ({}) · type to filter · ↑/↓ · enter shows its articles · esc",
            feeds.len()
        );
        let block = pane_block(title, true, theme);
        let inner = block.inner(rect);
        let width = usize::from(inner.width);
        frame.render_widget(Clear, rect);
        frame.render_widget(block, rect);
        let [filter_area, list_area] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
        let mut filter = self.filter.textarea.clone();
        filter.set_cursor_line_style(ratatui::style::Style::new());
        filter.set_cursor_style(theme.cursor());
        filter.set_placeholder_text("filter: words in the feed's name");
        frame.render_widget(&filter, filter_area);
        let all = shared.corpus.articles.len();
        let mut items = vec![ListItem::new(Line::from(vec![
            Span::styled(format!("{all:>5}  "), theme.key()),
            Span::raw("every feed"),
        ]))];
        items.extend(feeds.iter().map(|feed| {
            let unread = if feed.unread > 0 {
                format!("  {} unread", feed.unread)
            } else {
                String::new()
            };
            let name_room = width.saturating_sub(7 + unread.chars().count());
            ListItem::new(Line::from(vec![
                Span::styled(format!("{:>5}  ", feed.articles), theme.key()),
                Span::raw(truncate(&feed.name, name_room)),
                Span::styled(unread, theme.dim()),
            ]))
        }));
        let list = List::new(items).highlight_style(theme.selected(true));
        let mut state = ListState::default().with_selected(Some(self.cursor));
        frame.render_stateful_widget(list, list_area, &mut state);
    }
}

impl Overlay for FeedPicker {
    fn name(&self) -> &'static str {
        "Feeds"
    }
}
