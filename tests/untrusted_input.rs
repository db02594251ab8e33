//! Files someone else made, tried as an attacker would (issue 16), through the real
//! binary: each test reproduces an attack and shows it harmless. The store's own damage
//! cases are in `src/store`, import placement in `tests/export_import.rs`.

mod cli_support;
use std::fs;
use std::path::Path;
use std::process::Output;

use cli_support::{lede, lede_command, temp_dir};
use lede::corpus::acts_on_terminal;
use serde_json::Value;

/// Nothing in `bytes` could act on a terminal: no escape, no C0/C1 control but the line
/// feed and the tab (columns of `search`), no bidirectional override.
fn assert_terminal_safe(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| c != '\n' && c != '\t' && acts_on_terminal(c))
        .collect();
    assert!(bad.is_empty(), "{what} holds {bad:?}: {text:?}");
}

/// An OSC 0 title change, a CSI clear screen, a C1 CSI and a right-to-left override.
const HOSTILE_NAME: &str = "\u{1b}]0;pwned\u{7}news\u{1b}[2J\u{9b}31m\u{202e}txt.evil";

/// Point 5: file names carrying escape sequences reach no terminal raw, on stdout or
/// stderr, in text or JSON, from `extract`, `search` and `highlight list`.
#[test]
fn file_names_with_escape_sequences_are_neutralised_everywhere_they_are_printed() {
    let dir = temp_dir();
    let readable = dir.path().join(format!("{HOSTILE_NAME}.txt"));
    fs::write(
        &readable,
        "Bridge Closed\n\n“It is no longer safe,” said Mayor Ann Lee of the old bridge.\n",
    )
    .expect("article");
    let binary = dir.path().join(format!("{HOSTILE_NAME}.bin.txt"));
    fs::write(&binary, b"\x00\x01\x02binary").expect("binary");
    let data = temp_dir();
    let folder = dir.path().to_str().expect("UTF-8 path");
    let readable_arg = readable.to_str().expect("UTF-8 path");

    let runs: Vec<(&str, Vec<&str>)> = vec![
        ("extract json", vec!["extract", folder]),
        (
            "extract jsonl",
            vec!["extract", "--format", "jsonl", folder],
        ),
        ("extract text", vec!["extract", "--format", "text", folder]),
        ("search text", vec!["search", "bridge", folder]),
        (
            "search json",
            vec!["search", "--format", "json", "bridge", folder],
        ),
    ];
    for (what, args) in runs {
        let out = lede(data.path(), &args);
        assert_terminal_safe(&format!("{what} stdout"), &out.stdout);
        assert_terminal_safe(&format!("{what} stderr"), &out.stderr);
        // The unreadable file is still named (what is left of its name).
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("newstxt.evil.bin.txt"),
            "{what}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        if what.ends_with("text") {
            assert!(
                String::from_utf8_lossy(&out.stdout).contains("newstxt.evil.txt"),
                "{what}"
            );
        }
    }
    // JSON keeps the real name, escaped: a script gets the file's true path back.
    let out = lede(data.path(), &["extract", folder]);
    let articles: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(articles[0]["path"].as_str(), readable.to_str());
    let raw = String::from_utf8_lossy(&out.stdout);
    assert!(raw.contains("\\u009b") && raw.contains("\\u202e"), "{raw}");

    let added = lede(
        data.path(),
        &[
            "highlight",
            "add",
            "--article",
            readable_arg,
            "--text",
            "no longer safe",
        ],
    );
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    for format in ["text", "json", "jsonl"] {
        let out = lede(data.path(), &["highlight", "list", "--format", format]);
        assert!(out.status.success());
        assert_terminal_safe(&format!("highlight list {format}"), &out.stdout);
        assert_terminal_safe(&format!("highlight list {format}"), &out.stderr);
    }
    // An error naming the file is neutralised too.
    let out = lede(
        data.path(),
        &[
            "highlight",
            "add",
            "--article",
            readable_arg,
            "--text",
            "absent words",
        ],
    );
    assert!(!out.status.success());
    assert_terminal_safe("highlight add error", &out.stderr);
    assert!(String::from_utf8_lossy(&out.stderr).contains("newstxt.evil.txt"));
}

