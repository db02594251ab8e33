//! The reader's settings from `$XDG_CONFIG_HOME/lede/config.toml`.

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
