//! A fetched article as a library file: Markdown with YAML front matter (title, author,
//! date, source, url, feed, feed_url, guid, fetched), the headline as a `#` heading and one
//! paragraph per line pair. The text is escaped so that a CommonMark reader gives back
//! exactly the words that were saved, whatever punctuation they hold.

use std::hash::{Hash, Hasher};

use crate::corpus::{Date, sanitize};

/// An article ready to be saved. Fields may come straight from a hostile feed or page:
/// they are sanitised and put on one line when written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    pub title: String,
    pub byline: Vec<String>,
    pub date: Option<Date>,
    /// The outlet.
    pub source: Option<String>,
    pub url: Option<String>,
    /// The feed it came from: its title, and its address.
    pub feed: Option<String>,
    pub feed_url: Option<String>,
    /// The feed item's id.
    pub guid: Option<String>,
    /// When it was fetched (RFC 3339).
    pub fetched: String,
    pub paragraphs: Vec<String>,
}

/// Longest front-matter value written (a title, a name, an address).
const FIELD_MAX_CHARS: usize = 2000;

impl Entry {
    /// The file's text.
    pub fn to_markdown(&self) -> String {
        let mut out = String::from("---\n");
        field(&mut out, "title", Some(&self.title));
        let authors: Vec<String> = self.byline.iter().filter_map(|a| one_line(a)).collect();
        if !authors.is_empty() {
            out.push_str("author:\n");
            for author in authors {
                out.push_str("  - ");
                out.push_str(&quoted(&author));
                out.push('\n');
            }
        }
        if let Some(date) = self.date {
            out.push_str(&format!("date: {date}\n"));
        }
        field(&mut out, "source", self.source.as_deref());
        field(&mut out, "url", self.url.as_deref());
        field(&mut out, "feed", self.feed.as_deref());
        field(&mut out, "feed_url", self.feed_url.as_deref());
        field(&mut out, "guid", self.guid.as_deref());
        field(&mut out, "fetched", Some(&self.fetched));
        out.push_str("---\n");
        out.push_str(&self.body_markdown());
        out
    }

    /// The Markdown after the front matter: the headline, then the paragraphs.
    pub fn body_markdown(&self) -> String {
        let mut out = String::new();
        if let Some(title) = one_line(&self.title) {
            out.push_str("\n# ");
            out.push_str(&escape_line(&title, true));
            out.push('\n');
        }
        for paragraph in &self.paragraphs {
            if let Some(text) = one_line(paragraph) {
                out.push('\n');
                out.push_str(&escape_line(&text, false));
                out.push('\n');
            }
        }
        out
    }

    /// What tells the same story apart from others: the paragraphs' words (not the
    /// headline, which two feeds may word differently). Valid within one process.
    pub fn story_key(&self) -> Option<u64> {
        // As written: sanitised (what the file will hold).
        let clean: Vec<String> = self.paragraphs.iter().map(|p| sanitize(p)).collect();
        story_key(clean.iter().map(String::as_str))
    }
}

/// A hash of the words of `paragraphs`, whitespace runs counted as one; `None` when
/// there are no words.
pub fn story_key<'a>(paragraphs: impl Iterator<Item = &'a str>) -> Option<u64> {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    let mut words = 0usize;
    for paragraph in paragraphs {
        for word in paragraph.split_whitespace() {
            word.hash(&mut hasher);
            words += 1;
        }
    }
    (words > 0).then(|| hasher.finish())
}

/// The paragraphs of a library file's body as [`Entry::body_markdown`] wrote them,
/// unescaped, without the headline: what [`story_key`] is computed over when the library
/// is read back.
pub fn body_paragraphs(markdown: &str) -> impl Iterator<Item = String> + '_ {
    markdown
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("# "))
        .map(unescape)
}

fn field(out: &mut String, key: &str, value: Option<&str>) {
    if let Some(value) = value.and_then(one_line) {
        out.push_str(key);
        out.push_str(": ");
        out.push_str(&quoted(&value));
        out.push('\n');
    }
}

/// Sanitised (no control characters or escape sequences), whitespace runs made one space,
/// bounded; `None` when nothing is left. Every front-matter value is written so.
pub fn one_line(text: &str) -> Option<String> {
    let clean = sanitize(text);
    let line: String = clean
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(FIELD_MAX_CHARS)
        .collect();
    (!line.is_empty()).then_some(line)
}

/// A YAML double-quoted scalar (only `\` and `"` need escaping on a line without control
/// characters).
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if matches!(c, '\\' | '"') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// Characters escaped wherever they are: those that open or close inline markup in
/// CommonMark and its common extensions (emphasis, code, links, raw HTML, entities, math,
/// strikethrough, super/subscript, tables, heading attributes) and the escape itself.
const ALWAYS: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '&', '$', '~', '^', '|', '{', '}', '!',
];

