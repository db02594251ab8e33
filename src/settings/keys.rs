//! Key names as settings files write them: `j`, `G`, `?`, `ctrl-d`, `shift-tab`,
//! `pagedown`, `f5`, `space`.

use std::fmt;

/// A key without its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyName {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    F(u8),
}

/// A key with its modifiers, normalised so that `G` and `shift-g` are the same key
/// (shift is part of a character, and of backtab).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeySpec {
    pub name: KeyName,
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

impl KeySpec {
    pub fn new(name: KeyName, ctrl: bool, alt: bool, shift: bool) -> KeySpec {
        let name = match name {
            // "shift-g" means "G".
            KeyName::Char(c) if shift => KeyName::Char(c.to_uppercase().next().unwrap_or(c)),
            KeyName::Tab if shift => KeyName::BackTab,
            other => other,
        };
        let shift = shift && !matches!(name, KeyName::Char(_) | KeyName::BackTab);
        KeySpec {
            name,
            ctrl,
            alt,
            shift,
        }
    }

    /// Parses a key as written in a settings file.
    pub fn parse(text: &str) -> Result<KeySpec, String> {
        let (mut ctrl, mut alt, mut shift) = (false, false, false);
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (prefix, flag) = if lower.starts_with("ctrl-") {
                ("ctrl-", &mut ctrl)
            } else if lower.starts_with("alt-") {
                ("alt-", &mut alt)
            } else if lower.starts_with("shift-") {
                ("shift-", &mut shift)
            } else {
                break;
            };
            if rest.len() == prefix.len() {
                break; // "ctrl-" alone is not a key
            }
            *flag = true;
            rest = &rest[prefix.len()..];
        }
        let mut chars = rest.chars();
        let name = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => KeyName::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyName::Enter,
                "esc" | "escape" => KeyName::Esc,
                "tab" => KeyName::Tab,
                "backtab" => KeyName::BackTab,
                "space" => KeyName::Char(' '),
                "backspace" => KeyName::Backspace,
                "delete" | "del" => KeyName::Delete,
                "insert" => KeyName::Insert,
                "up" => KeyName::Up,
                "down" => KeyName::Down,
                "left" => KeyName::Left,
                "right" => KeyName::Right,
                "pageup" | "pgup" => KeyName::PageUp,
                "pagedown" | "pgdn" => KeyName::PageDown,
                "home" => KeyName::Home,
                "end" => KeyName::End,
                name => match name.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    Some(n @ 1..=12) => KeyName::F(n),
                    _ => return Err(format!("unknown key \"{}\"", text.escape_debug())),
                },
            },
        };
        Ok(KeySpec::new(name, ctrl, alt, shift))
    }
}

impl fmt::Display for KeySpec {
    /// The key as a settings file writes it (parses back to the same key).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        if self.shift {
            f.write_str("shift-")?;
        }
        match self.name {
            KeyName::Char(' ') => f.write_str("space"),
            KeyName::Char(c) => write!(f, "{c}"),
            KeyName::Enter => f.write_str("enter"),
            KeyName::Esc => f.write_str("esc"),
            KeyName::Tab => f.write_str("tab"),
            KeyName::BackTab => f.write_str("backtab"),
            KeyName::Backspace => f.write_str("backspace"),
            KeyName::Delete => f.write_str("delete"),
            KeyName::Insert => f.write_str("insert"),
            KeyName::Up => f.write_str("up"),
            KeyName::Down => f.write_str("down"),
            KeyName::Left => f.write_str("left"),
            KeyName::Right => f.write_str("right"),
            KeyName::PageUp => f.write_str("pageup"),
            KeyName::PageDown => f.write_str("pagedown"),
            KeyName::Home => f.write_str("home"),
            KeyName::End => f.write_str("end"),
            KeyName::F(n) => write!(f, "f{n}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_normalise_and_print_back() {
        let key = |t: &str| KeySpec::parse(t).unwrap();
        assert_eq!(key("shift-g"), key("G"));
        assert_eq!(key("shift-tab"), key("backtab"));
        assert_eq!(key("ctrl-d").to_string(), "ctrl-d");
        assert_eq!(key("space").to_string(), "space");
        assert_eq!(key("f5").name, KeyName::F(5));
        for text in ["hyper-x", "f13", "", "ctrl-", "\u{1b}"] {
            assert!(KeySpec::parse(text).is_err(), "{text:?}");
        }
        for text in ["j", "G", "?", "ctrl-alt-x", "shift-up", "pgdn", "-"] {
            assert_eq!(key(&key(text).to_string()), key(text), "{text}");
        }
    }
}
