//! The export dialog (`E`): a format, which highlights (all or this article's, and tags),
//! and a file to write. The file is written atomically; an existing one is replaced only
//! after the user says so. The result is confirmed in the status line.

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use lede::export::{self, Filter, Format, WouldOverwrite};
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::tui::component::keys::{BACKTAB, DOWN, ENTER, ESC, TAB, UP};
use crate::tui::component::{
    Component, DialogKey, Handled, HelpSection, Hint, Input, Overlay, Request, View,
};
use crate::tui::editor::{Editor, Purpose};
use crate::tui::shared::Shared;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Format,
    Scope,
    Tags,
    Path,
}

const FIELDS: [Field; 4] = [Field::Format, Field::Scope, Field::Tags, Field::Path];

pub struct ExportDialog {
    pub field: Field,
    pub format: Format,
    /// Only the open article's highlights.
    pub this_article: bool,
    pub tags: Editor,
    pub path: Editor,
    /// The file exists: waiting for the user to say whether to replace it.
    pub confirm_overwrite: Option<PathBuf>,
}

/// Where an export goes unless the user says otherwise: the working folder.
fn default_path(format: Format) -> String {
    let dir = std::env::current_dir().unwrap_or_default();
    dir.join(format.default_file_name()).display().to_string()
}

/// `~/notes.md` means the home folder.
fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}

impl ExportDialog {
    pub fn new() -> ExportDialog {
        let format = Format::Markdown;
        ExportDialog {
            field: Field::Format,
            format,
            this_article: false,
            tags: Editor::new(Purpose::Field, "", Vec::new()),
            path: Editor::new(Purpose::Field, &default_path(format), Vec::new()),
            confirm_overwrite: None,
        }
    }

    fn input(&mut self, event: KeyEvent, shared: &Shared, out: &mut Vec<Request>) {
        if self.confirm_overwrite.is_some() {
            match event.code {
                KeyCode::Char('y') | KeyCode::Char('Y') => self.run(true, shared, out),
                _ => {
                    self.confirm_overwrite = None;
                    self.field = Field::Path;
                }
            }
            return;
        }
        let position = FIELDS.iter().position(|f| *f == self.field).unwrap_or(0);
        match DialogKey::find(KEYS, &event) {
            Some(Command::Cancel) => {
                out.push(Request::Close);
                out.push(Request::notice("export cancelled"));
                return;
            }
            Some(Command::Export) => {
                self.run(false, shared, out);
                return;
            }
            Some(Command::NextField) => {
                self.field = FIELDS[(position + 1) % FIELDS.len()];
                return;
            }
            Some(Command::PrevField) => {
                self.field = FIELDS[(position + FIELDS.len() - 1) % FIELDS.len()];
                return;
            }
            _ => {}
        }
        let step = match event.code {
            KeyCode::Right | KeyCode::Char(' ') | KeyCode::Char('l') => Some(1),
            KeyCode::Left | KeyCode::Char('h') => Some(Format::ALL.len() - 1),
            _ => None,
        };
        match self.field {
            Field::Format => {
                let numbered = match event.code {
                    KeyCode::Char(c @ '1'..='4') => Some(usize::from(c as u8 - b'1')),
                    _ => None,
                };
                let current = Format::ALL
                    .iter()
                    .position(|f| *f == self.format)
                    .unwrap_or(0);
                let next = numbered.or(step.map(|s| (current + s) % Format::ALL.len()));
                if let Some(next) = next {
                    let old_default = default_path(self.format);
                    self.format = Format::ALL[next];
                    // Follow the format with the file name, unless the user typed one.
                    if self.path.text() == old_default {
                        self.path =
                            Editor::new(Purpose::Field, &default_path(self.format), Vec::new());
                    }
                }
            }
            Field::Scope => {
                if step.is_some() {
                    self.this_article = !self.this_article;
                }
            }
            Field::Tags => {
                let _ = self.tags.input(event);
            }
            Field::Path => {
                if event.code == KeyCode::Char('u')
                    && event.modifiers.contains(KeyModifiers::CONTROL)
                {
                    self.path = Editor::new(Purpose::Field, "", Vec::new());
                } else {
                    let _ = self.path.input(event);
                }
            }
        }
    }

    fn run(&mut self, force: bool, shared: &Shared, out: &mut Vec<Request>) {
        let path_text = self.path.text();
        if path_text.trim().is_empty() {
            self.field = Field::Path;
            out.push(Request::notice("give a file to write"));
            return;
        }
        let path = expand_home(path_text.trim());
        let tags: Vec<String> = self
            .tags
            .text()
            .split(|c: char| c.is_whitespace() || c == ',')
            .map(|t| t.trim_start_matches('#').to_lowercase())
            .filter(|t| !t.is_empty())
            .collect();
        let articles = match (self.this_article, shared.article()) {
            (true, Some(_)) => vec![shared.keys.key(shared.open).to_string()],
            _ => Vec::new(),
        };
        let Some(store) = shared.notes.store.as_ref() else {
            return;
        };
        let filter = Filter { tags, articles };
        let speakers = export::speakers_from_extraction();
        let items = export::items(
            store.highlights(),
            &shared.corpus.articles,
            &filter,
            &speakers,
        );
        if items.is_empty() {
            out.push(Request::notice("no highlight matches: nothing exported"));
            return;
        }
        match export::export_to_file(self.format, &items, &path, force) {
            Ok(summary) => {
                out.push(Request::Close);
                out.push(Request::Notice(summary.to_string()));
            }
            Err(err) if err.downcast_ref::<WouldOverwrite>().is_some() => {
                self.confirm_overwrite = Some(path);
            }
            Err(err) => out.push(Request::notice(format!("not exported: {err:#}"))),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Command {
    NextField,
    PrevField,
    Export,
    Cancel,
}

const KEYS: &[DialogKey<Command>] = &[
    DialogKey {
        keys: &[TAB, DOWN],
        help: "next field",
        action: Command::NextField,
    },
    DialogKey {
        keys: &[BACKTAB, UP],
        help: "previous field",
        action: Command::PrevField,
    },
    DialogKey {
        keys: &[ENTER],
        help: "export",
        action: Command::Export,
    },
    DialogKey {
        keys: &[ESC],
        help: "cancel",
        action: Command::Cancel,
    },
];

/// The dialog's keys, for the help.
pub fn help() -> HelpSection {
    HelpSection::of(
        "Export (E)",
        KEYS,
        &[
            ("←/→ h/l space", "choose the format or which highlights"),
            ("1-4", "a format by number"),
            ("ctrl-u", "clear the file name"),
            ("y", "replace an existing file, when asked"),
        ],
    )
}

impl Component for ExportDialog {
    fn handle(&mut self, input: &Input, shared: &Shared, out: &mut Vec<Request>) -> Handled {
        let Input::Key(event) = input else {
            return Handled::Consumed;
        };
        self.input(*event, shared, out);
        Handled::Consumed
    }

    fn hints(&self, _shared: &Shared) -> Vec<Hint> {
        if self.confirm_overwrite.is_some() {
            return vec![Hint::new("y", "replace"), Hint::new("any key", "go back")];
        }
        let mut hints: Vec<Hint> = KEYS.iter().map(|k| Hint::new(k.names(), k.help)).collect();
        hints.insert(2, Hint::new("←/→", "choose"));
        hints
    }

    fn draw(&self, frame: &mut Frame, area: Rect, view: &View) {
        super::export_draw::draw(self, view.theme, area, frame);
    }
}

impl Overlay for ExportDialog {
    fn name(&self) -> &'static str {
        "Export"
    }
}
