//! JSON for output that may reach a terminal (`--format json` on stdout) or another
//! program: serde_json's output, with every character that could act on a terminal or
//! reorder displayed text written as a `\uXXXX` escape.
//!
//! serde_json escapes only U+0000..U+001F, `"` and `\`. A file name or an imported title
//! may also hold DEL, C1 controls (U+009B is CSI on many terminals), bidirectional
//! overrides and isolates (U+202E makes text display reversed) or line and paragraph
//! separators; here they are escaped too. The JSON means the same to any reader (an
//! escape decodes to the same character); only its bytes on a terminal differ. Use these
//! functions instead of `serde_json::to_writer*` for anything lede prints.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter, Serializer};

/// Writes `value` as compact JSON (one line, for JSON Lines).
pub fn to_writer<W: Write, T: Serialize + ?Sized>(writer: W, value: &T) -> serde_json::Result<()> {
    value.serialize(&mut Serializer::with_formatter(
        writer,
        Escaping(CompactFormatter),
    ))
}

/// Writes `value` as indented JSON, as `serde_json::to_writer_pretty` lays it out.
pub fn to_writer_pretty<W: Write, T: Serialize + ?Sized>(
    writer: W,
    value: &T,
) -> serde_json::Result<()> {
    value.serialize(&mut Serializer::with_formatter(
        writer,
        Escaping(PrettyFormatter::new()),
    ))
}

/// The serializer [`to_writer_pretty`] writes with, for output made a piece at a time:
/// an array whose items are serialized one by one (`serialize_seq(None)`) is laid out as
/// the same items in a `Vec` would be, without the items being held together.
pub fn pretty_serializer<W: Write>(writer: W) -> Serializer<W, impl Formatter> {
    Serializer::with_formatter(writer, Escaping(PrettyFormatter::new()))
}

/// [`to_writer_pretty`] into a new buffer.
pub fn to_vec_pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<Vec<u8>> {
    let mut out = Vec::new();
    to_writer_pretty(&mut out, value)?;
    Ok(out)
}

/// [`to_writer`] into a new string.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::new();
    to_writer(&mut out, value)?;
    // serde_json writes UTF-8, and the escapes added here are ASCII.
    String::from_utf8(out).map_err(|err| serde_json::Error::io(io::Error::other(err)))
}

/// Whether `c` is written escaped (beyond what serde_json escapes itself): what could act
/// on a terminal, and the line and paragraph separators.
fn escaped(c: char) -> bool {
    crate::corpus::acts_on_terminal(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// A formatter that lays JSON out as `F` does and escapes the characters [`escaped`] names.
struct Escaping<F>(F);

impl<F: Formatter> Formatter for Escaping<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Every character escaped here starts with one of these bytes in UTF-8.
        let bytes = fragment.as_bytes();
        let suspect = memchr::memchr3(0x7F, 0xC2, 0xE2, bytes).is_some()
            || memchr::memchr(0xD8, bytes).is_some();
        if !suspect {
            return writer.write_all(bytes);
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if escaped(c) {
                writer.write_all(&bytes[start..i])?;
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&bytes[start..])
    }

    // The layout is `F`'s.
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }
    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }
    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }
    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }
    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }
    fn end_object_key<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_key(writer)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn terminal_controls_are_escaped_and_decode_to_the_same_text() {
        let hostile = "a\u{9b}31m\u{202e}b\u{7f}c\u{2066}d\u{2028}e\u{1b}f\u{85}g\u{61c}h";
        let value = json!({"path": hostile, "list": [hostile, 1, null]});
        for text in [
            to_string(&value).unwrap(),
            String::from_utf8(to_vec_pretty(&value).unwrap()).unwrap(),
        ] {
            assert!(!text.chars().any(|c| escaped(c) && c != '\n'), "{text:?}");
            assert!(
                text.contains("\\u009b") && text.contains("\\u202e"),
                "{text}"
            );
            let back: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(back, value);
        }
    }

    #[test]
    fn clean_values_are_written_as_serde_json_writes_them() {
        let value = json!({"title": "Erdoğan said “no” — 日本 😀", "n": [1, 2.5, {"a": []}],
                           "empty": {}, "quote": "\"x\"\n\\"});
        assert_eq!(
            to_string(&value).unwrap(),
            serde_json::to_string(&value).unwrap()
        );
        assert_eq!(
            to_vec_pretty(&value).unwrap(),
            serde_json::to_vec_pretty(&value).unwrap()
        );
    }
}
