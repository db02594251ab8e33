//! `lede export` through the real binary on a fixed store of seed highlights: golden files
//! for every format, the W3C model's required fields, valid and escaped Markdown, CSV
//! formula neutralising, filters, and refusing to overwrite without `--force`.

mod export_support;

use std::fs;

use export_support::*;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde_json::Value;

fn export(format: &str, extra: &[&str]) -> String {
    let data = temp_dir();
    fixed_store(data.path());
    let mut args = vec!["export", "--format", format];
    args.extend_from_slice(extra);
    stdout(&lede(data.path(), &args))
}

#[test]
fn every_format_matches_its_golden_file() {
    for (format, golden) in [
        ("md", "highlights.md"),
        ("w3c", "highlights.jsonld"),
        ("csv", "highlights.csv"),
        ("clippings", "highlights-clippings.txt"),
    ] {
        check_golden(golden, &export(format, &[]));
    }
}

#[test]
fn an_article_that_cannot_be_loaded_is_reported_and_exported_from_stored_text() {
    let data = temp_dir();
    fixed_store(data.path());
    let output = lede(data.path(), &["export", "--format", "md"]);
    let md = stdout(&output);
    assert!(stderr(&output).contains("seeds/999_missing.txt"));
    assert!(md.contains("## seeds/999\\_missing.txt"));
    assert!(md.contains("> Turkish forces"));
    assert!(md.contains("> A sentence the editors later removed."));
}

fn types(value: &Value) -> Vec<&str> {
    match value {
        Value::String(s) => vec![s.as_str()],
        Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

#[test]
fn w3c_output_has_the_models_required_fields() {
    let json: Value = serde_json::from_str(&export("w3c", &[])).expect("valid JSON");
    // The collection: context, IRI, type, and its first page embedded.
    assert!(types(&json["@context"]).contains(&"http://www.w3.org/ns/anno.jsonld"));
    assert!(json["id"].as_str().is_some_and(|id| id.contains(':')));
    assert_eq!(types(&json["type"]), ["AnnotationCollection"]);
    let page = &json["first"];
    assert_eq!(types(&page["type"]), ["AnnotationPage"]);
    assert!(page["id"].is_string());
    let items = page["items"].as_array().expect("items");
    assert_eq!(json["total"].as_u64(), Some(items.len() as u64));
    assert_eq!(items.len(), fixed_highlights().len());

    let mut ids = std::collections::HashSet::new();
    for item in items {
        // Annotation: exactly one IRI, the type, a target; our motivation and times.
        let id = item["id"].as_str().expect("annotation id");
        assert!(id.contains(':'), "{id} is not an IRI");
        assert!(ids.insert(id.to_string()), "duplicate id {id}");
        assert_eq!(types(&item["type"]), ["Annotation"]);
        assert_eq!(item["motivation"], "highlighting");
        for time in ["created", "modified"] {
            let t = item[time].as_str().expect("time");
            assert!(
                t.len() == 20 && t.ends_with('Z') && &t[10..11] == "T",
                "{t}"
            );
        }
        // Bodies: TextualBody with a value; tags tagging, the note commenting.
        if let Some(bodies) = item.get("body") {
            for body in bodies.as_array().expect("body array") {
                assert_eq!(body["type"], "TextualBody");
                assert!(body["value"].is_string());
                assert!(
                    ["tagging", "commenting"].contains(&body["purpose"].as_str().unwrap_or(""))
                );
            }
        }
        // A colour is a styleClass, explained by a CSS stylesheet.
        if let Some(class) = item["target"].get("styleClass") {
            assert!(
                class
                    .as_str()
                    .is_some_and(|c| c.starts_with("lede-colour-"))
            );
            assert_eq!(item["stylesheet"]["type"], "CssStylesheet");
        }
        // Target: a source and a TextQuoteSelector (plus a TextPositionSelector when placed).
        let target = &item["target"];
        assert!(target["source"].as_str().is_some_and(|s| !s.is_empty()));
        let selectors = target["selector"].as_array().expect("selectors");
        let quote = selectors
            .iter()
            .find(|s| s["type"] == "TextQuoteSelector")
            .expect("quote selector");
        assert!(quote["exact"].as_str().is_some_and(|e| !e.is_empty()));
        assert!(quote["prefix"].is_string() && quote["suffix"].is_string());
        if let Some(position) = selectors
            .iter()
            .find(|s| s["type"] == "TextPositionSelector")
        {
            let (start, end) = (position["start"].as_u64(), position["end"].as_u64());
            assert!(start.is_some() && end.is_some() && start < end);
            let exact_len = quote["exact"].as_str().unwrap_or("").chars().count() as u64;
            assert_eq!(end.unwrap_or(0) - start.unwrap_or(0), exact_len);
        }
    }
    let tagged = items
        .iter()
        .find(|i| i["id"].as_str().is_some_and(|id| id.ends_with("00000001")))
        .expect("the tagged highlight");
    let bodies = tagged["body"].as_array().expect("bodies");
    let tags: Vec<&str> = bodies
        .iter()
        .filter(|b| b["purpose"] == "tagging")
        .filter_map(|b| b["value"].as_str())
        .collect();
    assert_eq!(tags, ["nato", "turkey"]);
    assert_eq!(
        bodies
            .iter()
            .filter(|b| b["purpose"] == "commenting")
            .count(),
        1
    );
}

#[test]
fn markdown_is_valid_commonmark_with_text_escaped() {
    let md = export("md", &[]);
    let highlights = fixed_highlights().len();
    let mut headings = Vec::new();
    let mut quotes = 0;
    let mut links = Vec::new();
    let mut in_heading = false;
    for event in Parser::new(&md) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                in_heading = true;
                headings.push((level as usize, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(text) if in_heading => {
                if let Some(h) = headings.last_mut() {
                    h.1.push_str(&text);
                }
            }
            Event::Start(Tag::BlockQuote(_)) => quotes += 1,
            Event::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.to_string()),
            Event::Start(Tag::Strong | Tag::CodeBlock(_) | Tag::Image { .. } | Tag::HtmlBlock)
            | Event::Code(_)
            | Event::Html(_)
            | Event::InlineHtml(_) => panic!("unexpected Markdown from the text: {event:?}"),
            _ => {}
        }
    }
    // One top heading, one per article (5 articles incl. the missing one); nothing from
    // the "# not a heading" note.
    let h2: Vec<&str> = headings
        .iter()
        .filter(|(l, _)| *l == 2)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(headings.iter().filter(|(l, _)| *l == 1).count(), 1);
    assert_eq!(h2.len(), 5, "{h2:?}");
    assert!(h2.contains(&"NATO Is Getting Ready to Defend Turkey From Russia"));
    assert_eq!(quotes, highlights);
    assert_eq!(links.len(), highlights);
    for link in &links {
        let (path, directive) = link.split_once("#:~:text=").expect("text fragment link");
        assert!(path.starts_with("seeds/"));
        assert!(!directive.contains(' ') && !directive.is_empty());
    }
    // Markdown in the note shows as its characters.
    assert!(md.contains("Compare with the \\*Reuters\\* piece."));
    assert!(md.contains("\\# not a heading"));
    assert!(md.contains("#nato #turkey"));
}

/// A minimal RFC 4180 reader for checking our output.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![vec![String::new()]];
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        let row = rows.last_mut().expect("row");
        let cell = row.last_mut().expect("cell");
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(String::new()),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                rows.push(vec![String::new()]);
            }
            (false, c) => cell.push(c),
        }
    }
    assert!(!quoted, "unterminated quoted field");
    if rows.last().is_some_and(|r| r.len() == 1 && r[0].is_empty()) {
        rows.pop();
    }
    rows
}

