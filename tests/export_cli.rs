//! `lede export` through the real binary on a fixed store of seed highlights (and one of
//! articles that give their web address and authors): golden files for every format and
//! layout, the W3C model's required fields, valid and escaped Markdown, Obsidian files per
//! article, Readwise's columns, Hypothesis's shape, CSV formula neutralising, filters, and
//! refusing to overwrite without `--force`.

mod cli_support;
mod export_support;

use std::fs;
use std::path::Path;

use export_support::*;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde_json::{Value, json};

fn export(format: &str, extra: &[&str]) -> String {
    let data = temp_dir();
    fixed_store(data.path());
    let mut args = vec!["export", "--format", format];
    args.extend_from_slice(extra);
    stdout(&lede(data.path(), &args))
}

const FORMATS: [(&str, &str); 6] = [
    ("md", "highlights.md"),
    ("w3c", "highlights.jsonld"),
    ("csv", "highlights.csv"),
    ("clippings", "highlights-clippings.txt"),
    ("readwise", "highlights-readwise.csv"),
    ("hypothesis", "highlights-hypothesis.json"),
];

#[test]
fn every_format_matches_its_golden_file() {
    for (format, golden) in FORMATS {
        check_golden(golden, &export(format, &[]));
    }
}

fn web_export(format: &str, extra: &[&str]) -> String {
    let data = temp_dir();
    web_store(data.path());
    let mut args = vec!["export", "--format", format];
    args.extend_from_slice(extra);
    with_repo_as_placeholder(&stdout(&lede(data.path(), &args)))
}

#[test]
fn every_format_of_articles_with_an_address_and_authors_matches_its_golden_file() {
    for (format, golden) in FORMATS {
        check_golden(&format!("web-{golden}"), &web_export(format, &[]));
    }
}

/// The files a per-article export wrote into `dir`, by name, sorted.
fn files_in(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = fs::read_dir(dir)
        .expect("list")
        .map(|entry| {
            let path = entry.expect("entry").path();
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            (name, fs::read_to_string(&path).expect("read"))
        })
        .collect();
    files.sort();
    files
}

