//! W3C Web Annotation Data Model (JSON-LD) export: one `AnnotationCollection` whose first
//! (and only) page holds the annotations.
//!
//! Each highlight is an `Annotation` with `motivation: highlighting`; its tags are
//! `TextualBody` bodies with `purpose: tagging`, its note a `TextualBody` with
//! `purpose: commenting`; its target names the article (`source`: its web address when
//! known, else where lede read it) and the passage by a `TextQuoteSelector` and a
//! `TextPositionSelector` (code points of the article's text as lede reads it, as the model
//! counts). When the source is the web address, the local copy lede read is the target's
//! `state`, a `TimeState` whose `cached` names it. The article's title, authors, outlet
//! and date are Dublin Core terms on the target (`dcterms:title`, …; the collection's
//! context adds the `dcterms` prefix).
//! Orphaned highlights carry only the quote: their stored position no longer holds. A
//! highlight's colour (1–5) is the target's `styleClass` `lede-colour-N`, with a CSS
//! stylesheet suggesting a background (lede's own theme decides how it looks in lede).

use serde::Serialize;

use super::Item;
use super::text::clean;
use crate::store::Highlight;

pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
pub const DCTERMS: &str = "http://purl.org/dc/terms/";
/// The IRI of the collection; each annotation is this plus `/` and the highlight id.
pub const COLLECTION_ID: &str = "urn:lede:highlights";

#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: (&'static str, Prefixes),
    id: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    label: &'static str,
    total: usize,
    first: Page<'a>,
}

#[derive(Serialize)]
struct Prefixes {
    dcterms: &'static str,
}

#[derive(Serialize)]
struct Page<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Vec<Annotation<'a>>,
}

#[derive(Serialize)]
struct Annotation<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    created: &'a str,
    modified: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    body: Vec<TextualBody>,
    target: Target,
    #[serde(skip_serializing_if = "Option::is_none")]
    stylesheet: Option<Stylesheet>,
}

#[derive(Serialize)]
struct Stylesheet {
    #[serde(rename = "type")]
    kind: &'static str,
    value: String,
}

#[derive(Serialize)]
struct TextualBody {
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
    value: String,
    format: &'static str,
}

#[derive(Serialize)]
struct Target {
    source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<State>,
    selector: Vec<Selector>,
    #[serde(rename = "styleClass", skip_serializing_if = "Option::is_none")]
    style_class: Option<String>,
    #[serde(rename = "dcterms:title")]
    title: String,
    #[serde(rename = "dcterms:creator", skip_serializing_if = "Vec::is_empty")]
    creator: Vec<String>,
    #[serde(rename = "dcterms:publisher", skip_serializing_if = "Option::is_none")]
    publisher: Option<String>,
    #[serde(rename = "dcterms:date", skip_serializing_if = "Option::is_none")]
    date: Option<String>,
}

/// The copy of the source lede read (`cached`).
#[derive(Serialize)]
struct State {
    #[serde(rename = "type")]
    kind: &'static str,
    cached: String,
}

/// A passage by its words and the words either side, or by its place (Hypothesis uses the
/// same two selectors).
#[derive(Serialize)]
#[serde(tag = "type")]
pub(super) enum Selector {
    TextQuoteSelector {
        exact: String,
        prefix: String,
        suffix: String,
    },
    TextPositionSelector {
        start: usize,
        end: usize,
    },
}

impl Selector {
    /// The highlight's words with the words either side, cleaned for another program.
    pub(super) fn quote_of(h: &Highlight) -> Self {
        Selector::TextQuoteSelector {
            exact: clean(&h.quote.exact),
            prefix: clean(&h.quote.prefix),
            suffix: clean(&h.quote.suffix),
        }
    }
}

/// The class naming a highlight colour, and the background suggested for it.
pub const COLOUR_CLASS: &str = "lede-colour-";
const BACKGROUNDS: [&str; 5] = ["#fff3a3", "#c8f7c5", "#c5e3f7", "#f7c5e0", "#ffd8a8"];

fn colour_style(colour: u8) -> Option<(String, Stylesheet)> {
    let background = BACKGROUNDS.get(usize::from(colour).checked_sub(1)?)?;
    let class = format!("{COLOUR_CLASS}{colour}");
    let css = format!(".{class} {{ background-color: {background}; }}");
    Some((
        class,
        Stylesheet {
            kind: "CssStylesheet",
            value: css,
        },
    ))
}

/// The IRI of a highlight's annotation.
pub fn annotation_id(highlight_id: &str) -> String {
    format!("{COLLECTION_ID}/{highlight_id}")
}

pub fn render(items: &[Item<'_>]) -> String {
    let collection = Collection {
        context: (CONTEXT, Prefixes { dcterms: DCTERMS }),
        id: COLLECTION_ID,
        kind: "AnnotationCollection",
        label: "Highlights exported from lede",
        total: items.len(),
        first: Page {
            id: format!("{COLLECTION_ID}?page=0"),
            kind: "AnnotationPage",
            start_index: 0,
            items: items.iter().map(annotation).collect(),
        },
    };
    // Serialising plain strings and numbers cannot fail; should it, the output says so
    // rather than being silently empty.
    let mut json = serde_json::to_string_pretty(&collection)
        .unwrap_or_else(|err| format!("{{\"error\": \"{err}\"}}"));
    json.push('\n');
    json
}

fn annotation<'a>(item: &Item<'a>) -> Annotation<'a> {
    let h = item.highlight;
    let mut body: Vec<TextualBody> = h
        .tags
        .iter()
        .map(|t| TextualBody {
            kind: "TextualBody",
            purpose: "tagging",
            value: clean(t),
            format: "text/plain",
        })
        .collect();
    if let Some(note) = &h.note {
        body.push(TextualBody {
            kind: "TextualBody",
            purpose: "commenting",
            value: clean(note),
            format: "text/plain",
        });
    }
    let mut selector = vec![Selector::quote_of(h)];
    if !h.anchor.is_orphaned() {
        selector.push(Selector::TextPositionSelector {
            start: h.position.start,
            end: h.position.end,
        });
    }
    let (style_class, stylesheet) = h.colour.and_then(colour_style).unzip();
    Annotation {
        id: annotation_id(&h.id),
        kind: "Annotation",
        motivation: "highlighting",
        created: &h.created,
        modified: &h.modified,
        body,
        target: Target {
            source: item.url().unwrap_or_else(|| item.local_iri()),
            state: item.url().and(item.local()).map(|_| State {
                kind: "TimeState",
                cached: item.local_iri(),
            }),
            selector,
            style_class,
            title: item.title(),
            creator: item.authors(),
            publisher: item.outlet(),
            date: item.date(),
        },
        stylesheet,
    }
}
