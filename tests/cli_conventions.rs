//! Command-line conventions through the real binary: shell completions and the manual page
//! generated from the command definition, examples in every subcommand's `--help`, `-` for
//! an article on standard input, and `lede search --format grep` rows editors read.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// The cache folder for every lede these tests run (never the user's).
const CACHE: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/lede-cache");

fn lede_with_input(args: &[&str], input: &[u8]) -> Output {
    let dir = tempfile::tempdir().expect("data folder");
    let mut child = Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(args)
        .env_remove("LEDE_DATA_DIR")
        .env("LEDE_CACHE_DIR", CACHE)
        .env("HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run lede");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(input).expect("write stdin");
    drop(stdin);
    child.wait_with_output().expect("lede output")
}

fn lede(args: &[&str]) -> Output {
    lede_with_input(args, b"")
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "lede failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).expect("UTF-8")
}

/// The subcommands `lede --help` lists (without `help`).
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

#[test]
fn completions_are_generated_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = stdout(&lede(&["completions", shell]));
        for word in [
            "export",
            "import",
            "search",
            "completions",
            "--layout",
            "per-article",
        ] {
            assert!(script.contains(word), "{shell} completions lack {word}");
        }
    }
    let unknown = lede(&["completions", "tcsh"]);
    assert!(!unknown.status.success());
}

#[test]
fn the_manual_page_covers_every_subcommand() {
    let page = stdout(&lede(&["man"]));
    assert!(
        page.lines().any(|l| l.starts_with(".TH lede 1")),
        "no title line"
    );
    let names = subcommands(&stdout(&lede(&["--help"])));
    assert!(names.len() >= 7, "{names:?}");
    for name in &names {
        let heading = format!(".SH \"LEDE {}\"", name.to_uppercase());
        assert!(page.contains(&heading), "no section {heading}");
    }
    for nested in ["LEDE HIGHLIGHT ADD", "LEDE HIGHLIGHT LIST"] {
        assert!(
            page.contains(&format!(".SH \"{nested}\"")),
            "no section {nested}"
        );
    }
    assert!(page.contains("\\-\\-layout") || page.contains("--layout"));
    // Text lines never start a roff request.
    let mut preformatted = false;
    for line in page.lines() {
        match line {
            ".nf" => preformatted = true,
            ".fi" => preformatted = false,
            _ if preformatted => assert!(!line.starts_with(['.', '\'']), "{line}"),
            _ => {}
        }
    }
}

#[test]
fn every_subcommand_help_has_examples() {
    let top = stdout(&lede(&["--help"]));
    assert!(top.contains("Examples:"));
    let mut missing = Vec::new();
    for name in subcommands(&top) {
        let help = stdout(&lede(&[&name, "--help"]));
        if !help.contains("Examples:") {
            missing.push(name.clone());
        }
        for nested in subcommands(&help) {
            let help = stdout(&lede(&[&name, &nested, "--help"]));
            if !help.contains("Examples:") {
                missing.push(format!("{name} {nested}"));
            }
        }
    }
    assert!(missing.is_empty(), "no examples in --help of: {missing:?}");
}

#[test]
fn a_dash_reads_one_article_from_standard_input() {
    let article = "Ports close along the coast\n\nA winter storm closed three ports on Tuesday.\n\n\"We are ready for a long week,\" said Ana Ruiz, the harbour master.\n";
    let out = lede_with_input(&["extract", "--format", "json", "-"], article.as_bytes());
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let articles = json.as_array().expect("articles");
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0]["path"], "-");
    assert_eq!(articles[0]["title"], "Ports close along the coast");
    let quotes = articles[0]["quotes"].as_array().expect("quotes");
    assert!(
        quotes.iter().any(|q| q["text"]
            .as_str()
            .is_some_and(|t| t.contains("ready for a long week"))),
        "{json}"
    );
    // Front matter on standard input is read as Markdown.
    let markdown =
        "---\ntitle: From a pipe\nurl: https://example.org/pipe\n---\n\nSome *text* here.\n";
    let out = lede_with_input(&["extract", "--format", "json", "-"], markdown.as_bytes());
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(json[0]["title"], "From a pipe");
    // Nothing on standard input is a problem named `-`, not a hang or a panic.
    let empty = lede_with_input(&["extract", "-"], b"");
    assert!(!empty.status.success());
    assert!(String::from_utf8_lossy(&empty.stderr).contains("lede: -: "));
}

#[test]
fn grep_rows_name_the_file_line_and_column() {
    let dir = tempfile::tempdir().expect("folder");
    let file = dir.path().join("storm.txt");
    std::fs::write(
        &file,
        "Storm closes ports\n\nShipping stopped. A winter storm closed three ports.\nCafé owners said the storm closed them too.\n",
    )
    .expect("write");
    let path = file.to_string_lossy().into_owned();
    let out = stdout(&lede(&[
        "search",
        "--format",
        "grep",
        "--limit",
        "0",
        // A phrase: `closed` alone would also find the title's "closes" (one typo).
        "\"storm closed\"",
        &path,
    ]));
    let mut rows: Vec<&str> = out.lines().collect();
    rows.sort();
    assert_eq!(
        rows,
        [
            format!("{path}:3:19: A winter storm closed three ports."),
            format!("{path}:4:1: Café owners said the storm closed them too."),
        ]
    );
    // Seeds are placed in the bundled file's lines.
    let seeds = stdout(&lede(&[
        "search",
        "--format",
        "grep",
        "--limit",
        "1",
        "patriot batteries",
    ]));
    assert_eq!(
        seeds
            .lines()
            .next()
            .map(|l| l.split(": ").next().unwrap_or_default()),
        Some("seeds/000_4c127d6cd1a64f9a.txt:7:1")
    );
}

/// A standard error nobody reads any more (a closed pipe) loses the messages, not the
/// run: no panic (exit 101), and the output and exit status are as usual.
#[test]
fn a_closed_standard_error_is_no_panic() {
    let dir = tempfile::tempdir().expect("folder");
    let missing = dir.path().join("missing.txt");
    for args in [
        vec!["show", "--format", "jsonl"],
        vec!["extract", "--format", "jsonl"],
    ] {
        let (reader, writer) = std::io::pipe().expect("pipe");
        drop(reader);
        let out = Command::new(env!("CARGO_BIN_EXE_lede"))
            .args(&args)
            .arg(&missing)
            .arg("seeds/000_4c127d6cd1a64f9a.txt")
            .env_remove("LEDE_DATA_DIR")
            .env("LEDE_CACHE_DIR", CACHE)
            .env("HOME", dir.path())
            .env("XDG_DATA_HOME", dir.path())
            .stdout(Stdio::piped())
            .stderr(writer)
            .output()
            .expect("run lede");
        assert_ne!(out.status.code(), Some(101), "{args:?} panicked");
        // The missing file makes it 1; the seed is still written.
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("000_4c127d6cd1a64f9a"),
            "{args:?}"
        );
    }
}
