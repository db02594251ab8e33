//! Saved web pages: the article (headline, byline, date, body paragraphs) without the
//! navigation, scripts, styles, ads, comments and related links around it.
//!
//! Tokenising is html5gum's (a WHATWG tokenizer); the rest is one streaming pass
//! ([`walk`]) and a readability-style choice of the story's blocks ([`select`]).
//! Metadata comes, best first, from JSON-LD, `og:`/`article:` meta tags, then the page.

pub mod charset;
mod jsonld;
mod select;
mod walk;

use super::dates::parse_loose;
use super::parse::Metadata;

/// Longest byline read from the page text; longer "bylines" are author biographies.
const BYLINE_MAX_CHARS: usize = 120;
/// With less story text than this, JSON-LD's `articleBody` (when given) is used instead.
const THIN_BODY_CHARS: usize = 200;

/// The article found in a page; strings are as the page gave them (unsanitised).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    pub metadata: Metadata,
    pub url: Option<String>,
    pub paragraphs: Vec<String>,
}

impl Extracted {
    /// The headline, then the paragraphs, a blank line between each.
    pub fn text(&self) -> String {
        let mut parts: Vec<&str> = Vec::with_capacity(self.paragraphs.len() + 1);
        if let Some(title) = &self.metadata.title {
            parts.push(title);
        }
        parts.extend(self.paragraphs.iter().map(String::as_str));
        parts.join("\n\n")
    }
}

