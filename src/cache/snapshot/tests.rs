//! The corpus snapshot against real files in a temporary folder: what is taken from it,
//! what is read again, and the damaged snapshots it refuses.

use std::fs;
use std::path::{Path, PathBuf};

use super::super::records::extraction_key;
use super::super::tests::{article, mark_cached, open, three_files, titles};
use super::*;
use crate::cache::Cache;
use crate::corpus::Corpus;

/// Loads `folder` as the reader does: through the snapshot, kept at the end (here once
/// the snapshot is read, so that every file it holds is taken from it).
fn load_through(cache: &Cache, folder: &[PathBuf]) -> Corpus {
    cache.open_snapshot(folder);
    cache.snapshot_read_done();
    let corpus = Corpus::load_reading(folder, |_, _| {}, &|path, part| {
        cache.load_path_in_parts(path, part)
    });
    cache.keep_snapshot();
    corpus
}

/// One run of lede on `folder` with the cache in `cache_dir`: the corpus and what the
/// snapshot's reading had to say.
fn run(cache_dir: &Path, folder: &[PathBuf]) -> (Corpus, Option<String>) {
    let cache = open(cache_dir);
    let corpus = load_through(&cache, folder);
    let notice = cache.take_snapshot_notice();
    assert!(cache.finish().is_empty());
    (corpus, notice)
}

/// The articles as lede shows them, text and all.
fn shown(corpus: &Corpus) -> String {
    format!("{:?}", corpus.articles)
}

/// Three article files in a folder of their own (the cache folder is beside it).
fn articles(dir: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let folder = dir.join("articles");
    fs::create_dir(&folder).unwrap();
    (three_files(&folder), vec![folder])
}

fn header_size() -> usize {
    header().len()
}

/// `bytes` with the checksum in its trailer made right again.
fn with_checksum(mut bytes: Vec<u8>) -> Vec<u8> {
    let end = bytes.len() - 4;
    let crc = crc32fast::hash(&bytes[..end]);
    bytes[end..].copy_from_slice(&crc.to_le_bytes());
    bytes
}

/// Where the entries begin in a snapshot's bytes.
fn entries_at(bytes: &[u8]) -> usize {
    let trailer = bytes.len() - TRAILER;
    let text = u64::from_le_bytes(bytes[trailer..trailer + 8].try_into().unwrap());
    header_size() + text as usize
}

#[test]
fn a_corpus_comes_from_its_snapshot_and_a_changed_file_is_read_alone() {
    let dir = tempfile::tempdir().unwrap();
    let cache_dir = dir.path().join("cache");
    let (files, folder) = articles(dir.path());
    let (first, notice) = run(&cache_dir, &folder);
    assert_eq!(notice, None);
    assert_eq!(titles(&first), ["A", "B", "C"]);
    let snapshot = cache_dir.join(file_name(&folder));
    let kept = fs::read(&snapshot).unwrap();

    // The database now says otherwise: what is shown came from the snapshot, the same
    // articles as read from the files, and the snapshot is left as it was.
    for file in &files {
        mark_cached(&cache_dir, file, "KEPT");
    }
    let (again, _) = run(&cache_dir, &folder);
    let plain = Corpus::load(&folder);
    assert_eq!(shown(&again), shown(&plain));
    assert_eq!(fs::read(&snapshot).unwrap(), kept);
    // The key kept with each text finds the extraction the text itself would.
    for (taken, read) in again.articles.iter().zip(&plain.articles) {
        assert_eq!(extraction_key(taken), extraction_key(read));
    }

    // A changed, a removed and an added file: those are read, the unchanged one still
    // comes from the snapshot, which is written again for these files.
    fs::write(&files[0], article("A AGAIN", "build it longer")).unwrap();
    fs::remove_file(&files[2]).unwrap();
    let added = folder[0].join("d.txt");
    fs::write(&added, article("D", "listen")).unwrap();
    let (changed, _) = run(&cache_dir, &folder);
    assert_eq!(titles(&changed), ["A AGAIN", "B", "D"]);
    assert_ne!(fs::read(&snapshot).unwrap(), kept);

    // All three from the new snapshot now.
    for file in [&files[0], &files[1], &added] {
        mark_cached(&cache_dir, file, "KEPT");
    }
    let (after, _) = run(&cache_dir, &folder);
    assert_eq!(shown(&after), shown(&Corpus::load(&folder)));
}

