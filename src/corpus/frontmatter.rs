//! YAML front matter at the top of a Markdown file, for the fields an article uses:
//! `title`, `date`, `source`, `url`, `author`, `tags`, and the library's `feed`, `feed_url`,
//! `guid` and `fetched`. A small reader for that subset
//! (plain, quoted and block scalars; flow and block lists), not a YAML implementation:
//! other keys and anything it does not understand are ignored.

use super::dates::parse_loose;
use super::parse::Metadata;

/// Front matter read from the top of a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub metadata: Metadata,
    pub url: Option<String>,
    /// The feed a library article came from: its title and address.
    pub feed: Option<String>,
    pub feed_url: Option<String>,
    /// The feed item's id.
    pub guid: Option<String>,
    /// When the article was fetched (RFC 3339, as written).
    pub fetched: Option<String>,
    /// Where the text after the front matter starts (a byte offset).
    pub body_start: usize,
}

/// Reads front matter opening with `---` on the first line and closing with `---` or
/// `...`. `None` when the text has none (or it never closes).
pub fn read(text: &str) -> Option<FrontMatter> {
    let first_end = text.find('\n')?;
    if text[..first_end].trim_end() != "---" {
        return None;
    }
    let mut offset = first_end + 1;
    let mut lines = Vec::new();
    let mut body_start = None;
    for line in text[offset..].split_inclusive('\n') {
        offset += line.len();
        let content = line.trim_end();
        if content == "---" || content == "..." {
            body_start = Some(offset);
            break;
        }
        lines.push(line.trim_end_matches(['\n', '\r']));
    }
    let mut front = FrontMatter {
        body_start: body_start?,
        ..FrontMatter::default()
    };
    for (key, value) in entries(&lines) {
        let meta = &mut front.metadata;
        match key.to_ascii_lowercase().as_str() {
            "title" | "headline" => meta.title = value.first_text(),
            "date" | "published" | "pubdate" => {
                meta.date = value.first_text().as_deref().and_then(parse_loose)
            }
            "source" | "publisher" | "outlet" | "site" => meta.source = value.first_text(),
            "url" | "link" | "canonical" => front.url = value.first_text(),
            "feed" => front.feed = value.first_text(),
            "feed_url" => front.feed_url = value.first_text(),
            "guid" => front.guid = value.first_text(),
            "fetched" => front.fetched = value.first_text(),
            "author" | "authors" | "byline" => {
                meta.byline = value.items();
            }
            "tags" | "keywords" | "categories" => meta.tags = value.items(),
            _ => {}
        }
    }
    Some(front)
}

/// A value: one scalar, or a list of them.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Value {
    Scalar(String),
    List(Vec<String>),
}

impl Value {
    fn first_text(&self) -> Option<String> {
        let text = match self {
            Value::Scalar(s) => s.clone(),
            Value::List(items) => items.first()?.clone(),
        };
        (!text.trim().is_empty()).then_some(text)
    }

    /// A list's items; a scalar with commas (`tags: a, b`) is read as a list too.
    fn items(&self) -> Vec<String> {
        let items: Vec<String> = match self {
            Value::Scalar(s) => s.split(',').map(str::to_string).collect(),
            Value::List(items) => items.clone(),
        };
        items
            .into_iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    }
}

/// Top-level `key: value` entries. Indented lines after a key belong to it: list items
/// (`- x`) or the lines of a block scalar (`|`, `>`).
fn entries(lines: &[&str]) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        if line.starts_with([' ', '#', '-']) || line.trim().is_empty() {
            continue;
        }
        let Some((key, raw)) = line.split_once(':') else {
            continue;
        };
        let raw = raw.trim();
        let start = i;
        while i < lines.len() && (lines[i].starts_with([' ', '-']) || lines[i].trim().is_empty()) {
            i += 1;
        }
        let nested = &lines[start..i];
        let value = if raw.is_empty() {
            let items: Vec<String> = nested
                .iter()
                .filter_map(|l| l.trim_start().strip_prefix('-'))
                .map(|item| scalar(item.trim()))
                .collect();
            Value::List(items)
        } else if raw.starts_with('|') || raw.starts_with('>') {
            let joiner = if raw.starts_with('|') { "\n" } else { " " };
            let text: Vec<&str> = nested.iter().map(|l| l.trim()).collect();
            Value::Scalar(text.join(joiner).trim().to_string())
        } else if let Some(inner) = raw.strip_prefix('[') {
            let inner = inner.trim_end().strip_suffix(']').unwrap_or(inner);
            Value::List(split_flow(inner).into_iter().map(|s| scalar(&s)).collect())
        } else {
            Value::Scalar(scalar(raw))
        };
        out.push((key.trim().to_string(), value));
    }
    out
}

