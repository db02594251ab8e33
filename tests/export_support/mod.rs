//! Shared by the export tests: a store with fixed highlights of the bundled seeds (fixed
//! ids and times, so golden files are stable), and running the real binary with a data
//! folder of its own. Nothing outside the repository is read.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use lede::corpus::{Article, Corpus};
use lede::store::{AnchorOutcome, Highlight, Store, TextPositionSelector, TextQuoteSelector};
pub const SEED_000: &str = "seeds/000_4c127d6cd1a64f9a.txt";
pub const SEED_001: &str = "seeds/001_70623a27b97a395d.txt";
pub const SEED_002: &str = "seeds/002_2dbff7b6134bf374.txt";
pub const SEED_003: &str = "seeds/003_d488c55d3acb0cdc.txt";

/// A temporary folder under `target/` (not hidden: import does not read articles from
/// hidden folders).
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("lede-test-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .expect("temporary folder")
}

pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `lede --data-dir DATA ARGS…` from the repository folder, in UTC (clippings carry
/// local times).
pub fn lede(data: &Path, args: &[&str]) -> Output {
    lede_in_zone(data, args, "UTC")
}

/// [`lede`] with the time zone `TZ` set to `zone`.
pub fn lede_in_zone(data: &Path, args: &[&str], zone: &str) -> Output {
    crate::cli_support::lede_command(Path::new(env!("CARGO_BIN_EXE_lede")), data, args)
        .current_dir(repo())
        .env("TZ", zone)
        .output()
        .expect("run lede")
}

/// Standard output of a run that must succeed.
pub fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "lede failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn seed(path: &str) -> Article {
    Corpus::seeds()
        .articles
        .into_iter()
        .find(|a| a.path == Path::new(path))
        .expect("bundled seed")
}

/// A highlight of `passage` in seed `path`, with a fixed id and times.
pub fn fixed(path: &str, passage: &str, id: &str, minute: u32) -> Highlight {
    let article = seed(path);
    let start = article.body.find(passage).expect("passage in the seed");
    let mut h = Highlight::new(&article, start..start + passage.len()).expect("highlight");
    h.id = id.to_string();
    h.created = format!("2026-11-20T09:{minute:02}:00Z");
    h.modified = format!("2026-11-20T10:{minute:02}:00Z");
    h
}

/// The fixed highlights: tags, a Markdown-looking note, a formula-looking note, quotes
/// with `"` and `’`, an orphan, and one of an article that cannot be loaded.
pub fn fixed_highlights() -> Vec<Highlight> {
    let mut nato = fixed(
        SEED_000,
        "NATO has a lot of options, not least sending patriot batteries or other military assets that Turkey needs now.",
        "0000000000a-00000001",
        1,
    )
    .with_tags(&["nato", "turkey"])
    .expect("tags")
    .with_note(Some(
        "Compare with the *Reuters* piece.\n\n# not a heading\n- not a list".to_string(),
    ));
    nato.colour = Some(2);
    let solidarity = fixed(
        SEED_000,
        "announcing its \"solidarity with Turkey.\"",
        "0000000000a-00000002",
        2,
    )
    .with_note(Some(
        "=HYPERLINK(\"http://example.com\",\"click\")".to_string(),
    ));
    let russia = fixed(
        SEED_001,
        "according to Russia’s Defense Ministry",
        "0000000000a-00000003",
        3,
    )
    .with_tags(&["russia", "idlib"])
    .expect("tags");
    let officials = fixed(
        SEED_002,
        "Turkish officials, however, were quick to emphasize that the bombing in Idlib province was carried out by Syrian government forces",
        "0000000000a-00000004",
        4,
    )
    .with_tags(&["idlib"])
    .expect("tags");
    let stoltenberg = fixed(
        SEED_003,
        "\"NATO is ready and able to defend all allies, including Turkey, against any threats,\"",
        "0000000000a-00000005",
        5,
    )
    .with_note(Some("+ said in Brussels".to_string()));
    let mut orphan = fixed(SEED_003, "NATO said today", "0000000000a-00000006", 6);
    orphan.quote = TextQuoteSelector {
        exact: "A sentence the editors later removed.".to_string(),
        prefix: "before ".to_string(),
        suffix: " after".to_string(),
    };
    orphan.position = TextPositionSelector { start: 10, end: 47 };
    orphan.anchor = AnchorOutcome::Orphaned;
    let mut missing = fixed(SEED_002, "Turkish forces", "0000000000a-00000007", 7);
    // Placed once in an article that has since gone (a highlight never placed anywhere,
    // with no fingerprint, is an import's orphan, whose file lede does not open).
    missing.article = "seeds/999_missing.txt".to_string();
    missing.fingerprint = "fnv1a64:0000000000000000:0".to_string();
    missing.tags = vec!["lost".to_string()];
    vec![
        nato,
        solidarity,
        russia,
        officials,
        stoltenberg,
        orphan,
        missing,
    ]
}

