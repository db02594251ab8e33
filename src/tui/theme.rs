//! Styles. With `NO_COLOR` set, colours are dropped and every state that matters (focus,
//! selection, marks, dimmed furniture) still shows through modifiers.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty (no-color.org).
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme::colored(!no_color)
    }

    pub fn colored(color: bool) -> Theme {
        Theme { color }
    }

    fn fg(self, style: Style, color: Color) -> Style {
        if self.color { style.fg(color) } else { style }
    }

    pub fn border(self, focused: bool) -> Style {
        if focused {
            self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Cyan)
        } else {
            self.fg(Style::new(), Color::DarkGray)
        }
    }

    pub fn title(self, focused: bool) -> Style {
        let style = Style::new().add_modifier(Modifier::BOLD);
        if focused {
            self.fg(style, Color::Cyan)
        } else {
            style
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
        self.fg(Style::new().add_modifier(Modifier::DIM), Color::DarkGray)
    }

    pub fn date(self) -> Style {
        self.fg(Style::new(), Color::Yellow)
    }

    pub fn source(self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::ITALIC), Color::Green)
    }

    pub fn headline(self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::White)
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
        let style = Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
        if self.color {
            style.bg(Color::Rgb(60, 60, 20))
        } else {
            style
        }
    }

    /// A highlight: its chosen colour (1–5), or one picked from its first tag. Always
    /// underlined, so highlights show under `NO_COLOR` too.
    pub fn highlight(self, colour: Option<u8>, tags: &[String]) -> Style {
        let style = Style::new().add_modifier(Modifier::UNDERLINED);
        if !self.color {
            return style;
        }
        let index = colour.map(usize::from).unwrap_or_else(|| {
            tags.first().map_or(1, |tag| {
                1 + tag.bytes().fold(0usize, |h, b| {
                    h.wrapping_mul(31).wrapping_add(usize::from(b))
                }) % 5
            })
        });
        let background = match index {
            1 => Color::Rgb(92, 78, 0),
            2 => Color::Rgb(20, 80, 40),
            3 => Color::Rgb(0, 70, 90),
            4 => Color::Rgb(85, 35, 85),
            _ => Color::Rgb(100, 35, 30),
        };
        style.bg(background).fg(Color::White)
    }

    /// Quoted words, when extraction styling is on: subtle, and italic without colour.
    pub fn quote(self) -> Style {
        self.fg(
            Style::new().add_modifier(Modifier::ITALIC),
            Color::Rgb(150, 200, 230),
        )
    }

    /// A figure, when extraction styling is on.
    pub fn figure(self) -> Style {
        self.fg(
            Style::new().add_modifier(Modifier::BOLD),
            Color::Rgb(230, 200, 120),
        )
    }

    /// The text being selected.
    pub fn selection(self) -> Style {
        if self.color {
            Style::new().bg(Color::Rgb(40, 70, 120)).fg(Color::White)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// The character under the reader's cursor.
    pub fn cursor(self) -> Style {
        let style = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
        if self.color {
            style.fg(Color::Cyan)
        } else {
            style
        }
    }

    pub fn status(self) -> Style {
        if self.color {
            Style::new().bg(Color::Rgb(30, 30, 40)).fg(Color::Gray)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn key(self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Cyan)
    }

    pub fn notice(self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Yellow)
    }
}
