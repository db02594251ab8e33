//! Reading W3C Web Annotation JSON from any producer that follows the model: a single
//! annotation, an array of them, a collection with embedded pages, or a page; a target as
//! an IRI, an object or an array; selectors and bodies single or in arrays; `bodyValue`.
//! Anything lede cannot use (an annotation without a quote, a page given only by its IRI)
//! is described, never a reason to fail the whole file.

use serde_json::{Map, Value};

use super::import::Candidate;
use super::time::normalize_rfc3339;
use crate::store::{TextPositionSelector, TextQuoteSelector};

/// Nesting deeper than this (pages inside pages…) is not followed.
const MAX_DEPTH: usize = 16;

/// The annotations in `value` that lede can use, and what was left out and why.
pub fn read(value: &Value) -> (Vec<Candidate>, Vec<String>) {
    let mut reader = Reader::default();
    reader.walk(value, 0);
    (reader.candidates, reader.problems)
}

#[derive(Default)]
struct Reader {
    candidates: Vec<Candidate>,
    problems: Vec<String>,
    /// Annotations seen, for labels of those without an id.
    seen: usize,
}

impl Reader {
    fn walk(&mut self, value: &Value, depth: usize) {
        if depth > MAX_DEPTH {
            self.problems
                .push("annotations nested too deeply; the deeper ones were not read".into());
            return;
        }
        match value {
            Value::Array(values) => values.iter().for_each(|v| self.walk(v, depth + 1)),
            // JSON-LD may wrap the nodes in a graph.
            Value::Object(object) if object.contains_key("@graph") => {
                if let Some(graph) = object.get("@graph") {
                    self.walk(graph, depth + 1);
                }
            }
            Value::Object(object) if is_container(object) => self.container(object, depth),
            Value::Object(object)
                if has_type(object, "Annotation") || object.contains_key("target") =>
            {
                self.seen += 1;
                let label = label(object, self.seen);
                match annotation(object, &label) {
                    Ok(candidate) => self.candidates.push(candidate),
                    Err(reason) => self.problems.push(format!("{label}: {reason}")),
                }
            }
            _ => self.problems.push(format!(
                "not an annotation, page or collection: {}",
                preview(value)
            )),
        }
    }

    /// A collection or page: embedded `first` (and `next`) pages and `items`.
    fn container(&mut self, object: &Map<String, Value>, depth: usize) {
        for key in ["first", "next"] {
            match object.get(key) {
                Some(Value::String(iri)) => self.problems.push(format!(
                    "the page {iri} is only referenced, not included; its annotations were not read"
                )),
                Some(page @ Value::Object(_)) => self.walk(page, depth + 1),
                _ => {}
            }
        }
        if let Some(items) = object.get("items") {
            self.walk(items, depth + 1);
        }
    }
}

fn is_container(object: &Map<String, Value>) -> bool {
    has_type(object, "AnnotationCollection")
        || has_type(object, "AnnotationPage")
        || (!object.contains_key("target")
            && (object.contains_key("items") || object.contains_key("first")))
}

/// Whether `type` (or `@type`) names `name`, alone or in an array, bare or prefixed
/// (`oa:Annotation`, the full IRI).
fn has_type(object: &Map<String, Value>, name: &str) -> bool {
    let matches = |v: &Value| {
        v.as_str().is_some_and(|t| {
            t == name || t.ends_with(&format!(":{name}")) || t.ends_with(&format!("#{name}"))
        })
    };
    ["type", "@type"]
        .iter()
        .filter_map(|k| object.get(*k))
        .any(|t| match t {
            Value::Array(types) => types.iter().any(matches),
            other => matches(other),
        })
}

fn label(object: &Map<String, Value>, number: usize) -> String {
    match object
        .get("id")
        .or_else(|| object.get("@id"))
        .and_then(Value::as_str)
    {
        Some(id) => format!("annotation {}", super::text::one_line(id)),
        None => format!("annotation {number}"),
    }
}

