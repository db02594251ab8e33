//! What the reader is built from. Each pane and overlay is a [`Component`]: it owns its
//! state, handles an event by consuming it or passing it on, says which keys do something
//! where it is (the status-line hints come from there), and draws itself.
//!
//! Components read the [`Shared`] state but never change it: what they want done beyond
//! themselves (open an article, save a highlight, open or close an overlay) they ask for
//! with a [`Request`], which the `App` carries out after the event. This is gitui's
//! component model with helix's layered compositor: the `App` offers an event to the top
//! overlay, or else to the focused pane, and handles what they pass on.

use std::ops::Range;

use crossterm::event::{KeyEvent, MouseEvent, MouseEventKind};
use lede::store::Edit;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::action::Action;
use super::keymap::{Context, Key, Keymap};
use super::shared::Shared;
use super::theme::Theme;

/// An event offered to a component.
#[derive(Debug, Clone, Copy)]
pub enum Input {
    Key(KeyEvent),
    /// A click or the wheel, over the component.
    Mouse(MouseEvent),
}

/// Whether a component used an event, or passes it on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handled {
    Consumed,
    Ignored,
}

/// One hint of the status line: keys and what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub keys: String,
    pub label: String,
}

impl Hint {
    pub fn new(keys: impl Into<String>, label: impl Into<String>) -> Hint {
        Hint {
            keys: keys.into(),
            label: label.into(),
        }
    }
}

/// What a component asks the `App` to do.
pub enum Request {
    Quit,
    /// A message for the status line.
    Notice(String),
    /// Open this article (by index) in the reader and focus it.
    Open(usize),
    /// Open `article`, focus the reader and show `range` in it (marked if `mark`).
    Jump {
        article: usize,
        range: Option<Range<usize>>,
        mark: bool,
    },
    /// Show and mark a passage of the open article, leaving the focus where it is.
    Show(Range<usize>),
    /// Open the article of highlight `id` at the highlight.
    JumpToHighlight {
        article: usize,
        id: String,
    },
    /// Put an overlay on top.
    Push(Box<dyn Overlay>),
    /// Close the top overlay (the one asking).
    Close,
    /// Highlight this passage of the open article.
    Highlight(Range<usize>),
    /// Change a highlight; `done` is said once saved.
    Edit {
        edit: Edit,
        done: String,
    },
    /// Write the note of highlight `id` (now `text`) in the user's editor.
    EditExternally {
        id: String,
        text: String,
    },
    /// Attach highlight `id` to the reader's selection.
    Reattach(String),
    /// Mark an article (by index) read or unread.
    SetRead {
        article: usize,
        read: bool,
    },
    /// Filter the article list (`None` clears the filter).
    ListFilter(Option<String>),
    /// Open the web address of this article (by index) in the browser.
    Browse(usize),
    /// Copy the web address of this article (by index) to the clipboard.
    CopyAddress(usize),
    /// Search for this text.
    Query(String),
    /// The search prompt was closed: keep its results for `n`/`N`.
    SearchClosed,
}

impl Request {
    pub fn notice(text: impl Into<String>) -> Request {
        Request::Notice(text.into())
    }
}

/// What a component draws with.
pub struct View<'a> {
    pub shared: &'a Shared,
    pub theme: Theme,
    /// The component has the focus (a pane, with no overlay over it).
    pub focused: bool,
}

pub trait Component {
    /// Handles one event, asking for anything beyond itself through `out`.
    fn handle(&mut self, input: &Input, shared: &Shared, out: &mut Vec<Request>) -> Handled;

    /// Keys worth a hint here and now.
    fn hints(&self, shared: &Shared) -> Vec<Hint>;

    fn draw(&self, frame: &mut Frame, area: Rect, view: &View);
}

/// A component drawn over the panes that takes every key while it is open.
pub trait Overlay: Component + std::any::Any {
    /// A word for the status line ("Help", "Search").
    fn name(&self) -> &'static str;
}

