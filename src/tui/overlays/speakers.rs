//! The speakers view: every speaker across the corpus with their number of quotes, and one
//! speaker's quotes from all articles; Enter jumps to a quote.

use std::collections::BTreeMap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, List, ListItem, ListState};

use crate::tui::component::keys::{DOWN, END, ENTER, ESC, HOME, LEFT, RIGHT, UP, ctrl};
use crate::tui::component::{
    Component, DialogKey, Handled, HelpSection, Hint, Input, Overlay, Request, View,
};
use crate::tui::editor::{Editor, Purpose};
use crate::tui::extraction::Extractions;
use crate::tui::shared::Shared;
use crate::tui::theme::Theme;
use crate::tui::widgets::{overlay_area, pane_block, truncate};

pub struct Speakers {
    pub cursor: usize,
    /// The speaker whose quotes are listed, and the cursor in that list.
    pub chosen: Option<(String, usize)>,
    /// Words the speakers' names (or the chosen speaker's quotes) must contain.
    pub filter: Editor,
}

/// Whether `text` contains every word of `filter`, ignoring case.
fn matches(text: &str, filter: &str) -> bool {
    let text = text.to_lowercase();
    filter
        .split_whitespace()
        .all(|word| text.contains(&word.to_lowercase()))
}

/// One speaker and where their quotes are: (article index, quote index).
pub struct Speaker {
    pub name: String,
    pub quotes: Vec<(usize, usize)>,
}

/// Every speaker of the corpus with their quotes, most quoted first.
pub fn speakers(extractions: &Extractions) -> Vec<Speaker> {
    let mut by_name: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    for (article, extraction) in extractions.found() {
        for (i, quote) in extraction.quotes.iter().enumerate() {
            if let Some(name) = quote.speaker.as_deref() {
                by_name.entry(name).or_default().push((article, i));
            }
        }
    }
    let mut speakers: Vec<Speaker> = by_name
        .into_iter()
        .map(|(name, quotes)| Speaker {
            name: name.to_string(),
            quotes,
        })
        .collect();
    speakers.sort_by(|a, b| {
        b.quotes
            .len()
            .cmp(&a.quotes.len())
            .then(a.name.cmp(&b.name))
    });
    speakers
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Command {
    Back,
    Close,
    Down,
    Up,
    Top,
    Bottom,
    Enter,
}

const KEYS: &[DialogKey<Command>] = &[
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
    DialogKey {
        keys: &[ENTER, RIGHT],
        help: "list the speaker's quotes, or jump to the quote",
        action: Command::Enter,
    },
    DialogKey {
        keys: &[ESC, LEFT],
        help: "back to the speakers, or close",
        action: Command::Back,
    },
    DialogKey {
        keys: &[ctrl('c')],
        help: "close",
        action: Command::Close,
    },
];

/// The view's keys, for the help.
pub fn help() -> HelpSection {
    HelpSection::of("Speakers (S)", KEYS, &[])
}

impl Speakers {
    /// The speakers as listed: filtered by name, or (for the chosen speaker) their
    /// quotes filtered by text.
    fn listed(&self, shared: &Shared) -> Vec<Speaker> {
        let filter = self.filter.text();
        let mut all = speakers(&shared.extractions);
        match &self.chosen {
            None => all.retain(|s| matches(&s.name, &filter)),
            Some((name, _)) => {
                all.retain(|s| &s.name == name);
                for speaker in &mut all {
                    speaker.quotes.retain(|&(article, quote)| {
                        shared
                            .extractions
                            .get(article)
                            .and_then(|e| e.quotes.get(quote))
                            .is_some_and(|q| matches(&q.text, &filter))
                    });
                }
            }
        }
        all
    }

    pub fn new() -> Speakers {
        Speakers {
            cursor: 0,
            chosen: None,
            filter: Editor::new(Purpose::Field, "", Vec::new()),
        }
    }
}

impl Component for Speakers {
    fn handle(&mut self, input: &Input, shared: &Shared, out: &mut Vec<Request>) -> Handled {
        let Input::Key(event) = input else {
            return Handled::Consumed;
        };
        let Some(command) = DialogKey::find(KEYS, event) else {
            // Typing filters.
            self.filter.input(*event);
            match &mut self.chosen {
                None => self.cursor = 0,
                Some((_, cursor)) => *cursor = 0,
            }
            return Handled::Consumed;
        };
        let speakers = self.listed(shared);
        let len = match &self.chosen {
            None => speakers.len(),
            Some((name, _)) => speakers
                .iter()
                .find(|s| &s.name == name)
                .map_or(0, |s| s.quotes.len()),
        };
        let cursor = match &mut self.chosen {
            None => &mut self.cursor,
            Some((_, cursor)) => cursor,
        };
        match command {
            Command::Back => {
                if self.chosen.is_some() {
                    self.chosen = None;
                    self.filter = Editor::new(Purpose::Field, "", Vec::new());
                } else {
                    out.push(Request::Close);
                }
            }
            Command::Close => out.push(Request::Close),
            Command::Down => *cursor = (*cursor + 1).min(len.saturating_sub(1)),
            Command::Up => *cursor = cursor.saturating_sub(1),
            Command::Top => *cursor = 0,
            Command::Bottom => *cursor = len.saturating_sub(1),
            Command::Enter => match &self.chosen {
                None => {
                    if let Some(speaker) = speakers.get(self.cursor) {
                        self.chosen = Some((speaker.name.clone(), 0));
                        self.filter = Editor::new(Purpose::Field, "", Vec::new());
                    }
                }
                Some((name, at)) => {
                    let target = speakers
                        .iter()
                        .find(|s| &s.name == name)
                        .and_then(|s| s.quotes.get(*at).copied());
                    let range = target.and_then(|(article, quote)| {
                        let q = shared.extractions.get(article)?.quotes.get(quote)?;
                        Some((article, q.range.clone()))
                    });
                    if let Some((article, range)) = range {
                        out.push(Request::Close);
                        out.push(Request::Jump {
                            article,
                            range: Some(range),
                            mark: true,
                        });
                    }
                }
            },
        }
        Handled::Consumed
    }

    fn hints(&self, _shared: &Shared) -> Vec<Hint> {
        KEYS.iter().map(|k| Hint::new(k.names(), k.help)).collect()
    }

    fn draw(&self, frame: &mut Frame, area: Rect, view: &View) {
        draw(self, frame, area, view.shared, view.theme);
    }
}

impl Overlay for Speakers {
    fn name(&self) -> &'static str {
        "Speakers"
    }
}