/// Reads the article out of a page.
pub fn extract(html: &str) -> Extracted {
    let page = walk::walk(html);
    let ld = page
        .json_ld
        .iter()
        .find_map(|script| jsonld::article(script))
        .unwrap_or_default();
    let meta = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| page.meta.get(*k))
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };

    let title = ld
        .headline
        .clone()
        .or_else(|| meta(&["og:title", "twitter:title"]))
        .or_else(|| page.first_h1.clone())
        .or_else(|| page.title_element.as_deref().map(strip_site_name));
    let date = ld
        .date
        .as_deref()
        .and_then(parse_loose)
        .or_else(|| {
            meta(&[
                "article:published_time",
                "og:published_time",
                "datepublished",
                "date",
                "pubdate",
                "publishdate",
                "dc.date",
                "dc.date.issued",
                "parsely-pub-date",
                "sailthru.date",
            ])
            .as_deref()
            .and_then(parse_loose)
        })
        .or_else(|| page.first_time.as_deref().and_then(parse_loose));
    let byline = if ld.authors.is_empty() {
        meta(&[
            "author",
            "article:author",
            "byl",
            "dc.creator",
            "parsely-author",
        ])
        .filter(|a| !is_address(a))
        .or_else(|| page.byline.as_deref().and_then(clean_byline))
        .map(|b| split_names(&b))
        .unwrap_or_default()
    } else {
        ld.authors
            .iter()
            .filter(|a| !is_address(a))
            .cloned()
            .collect()
    };
    let language = ld
        .language
        .clone()
        .or_else(|| page.lang.clone())
        .or_else(|| meta(&["content-language", "og:locale", "dc.language", "language"]))
        .map(|l| l.replace('_', "-"));
    let source = ld
        .publisher
        .clone()
        .or_else(|| meta(&["og:site_name", "application-name"]))
        .or_else(|| page.title_element.as_deref().and_then(site_name_in_title));
    let url = page
        .canonical
        .clone()
        .or_else(|| meta(&["og:url"]))
        .or_else(|| ld.url.clone());
    let tags = if ld.keywords.is_empty() {
        meta(&["news_keywords", "keywords", "article:tag"])
            .map(|k| k.split(',').map(|t| t.trim().to_string()).collect())
            .unwrap_or_default()
    } else {
        ld.keywords.clone()
    };

    let title_line = title.as_deref().map(one_line);
    let mut paragraphs: Vec<String> = Vec::new();
    for block in select::article_blocks(&page) {
        let text = match block.kind {
            walk::BlockKind::ListItem => format!("• {}", block.text),
            _ => block.text.clone(),
        };
        let repeats_title = title_line.as_deref() == Some(one_line(&text).as_str());
        let repeats_last = paragraphs.last() == Some(&text);
        if !repeats_title && !repeats_last {
            paragraphs.push(text);
        }
    }
    let body_chars: usize = paragraphs.iter().map(|p| p.chars().count()).sum();
    if body_chars < THIN_BODY_CHARS
        && let Some(body) = &ld.body
    {
        paragraphs = body
            .split('\n')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
    }
    if paragraphs.is_empty()
        && let Some(description) = meta(&["og:description", "description"])
    {
        paragraphs.push(description);
    }
    // Each paragraph on one line (attributes and JSON strings may hold newlines).
    let paragraphs = paragraphs
        .iter()
        .map(|p| one_line(p))
        .filter(|p| !p.is_empty())
        .collect();

    Extracted {
        metadata: Metadata {
            title,
            date,
            source,
            byline,
            language,
            tags,
        },
        url,
        paragraphs,
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_address(text: &str) -> bool {
    text.starts_with("http://") || text.starts_with("https://") || text.starts_with("www.")
}

/// "By Jane Doe and John Roe" → "Jane Doe and John Roe"; biographies are refused.
fn clean_byline(text: &str) -> Option<String> {
    let text = one_line(text);
    let text = ["By ", "by ", "BY "]
        .iter()
        .find_map(|p| text.strip_prefix(p))
        .unwrap_or(&text)
        .trim();
    (!text.is_empty() && text.chars().count() <= BYLINE_MAX_CHARS).then(|| text.to_string())
}

/// "Jane Doe and John Roe", "Jane Doe, John Roe" → the names.
fn split_names(byline: &str) -> Vec<String> {
    let mut names = vec![byline.to_string()];
    for separator in [
        " and ", " & ", ", ", " und ", " et ", " y ", " e ", " i ", " и ",
    ] {
        names = names
            .iter()
            .flat_map(|n| n.split(separator))
            .map(str::to_string)
            .collect();
    }
    names
        .into_iter()
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

fn title_parts(title: &str) -> Vec<&str> {
    let mut parts = vec![title];
    for separator in [" | ", " - ", " — ", " – ", " :: "] {
        parts = parts.into_iter().flat_map(|p| p.split(separator)).collect();
    }
    parts.into_iter().map(str::trim).collect()
}

/// "Story headline | Site" → "Story headline": the longest part around the separators.
fn strip_site_name(title: &str) -> String {
    title_parts(title)
        .into_iter()
        .max_by_key(|part| part.chars().count())
        .unwrap_or(title)
        .to_string()
}

/// "Story headline | Site" → "Site": a short last part after the headline.
fn site_name_in_title(title: &str) -> Option<String> {
    let parts = title_parts(title);
    let last = *parts.last()?;
    let headline = strip_site_name(title);
    (parts.len() > 1 && last != headline && (1..=5).contains(&last.split_whitespace().count()))
        .then(|| last.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_names_come_off_titles() {
        assert_eq!(
            strip_site_name("NATO meets after strike | World | The Daily"),
            "NATO meets after strike"
        );
        assert_eq!(strip_site_name("Plain"), "Plain");
        assert_eq!(
            site_name_in_title("Harbour plan approved – The Coastal Gazette").as_deref(),
            Some("The Coastal Gazette")
        );
        assert_eq!(site_name_in_title("Plain"), None);
    }

    #[test]
    fn bylines() {
        assert_eq!(clean_byline("By  Jane Doe"), Some("Jane Doe".into()));
        assert_eq!(clean_byline(&"word ".repeat(100)), None);
        assert_eq!(
            split_names("Jane Doe and John Roe"),
            ["Jane Doe", "John Roe"]
        );
        assert_eq!(
            split_names("Anna Weber, Luc Martin und Eva Roth"),
            ["Anna Weber", "Luc Martin", "Eva Roth"]
        );
    }
}