/// The action a key means in `context`, if any.
pub fn action(keymap: &Keymap, context: Context, input: &Input) -> Option<Action> {
    match input {
        Input::Key(event) => keymap.action(context, Key::from_event(event)),
        Input::Mouse(_) => None,
    }
}

/// The wheel as rows to scroll: positive down.
pub fn wheel(input: &Input) -> Option<isize> {
    match input {
        Input::Mouse(mouse) => match mouse.kind {
            MouseEventKind::ScrollDown => Some(3),
            MouseEventKind::ScrollUp => Some(-3),
            _ => None,
        },
        Input::Key(_) => None,
    }
}

/// Where the left button was pressed, if this is a click.
pub fn click(input: &Input) -> Option<(u16, u16)> {
    match input {
        Input::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(crossterm::event::MouseButton::Left) => {
                Some((mouse.column, mouse.row))
            }
            _ => None,
        },
        Input::Key(_) => None,
    }
}

/// Hints for groups of actions in `context` from the bindings in force; a group with an
/// unbound action gets no hint. `label` names a group.
pub fn keymap_hints(
    keymap: &Keymap,
    context: Context,
    groups: &[&[Action]],
    label: impl Fn(&[Action]) -> &'static str,
) -> Vec<Hint> {
    groups
        .iter()
        .filter_map(|group| {
            let keys: Vec<String> = group
                .iter()
                .filter_map(|&action| {
                    keymap
                        .keys_for(context, action)
                        .first()
                        .map(|k| k.to_string())
                })
                .collect();
            (keys.len() == group.len()).then(|| Hint::new(keys.join("/"), label(group)))
        })
        .collect()
}

/// A key of a dialog. Dialogs take typed text, so their keys are fixed rather than bound
/// in the keymap; the table a dialog matches keys against is also what its help shows.
pub struct DialogKey<A: 'static> {
    pub keys: &'static [Key],
    pub help: &'static str,
    pub action: A,
}

impl<A: Copy> DialogKey<A> {
    /// The action of the first entry of `table` that lists the key of `event`.
    pub fn find(table: &[DialogKey<A>], event: &KeyEvent) -> Option<A> {
        let key = Key::from_event(event);
        table
            .iter()
            .find(|entry| entry.keys.contains(&key))
            .map(|entry| entry.action)
    }

    /// "↑/ctrl-p" for help and hints.
    pub fn names(&self) -> String {
        self.keys
            .iter()
            .map(Key::to_string)
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// A part of the help: a heading and (keys, what they do) rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpSection {
    pub heading: String,
    pub rows: Vec<(String, String)>,
}

impl HelpSection {
    /// The section of a dialog's key table, with rows of its own after the table's.
    pub fn of<A: Copy>(heading: &str, table: &[DialogKey<A>], extra: &[(&str, &str)]) -> Self {
        let mut rows: Vec<(String, String)> = table
            .iter()
            .map(|k| (k.names(), k.help.to_string()))
            .collect();
        rows.extend(extra.iter().map(|(k, h)| (k.to_string(), h.to_string())));
        HelpSection {
            heading: heading.to_string(),
            rows,
        }
    }
}

/// Shorthands for the tables of dialog keys.
pub mod keys {
    use crossterm::event::{KeyCode, KeyModifiers};

    use super::Key;

    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    pub const UP: Key = plain(KeyCode::Up);
    pub const DOWN: Key = plain(KeyCode::Down);
    pub const LEFT: Key = plain(KeyCode::Left);
    pub const RIGHT: Key = plain(KeyCode::Right);
    pub const ENTER: Key = plain(KeyCode::Enter);
    pub const ESC: Key = plain(KeyCode::Esc);
    pub const TAB: Key = plain(KeyCode::Tab);
    pub const BACKTAB: Key = plain(KeyCode::BackTab);
    pub const HOME: Key = plain(KeyCode::Home);
    pub const END: Key = plain(KeyCode::End);
}
