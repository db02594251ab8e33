//! The cache as users meet it: `lede extract` and `lede show` give the same output with
//! a cold cache, a warm one and a damaged one (rebuilt with a one-line notice, never a
//! failure); several lede processes share one; a lede killed while writing leaves it
//! usable; `lede cache info` and `lede cache clear`.

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

fn lede(cache: &Path, args: &[&str]) -> Output {
    command(cache, args).output().expect("run lede")
}

fn command(cache: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_lede"));
    command
        .arg("--cache-dir")
        .arg(cache)
        .args(args)
        .env_remove("LEDE_DATA_DIR")
        .env("XDG_DATA_HOME", "/nonexistent/lede-test-data");
    command
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A corpus of `n` articles with quotes and figures, in `dir/articles`. The cache keeps
/// no file changed within 3 s of being read (its time stamp might not show a change in
/// that time), so the files are made old enough to be kept.
fn corpus(dir: &Path, n: usize) -> std::path::PathBuf {
    let articles = dir.join("articles");
    fs::create_dir(&articles).unwrap();
    for i in 0..n {
        let text = format!(
            "Council vote number {i}\n\n\"We will build {i} new homes by 2030,\" said Ana Lopez, \
             the mayor of Riverton. The plan costs $4.{i} million, up 12% on last year.\n\n\
             Critics said {i} families had waited too long. \"It is a start,\" said Tom Reyes.\n"
        );
        fs::write(articles.join(format!("{i:03}.txt")), text).unwrap();
    }
    std::thread::sleep(Duration::from_millis(3100));
    articles
}

/// The output of `args` on `articles` with no cache at all (a fresh one, thrown away).
fn reference(dir: &Path, args: &[&str]) -> Vec<u8> {
    let fresh = tempfile::tempdir_in(dir).unwrap();
    let out = lede(fresh.path(), args);
    assert!(out.status.success(), "{}", stderr(&out));
    out.stdout
}

fn extract_args(articles: &Path) -> Vec<String> {
    [
        "extract",
        "--format",
        "jsonl",
        &articles.display().to_string(),
    ]
    .map(String::from)
    .to_vec()
}

fn as_strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

#[test]
fn a_warm_cache_gives_the_same_output_and_info_counts_it() {
    let dir = tempfile::tempdir().unwrap();
    let articles = corpus(dir.path(), 12);
    let cache = dir.path().join("cache");
    let path = articles.display().to_string();
    for args in [
        extract_args(&articles),
        ["show", "--format", "jsonl", &path]
            .map(String::from)
            .to_vec(),
        ["search", "--format", "json", "homes", &path]
            .map(String::from)
            .to_vec(),
    ] {
        let args = as_strs(&args);
        let expected = reference(dir.path(), &args);
        for run in ["cold", "warm"] {
            let out = lede(&cache, &args);
            assert!(out.status.success(), "{run}: {}", stderr(&out));
            assert_eq!(out.stdout, expected, "{run} {args:?}");
            assert_eq!(stderr(&out), "", "{run}");
        }
    }
    let info = lede(&cache, &["cache", "info"]);
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("files: 12"), "{info}");
    assert!(info.contains("extractions: 12"), "{info}");
    assert!(info.contains(&cache.join("cache.sqlite").display().to_string()));

    let cleared = lede(&cache, &["cache", "clear"]);
    assert!(cleared.status.success(), "{}", stderr(&cleared));
    assert!(!cache.join("cache.sqlite").exists());
    let info = lede(&cache, &["cache", "info"]);
    assert!(String::from_utf8_lossy(&info.stdout).contains("no cache yet"));
    assert!(!cache.join("cache.sqlite").exists(), "info makes no cache");
}

/// Keeping what it reads would cost a one-shot search more than it saves the next one:
/// `lede search` makes no cache and keeps nothing in one, but reads what another command
/// kept (and gives the same output either way).
#[test]
fn a_search_reads_the_cache_but_keeps_nothing_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let articles = corpus(dir.path(), 6);
    let cache = dir.path().join("cache");
    let path = articles.display().to_string();
    let search = ["search", "--format", "json", "--limit", "0", "homes", &path];
    let expected = reference(dir.path(), &search);

    let out = lede(&cache, &search);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(out.stdout, expected);
    assert!(
        !cache.join("cache.sqlite").exists(),
        "a search made a cache"
    );

    let files = |cache: &Path| {
        let info = lede(cache, &["cache", "info"]);
        String::from_utf8_lossy(&info.stdout).into_owned()
    };
    // Five of the six files kept by another command: the search reads those from the
    // cache, and the sixth (old enough to be kept) from its file without keeping it.
    let five: Vec<String> = (0..5)
        .map(|i| articles.join(format!("{i:03}.txt")).display().to_string())
        .collect();
    let mut show = vec!["show"];
    show.extend(five.iter().map(String::as_str));
    assert!(lede(&cache, &show).status.success());
    assert!(files(&cache).contains("files: 5"), "{}", files(&cache));
    let out = lede(&cache, &search);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(out.stdout, expected);
    assert!(files(&cache).contains("files: 5"), "{}", files(&cache));
}