#[test]
fn a_damaged_snapshot_is_not_used_and_is_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let cache_dir = dir.path().join("cache");
    let (_, folder) = articles(dir.path());
    let plain = shown(&Corpus::load(&folder));
    run(&cache_dir, &folder);
    let file = cache_dir.join(file_name(&folder));
    let whole = fs::read(&file).unwrap();
    let middle = whole.len() / 2;
    let flip = |at: usize| {
        let mut bytes = whole.clone();
        bytes[at] ^= 0x10;
        bytes
    };
    let entries = entries_at(&whole);
    // The first entry's numbers: path size, path, size, times, inode, text start, size.
    let path_size = u32::from_le_bytes(whole[entries..entries + 4].try_into().unwrap()) as usize;
    let text_size_at = entries + 4 + path_size + 5 * 8;
    let with_text_size = |size: u64| {
        let mut bytes = whole.clone();
        bytes[text_size_at..text_size_at + 8].copy_from_slice(&size.to_le_bytes());
        with_checksum(bytes)
    };
    let mut not_utf8 = whole.clone();
    not_utf8[header_size()] = 0xff;
    let mut big_endian = whole.clone();
    big_endian[MAGIC.len()..MAGIC.len() + 4].copy_from_slice(&FORMAT.to_be_bytes());
    let mut other_layout = whole.clone();
    other_layout[MAGIC.len() + 4..MAGIC.len() + 8].copy_from_slice(&(LAYOUT + 1).to_le_bytes());
    // (what, bytes, whether a notice is due)
    let damages: Vec<(&str, Vec<u8>, bool)> = vec![
        ("garbage", b"not a snapshot at all".to_vec(), true),
        ("empty, a writer killed before writing", Vec::new(), true),
        ("cut in half", whole[..middle].to_vec(), true),
        (
            "cut before the checksum",
            whole[..whole.len() - 1].to_vec(),
            true,
        ),
        ("a bit flipped in the texts", flip(header_size() + 3), true),
        ("a bit flipped in the entries", flip(entries + 6), true),
        ("a bit flipped in the trailer", flip(whole.len() - 10), true),
        (
            "bytes after the end",
            [whole.clone(), vec![0]].concat(),
            true,
        ),
        ("texts not UTF-8", with_checksum(not_utf8), true),
        (
            "a file's texts past the buffer",
            with_text_size(u64::MAX / 2),
            true,
        ),
        ("another byte order", big_endian, false),
        ("another layout", other_layout, false),
        // Sound as a whole, but the first file's articles lie past its texts: that file
        // is read from the database instead, silently.
        ("an article past its file's texts", with_text_size(0), false),
    ];
    for (what, bytes, noticed) in damages {
        fs::write(&file, bytes).unwrap();
        let (corpus, notice) = run(&cache_dir, &folder);
        assert_eq!(shown(&corpus), plain, "{what}");
        match notice {
            Some(notice) => {
                assert!(noticed, "{what}: {notice}");
                assert!(notice.contains("rebuilding it"), "{what}: {notice}");
                assert_eq!(notice.lines().count(), 1, "{what}");
            }
            None => assert!(!noticed, "{what}: no notice"),
        }
        // Rebuilt: the next run reads it without a word.
        assert_eq!(fs::read(&file).unwrap(), whole, "{what}");
        let (corpus, notice) = run(&cache_dir, &folder);
        assert_eq!((shown(&corpus), notice), (plain.clone(), None), "{what}");
    }
}

#[test]
fn a_temporary_file_left_by_a_killed_writer_is_not_read_and_cleared_with_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let cache_dir = dir.path().join("cache");
    let (_, folder) = articles(dir.path());
    let (_, notice) = run(&cache_dir, &folder);
    assert_eq!(notice, None);
    let file = cache_dir.join(file_name(&folder));
    let size = fs::metadata(&file).unwrap().len();
    // A writer killed half way leaves its temporary file, never the snapshot.
    let left = cache_dir.join(format!("{TEMPORARY}1-0"));
    fs::write(&left, &fs::read(&file).unwrap()[..10]).unwrap();
    fs::remove_file(&file).unwrap();
    let (corpus, notice) = run(&cache_dir, &folder);
    assert_eq!(
        (titles(&corpus), notice),
        (vec!["A".into(), "B".into(), "C".into()], None)
    );
    assert_eq!(fs::metadata(&file).unwrap().len(), size);

    let cache = open(&cache_dir);
    assert!(cache.info().bytes > size);
    drop(cache);
    crate::cache::clear(&cache_dir).unwrap();
    assert!(!file.exists());
    assert!(!left.exists());
}

