//! `lede import` through the real binary: the W3C round trip, other producers' shapes,
//! Kindle clippings (ours and a Kindle's), duplicates and merges, dry runs, and hostile
//! files that must neither panic nor touch the store.

mod cli_support;
mod export_support;

use std::fs;
use std::path::Path;

use export_support::*;
use lede::export::clippings::{self, Kind};
use serde_json::{Value, json};

fn import(data: &Path, file: &Path, extra: &[&str]) -> std::process::Output {
    let file = file.to_string_lossy().into_owned();
    let mut args = vec!["import", file.as_str()];
    args.extend_from_slice(extra);
    lede(data, &args)
}

fn annotations(w3c: &str) -> Vec<Value> {
    let json: Value = serde_json::from_str(w3c).expect("JSON");
    json["first"]["items"].as_array().expect("items").clone()
}

/// An annotation without what may differ after a round trip (ids and times).
fn without_ids_and_times(mut annotation: Value) -> Value {
    if let Some(object) = annotation.as_object_mut() {
        for key in ["id", "created", "modified"] {
            object.remove(key);
        }
    }
    annotation
}

fn list(data: &Path) -> Vec<Value> {
    let out = stdout(&lede(data, &["highlight", "list", "--format", "json"]));
    serde_json::from_str::<Vec<Value>>(&out).expect("JSON list")
}

#[test]
fn w3c_round_trip_gives_the_same_annotations() {
    let data = temp_dir();
    // Every fixed highlight whose article can be loaded (the one that cannot is placed by
    // its quote on import: see the next test).
    let (mut store, _) = lede::store::Store::open(data.path()).expect("store");
    for h in fixed_highlights()
        .into_iter()
        .filter(|h| h.article.starts_with("seeds/0"))
    {
        store.add_highlight(h).expect("add");
    }
    let first = stdout(&lede(data.path(), &["export", "--format", "w3c"]));
    let files = temp_dir();
    let file = files.path().join("highlights.jsonld");
    fs::write(&file, &first).expect("write");

    let empty = temp_dir();
    let summary = stdout(&import(empty.path(), &file, &[]));
    assert_eq!(summary.trim(), "5 added, 0 merged, 0 skipped, 1 orphaned");
    let second = stdout(&lede(empty.path(), &["export", "--format", "w3c"]));

    let strip = |text: &str| -> Vec<Value> {
        annotations(text)
            .into_iter()
            .map(without_ids_and_times)
            .collect()
    };
    assert_eq!(strip(&first), strip(&second));
    // lede's own ids and times come back too, though the test does not require it.
    assert_eq!(first, second);

    let nato = list(empty.path())
        .into_iter()
        .find(|h| h["id"] == "0000000000a-00000001")
        .expect("the tagged highlight");
    assert_eq!(nato["colour"], 2);

    // Importing again adds nothing.
    let again = stdout(&import(empty.path(), &file, &[]));
    assert_eq!(again.trim(), "0 added, 0 merged, 6 skipped, 0 orphaned");
}

#[test]
fn a_source_that_cannot_be_loaded_is_placed_by_its_quote() {
    let w3c = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "id": "urn:lede:highlights/0000000000a-00000007",
        "target": {"source": "seeds/999_missing.txt", "selector": [
            {"type": "TextQuoteSelector", "exact": "Turkish forces stationed there"}
        ]}
    });
    let files = temp_dir();
    let file = files.path().join("one.json");
    fs::write(&file, w3c.to_string()).expect("write");
    let data = temp_dir();
    let output = import(data.path(), &file, &[]);
    assert_eq!(
        stdout(&output).trim(),
        "1 added, 0 merged, 0 skipped, 0 orphaned"
    );
    assert!(stderr(&output).contains("999_missing.txt"));
    let listed = list(data.path());
    assert_eq!(listed[0]["article"], SEED_002);
    assert_eq!(listed[0]["id"], "0000000000a-00000007");
}