#[test]
fn csv_has_a_header_and_neutralises_formula_looking_cells() {
    let csv = export("csv", &[]);
    let rows = read_csv(&csv);
    assert_eq!(
        rows[0],
        [
            "article", "title", "date", "text", "speaker", "tags", "note", "start", "end",
            "created"
        ]
    );
    assert_eq!(rows.len(), 1 + fixed_highlights().len());
    assert!(rows.iter().all(|r| r.len() == 10));
    let note_of = |id_end: &str| {
        let h = fixed_highlights()
            .into_iter()
            .find(|h| h.id.ends_with(id_end))
            .expect("highlight");
        rows.iter()
            .find(|r| r[3] == h.quote.exact)
            .map(|r| r[6].clone())
            .expect("row")
    };
    assert_eq!(
        note_of("00000002"),
        "'=HYPERLINK(\"http://example.com\",\"click\")"
    );
    assert_eq!(note_of("00000005"), "'+ said in Brussels");
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
    }
}

#[test]
fn filters_select_by_tag_and_article() {
    let idlib = export("csv", &["--tag", "idlib"]);
    assert_eq!(read_csv(&idlib).len(), 1 + 2);
    let both = export("csv", &["--tag", "idlib", "--tag", "#russia"]);
    assert_eq!(read_csv(&both).len(), 1 + 1);
    let articles = export("csv", &["--article", SEED_000, "--article", SEED_003]);
    assert_eq!(read_csv(&articles).len(), 1 + 4);
    let none = export("csv", &["--tag", "nothing-has-this"]);
    assert_eq!(read_csv(&none).len(), 1);
}

#[test]
fn writing_a_file_refuses_to_overwrite_without_force() {
    let data = temp_dir();
    fixed_store(data.path());
    let out_dir = temp_dir();
    let target = out_dir.path().join("notes.md");
    let target_arg = target.to_string_lossy().into_owned();
    let first = lede(
        data.path(),
        &["export", "--format", "md", "-o", &target_arg],
    );
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        first.stdout.is_empty(),
        "nothing on stdout when writing a file"
    );
    assert!(stderr(&first).contains("exported 7 highlights from 5 articles"));
    let written = fs::read_to_string(&target).expect("written");
    assert!(written.starts_with("# Highlights"));

    fs::write(&target, "my own notes").expect("write");
    let refused = lede(
        data.path(),
        &["export", "--format", "csv", "-o", &target_arg],
    );
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("already exists"));
    assert_eq!(fs::read_to_string(&target).expect("kept"), "my own notes");

    let forced = lede(
        data.path(),
        &["export", "--format", "csv", "-o", &target_arg, "--force"],
    );
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(
        fs::read_to_string(&target)
            .expect("replaced")
            .starts_with("article,title")
    );
    let entries: Vec<_> = fs::read_dir(out_dir.path()).expect("list").collect();
    assert_eq!(entries.len(), 1, "no temporary files left behind");
}

#[test]
fn an_empty_store_exports_valid_empty_documents() {
    let data = temp_dir();
    let w3c: Value =
        serde_json::from_str(&stdout(&lede(data.path(), &["export", "--format", "w3c"])))
            .expect("JSON");
    assert_eq!(w3c["total"], 0);
    assert_eq!(
        stdout(&lede(data.path(), &["export", "--format", "md"])),
        "# Highlights\n"
    );
    assert_eq!(
        stdout(&lede(data.path(), &["export", "--format", "clippings"])),
        ""
    );
}
