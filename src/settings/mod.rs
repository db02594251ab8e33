//! Settings files: the keymap (`keymap.toml`), the theme (`theme.toml`) and the reader's
//! options (`config.toml`). Text in, validated entries out, each with the line it is on,
//! for the reader to map onto its own types. No terminal code; a file someone else wrote
//! can be given to any of these and gets an error with its line, never a panic.

mod keymap;
mod keys;
mod theme;

use std::fmt;

use serde::Deserialize;

pub use keymap::{Binding, keymap};
pub use keys::{KeyName, KeySpec};
pub use theme::{Colour, NamedColour, ThemeEntry, theme};

/// A problem in a settings file, with the line it is on when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsError {
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// The line (from 1) of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].matches('\n').count() + 1
}

/// A TOML error as a settings error, with its line. The message may quote the file, so
/// control characters in it are escaped before it reaches a terminal.
fn toml_error(text: &str, err: &toml::de::Error) -> SettingsError {
    let message: String = err
        .message()
        .trim()
        .chars()
        .flat_map(|c| {
            let shown: Vec<char> = if c.is_control() || ('\u{202A}'..='\u{2069}').contains(&c) {
                c.escape_unicode().collect()
            } else {
                vec![c]
            };
            shown
        })
        .collect();
    SettingsError {
        line: err.span().map(|s| line_of(text, s.start)),
        message,
    }
}

/// The reader's options; a setting the file does not give is `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Capture the mouse.
    pub mouse: Option<bool>,
    /// The widest the reader's text grows, in columns (0: no limit).
    pub text_width: Option<u16>,
}

/// Reads `config.toml`.
pub fn config(text: &str) -> Result<Config, SettingsError> {
    toml::from_str(text).map_err(|err| toml_error(text, &err))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_gives_what_is_set_and_names_the_line_of_a_mistake() {
        assert_eq!(
            config("mouse = false\n").unwrap(),
            Config {
                mouse: Some(false),
                text_width: None
            }
        );
        let err = config("text_width = 90\nmouse = \"no\"\n").unwrap_err();
        assert_eq!(err.line, Some(2), "{err}");
        let err = config("\n\nmose = true\n").unwrap_err();
        assert_eq!(err.line, Some(3), "{err}");
        assert!(err.message.contains("mose"), "{err}");
        assert!(config("text_width = 70000\n").is_err());
    }
}
