//! `lede highlight` through the real binary, with a data folder of its own.

mod cli_support;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use cli_support::{CACHE, lede, temp_dir};
use serde_json::Value;

const SEED: &str = "002_2dbff7b6134bf374.txt";
const SENTENCE: &str = "Turkish officials, however, were quick to emphasize that the bombing in Idlib province was carried out by Syrian government forces, as both sides attempted to tamp down tensions.";

/// The standard output of a run that must have succeeded, trimmed.
fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "lede failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

fn list_json(data: &Path, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["highlight", "list", "--format", "json"];
    args.extend_from_slice(extra);
    let out = stdout(&lede(data, &args));
    match serde_json::from_str(&out) {
        Ok(Value::Array(items)) => items,
        other => panic!("not a JSON array: {other:?}"),
    }
}

fn seed_copy(dir: &Path) -> PathBuf {
    let text = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("seeds")
            .join(SEED),
    )
    .expect("seed in the repository");
    let path = dir.join("article.txt");
    fs::write(&path, text).expect("write article");
    path
}

#[test]
fn add_list_tag_and_remove_a_highlight_of_a_seed() {
    let data = temp_dir();
    let article = format!("seeds/{SEED}");
    let id = stdout(&lede(
        data.path(),
        &[
            "highlight",
            "add",
            "--article",
            &article,
            "--text",
            SENTENCE,
            "--tag",
            "idlib",
            "--note",
            "who bombed",
        ],
    ));
    assert!(!id.is_empty());

    let listed = list_json(data.path(), &[]);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["id"], id.as_str());
    assert_eq!(listed[0]["article"], article.as_str());
    assert_eq!(listed[0]["quote"]["exact"], SENTENCE);
    assert_eq!(listed[0]["tags"], serde_json::json!(["idlib"]));
    assert_eq!(listed[0]["note"], "who bombed");
    assert_eq!(listed[0]["anchor"]["status"], "exact");

    let tagged = stdout(&lede(
        data.path(),
        &["highlight", "tag", &id, "turkey", "#russia"],
    ));
    assert_eq!(tagged, format!("{id} idlib russia turkey"));
    assert_eq!(list_json(data.path(), &["--tag", "russia"]).len(), 1);
    assert_eq!(list_json(data.path(), &["--tag", "nato"]).len(), 0);

    let text = stdout(&lede(data.path(), &["highlight", "list"]));
    assert!(text.contains(&id) && text.contains("#idlib") && text.contains("who bombed"));

    stdout(&lede(data.path(), &["highlight", "rm", &id]));
    assert!(list_json(data.path(), &[]).is_empty());
    let again = lede(data.path(), &["highlight", "rm", &id]);
    assert_eq!(again.status.code(), Some(1));
}

#[test]
fn text_not_in_the_article_is_an_error_and_writes_nothing() {
    let data = temp_dir();
    let out = lede(
        data.path(),
        &[
            "highlight",
            "add",
            "--article",
            &format!("seeds/{SEED}"),
            "--text",
            "a sentence that is in no article",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not in"), "{err}");
    assert!(!data.path().join("store.json").exists());

    let missing = lede(
        data.path(),
        &[
            "highlight",
            "add",
            "--article",
            "no/such/file.txt",
            "--text",
            "x",
        ],
    );
    assert_eq!(missing.status.code(), Some(1));
    let past = lede(
        data.path(),
        &[
            "highlight",
            "add",
            "--article",
            &format!("seeds/{SEED}"),
            "--text",
            SENTENCE,
            "--occurrence",
            "2",
        ],
    );
    assert_eq!(past.status.code(), Some(1));
    assert!(!data.path().join("store.json").exists());
}

#[test]
fn highlights_follow_an_edited_article_file() {
    let data = temp_dir();
    let article = seed_copy(data.path());
    let article_arg = article.to_str().expect("utf-8 path");
    let id = stdout(&lede(
        data.path(),
        &[
            "highlight",
            "add",
            "--article",
            article_arg,
            "--text",
            SENTENCE,
        ],
    ));
    let status = |data: &Path| {
        let listed = list_json(data, &[]);
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0]["id"], id.as_str());
        listed[0].clone()
    };
    assert_eq!(status(data.path())["anchor"]["status"], "exact");

    // A paragraph inserted above: the same text, further down.
    let original = fs::read_to_string(&article).expect("read article");
    let lead = "An airstrike in northwestern Syria";
    let inserted = original.replacen(
        lead,
        &format!("Editor’s note: this story has been updated with new figures.\n\n{lead}"),
        1,
    );
    fs::write(&article, &inserted).expect("edit article");
    let moved = status(data.path());
    assert_eq!(moved["anchor"]["status"], "moved");
    assert_eq!(moved["quote"]["exact"], SENTENCE);

    // A word changed inside: found again, with a score.
    fs::write(
        &article,
        inserted.replacen("quick to emphasize", "quick to stress", 1),
    )
    .expect("edit article");
    let changed = status(data.path());
    assert_eq!(changed["anchor"]["status"], "reanchored");
    let score = changed["anchor"]["score"].as_f64().expect("a score");
    assert!(score > 0.6 && score < 1.0, "score {score}");
    assert_eq!(
        changed["quote"]["exact"],
        SENTENCE.replace("emphasize", "stress")
    );

    // The passage deleted: orphaned, and kept.
    let without = fs::read_to_string(&article)
        .expect("read article")
        .replace(&SENTENCE.replace("emphasize", "stress"), "");
    fs::write(&article, without).expect("edit article");
    let orphan = status(data.path());
    assert_eq!(orphan["anchor"]["status"], "orphaned");
    assert_eq!(
        orphan["quote"]["exact"],
        SENTENCE.replace("emphasize", "stress")
    );
}