fn draw(view: &Speakers, frame: &mut Frame, area: Rect, shared: &Shared, theme: Theme) {
    let app = shared;
    let rect = overlay_area(area, 100, None);
    let text_width = usize::from(rect.width.saturating_sub(4));
    let speakers = view.listed(shared);
    let progress = if app.extractions.all_found() {
        String::new()
    } else {
        format!(
            " · reading {}/{} articles",
            app.extractions.found,
            app.extractions.len()
        )
    };
    let (title, items, cursor) = match &view.chosen {
        None => {
            let items: Vec<ListItem> = speakers
                .iter()
                .map(|s| {
                    let articles = {
                        let mut a: Vec<usize> = s.quotes.iter().map(|q| q.0).collect();
                        a.dedup();
                        a.len()
                    };
                    ListItem::new(Line::from(vec![
                        Span::styled(format!("{:>4}  ", s.quotes.len()), theme.key()),
                        Span::raw(truncate(&s.name, text_width.saturating_sub(20))),
                        Span::styled(
                            format!(
                                "  in {articles} article{}",
                                if articles == 1 { "" } else { "s" }
                            ),
                            theme.dim(),
                        ),
                    ]))
                })
                .collect();
            let title = format!(
                "Speakers ({}){progress} · type to filter · ↑/↓ · enter lists quotes · esc",
                speakers.len()
            );
            (title, items, view.cursor)
        }
        Some((name, cursor)) => {
            let quotes = speakers
                .iter()
                .find(|s| &s.name == name)
                .map(|s| s.quotes.clone())
                .unwrap_or_default();
            let items: Vec<ListItem> = quotes
                .iter()
                .filter_map(|&(article, quote)| {
                    let q = app.extractions.get(article)?.quotes.get(quote)?;
                    let title = &app.corpus.articles.get(article)?.title;
                    Some(ListItem::new(vec![
                        Line::styled(truncate(title, text_width), theme.dim()),
                        Line::styled(
                            truncate(&format!("  “{}”", q.text), text_width),
                            theme.quote(),
                        ),
                    ]))
                })
                .collect();
            let title = format!(
                "{name} · {} quotes · type to filter · enter jumps · esc back",
                quotes.len()
            );
            (title, items, *cursor)
        }
    };
    let block = pane_block(title, true, theme);
    let inner = block.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    let [filter_area, list_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    let mut filter = view.filter.textarea.clone();
    filter.set_cursor_line_style(ratatui::style::Style::new());
    filter.set_cursor_style(theme.cursor());
    filter.set_placeholder_text(match view.chosen {
        None => "filter: words in the name",
        Some(_) => "filter: words in the quote",
    });
    frame.render_widget(&filter, filter_area);
    let list = List::new(items).highlight_style(theme.selected(true));
    let mut state = ListState::default().with_selected(Some(cursor));
    frame.render_stateful_widget(list, list_area, &mut state);
}
