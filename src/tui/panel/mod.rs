//! The side panel: the open article's metadata and byline, then what the reader can jump
//! to (its highlights with tags and notes, quotes under their speakers, figures with what
//! they count, and an outline). A highlight entry can be tagged, noted and deleted here.

mod draw;
pub mod entries;

use std::cell::Cell;

use lede::store::Edit;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::action::Action;
use super::component::{self, Component, Handled, Hint, Input, Request, View};
use super::keymap::Context;
use super::list::step;
use super::overlays::prompt::Prompt;
use super::panes::page_rows;
use super::shared::Shared;
pub use draw::PanelRow;
pub use entries::{EntryKind, PanelEntry};

pub struct PanelPane {
    pub entries: Vec<PanelEntry>,
    pub cursor: usize,
    /// The first row shown; drawing moves it to keep the selected entry in view.
    pub top: Cell<usize>,
    /// Where the panel was last laid out, if shown.
    pub area: Option<Rect>,
}

impl PanelPane {
    pub fn new() -> PanelPane {
        PanelPane {
            entries: Vec::new(),
            cursor: 0,
            top: Cell::new(0),
            area: None,
        }
    }

    /// Builds the entries again from the open article's highlights and extraction.
    pub fn rebuild(&mut self, shared: &Shared) {
        let Some(article) = shared.article() else {
            self.entries.clear();
            return;
        };
        self.entries = entries::entries(article, &shared.marks, shared.extraction());
        self.cursor = self.cursor.min(self.entries.len().saturating_sub(1));
    }

    /// Back to the top, for a newly opened article.
    pub fn reset(&mut self) {
        self.cursor = 0;
        self.top.set(0);
    }

    /// Selects the entry of highlight `id`, if listed.
    pub fn select_highlight(&mut self, id: &str) {
        if let Some(i) = self
            .entries
            .iter()
            .position(|e| e.id.as_deref() == Some(id))
        {
            self.cursor = i;
        }
    }

    fn selected(&self) -> Option<&PanelEntry> {
        self.entries.get(self.cursor)
    }

    /// The selected highlight's id, or a word that the entry is not a highlight.
    fn highlight_id(&self, out: &mut Vec<Request>) -> Option<String> {
        let id = self.selected().and_then(|e| e.id.clone());
        if id.is_none() {
            out.push(Request::notice("not a highlight: H highlights this entry"));
        }
        id
    }

    /// The wheel moves the selection; a click on an entry selects it and shows it in the
    /// reader.
    fn mouse(&mut self, input: &Input, shared: &Shared, out: &mut Vec<Request>) -> Handled {
        if let Some(rows) = component::wheel(input) {
            self.cursor = step(self.cursor, rows.signum(), self.entries.len());
            return Handled::Consumed;
        }
        let (Some((_, y)), Some(area)) = (component::click(input), self.area) else {
            return Handled::Ignored;
        };
        let inner = Rect {
            x: area.x + 1,
            y: area.y + 1,
            width: area.width.saturating_sub(2),
            height: area.height.saturating_sub(2),
        };
        if y < inner.y || y >= inner.bottom() {
            return Handled::Consumed;
        }
        let theme = crate::tui::theme::Theme::colored(false);
        let rows = draw::rows(self, shared, theme, usize::from(inner.width), true);
        let top = self.scroll_to_cursor(&rows, usize::from(inner.height));
        let entry = rows
            .get(top + usize::from(y - inner.y))
            .and_then(|r| r.entry);
        if let Some(entry) = entry {
            self.cursor = entry;
            if let Some(target) = self.entries.get(entry).map(|e| e.target.clone()) {
                out.push(Request::Show(target));
            }
        }
        Handled::Consumed
    }

    /// The first row to show so that the selected entry is in view (whole if it fits),
    /// with the heading above it when there is room; remembered for the next draw.
    pub fn scroll_to_cursor(&self, rows: &[PanelRow], height: usize) -> usize {
        let height = height.max(1);
        let max_top = rows.len().saturating_sub(height);
        let mut top = self.top.get().min(max_top);
        let first = rows.iter().position(|r| r.entry == Some(self.cursor));
        let last = rows.iter().rposition(|r| r.entry == Some(self.cursor));
        if let (Some(first), Some(last)) = (first, last) {
            if last >= top + height {
                top = (last + 1 - height).min(first);
            }
            if first < top {
                top = first;
                while top > 0 && rows[top - 1].entry.is_none() && last < top - 1 + height {
                    top -= 1;
                }
            }
        }
        self.top.set(top);
        top
    }
}

