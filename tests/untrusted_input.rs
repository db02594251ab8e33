//! Files someone else made, tried as an attacker would (issue 16), through the real
//! binary: each test reproduces an attack and shows it harmless. The store's own damage
//! cases are in `src/store`, import placement in `tests/export_import.rs`.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use lede::corpus::acts_on_terminal;
use serde_json::Value;

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temporary folder")
}

fn lede(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lede"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("LEDE_DATA_DIR")
        .env("HOME", data)
        .env("XDG_DATA_HOME", data)
        .env("XDG_CONFIG_HOME", data)
        .output()
        .expect("run lede")
}

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
        ("extract jsonl", vec!["extract", "--format", "jsonl", folder]),
        ("extract text", vec!["extract", "--format", "text", folder]),
        ("search text", vec!["search", "bridge", folder]),
        ("search json", vec!["search", "--format", "json", "bridge", folder]),
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
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    for format in ["text", "json", "jsonl"] {
        let out = lede(data.path(), &["highlight", "list", "--format", format]);
        assert!(out.status.success());
        assert_terminal_safe(&format!("highlight list {format}"), &out.stdout);
        assert_terminal_safe(&format!("highlight list {format}"), &out.stderr);
    }
    // An error naming the file is neutralised too.
    let out = lede(
        data.path(),
        &["highlight", "add", "--article", readable_arg, "--text", "absent words"],
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
    for hostile in ["red\u{1b}[31m", "\u{1b}]0;title\u{7}", "a\u{9b}2J", "\u{202e}lave"] {
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
