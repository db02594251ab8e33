//! Keys to actions. The defaults live in `assets/keymap.toml` (compiled in); a user file
//! in the same format overrides single keys. The file is read by `lede::settings` (pure
//! parsing, fuzzed); this module maps its entries onto crossterm keys and actions. The help overlay and the status-line hints
//! are generated from the active keymap, so they always tell the truth.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use lede::settings::{self, KeyName, KeySpec, SettingsError};

use super::action::Action;

pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// Where a binding applies. A key not bound in a context is looked up in its parent:
/// pane contexts fall back to `Global`, `Select` to `Reader`; `Help` and `Inside` stand
/// alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    Global,
    List,
    Reader,
    Select,
    Inside,
    Panel,
    Help,
}

impl Context {
    pub const ALL: [Context; 7] = [
        Context::Global,
        Context::List,
        Context::Reader,
        Context::Select,
        Context::Inside,
        Context::Panel,
        Context::Help,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::List => "list",
            Context::Reader => "reader",
            Context::Select => "select",
            Context::Inside => "inside",
            Context::Panel => "panel",
            Context::Help => "help",
        }
    }

    fn from_name(name: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == name)
    }

    /// Where a key not bound here is looked up next.
    fn parent(self) -> Option<Context> {
        match self {
            Context::List | Context::Reader | Context::Panel => Some(Context::Global),
            Context::Select => Some(Context::Reader),
            Context::Global | Context::Inside | Context::Help => None,
        }
    }

    /// This context and its parents, nearest first.
    fn chain(self) -> impl Iterator<Item = Context> {
        std::iter::successors(Some(self), |c| c.parent())
    }
}

