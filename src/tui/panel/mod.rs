//! The side panel: the open article's metadata, then what the reader can jump to (its
//! highlights, quotes with their speakers, figures, and an outline).

mod draw;
pub mod entries;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::action::Action;
use super::component::{self, Component, Handled, Hint, Input, Request, View};
use super::keymap::{Context, Keymap};
use super::list::step;
use super::panes::page_rows;
use super::shared::Shared;
pub use entries::{EntryKind, PanelEntry};

pub struct PanelPane {
    pub entries: Vec<PanelEntry>,
    pub cursor: usize,
    /// Where the panel was last laid out, if shown.
    pub area: Option<Rect>,
}

const HINTED: &[&[Action]] = &[
    &[Action::Down, Action::Up],
    &[Action::Open],
    &[Action::FocusNext],
    &[Action::Help],
    &[Action::Quit],
];

impl PanelPane {
    pub fn new() -> PanelPane {
        PanelPane {
            entries: Vec::new(),
            cursor: 0,
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

    pub fn hints(keymap: &Keymap) -> Vec<Hint> {
        component::keymap_hints(keymap, Context::Panel, HINTED, |group| match group {
            [Action::Down, Action::Up] => "move",
            [action, ..] => action.help(),
            [] => "",
        })
    }
}

impl Component for PanelPane {
    fn handle(&mut self, input: &Input, shared: &Shared, out: &mut Vec<Request>) -> Handled {
        let Some(action) = component::action(&shared.keymap, Context::Panel, input) else {
            return Handled::Ignored;
        };
        let page = page_rows(self.area);
        let len = self.entries.len();
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
                if let Some(entry) = self.entries.get(self.cursor) {
                    out.push(Request::Show(entry.target.clone()));
                }
            }
            // The quote, figure or paragraph of the entry.
            Action::Highlight => match self.entries.get(self.cursor) {
                Some(entry) if entry.kind == EntryKind::Highlight => {
                    out.push(Request::notice("already highlighted"));
                }
                Some(entry) => out.push(Request::Highlight(entry.target.clone())),
                None => {}
            },
            _ => return Handled::Ignored,
        }
        Handled::Consumed
    }

    fn hints(&self, shared: &Shared) -> Vec<Hint> {
        PanelPane::hints(&shared.keymap)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, view: &View) {
        draw::draw(self, frame, area, view);
    }
}
