//! `lede show` as scripts use it: the JSON contract (one object per article with its
//! metadata and paragraphs), every input file accounted for, JSON Lines, and text with
//! nothing from a file name reaching the terminal as a control sequence.

use std::fs;
use std::process::Command;

/// The cache folder for every lede these tests run (never the user's).
const CACHE: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/lede-cache");

fn lede() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_lede"));
    command.env("LEDE_CACHE_DIR", CACHE);
    command
}

const PAGE: &str = "<html lang=\"de\"><head><title>Neue Brücke eröffnet | Stadtblatt</title>\
    <meta name=\"author\" content=\"Anna Weber und Luc Martin\">\
    <link rel=\"canonical\" href=\"https://stadtblatt.example/bruecke\"></head>\
    <body><article><h1>Neue Brücke eröffnet</h1><div class=\"text\">\
    <p>Die neue Brücke über den Fluss ist seit Montag für den Verkehr freigegeben, teilte die Stadt mit.</p>\
    <p>Lesen Sie auch: Wie die Stadt ihre Radwege plant</p>\
    <p>Pendler sparen nach Angaben der Verwaltung bis zu zwanzig Minuten am Tag.</p>\
    </div></article></body></html>";

#[test]
fn json_gives_metadata_and_paragraphs_and_accounts_for_every_file() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.html"), PAGE).unwrap();
    fs::write(dir.path().join("b.html"), PAGE).unwrap();
    fs::write(dir.path().join("c.txt"), b"\x00\x01\x02binary").unwrap();
    let out = lede()
        .args(["show", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "a problem makes the exit status 1"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("c.txt: binary file"), "{stderr}");
    let all: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let articles = all.as_array().unwrap();
    assert_eq!(articles.len(), 1);
    let a = &articles[0];
    assert!(a["path"].as_str().unwrap().ends_with("a.html"));
    assert_eq!(a["title"], "Neue Brücke eröffnet");
    assert_eq!(a["byline"], serde_json::json!(["Anna Weber", "Luc Martin"]));
    assert_eq!(a["url"], "https://stadtblatt.example/bruecke");
    assert_eq!(a["language"], "de");
    assert_eq!(a["date"], serde_json::Value::Null);
    let duplicates = a["duplicates"].as_array().unwrap();
    assert_eq!(duplicates.len(), 1);
    assert!(duplicates[0].as_str().unwrap().ends_with("b.html"));
    let paragraphs = a["paragraphs"].as_array().unwrap();
    let dimmed: Vec<bool> = paragraphs
        .iter()
        .map(|p| p["boilerplate"].as_bool().unwrap())
        .collect();
    assert_eq!(dimmed, [false, false, true, false]);
    assert_eq!(
        paragraphs[3]["text"],
        "Pendler sparen nach Angaben der Verwaltung bis zu zwanzig Minuten am Tag."
    );
}

#[test]
fn json_lines_and_text_with_a_hostile_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let name = "evil\x1b]0;pwned\x07.html";
    fs::write(dir.path().join(name), PAGE).unwrap();
    let out = lede()
        .args(["show", "--format", "jsonl"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let lines: Vec<&[u8]> = out
        .stdout
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(lines.len(), 1);
    let a: serde_json::Value = serde_json::from_slice(lines[0]).unwrap();
    assert_eq!(a["title"], "Neue Brücke eröffnet");

    let out = lede().args(["show"]).arg(dir.path()).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("# Neue Brücke eröffnet\n"), "{text}");
    assert!(text.contains("by: Anna Weber, Luc Martin\n"));
    assert!(text.contains("\n~ Lesen Sie auch: Wie die Stadt ihre Radwege plant\n"));
    assert!(!text.contains('\x1b') && !text.contains('\x07'), "{text:?}");
}

#[test]
fn without_paths_it_shows_the_default_corpus() {
    let out = lede().args(["show", "--format", "json"]).output().unwrap();
    assert!(out.status.success());
    let all: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(all.as_array().unwrap().len(), 5);
}