#[test]
fn a_changed_file_is_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let articles = corpus(dir.path(), 5);
    let cache = dir.path().join("cache");
    let args = extract_args(&articles);
    let args = as_strs(&args);
    assert!(lede(&cache, &args).status.success());
    fs::write(
        articles.join("002.txt"),
        "Changed\n\n\"Nothing was decided,\" said Mary Chen.\n",
    )
    .unwrap();
    fs::remove_file(articles.join("004.txt")).unwrap();
    let out = lede(&cache, &args);
    assert_eq!(out.stdout, reference(dir.path(), &args));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Mary Chen") && !text.contains("004.txt"),
        "{text}"
    );
}

/// Garbage, a cut file, another program's database: each is a notice (or silently
/// rebuilt), never a failure, and the output is the output without a cache.
#[test]
fn a_damaged_cache_is_rebuilt_never_trusted() {
    let dir = tempfile::tempdir().unwrap();
    let articles = corpus(dir.path(), 20);
    let cache = dir.path().join("cache");
    let database = cache.join("cache.sqlite");
    let args = extract_args(&articles);
    let args = as_strs(&args);
    let expected = reference(dir.path(), &args);
    let warm = |label: &str| {
        let out = lede(&cache, &args);
        assert!(out.status.success(), "{label}: {}", stderr(&out));
        assert_eq!(out.stdout, expected, "{label}");
        out
    };

    warm("first");
    fs::write(
        &database,
        b"this is not a database at all, just some garbage",
    )
    .unwrap();
    let out = warm("garbage");
    let notice = stderr(&out);
    assert_eq!(notice.lines().count(), 1, "{notice}");
    assert!(notice.contains("rebuilding"), "{notice}");
    assert_eq!(stderr(&warm("rebuilt")), "", "rebuilt once");

    // Cut in half: read without failing, and right (SQLite or the records' checksums
    // refuse what is missing).
    let bytes = fs::read(&database).unwrap();
    fs::write(&database, &bytes[..bytes.len() / 2]).unwrap();
    warm("cut");
    warm("after the cut");

    // Bytes flipped all through the file (the header kept).
    let mut bytes = fs::read(&database).unwrap();
    for i in (200..bytes.len()).step_by(97) {
        bytes[i] ^= 0x5a;
    }
    fs::write(&database, &bytes).unwrap();
    warm("flipped");
    warm("after the flips");
}

#[test]
fn processes_sharing_a_cache_do_not_corrupt_it() {
    let dir = tempfile::tempdir().unwrap();
    let articles = corpus(dir.path(), 60);
    let cache = dir.path().join("cache");
    let args = extract_args(&articles);
    let args = as_strs(&args);
    let expected = reference(dir.path(), &args);
    let children: Vec<_> = (0..4)
        .map(|_| {
            command(&cache, &args)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(out.stdout, expected);
        assert_eq!(stderr(&out), "");
    }
    let out = lede(&cache, &args);
    assert_eq!(out.stdout, expected);
    let info = lede(&cache, &["cache", "info"]);
    assert!(String::from_utf8_lossy(&info.stdout).contains("files: 60"));
}

#[test]
fn a_lede_killed_while_writing_leaves_a_cache_that_works() {
    let dir = tempfile::tempdir().unwrap();
    let articles = corpus(dir.path(), 150);
    let cache = dir.path().join("cache");
    let args = extract_args(&articles);
    let args = as_strs(&args);
    let expected = reference(dir.path(), &args);
    for wait in [50, 150, 400] {
        let mut child = command(&cache, &args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(wait));
        child.kill().unwrap();
        child.wait().unwrap();
        let out = lede(&cache, &args);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(out.stdout, expected, "killed after {wait} ms");
    }
}

#[test]
fn an_unusable_cache_folder_is_a_notice_not_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let articles = corpus(dir.path(), 3);
    let blocker = dir.path().join("a-file");
    fs::write(&blocker, b"not a folder").unwrap();
    let args = extract_args(&articles);
    let args = as_strs(&args);
    let out = lede(&blocker.join("cache"), &args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(out.stdout, reference(dir.path(), &args));
    let notice = stderr(&out);
    assert_eq!(notice.lines().count(), 1, "{notice}");
    assert!(notice.contains("without a cache"), "{notice}");
}
