//! OPML, the list format feed readers exchange: import (every outline with an `xmlUrl`,
//! at any depth) and export (OPML 2.0). Parsing and writing are the `opml` crate's; an
//! outline nesting deeper than any real list is refused first (the crate reads nested
//! outlines recursively), with quick-xml counting the depth.

use quick_xml::Reader;
use quick_xml::events::Event;

use super::address;
use super::feed_list::Feed;

/// Deepest outline nesting read.
const DEPTH_MAX: usize = 100;
/// Largest OPML file read.
pub const FILE_MAX_BYTES: u64 = 16 << 20;

/// What an OPML file holds: the feeds with web addresses, and the outlines refused
/// (with their reason, printable).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    pub feeds: Vec<Feed>,
    pub refused: Vec<String>,
}

/// Reads an OPML document.
pub fn import(text: &str) -> Result<Imported, String> {
    check_depth(text)?;
    let document = opml::OPML::from_str(text)
        .map_err(|e| format!("not an OPML file ({})", super::printable(&e.to_string())))?;
    let mut imported = Imported::default();
    let mut pending: Vec<&opml::Outline> = document.body.outlines.iter().rev().collect();
    while let Some(outline) = pending.pop() {
        pending.extend(outline.outlines.iter().rev());
        let Some(url) = &outline.xml_url else {
            continue;
        };
        match address::parse(url) {
            Ok(url) => {
                let url = url.to_string();
                if imported.feeds.iter().any(|f| f.url == url) {
                    continue;
                }
                let title = [&outline.title, &Some(outline.text.clone())]
                    .into_iter()
                    .flatten()
                    .map(|t| super::printable(t))
                    .find(|t| !t.is_empty());
                imported.feeds.push(Feed {
                    url,
                    title,
                    ..Feed::default()
                });
            }
            Err(reason) => imported
                .refused
                .push(format!("{}: {reason}", super::printable(url))),
        }
    }
    Ok(imported)
}

fn check_depth(text: &str) -> Result<(), String> {
    let mut reader = Reader::from_str(text);
    let mut depth = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Start(_)) => {
                depth += 1;
                if depth > DEPTH_MAX {
                    return Err(format!(
                        "not an OPML file lede reads (outlines nested over {DEPTH_MAX} deep)"
                    ));
                }
            }
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => {}
            Err(e) => {
                return Err(format!(
                    "not an OPML file (malformed XML: {})",
                    super::printable(&e.to_string())
                ));
            }
        }
    }
}

/// The feeds as an OPML 2.0 document.
pub fn export(feeds: &[Feed]) -> Result<String, String> {
    let mut document = opml::OPML::default();
    if let Some(head) = &mut document.head {
        head.title = Some("lede feeds".to_string());
    }
    for feed in feeds {
        let title = feed.title.clone().unwrap_or_else(|| feed.url.clone());
        document.body.outlines.push(opml::Outline {
            text: title.clone(),
            title: Some(title),
            r#type: Some("rss".to_string()),
            xml_url: Some(feed.url.clone()),
            ..opml::Outline::default()
        });
    }
    let xml = document.to_string().map_err(|e| e.to_string())?;
    Ok(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{xml}\n"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_reads_nested_outlines_and_refuses_other_schemes() {
        let text = r#"<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
            <outline text="News"><outline text="A &amp; B" xmlUrl="https://a.example/rss"/>
              <outline text="Deep"><outline title="C" text="" xmlUrl="http://c.example/atom"/></outline>
            </outline>
            <outline text="local" xmlUrl="file:///etc/passwd"/>
            <outline text="dup" xmlUrl="https://a.example/rss"/>
            <outline text="esc&#27;]0;x&#7;" xmlUrl="https://e.example/"/>
            </body></opml>"#;
        let imported = import(text).unwrap();
        let got: Vec<(&str, Option<&str>)> = imported
            .feeds
            .iter()
            .map(|f| (f.url.as_str(), f.title.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("https://a.example/rss", Some("A & B")),
                ("http://c.example/atom", Some("C")),
                ("https://e.example/", Some("esc")),
            ]
        );
        assert_eq!(imported.refused.len(), 1);
        assert!(imported.refused[0].starts_with("file:///etc/passwd: "));
    }

    #[test]
    fn export_round_trips() {
        let feeds = vec![
            Feed {
                url: "https://a.example/rss?x=1&y=2".into(),
                title: Some("A <&> \"B\"".into()),
                ..Feed::default()
            },
            Feed {
                url: "http://c.example/atom".into(),
                ..Feed::default()
            },
        ];
        let xml = export(&feeds).unwrap();
        assert!(xml.contains("<opml version=\"2.0\">"), "{xml}");
        let back = import(&xml).unwrap();
        assert_eq!(
            back.feeds,
            feeds
                .iter()
                .map(|f| Feed {
                    title: Some(f.title.clone().unwrap_or(f.url.clone())),
                    ..f.clone()
                })
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn hostile_documents_are_refused_not_crashed() {
        let deep = format!(
            "<opml version=\"2.0\"><body>{}{}</body></opml>",
            "<outline text=\"x\">".repeat(100_000),
            "</outline>".repeat(100_000)
        );
        assert!(import(&deep).unwrap_err().contains("nested"));
        assert!(import("<opml version=\"2.0\"><body><outline").is_err());
        assert!(import("<html><body>not opml</body></html>").is_err());
        assert!(import("").is_err());
        assert!(import("<opml version=\"9\"><body><outline text=\"a\"/></body></opml>").is_err());
        let laughs = "<!DOCTYPE opml [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\
                      <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\
                      <opml version=\"2.0\"><body><outline text=\"&c;\" xmlUrl=\"https://x.example/\"/></body></opml>";
        // Whatever the crate makes of custom entities, it neither expands them without
        // bound nor crashes.
        if let Ok(imported) = import(laughs) {
            assert!(
                imported
                    .feeds
                    .iter()
                    .all(|f| f.title.as_ref().is_none_or(|t| t.len() < 1000))
            );
        }
    }
}
