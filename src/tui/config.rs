//! The reader's settings from `$XDG_CONFIG_HOME/lede/config.toml`:
//!
//! ```toml
//! mouse = false     # leave the mouse to the terminal (its own selection works)
//! text_width = 100  # the widest the reader's text grows (0: the whole pane)
//! ```

use std::path::Path;

/// What the user can set; every field has a default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// Capture the mouse (click to focus and choose, wheel to scroll). Off leaves the
    /// terminal's own selection working.
    pub mouse: bool,
    /// The widest the reader's text column grows, in columns (0: the whole pane).
    pub text_width: u16,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            mouse: true,
            text_width: 80,
        }
    }
}

/// The settings in `path`, or the defaults with a message when the file cannot be used
/// (a missing file is no error).
pub fn load(path: Option<&Path>) -> (Config, Option<String>) {
    let Some(path) = path else {
        return (Config::default(), None);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return (Config::default(), None);
        }
        Err(err) => {
            let message = format!("cannot read {}: {err}; using the defaults", path.display());
            return (Config::default(), Some(message));
        }
    };
    match lede::settings::config(&text) {
        Ok(settings) => {
            let defaults = Config::default();
            let config = Config {
                mouse: settings.mouse.unwrap_or(defaults.mouse),
                text_width: settings.text_width.unwrap_or(defaults.text_width),
            };
            (config, None)
        }
        Err(err) => (
            Config::default(),
            Some(format!("{} {err}; using the defaults", path.display())),
        ),
    }
}
