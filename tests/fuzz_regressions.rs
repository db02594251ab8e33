//! Every input a fuzz target (`fuzz/`) ever failed on stays here as a regression test,
//! under `tests/fixtures/fuzz/TARGET/`; and the same checks run on random bytes, so
//! `cargo test` on stable exercises what the fuzzers do.

mod fuzz_checks;

use std::path::Path;

use proptest::prelude::*;

type Check = fn(&[u8]);

const TARGETS: &[(&str, Check)] = &[
    ("document", fuzz_checks::document),
    ("html", fuzz_checks::html),
    ("jsonl", fuzz_checks::jsonl),
    ("front_matter", fuzz_checks::front_matter),
    ("sentences", fuzz_checks::sentence_split),
    ("layout", fuzz_checks::layout),
    ("search_query", fuzz_checks::search_query),
    ("keymap", fuzz_checks::keymap),
    ("theme", fuzz_checks::theme),
    ("extraction", fuzz_checks::extraction),
    ("anchoring", fuzz_checks::anchoring),
    ("store_files", fuzz_checks::store_files),
    ("import_w3c", fuzz_checks::import_w3c),
    ("import_clippings", fuzz_checks::import_clippings),
    ("time_parsers", fuzz_checks::time_parsers),
];

#[test]
fn inputs_the_fuzzers_found_still_pass() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut ran = 0;
    for (target, check) in TARGETS {
        let Ok(entries) = std::fs::read_dir(root.join(target)) else {
            continue;
        };
        for entry in entries.flatten() {
            let data = std::fs::read(entry.path()).unwrap();
            eprintln!("{target}: {}", entry.path().display());
            check(&data);
            ran += 1;
        }
    }
    eprintln!("{ran} regression inputs");
}

/// Bytes that look a little like the formats, so random cases reach past the first check.
fn input() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        any::<u8>().prop_map(|b| vec![b]),
        prop::sample::select(vec![
            "<p>",
            "</p>",
            "<div class=\"article-body\">",
            "</div>",
            "<script>",
            "<br>",
            "<article>",
            "<h1>",
            "&#27;",
            "&amp;",
            "---\n",
            "title: ",
            "\n",
            "\n\n",
            "# ",
            "[a](b)",
            "**",
            "{\"text\":\"",
            "\"}",
            "\",\"title\":\"",
            "\\u001b",
            "Mr. ",
            "U.S. ",
            ". ",
            "“",
            "”",
            "日本",
            "\u{1b}]0;",
            "\u{7}",
            "==========\n",
            "- Your Highlight on Location 1-9 | Added on Friday, February 28, 2020 9:05:00 PM\n",
            "- Your Note on Location 9\n",
            "{\"type\":\"Annotation\",\"target\":{\"source\":\"seeds/000_4c127d6cd1a64f9a.txt\",\"selector\":{\"type\":\"TextQuoteSelector\",\"exact\":\"",
            "NATO",
            "2020-02-28T10:00:00+01:00",
            "{\"v\":2,\"put\":[",
            "\u{fe}",
            "said the mayor.",
            "33 soldiers",
            " ",
            "word",
            "Word",
            "'",
            "!",
            "^",
            "$",
            "|",
            "~",
            "\\ ",
            "stolt",
            "nato",
            "PeÃ±a",
            "[global]\n",
            "[reader]\n",
            "j = \"down\"\n",
            "ctrl-",
            "shift-",
            "\"shift-tab\" = ",
            " = \"none\"\n",
            "key = { fg = \"",
            "\", bg = \"",
            "#a0b0c0",
            "lightred",
            "255",
            "mouse = false\n",
            "text_width = ",
        ])
        .prop_map(|s| s.as_bytes().to_vec()),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(64),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_target_survives_random_input(data in input()) {
        for (_, check) in TARGETS {
            check(&data);
        }
    }
}