fn per_article(setup: fn(&Path)) -> Vec<(String, String)> {
    let data = temp_dir();
    setup(data.path());
    let out = temp_dir();
    let dir = out.path().join("vault/lede");
    let dir_arg = dir.to_string_lossy().into_owned();
    let run = lede(
        data.path(),
        &[
            "export",
            "--format",
            "md",
            "--layout",
            "per-article",
            "-o",
            &dir_arg,
        ],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(run.stdout.is_empty());
    files_in(&dir)
}

#[test]
fn the_per_article_layout_matches_its_golden_file() {
    for (setup, golden) in [
        (fixed_store as fn(&Path), "highlights-per-article.md"),
        (web_store, "web-highlights-per-article.md"),
    ] {
        let joined: String = per_article(setup)
            .into_iter()
            .map(|(name, text)| format!("===== {name}\n{text}"))
            .collect();
        check_golden(golden, &with_repo_as_placeholder(&joined));
    }
}

#[test]
fn obsidian_files_of_the_seeds_have_front_matter_and_block_ids() {
    let files = per_article(fixed_store);
    // One file per article (five, the missing one included), named from the title.
    assert_eq!(
        files.len(),
        5,
        "{:?}",
        files.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    assert!(
        files
            .iter()
            .any(|(name, _)| name == "NATO Is Getting Ready to Defend Turkey From Russia.md")
    );
    let highlights = fixed_highlights();
    for (name, text) in &files {
        assert!(name.ends_with(".md") && !name.starts_with('.'), "{name}");
        // Front matter lede itself reads back: the title, and the tags of the highlights.
        let front = lede::corpus::frontmatter::read(text).expect("front matter");
        let title = front.metadata.title.clone().expect("title");
        assert!(
            text[front.body_start..].starts_with(&format!("\n# {title}\n")),
            "{text}"
        );
        let mine: Vec<&lede::store::Highlight> = highlights
            .iter()
            .filter(|h| text.contains(&format!("\n^lede-{}\n", h.id)))
            .collect();
        assert!(!mine.is_empty(), "no block id in {name}");
        let mut tags: Vec<String> = mine.iter().flat_map(|h| h.tags.clone()).collect();
        tags.sort();
        tags.dedup();
        assert_eq!(front.metadata.tags, tags, "{name}");
        // Every passage is a quote followed by its block id.
        assert_eq!(text.matches("\n^lede-").count(), mine.len());
        assert_eq!(text.matches("[Open the passage](").count(), mine.len());
    }
    let vice = &files
        .iter()
        .find(|(name, _)| name.starts_with("NATO Is Getting"))
        .expect("the VICE article")
        .1;
    let front = lede::corpus::frontmatter::read(vice).expect("front matter");
    assert_eq!(front.metadata.source.as_deref(), Some("VICE News"));
    assert!(vice.contains("path: \"seeds/003_d488c55d3acb0cdc.txt\""));
    // Every block id is unique across the export.
    let ids: Vec<&str> = files
        .iter()
        .flat_map(|(_, text)| text.lines().filter(|l| l.starts_with("^lede-")))
        .collect();
    let unique: std::collections::HashSet<&&str> = ids.iter().collect();
    assert_eq!(
        (ids.len(), unique.len()),
        (highlights.len(), highlights.len())
    );
}

#[test]
fn obsidian_files_carry_the_address_authors_and_a_text_fragment_link() {
    let files = per_article(web_store);
    assert_eq!(
        files.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
        [
            "Ministers agree on a new fisheries deal.md",
            "Storm closes ports along the coast.md"
        ]
    );
    let (_, fisheries) = &files[0];
    let front = lede::corpus::frontmatter::read(fisheries).expect("front matter");
    assert_eq!(
        front.url.as_deref(),
        Some("https://harbourpost.example/fisheries-deal")
    );
    assert_eq!(front.metadata.byline, ["Kofi Mensah", "Lena Vogel"]);
    assert_eq!(front.metadata.source.as_deref(), Some("The Harbour Post"));
    assert_eq!(
        front.metadata.date.map(|d| d.to_string()).as_deref(),
        Some("2022-11-03")
    );
    assert!(
        fisheries
            .contains("[Open the passage](https://harbourpost.example/fisheries-deal#:~:text=")
    );
    // A note is escaped only where Markdown would misread it: one `$` pair, one `*` pair.
    assert!(fisheries.contains("Compare \\$5 and \\$10 with \\*last\\* year."));
    // The dataset record names the dataset and its line, not a file that does not exist.
    let storm = with_repo_as_placeholder(&files[1].1);
    assert!(
        storm.contains("path: \"REPO/tests/fixtures/jsonl/news.jsonl, line 1\""),
        "{storm}"
    );
    assert!(storm.contains("url: \"https://news.example/storm\""));
    assert!(storm.contains("author:\n  - \"Ana Ruiz\""));
}

#[test]
fn per_article_files_are_never_overwritten_without_force() {
    let data = temp_dir();
    fixed_store(data.path());
    let out = temp_dir();
    let dir_arg = out.path().to_string_lossy().into_owned();
    let args = [
        "export",
        "--format",
        "md",
        "--layout",
        "per-article",
        "-o",
        &dir_arg,
    ];
    assert!(lede(data.path(), &args).status.success());
    let target = out
        .path()
        .join("NATO Is Getting Ready to Defend Turkey From Russia.md");
    fs::write(&target, "my own notes").expect("write");
    let refused = lede(data.path(), &args);
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("already exists"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(fs::read_to_string(&target).expect("kept"), "my own notes");
    let mut forced = args.to_vec();
    forced.push("--force");
    assert!(lede(data.path(), &forced).status.success());
    assert!(
        fs::read_to_string(&target)
            .expect("replaced")
            .starts_with("---\n")
    );
    assert_eq!(
        files_in(out.path()).len(),
        5,
        "no temporary files left behind"
    );

    // The layout is for Markdown files: other uses are refused with a reason.
    for (bad, reason) in [
        (
            vec![
                "export",
                "--format",
                "csv",
                "--layout",
                "per-article",
                "-o",
                &dir_arg,
            ],
            "--format md",
        ),
        (
            vec!["export", "--format", "md", "--layout", "per-article"],
            "--output DIR",
        ),
    ] {
        let run = lede(data.path(), &bad);
        assert!(!run.status.success());
        assert!(stderr(&run).contains(reason), "{}", stderr(&run));
    }
}

/// The columns Readwise's CSV import documents (`Highlight` required), and `Date`.
const READWISE_COLUMNS: [&str; 7] = [
    "Highlight",
    "Title",
    "Author",
    "URL",
    "Note",
    "Location",
    "Date",
];

#[test]
fn readwise_csv_has_the_documented_columns() {
    let csv = web_export("readwise", &[]);
    let rows = read_csv(&csv);
    assert_eq!(rows[0], READWISE_COLUMNS);
    assert_eq!(rows.len(), 3);
    let cell = |row: &[String], column: &str| {
        row[READWISE_COLUMNS
            .iter()
            .position(|c| *c == column)
            .expect("column")]
        .clone()
    };
    for row in &rows[1..] {
        assert_eq!(row.len(), READWISE_COLUMNS.len());
        assert!(!cell(row, "Highlight").is_empty());
        assert!(cell(row, "Location").parse::<u64>().is_ok_and(|l| l > 0));
        let date = cell(row, "Date");
        assert!(
            date.len() == 20 && &date[10..11] == "T" && date.ends_with('Z'),
            "{date}"
        );
    }
    let fisheries = &rows[2];
    assert_eq!(cell(fisheries, "Highlight"), "cut the cod quota by a fifth");
    assert_eq!(
        cell(fisheries, "Title"),
        "Ministers agree on a new fisheries deal"
    );
    assert_eq!(cell(fisheries, "Author"), "Kofi Mensah, Lena Vogel");
    assert_eq!(
        cell(fisheries, "URL"),
        "https://harbourpost.example/fisheries-deal"
    );
    assert_eq!(
        cell(fisheries, "Note"),
        ".fish Compare $5 and $10 with *last* year."
    );
    // Quotes are doubled (RFC 4180), and formula-looking cells kept as they are.
    let seeds = read_csv(&export("readwise", &[]));
    assert!(
        seeds
            .iter()
            .any(|r| r[0] == "announcing its \"solidarity with Turkey.\"")
    );
    assert!(
        seeds
            .iter()
            .any(|r| r[4] == "=HYPERLINK(\"http://example.com\",\"click\")")
    );
    assert!(export("readwise", &[]).contains("\"announcing its \"\"solidarity with Turkey.\"\"\""));
}

#[test]
fn hypothesis_json_has_the_shape_hypothesis_imports() {
    let json: Value = serde_json::from_str(&web_export("hypothesis", &[])).expect("JSON");
    let annotations = json["annotations"].as_array().expect("annotations");
    assert_eq!(annotations.len(), 2);
    for a in annotations {
        for key in ["uri", "text", "created", "updated", "user"] {
            assert!(a[key].is_string(), "{key} in {a}");
        }
        assert!(a["tags"].is_array());
        assert!(
            a["document"]["title"]
                .as_array()
                .is_some_and(|t| t.len() == 1)
        );
        let target = &a["target"][0];
        assert_eq!(target["source"], a["uri"]);
        let selectors = target["selector"].as_array().expect("selectors");
        assert_eq!(selectors[0]["type"], "TextQuoteSelector");
        assert_eq!(selectors[1]["type"], "TextPositionSelector");
    }
    let fisheries = &annotations[1];
    assert_eq!(
        fisheries["uri"],
        "https://harbourpost.example/fisheries-deal"
    );
    assert_eq!(fisheries["text"], "Compare $5 and $10 with *last* year.");
    assert_eq!(fisheries["tags"], json!(["fish"]));
    assert_eq!(
        fisheries["document"]["dc"]["creator"],
        json!(["Kofi Mensah", "Lena Vogel"])
    );
    assert_eq!(
        fisheries["target"][0]["selector"][0]["exact"],
        "cut the cod quota by a fifth"
    );
}

#[test]
fn w3c_targets_the_web_address_and_keeps_the_local_copy() {
    let json: Value = serde_json::from_str(&web_export("w3c", &[])).expect("JSON");
    let items = json["first"]["items"].as_array().expect("items");
    let fisheries = &items[1]["target"];
    assert_eq!(
        fisheries["source"],
        "https://harbourpost.example/fisheries-deal"
    );
    assert_eq!(fisheries["state"]["type"], "TimeState");
    assert_eq!(
        fisheries["state"]["cached"],
        "file://REPO/tests/fixtures/markdown/briefing.md"
    );
    assert_eq!(
        fisheries["dcterms:creator"],
        json!(["Kofi Mensah", "Lena Vogel"])
    );
    assert_eq!(
        fisheries["dcterms:title"],
        "Ministers agree on a new fisheries deal"
    );
    let storm = &items[0]["target"];
    assert_eq!(storm["source"], "https://news.example/storm");
    assert_eq!(
        storm["state"]["cached"],
        "file://REPO/tests/fixtures/jsonl/news.jsonl#line=0,1"
    );
    // Without a web address, the source is where lede read the article.
    let seeds: Value = serde_json::from_str(&export("w3c", &[])).expect("JSON");
    assert_eq!(
        seeds["first"]["items"][0]["target"]["source"],
        "seeds/000_4c127d6cd1a64f9a.txt"
    );
    assert!(seeds["first"]["items"][0]["target"].get("state").is_none());
}

#[test]
fn clippings_name_the_author_and_write_local_time() {
    let clippings = web_export("clippings", &[]);
    assert!(
        clippings
            .contains("\r\nMinisters agree on a new fisheries deal (Kofi Mensah; Lena Vogel)\r\n")
    );
    assert!(clippings.starts_with("Storm closes ports along the coast (Ana Ruiz)\r\n"));
    assert!(!clippings.contains("The Harbour Post"));
    // 23:00 UTC on a Friday is Saturday morning in Tokyo (UTC+9).
    let data = temp_dir();
    web_store(data.path());
    let tokyo = stdout(&lede_in_zone(
        data.path(),
        &["export", "--format", "clippings"],
        "JST-9",
    ));
    assert!(
        tokyo.contains("| Added on Saturday, November 21, 2026 8:00:00 AM\r\n"),
        "{tokyo}"
    );
    assert!(
        clippings.contains("| Added on Friday, November 20, 2026 11:00:00 PM\r\n"),
        "{clippings}"
    );
}

#[test]
fn an_article_that_cannot_be_loaded_is_reported_and_exported_from_stored_text() {
    let data = temp_dir();
    fixed_store(data.path());
    let output = lede(data.path(), &["export", "--format", "md"]);
    let md = stdout(&output);
    assert!(stderr(&output).contains("seeds/999_missing.txt"));
    assert!(md.contains("## seeds/999_missing.txt"));
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
    assert_eq!(md.matches("\n^lede-").count(), highlights);
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
            "article", "title", "authors", "outlet", "date", "url", "text", "speaker", "tags",
            "note", "start", "end", "created"
        ]
    );
    assert_eq!(rows.len(), 1 + fixed_highlights().len());
    assert!(rows.iter().all(|r| r.len() == 13));
    let note_of = |id_end: &str| {
        let h = fixed_highlights()
            .into_iter()
            .find(|h| h.id.ends_with(id_end))
            .expect("highlight");
        rows.iter()
            .find(|r| r[6] == h.quote.exact)
            .map(|r| r[9].clone())
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
