//! JSON Lines datasets: one article per line, with the field names news datasets use
//! (`title`, `text`/`body`/`content`, `date`/`published`, `url`, `source`, `author`,
//! `tags`). A line that is not such an article is reported by its number and skipped.

use std::io::{BufRead, Read};

use serde_json::{Map, Value};

use super::dates::parse_loose;
use super::parse::Metadata;

/// One article read from a line; the strings are as the file gave them (unsanitised).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    pub metadata: Metadata,
    pub url: Option<String>,
    pub text: String,
}

/// A line of the file and what it held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Counting from 1.
    pub number: usize,
    pub record: Result<Record, String>,
    /// The line was not valid UTF-8 and was read with replacement characters.
    pub lossy: bool,
}

const TEXT_FIELDS: &[&str] = &[
    "text",
    "body",
    "content",
    "article",
    "maintext",
    "full_text",
    "story",
];
const TITLE_FIELDS: &[&str] = &["title", "headline", "name"];
const DATE_FIELDS: &[&str] = &[
    "date",
    "published",
    "published_at",
    "publish_date",
    "date_publish",
    "pubdate",
    "datePublished",
    "created_at",
];
const URL_FIELDS: &[&str] = &["url", "link", "canonical_url", "source_url"];
const SOURCE_FIELDS: &[&str] = &[
    "source",
    "outlet",
    "publisher",
    "source_domain",
    "domain",
    "site",
];
const AUTHOR_FIELDS: &[&str] = &["author", "authors", "byline"];
const LANGUAGE_FIELDS: &[&str] = &["language", "lang"];
const TAG_FIELDS: &[&str] = &["tags", "keywords", "categories"];

/// Longest line read; a longer one is reported and skipped without holding it in memory.
pub const LINE_MAX_BYTES: u64 = 64 << 20;

/// Reads every line of `reader`, calling `on_line` for each non-blank one. Stops only on a
/// read error (which it returns).
pub fn read_lines(mut reader: impl BufRead, mut on_line: impl FnMut(Line)) -> std::io::Result<()> {
    let mut buf = Vec::new();
    let mut number = 0;
    loop {
        buf.clear();
        if (&mut reader)
            .take(LINE_MAX_BYTES)
            .read_until(b'\n', &mut buf)?
            == 0
        {
            return Ok(());
        }
        number += 1;
        if buf.len() as u64 == LINE_MAX_BYTES && !buf.ends_with(b"\n") {
            skip_line(&mut reader)?;
            on_line(Line {
                number,
                record: Err(format!("longer than {} MB", LINE_MAX_BYTES >> 20)),
                lossy: false,
            });
            continue;
        }
        let bytes = if number == 1 {
            buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&buf)
        } else {
            &buf[..]
        };
        if bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let (text, lossy) = match std::str::from_utf8(bytes) {
            Ok(text) => (std::borrow::Cow::Borrowed(text), false),
            Err(_) => (String::from_utf8_lossy(bytes), true),
        };
        on_line(Line {
            number,
            record: parse_record(&text),
            lossy,
        });
    }
}

/// Reads up to and including the next newline, keeping nothing.
fn skip_line(reader: &mut impl BufRead) -> std::io::Result<()> {
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            return Ok(());
        }
        match available.iter().position(|&b| b == b'\n') {
            Some(i) => {
                reader.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = available.len();
                reader.consume(n);
            }
        }
    }
}

/// One line as an article, or why it is not one.
pub fn parse_record(line: &str) -> Result<Record, String> {
    let value: Value =
        serde_json::from_str(line.trim()).map_err(|err| format!("not valid JSON ({err})"))?;
    let Value::Object(object) = value else {
        return Err("not a JSON object".to_string());
    };
    let text = first_text(&object, TEXT_FIELDS, "\n\n")
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| "no article text (text, body or content)".to_string())?;
    let metadata = Metadata {
        title: first_text(&object, TITLE_FIELDS, " "),
        date: DATE_FIELDS
            .iter()
            .filter_map(|f| object.get(*f).and_then(Value::as_str))
            .find_map(parse_loose),
        source: first_text(&object, SOURCE_FIELDS, " "),
        byline: AUTHOR_FIELDS
            .iter()
            .find_map(|f| object.get(*f))
            .map(strings)
            .unwrap_or_default(),
        language: first_text(&object, LANGUAGE_FIELDS, " "),
        tags: TAG_FIELDS
            .iter()
            .find_map(|f| object.get(*f))
            .map(strings)
            .unwrap_or_default(),
    };
    Ok(Record {
        metadata,
        url: first_text(&object, URL_FIELDS, " "),
        text,
    })
}

/// The first of `fields` holding a string, or a list of strings joined by `joiner`.
fn first_text(object: &Map<String, Value>, fields: &[&str], joiner: &str) -> Option<String> {
    fields.iter().find_map(|field| {
        let parts = strings(object.get(*field)?);
        (!parts.is_empty()).then(|| parts.join(joiner))
    })
}

/// A string, an object by its `name` (`{"source": {"name": "…"}}`, as some feeds nest
/// it), or a list of either.
fn strings(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![s.clone()],
        Value::Object(o) => o
            .get("name")
            .and_then(Value::as_str)
            .map(str::to_string)
            .into_iter()
            .collect(),
        Value::Array(items) => items
            .iter()
            .filter_map(|item| match item {
                Value::String(s) => Some(s.clone()),
                Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_string),
                _ => None,
            })
            .filter(|s| !s.trim().is_empty())
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Date;

    #[test]
    fn dataset_fields() {
        let r = parse_record(
            r#"{"headline":"NATO meets","content":["One.","Two."],"published":"2020-02-28T10:00:00Z",
               "link":"https://e.x/a","source":{"name":"Al Jazeera"},"authors":["A","B"],"keywords":["nato"]}"#,
        )
        .unwrap();
        assert_eq!(r.text, "One.\n\nTwo.");
        assert_eq!(r.metadata.title.as_deref(), Some("NATO meets"));
        assert_eq!(r.metadata.date, Date::new(2020, 2, 28));
        assert_eq!(r.metadata.source.as_deref(), Some("Al Jazeera"));
        assert_eq!(r.metadata.byline, ["A", "B"]);
        assert_eq!(r.metadata.tags, ["nato"]);
        assert_eq!(r.url.as_deref(), Some("https://e.x/a"));
    }

    #[test]
    fn bad_lines_say_why() {
        let reason = |line: &str| parse_record(line).unwrap_err();
        assert!(reason("{oops").starts_with("not valid JSON"));
        assert_eq!(reason("[1, 2]"), "not a JSON object");
        assert_eq!(
            reason(r#"{"title": "no text"}"#),
            "no article text (text, body or content)"
        );
        assert_eq!(
            reason(r#"{"text": 42}"#),
            "no article text (text, body or content)"
        );
    }

    #[test]
    fn lines_are_numbered_and_blank_ones_skipped() {
        let input = b"\xEF\xBB\xBF{\"text\":\"a\"}\n\n  \nnope\n{\"text\":\"caf\xe9\"}";
        let mut lines = Vec::new();
        read_lines(&input[..], |line| lines.push(line)).unwrap();
        let numbers: Vec<(usize, bool, bool)> = lines
            .iter()
            .map(|l| (l.number, l.record.is_ok(), l.lossy))
            .collect();
        assert_eq!(
            numbers,
            [(1, true, false), (4, false, false), (5, true, true)]
        );
    }
}
