//! Reading a feed document (RSS 0.9x/1.0/2.0, Atom, JSON Feed) with feed-rs, and finding
//! the feed a web page links with `<link rel="alternate">`.

use html5gum::{Token, Tokenizer};

use super::address::WebAddress;
use crate::corpus::{Date, html};

/// A feed as lede uses it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedFeed {
    pub title: Option<String>,
    pub items: Vec<Item>,
}

/// One item, its fields as the feed gave them (unsanitised).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Item {
    pub guid: String,
    pub title: Option<String>,
    /// The item's web page, read against the feed's address; `None` when it gives none or
    /// one lede does not fetch.
    pub link: Option<WebAddress>,
    pub date: Option<Date>,
    pub authors: Vec<String>,
    /// The text the feed carries (full content, else the summary), in paragraphs.
    pub paragraphs: Vec<String>,
}

/// Most items read from one feed (the newest first, as feeds order them).
const ITEMS_MAX: usize = 1000;

/// Reads a feed document fetched from `url`. The error says why it is not a feed.
pub fn parse(bytes: &[u8], url: &WebAddress) -> Result<ParsedFeed, String> {
    let parser = feed_rs::parser::Builder::new()
        .base_uri(Some(url.as_str()))
        .build();
    let feed = match parser.parse(bytes) {
        Ok(feed) => feed,
        // Bytes that are not UTF-8 in a document that says nothing of its encoding.
        Err(first) if std::str::from_utf8(bytes).is_err() => {
            let text = String::from_utf8_lossy(bytes);
            parser
                .parse(text.as_bytes())
                .map_err(|_| describe(&first))?
        }
        Err(err) => return Err(describe(&err)),
    };
    let title = feed.title.map(|t| text_of(&t));
    let items = feed
        .entries
        .into_iter()
        .take(ITEMS_MAX)
        .map(|entry| item(entry, url))
        .collect();
    Ok(ParsedFeed { title, items })
}

fn describe(err: &feed_rs::parser::ParseFeedError) -> String {
    use feed_rs::parser::{ParseErrorKind, ParseFeedError};
    match err {
        ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot) => {
            "not a feed (no RSS, Atom or JSON Feed document)".to_string()
        }
        ParseFeedError::XmlReader(e) => format!("not a feed: malformed XML ({e})"),
        ParseFeedError::JsonSerde(e) => format!("not a feed: malformed JSON ({e})"),
        other => format!("not a feed ({other})"),
    }
}

fn item(entry: feed_rs::model::Entry, feed_url: &WebAddress) -> Item {
    let link = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| entry.links.first())
        .and_then(|l| feed_url.join(&l.href).ok());
    let date = entry.published.or(entry.updated).and_then(|when| {
        use chrono::Datelike;
        Date::new(when.year(), when.month() as u8, when.day() as u8)
    });
    let content = entry.content.as_ref().and_then(|c| {
        let body = c.body.as_deref().filter(|body| !body.trim().is_empty())?;
        Some((body, c.content_type.subty() == "plain"))
    });
    let paragraphs = match (content, &entry.summary) {
        (Some((body, true)), _) => plain_paragraphs(body),
        (Some((body, false)), _) => html_paragraphs(body),
        (None, Some(summary)) => paragraphs_of(summary),
        (None, None) => Vec::new(),
    };
    Item {
        guid: entry.id,
        title: entry.title.map(|t| text_of(&t)),
        link,
        date,
        authors: entry
            .authors
            .into_iter()
            .filter_map(|p| p.name)
            .filter(|n| !n.trim().is_empty())
            .collect(),
        paragraphs,
    }
}

fn is_html(text: &feed_rs::model::Text) -> bool {
    text.content_type.subty() == "html" || text.content_type.subty() == "xhtml+xml"
}

/// A title: its words, without markup.
fn text_of(text: &feed_rs::model::Text) -> String {
    if is_html(text) {
        html_paragraphs(&text.content).join(" ")
    } else {
        text.content.trim().to_string()
    }
}

fn paragraphs_of(text: &feed_rs::model::Text) -> Vec<String> {
    if is_html(text) {
        html_paragraphs(&text.content)
    } else {
        plain_paragraphs(&text.content)
    }
}