/// A line of text as Markdown that reads back as the same text. Backslash escapes of ASCII
/// punctuation are CommonMark's own; the rest of the text is left as it is so the file
/// stays readable.
fn escape_line(text: &str, heading: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // A line opening with a block marker (heading, list, quote, rule, fence, definition)
    // has its first character escaped; an ordered-list number has its `.` or `)`.
    let first = text.chars().next();
    let marker_at = match first {
        Some('#' | '-' | '+' | '=' | ':' | '>') => Some(0),
        Some(c) if c.is_ascii_digit() => {
            let digits = text.bytes().take_while(u8::is_ascii_digit).count();
            matches!(text.as_bytes().get(digits), Some(b'.' | b')')).then_some(digits)
        }
        _ => None,
    };
    for (i, c) in text.char_indices() {
        let escape = ALWAYS.contains(&c) || Some(i) == marker_at || (heading && c == '#');
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Undoes [`escape_line`]: a backslash before ASCII punctuation goes.
fn unescape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek()
            && next.is_ascii_punctuation()
        {
            out.push(next);
            chars.next();
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Format, article_from_bytes};
    use std::path::Path;

    /// Text that is markup in CommonMark or one of its extensions if written as it is.
    const TRICKY: &[&str] = &[
        "# Not a heading",
        "- not a list",
        "+ nor this",
        "* nor this",
        "1. Not an ordered list",
        "2) nor this",
        "> not a quote",
        "---",
        "===",
        "```",
        "~~~ not a fence",
        ": not a definition",
        "A *starred* and _underlined_ and **bold** word, snake_case_name.",
        "Code `ticks` and a [link](http://example.com) and ![image](x.png) and [^1].",
        "Raw <b>HTML</b> and <http://auto.link> and &amp; &copy; &#169; entities.",
        "Math $x^2$ and ~~struck~~ and ~sub~ and ^sup^ and a | b | c table.",
        "A backslash \\ at the end \\",
        "Heading attributes {#id .class} and [[wiki link]] and trailing ##",
        "Prices: $5 and 3 < 4 > 2, 100% sure; AT&T's \"quotes\" and 'single'.",
        "Emoji 🎉 and accents: İmamoğlu, naïve café — and an ellipsis…",
    ];

    fn entry() -> Entry {
        Entry {
            title: "A *title* # with [marks] & \"quotes\" \\ ##".to_string(),
            byline: vec!["Jane \"JD\" Doe".into(), "Ali\x1b[31m Bakeer".into()],
            date: Date::new(2024, 2, 29),
            source: Some("The Daily: News".into()),
            url: Some("https://example.com/a?b=1&c=2".into()),
            feed: Some("Daily \\ feed".into()),
            feed_url: Some("https://example.com/feed.xml".into()),
            guid: Some("tag:example.com,2024:1".into()),
            fetched: "2024-03-01T10:00:00Z".into(),
            paragraphs: TRICKY.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// The text of each paragraph-level block as pulldown-cmark reads it.
    fn commonmark_blocks(markdown: &str, options: pulldown_cmark::Options) -> Vec<String> {
        use pulldown_cmark::{Event, Parser, Tag, TagEnd};
        let mut blocks = Vec::new();
        let mut current: Option<String> = None;
        for event in Parser::new_ext(markdown, options) {
            match event {
                Event::Start(Tag::Paragraph | Tag::Heading { .. }) => current = Some(String::new()),
                Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => blocks.extend(current.take()),
                Event::Text(text) | Event::Code(text) => match &mut current {
                    Some(block) => block.push_str(&text),
                    None => blocks.push(format!("OUTSIDE A PARAGRAPH: {text}")),
                },
                Event::SoftBreak | Event::HardBreak => {
                    if let Some(block) = &mut current {
                        block.push('\n')
                    }
                }
                other => blocks.push(format!("MARKUP: {other:?}")),
            }
        }
        blocks
    }

    #[test]
    fn commonmark_reads_back_the_same_words() {
        use pulldown_cmark::Options;
        let entry = entry();
        let body = entry.body_markdown();
        let mut expected = vec![one_line(&entry.title).unwrap()];
        expected.extend(TRICKY.iter().map(|s| s.to_string()));
        // Plain CommonMark, and with every extension but smart punctuation (which
        // rewrites quotes by design).
        let extended = Options::all() - Options::ENABLE_SMART_PUNCTUATION;
        for options in [Options::empty(), extended] {
            assert_eq!(commonmark_blocks(&body, options), expected, "{options:?}");
        }
    }

    #[test]
    fn lede_reads_back_the_same_article() {
        let entry = entry();
        let article = article_from_bytes(
            Path::new("a.md"),
            Format::Markdown,
            entry.to_markdown().as_bytes(),
        )
        .unwrap();
        assert_eq!(article.title, one_line(&entry.title).unwrap());
        assert_eq!(article.byline, ["Jane \"JD\" Doe", "Ali Bakeer"]);
        assert_eq!(article.date, entry.date);
        assert_eq!(article.source.as_deref(), Some("The Daily: News"));
        assert_eq!(
            article.origin.url.as_deref(),
            Some("https://example.com/a?b=1&c=2")
        );
        assert_eq!(article.origin.feed.as_deref(), Some("Daily \\ feed"));
        let paragraphs: Vec<&str> = (1..article.paragraphs.len())
            .map(|i| article.paragraph_text(i))
            .collect();
        assert_eq!(paragraphs, TRICKY);
    }

    #[test]
    fn story_key_survives_the_round_trip() {
        let entry = entry();
        let body = entry.body_markdown();
        let read_back: Vec<String> = body_paragraphs(&body).collect();
        assert_eq!(read_back, TRICKY);
        assert_eq!(
            story_key(read_back.iter().map(String::as_str)),
            entry.story_key()
        );
        let mut other = entry.clone();
        other.paragraphs.push("One more line.".into());
        assert_ne!(other.story_key(), entry.story_key());
        other.paragraphs.clear();
        assert_eq!(other.story_key(), None);
    }
}
