//! Reading W3C Web Annotation JSON from any producer that follows the model: a single
//! annotation, an array of them, a collection with embedded pages, or a page; a target as
//! an IRI, an object or an array; selectors and bodies single or in arrays; `bodyValue`.
//! Anything lede cannot use (an annotation without a quote, a page given only by its IRI)
//! is described, never a reason to fail the whole file.
//!
//! Hypothesis's JSON is read by the same walk: its export (`{"annotations": [...]}`) and
//! its API's search results (`{"rows": [...]}`) are containers, and each annotation's
//! `target` is read as the model's; `text` is the note, `tags` the tags, `uri` the source
//! when the target gives none, `document.title` the title, `updated` the change time.
//! Replies (`references`) are notes on other annotations, not highlights.

use serde_json::{Map, Value};

use super::import::Candidate;
use super::time::normalize_rfc3339;
use crate::store::{TextPositionSelector, TextQuoteSelector};

/// Nesting deeper than this (pages inside pages…) is not followed.
const MAX_DEPTH: usize = 16;

/// What [`read`] found in a JSON document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Found {
    pub candidates: Vec<Candidate>,
    pub problems: Vec<String>,
    /// Whether any annotation, page, collection or Hypothesis container was seen: a
    /// document with none is not annotations at all.
    pub recognised: bool,
    /// Whether it was Hypothesis's JSON (its export or its API's rows).
    pub hypothesis: bool,
}

/// The annotations in `value` that lede can use, and what was left out and why.
pub fn read(value: &Value) -> Found {
    let mut reader = Reader::default();
    reader.walk(value, 0);
    Found {
        recognised: reader.seen > 0 || reader.containers > 0,
        hypothesis: reader.hypothesis,
        candidates: reader.candidates,
        problems: reader.problems,
    }
}