/// Plain text: paragraphs at blank lines.
fn plain_paragraphs(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// The paragraphs of an HTML fragment (an item's content): the article extractor's
/// blocks; for a fragment too short for it to call an article, the text between block
/// tags.
pub fn html_paragraphs(fragment: &str) -> Vec<String> {
    let page = format!("<html><body><article>{fragment}</article></body></html>");
    let extracted = html::extract(&page);
    if !extracted.paragraphs.is_empty() {
        return extracted.paragraphs;
    }
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    for token in Tokenizer::new(fragment).flatten() {
        match token {
            Token::String(text) => current.push_str(&String::from_utf8_lossy(&text)),
            Token::StartTag(tag) if is_block(&tag.name) => flush(&mut current, &mut paragraphs),
            Token::EndTag(tag) if is_block(&tag.name) => flush(&mut current, &mut paragraphs),
            Token::StartTag(tag) if tag.name.as_slice() == b"br" => current.push(' '),
            _ => {}
        }
    }
    flush(&mut current, &mut paragraphs);
    paragraphs
}

fn is_block(name: &[u8]) -> bool {
    matches!(
        name,
        b"p" | b"div"
            | b"li"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"blockquote"
            | b"pre"
            | b"tr"
            | b"figcaption"
    )
}

fn flush(current: &mut String, paragraphs: &mut Vec<String>) {
    let text = current.split_whitespace().collect::<Vec<_>>().join(" ");
    if !text.is_empty() {
        paragraphs.push(text);
    }
    current.clear();
}

/// Media types of feeds, for the Accept header and for `<link rel="alternate">`.
pub const FEED_TYPES: &[&str] = &[
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
];

/// What a request for a feed accepts.
pub const ACCEPT_FEED: &str = "application/rss+xml, application/atom+xml, application/feed+json, \
     application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, \
     text/html;q=0.5, */*;q=0.1";

/// The feeds a web page links (`<link rel="alternate" type="application/rss+xml"
/// href="…">`), read against the page's address, in page order.
pub fn linked_feeds(page: &[u8], page_url: &WebAddress) -> Vec<WebAddress> {
    let text = String::from_utf8_lossy(page);
    let mut found = Vec::new();
    for token in Tokenizer::new(text.as_ref()).flatten() {
        let tag = match token {
            Token::StartTag(tag) => tag,
            Token::EndTag(tag) if tag.name.as_slice() == b"head" => break,
            _ => continue,
        };
        if tag.name.as_slice() != b"link" {
            continue;
        }
        let attribute = |name: &str| {
            tag.attributes
                .get(name.as_bytes())
                .map(|v| String::from_utf8_lossy(v).trim().to_ascii_lowercase())
        };
        let is_alternate =
            attribute("rel").is_some_and(|rel| rel.split_whitespace().any(|r| r == "alternate"));
        let is_feed = attribute("type").is_some_and(|t| FEED_TYPES.contains(&t.as_str()));
        let href = tag
            .attributes
            .get(b"href".as_slice())
            .map(|v| String::from_utf8_lossy(v).into_owned());
        if is_alternate
            && is_feed
            && let Some(address) = href.and_then(|h| page_url.join(&h).ok())
            && !found.contains(&address)
        {
            found.push(address);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::address;

    fn base() -> WebAddress {
        address::parse("https://example.com/news/feed.xml").unwrap()
    }

    #[test]
    fn rss_atom_and_json_feed() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>Daily</title>
            <item><title>One</title><link>/a.html</link><guid>g1</guid>
            <pubDate>Fri, 01 Mar 2024 10:00:00 GMT</pubDate>
            <description>&lt;p&gt;First para.&lt;/p&gt;&lt;p&gt;Second para.&lt;/p&gt;</description>
            </item></channel></rss>"#;
        let feed = parse(rss, &base()).unwrap();
        assert_eq!(feed.title.as_deref(), Some("Daily"));
        let item = &feed.items[0];
        assert_eq!(item.guid, "g1");
        assert_eq!(item.title.as_deref(), Some("One"));
        assert_eq!(
            item.link.as_ref().unwrap().as_str(),
            "https://example.com/a.html"
        );
        assert_eq!(item.date, Date::new(2024, 3, 1));
        assert_eq!(item.paragraphs, ["First para.", "Second para."]);

        let atom = br#"<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
            <entry><id>urn:1</id><title type="html">&lt;b&gt;Bold&lt;/b&gt; title</title>
            <link href="https://example.org/x"/><updated>2024-02-29T00:00:00Z</updated>
            <author><name>Jane Roe</name></author>
            <content type="html">&lt;p&gt;Body.&lt;/p&gt;</content></entry></feed>"#;
        let item = &parse(atom, &base()).unwrap().items[0];
        assert_eq!(item.title.as_deref(), Some("Bold title"));
        assert_eq!(item.authors, ["Jane Roe"]);
        assert_eq!(item.paragraphs, ["Body."]);

        let json = br#"{"version":"https://jsonfeed.org/version/1.1","title":"J",
            "items":[{"id":"1","url":"https://example.com/j","title":"Jay",
            "content_text":"Plain text.\n\nSecond."}]}"#;
        let item = &parse(json, &base()).unwrap().items[0];
        assert_eq!(item.paragraphs, ["Plain text.", "Second."]);
    }

    #[test]
    fn not_feeds() {
        let err = parse(b"<html><body>Hello</body></html>", &base()).unwrap_err();
        assert!(err.starts_with("not a feed"), "{err}");
        assert!(parse(b"<rss version=\"2.0\"><channel><item>", &base()).is_err());
        assert!(parse(b"plain words", &base()).is_err());
        assert!(parse(b"", &base()).is_err());
        assert!(parse(b"{\"items\": 5", &base()).is_err());
    }

    #[test]
    fn hostile_documents_end_in_an_error_or_a_bounded_feed() {
        let deep = format!(
            "<rss version=\"2.0\"><channel><title>t</title><item><title>x</title>{}{}</item></channel></rss>",
            "<x>".repeat(100_000),
            "</x>".repeat(100_000)
        );
        let _ = parse(deep.as_bytes(), &base());
        let laughs = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\">\
                      <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\
                      <!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>\
                      <rss version=\"2.0\"><channel><title>&d;&d;&d;</title><item><title>&d;</title>\
                      <guid>1</guid></item></channel></rss>";
        if let Ok(feed) = parse(laughs.as_bytes(), &base()) {
            let longest = feed
                .title
                .iter()
                .chain(feed.items.iter().filter_map(|i| i.title.as_ref()));
            assert!(longest.map(String::len).max().unwrap_or(0) < 100_000);
        }
        let many = format!(
            "<rss version=\"2.0\"><channel><title>t</title>{}</channel></rss>",
            "<item><title>x</title></item>".repeat(5000)
        );
        assert_eq!(
            parse(many.as_bytes(), &base()).unwrap().items.len(),
            ITEMS_MAX
        );
        let binary: Vec<u8> = (0..10_000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(parse(&binary, &base()).is_err());
    }

    #[test]
    fn item_links_are_web_addresses_only() {
        let rss = br#"<rss version="2.0"><channel><title>t</title>
            <item><title>f</title><link>file:///etc/passwd</link><guid>1</guid></item>
            <item><title>j</title><link>javascript:alert(1)</link><guid>2</guid></item>
            </channel></rss>"#;
        let feed = parse(rss, &base()).unwrap();
        assert!(feed.items.iter().all(|i| i.link.is_none()));
    }

    #[test]
    fn feed_links_in_pages() {
        let page = br#"<html><head>
            <link rel="stylesheet" href="/s.css">
            <link rel="alternate" type="application/rss+xml" href="/rss.xml">
            <link rel="Alternate" type="application/atom+xml" href="https://example.com/atom">
            <link rel="alternate" type="application/rss+xml" href="file:///etc/passwd">
            <link rel="alternate" hreflang="de" href="/de/">
            </head><body><link rel="alternate" type="application/rss+xml" href="/late"></body></html>"#;
        let found: Vec<String> = linked_feeds(page, &base())
            .iter()
            .map(|a| a.to_string())
            .collect();
        assert_eq!(
            found,
            ["https://example.com/rss.xml", "https://example.com/atom"]
        );
    }
}