/// A store in `data` holding [`fixed_highlights`].
pub fn fixed_store(data: &Path) {
    let (mut store, _) = Store::open(data).expect("open store");
    for h in fixed_highlights() {
        store.add_highlight(h).expect("add");
    }
}

/// `text` with the repository's folder written `REPO` (for golden files of exports that
/// name files in it), in plain and in percent-encoded form.
pub fn with_repo_as_placeholder(text: &str) -> String {
    let repo = std::fs::canonicalize(repo()).expect("repository folder");
    let plain = repo.to_string_lossy().into_owned();
    let encoded: String = plain
        .bytes()
        .map(|b| match b {
            b'/' | b'-' | b'.' | b'_' | b'~' => char::from(b).to_string(),
            b if b.is_ascii_alphanumeric() => char::from(b).to_string(),
            b => format!("%{b:02X}"),
        })
        .collect();
    text.replace(&plain, "REPO").replace(&encoded, "REPO")
}

/// The articles of [`web_store`], as given on the command line (from the repository).
pub const BRIEFING: &str = "tests/fixtures/markdown/briefing.md";
pub const STORM_RECORD: &str = "tests/fixtures/jsonl/news.jsonl:1";

/// A store in `data` with highlights (fixed ids and times) of articles that give their web
/// address and authors: the Markdown fixture (front matter with `url`, two authors, an
/// outlet and a date) and the first record of the JSON Lines fixture.
pub fn web_store(data: &Path) {
    let (mut store, _) = Store::open(data).expect("open store");
    let passages = [
        (
            BRIEFING,
            "cut the cod quota by a fifth",
            "0000000000b-00000001",
        ),
        (
            STORM_RECORD,
            "A winter storm closed three ports",
            "0000000000b-00000002",
        ),
    ];
    for (i, (key, passage, id)) in passages.into_iter().enumerate() {
        let path = repo().join(key);
        let article = lede::store::load_article_at(&path).expect("fixture article");
        let start = article.body.find(passage).expect("passage in the fixture");
        let mut h = Highlight::new(&article, start..start + passage.len()).expect("highlight");
        h.id = id.to_string();
        h.created = format!("2026-11-20T23:0{i}:00Z");
        h.modified = h.created.clone();
        h.tags = vec![["fish", "weather"][i].to_string()];
        if i == 0 {
            h.note = Some("Compare $5 and $10 with *last* year.".to_string());
        }
        store.add_highlight(h).expect("add");
    }
}

/// A golden file under `tests/golden/`: compared, or written when `UPDATE_GOLDEN` is set.
pub fn check_golden(name: &str, actual: &str) {
    let path: PathBuf = repo().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing {} (run with UPDATE_GOLDEN=1)", path.display()));
    assert!(
        expected == actual,
        "{name} differs from the golden file (UPDATE_GOLDEN=1 rewrites it):\n--- expected\n{expected}\n--- actual\n{actual}"
    );
}
