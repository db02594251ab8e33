//! `lede extract` as scripts use it: the JSON contract, JSON Lines, text, and the exit
//! status when a file cannot be read.

use std::fs;
use std::process::Command;

/// The cache folder for every lede these tests run (never the user's).
const CACHE: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/lede-cache");

/// lede without a data folder holding a library, so no PATH means the bundled seeds.
fn lede() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_lede"));
    command
        .env_remove("LEDE_DATA_DIR")
        .env("LEDE_CACHE_DIR", CACHE)
        .env("XDG_DATA_HOME", "/nonexistent/lede-test-data");
    command
}

#[test]
fn json_holds_one_object_per_seed_with_quotes_and_figures() {
    let out = lede()
        .args(["extract", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let all: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let articles = all.as_array().unwrap();
    assert_eq!(articles.len(), 5);
    let first = &articles[0];
    for key in ["path", "title", "date", "source", "quotes", "figures"] {
        assert!(first.get(key).is_some(), "missing {key}");
    }
    assert_eq!(first["date"], "2020-02-28");
    let quote = &first["quotes"][2];
    assert_eq!(quote["speaker"], "Ali Bakeer");
    assert_eq!(quote["fragment"], false);
    assert!(quote["start"].as_u64().unwrap() < quote["end"].as_u64().unwrap());
    let figure = &first["figures"][1];
    assert_eq!(figure["text"], "more than 900,000 Syrians");
    assert_eq!(figure["kind"], "count");
    assert_eq!(figure["value"], 900000);
    assert_eq!(figure["qualifier"], "more than");
    assert_eq!(figure["unit"], "Syrians");
}

#[test]
fn offsets_are_bytes_into_the_body() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    let body = "Héllo wörld.\n\n“Ça va,” said Jane Doe, who paid €5 for 3 coffees.\n";
    fs::write(&path, body).unwrap();
    let out = lede()
        .args(["extract", "--format", "jsonl"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let article: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = body.trim_end();
    for item in article["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .chain(article["figures"].as_array().unwrap())
    {
        let (start, end) = (
            item["start"].as_u64().unwrap() as usize,
            item["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[start..end], item["text"].as_str().unwrap());
    }
}

#[test]
fn an_unreadable_file_is_reported_and_the_rest_printed() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    fs::write(&good, "Headline\n\n“We are ready,” said Jane Doe.\n").unwrap();
    let missing = dir.path().join("missing.txt");
    let out = lede()
        .args(["extract", "--format", "jsonl"])
        .arg(&missing)
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("missing.txt"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 1);
    assert!(stdout.contains("Jane Doe"));
}

#[test]
fn text_format_lists_speakers_and_figures() {
    let out = lede()
        .args(["extract", "--format", "text"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Ali Bakeer: “US and NATO have a vital interest"));
    assert!(text.contains("more than 900,000 Syrians"));
}

/// `lede extract --format json` of a folder holding files of these names, all with the
/// same text; it must succeed.
fn extract_copies(names: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let text = "Headline\n\n“We are ready,” said Jane Doe.\n";
    for name in names {
        fs::write(dir.path().join(name), text).unwrap();
    }
    let out = lede()
        .args(["extract", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    out
}

#[test]
fn copies_are_listed_as_duplicates_and_named_on_stderr() {
    let out = extract_copies(&["a.txt", "b.txt", "c.txt"]);
    let all: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let articles = all.as_array().unwrap();
    assert_eq!(articles.len(), 1);
    let duplicates: Vec<&str> = articles[0]["duplicates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    assert_eq!(duplicates.len(), 2);
    assert!(duplicates.iter().any(|d| d.ends_with("b.txt")));
    assert!(duplicates.iter().any(|d| d.ends_with("c.txt")));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for copy in ["b.txt", "c.txt"] {
        assert!(
            stderr
                .lines()
                .any(|l| l.contains(copy) && l.contains("a.txt")),
            "{stderr}"
        );
    }
}

/// A copy's file name is untrusted: the line naming it must not carry its escape
/// sequences (here one that would set the terminal's title) to the terminal.
#[test]
fn a_copy_named_with_escape_sequences_is_named_without_them() {
    let out = extract_copies(&["a.txt", "b\u{1b}]0;pwned\u{7}.txt"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = stderr.lines().find(|l| l.contains("same text as"));
    assert!(line.is_some_and(|l| l.contains("/b")), "{stderr}");
    assert!(!stderr.contains(['\u{1b}', '\u{7}']), "{stderr:?}");
}

#[test]
fn character_offsets_count_characters_not_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    let body = "Héllo wörld.\n\n“Ça va,” said Jane Doe, who paid €5 for 3 coffees.\n";
    fs::write(&path, body).unwrap();
    let out = lede()
        .args(["extract", "--format", "jsonl"])
        .arg(&path)
        .output()
        .unwrap();
    let article: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let chars: Vec<char> = body.trim_end().chars().collect();
    let items = article["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .chain(article["figures"].as_array().unwrap());
    let mut seen = 0;
    for item in items {
        let (start, end) = (
            item["char_start"].as_u64().unwrap() as usize,
            item["char_end"].as_u64().unwrap() as usize,
        );
        let text: String = chars[start..end].iter().collect();
        assert_eq!(text, item["text"].as_str().unwrap());
        seen += 1;
    }
    assert!(seen >= 2);
}

#[test]
fn help_says_offsets_count_bytes() {
    let out = lede().args(["extract", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("UTF-8 byte offsets"), "{help}");
    assert!(help.contains("duplicates"), "{help}");
}
