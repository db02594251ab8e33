//! `theme.toml`: a colour per style name, as `name = "colour"` (the text colour) or
//! `name = { fg = "colour", bg = "colour" }`. A colour is a name (`cyan`, `darkgray`,
//! `lightred`…), `#rrggbb`, a number 0–255 of the terminal's palette, or `reset`.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;

use super::{SettingsError, line_of, toml_error};

/// The sixteen colours every terminal names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedColour {
    Black,
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    Gray,
    DarkGray,
    LightRed,
    LightGreen,
    LightYellow,
    LightBlue,
    LightMagenta,
    LightCyan,
    White,
}

const NAMES: [(&str, NamedColour); 16] = [
    ("black", NamedColour::Black),
    ("red", NamedColour::Red),
    ("green", NamedColour::Green),
    ("yellow", NamedColour::Yellow),
    ("blue", NamedColour::Blue),
    ("magenta", NamedColour::Magenta),
    ("cyan", NamedColour::Cyan),
    ("gray", NamedColour::Gray),
    ("darkgray", NamedColour::DarkGray),
    ("lightred", NamedColour::LightRed),
    ("lightgreen", NamedColour::LightGreen),
    ("lightyellow", NamedColour::LightYellow),
    ("lightblue", NamedColour::LightBlue),
    ("lightmagenta", NamedColour::LightMagenta),
    ("lightcyan", NamedColour::LightCyan),
    ("white", NamedColour::White),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    /// The terminal's own colour.
    Reset,
    Named(NamedColour),
    Indexed(u8),
    Rgb(u8, u8, u8),
}

impl Colour {
    pub fn parse(text: &str) -> Result<Colour, String> {
        let lower = text.trim().to_ascii_lowercase();
        if lower == "reset" || lower == "default" {
            return Ok(Colour::Reset);
        }
        let name = lower.replace(['_', '-', ' '], "").replace("grey", "gray");
        if let Some((_, colour)) = NAMES.iter().find(|(n, _)| *n == name) {
            return Ok(Colour::Named(*colour));
        }
        if let Some(hex) = lower.strip_prefix('#')
            && hex.len() == 6
            && hex.bytes().all(|b| b.is_ascii_hexdigit())
        {
            let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
            return Ok(Colour::Rgb(byte(0), byte(2), byte(4)));
        }
        if let Ok(index) = lower.parse::<u8>() {
            return Ok(Colour::Indexed(index));
        }
        Err(format!(
            "unknown colour \"{}\" (a name such as cyan or lightred, #rrggbb, or 0-255)",
            text.escape_debug()
        ))
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Colour::Reset => f.write_str("reset"),
            Colour::Named(named) => {
                let name = NAMES
                    .iter()
                    .find(|(_, c)| c == named)
                    .map_or("", |(n, _)| n);
                f.write_str(name)
            }
            Colour::Indexed(i) => write!(f, "{i}"),
            Colour::Rgb(r, g, b) => write!(f, "#{r:02x}{g:02x}{b:02x}"),
        }
    }
}

/// One style of a theme file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeEntry {
    pub name: String,
    pub fg: Option<Colour>,
    pub bg: Option<Colour>,
    pub line: usize,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawStyle {
    Fg(String),
    Both(Colours),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Colours {
    fg: Option<String>,
    bg: Option<String>,
}

/// Reads a theme file whose style names must be among `names`.
pub fn theme(text: &str, names: &[&str]) -> Result<Vec<ThemeEntry>, SettingsError> {
    let raw: BTreeMap<String, toml::Spanned<RawStyle>> = toml::from_str(text).map_err(|err| {
        let mut error = toml_error(text, &err);
        if error.message.contains("did not match any variant") {
            error.message =
                "expected \"colour\" or { fg = \"colour\", bg = \"colour\" }".to_string();
        }
        error
    })?;
    let mut entries = Vec::new();
    for (name, style) in raw {
        let line = line_of(text, style.span().start);
        let error = |message: String| SettingsError {
            line: Some(line),
            message,
        };
        if !names.contains(&name.as_str()) {
            return Err(error(format!(
                "unknown style \"{}\" (expected one of: {})",
                name.escape_debug(),
                names.join(", ")
            )));
        }
        let colour = |text: &Option<String>| -> Result<Option<Colour>, SettingsError> {
            text.as_deref()
                .map(Colour::parse)
                .transpose()
                .map_err(&error)
        };
        let (fg, bg) = match style.into_inner() {
            RawStyle::Fg(fg) => (colour(&Some(fg))?, None),
            RawStyle::Both(both) => (colour(&both.fg)?, colour(&both.bg)?),
        };
        entries.push(ThemeEntry { name, fg, bg, line });
    }
    entries.sort_by_key(|e| e.line);
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_and_colours_are_read_and_mistakes_named_with_their_line() {
        let names = ["key", "status"];
        let entries = theme(
            "key = \"cyan\"\nstatus = { fg = \"#c0c0c0\", bg = \"236\" }\n",
            &names,
        )
        .unwrap();
        assert_eq!(entries[0].fg, Some(Colour::Named(NamedColour::Cyan)));
        assert_eq!(entries[1].fg, Some(Colour::Rgb(192, 192, 192)));
        assert_eq!(entries[1].bg, Some(Colour::Indexed(236)));
        for (text, line, words) in [
            (
                "key = \"cyan\"\n\nstatus = \"purpleish\"\n",
                3,
                "unknown colour",
            ),
            ("key = \"cyan\"\nkye = \"red\"\n", 2, "unknown style"),
            ("key = { fg = \"red\", bold = true }\n", 1, "expected"),
            ("key = \n", 1, ""),
        ] {
            let err = theme(text, &names).unwrap_err();
            assert_eq!(err.line, Some(line), "{text:?}: {err}");
            assert!(err.message.contains(words), "{err}");
        }
        for colour in ["reset", "lightred", "#0a0b0c", "7"] {
            let parsed = Colour::parse(colour).unwrap();
            assert_eq!(Colour::parse(&parsed.to_string()).unwrap(), parsed);
        }
    }
}
