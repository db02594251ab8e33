//! Styles. The colours come from `assets/theme.toml` (built in, and the documentation of
//! every style), then from the user's `theme.toml`; modifiers (bold, reversed,
//! underlined) are fixed here so that with `NO_COLOR` set, when colours are dropped,
//! every state that matters (focus, selection, marks, dimmed furniture) still shows.

use std::path::Path;

use lede::settings::{self, Colour, NamedColour};
use ratatui::style::{Color, Modifier, Style};

pub const BUILT_IN: &str = include_str!("../../assets/theme.toml");

/// Every style a theme file may set.
const NAMES: [&str; 21] = [
    "border_focused",
    "border",
    "title_focused",
    "dim",
    "date",
    "source",
    "headline",
    "quote",
    "figure",
    "cursor",
    "selection",
    "mark",
    "highlight_1",
    "highlight_2",
    "highlight_3",
    "highlight_4",
    "highlight_5",
    "status",
    "key",
    "notice",
    // Kept for older theme files' sake: the title of unfocused panes.
    "title",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Colours {
    fg: Option<Color>,
    bg: Option<Color>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    color: bool,
    styles: [Colours; NAMES.len()],
}

fn colour(colour: Colour) -> Color {
    match colour {
        Colour::Reset => Color::Reset,
        Colour::Indexed(i) => Color::Indexed(i),
        Colour::Rgb(r, g, b) => Color::Rgb(r, g, b),
        Colour::Named(named) => match named {
            NamedColour::Black => Color::Black,
            NamedColour::Red => Color::Red,
            NamedColour::Green => Color::Green,
            NamedColour::Yellow => Color::Yellow,
            NamedColour::Blue => Color::Blue,
            NamedColour::Magenta => Color::Magenta,
            NamedColour::Cyan => Color::Cyan,
            NamedColour::Gray => Color::Gray,
            NamedColour::DarkGray => Color::DarkGray,
            NamedColour::LightRed => Color::LightRed,
            NamedColour::LightGreen => Color::LightGreen,
            NamedColour::LightYellow => Color::LightYellow,
            NamedColour::LightBlue => Color::LightBlue,
            NamedColour::LightMagenta => Color::LightMagenta,
            NamedColour::LightCyan => Color::LightCyan,
            NamedColour::White => Color::White,
        },
    }
}

impl Theme {
    /// The built-in theme, in colour or not.
    pub fn colored(color: bool) -> Theme {
        let mut theme = Theme {
            color,
            styles: [Colours::default(); NAMES.len()],
        };
        // The built-in file is tested to parse; should it ever fail, plain beats a panic.
        let _ = theme.apply(BUILT_IN);
        theme
    }

    /// The built-in theme with the user's file over it, in colour unless `NO_COLOR` is
    /// set to anything non-empty (no-color.org). An invalid file is reported (with its
    /// line) and the built-in theme used.
    pub fn load(user_file: Option<&Path>) -> (Theme, Option<String>) {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let theme = Theme::colored(!no_color);
        let Some(path) = user_file else {
            return (theme, None);
        };
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return (theme, None),
            Err(err) => {
                let message = format!(
                    "cannot read {}: {err}; using the built-in theme",
                    path.display()
                );
                return (theme, Some(message));
            }
        };
        let mut user = theme;
        match user.apply(&text) {
            Ok(()) => (user, None),
            Err(err) => (
                theme,
                Some(format!(
                    "{} {err}; using the built-in theme",
                    path.display()
                )),
            ),
        }
    }

    /// Sets the styles a theme file gives, all or nothing.
    fn apply(&mut self, text: &str) -> Result<(), settings::SettingsError> {
        let entries = settings::theme(text, &NAMES)?;
        for entry in entries {
            if let Some(slot) = NAMES.iter().position(|n| *n == entry.name) {
                let style = &mut self.styles[slot];
                if let Some(fg) = entry.fg {
                    style.fg = Some(colour(fg));
                }
                if let Some(bg) = entry.bg {
                    style.bg = Some(colour(bg));
                }
            }
        }
        Ok(())
    }

    /// `style` with the colours of style `name` (none without colour).
    fn paint(self, style: Style, name: &str) -> Style {
        if !self.color {
            return style;
        }
        let Some(slot) = NAMES.iter().position(|n| *n == name) else {
            return style;
        };
        let colours = self.styles[slot];
        let style = colours.fg.map_or(style, |c| style.fg(c));
        colours.bg.map_or(style, |c| style.bg(c))
    }

    pub fn border(self, focused: bool) -> Style {
        if focused {
            self.paint(Style::new().add_modifier(Modifier::BOLD), "border_focused")
        } else {
            self.paint(Style::new(), "border")
        }
    }

    pub fn title(self, focused: bool) -> Style {
        let style = Style::new().add_modifier(Modifier::BOLD);
        if focused {
            self.paint(style, "title_focused")
        } else {
            self.paint(style, "title")
        }
    }

    /// The selected row of a focused list; unfocused lists keep a quieter marker.
    pub fn selected(self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    pub fn dim(self) -> Style {
        self.paint(Style::new().add_modifier(Modifier::DIM), "dim")
    }

    pub fn date(self) -> Style {
        self.paint(Style::new(), "date")
    }

    pub fn source(self) -> Style {
        self.paint(Style::new().add_modifier(Modifier::ITALIC), "source")
    }

    pub fn headline(self) -> Style {
        self.paint(Style::new().add_modifier(Modifier::BOLD), "headline")
    }

    /// Text with no style of its own.
    pub fn plain(self) -> Style {
        Style::new()
    }

    /// The title of an article not read yet.
    pub fn unread(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn standfirst(self) -> Style {
        Style::new().add_modifier(Modifier::ITALIC)
    }

    pub fn furniture(self) -> Style {
        self.dim().add_modifier(Modifier::ITALIC)
    }

    /// A passage the user jumped to.
    pub fn mark(self) -> Style {
        self.paint(
            Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            "mark",
        )
    }

    /// A highlight: its chosen colour (1–5), or one picked from its first tag. Always
    /// underlined, so highlights show under `NO_COLOR` too.
    pub fn highlight(self, colour: Option<u8>, tags: &[String]) -> Style {
        let index = colour.map(usize::from).unwrap_or_else(|| {
            tags.first().map_or(1, |tag| {
                1 + tag.bytes().fold(0usize, |h, b| {
                    h.wrapping_mul(31).wrapping_add(usize::from(b))
                }) % 5
            })
        });
        let name = [
            "highlight_1",
            "highlight_2",
            "highlight_3",
            "highlight_4",
            "highlight_5",
        ][index.clamp(1, 5) - 1];
        self.paint(Style::new().add_modifier(Modifier::UNDERLINED), name)
    }

    /// Quoted words, when extraction styling is on: subtle, and italic without colour.
    pub fn quote(self) -> Style {
        self.paint(Style::new().add_modifier(Modifier::ITALIC), "quote")
    }

    /// A figure, when extraction styling is on.
    pub fn figure(self) -> Style {
        self.paint(Style::new().add_modifier(Modifier::BOLD), "figure")
    }

    /// The text being selected.
    pub fn selection(self) -> Style {
        if self.color {
            self.paint(Style::new(), "selection")
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// The character under the reader's cursor.
    pub fn cursor(self) -> Style {
        self.paint(
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            "cursor",
        )
    }

    pub fn status(self) -> Style {
        if self.color {
            self.paint(Style::new(), "status")
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn key(self) -> Style {
        self.paint(Style::new().add_modifier(Modifier::BOLD), "key")
    }

    pub fn notice(self) -> Style {
        self.paint(Style::new().add_modifier(Modifier::BOLD), "notice")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_theme_parses_and_sets_every_style() {
        let entries = settings::theme(BUILT_IN, &NAMES).unwrap();
        for name in NAMES.iter().filter(|n| **n != "title") {
            assert!(entries.iter().any(|e| e.name == *name), "{name}");
        }
    }

    #[test]
    fn highlight_colours_are_visibly_different() {
        let theme = Theme::colored(true);
        let rgb = |n: u8| match theme.highlight(Some(n), &[]).bg {
            Some(Color::Rgb(r, g, b)) => (f64::from(r), f64::from(g), f64::from(b)),
            other => panic!("{other:?}"),
        };
        for a in 1..=5 {
            for b in a + 1..=5 {
                let (x, y) = (rgb(a), rgb(b));
                let distance =
                    ((x.0 - y.0).powi(2) + (x.1 - y.1).powi(2) + (x.2 - y.2).powi(2)).sqrt();
                assert!(
                    distance > 90.0,
                    "colours {a} and {b} are too close: {distance}"
                );
            }
        }
    }

    #[test]
    fn a_user_theme_overrides_single_styles_and_a_bad_one_names_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("theme.toml");
        std::fs::write(&path, "key = \"#ff0000\"\n").unwrap();
        let (theme, error) = Theme::load(Some(&path));
        assert_eq!(error, None);
        if theme.color {
            assert_eq!(theme.key().fg, Some(Color::Rgb(255, 0, 0)));
            assert_eq!(theme.notice(), Theme::colored(true).notice());
        }
        std::fs::write(&path, "key = \"cyan\"\nnotice = \"blurple\"\n").unwrap();
        let (theme, error) = Theme::load(Some(&path));
        let error = error.expect("reported");
        assert!(
            error.contains("line 2:") && error.contains("blurple"),
            "{error}"
        );
        assert_eq!(theme.key(), Theme::colored(theme.color).key());
        assert_eq!(Theme::colored(false).key().fg, None, "no colour at all");
    }
}
