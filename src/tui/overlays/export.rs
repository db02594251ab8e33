//! The export dialog (`E`): a format (for Markdown, one file or one per article), which
//! highlights (all or this article's, and tags), and a file (or, one per article, a folder)
//! to write. Files are written atomically; existing ones are replaced only after the user
//! says so. The result is confirmed in the status line.

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
    /// Markdown only: one file, or one per article.
    Layout,
    Scope,
    Tags,
    Path,
}

const FIELDS: [Field; 5] = [
    Field::Format,
    Field::Layout,
    Field::Scope,
    Field::Tags,
    Field::Path,
];

pub struct ExportDialog {
    pub field: Field,
    pub format: Format,
    /// Markdown: one file per article, into the folder `path` names.
    pub per_article: bool,
    /// Only the open article's highlights.
    pub this_article: bool,
    pub tags: Editor,
    pub path: Editor,
    /// The file exists: waiting for the user to say whether to replace it.
    pub confirm_overwrite: Option<PathBuf>,
}

/// Where an export goes unless the user says otherwise: the working folder (a folder in it
/// for one file per article).
fn default_path(format: Format, per_article: bool) -> String {
    let dir = std::env::current_dir().unwrap_or_default();
    let name = match per_article {
        true => "lede-highlights",
        false => format.default_file_name(),
    };
    dir.join(name).display().to_string()
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
            per_article: false,
            this_article: false,
            tags: Editor::new(Purpose::Field, "", Vec::new()),
            path: Editor::new(Purpose::Field, &default_path(format, false), Vec::new()),
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
                self.skip_layout(1);
                return;
            }
            Some(Command::PrevField) => {
                self.field = FIELDS[(position + FIELDS.len() - 1) % FIELDS.len()];
                self.skip_layout(FIELDS.len() - 1);
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
                    KeyCode::Char(c) => c
                        .to_digit(10)
                        .and_then(|n| usize::try_from(n).ok())
                        .filter(|n| (1..=Format::ALL.len()).contains(n))
                        .map(|n| n - 1),
                    _ => None,
                };
                let current = Format::ALL
                    .iter()
                    .position(|f| *f == self.format)
                    .unwrap_or(0);
                let next = numbered.or(step.map(|s| (current + s) % Format::ALL.len()));
                if let Some(next) = next {
                    let format = Format::ALL[next];
                    self.choose(format, self.per_article && format == Format::Markdown);
                }
            }
            Field::Layout => {
                if step.is_some() {
                    self.choose(self.format, !self.per_article);
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

    /// Chooses a format and layout; the file name follows them unless the user typed one.
    fn choose(&mut self, format: Format, per_article: bool) {
        let old_default = default_path(self.format, self.per_article);
        self.format = format;
        self.per_article = per_article;
        if self.path.text() == old_default {
            let path = default_path(self.format, self.per_article);
            self.path = Editor::new(Purpose::Field, &path, Vec::new());
        }
    }

    /// Moves on from the layout field (`step` along the fields) when the format has none.
    fn skip_layout(&mut self, step: usize) {
        if self.field == Field::Layout && self.format != Format::Markdown {
            let position = FIELDS.iter().position(|f| *f == Field::Layout).unwrap_or(0);
            self.field = FIELDS[(position + step) % FIELDS.len()];
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
        let written = match self.per_article && self.format == Format::Markdown {
            true => export::export_per_article(&items, &path, force),
            false => export::export_to_file(self.format, &items, &path, force),
        };
        match written {
            Ok(summary) => {
                out.push(Request::Close);
                out.push(Request::Notice(summary.to_string()));
            }
            Err(err) => match err.downcast_ref::<WouldOverwrite>() {
                Some(WouldOverwrite(existing)) => self.confirm_overwrite = Some(existing.clone()),
                None => out.push(Request::notice(format!("not exported: {err:#}"))),
            },
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
            (
                "←/→ h/l space",
                "choose the format, layout or which highlights",
            ),
            ("1-6", "a format by number"),
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
