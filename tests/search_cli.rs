//! `lede search` as a script sees it: the built binary on the bundled seeds.

use std::process::{Command, Output};

/// The cache folder for every lede these tests run (never the user's).
const CACHE: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/lede-cache");

fn lede(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(args)
        .env_remove("LEDE_DATA_DIR")
        .env("LEDE_CACHE_DIR", CACHE)
        // No library: without a PATH, the bundled seeds.
        .env("XDG_DATA_HOME", "/nonexistent/lede-test-data")
        .output()
        .expect("run lede")
}

fn json(args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["search", "--format", "json"];
    all.extend_from_slice(args);
    let out = lede(&all);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json array")
}

#[test]
fn stoltenberg_finds_only_sentences_naming_him_quoted_ones_first() {
    let rows = json(&["stoltenberg"]);
    assert!(rows.len() >= 4);
    for row in &rows {
        assert!(
            row["text"].as_str().unwrap().contains("Stoltenberg"),
            "{row}"
        );
    }
    assert!(rows[0]["text"].as_str().unwrap().contains('"'));
}

#[test]
fn a_typo_still_finds_him_and_nothing_else() {
    let texts = |query| -> Vec<String> {
        json(&[query])
            .iter()
            .map(|row| row["text"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(texts("stoltnberg"), texts("stoltenberg"));
    // The old way, letters in order anywhere, also finds the letters spread over
    // sentences that do not name him.
    let scattered = texts("~stoltenberg");
    assert!(scattered.len() > texts("stoltenberg").len());
    assert!(scattered.iter().any(|t| !t.contains("Stoltenberg")));
    let mut subsequence = json(&["--subsequence", "stoltenberg"]);
    subsequence.truncate(scattered.len());
    let subsequence: Vec<&str> = subsequence
        .iter()
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    assert_eq!(subsequence, scattered);
}

#[test]
fn exact_phrase_in_double_quotes() {
    for query in ["\"33 Turkish\"", "'\"33 Turkish\"", "'33\\ Turkish"] {
        let rows = json(&[query]);
        assert!(!rows.is_empty(), "{query}");
        for row in &rows {
            assert!(
                row["text"].as_str().unwrap().contains("33 Turkish"),
                "{query}: {row}"
            );
        }
    }
    assert!(json(&["\"33 turkish soldiers were\""]).len() == 1);
}

#[test]
fn json_shape() {
    let rows = json(&["--limit", "100", "turkey"]);
    assert!(rows.len() <= 100 && !rows.is_empty());
    let body = lede::corpus::Corpus::seeds();
    for row in &rows {
        let obj = row.as_object().unwrap();
        for key in ["path", "title", "kind", "text", "score"] {
            assert!(obj.contains_key(key), "{key} in {row}");
        }
        assert!(row["score"].is_i64());
        let kind = row["kind"].as_str().unwrap();
        if kind == "title" {
            assert!(!obj.contains_key("start") && !obj.contains_key("end"));
            continue;
        }
        assert_eq!(kind, "sentence");
        let (start, end) = (
            row["start"].as_u64().unwrap() as usize,
            row["end"].as_u64().unwrap() as usize,
        );
        let article = body
            .articles
            .iter()
            .find(|a| a.path.to_string_lossy() == row["path"].as_str().unwrap())
            .unwrap();
        assert_eq!(&article.body[start..end], row["text"].as_str().unwrap());
    }
    let scores: Vec<i64> = rows.iter().map(|r| r["score"].as_i64().unwrap()).collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "ranked: {scores:?}"
    );
}

#[test]
fn limit_and_text_format() {
    let out = lede(&["search", "--limit", "3", "nato"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 3);
    assert!(
        text.lines()
            .all(|l| l.starts_with("seeds/") && l.split('\t').count() == 3)
    );
    assert!(json(&["--limit", "0", "a"]).len() > 50);
}

#[test]
fn unreadable_files_are_reported_and_the_rest_searched() {
    // Inside the repository's target folder: tests read nothing outside the repository.
    let dir = tempfile::Builder::new()
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "Jens Stoltenberg said so.\n").unwrap();
    let missing = dir.path().join("missing.txt");
    let out = lede(&[
        "search",
        "--format",
        "json",
        "stoltenberg",
        missing.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.txt"));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| r["path"].as_str().unwrap().ends_with("good.txt"))
    );

    let ok = lede(&[
        "search",
        "nothing-matches-this-zzqq",
        good.to_str().unwrap(),
    ]);
    assert_eq!(ok.status.code(), Some(0));
}

#[test]
fn a_limited_search_prints_the_first_rows_of_the_full_one() {
    let rows = |limit: &str, query: &str| json(&["--limit", limit, query]);
    for query in [
        "turkish soldirs idlib",
        "nato",
        "s",
        "the russia",
        "'an !turkey",
        "er | an",
    ] {
        let all = rows("0", query);
        for limit in [1, 5, 50] {
            let first = &all[..all.len().min(limit)];
            assert_eq!(rows(&limit.to_string(), query), first, "{query} {limit}");
        }
    }
}

#[test]
fn degenerate_queries_get_a_clear_answer() {
    // Ten thousand characters: no word that long, nothing found.
    let long = "stoltenberg".repeat(910);
    assert!(json(&[&long]).is_empty());
    let spaced: String = (0..2000).map(|i| format!("w{i} ")).collect();
    assert!(spaced.len() > 10_000);
    let out = lede(&["search", &spaced]);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("at most 32 can be searched"), "{said}");
    // Only punctuation: looked for as it is (typographic quotes as straight ones).
    let rows = json(&["?\""]);
    assert!(!rows.is_empty());
    for row in rows {
        let text = row["text"].as_str().unwrap();
        assert!(text.contains("?\"") || text.contains("?”"), "{row}");
    }
    assert!(json(&["#%&"]).is_empty());
    // Only exclusions: every row lacks them.
    let rows = json(&["--limit", "0", "!the !a"]);
    assert!(!rows.is_empty());
    for row in &rows {
        let text = row["text"].as_str().unwrap().to_lowercase();
        assert!(!text.contains("the") && !text.contains('a'), "{row}");
    }
}
