//! The cache against real files in a temporary folder: what is read from it, what is read
//! again, and what it refuses.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;

use super::records::{ExtractionRecord, PartRecord, decode, encode, extraction_key};
use super::{Cache, DATABASE, Kept};
use crate::corpus::{Corpus, FileLoad};

/// A cache in `dir` that keeps files however recently they changed (the files here are
/// written a moment before they are read).
pub(super) fn open(dir: &Path) -> Cache {
    let (cache, notices) = Cache::open(dir);
    assert!(notices.is_empty(), "{notices:?}");
    let mut cache = cache.unwrap();
    cache.racy = Duration::ZERO;
    cache
}

pub(super) fn load(cache: &Cache, paths: &[PathBuf]) -> Corpus {
    Corpus::load_reading(paths, |_, _| {}, &|path, part| {
        cache.load_path_in_parts(path, part)
    })
}

pub(super) fn titles(corpus: &Corpus) -> Vec<String> {
    corpus.articles.iter().map(|a| a.title.clone()).collect()
}

pub(super) fn article(title: &str, words: &str) -> String {
    format!("{title}\n\n\"We will {words},\" said Ana Lopez, the mayor. About 40 people came.\n")
}

/// Rewrites what the cache keeps for `file` so that its first article's title is
/// `title`: a load that shows `title` read the cache, not the file.
pub(super) fn mark_cached(cache_dir: &Path, file: &Path, title: &str) {
    let db = Connection::open(cache_dir.join(DATABASE)).unwrap();
    let key = file.as_os_str().as_encoded_bytes().to_vec();
    let bytes: Vec<u8> = db
        .query_row(
            "SELECT record FROM parts WHERE path = ?1 AND part = 0",
            [&key],
            |row| row.get(0),
        )
        .unwrap();
    let mut record = decode::<PartRecord>(&bytes).unwrap();
    record.articles[0].0.title = title.to_string();
    db.execute(
        "UPDATE parts SET record = ?1 WHERE path = ?2 AND part = 0",
        (encode(&record), &key),
    )
    .unwrap();
}

pub(super) fn three_files(dir: &Path) -> Vec<PathBuf> {
    let files: Vec<PathBuf> = ["a.txt", "b.txt", "c.txt"]
        .iter()
        .map(|name| dir.join(name))
        .collect();
    for (file, words) in files.iter().zip(["build", "wait", "vote"]) {
        let title = file.file_stem().unwrap().to_string_lossy().to_uppercase();
        fs::write(file, article(&title, words)).unwrap();
    }
    files
}

#[test]
fn an_unchanged_file_is_read_from_the_cache_and_a_changed_one_from_disk() {
    let dir = tempfile::tempdir().unwrap();
    let cache_dir = dir.path().join("cache");
    let files = three_files(dir.path());
    let folder = vec![dir.path().to_path_buf()];
    {
        let cache = open(&cache_dir);
        assert_eq!(titles(&load(&cache, &folder)), ["A", "B", "C"]);
        assert!(cache.finish().is_empty());
    }
    for file in &files {
        mark_cached(&cache_dir, file, "KEPT");
    }
    // Changed, removed and added files are read; the unchanged one comes from the cache.
    fs::write(&files[0], article("A AGAIN", "build it longer")).unwrap();
    fs::remove_file(&files[2]).unwrap();
    fs::write(dir.path().join("d.txt"), article("D", "listen")).unwrap();
    let cache = open(&cache_dir);
    let corpus = load(&cache, &folder);
    assert_eq!(titles(&corpus), ["A AGAIN", "KEPT", "D"]);
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    // What came from the cache is the article as read, with its own path and text.
    let kept = &corpus.articles[1];
    assert_eq!(kept.path, files[1]);
    assert!(kept.body.contains("We will wait"));
}

#[test]
fn articles_from_the_cache_are_those_read_from_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let cache_dir = dir.path().join("cache");
    three_files(dir.path());
    fs::write(
        dir.path().join("set.jsonl"),
        "{\"title\": \"One\", \"text\": \"First record text.\"}\nnot json\n\
         {\"title\": \"Two\", \"text\": \"Second record, \\\"quoted\\\" here.\", \"date\": \"2024-03-01\"}\n",
    )
    .unwrap();
    let folder = vec![dir.path().to_path_buf()];
    let plain = Corpus::load(&folder);
    let first = {
        let cache = open(&cache_dir);
        let corpus = load(&cache, &folder);
        cache.finish();
        corpus
    };
    let cache = open(&cache_dir);
    let again = load(&cache, &folder);
    for corpus in [&first, &again] {
        assert_eq!(
            format!("{:?}", corpus.articles),
            format!("{:?}", plain.articles)
        );
        assert_eq!(corpus.problems, plain.problems);
    }
    assert_eq!(plain.problems.len(), 1, "the bad line");
}

