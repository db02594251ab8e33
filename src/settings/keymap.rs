//! `keymap.toml`: sections of `key = "action"` lines.

use std::collections::BTreeMap;

use super::{KeySpec, SettingsError, line_of, toml_error};

/// One line of a keymap file: in `section`, `key` does `action` (`None` for "none",
/// which unbinds the key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub section: String,
    pub key: KeySpec,
    pub action: Option<String>,
    pub line: usize,
}

type RawKeymap = BTreeMap<String, BTreeMap<String, toml::Spanned<String>>>;

/// Reads a keymap file whose sections must be among `sections`. Action names are the
/// caller's to check (with each binding's line).
pub fn keymap(text: &str, sections: &[&str]) -> Result<Vec<Binding>, SettingsError> {
    let raw: RawKeymap = toml::from_str(text).map_err(|err| toml_error(text, &err))?;
    let mut bindings = Vec::new();
    for (section, keys) in &raw {
        if !sections.contains(&section.as_str()) {
            return Err(SettingsError {
                line: keys
                    .values()
                    .next()
                    .map(|v| line_of(text, v.span().start).saturating_sub(1).max(1)),
                message: format!(
                    "unknown section [{}] (expected one of: {})",
                    section.escape_debug(),
                    sections.join(", ")
                ),
            });
        }
        for (key_text, action) in keys {
            let line = line_of(text, action.span().start);
            let key = KeySpec::parse(key_text).map_err(|message| SettingsError {
                line: Some(line),
                message,
            })?;
            let action = match action.get_ref().as_str() {
                "none" => None,
                name => Some(name.to_string()),
            };
            bindings.push(Binding {
                section: section.clone(),
                key,
                action,
                line,
            });
        }
    }
    // In file order, so that help lists keys as the file does.
    bindings.sort_by_key(|b| b.line);
    Ok(bindings)
}