#[test]
fn concurrent_processes_keep_every_highlight() {
    let data = temp_dir();
    let article = format!("seeds/{SEED}");
    let spawned: Vec<_> = (0..8)
        .map(|n| {
            Command::new(env!("CARGO_BIN_EXE_lede"))
                .arg("--data-dir")
                .arg(data.path())
                .args([
                    "highlight",
                    "add",
                    "--article",
                    &article,
                    "--text",
                    SENTENCE,
                ])
                .args(["--tag", &format!("q{n}")])
                .env_remove("LEDE_DATA_DIR")
                .env("LEDE_CACHE_DIR", CACHE)
                .env("LEDE_CACHE_DIR", CACHE)
                .stdout(std::process::Stdio::piped())
                .spawn()
                .expect("spawn lede")
        })
        .collect();
    for child in spawned {
        let out = child.wait_with_output().expect("wait");
        assert!(out.status.success());
    }
    let listed = list_json(data.path(), &[]);
    assert_eq!(listed.len(), 8);
    for n in 0..8 {
        assert_eq!(
            list_json(data.path(), &["--tag", &format!("q{n}")]).len(),
            1
        );
    }
}

/// Two files whose names differ only in a byte that is not UTF-8 (made the same by a lossy
/// conversion) each keep their own highlights: adding, listing by article, and a W3C
/// export imported into another data folder.
#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_keep_their_own_highlights() {
    use std::ffi::OsString;
    use std::os::unix::ffi::OsStringExt;
    let folder = temp_dir();
    let named = |byte: u8| {
        let name = OsString::from_vec([b"caf".as_slice(), &[byte], b".txt"].concat());
        folder.path().join(name)
    };
    let (coffee, tea) = (named(0xe9), named(0xe8));
    fs::write(&coffee, "Coffee\n\nThe cafe served coffee all day.\n").expect("write");
    fs::write(&tea, "Tea\n\nThe cafe served tea all day.\n").expect("write");
    let binary = Path::new(env!("CARGO_BIN_EXE_lede"));
    let run = |data: &Path, args: &[&str], article: &Path, rest: &[&str]| {
        cli_support::lede_command(binary, data, args)
            .arg(article)
            .args(rest)
            .output()
            .expect("run lede")
    };
    let data = temp_dir();
    let add = ["highlight", "add", "--article"];
    stdout(&run(
        data.path(),
        &add,
        &coffee,
        &["--text", "served coffee"],
    ));
    stdout(&run(data.path(), &add, &tea, &["--text", "served tea"]));
    let quotes_of = |data: &Path, article: &Path| -> Vec<String> {
        let list = ["highlight", "list", "--format", "json", "--article"];
        let out = stdout(&run(data, &list, article, &[]));
        let items: Vec<Value> = serde_json::from_str(&out).expect("JSON");
        items
            .iter()
            .map(|h| h["quote"]["exact"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(quotes_of(data.path(), &coffee), ["served coffee"]);
    assert_eq!(quotes_of(data.path(), &tea), ["served tea"]);

    let w3c = folder.path().join("w3c.json");
    fs::write(
        &w3c,
        stdout(&lede(data.path(), &["export", "--format", "w3c"])),
    )
    .expect("write");
    let fresh = temp_dir();
    let import = cli_support::lede_command(binary, fresh.path(), &["import"])
        .arg(&w3c)
        .arg(folder.path())
        .output()
        .expect("run lede");
    assert_eq!(stdout(&import), "2 added, 0 merged, 0 skipped, 0 orphaned");
    assert_eq!(quotes_of(fresh.path(), &coffee), ["served coffee"]);
    assert_eq!(quotes_of(fresh.path(), &tea), ["served tea"]);

    // Without the folder, the import places nothing but keeps each highlight under the
    // file its address names, byte for byte: listed by that file.
    let orphans = temp_dir();
    let import = cli_support::lede_command(binary, orphans.path(), &["import"])
        .arg(&w3c)
        .output()
        .expect("run lede");
    assert_eq!(stdout(&import), "0 added, 0 merged, 0 skipped, 2 orphaned");
    assert_eq!(quotes_of(orphans.path(), &coffee), ["served coffee"]);
    assert_eq!(quotes_of(orphans.path(), &tea), ["served tea"]);
}