#[test]
fn extractions_come_back_from_the_cache_with_their_ranges_checked() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = Corpus::seeds();
    let cache_dir = dir.path().join("cache");
    let expected: Vec<String> = corpus
        .articles
        .iter()
        .map(|a| format!("{:?}", crate::extract::extract(a)))
        .collect();
    {
        let cache = open(&cache_dir);
        for (article, expected) in corpus.articles.iter().zip(&expected) {
            assert_eq!(&format!("{:?}", cache.extraction(article)), expected);
        }
        cache.finish();
    }
    let cache = open(&cache_dir);
    assert_eq!(cache.info().extractions, corpus.articles.len() as u64);
    for (article, expected) in corpus.articles.iter().zip(&expected) {
        assert_eq!(&format!("{:?}", cache.extraction(article)), expected);
    }
    // A kept record whose ranges do not fit the article is a miss: extracted again.
    let (index, quoted) = corpus
        .articles
        .iter()
        .enumerate()
        .find(|(_, a)| !crate::extract::extract(a).quotes.is_empty())
        .unwrap();
    let mut wrong = ExtractionRecord::of(&crate::extract::extract(quoted));
    wrong.quotes[0].4 = quoted.body.len() as u64 + 10;
    assert!(wrong.clone().extraction(&quoted.body).is_none());
    let db = Connection::open(cache_dir.join(DATABASE)).unwrap();
    let key = super::records::extraction_key(quoted);
    let updated = db
        .execute(
            "UPDATE extractions SET record = ?1 WHERE key = ?2",
            (encode(&wrong), &key[..]),
        )
        .unwrap();
    assert_eq!(updated, 1);
    assert_eq!(format!("{:?}", cache.extraction(quoted)), expected[index]);
}

#[test]
fn extractions_read_together_are_those_read_one_by_one_and_a_bad_record_is_redone() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = Corpus::seeds();
    let cache_dir = dir.path().join("cache");
    let articles: Vec<&crate::corpus::Article> = corpus.articles.iter().collect();
    let expected: Vec<String> = articles
        .iter()
        .map(|a| format!("{:?}", crate::extract::extract(a)))
        .collect();
    let debug = |extractions: Vec<crate::extract::Extraction>| -> Vec<String> {
        extractions.iter().map(|e| format!("{e:?}")).collect()
    };
    {
        // Nothing kept yet: all extracted, and kept.
        let cache = open(&cache_dir);
        assert_eq!(debug(cache.extractions(&articles)), expected);
        cache.finish();
    }
    let cache = open(&cache_dir);
    assert_eq!(cache.info().extractions, articles.len() as u64);
    // Kept: read back, in the order asked (not the keys' order), also in reverse.
    assert_eq!(debug(cache.extractions(&articles)), expected);
    let reversed: Vec<&crate::corpus::Article> = articles.iter().rev().copied().collect();
    let mut expected_reversed = expected.clone();
    expected_reversed.reverse();
    assert_eq!(debug(cache.extractions(&reversed)), expected_reversed);
    assert!(cache.extractions(&[]).is_empty());
    // A record that does not decode is extracted again, the others still read.
    let db = Connection::open(cache_dir.join(DATABASE)).unwrap();
    let key = extraction_key(articles[1]);
    let updated = db
        .execute(
            "UPDATE extractions SET record = x'0102030405' WHERE key = ?1",
            [&key[..]],
        )
        .unwrap();
    assert_eq!(updated, 1);
    assert_eq!(debug(cache.extractions(&articles)), expected);
}