#[derive(Default)]
struct Reader {
    candidates: Vec<Candidate>,
    problems: Vec<String>,
    /// Annotations seen, for labels of those without an id.
    seen: usize,
    /// Pages, collections and Hypothesis containers seen.
    containers: usize,
    hypothesis: bool,
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
            Value::Object(object) if hypothesis_list(object).is_some() => {
                self.containers += 1;
                self.hypothesis = true;
                if let Some(list) = hypothesis_list(object) {
                    self.walk(list, depth + 1);
                }
            }
            Value::Object(object) if is_reply(object) => {
                self.seen += 1;
                let label = label(object, self.seen);
                self.problems.push(format!(
                    "{label}: a reply to another annotation, not a highlight"
                ));
            }
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
        self.containers += 1;
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

/// The annotation list of Hypothesis's JSON: `annotations` (its export) or `rows` (its
/// API's search results), in an object that is not an annotation itself.
fn hypothesis_list(object: &Map<String, Value>) -> Option<&Value> {
    if object.contains_key("target") {
        return None;
    }
    ["annotations", "rows"]
        .iter()
        .filter_map(|key| object.get(*key))
        .find(|list| list.is_array())
}

/// A Hypothesis reply: it `references` other annotations.
fn is_reply(object: &Map<String, Value>) -> bool {
    object
        .get("references")
        .and_then(Value::as_array)
        .is_some_and(|r| !r.is_empty())
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
    // Hypothesis: the page's address when the target gives none.
    let source = source.or_else(|| string(object, "uri"));
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
    // Hypothesis: the note is `text`, the tags `tags`.
    if let Some(text) = object.get("text").and_then(Value::as_str) {
        notes.push(text.to_string());
    }
    tags.extend(
        many(object.get("tags"))
            .into_iter()
            .filter_map(Value::as_str)
            .map(str::to_string),
    );
    let title = object
        .get("document")
        .and_then(|d| d.get("title"))
        .and_then(|t| many(Some(t)).into_iter().find_map(Value::as_str))
        .map(str::to_string);
    let notes: Vec<String> = notes
        .into_iter()
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    Ok(Candidate {
        label: label.to_string(),
        id: lede_id(object),
        source,
        title,
        quote,
        position,
        colour,
        tags,
        note: (!notes.is_empty()).then(|| notes.join("\n\n")),
        created: string(object, "created").and_then(|t| normalize_rfc3339(&t)),
        modified: string(object, "modified")
            .or_else(|| string(object, "updated"))
            .and_then(|t| normalize_rfc3339(&t)),
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

/// A local copy a target's `state` names in `cached` (a `file://` IRI or a bundled seed).
fn cached_copy(target: &Map<String, Value>) -> Option<String> {
    many(target.get("state"))
        .into_iter()
        .filter_map(Value::as_object)
        .flat_map(|state| many(state.get("cached")))
        .filter_map(Value::as_str)
        .find(|iri| iri.starts_with("file://") || iri.starts_with("seeds/"))
        .map(str::to_string)
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
        // lede's own export names the web address as the source and the local copy it read
        // as the state's `cached`: the copy is the article lede can open.
        let source = cached_copy(target).or(source);
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

    fn pair(value: &Value) -> (Vec<Candidate>, Vec<String>) {
        let found = read(value);
        (found.candidates, found.problems)
    }

    #[test]
    fn hypothesis_exports_and_api_rows_are_read() {
        let annotation = json!({
            "id": "abc", "uri": "https://example.org/a", "text": "my note",
            "tags": ["one", "two words"], "updated": "2026-11-20T08:20:00.000+00:00",
            "created": "2026-11-20T08:15:00.000+00:00",
            "document": {"title": ["A page"]},
            "target": [{"selector": [quote("the passage")]}]
        });
        let reply = json!({"id": "r", "references": ["abc"], "text": "yes",
            "target": [{"source": "https://example.org/a"}]});
        for document in [
            json!({"export_date": "x", "annotations": [annotation, reply]}),
            json!({"total": 2, "rows": [annotation, reply]}),
        ] {
            let found = read(&document);
            assert!(found.recognised && found.hypothesis);
            assert_eq!(found.candidates.len(), 1);
            let c = &found.candidates[0];
            assert_eq!(c.source.as_deref(), Some("https://example.org/a"));
            assert_eq!(c.note.as_deref(), Some("my note"));
            assert_eq!(c.tags, ["one", "two words"]);
            assert_eq!(c.title.as_deref(), Some("A page"));
            assert_eq!(c.modified.as_deref(), Some("2026-11-20T08:20:00Z"));
            assert_eq!(found.problems.len(), 1, "{:?}", found.problems);
            assert!(found.problems[0].contains("a reply"));
        }
        let empty = read(&json!({"annotations": []}));
        assert!(empty.recognised && empty.candidates.is_empty());
        assert!(!read(&json!({"name": "x"})).recognised);
        assert!(!read(&json!([1, 2])).recognised);
    }

    #[test]
    fn the_local_copy_in_the_state_is_the_source() {
        let ours = json!({"type": "Annotation", "target": {
            "source": "https://example.org/a",
            "state": {"type": "TimeState", "cached": "file:///news/a.md"},
            "selector": quote("x y")}});
        assert_eq!(
            pair(&ours).0[0].source.as_deref(),
            Some("file:///news/a.md")
        );
        let remote = json!({"type": "Annotation", "target": {
            "source": "https://example.org/a",
            "state": {"type": "TimeState", "cached": "https://archive.example/a"},
            "selector": quote("x y")}});
        assert_eq!(
            pair(&remote).0[0].source.as_deref(),
            Some("https://example.org/a")
        );
    }

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
        let (found, problems) = pair(&single);
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
        let (found, problems) = pair(&array);
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
        let (found, problems) = pair(&collection);
        assert_eq!(found.len(), 1);
        assert_eq!(problems.len(), 1, "{problems:?}");

        let graph = json!({"@context": CONTEXT_IRI, "@graph": [
            {"type": "Annotation", "target": {"source": "x", "selector": quote("five")}}
        ]});
        assert_eq!(pair(&graph).0.len(), 1);
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
        let (found, problems) = pair(&value);
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
        let (found, problems) = pair(&value);
        assert!(found.is_empty());
        assert_eq!(problems.len(), 1);
    }
}