/// Annotations as other tools write them: Hypothesis-like (target array, RangeSelector,
/// tags with spaces, Markdown body, fractional time with an offset), `bodyValue`, a local
/// file named by a `file://` URI (not read: found by its quote in the seed it copies), a
/// quote found nowhere, a duplicate and a merge.
#[test]
fn imports_annotations_from_other_producers() {
    let files = temp_dir();
    let article = files.path().join("saved article.txt");
    fs::write(
        &article,
        fs::read_to_string(repo().join(SEED_003)).expect("seed text"),
    )
    .expect("write article");
    let article_iri = format!("file://{}", article.to_string_lossy().replace(' ', "%20"));
    let hypothesis = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "id": "https://hypothes.is/a/AbC123",
        "created": "2021-03-04T05:06:07.123456+01:00",
        "modified": "2021-03-05T00:00:00.000000+00:00",
        "body": [
            {"type": "TextualBody", "value": "Key **claim**", "format": "text/markdown"},
            {"type": "TextualBody", "purpose": "tagging", "value": "syria war"}
        ],
        "target": [{
            "source": "https://www.example.com/news/2020/2/28/nato",
            "selector": [
                {"type": "RangeSelector", "startSelector": {"type": "XPathSelector", "value": "/p[3]"}},
                {"type": "TextPositionSelector", "start": 12, "end": 40},
                {"type": "TextQuoteSelector", "exact": "Turkey would have certainly expected more from the meeting.",
                 "prefix": "follow developments.\"\n\n", "suffix": "\n\n“NATO"}
            ]
        }]
    });
    let shapes = json!([
        hypothesis,
        {"type": "Annotation", "bodyValue": "saved copy",
         "target": {"source": article_iri, "selector": {"type": "TextQuoteSelector",
            "exact": "NATO is ready and able to defend all allies"}}},
        {"type": "Annotation", "motivation": "commenting", "bodyValue": "gone",
         "target": {"source": "https://example.org/elsewhere", "selector":
            {"type": "TextQuoteSelector", "exact": "A passage no article has."}}},
        hypothesis,
        {"type": "Annotation", "motivation": "tagging",
         "body": {"type": "TextualBody", "value": "nato"},
         "target": {"source": "https://www.example.com/news/2020/2/28/nato",
            "selector": {"type": "TextQuoteSelector",
               "exact": "Turkey would have certainly expected more from the meeting."}}},
        {"type": "Annotation", "target": "https://example.org/whole-page"}
    ]);
    let file = files.path().join("shapes.json");
    fs::write(&file, shapes.to_string()).expect("write");
    let data = temp_dir();
    let dry = import(data.path(), &file, &["--dry-run"]);
    assert_eq!(
        stdout(&dry).trim(),
        "dry run, nothing written: 2 added, 1 merged, 1 skipped, 1 orphaned"
    );
    assert!(
        !data.path().join("store.json").exists(),
        "a dry run writes nothing"
    );

    let output = import(data.path(), &file, &[]);
    assert_eq!(
        stdout(&output).trim(),
        "2 added, 1 merged, 1 skipped, 1 orphaned"
    );
    let messages = stderr(&output);
    assert!(
        messages.contains("annotation 6: no TextQuoteSelector"),
        "{messages}"
    );
    assert!(messages.contains("kept as an orphan"), "{messages}");

    let listed = list(data.path());
    assert_eq!(listed.len(), 3);
    let find = |note: &str| {
        listed
            .iter()
            .find(|h| h["note"].as_str().is_some_and(|n| n.starts_with(note)))
            .unwrap_or_else(|| panic!("no highlight with note {note}"))
    };
    let hyp = find("Key");
    assert_eq!(hyp["article"], SEED_000);
    assert_eq!(hyp["tags"], json!(["nato", "syria-war"]));
    assert_eq!(hyp["note"], "Key **claim**");
    assert_eq!(hyp["created"], "2021-03-04T04:06:07Z");
    let saved = find("saved copy");
    assert_eq!(saved["article"], SEED_003);
    assert_eq!(saved["anchor"]["status"], "exact");
    assert!(messages.contains("not among the articles"), "{messages}");
    let orphan = find("gone");
    assert_eq!(orphan["article"], "https://example.org/elsewhere");
    assert_eq!(orphan["anchor"]["status"], "orphaned");
    assert_eq!(orphan["note"], "gone");
}

#[test]
fn a_collection_with_items_and_embedded_pages_is_read() {
    let quote = |exact: &str| {
        json!({"type": "Annotation", "target": {"source": SEED_001,
            "selector": {"type": "TextQuoteSelector", "exact": exact}}})
    };
    let collection = json!({
        "@context": ["http://www.w3.org/ns/anno.jsonld", "http://www.w3.org/ns/ldp.jsonld"],
        "type": ["BasicContainer", "AnnotationCollection"],
        "items": [quote("Russian planes did not carry out strikes")],
        "first": {"type": "AnnotationPage", "items": [quote("according to Russia’s Defense Ministry")],
                  "next": {"type": "AnnotationPage", "items": quote("33 Turkish soldiers were killed")}}
    });
    let files = temp_dir();
    let file = files.path().join("collection.json");
    fs::write(&file, collection.to_string()).expect("write");
    let data = temp_dir();
    assert_eq!(
        stdout(&import(data.path(), &file, &[])).trim(),
        "3 added, 0 merged, 0 skipped, 0 orphaned"
    );
}