#[test]
fn which_extractions_are_kept_is_known_without_reading_them_and_read_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let cache_dir = dir.path().join("cache");
    let corpus = Corpus::seeds();
    let keys: Vec<[u8; 16]> = corpus.articles.iter().map(extraction_key).collect();
    let cache = open(&cache_dir);
    assert_eq!(cache.extractions_kept(&keys), vec![false; keys.len()]);
    for article in &corpus.articles[..3] {
        cache.extraction(article);
    }
    cache.finish();
    let cache = open(&cache_dir);
    let kept = cache.extractions_kept(&keys);
    assert_eq!(kept, [true, true, true, false, false]);
    for (i, (article, key)) in corpus.articles.iter().zip(&keys).enumerate() {
        match cache.kept_extraction(article, key) {
            Kept::Found(found) => assert_eq!(
                format!("{found:?}"),
                format!("{:?}", crate::extract::extract(article))
            ),
            Kept::Missing => assert!(!kept[i]),
            Kept::Damaged(notice) => panic!("{notice}"),
        }
    }
    // Damaged bytes: told, never trusted; extracted again (and kept in their place).
    let db = Connection::open(cache_dir.join(DATABASE)).unwrap();
    db.execute(
        "UPDATE extractions SET record = x'0102030405' WHERE key = ?1",
        [&keys[1][..]],
    )
    .unwrap();
    let article = &corpus.articles[1];
    assert!(matches!(
        cache.kept_extraction(article, &keys[1]),
        Kept::Damaged(notice) if notice.starts_with("cache: ") && !notice.contains('\n')
    ));
    let (again, notice) = cache.extraction_noting(article);
    assert!(notice.is_some());
    assert_eq!(
        format!("{again:?}"),
        format!("{:?}", crate::extract::extract(article))
    );
    cache.finish();
    assert!(matches!(
        open(&cache_dir).kept_extraction(article, &keys[1]),
        Kept::Found(_)
    ));
}

#[test]
fn a_file_read_partly_is_not_kept() {
    let dir = tempfile::tempdir().unwrap();
    let cache_dir = dir.path().join("cache");
    let lines: String = (0..600)
        .map(|i| format!("{{\"title\": \"T{i}\", \"text\": \"Text number {i}.\"}}\n"))
        .collect();
    let file = dir.path().join("big.jsonl");
    fs::write(&file, lines).unwrap();
    let cache = open(&cache_dir);
    let mut parts = 0;
    cache.load_path_in_parts(&file, |_: FileLoad| {
        parts += 1;
        false
    });
    assert_eq!(parts, 1);
    cache.finish();
    assert_eq!(open(&cache_dir).info().files, 0);
}

#[test]
fn another_programs_database_is_left_alone_and_another_layout_rebuilt_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let cache_dir = dir.path().join("cache");
    fs::create_dir(&cache_dir).unwrap();
    let other = Connection::open(cache_dir.join(DATABASE)).unwrap();
    other
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    drop(other);
    let (cache, notices) = Cache::open(&cache_dir);
    assert!(cache.is_none(), "another program's database is not used");
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(notices[0].contains("not lede's cache"), "{notices:?}");
    let kept = Connection::open(cache_dir.join(DATABASE)).unwrap();
    let x: i64 = kept
        .query_row("SELECT x FROM t", [], |row| row.get(0))
        .unwrap();
    assert_eq!(x, 1, "its data is untouched");
    drop(kept);
    fs::remove_file(cache_dir.join(DATABASE)).unwrap();

    let (cache, notices) = Cache::open(&cache_dir);
    assert!(cache.is_some() && notices.is_empty(), "{notices:?}");
    drop(cache);

    let db = Connection::open(cache_dir.join(DATABASE)).unwrap();
    db.execute("UPDATE meta SET value = '999' WHERE key = 'format'", [])
        .unwrap();
    drop(db);
    let (cache, notices) = Cache::open(&cache_dir);
    assert!(cache.is_some());
    assert!(notices[0].contains("layout 999"), "{notices:?}");
    drop(cache);
    let (_, notices) = Cache::open(&cache_dir);
    assert!(notices.is_empty(), "rebuilt once: {notices:?}");
}

#[test]
fn a_cache_found_damaged_in_use_is_reported_and_rebuilt_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let cache_dir = dir.path().join("cache");
    let cache = open(&cache_dir);
    cache
        .damaged
        .store(true, std::sync::atomic::Ordering::Relaxed);
    let notices = cache.finish();
    assert!(notices[0].contains("damaged"), "{notices:?}");
    drop(cache);
    let (cache, notices) = Cache::open(&cache_dir);
    assert!(cache.is_some());
    assert!(notices[0].contains("rebuilding"), "{notices:?}");
}

