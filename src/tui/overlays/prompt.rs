//! The text prompt: one line for tags and the list filter, a box for notes. What the
//! text is for decides what is asked of the `App` when it is confirmed.

use lede::store::Edit;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Clear;

use crate::tui::component::{Component, Handled, Hint, Input, Overlay, Request, View};
use crate::tui::editor::{Editor, Outcome, Purpose};
use crate::tui::shared::Shared;
use crate::tui::widgets::pane_block;

pub struct Prompt {
    pub editor: Editor,
    /// The list filter before this prompt opened, restored by Esc.
    before: Option<String>,
}

impl Prompt {
    /// Tags of highlight `id`, space separated; Tab completes from `known`.
    pub fn tags(id: String, text: &str, known: Vec<String>) -> Prompt {
        Prompt {
            editor: Editor::new(Purpose::Tags { id }, text, known),
            before: None,
        }
    }

    /// The note of highlight `id`.
    pub fn note(id: String, text: &str) -> Prompt {
        Prompt {
            editor: Editor::new(Purpose::Note { id }, text, Vec::new()),
            before: None,
        }
    }

    /// The article list's filter, applied as it is typed; Tab completes tags.
    pub fn list_filter(text: &str, tags: Vec<String>) -> Prompt {
        Prompt {
            editor: Editor::new(Purpose::ListFilter, text, tags),
            before: Some(text.to_string()),
        }
    }
}

/// Tags as typed: split at spaces and commas, `#` dropped.
fn parse_tags(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == ',')
        .map(|t| t.trim_start_matches('#'))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

impl Component for Prompt {
    fn handle(&mut self, input: &Input, _shared: &Shared, out: &mut Vec<Request>) -> Handled {
        let Input::Key(event) = input else {
            return Handled::Consumed;
        };
        let filter = |text: &str| {
            let text = text.trim();
            Request::ListFilter((!text.is_empty()).then(|| text.to_string()))
        };
        match self.editor.input(*event) {
            Outcome::Editing => {
                if self.editor.purpose == Purpose::ListFilter {
                    out.push(filter(&self.editor.text()));
                }
            }
            Outcome::Cancelled => {
                out.push(Request::Close);
                if let Some(before) = &self.before {
                    out.push(filter(before));
                }
                out.push(Request::notice("cancelled: nothing changed"));
            }
            Outcome::External(text) => {
                if let Purpose::Note { id } = self.editor.purpose.clone() {
                    out.push(Request::Close);
                    out.push(Request::EditExternally { id, text });
                }
            }
            Outcome::Done(text) => {
                out.push(Request::Close);
                match self.editor.purpose.clone() {
                    Purpose::Tags { id } => out.push(Request::Edit {
                        edit: Edit::SetTags {
                            id,
                            tags: parse_tags(&text),
                        },
                        done: "tags".into(),
                    }),
                    Purpose::Note { id } => {
                        let note = (!text.trim().is_empty()).then_some(text);
                        out.push(Request::Edit {
                            edit: Edit::SetNote { id, note },
                            done: "note".into(),
                        });
                    }
                    Purpose::ListFilter => out.push(filter(&text)),
                    Purpose::Search | Purpose::Field => {}
                }
            }
        }
        Handled::Consumed
    }

    fn hints(&self, _shared: &Shared) -> Vec<Hint> {
        self.editor.hints()
    }

    fn draw(&self, frame: &mut Frame, area: Rect, view: &View) {
        let editor = &self.editor;
        let theme = view.theme;
        let width = area.width.saturating_sub(4).min(90);
        let height = if editor.is_multiline() {
            area.height.saturating_sub(6).clamp(3, 12)
        } else {
            3
        };
        let rect = Rect {
            x: area.x + (area.width.saturating_sub(width)) / 2,
            y: area.y + area.height.saturating_sub(height + 2),
            width,
            height: height.min(area.height),
        };
        let mut block = pane_block(editor.title().to_string(), true, theme);
        let candidates = editor.candidates();
        if !candidates.is_empty() {
            block = block.title_bottom(Line::styled(
                format!(" tab: {} ", candidates.join(" ")),
                theme.key(),
            ));
        }
        let mut textarea = editor.textarea.clone();
        textarea.set_block(block);
        textarea.set_cursor_line_style(ratatui::style::Style::new());
        textarea.set_cursor_style(theme.cursor());
        frame.render_widget(Clear, rect);
        frame.render_widget(&textarea, rect);
    }
}

impl Overlay for Prompt {
    fn name(&self) -> &'static str {
        match self.editor.purpose {
            Purpose::Tags { .. } => "Tags",
            Purpose::Note { .. } => "Note",
            Purpose::ListFilter => "Filter",
            Purpose::Search | Purpose::Field => "Edit",
        }
    }
}
