//! Text input: single-line prompts (tags, filters, search) and the multi-line note editor,
//! both ratatui-textarea underneath. The editor only collects text; what the text is for
//! is decided by whoever opened it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use super::component::keys::{ENTER, ESC, TAB, ctrl};
use super::component::{DialogKey, HelpSection, Hint};

/// The prompts' and the note editor's keys, for the help.
pub fn help() -> [HelpSection; 2] {
    let editing = (
        "ctrl-a ctrl-k ctrl-w",
        "start of the line, delete to its end, delete a word back",
    );
    [
        HelpSection::of("Tags, filter and search prompts", ONE_LINE_KEYS, &[editing]),
        HelpSection::of(
            "Note editor (n)",
            NOTE_KEYS,
            &[("enter", "a new line"), editing],
        ),
    ]
}

/// What a key of the editor means beyond typing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditKey {
    Confirm,
    Complete,
    Cancel,
    External,
}

/// The keys of a one-line prompt (tags, filters, search).
const ONE_LINE_KEYS: &[DialogKey<EditKey>] = &[
    DialogKey {
        keys: &[ENTER, ctrl('s')],
        help: "confirm",
        action: EditKey::Confirm,
    },
    DialogKey {
        keys: &[TAB],
        help: "complete the tag",
        action: EditKey::Complete,
    },
    DialogKey {
        keys: &[ESC],
        help: "cancel",
        action: EditKey::Cancel,
    },
];

/// The keys of the note editor; Enter starts a new line.
const NOTE_KEYS: &[DialogKey<EditKey>] = &[
    DialogKey {
        keys: &[ctrl('s')],
        help: "save",
        action: EditKey::Confirm,
    },
    DialogKey {
        keys: &[ctrl('e')],
        help: "go on in $EDITOR",
        action: EditKey::External,
    },
    DialogKey {
        keys: &[ESC],
        help: "cancel",
        action: EditKey::Cancel,
    },
];

/// What an editor's text will be used for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// Tags of the highlight with this id, space separated.
    Tags { id: String },
    /// The note of the highlight with this id.
    Note { id: String },
    /// The article list's filter.
    ListFilter,
    /// A search over the whole corpus.
    Search,
    /// A field of a form (the export dialog), which draws its own labels.
    Field,
}

/// What a key did to the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Still editing.
    Editing,
    /// The user confirmed this text.
    Done(String),
    /// The user gave up; nothing changes.
    Cancelled,
    /// The user wants this text in their own editor.
    External(String),
}

pub struct Editor {
    pub purpose: Purpose,
    pub textarea: TextArea<'static>,
    /// Words offered by Tab (existing tags), best first.
    completions: Vec<String>,
}

impl Editor {
    pub fn new(purpose: Purpose, text: &str, completions: Vec<String>) -> Editor {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.lines().map(str::to_string).collect()
        };
        let mut textarea = TextArea::new(lines);
        textarea.move_cursor(ratatui_textarea::CursorMove::Bottom);
        textarea.move_cursor(ratatui_textarea::CursorMove::End);
        Editor {
            purpose,
            textarea,
            completions,
        }
    }

    pub fn is_multiline(&self) -> bool {
        matches!(self.purpose, Purpose::Note { .. })
    }

    pub fn title(&self) -> &'static str {
        match self.purpose {
            Purpose::Tags { .. } => {
                "Tags · space between · tab completes · enter saves · esc cancels"
            }
            Purpose::Note { .. } => "Note · ctrl-s saves · esc cancels",
            Purpose::ListFilter => {
                "Filter articles · words match title/source, #tag matches highlights · enter · esc"
            }
            Purpose::Search => {
                "Search · words · 'exact ^start end$ !not a|b ~fuzzy · ↑/↓ · enter opens · esc goes back"
            }
            Purpose::Field => "",
        }
    }

    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }

    /// The word being typed, for completion.
    fn current_word(&self) -> String {
        let ratatui_textarea::DataCursor(row, col) = self.textarea.cursor();
        let line = self
            .textarea
            .lines()
            .get(row)
            .map(String::as_str)
            .unwrap_or("");
        let before: String = line.chars().take(col).collect();
        before
            .rsplit(|c: char| c.is_whitespace() || c == ',')
            .next()
            .unwrap_or("")
            .trim_start_matches('#')
            .to_string()
    }

    /// Existing tags that start with the word being typed.
    pub fn candidates(&self) -> Vec<&str> {
        let word = self.current_word().to_lowercase();
        self.completions
            .iter()
            .filter(|t| t.starts_with(&word) && **t != word)
            .map(String::as_str)
            .take(8)
            .collect()
    }

    /// The keys that do more than type, for hints and help.
    pub fn keys(&self) -> &'static [DialogKey<EditKey>] {
        if self.is_multiline() {
            NOTE_KEYS
        } else {
            ONE_LINE_KEYS
        }
    }

    pub fn hints(&self) -> Vec<Hint> {
        self.keys()
            .iter()
            .map(|k| Hint::new(k.names(), k.help))
            .collect()
    }

    pub fn input(&mut self, key: KeyEvent) -> Outcome {
        match DialogKey::find(self.keys(), &key) {
            Some(EditKey::Cancel) => return Outcome::Cancelled,
            Some(EditKey::Confirm) => return Outcome::Done(self.text()),
            Some(EditKey::External) => return Outcome::External(self.text()),
            Some(EditKey::Complete) => {
                let word = self.current_word();
                if let Some(&first) = self.candidates().first() {
                    let rest: String = first.chars().skip(word.chars().count()).collect();
                    self.textarea.insert_str(format!("{rest} "));
                }
                return Outcome::Editing;
            }
            None => {}
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        // Single-line prompts have no newlines; ctrl-m and friends would add them.
        if !self.is_multiline()
            && (key.code == KeyCode::Enter
                || ctrl && matches!(key.code, KeyCode::Char('m') | KeyCode::Char('j')))
        {
            return Outcome::Editing;
        }
        self.textarea.input(key);
        Outcome::Editing
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn type_text(editor: &mut Editor, text: &str) {
        for c in text.chars() {
            editor.input(key(KeyCode::Char(c)));
        }
    }

    #[test]
    fn tags_complete_with_tab_and_save_with_enter() {
        let tags = vec![
            "idlib".to_string(),
            "nato".to_string(),
            "nuclear".to_string(),
        ];
        let mut editor = Editor::new(Purpose::Tags { id: "x".into() }, "", tags);
        type_text(&mut editor, "n");
        assert_eq!(editor.candidates(), ["nato", "nuclear"]);
        type_text(&mut editor, "u");
        editor.input(key(KeyCode::Tab));
        type_text(&mut editor, "id");
        editor.input(key(KeyCode::Tab));
        assert_eq!(
            editor.input(key(KeyCode::Enter)),
            Outcome::Done("nuclear idlib ".into())
        );
    }

    #[test]
    fn the_note_is_multi_line_and_saves_with_ctrl_s() {
        let mut editor = Editor::new(Purpose::Note { id: "x".into() }, "first", Vec::new());
        editor.input(key(KeyCode::Enter));
        type_text(&mut editor, "second");
        let save = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(editor.input(save), Outcome::Done("first\nsecond".into()));
    }

    #[test]
    fn escape_cancels() {
        let mut editor = Editor::new(Purpose::ListFilter, "old", Vec::new());
        type_text(&mut editor, "new");
        assert_eq!(editor.input(key(KeyCode::Esc)), Outcome::Cancelled);
    }
}