#[test]
fn two_processes_writing_the_snapshot_at_once_leave_a_whole_one() {
    let dir = tempfile::tempdir().unwrap();
    let cache_dir = dir.path().join("cache");
    let (files, folder) = articles(dir.path());
    run(&cache_dir, &folder);
    let whole = fs::read(cache_dir.join(file_name(&folder))).unwrap();
    // Both rewrite it (a file changed); each is another process's cache.
    fs::write(&files[1], article("B AGAIN", "wait a little longer")).unwrap();
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| run(&cache_dir, &folder));
        }
    });
    let Found::Snapshot(snapshot) = read(&cache_dir, &file_name(&folder)) else {
        panic!("not a whole snapshot");
    };
    assert_eq!(snapshot.len(), 3);
    assert_ne!(fs::read(cache_dir.join(file_name(&folder))).unwrap(), whole);
    assert!(temporaries(&cache_dir, TEMPORARY).is_empty());
    let (corpus, notice) = run(&cache_dir, &folder);
    assert_eq!(titles(&corpus), ["A", "B AGAIN", "C"]);
    assert_eq!(notice, None);
}

#[test]
fn each_corpus_has_its_own_snapshot_and_the_three_used_last_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let cache_dir = dir.path().join("cache");
    let (_, library) = articles(dir.path());
    run(&cache_dir, &library);
    let kept = fs::read(cache_dir.join(file_name(&library))).unwrap();
    // Other folders opened since leave the library's snapshot as it was.
    let mut others = Vec::new();
    for n in 0..2 {
        let folder = dir.path().join(format!("other{n}"));
        fs::create_dir(&folder).unwrap();
        three_files(&folder);
        run(&cache_dir, std::slice::from_ref(&folder));
        others.push(folder);
    }
    assert_eq!(fs::read(cache_dir.join(file_name(&library))).unwrap(), kept);
    let (corpus, notice) = run(&cache_dir, &library);
    assert_eq!(notice, None);
    assert_eq!(shown(&corpus), shown(&Corpus::load(&library)));
    // A fourth corpus: the snapshot used longest ago goes, three stay.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let fourth = dir.path().join("fourth");
    fs::create_dir(&fourth).unwrap();
    three_files(&fourth);
    run(&cache_dir, std::slice::from_ref(&fourth));
    assert_eq!(snapshots(&cache_dir).len(), 3);
    assert!(cache_dir.join(file_name(&[fourth])).exists());
    assert!(cache_dir.join(file_name(&library)).exists());
}

#[test]
fn articles_taken_from_the_mapped_snapshot_outlive_its_file_replaced_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let cache_dir = dir.path().join("cache");
    let (files, folder) = articles(dir.path());
    run(&cache_dir, &folder);
    let snapshot = cache_dir.join(file_name(&folder));
    let kept = fs::read(&snapshot).unwrap();
    // The database says otherwise: what is shown comes from the snapshot's map (whose
    // pages were given back at the end of the load: read again from the file).
    for file in &files {
        mark_cached(&cache_dir, file, "KEPT");
    }
    let (taken, _) = run(&cache_dir, &folder);
    let plain = shown(&Corpus::load(&folder));
    assert_eq!(shown(&taken), plain);

    // Another lede writes a new snapshot (renamed over the old name), then the cache is
    // cleared: the map keeps the file it was made on, and the articles read the same.
    fs::write(&files[1], article("B AGAIN", "wait a little longer")).unwrap();
    let (changed, _) = run(&cache_dir, &folder);
    assert_eq!(titles(&changed), ["A", "B AGAIN", "C"]);
    assert_ne!(fs::read(&snapshot).unwrap(), kept);
    crate::cache::clear(&cache_dir).unwrap();
    assert!(!snapshot.exists());
    assert_eq!(shown(&taken), plain);
}

#[test]
fn checking_the_entries_gives_the_pages_back_as_it_goes() {
    // Three entries of 40 bytes of text each; in tests the pages are given back every
    // 64 bytes of texts checked: once, after the second entry.
    let text = "x".repeat(120);
    let mut entries = Vec::new();
    for (n, start) in [0u64, 40, 80].into_iter().enumerate() {
        let path = format!("f{n}");
        entries.extend((path.len() as u32).to_le_bytes());
        entries.extend(path.as_bytes());
        entries.extend([0u8; 32]); // the stamp: size, modified, changed, inode
        entries.extend(start.to_le_bytes());
        entries.extend(40u64.to_le_bytes());
        entries.extend(0u32.to_le_bytes()); // an empty record
    }
    let mut released = 0;
    let files = index(&entries, &text, || released += 1).expect("entries agree");
    assert_eq!(files.len(), 3);
    assert_eq!(released, 1);
}
