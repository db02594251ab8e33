//! The export dialog (`E`): a format, which highlights (all or this article's, and tags),
//! and a file to write. The file is written atomically; an existing one is replaced only
//! after the user says so. The result is confirmed in the status line.

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use lede::export::{self, Filter, Format, WouldOverwrite};

use super::app::App;
use super::editor::{Editor, Purpose};

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

impl App {
    pub(super) fn open_export(&mut self) {
        if self.store.is_none() {
            self.notice = Some("no data folder: no highlights to export".to_string());
            return;
        }
        let format = Format::Markdown;
        self.export_dialog = Some(ExportDialog {
            field: Field::Format,
            format,
            this_article: false,
            tags: Editor::new(Purpose::Field, "", Vec::new()),
            path: Editor::new(Purpose::Field, &default_path(format), Vec::new()),
            confirm_overwrite: None,
        });
    }

    pub(super) fn export_input(&mut self, event: KeyEvent) {
        let Some(dialog) = self.export_dialog.as_mut() else {
            return;
        };
        if dialog.confirm_overwrite.is_some() {
            match event.code {
                KeyCode::Char('y') | KeyCode::Char('Y') => self.run_export(true),
                _ => {
                    dialog.confirm_overwrite = None;
                    dialog.field = Field::Path;
                }
            }
            return;
        }
        let position = FIELDS.iter().position(|f| *f == dialog.field).unwrap_or(0);
        let shift_tab = event.code == KeyCode::BackTab;
        match event.code {
            KeyCode::Esc => {
                self.export_dialog = None;
                self.notice = Some("export cancelled".to_string());
                return;
            }
            KeyCode::Enter => {
                self.run_export(false);
                return;
            }
            KeyCode::Tab | KeyCode::Down => {
                dialog.field = FIELDS[(position + 1) % FIELDS.len()];
                return;
            }
            KeyCode::Up => {
                dialog.field = FIELDS[(position + FIELDS.len() - 1) % FIELDS.len()];
                return;
            }
            _ if shift_tab => {
                dialog.field = FIELDS[(position + FIELDS.len() - 1) % FIELDS.len()];
                return;
            }
            _ => {}
        }
        let step = match event.code {
            KeyCode::Right | KeyCode::Char(' ') | KeyCode::Char('l') => Some(1),
            KeyCode::Left | KeyCode::Char('h') => Some(Format::ALL.len() - 1),
            _ => None,
        };
        match dialog.field {
            Field::Format => {
                let numbered = match event.code {
                    KeyCode::Char(c @ '1'..='4') => Some(usize::from(c as u8 - b'1')),
                    _ => None,
                };
                let current = Format::ALL
                    .iter()
                    .position(|f| *f == dialog.format)
                    .unwrap_or(0);
                let next = numbered.or(step.map(|s| (current + s) % Format::ALL.len()));
                if let Some(next) = next {
                    let old_default = default_path(dialog.format);
                    dialog.format = Format::ALL[next];
                    // Follow the format with the file name, unless the user typed one.
                    if dialog.path.text() == old_default {
                        dialog.path =
                            Editor::new(Purpose::Field, &default_path(dialog.format), Vec::new());
                    }
                }
            }
            Field::Scope => {
                if step.is_some() {
                    dialog.this_article = !dialog.this_article;
                }
            }
            Field::Tags => {
                let _ = dialog.tags.input(event);
            }
            Field::Path => {
                if event.code == KeyCode::Char('u')
                    && event.modifiers.contains(KeyModifiers::CONTROL)
                {
                    dialog.path = Editor::new(Purpose::Field, "", Vec::new());
                } else {
                    let _ = dialog.path.input(event);
                }
            }
        }
    }

    fn run_export(&mut self, force: bool) {
        let Some(dialog) = self.export_dialog.as_mut() else {
            return;
        };
        let path_text = dialog.path.text();
        if path_text.trim().is_empty() {
            dialog.field = Field::Path;
            self.notice = Some("give a file to write".to_string());
            return;
        }
        let path = expand_home(path_text.trim());
        let tags: Vec<String> = dialog
            .tags
            .text()
            .split(|c: char| c.is_whitespace() || c == ',')
            .map(|t| t.trim_start_matches('#').to_lowercase())
            .filter(|t| !t.is_empty())
            .collect();
        let articles = match (dialog.this_article, self.corpus.articles.get(self.open)) {
            (true, Some(_)) => vec![self.keys.key(self.open).to_string()],
            _ => Vec::new(),
        };
        let format = dialog.format;
        let Some(store) = self.store.as_ref() else {
            return;
        };
        let filter = Filter { tags, articles };
        let speakers = export::speakers_from_extraction();
        let items = export::items(
            store.highlights(),
            &self.corpus.articles,
            &filter,
            &speakers,
        );
        if items.is_empty() {
            self.notice = Some("no highlight matches: nothing exported".to_string());
            return;
        }
        match export::export_to_file(format, &items, &path, force) {
            Ok(summary) => {
                self.export_dialog = None;
                self.notice = Some(summary.to_string());
            }
            Err(err) if err.downcast_ref::<WouldOverwrite>().is_some() => {
                if let Some(dialog) = self.export_dialog.as_mut() {
                    dialog.confirm_overwrite = Some(path);
                }
            }
            Err(err) => self.notice = Some(format!("not exported: {err:#}")),
        }
    }
}