#[test]
fn clearing_removes_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let cache_dir = dir.path().join("cache");
    let files = three_files(dir.path());
    let cache = open(&cache_dir);
    load(&cache, &files);
    cache.finish();
    assert_eq!(cache.info().files, 3);
    drop(cache);
    assert!(super::clear(&cache_dir).unwrap() > 0);
    assert!(!cache_dir.join(DATABASE).exists());
    assert_eq!(open(&cache_dir).info().files, 0);
}

#[test]
fn a_copy_of_a_cached_article_read_later_is_still_one_article() {
    let dir = tempfile::tempdir().unwrap();
    let cache_dir = dir.path().join("cache");
    let files = three_files(dir.path());
    let folder = vec![dir.path().to_path_buf()];
    {
        let cache = open(&cache_dir);
        load(&cache, &folder);
        cache.finish();
    }
    fs::copy(&files[1], dir.path().join("b-copy.txt")).unwrap();
    let cache = open(&cache_dir);
    let corpus = load(&cache, &folder);
    assert_eq!(titles(&corpus), ["A", "B", "C"]);
    assert_eq!(corpus.articles[1].origin.duplicates.len(), 1);
}

#[test]
fn a_file_whose_reading_gave_a_problem_is_not_kept() {
    let dir = tempfile::tempdir().unwrap();
    let cache_dir = dir.path().join("cache");
    let texts = dir.path().join("texts");
    fs::create_dir(&texts).unwrap();
    fs::write(texts.join("good.txt"), article("Good", "stay")).unwrap();
    fs::write(
        texts.join("set.jsonl"),
        "{\"title\": \"One\", \"text\": \"First record text.\"}\nnot json\n",
    )
    .unwrap();
    let cache = open(&cache_dir);
    let folder = vec![texts];
    let corpus = load(&cache, &folder);
    assert_eq!(corpus.problems.len(), 1, "{:?}", corpus.problems);
    cache.finish();
    let cache = open(&cache_dir);
    assert_eq!(
        cache.info().files,
        1,
        "only the file read without a problem"
    );
    let again = load(&cache, &folder);
    assert_eq!(
        again.problems, corpus.problems,
        "the problem is found again"
    );
}

#[test]
fn a_cache_another_process_holds_locked_is_left_after_a_short_wait() {
    let dir = tempfile::tempdir().unwrap();
    let cache_dir = dir.path().join("cache");
    open(&cache_dir).finish();
    let holder = Connection::open(cache_dir.join(DATABASE)).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = std::time::Instant::now();
    let (cache, notices) = Cache::open(&cache_dir);
    // The wait is bounded (it was 50 tries of 5 s each): a generous limit, not a timing.
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    assert!(cache.is_none());
    assert!(
        notices[0].contains("working without a cache"),
        "{notices:?}"
    );
    holder.execute_batch("ROLLBACK").unwrap();
    assert!(
        cache_dir.join(DATABASE).exists(),
        "another's database is not deleted"
    );
}

#[test]
fn a_file_changed_while_it_was_read_is_not_kept() {
    let dir = tempfile::tempdir().unwrap();
    let cache_dir = dir.path().join("cache");
    let file = dir.path().join("story.txt");
    fs::write(&file, article("Before", "stay")).unwrap();
    let cache = open(&cache_dir);
    cache.load_path_in_parts(&file, |_: FileLoad| {
        // Another program rewrites the file after lede read it, before it is kept.
        fs::write(&file, article("After", "change the plan")).unwrap();
        true
    });
    cache.finish();
    let cache = open(&cache_dir);
    assert_eq!(cache.info().files, 0, "what was read is no longer the file");
    assert_eq!(titles(&load(&cache, &[file])), ["After"]);
}

#[test]
fn a_file_read_twice_taken_from_the_snapshot_once_counts_as_taken() {
    use super::Served::{Early, Missed, Taken};
    // Read early by a first pass, then taken from the snapshot by a second: the snapshot
    // holds it, so it is not a reason to write a new one.
    assert_eq!(Early.and(Taken), Taken);
    assert_eq!(Taken.and(Early), Taken);
    assert_eq!(Taken.and(Taken), Taken);
    assert_eq!(Early.and(Early), Early);
    for other in [Early, Taken, Missed] {
        assert_eq!(Missed.and(other), Missed);
        assert_eq!(other.and(Missed), Missed);
    }
}