/// A key with its modifiers, normalised so that `G` and `shift-g` are the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> Key {
        let mut modifiers =
            modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        // Shift is already in the character ('G') or in the key (BackTab).
        if matches!(code, KeyCode::Char(_) | KeyCode::BackTab) {
            modifiers.remove(KeyModifiers::SHIFT);
        }
        Key { code, modifiers }
    }

    pub fn from_event(event: &KeyEvent) -> Key {
        Key::new(event.code, event.modifiers)
    }

    /// Parses `j`, `G`, `?`, `ctrl-d`, `shift-tab`, `pagedown`, `f5`, `space`…
    #[cfg(test)]
    pub fn parse(text: &str) -> Result<Key, String> {
        KeySpec::parse(text).map(Key::from_spec)
    }

    /// The key a settings file names.
    pub fn from_spec(spec: KeySpec) -> Key {
        let code = match spec.name {
            KeyName::Char(c) => KeyCode::Char(c),
            KeyName::Enter => KeyCode::Enter,
            KeyName::Esc => KeyCode::Esc,
            KeyName::Tab => KeyCode::Tab,
            KeyName::BackTab => KeyCode::BackTab,
            KeyName::Backspace => KeyCode::Backspace,
            KeyName::Delete => KeyCode::Delete,
            KeyName::Insert => KeyCode::Insert,
            KeyName::Up => KeyCode::Up,
            KeyName::Down => KeyCode::Down,
            KeyName::Left => KeyCode::Left,
            KeyName::Right => KeyCode::Right,
            KeyName::PageUp => KeyCode::PageUp,
            KeyName::PageDown => KeyCode::PageDown,
            KeyName::Home => KeyCode::Home,
            KeyName::End => KeyCode::End,
            KeyName::F(n) => KeyCode::F(n),
        };
        let mut modifiers = KeyModifiers::NONE;
        for (on, flag) in [
            (spec.ctrl, KeyModifiers::CONTROL),
            (spec.alt, KeyModifiers::ALT),
            (spec.shift, KeyModifiers::SHIFT),
        ] {
            if on {
                modifiers |= flag;
            }
        }
        Key::new(code, modifiers)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("enter"),
            KeyCode::Esc => f.write_str("esc"),
            KeyCode::Tab => f.write_str("tab"),
            KeyCode::BackTab => f.write_str("shift-tab"),
            KeyCode::Backspace => f.write_str("backspace"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("pgup"),
            KeyCode::PageDown => f.write_str("pgdn"),
            KeyCode::Home => f.write_str("home"),
            KeyCode::End => f.write_str("end"),
            KeyCode::F(n) => write!(f, "f{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// The active bindings.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: HashMap<(Context, Key), Action>,
    /// Bindings in file order, for stable help and hints.
    order: Vec<(Context, Key)>,
}

impl Keymap {
    /// The built-in bindings.
    pub fn defaults() -> Keymap {
        let mut keymap = Keymap {
            bindings: HashMap::new(),
            order: Vec::new(),
        };
        // The embedded file is tested to parse; should it ever fail, no keys beat a panic.
        let _ = keymap.apply(DEFAULT_KEYMAP);
        keymap
    }

    /// The defaults with the user's file applied on top. An invalid user file leaves the
    /// defaults untouched and returns the error to show.
    pub fn load(user_file: Option<&Path>) -> (Keymap, Option<String>) {
        let defaults = Keymap::defaults();
        let Some(path) = user_file else {
            return (defaults, None);
        };
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return (defaults, None),
            Err(err) => {
                let message = format!(
                    "cannot read {}: {err}; using the default keys",
                    path.display()
                );
                return (defaults, Some(message));
            }
        };
        let mut keymap = defaults.clone();
        match keymap.apply(&text) {
            Ok(()) => (keymap, None),
            Err(err) => (
                defaults,
                Some(format!("{} {err}; using the default keys", path.display())),
            ),
        }
    }

    /// Applies a keymap file's bindings over the current ones, all or nothing.
    pub fn apply(&mut self, text: &str) -> Result<(), SettingsError> {
        let names: Vec<&str> = Context::ALL.iter().map(|c| c.name()).collect();
        let mut changes = Vec::new();
        for binding in settings::keymap(text, &names)? {
            let context = Context::from_name(&binding.section).unwrap_or(Context::Global);
            let action = match &binding.action {
                None => None,
                Some(name) => Some(name.parse::<Action>().map_err(|message| SettingsError {
                    line: Some(binding.line),
                    message,
                })?),
            };
            changes.push((context, Key::from_spec(binding.key), action));
        }
        for (context, key, action) in changes {
            match action {
                Some(action) => {
                    if self.bindings.insert((context, key), action).is_none() {
                        self.order.push((context, key));
                    }
                }
                None => {
                    self.bindings.remove(&(context, key));
                    self.order.retain(|b| *b != (context, key));
                }
            }
        }
        Ok(())
    }

    /// The action for `key` in `context`, falling back to the parent contexts.
    pub fn action(&self, context: Context, key: Key) -> Option<Action> {
        context
            .chain()
            .find_map(|c| self.bindings.get(&(c, key)).copied())
    }

    /// The keys that trigger `action` in `context`, including inherited bindings that
    /// are not shadowed; plain characters first.
    pub fn keys_for(&self, context: Context, action: Action) -> Vec<Key> {
        let mut keys: Vec<Key> = self
            .order
            .iter()
            .filter(|(_, key)| self.action(context, *key) == Some(action))
            .filter(|(c, _)| context.chain().any(|chained| chained == *c))
            .map(|(_, key)| *key)
            .collect();
        keys.dedup();
        let mut seen = std::collections::HashSet::new();
        keys.retain(|k| seen.insert(*k));
        // Plain characters read best in hints, then named keys, then chords.
        keys.sort_by_key(|k| match (k.code, k.modifiers.is_empty()) {
            (KeyCode::Char(_), true) => 0,
            (_, true) => 1,
            _ => 2,
        });
        keys
    }

    /// Every binding of one context, in file order, for the help overlay.
    pub fn bindings(&self, context: Context) -> Vec<(Key, Action)> {
        self.order
            .iter()
            .filter(|(c, _)| *c == context)
            .filter_map(|b| self.bindings.get(b).map(|a| (b.1, *a)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> Key {
        Key::parse(text).unwrap()
    }

    #[test]
    fn the_default_keymap_parses_completely() {
        let mut keymap = Keymap {
            bindings: HashMap::new(),
            order: Vec::new(),
        };
        keymap.apply(DEFAULT_KEYMAP).unwrap();
        assert_eq!(keymap.action(Context::List, key("j")), Some(Action::Down));
        assert_eq!(
            keymap.action(Context::List, key("enter")),
            Some(Action::Open)
        );
        assert_eq!(
            keymap.action(Context::Reader, key("ctrl-d")),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            keymap.action(Context::Reader, key("G")),
            Some(Action::Bottom)
        );
        assert_eq!(keymap.action(Context::Reader, key("s")), None);
        assert_eq!(keymap.action(Context::Help, key("s")), None);
        assert_eq!(
            keymap.action(Context::Help, key("esc")),
            Some(Action::Close)
        );
    }

    #[test]
    fn keys_parse_and_print() {
        assert_eq!(key("shift-g"), key("G"));
        assert_eq!(
            key("shift-tab"),
            Key::new(KeyCode::BackTab, KeyModifiers::SHIFT)
        );
        assert_eq!(key("ctrl-d").to_string(), "ctrl-d");
        assert_eq!(key("space").to_string(), "space");
        assert_eq!(key("?").to_string(), "?");
        assert_eq!(key("f5").code, KeyCode::F(5));
        assert!(Key::parse("hyper-x").is_err());
        assert!(Key::parse("f13").is_err());
        assert!(Key::parse("").is_err());
    }

    #[test]
    fn events_are_normalised() {
        let shifted = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&shifted), key("G"));
    }

    #[test]
    fn user_file_overrides_single_keys() {
        let mut keymap = Keymap::defaults();
        keymap
            .apply("[global]\nX = \"quit\"\nq = \"none\"\n")
            .unwrap();
        assert_eq!(keymap.action(Context::Reader, key("X")), Some(Action::Quit));
        assert_eq!(keymap.action(Context::Reader, key("q")), None);
        assert_eq!(keymap.action(Context::Reader, key("j")), Some(Action::Down));
        assert_eq!(
            keymap.keys_for(Context::List, Action::Quit),
            [key("X"), key("ctrl-c")]
        );
    }

    #[test]
    fn errors_name_the_line_and_keep_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keymap.toml");
        for (text, line, words) in [
            (
                "[global]\nj = \"down\"\nx = \"quitt\"\n",
                3,
                "unknown action \"quitt\"",
            ),
            ("[global]\n\nhyper-x = \"quit\"\n", 3, "unknown key"),
            ("[global]\nj = \n", 2, ""),
            (
                "[global]\nj = \"down\"\n[lists]\nk = \"up\"\n",
                3,
                "unknown section [lists]",
            ),
        ] {
            std::fs::write(&path, text).unwrap();
            let (keymap, error) = Keymap::load(Some(&path));
            let error = error.expect("an invalid file is reported");
            assert!(error.contains(&format!("line {line}:")), "{error}");
            assert!(error.contains(words), "{error}");
            assert_eq!(keymap.action(Context::Global, key("q")), Some(Action::Quit));
            assert_eq!(keymap.action(Context::Global, key("x")), None);
        }
    }

    #[test]
    fn a_missing_user_file_is_not_an_error() {
        let (keymap, error) = Keymap::load(Some(Path::new("/nonexistent/lede/keymap.toml")));
        assert_eq!(error, None);
        assert_eq!(keymap.action(Context::Global, key("q")), Some(Action::Quit));
    }
}
