//! The JSON that Hypothesis imports (its client's "Import" tab reads an export file:
//! `{"annotations": [...]}`, each annotation as the Hypothesis API gives it).
//!
//! Each highlight is an annotation on `uri` (the article's web address when known, else
//! the local file) with `text` (the note), `tags`, one target with a `TextQuoteSelector`
//! and, when placed, a `TextPositionSelector`, `document` (the title, and the authors,
//! outlet and date as Dublin Core metadata, as the Hypothesis client gathers them from a
//! page), `created` and `updated`. Hypothesis imports only the annotations of the user it
//! is asked for; they are all by `acct:lede@localhost` ("lede").
//!
//! Hypothesis counts `TextPositionSelector` in UTF-16 code units of the page's text; lede
//! writes UTF-16 code units of the article's text as lede reads it. The page's own text
//! differs (menus, captions), so Hypothesis finds the passage by its quote.

use serde::Serialize;

use super::Item;
use super::text::clean;
use super::w3c::Selector;

/// The user every exported annotation is by.
pub const USER: &str = "acct:lede@localhost";

#[derive(Serialize)]
struct Export {
    annotations: Vec<Annotation>,
}

#[derive(Serialize)]
struct Annotation {
    id: String,
    created: String,
    updated: String,
    user: &'static str,
    user_info: UserInfo,
    uri: String,
    text: String,
    tags: Vec<String>,
    target: Vec<Target>,
    document: Document,
}

#[derive(Serialize)]
struct UserInfo {
    display_name: &'static str,
}

#[derive(Serialize)]
struct Target {
    source: String,
    selector: Vec<Selector>,
}

#[derive(Serialize)]
struct Document {
    title: Vec<String>,
    #[serde(skip_serializing_if = "DublinCore::is_empty")]
    dc: DublinCore,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    link: Vec<Link>,
}

#[derive(Serialize, Default)]
struct DublinCore {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    creator: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    publisher: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    date: Vec<String>,
}

impl DublinCore {
    fn is_empty(&self) -> bool {
        self.creator.is_empty() && self.publisher.is_empty() && self.date.is_empty()
    }
}

#[derive(Serialize)]
struct Link {
    href: String,
}

pub fn render(items: &[Item<'_>]) -> String {
    let export = Export {
        annotations: items.iter().map(annotation).collect(),
    };
    // Plain strings and numbers cannot fail to serialise; should it, the output says so.
    let mut json = serde_json::to_string_pretty(&export)
        .unwrap_or_else(|err| format!("{{\"error\": \"{err}\"}}"));
    json.push('\n');
    json
}

fn annotation(item: &Item<'_>) -> Annotation {
    let h = item.highlight;
    let uri = item.url().unwrap_or_else(|| item.local_iri());
    let mut selector = vec![Selector::quote_of(h)];
    if let Some(article) = item.article
        && let Some(range) = h.byte_range(&article.body)
    {
        let utf16 = |end: usize| article.body[..end].encode_utf16().count();
        selector.push(Selector::TextPositionSelector {
            start: utf16(range.start),
            end: utf16(range.end),
        });
    }
    Annotation {
        id: h.id.clone(),
        created: h.created.clone(),
        updated: h.modified.clone(),
        user: USER,
        user_info: UserInfo {
            display_name: "lede",
        },
        uri: uri.clone(),
        text: h.note.as_deref().map(clean).unwrap_or_default(),
        tags: h.tags.iter().map(|t| clean(t)).collect(),
        target: vec![Target {
            source: uri,
            selector,
        }],
        document: Document {
            title: vec![item.title()],
            dc: DublinCore {
                creator: item.authors(),
                publisher: item.outlet().into_iter().collect(),
                date: item.date().into_iter().collect(),
            },
            link: item.url().map(|href| Link { href }).into_iter().collect(),
        },
    }
}
