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
    /// Where it starts and how long it is (with its newline), in bytes of the reader.
    pub bytes: LineBytes,
}

/// Where a line lies in what it was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LineBytes {
    pub start: u64,
    pub len: u64,
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
pub fn read_lines(reader: impl BufRead, on_line: impl FnMut(Line)) -> std::io::Result<()> {
    read_lines_from(reader, 1, on_line)
}

/// [`read_lines`] of a part of a file that starts at a line's start: its first line is
/// line `first_number` of the file (a byte order mark is skipped only on line 1).
pub fn read_lines_from(
    mut reader: impl BufRead,
    first_number: usize,
    mut on_line: impl FnMut(Line),
) -> std::io::Result<()> {
    let mut buf = Vec::new();
    let mut number = first_number.saturating_sub(1);
    let mut start = 0;
    loop {
        buf.clear();
        let read = (&mut reader)
            .take(LINE_MAX_BYTES)
            .read_until(b'\n', &mut buf)?;
        if read == 0 {
            return Ok(());
        }
        number += 1;
        if buf.len() as u64 == LINE_MAX_BYTES && !buf.ends_with(b"\n") {
            let skipped = skip_line(&mut reader)?;
            let len = LINE_MAX_BYTES + skipped;
            on_line(Line {
                number,
                record: Err(format!("longer than {} MB", LINE_MAX_BYTES >> 20)),
                lossy: false,
                bytes: LineBytes { start, len },
            });
            start += len;
            continue;
        }
        let bytes_of_line = LineBytes {
            start,
            len: read as u64,
        };
        start += read as u64;
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
            bytes: bytes_of_line,
        });
    }
}

/// Reads up to and including the next newline, keeping nothing; returns how many bytes.
fn skip_line(reader: &mut impl BufRead) -> std::io::Result<u64> {
    let mut skipped = 0;
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            return Ok(skipped);
        }
        match memchr::memchr(b'\n', available) {
            Some(i) => {
                reader.consume(i + 1);
                return Ok(skipped + i as u64 + 1);
            }
            None => {
                let n = available.len();
                reader.consume(n);
                skipped += n as u64;
            }
        }
    }
}

/// A run of whole lines of a file, read on its own (see [`split_lines`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineRun {
    /// Its bytes.
    pub bytes: LineBytes,
    /// The number of its first line in the file.
    pub first_number: usize,
}

/// Cuts what `reader` holds into runs of whole lines of about `run_bytes` each (the
/// last one to the end), each with the number of its first line: so that the runs of
/// one big file can be read on all cores. Reads it all, counting newlines only.
pub fn split_lines(mut reader: impl Read, run_bytes: u64) -> std::io::Result<Vec<LineRun>> {
    let run_bytes = run_bytes.max(1);
    let mut runs = Vec::new();
    let mut run = LineRun {
        bytes: LineBytes::default(),
        first_number: 1,
    };
    let mut buf = vec![0; 1 << 20];
    let mut offset = 0u64;
    let mut newlines = 0;
    loop {
        let read = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(read) => read,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        for at in memchr::memchr_iter(b'\n', &buf[..read]) {
            newlines += 1;
            let end = offset + at as u64 + 1;
            if end - run.bytes.start >= run_bytes {
                run.bytes.len = end - run.bytes.start;
                runs.push(run);
                run = LineRun {
                    bytes: LineBytes { start: end, len: 0 },
                    first_number: newlines + 1,
                };
            }
        }
        offset += read as u64;
    }
    if offset > run.bytes.start || runs.is_empty() {
        run.bytes.len = offset - run.bytes.start;
        runs.push(run);
    }
    Ok(runs)
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
    fn runs_of_lines_start_where_lines_start_and_read_as_the_whole() {
        let input = b"{\"text\":\"a\"}\n\n  \nnope\n{\"text\":\"bb\"}\n{\"text\":\"c\"}";
        let mut whole = Vec::new();
        read_lines(&input[..], |line| whole.push(line)).unwrap();
        for run_bytes in 1..=input.len() as u64 + 1 {
            let runs = split_lines(&input[..], run_bytes).unwrap();
            let mut pieces = Vec::new();
            let mut next = LineRun {
                bytes: LineBytes::default(),
                first_number: 1,
            };
            for run in &runs {
                assert_eq!(run.bytes.start, next.bytes.start + next.bytes.len);
                assert!(run.bytes.start == 0 || input[run.bytes.start as usize - 1] == b'\n');
                let start = run.bytes.start as usize;
                let bytes = &input[start..start + run.bytes.len as usize];
                read_lines_from(bytes, run.first_number, |mut line| {
                    line.bytes.start += run.bytes.start;
                    pieces.push(line)
                })
                .unwrap();
                next = *run;
            }
            assert_eq!(next.bytes.start + next.bytes.len, input.len() as u64);
            assert_eq!(pieces, whole, "runs of {run_bytes} bytes: {runs:?}");
        }
        assert_eq!(whole[2].bytes, LineBytes { start: 22, len: 14 });
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