#[test]
fn our_clippings_parse_back_and_import_into_the_same_articles() {
    let data = temp_dir();
    fixed_store(data.path());
    let text = stdout(&lede(data.path(), &["export", "--format", "clippings"]));
    let (entries, problems) = clippings::parse(&text);
    assert!(problems.is_empty(), "{problems:?}");
    let highlights = fixed_highlights();
    assert_eq!(
        entries.iter().filter(|e| e.kind == Kind::Highlight).count(),
        highlights.len()
    );
    let with_notes = highlights
        .iter()
        .filter(|h| h.note.is_some() || !h.tags.is_empty())
        .count();
    assert_eq!(
        entries.iter().filter(|e| e.kind == Kind::Note).count(),
        with_notes
    );
    let first = &entries[0];
    assert_eq!(first.added.as_deref(), Some("2026-11-20T09:02:00Z"));
    assert_eq!(first.location, Some((243, 282)));

    let files = temp_dir();
    let file = files.path().join("My Clippings.txt");
    fs::write(&file, &text).expect("write");
    let empty = temp_dir();
    let summary = stdout(&import(empty.path(), &file, &[]));
    // The orphan and the highlight of the missing article: the orphan's text is nowhere;
    // the other is found by its quote in seed 002.
    assert_eq!(summary.trim(), "6 added, 0 merged, 0 skipped, 1 orphaned");
    let listed = list(empty.path());
    let nato = listed
        .iter()
        .find(|h| {
            h["quote"]["exact"]
                .as_str()
                .is_some_and(|e| e.starts_with("NATO has"))
        })
        .expect("imported");
    assert_eq!(nato["article"], SEED_000);
    assert_eq!(nato["tags"], json!(["nato", "turkey"]));
    assert_eq!(
        nato["note"],
        "Compare with the *Reuters* piece. # not a heading - not a list"
    );
    assert_eq!(nato["created"], "2026-11-20T09:01:00Z");
}

#[test]
fn a_kindles_clippings_file_is_imported() {
    let title = seed(SEED_003).title;
    let kindle = format!(
        "\u{feff}{title} (VICE News)\r\n\
         - Your Highlight on page 1 | Location 12-20 | Added on Tuesday, October 6, 2015 3:04:05 PM\r\n\
         \r\n\
         NATO said today it was prepared to deploy troops in Turkey\r\n\
         ==========\r\n\
         \u{feff}{title} (VICE News)\r\n\
         - Your Note on page 1 | Location 20 | Added on Tuesday, October 6, 2015 3:05:00 PM\r\n\
         \r\n\
         .nato deploy?\r\n\
         ==========\r\n\
         \u{feff}{title} (VICE News)\r\n\
         - Your Bookmark on page 1 | Location 30 | Added on Tuesday, October 6, 2015 3:06:00 PM\r\n\
         \r\n\
         \r\n\
         ==========\r\n\
         A Book Not Here (Someone)\r\n\
         - Your Highlight on Location 5-9 | Added on Tuesday, October 6, 2015 3:07:00 PM\r\n\
         \r\n\
         Words from a book.\r\n\
         ==========\r\n"
    );
    let files = temp_dir();
    let file = files.path().join("My Clippings.txt");
    fs::write(&file, kindle).expect("write");
    let data = temp_dir();
    let output = import(data.path(), &file, &[]);
    assert_eq!(
        stdout(&output).trim(),
        "1 added, 0 merged, 0 skipped, 1 orphaned"
    );
    assert!(stderr(&output).contains("a bookmark"));
    let listed = list(data.path());
    // Listed by creation time: the Kindle's times are kept.
    assert_eq!(listed[0]["article"], SEED_003);
    assert_eq!(listed[0]["tags"], json!(["nato"]));
    assert_eq!(listed[0]["note"], "deploy?");
    assert_eq!(listed[0]["created"], "2015-10-06T15:04:05Z");
    assert_eq!(listed[0]["modified"], "2015-10-06T15:05:00Z");
    assert_eq!(listed[1]["article"], "A Book Not Here");
    assert_eq!(listed[1]["anchor"]["status"], "orphaned");
}

