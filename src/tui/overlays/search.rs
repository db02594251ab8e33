//! The search overlay: the prompt, then ranked results with the matched words
//! emphasised, each with its kind and article. Each key sends the query as typed; the
//! results arrive in the shared state when the worker has them.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, List, ListItem, ListState, Paragraph};

use crate::tui::component::keys::{DOWN, UP, ctrl};
use crate::tui::component::{
    Component, DialogKey, Handled, HelpSection, Hint, Input, Overlay, Request, View,
};
use crate::tui::editor::{Editor, Outcome, Purpose};
use crate::tui::search::{Found, ResultRow};
use crate::tui::shared::Shared;
use crate::tui::theme::Theme;
use crate::tui::widgets::{overlay_area, pane_block, truncate};

pub struct SearchPrompt {
    pub prompt: Editor,
    pub cursor: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Move {
    Down,
    Up,
}

const KEYS: &[DialogKey<Move>] = &[
    DialogKey {
        keys: &[DOWN, ctrl('n')],
        help: "next result",
        action: Move::Down,
    },
    DialogKey {
        keys: &[UP, ctrl('p')],
        help: "previous result",
        action: Move::Up,
    },
];

/// The search prompt's keys, for the help.
pub fn help() -> HelpSection {
    HelpSection::of(
        "Search (/)",
        KEYS,
        &[
            ("enter", "open the result"),
            ("esc", "back where you were (n/N step through the matches)"),
        ],
    )
}

impl SearchPrompt {
    pub fn new() -> SearchPrompt {
        SearchPrompt {
            prompt: Editor::new(Purpose::Search, "", Vec::new()),
            cursor: 0,
        }
    }

    /// The results for the text in the prompt, once they have arrived.
    fn found<'a>(&self, shared: &'a Shared) -> Option<&'a Found> {
        shared
            .search
            .found
            .as_ref()
            .filter(|found| found.query == self.prompt.text())
    }

    /// The cursor, kept on a result.
    fn cursor(&self, shared: &Shared) -> usize {
        let rows = self.found(shared).map_or(0, |f| f.rows.len());
        self.cursor.min(rows.saturating_sub(1))
    }

    fn open_result(&self, shared: &Shared, out: &mut Vec<Request>) {
        let chosen = self
            .found(shared)
            .and_then(|found| found.row(&shared.corpus, self.cursor(shared)));
        let Some(row) = chosen else {
            out.push(Request::notice("no result to open"));
            return;
        };
        out.push(Request::SearchClosed);
        out.push(Request::Close);
        out.push(Request::Jump {
            article: row.article,
            range: row.target,
            mark: true,
        });
    }
}

impl Component for SearchPrompt {
    fn handle(&mut self, input: &Input, shared: &Shared, out: &mut Vec<Request>) -> Handled {
        let Input::Key(event) = input else {
            return Handled::Consumed;
        };
        let rows = self.found(shared).map_or(0, |f| f.rows.len());
        match DialogKey::find(KEYS, event) {
            Some(Move::Down) => self.cursor = (self.cursor(shared) + 1).min(rows.saturating_sub(1)),
            Some(Move::Up) => self.cursor = self.cursor(shared).saturating_sub(1),
            None => match self.prompt.input(*event) {
                Outcome::Editing | Outcome::External(_) => {
                    self.cursor = 0;
                    out.push(Request::Query(self.prompt.text()));
                }
                Outcome::Cancelled => {
                    out.push(Request::SearchClosed);
                    out.push(Request::Close);
                }
                Outcome::Done(_) => self.open_result(shared, out),
            },
        }
        Handled::Consumed
    }

    fn hints(&self, _shared: &Shared) -> Vec<Hint> {
        vec![
            Hint::new("↑/↓", "results"),
            Hint::new("enter", "open"),
            Hint::new("esc", "back"),
        ]
    }