impl Component for PanelPane {
    fn handle(&mut self, input: &Input, shared: &Shared, out: &mut Vec<Request>) -> Handled {
        if let Input::Mouse(_) = input {
            return self.mouse(input, shared, out);
        }
        let Some(action) = component::action(&shared.keymap, Context::Panel, input) else {
            return Handled::Ignored;
        };
        let page = page_rows(self.area) / 3;
        let len = self.entries.len();
        match action {
            Action::Down => self.cursor = step(self.cursor, 1, len),
            Action::Up => self.cursor = step(self.cursor, -1, len),
            Action::HalfPageDown => self.cursor = step(self.cursor, page / 2, len),
            Action::HalfPageUp => self.cursor = step(self.cursor, -(page / 2), len),
            Action::PageDown => self.cursor = step(self.cursor, page.max(1), len),
            Action::PageUp => self.cursor = step(self.cursor, -page.max(1), len),
            Action::Top => self.cursor = 0,
            Action::Bottom => self.cursor = len.saturating_sub(1),
            Action::Open => {
                if let Some(entry) = self.selected() {
                    out.push(Request::Show(entry.target.clone()));
                }
            }
            // The quote, figure or paragraph of the entry.
            Action::Highlight => match self.selected() {
                Some(entry) if entry.kind == EntryKind::Highlight => {
                    out.push(Request::notice("already highlighted"));
                }
                Some(entry) => out.push(Request::Highlight(entry.target.clone())),
                None => {}
            },
            Action::EditTags => {
                if let Some(id) = self.highlight_id(out) {
                    let current = self
                        .selected()
                        .map(|e| e.tags.join(" "))
                        .unwrap_or_default();
                    let text = if current.is_empty() {
                        current
                    } else {
                        format!("{current} ")
                    };
                    let prompt = Prompt::tags(id, &text, shared.notes.all_tags());
                    out.push(Request::Push(Box::new(prompt)));
                }
            }
            Action::EditNote => {
                if let Some(id) = self.highlight_id(out) {
                    let note = self.selected().and_then(|e| e.note.clone());
                    let prompt = Prompt::note(id, note.as_deref().unwrap_or(""));
                    out.push(Request::Push(Box::new(prompt)));
                }
            }
            Action::EditNoteExternally => {
                if let Some(id) = self.highlight_id(out) {
                    let text = self.selected().and_then(|e| e.note.clone());
                    out.push(Request::EditExternally {
                        id,
                        text: text.unwrap_or_default(),
                    });
                }
            }
            Action::DeleteHighlight => {
                if let Some(id) = self.highlight_id(out) {
                    out.push(Request::Edit {
                        edit: Edit::Delete { id },
                        done: "highlight deleted · u undoes".into(),
                    });
                }
            }
            _ => return Handled::Ignored,
        }
        Handled::Consumed
    }

    fn hints(&self, shared: &Shared) -> Vec<Hint> {
        let on_highlight = self
            .selected()
            .is_some_and(|e| e.kind == EntryKind::Highlight);
        let mut groups: Vec<&[Action]> = vec![&[Action::Down, Action::Up]];
        if !self.entries.is_empty() {
            groups.push(&[Action::Open]);
        }
        if on_highlight {
            groups.extend([&[Action::EditTags][..], &[Action::EditNote]]);
        } else if !self.entries.is_empty() {
            groups.push(&[Action::Highlight]);
        }
        let mut hints =
            component::keymap_hints(
                &shared.keymap,
                Context::Panel,
                &groups,
                |group| match group {
                    [Action::Down, Action::Up] => "move",
                    [Action::Open] => "jump",
                    [Action::Highlight] => "highlight",
                    [Action::EditTags] => "tags",
                    [Action::EditNote] => "note",
                    [action, ..] => action.help(),
                    [] => "",
                },
            );
        hints.extend(super::links::hints(
            &shared.keymap,
            Context::Panel,
            shared.article(),
        ));
        hints
    }

    fn draw(&self, frame: &mut Frame, area: Rect, view: &View) {
        draw::draw(self, frame, area, view);
    }
}