#[test]
fn hostile_files_neither_panic_nor_touch_the_store() {
    let data = temp_dir();
    fixed_store(data.path());
    let store_file = data.path().join("store.json");
    let before = fs::read(&store_file).expect("store");
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("binary", vec![0xff, 0xfe, 0x00, 0x9f, 0x92, 0x96]),
        ("broken JSON", b"{\"type\": \"Annotation\", ".to_vec()),
        ("deep JSON", deep.into_bytes()),
        ("not annotations", b"{\"hello\": [1, 2, {\"x\": null}]}".to_vec()),
        ("plain text", b"just some words\nand more".to_vec()),
        (
            "wild numbers",
            br#"{"type":"Annotation","target":{"source":"seeds/000_4c127d6cd1a64f9a.txt","selector":[{"type":"TextQuoteSelector","exact":"NATO"},{"type":"TextPositionSelector","start":18446744073709551615,"end":-1}]}}"#.to_vec(),
        ),
        ("separators only", b"==========\n==========\n- \n==========".to_vec()),
    ];
    let files = temp_dir();
    for (name, bytes) in cases {
        let file = files.path().join("hostile");
        fs::write(&file, bytes).expect("write");
        let output = import(data.path(), &file, &["--dry-run"]);
        assert_ne!(
            output.status.code(),
            Some(101),
            "{name} panicked: {}",
            stderr(&output)
        );
        assert!(!stderr(&output).contains("panicked"), "{name}");
        assert_eq!(fs::read(&store_file).expect("store"), before, "{name}");
    }
    // A folder, and a source naming a folder, are refused without reading them.
    let folder = files.path().join("a folder");
    fs::create_dir(&folder).expect("folder");
    assert!(!import(data.path(), &folder, &[]).status.success());
    let naming_folder = json!({"type": "Annotation", "target": {
        "source": format!("file://{}", folder.to_string_lossy().replace(' ', "%20")),
        "selector": {"type": "TextQuoteSelector", "exact": "nowhere at all"}}});
    let file = files.path().join("names-folder.json");
    fs::write(&file, naming_folder.to_string()).expect("write");
    let output = import(data.path(), &file, &["--dry-run"]);
    assert!(
        stderr(&output).contains("not among the articles"),
        "{}",
        stderr(&output)
    );
    assert_eq!(fs::read(&store_file).expect("store"), before);
    // A pipe given as the import file is refused at once, not waited on.
    let pipe = files.path().join("pipe.json");
    let made = std::process::Command::new("mkfifo").arg(&pipe).status();
    assert!(made.is_ok_and(|s| s.success()));
    let output = import(data.path(), &pipe, &[]);
    assert!(
        stderr(&output).contains("not a regular file"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn highlights_of_article_files_come_back_by_source_or_by_the_articles_given() {
    let folder = temp_dir();
    let article = folder.path().join("council.txt");
    fs::write(
        &article,
        "date 2021-01-02\nsource: Test Wire\n\nCouncil Votes to Close the Old Bridge\n\n\
         The council voted on Tuesday to close the old bridge for repairs.\n\n\
         \"It is no longer safe,\" said the mayor.\n",
    )
    .expect("article");
    let article_arg = article.to_string_lossy().into_owned();
    let data = temp_dir();
    stdout(&lede(
        data.path(),
        &[
            "highlight",
            "add",
            "--article",
            &article_arg,
            "--text",
            "close the old bridge for repairs",
            "--tag",
            "bridge",
        ],
    ));
    let files = temp_dir();
    let folder_arg = folder.path().to_string_lossy().into_owned();

    // W3C names the file (file://…), which the import does not read: an orphan under
    // the file's key, placed once the file is given, or when the user names it.
    let w3c = files.path().join("w3c.json");
    fs::write(
        &w3c,
        stdout(&lede(data.path(), &["export", "--format", "w3c"])),
    )
    .expect("write");
    let fresh = temp_dir();
    assert_eq!(
        stdout(&import(fresh.path(), &w3c, &[])).trim(),
        "0 added, 0 merged, 0 skipped, 1 orphaned"
    );
    let canonical = fs::canonicalize(&article).expect("canonical");
    assert_eq!(list(fresh.path())[0]["anchor"]["status"], "orphaned");
    let named = stdout(&lede(
        fresh.path(),
        &[
            "highlight",
            "list",
            "--format",
            "json",
            "--article",
            &article_arg,
        ],
    ));
    let named: Vec<Value> = serde_json::from_str(&named).expect("JSON");
    assert_eq!(named[0]["anchor"]["status"], "exact");
    assert_eq!(named[0]["article"].as_str(), canonical.to_str());
    let given = temp_dir();
    assert_eq!(
        stdout(&import(given.path(), &w3c, &[&folder_arg])).trim(),
        "1 added, 0 merged, 0 skipped, 0 orphaned"
    );

    // Clippings name only the title: an orphan, unless the folder is given.
    let clips = files.path().join("clips.txt");
    fs::write(
        &clips,
        stdout(&lede(data.path(), &["export", "--format", "clippings"])),
    )
    .expect("write");
    let alone = temp_dir();
    assert_eq!(
        stdout(&import(alone.path(), &clips, &["--dry-run"])).trim(),
        "dry run, nothing written: 0 added, 0 merged, 0 skipped, 1 orphaned"
    );
    let helped = temp_dir();
    assert_eq!(
        stdout(&import(helped.path(), &clips, &[&folder_arg])).trim(),
        "1 added, 0 merged, 0 skipped, 0 orphaned"
    );
    let listed = list(helped.path());
    assert_eq!(listed[0]["article"].as_str(), canonical.to_str());
    assert_eq!(listed[0]["tags"], json!(["bridge"]));
}

#[test]
fn sources_naming_private_or_special_files_are_not_read() {
    // (Nothing an import names is read; see also `an_import_never_reads_the_files_it_names`.)
    let files = temp_dir();
    let hidden = files.path().join(".secret");
    fs::create_dir(&hidden).expect("folder");
    fs::write(hidden.join("notes.txt"), "the key is 1234 and more").expect("write");
    fs::write(files.path().join("data.bin"), "the key is 1234 and more").expect("write");
    let annotation = |path: &Path| {
        json!({"type": "Annotation", "target": {
            "source": format!("file://{}", path.to_string_lossy()),
            "selector": {"type": "TextQuoteSelector", "exact": "the key is"}}})
    };
    let file = files.path().join("private.json");
    fs::write(
        &file,
        json!([
            annotation(&hidden.join("notes.txt")),
            annotation(&files.path().join("data.bin"))
        ])
        .to_string(),
    )
    .expect("write");
    let data = temp_dir();
    let output = import(data.path(), &file, &[]);
    assert_eq!(
        stdout(&output).trim(),
        "0 added, 0 merged, 0 skipped, 2 orphaned"
    );
    let messages = stderr(&output);
    assert_eq!(
        messages.matches("not among the articles").count(),
        2,
        "{messages}"
    );
    // Orphans keep only the quote they came with: nothing from the files.
    for h in list(data.path()) {
        assert_eq!(h["quote"]["suffix"], "");
    }
}

#[test]
fn a_slightly_different_passage_is_placed_approximately_and_said_so() {
    let annotation = json!({"type": "Annotation", "target": {"source": SEED_000, "selector": [
        {"type": "TextQuoteSelector", "exact": "NATO has a lot of option, not least sending patriot battery",
         "prefix": "from the meeting.\n\n“", "suffix": " or other military"},
        {"type": "TextPositionSelector", "start": 508, "end": 567}
    ]}});
    let files = temp_dir();
    let file = files.path().join("near.json");
    fs::write(&file, annotation.to_string()).expect("write");
    let data = temp_dir();
    let output = import(data.path(), &file, &[]);
    assert_eq!(
        stdout(&output).trim(),
        "1 added, 0 merged, 0 skipped, 0 orphaned"
    );
    assert!(
        stderr(&output).contains("placed at the closest text"),
        "{}",
        stderr(&output)
    );
    let listed = list(data.path());
    assert_eq!(listed[0]["anchor"]["status"], "reanchored");
    assert!(
        listed[0]["quote"]["exact"]
            .as_str()
            .is_some_and(|e| e.starts_with("NATO has a lot of options"))
    );
}

#[test]
fn a_relative_source_names_a_file_beside_the_import_file_when_given() {
    let folder = temp_dir();
    fs::create_dir(folder.path().join("news")).expect("folder");
    fs::write(
        folder.path().join("news/day one.txt"),
        "Ministers met in Ankara on Monday to discuss the border.\n",
    )
    .expect("article");
    let annotation = json!({"type": "Annotation", "target": {"source": "news/day%20one.txt",
        "selector": {"type": "TextQuoteSelector", "exact": "discuss the border"}}});
    let file = folder.path().join("annotations.json");
    fs::write(&file, annotation.to_string()).expect("write");
    let data = temp_dir();
    // Not read unless given.
    assert_eq!(
        stdout(&import(data.path(), &file, &["--dry-run"])).trim(),
        "dry run, nothing written: 0 added, 0 merged, 0 skipped, 1 orphaned"
    );
    let news = folder.path().join("news").to_string_lossy().into_owned();
    assert_eq!(
        stdout(&import(data.path(), &file, &[&news])).trim(),
        "1 added, 0 merged, 0 skipped, 0 orphaned"
    );
    let expected = fs::canonicalize(folder.path().join("news/day one.txt")).expect("canonical");
    assert_eq!(list(data.path())[0]["article"].as_str(), expected.to_str());
}

#[test]
fn escape_sequences_in_an_import_never_reach_the_terminal_or_the_store() {
    let annotation = json!([
        {"type": "Annotation", "id": "evil\u{1b}[2J", "target": "x"},
        {"type": "Annotation", "bodyValue": "note\u{1b}]0;title\u{7}",
         "body": {"type": "TextualBody", "purpose": "tagging", "value": "t\u{1b}[31m"},
         "target": {"source": "file:///tmp/%1B[2Jx.txt", "selector":
            {"type": "TextQuoteSelector", "exact": "gone \u{1b}[31m text"}}}
    ]);
    let files = temp_dir();
    let file = files.path().join("escapes.json");
    fs::write(&file, annotation.to_string()).expect("write");
    let data = temp_dir();
    let output = import(data.path(), &file, &[]);
    assert_eq!(
        stdout(&output).trim(),
        "0 added, 0 merged, 0 skipped, 1 orphaned"
    );
    assert!(!output.stderr.contains(&0x1b), "{}", stderr(&output));
    // Whatever files the store keeps (a full file, a journal).
    for entry in fs::read_dir(data.path()).expect("list") {
        let saved = fs::read_to_string(entry.expect("entry").path()).unwrap_or_default();
        assert!(
            !saved.contains("\\u001b") && !saved.contains('\u{1b}'),
            "{saved}"
        );
    }
}

/// Issue 16, point 1: an annotation naming `/etc/shadow` (absolute, `file://`, or
/// `../../..` relative) made lede read that file and copy its next line into the store and
/// the exports. An import file is untrusted: nothing it names is read, by the import or
/// later by `highlight list` and `export`; such highlights are orphans that keep only the
/// text the file gave.
#[test]
fn an_import_never_reads_the_files_it_names() {
    let private = temp_dir();
    let secret = "root:$6$SECRETHASH:19000:0:99999:7:::\ndaemon:*:SECRETDAEMON::::::\n";
    for name in ["shadow", "passwd", "hostname"] {
        fs::write(private.path().join(name), secret).expect("secret file");
    }
    let imports = temp_dir();
    let inner = imports.path().join("a/b");
    fs::create_dir_all(&inner).expect("folders");
    let depth = inner.components().count();
    let relative = format!(
        "{}{}",
        "../".repeat(depth),
        private
            .path()
            .join("hostname")
            .to_string_lossy()
            .trim_start_matches('/')
    );
    let annotation = |source: String| {
        json!({"type": "Annotation", "target": {"source": source,
            "selector": {"type": "TextQuoteSelector", "exact": "root"}}})
    };
    let file = inner.join("evil.json");
    fs::write(
        &file,
        json!([
            annotation(private.path().join("shadow").to_string_lossy().into_owned()),
            annotation(format!(
                "file://{}",
                private.path().join("passwd").to_string_lossy()
            )),
            annotation(relative),
        ])
        .to_string(),
    )
    .expect("write");
    let data = temp_dir();
    let output = import(data.path(), &file, &[]);
    assert_eq!(
        stdout(&output).trim(),
        "0 added, 0 merged, 0 skipped, 3 orphaned"
    );
    assert!(
        stderr(&output).contains("never reads a file"),
        "{}",
        stderr(&output)
    );
    let leaks = |what: &str, text: &str| {
        assert!(
            !text.contains("SECRET") && !text.contains("daemon"),
            "{what} holds the private file's text: {text}"
        );
    };
    leaks("import messages", &stderr(&output));
    // Later commands do not read them either (they would re-anchor the orphans there).
    for args in [
        vec!["highlight", "list"],
        vec!["highlight", "list", "--format", "json"],
        vec!["export", "--format", "w3c"],
        vec!["export", "--format", "md"],
        vec!["export", "--format", "clippings"],
    ] {
        let output = lede(data.path(), &args);
        leaks(&args.join(" "), &stdout(&output));
        leaks(&args.join(" "), &stderr(&output));
    }
    for h in list(data.path()) {
        assert_eq!(h["anchor"]["status"], "orphaned");
        assert_eq!(h["quote"]["exact"], "root");
        assert_eq!(h["quote"]["suffix"], "");
    }
    for entry in fs::read_dir(data.path()).expect("data folder") {
        let saved = fs::read_to_string(entry.expect("entry").path()).unwrap_or_default();
        leaks("the store", &saved);
    }
}

/// A Hypothesis export as its client writes it (`tests/fixtures/hypothesis/export.json`):
/// two highlights of pages lede has (by their web address) and a reply.
fn hypothesis_fixture() -> std::path::PathBuf {
    repo().join("tests/fixtures/hypothesis/export.json")
}

#[test]
fn a_hypothesis_export_is_imported_and_exported_back() {
    let data = temp_dir();
    let fixture = hypothesis_fixture();
    let articles = [BRIEFING, "tests/fixtures/jsonl/news.jsonl"];
    let run = import(data.path(), &fixture, &articles);
    assert_eq!(
        stdout(&run).trim(),
        "2 added, 0 merged, 0 skipped, 0 orphaned"
    );
    assert!(
        stderr(&run).contains("a reply to another annotation"),
        "{}",
        stderr(&run)
    );
    let listed = list(data.path());
    let fisheries = listed
        .iter()
        .find(|h| h["quote"]["exact"] == "cut the cod quota by a fifth")
        .expect("placed in the Markdown article");
    assert!(
        fisheries["article"]
            .as_str()
            .is_some_and(|a| a.ends_with("markdown/briefing.md"))
    );
    assert_eq!(fisheries["tags"], json!(["EU-policy", "fisheries"]));
    assert_eq!(fisheries["created"], "2026-11-20T08:15:30Z");
    let storm = listed
        .iter()
        .find(|h| h["quote"]["exact"] == "closed three ports on Tuesday")
        .expect("placed in the dataset's record");
    assert!(
        storm["article"]
            .as_str()
            .is_some_and(|a| a.ends_with("jsonl/news.jsonl:1"))
    );

    // Exported back: the same pages, passages, notes and tags.
    let out = stdout(&lede(data.path(), &["export", "--format", "hypothesis"]));
    let back: Value = serde_json::from_str(&out).expect("JSON");
    let original: Value =
        serde_json::from_str(&fs::read_to_string(&fixture).expect("fixture")).expect("JSON");
    let key = |a: &Value| {
        let exact = a["target"][0]["selector"]
            .as_array()
            .and_then(|s| s.iter().find(|s| s["type"] == "TextQuoteSelector"))
            .map(|s| s["exact"].clone());
        (a["uri"].clone(), exact, a["text"].clone())
    };
    let mut expected: Vec<_> = original["annotations"].as_array().expect("annotations")[..2]
        .iter()
        .map(key)
        .collect();
    let mut exported: Vec<_> = back["annotations"]
        .as_array()
        .expect("annotations")
        .iter()
        .map(key)
        .collect();
    expected.sort_by_key(|k| k.0.to_string());
    exported.sort_by_key(|k| k.0.to_string());
    assert_eq!(exported, expected);
    // And imported again, nothing is added or doubled.
    let file = temp_dir();
    let again = file.path().join("again.json");
    fs::write(&again, &out).expect("write");
    assert_eq!(
        stdout(&import(data.path(), &again, &articles)).trim(),
        "0 added, 0 merged, 2 skipped, 0 orphaned"
    );
}

#[test]
fn the_hypothesis_apis_rows_are_read_too() {
    let original: Value =
        serde_json::from_str(&fs::read_to_string(hypothesis_fixture()).expect("fixture"))
            .expect("JSON");
    let rows = json!({"total": 2, "rows": original["annotations"]});
    let files = temp_dir();
    let file = files.path().join("search.json");
    fs::write(&file, rows.to_string()).expect("write");
    let data = temp_dir();
    let run = import(
        data.path(),
        &file,
        &[BRIEFING, "tests/fixtures/jsonl/news.jsonl"],
    );
    assert_eq!(
        stdout(&run).trim(),
        "2 added, 0 merged, 0 skipped, 0 orphaned"
    );
}

#[test]
fn importing_through_another_format_never_doubles_a_note_or_a_tag() {
    let first = temp_dir();
    fixed_store(first.path());
    let files = temp_dir();
    let mut exports = Vec::new();
    for format in ["w3c", "clippings", "hypothesis", "w3c"] {
        let file = files.path().join(format!("{}.{format}", exports.len()));
        fs::write(
            &file,
            stdout(&lede(first.path(), &["export", "--format", format])),
        )
        .expect("write");
        exports.push(file);
    }
    let data = temp_dir();
    for file in &exports {
        stdout(&import(data.path(), file, &[]));
    }
    let notes = |data: &Path| {
        let mut notes: Vec<(String, Value, Value)> = list(data)
            .into_iter()
            .map(|h| {
                (
                    h["quote"]["exact"].as_str().unwrap_or("").to_string(),
                    h["note"].clone(),
                    h["tags"].clone(),
                )
            })
            .collect();
        notes.sort_by(|a, b| a.0.cmp(&b.0));
        notes
    };
    // The clippings flattened the Markdown-looking note's line breaks: still one note.
    assert_eq!(notes(data.path()), notes(first.path()));
    let last = stdout(&import(data.path(), &exports[1], &[]));
    assert!(last.starts_with("0 added, 0 merged"), "{last}");
}

#[test]
fn a_file_lede_does_not_read_is_an_error_naming_what_it_expected() {
    let files = temp_dir();
    let data = temp_dir();
    for (name, text) in [
        (
            "config.json",
            r#"{"name": "not annotations", "version": 3}"#,
        ),
        ("list.json", "[1, 2, 3]"),
        ("notes.txt", "Just some notes,\nno clippings here.\n"),
    ] {
        let file = files.path().join(name);
        fs::write(&file, text).expect("write");
        let run = import(data.path(), &file, &[]);
        assert_eq!(run.status.code(), Some(1), "{name}");
        let err = stderr(&run);
        assert!(
            err.contains("expected W3C Web Annotation JSON"),
            "{name}: {err}"
        );
        assert!(
            err.contains("Hypothesis JSON") && err.contains("My Clippings"),
            "{err}"
        );
    }
    assert!(list(data.path()).is_empty());
}

#[test]
fn a_file_with_nothing_to_import_says_so() {
    let files = temp_dir();
    let data = temp_dir();
    for (name, text) in [
        ("empty-hypothesis.json", r#"{"annotations": []}"#),
        (
            "empty-collection.jsonld",
            r#"{"type": "AnnotationCollection", "total": 0}"#,
        ),
        (
            "bookmarks.txt",
            "A Book (An Author)\r\n- Your Bookmark on Location 7 | Added on Friday, February 28, 2020 9:07:00 PM\r\n\r\n\r\n==========\r\n",
        ),
    ] {
        let file = files.path().join(name);
        fs::write(&file, text).expect("write");
        let out = stdout(&import(data.path(), &file, &[]));
        assert!(out.starts_with("nothing to import:"), "{name}: {out}");
    }
}

#[test]
fn highlights_of_a_json_lines_record_are_listed_exported_and_reimported() {
    let data = temp_dir();
    let record = "tests/fixtures/jsonl/news.jsonl:1";
    stdout(&lede(
        data.path(),
        &[
            "highlight",
            "add",
            "--article",
            record,
            "--text",
            "Shipping companies said",
            "--tag",
            "ports",
        ],
    ));
    let listed = list(data.path());
    let key = listed[0]["article"].as_str().expect("key").to_string();
    assert!(
        key.ends_with("/tests/fixtures/jsonl/news.jsonl:1") && key.starts_with('/'),
        "{key}"
    );
    assert_eq!(listed[0]["anchor"]["status"], "exact");
    let text_list = stdout(&lede(data.path(), &["highlight", "list"]));
    assert!(text_list.contains("news.jsonl:1"), "{text_list}");

    let w3c = stdout(&lede(data.path(), &["export", "--format", "w3c"]));
    let json: Value = serde_json::from_str(&w3c).expect("JSON");
    let target = &json["first"]["items"][0]["target"];
    assert_eq!(target["source"], "https://news.example/storm");
    assert!(
        target["state"]["cached"]
            .as_str()
            .is_some_and(|c| c.ends_with("/news.jsonl#line=0,1"))
    );
    let md = stdout(&lede(data.path(), &["export", "--format", "md"]));
    assert!(md.contains("news.jsonl, line 1"), "{md}");

    let files = temp_dir();
    let file = files.path().join("record.jsonld");
    fs::write(&file, &w3c).expect("write");
    let other = temp_dir();
    let run = import(other.path(), &file, &["tests/fixtures/jsonl/news.jsonl"]);
    assert_eq!(
        stdout(&run).trim(),
        "1 added, 0 merged, 0 skipped, 0 orphaned"
    );
    let placed = list(other.path());
    assert_eq!(placed[0]["article"], key.as_str());
    assert_eq!(placed[0]["anchor"]["status"], "exact");
}