    fn draw(&self, frame: &mut Frame, area: Rect, view: &View) {
        let (shared, theme) = (view.shared, view.theme);
        let found = self.found(shared);
        let cursor = self.cursor(shared);
        let rect = overlay_area(area, 120, None);
        let title = match found {
            // A query too big to search says so.
            Some(found) if found.corpus.problem().is_some() => {
                format!("Search · {}", found.corpus.problem().unwrap_or(""))
            }
            Some(found) if !found.complete => {
                "Search · best so far, still ranking… · ↑/↓ · enter opens · esc goes back"
                    .to_string()
            }
            Some(found) => format!(
                "Search · {} matches · ↑/↓ · enter opens · esc goes back",
                found.total
            ),
            None if shared.loading.is_some() => {
                "Search · runs as soon as the articles have loaded".to_string()
            }
            None if !shared.search.ready => "Search · indexing…".to_string(),
            None if self.prompt.text().trim().is_empty() => {
                "Search · words, typos forgiven · 'exact ^start end$ !not a|b ~fuzzy · capitals match case"
                    .to_string()
            }
            None => "Search · searching…".to_string(),
        };
        let block = pane_block(title, true, theme);
        let inner = block.inner(rect);
        frame.render_widget(Clear, rect);
        frame.render_widget(block, rect);
        let [prompt_area, rule_area, list_area] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(inner);
        let mut prompt = self.prompt.textarea.clone();
        prompt.set_cursor_line_style(ratatui::style::Style::new());
        prompt.set_cursor_style(theme.cursor());
        prompt
            .set_placeholder_text("type to search titles, sentences, quotes, highlights and notes");
        frame.render_widget(&prompt, prompt_area);
        frame.render_widget(
            Paragraph::new("─".repeat(usize::from(rule_area.width))).style(theme.dim()),
            rule_area,
        );

        let visible = usize::from(list_area.height / 2) + 1;
        let rows = found.map_or_else(Vec::new, |f| f.rows(&shared.corpus, cursor + visible));
        let text_width = usize::from(list_area.width.saturating_sub(1));
        let items: Vec<ListItem> = rows
            .iter()
            .map(|row| {
                let title = shared
                    .corpus
                    .articles
                    .get(row.article)
                    .map_or("", |a| a.title.as_str());
                ListItem::new(vec![
                    emphasised(row, text_width, theme),
                    Line::styled(
                        truncate(&format!("  {} · {title}", row.kind.name()), text_width),
                        theme.dim(),
                    ),
                ])
            })
            .collect();
        if items.is_empty() && found.is_some() {
            frame.render_widget(Paragraph::new("  no match").style(theme.dim()), list_area);
            return;
        }
        let list = List::new(items).highlight_style(theme.selected(true));
        let mut state = ListState::default().with_selected(Some(cursor));
        frame.render_stateful_widget(list, list_area, &mut state);
    }
}

impl Overlay for SearchPrompt {
    fn name(&self) -> &'static str {
        "Search"
    }
}

/// The row's text on one line, starting a little before the first match so it shows,
/// with matched characters bold and underlined.
fn emphasised(row: &ResultRow, width: usize, theme: Theme) -> Line<'static> {
    let text = row.text.replace('\n', " ");
    let first = row.matched.first().map_or(0, |r| r.start);
    let lead = 12;
    let start = if lede::layout::display_width(&text[..first]) + 8 > width {
        let mut s = first.saturating_sub(lead * 3);
        while !text.is_char_boundary(s) {
            s += 1;
        }
        s
    } else {
        0
    };
    let mut spans = Vec::new();
    if start > 0 {
        spans.push(Span::raw("…"));
    }
    let matched: Vec<Range<usize>> = row
        .matched
        .iter()
        .filter(|r| r.end > start)
        .map(|r| r.start.max(start)..r.end)
        .collect();
    let mut at = start;
    let emphasis = theme.key().add_modifier(Modifier::UNDERLINED);
    for range in &matched {
        if let Some(before) = text.get(at..range.start) {
            spans.push(Span::raw(before.to_string()));
        }
        if let Some(hit) = text.get(range.clone()) {
            spans.push(Span::styled(hit.to_string(), emphasis));
        }
        at = range.end;
    }
    if let Some(rest) = text.get(at..) {
        spans.push(Span::raw(rest.to_string()));
    }
    // Cut to the width.
    let mut used = 0;
    let mut cut = Vec::new();
    for span in spans {
        let w = lede::layout::display_width(&span.content);
        if used + w <= width {
            used += w;
            cut.push(span);
        } else {
            let room = width.saturating_sub(used);
            if room > 0 {
                cut.push(Span::styled(truncate(&span.content, room), span.style));
            }
            break;
        }
    }
    Line::from(cut)
}