/// Splits a flow list's inside at commas outside quotes.
fn split_flow(inner: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut quote: Option<char> = None;
    for c in inner.chars() {
        match (quote, c) {
            (None, ',') => items.push(std::mem::take(&mut current)),
            (None, '"' | '\'') => {
                quote = Some(c);
                current.push(c);
            }
            (Some(q), c) if c == q => {
                quote = None;
                current.push(c);
            }
            _ => current.push(c),
        }
    }
    items.push(current);
    items.into_iter().map(|s| s.trim().to_string()).collect()
}

/// A scalar without its quotes; a plain scalar loses a trailing ` # comment`.
fn scalar(raw: &str) -> String {
    let raw = raw.trim();
    if let Some(inner) = raw.strip_prefix('"') {
        let inner = inner.rfind('"').map_or(inner, |end| &inner[..end]);
        return unescape_double(inner);
    }
    if let Some(inner) = raw.strip_prefix('\'') {
        let inner = inner.rfind('\'').map_or(inner, |end| &inner[..end]);
        return inner.replace("''", "'");
    }
    match raw.find(" #") {
        Some(i) => raw[..i].trim_end().to_string(),
        None => raw.to_string(),
    }
}

fn unescape_double(inner: &str) -> String {
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push(' '),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Date;

    #[test]
    fn the_article_fields() {
        let text = "---\ntitle: \"NATO meets: \\\"solidarity\\\"\"\ndate: 2020-02-28T10:00:00Z\n\
                    source: Al Jazeera # outlet\nurl: https://example.com/a\n\
                    author:\n  - Ali Bakeer\n  - Jane Roe\ntags: [nato, 'turkey', \"syria, idlib\"]\n\
                    layout: post\n---\nBody starts.\n";
        let front = read(text).unwrap();
        let meta = &front.metadata;
        assert_eq!(meta.title.as_deref(), Some("NATO meets: \"solidarity\""));
        assert_eq!(meta.date, Date::new(2020, 2, 28));
        assert_eq!(meta.source.as_deref(), Some("Al Jazeera"));
        assert_eq!(meta.byline, ["Ali Bakeer", "Jane Roe"]);
        assert_eq!(meta.tags, ["nato", "turkey", "syria, idlib"]);
        assert_eq!(front.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(&text[front.body_start..], "Body starts.\n");
    }

    #[test]
    fn the_library_fields() {
        let text = "---\ntitle: \"T\"\nfeed: \"The \\\"Daily\\\" feed\"\n\
                    feed_url: \"https://example.com/rss\"\nguid: \"tag:x,2024:1\"\n\
                    fetched: \"2024-03-01T10:00:00Z\"\n---\nBody\n";
        let front = read(text).unwrap();
        assert_eq!(front.feed.as_deref(), Some("The \"Daily\" feed"));
        assert_eq!(front.feed_url.as_deref(), Some("https://example.com/rss"));
        assert_eq!(front.guid.as_deref(), Some("tag:x,2024:1"));
        assert_eq!(front.fetched.as_deref(), Some("2024-03-01T10:00:00Z"));
    }

    #[test]
    fn block_scalars_and_block_tag_lists() {
        let text = "---\ntitle: >\n  A long\n  folded title\ntags:\n- one\n- two\n...\nBody";
        let front = read(text).unwrap();
        assert_eq!(front.metadata.title.as_deref(), Some("A long folded title"));
        assert_eq!(front.metadata.tags, ["one", "two"]);
    }

    #[test]
    fn no_front_matter() {
        assert_eq!(read("Just text.\n---\n"), None);
        assert_eq!(read("---\ntitle: never closed\n"), None);
        assert_eq!(read("---"), None);
        assert_eq!(read(""), None);
    }
}