/// Point 7: a tag with control characters is refused with a clear message (the tag shown
/// escaped), and nothing is stored.
#[test]
fn tags_with_control_characters_are_refused() {
    let data = temp_dir();
    let added = lede(
        data.path(),
        &[
            "highlight",
            "add",
            "--article",
            "seeds/000_4c127d6cd1a64f9a.txt",
            "--text",
            "NATO",
        ],
    );
    assert!(added.status.success());
    let id = String::from_utf8_lossy(&added.stdout).trim().to_string();
    for hostile in [
        "red\u{1b}[31m",
        "\u{1b}]0;title\u{7}",
        "a\u{9b}2J",
        "\u{202e}lave",
    ] {
        let out = lede(data.path(), &["highlight", "tag", &id, hostile]);
        assert_eq!(out.status.code(), Some(1), "{hostile:?} accepted");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("a tag cannot contain control characters"),
            "{stderr}"
        );
        assert_terminal_safe("tag error", &out.stderr);
        let out = lede(
            data.path(),
            &[
                "highlight",
                "add",
                "--article",
                "seeds/001_70623a27b97a395d.txt",
                "--text",
                "Turkish",
                "--tag",
                hostile,
            ],
        );
        assert_eq!(out.status.code(), Some(1));
    }
    let listed = lede(data.path(), &["highlight", "list", "--format", "json"]);
    let listed: Value = serde_json::from_slice(&listed.stdout).expect("JSON");
    assert_eq!(listed.as_array().map(Vec::len), Some(1));
    assert_eq!(listed[0]["tags"], serde_json::json!([]));
}

const SEED_000: &str = "seeds/000_4c127d6cd1a64f9a.txt";

