//! The highlights overlay: every highlight of the corpus, filtered as the user types;
//! Enter jumps to one, and a highlight can be deleted or re-attached from here.

use lede::store::{Edit, HighlightFilter};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, List, ListItem, ListState};

use crate::tui::component::keys::{DOWN, ENTER, ESC, UP, ctrl};
use crate::tui::component::{
    Component, DialogKey, Handled, HelpSection, Hint, Input, Overlay, Request, View,
};
use crate::tui::editor::{Editor, Purpose};
use crate::tui::shared::Shared;
use crate::tui::widgets::{overlay_area, pane_block, truncate};

pub struct Highlights {
    pub filter: Editor,
    pub cursor: usize,
}

/// One row of the highlights overlay.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkRow {
    pub id: String,
    /// Index of the article in the corpus, if it is loaded.
    pub article: Option<usize>,
    pub article_title: String,
    pub text: String,
    pub tags: Vec<String>,
    pub note: Option<String>,
    pub status: String,
    pub orphaned: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Command {
    Close,
    Down,
    Up,
    Jump,
    Delete,
    Reattach,
}

const KEYS: &[DialogKey<Command>] = &[
    DialogKey {
        keys: &[DOWN, ctrl('n')],
        help: "next highlight",
        action: Command::Down,
    },
    DialogKey {
        keys: &[UP, ctrl('p')],
        help: "previous highlight",
        action: Command::Up,
    },
    DialogKey {
        keys: &[ENTER],
        help: "jump to it",
        action: Command::Jump,
    },
    DialogKey {
        keys: &[ctrl('d')],
        help: "delete it",
        action: Command::Delete,
    },
    DialogKey {
        keys: &[ctrl('a')],
        help: "re-attach it to the reader's selection",
        action: Command::Reattach,
    },
    DialogKey {
        keys: &[ESC],
        help: "close",
        action: Command::Close,
    },
];

/// The overlay's keys, for the help.
pub fn help() -> HelpSection {
    HelpSection::of(
        "Highlights (m)",
        KEYS,
        &[("typing", "filters: words in the passage or note, #tag")],
    )
}

impl Highlights {
    pub fn new(tags: Vec<String>) -> Highlights {
        Highlights {
            filter: Editor::new(Purpose::ListFilter, "", tags),
            cursor: 0,
        }
    }
}

/// The rows for a filter: words match the passage and the note, `#tag` the tags.
pub fn rows(shared: &Shared, filter_text: &str) -> Vec<MarkRow> {
    let Some(store) = &shared.notes.store else {
        return Vec::new();
    };
    let mut filter = HighlightFilter::default();
    let mut words = Vec::new();
    for term in filter_text.split_whitespace() {
        match term.strip_prefix('#') {
            Some(tag) if !tag.is_empty() => filter.tags.push(tag.to_lowercase()),
            Some(_) => {}
            None => words.push(term),
        }
    }
    store
        .filter(&filter)
        .into_iter()
        .filter(|h| words.iter().all(|w| h.mentions(w)))
        .map(|h| {
            let article = shared.keys.index(&h.article);
            MarkRow {
                id: h.id.clone(),
                article,
                article_title: article
                    .and_then(|i| shared.corpus.articles.get(i))
                    .map(|a| a.title.clone())
                    .unwrap_or_else(|| h.article.clone()),
                text: h
                    .quote
                    .exact
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
                tags: h.tags.clone(),
                note: h.note.clone(),
                status: h.anchor.label(),
                orphaned: h.anchor.is_orphaned(),
            }
        })
        .collect()
}