/// The highlight id in an annotation id lede wrote (`urn:lede:highlights/ID`), if it has
/// the shape of one.
fn lede_id(object: &Map<String, Value>) -> Option<String> {
    let id = object.get("id")?.as_str()?;
    let id = id
        .strip_prefix(super::w3c::COLLECTION_ID)?
        .strip_prefix('/')?;
    let plausible = !id.is_empty()
        && id.len() <= 64
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    plausible.then(|| id.to_string())
}

fn preview(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(60) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text,
    }
}

/// A single value or an array of them, as a list.
fn many(value: Option<&Value>) -> Vec<&Value> {
    match value {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(values)) => values.iter().collect(),
        Some(one) => vec![one],
    }
}

fn string(object: &Map<String, Value>, key: &str) -> Option<String> {
    object.get(key).and_then(Value::as_str).map(str::to_string)
}

fn annotation(object: &Map<String, Value>, label: &str) -> Result<Candidate, String> {
    let Target {
        source,
        quote,
        position,
        colour,
    } = target(object)?;
    let motivations: Vec<&str> = many(object.get("motivation"))
        .into_iter()
        .filter_map(Value::as_str)
        .collect();
    let mut tags = Vec::new();
    let mut notes = Vec::new();
    if let Some(value) = object.get("bodyValue").and_then(Value::as_str) {
        notes.push(value.to_string());
    }
    for body in many(object.get("body")) {
        read_body(body, &motivations, &mut tags, &mut notes);
    }
    let notes: Vec<String> = notes
        .into_iter()
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    Ok(Candidate {
        label: label.to_string(),
        id: lede_id(object),
        source,
        title: None,
        quote,
        position,
        colour,
        tags,
        note: (!notes.is_empty()).then(|| notes.join("\n\n")),
        created: string(object, "created").and_then(|t| normalize_rfc3339(&t)),
        modified: string(object, "modified").and_then(|t| normalize_rfc3339(&t)),
    })
}

/// A body's text as a tag (purpose `tagging`, or the annotation's motivation when the
/// body has no purpose) or as part of the note. A `Choice` gives its first option.
fn read_body(body: &Value, motivations: &[&str], tags: &mut Vec<String>, notes: &mut Vec<String>) {
    let Value::Object(body) = body else {
        return; // An IRI: a body lede cannot show.
    };
    if has_type(body, "Choice") {
        if let Some(first) = many(body.get("items")).first() {
            read_body(first, motivations, tags, notes);
        }
        return;
    }
    let Some(value) = string(body, "value").or_else(|| string(body, "chars")) else {
        return;
    };
    let purposes: Vec<&str> = many(body.get("purpose"))
        .into_iter()
        .filter_map(Value::as_str)
        .collect();
    let purposes = if purposes.is_empty() {
        motivations
    } else {
        &purposes[..]
    };
    if purposes.iter().any(|p| p.ends_with("tagging")) {
        tags.push(value);
    } else {
        notes.push(value);
    }
}

/// What lede reads from a target.
struct Target {
    source: Option<String>,
    quote: TextQuoteSelector,
    position: Option<TextPositionSelector>,
    colour: Option<u8>,
}

/// The colour a `styleClass` of lede's names (`lede-colour-N`).
fn colour(target: &Map<String, Value>) -> Option<u8> {
    many(target.get("styleClass"))
        .into_iter()
        .filter_map(Value::as_str)
        .filter_map(|class| class.strip_prefix(super::w3c::COLOUR_CLASS)?.parse().ok())
        .find(|c| crate::store::COLOURS.contains(c))
}