/// `highlight add` of `text` in seed 000; returns the new id.
fn add_highlight(data: &Path, text: &str) -> String {
    let out = lede(
        data,
        &["highlight", "add", "--article", SEED_000, "--text", text],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn listed_ids(out: &Output) -> Vec<String> {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed: Value = serde_json::from_slice(&out.stdout).expect("JSON list");
    listed
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|h| h["id"].as_str().map(str::to_string))
        .collect()
}

/// Point 2: a damaged journal line hid every later change, silently. Every intact change
/// around it is recovered, the damaged bytes kept aside, and stderr says so.
#[test]
fn a_damaged_journal_line_loses_no_other_change_and_is_reported() {
    let data = temp_dir();
    let ids: Vec<String> = ["NATO", "Turkey", "Syria", "Russia", "Idlib"]
        .iter()
        .map(|text| add_highlight(data.path(), text))
        .collect();
    let journal = data.path().join("store.journal");
    let bytes = fs::read(&journal).expect("the later adds are in the journal");
    let lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
    assert_eq!(lines.len(), 4, "one full file, then four journal lines");
    let damaged = b"{\"v\":2,\"put\":[{\"id\":\"\x00\xde\xad\n".to_vec();
    fs::write(&journal, [lines[0], &damaged, lines[2], lines[3]].concat()).expect("damage");

    let out = lede(data.path(), &["highlight", "list", "--format", "json"]);
    let listed = listed_ids(&out);
    let expected: Vec<String> = [0, 1, 3, 4].iter().map(|&i| ids[i].clone()).collect();
    assert_eq!(
        listed, expected,
        "only the damaged line's change is missing"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("journal was damaged: 3 changes recovered"),
        "{stderr}"
    );
    let kept = fs::read_dir(data.path())
        .expect("data folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().contains("store.journal.broken-"))
        .expect("the damaged part kept aside");
    assert!(stderr.contains(&kept.display().to_string()), "{stderr}");
    assert_eq!(fs::read(&kept).expect("kept"), damaged);
    // Repaired: the next command finds everything and has nothing to say.
    add_highlight(data.path(), "soldiers");
    let out = lede(data.path(), &["highlight", "list", "--format", "json"]);
    assert_eq!(listed_ids(&out).len(), 5);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

/// Whether this process runs as root (permissions then stop nothing).
fn running_as_root(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let probe = dir.join("owner-probe");
    fs::write(&probe, b"").expect("probe");
    let root = fs::metadata(&probe).expect("probe").uid() == 0;
    fs::remove_file(&probe).expect("probe");
    root
}

/// `lede --data-dir DATA ARGS…` as a user who cannot write DATA: as `nobody` when the
/// tests run as root (as in CI), else as ourselves once DATA is made read-only. `binary`
/// is a copy of lede that user can reach (the build folder may be under a private home).
fn lede_without_write_access(binary: &Path, data: &Path, root: bool, args: &[&str]) -> Output {
    use std::os::unix::process::CommandExt;
    let mut command = lede_command(binary, data, args);
    if root {
        command.uid(65534).gid(65534);
    }
    command.output().expect("run lede")
}

/// Point 6: a read-only data folder hid every highlight (`highlight list` and `export`
/// failed on the lock file). Read-only still reads; only changes are refused.
#[test]
fn a_read_only_data_folder_still_lists_and_exports() {
    use std::os::unix::fs::PermissionsExt;
    // Under the system's temporary folder, which every user can reach.
    let outer = tempfile::tempdir().expect("temporary folder");
    let binary = outer.path().join("lede");
    fs::copy(env!("CARGO_BIN_EXE_lede"), &binary).expect("copy of lede");
    fs::set_permissions(&binary, fs::Permissions::from_mode(0o755)).expect("chmod");
    let data = outer.path().join("data");
    fs::create_dir(&data).expect("data folder");
    let ids: Vec<String> = ["NATO", "Turkey", "Syria"]
        .iter()
        .map(|text| add_highlight(&data, text))
        .collect();
    let root = running_as_root(outer.path());
    // Readable by all, writable by none (and by no one but root, who is not used).
    fs::set_permissions(outer.path(), fs::Permissions::from_mode(0o755)).expect("chmod");
    for entry in fs::read_dir(&data).expect("data folder") {
        let path = entry.expect("entry").path();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).expect("chmod");
    }
    fs::set_permissions(&data, fs::Permissions::from_mode(0o555)).expect("chmod");
    let before: Vec<(String, Vec<u8>)> = fs::read_dir(&data)
        .expect("data folder")
        .map(|e| {
            let path = e.expect("entry").path();
            (path.display().to_string(), fs::read(&path).expect("read"))
        })
        .collect();

    let out = lede_without_write_access(
        &binary,
        &data,
        root,
        &["highlight", "list", "--format", "json"],
    );
    assert_eq!(listed_ids(&out), ids);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot be written"), "{stderr}");

    let out = lede_without_write_access(&binary, &data, root, &["export", "--format", "md"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let markdown = String::from_utf8_lossy(&out.stdout);
    assert_eq!(markdown.matches("> ").count(), 3, "{markdown}");

    let out = lede_without_write_access(&binary, &data, root, &["highlight", "tag", &ids[0], "x"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot be written"));

    let after: Vec<(String, Vec<u8>)> = fs::read_dir(&data)
        .expect("data folder")
        .map(|e| {
            let path = e.expect("entry").path();
            (path.display().to_string(), fs::read(&path).expect("read"))
        })
        .collect();
    assert_eq!(after, before);
    fs::set_permissions(&data, fs::Permissions::from_mode(0o755)).expect("chmod back");
}

/// Point 6: a store written by a newer lede showed zero highlights and exit 0. It is read
/// and listed (exit 0, with a notice); only changes are refused.
#[test]
fn a_store_from_a_newer_lede_is_listed_and_only_writes_are_refused() {
    let data = temp_dir();
    let ids: Vec<String> = ["NATO", "Turkey"]
        .iter()
        .map(|text| add_highlight(data.path(), text))
        .collect();
    let listed = lede(data.path(), &["highlight", "list", "--format", "json"]);
    let mut highlights: Value = serde_json::from_slice(&listed.stdout).expect("JSON");
    // As a newer lede would write it: a higher version, fields this one does not know.
    highlights[0]["rating"] = 5.into();
    let newer = serde_json::to_vec(&serde_json::json!({
        "schema_version": 7,
        "collections": [{"name": "later"}],
        "highlights": highlights,
    }))
    .expect("JSON");
    let store = data.path().join("store.json");
    fs::write(&store, &newer).expect("write");
    fs::remove_file(data.path().join("store.journal")).expect("folded in");

    let out = lede(data.path(), &["highlight", "list", "--format", "json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("schema version 7"), "{stderr}");
    assert_eq!(listed_ids(&out), ids);
    let out = lede(data.path(), &["highlight", "rm", &ids[0]]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(fs::read(&store).expect("store"), newer);
}

/// Point 3: import grew with the square of the file (8,000 annotations took 20 s, 300,000
/// did not finish). Timing is measured by `benches/import.rs`; this checks what the linear
/// merge does on a file where most annotations repeat a passage: one highlight per
/// passage, every tag and distinct note gathered once, in order, and every annotation
/// counted as added, merged or skipped.
#[test]
fn an_import_of_many_repeated_passages_gathers_each_once() {
    use lede::export::import::{self, ImportCorpus};
    use std::collections::{BTreeSet, HashMap};
    let seed = lede::corpus::Corpus::seeds().articles.remove(0);
    let words: Vec<&str> = seed.body.split_whitespace().collect();
    let passages: Vec<String> = (0..300)
        .map(|i| words[i % (words.len() - 5)..][..5].join(" "))
        .collect();
    let items: Vec<Value> = (0..20_000)
        .map(|k| {
            serde_json::json!({"type": "Annotation",
                "body": [{"type": "TextualBody", "purpose": "tagging", "value": format!("t{}", k % 3)},
                         {"type": "TextualBody", "value": format!("note {}", k % 4)}],
                "target": {"source": SEED_000, "selector": {"type": "TextQuoteSelector",
                    "exact": passages[(k * 7) % passages.len()]}}})
        })
        .collect();
    let bytes = serde_json::to_vec(&items).expect("JSON");
    let parsed = import::parse(&bytes).expect("parses");
    let (incoming, _) = import::place(&parsed.candidates, &ImportCorpus::new(Vec::new()));
    let mut highlights: Vec<lede::store::Highlight> = Vec::new();
    let summary = import::merge(&mut highlights, incoming);

    // What each distinct passage should end with, worked out the slow, obvious way.
    let mut expected: HashMap<String, (BTreeSet<String>, Vec<String>)> = HashMap::new();
    for k in 0..20_000 {
        let (tags, notes) = expected
            .entry(passages[(k * 7) % passages.len()].clone())
            .or_default();
        tags.insert(format!("t{}", k % 3));
        let note = format!("note {}", k % 4);
        if !notes.contains(&note) {
            notes.push(note);
        }
    }
    assert_eq!(highlights.len(), expected.len());
    assert_eq!(summary.added, expected.len());
    assert_eq!(summary.added + summary.merged + summary.skipped, 20_000);
    for h in &highlights {
        let passage = h
            .quote
            .exact
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let (tags, notes) = &expected[&passage];
        assert_eq!(h.tags, tags.iter().cloned().collect::<Vec<_>>());
        assert_eq!(h.note.as_deref(), Some(notes.join("\n\n").as_str()));
    }
}