impl Component for Highlights {
    fn handle(&mut self, input: &Input, shared: &Shared, out: &mut Vec<Request>) -> Handled {
        let Input::Key(event) = input else {
            return Handled::Consumed;
        };
        let rows = rows(shared, &self.filter.text());
        let chosen = rows.get(self.cursor);
        match DialogKey::find(KEYS, event) {
            Some(Command::Close) => out.push(Request::Close),
            Some(Command::Down) => {
                self.cursor = (self.cursor + 1).min(rows.len().saturating_sub(1))
            }
            Some(Command::Up) => self.cursor = self.cursor.saturating_sub(1),
            Some(Command::Jump) => {
                if let Some(row) = chosen {
                    out.push(Request::Close);
                    match row.article {
                        Some(article) => out.push(Request::JumpToHighlight {
                            article,
                            id: row.id.clone(),
                        }),
                        None => out.push(Request::notice(format!(
                            "{} is not loaded",
                            row.article_title
                        ))),
                    }
                }
            }
            Some(Command::Delete) => {
                if let Some(row) = chosen {
                    out.push(Request::Edit {
                        edit: Edit::Delete { id: row.id.clone() },
                        done: "highlight deleted · u undoes".into(),
                    });
                }
            }
            Some(Command::Reattach) => {
                if let Some(row) = chosen {
                    // A highlight belongs to its article: only a passage of that one will do.
                    if row.article == Some(shared.open) {
                        out.push(Request::Reattach(row.id.clone()));
                    } else {
                        out.push(Request::notice(format!(
                            "open “{}” and select the passage there first",
                            row.article_title
                        )));
                    }
                }
            }
            None => {
                self.filter.input(*event);
                self.cursor = 0;
            }
        }
        Handled::Consumed
    }

    fn hints(&self, _shared: &Shared) -> Vec<Hint> {
        KEYS.iter().map(|k| Hint::new(k.names(), k.help)).collect()
    }

    fn draw(&self, frame: &mut Frame, area: Rect, view: &View) {
        draw(self, frame, area, view);
    }
}

impl Overlay for Highlights {
    fn name(&self) -> &'static str {
        "Highlights"
    }
}

fn draw(overlay: &Highlights, frame: &mut Frame, area: Rect, view: &View) {
    let theme = view.theme;
    let rect = overlay_area(area, 110, None);
    let rows = rows(view.shared, &overlay.filter.text());
    let title = format!(
        "Highlights ({}) · type to filter, #tag · ↑/↓ · enter jumps · ctrl-d deletes · ctrl-a re-attaches to the selection · esc",
        rows.len()
    );
    let block = pane_block(title, true, theme);
    let inner = block.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    let [filter_area, list_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    let mut filter = overlay.filter.textarea.clone();
    filter.set_cursor_line_style(ratatui::style::Style::new());
    filter.set_placeholder_text("filter: words in the passage or note, #tag");
    frame.render_widget(&filter, filter_area);

    let text_width = usize::from(list_area.width.saturating_sub(2));
    let items: Vec<ListItem> = rows
        .iter()
        .map(|row| {
            let mut head = vec![
                Span::styled(truncate(&row.article_title, text_width / 2), theme.dim()),
                Span::raw("  "),
            ];
            for tag in &row.tags {
                head.push(Span::styled(format!("#{tag} "), theme.key()));
            }
            if row.status != "exact" {
                let style = if row.orphaned {
                    theme.notice()
                } else {
                    theme.dim()
                };
                head.push(Span::styled(format!("[{}]", row.status), style));
            }
            let mut lines = vec![
                Line::from(head),
                Line::raw(format!(
                    "  {}",
                    truncate(&row.text, text_width.saturating_sub(2))
                )),
            ];
            if let Some(note) = &row.note {
                let note = note.split_whitespace().collect::<Vec<_>>().join(" ");
                lines.push(Line::styled(
                    format!("  ✎ {}", truncate(&note, text_width.saturating_sub(4))),
                    theme.standfirst(),
                ));
            }
            ListItem::new(lines)
        })
        .collect();
    let list = List::new(items).highlight_style(theme.selected(true));
    let mut state = ListState::default().with_selected(Some(overlay.cursor));
    frame.render_stateful_widget(list, list_area, &mut state);
}