/// The first target with a quote: its source, the quote and the position if given.
fn target(object: &Map<String, Value>) -> Result<Target, String> {
    let targets = many(object.get("target"));
    if targets.is_empty() {
        return Err("no target".into());
    }
    for target in targets {
        let Value::Object(target) = target else {
            continue;
        };
        let source = match target.get("source") {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Object(o)) => string(o, "id").or_else(|| string(o, "@id")),
            _ => None,
        };
        let mut quote = None;
        let mut position = None;
        for selector in many(target.get("selector")) {
            let Value::Object(selector) = selector else {
                continue;
            };
            if has_type(selector, "TextQuoteSelector") && quote.is_none() {
                quote = string(selector, "exact")
                    .filter(|e| !e.trim().is_empty())
                    .map(|exact| TextQuoteSelector {
                        exact,
                        prefix: string(selector, "prefix").unwrap_or_default(),
                        suffix: string(selector, "suffix").unwrap_or_default(),
                    });
            } else if has_type(selector, "TextPositionSelector") && position.is_none() {
                let number = |k: &str| {
                    selector
                        .get(k)
                        .and_then(Value::as_u64)
                        .and_then(|n| usize::try_from(n).ok())
                };
                position = match (number("start"), number("end")) {
                    (Some(start), Some(end)) if start < end => {
                        Some(TextPositionSelector { start, end })
                    }
                    _ => None,
                };
            }
        }
        if let Some(quote) = quote {
            return Ok(Target {
                source,
                quote,
                position,
                colour: colour(target),
            });
        }
    }
    Err("no TextQuoteSelector with the quoted text (lede needs the passage itself)".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const CONTEXT_IRI: &str = "http://www.w3.org/ns/anno.jsonld";

    fn quote(exact: &str) -> Value {
        json!({"type": "TextQuoteSelector", "exact": exact})
    }

    #[test]
    fn every_shape_of_the_model_is_read() {
        let single = json!({
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": "http://example.org/anno1",
            "type": "Annotation",
            "bodyValue": "a note",
            "target": {"source": "http://example.org/page", "selector": quote("one")}
        });
        let (found, problems) = read(&single);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(found[0].note.as_deref(), Some("a note"));
        assert_eq!(found[0].source.as_deref(), Some("http://example.org/page"));
        assert_eq!(found[0].label, "annotation http://example.org/anno1");

        let array = json!([
            {"type": ["Annotation"], "motivation": "tagging",
             "body": [{"type": "TextualBody", "value": "idlib"}],
             "target": [
                "http://example.org/no-selector",
                {"source": {"id": "file:///a.txt"},
                 "selector": [{"type": "RangeSelector"}, quote("two"),
                              {"type": "TextPositionSelector", "start": 5, "end": 8}]}
             ]},
            {"type": "oa:Annotation", "target": {"source": "x", "selector": quote("three")},
             "body": {"type": "Choice", "items": [
                {"type": "TextualBody", "value": "first", "purpose": "commenting"},
                {"type": "TextualBody", "value": "second"}]}}
        ]);
        let (found, problems) = read(&array);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(found[0].tags, ["idlib"]);
        assert_eq!(found[0].source.as_deref(), Some("file:///a.txt"));
        assert_eq!(
            found[0].position,
            Some(TextPositionSelector { start: 5, end: 8 })
        );
        assert_eq!(found[1].note.as_deref(), Some("first"));

        let collection = json!({
            "type": "AnnotationCollection",
            "first": {"type": "AnnotationPage", "items": [
                {"type": "Annotation", "target": {"source": "x", "selector": quote("four")}}
            ], "next": "http://example.org/page2"}
        });
        let (found, problems) = read(&collection);
        assert_eq!(found.len(), 1);
        assert_eq!(problems.len(), 1, "{problems:?}");

        let graph = json!({"@context": CONTEXT_IRI, "@graph": [
            {"type": "Annotation", "target": {"source": "x", "selector": quote("five")}}
        ]});
        assert_eq!(read(&graph).0.len(), 1);
    }

    #[test]
    fn unusable_annotations_are_described() {
        let value = json!([
            {"type": "Annotation", "target": "http://example.org/whole-page"},
            {"type": "Annotation", "target": {"source": "x", "selector": quote("  ")}},
            {"type": "Annotation"},
            {"type": "Annotation", "target": {"source": "x", "selector":
                [quote("ok"), {"type": "TextPositionSelector", "start": 9, "end": 2}]}},
            42,
            "text"
        ]);
        let (found, problems) = read(&value);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].position, None);
        assert_eq!(problems.len(), 5, "{problems:?}");
    }

    #[test]
    fn deep_nesting_stops() {
        let mut value = json!({"type": "Annotation", "target": {"selector": quote("deep")}});
        for _ in 0..40 {
            value = json!([value]);
        }
        let (found, problems) = read(&value);
        assert!(found.is_empty());
        assert_eq!(problems.len(), 1);
    }
}
