//! The corpus snapshot: every article of a corpus opened, in one file beside the database
//! (`corpus-snapshot-…`, one per set of paths opened; the three used last are kept), read
//! in one pass when that corpus is opened again.
//! Asking the database for 50,000 files one by one, and decoding each, cost most of a
//! warm reopen; the snapshot's texts are one buffer that the articles share
//! ([`TextHandle::in_shared`]) instead of one allocation each.
//!
//! The file is a header (what it is, the cache's `FORMAT`, the layout, the code that read
//! the articles), the texts of all files one after another, the entries, then a trailer:
//! the sizes of the texts and entries (little-endian) and a CRC-32 of all before it. An
//! entry names a file by its path and stamp, and gives where its texts are and a record
//! (postcard) of its articles' metadata and ranges. A file whose stamp is another, or
//! that is not in the snapshot, is read as usual: the snapshot is only ever a shortcut
//! for files the cache vouches for. It is mapped into memory, not read ([`read_file`]
//! says why that is sound). Reading checks the sizes, the checksum, that the texts are
//! UTF-8, and every range against the buffer; a snapshot that fails any check is not
//! used. It is written to a temporary file and renamed into place.

use std::fs::{self, File};
use std::io::{self, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::corpus::{FileLoad, SharedText, TextHandle};

use super::index_file::{release_pages, releasing_behind, temporaries, write_checked};
use super::records::{ArticleRecord, PartRecord, decode, ranges};
use super::stamp::Stamp;
use super::{CODE_ARTICLES, FORMAT};

/// Every snapshot's name starts so; then comes its corpus ([`file_name`]).
pub(super) const SNAPSHOT_PREFIX: &str = "corpus-snapshot";
/// How many snapshots (corpora) are kept: the most recently used.
const KEPT_SNAPSHOTS: usize = 3;
/// Temporary files are this name, then the process id and a number.
const TEMPORARY: &str = "corpus-snapshot.tmp-";

const MAGIC: &[u8; 16] = b"lede corpus snap";
const LAYOUT: u32 = 1;
/// The sizes of the texts and of the entries, then the checksum.
const TRAILER: usize = 8 + 8 + 4;
/// Once this many bytes of texts more were loaded, the map's pages are given back: the
/// texts read so far (their fingerprint, their ranges' char boundaries) are not read
/// again during the load, so the snapshot counts as this process's memory by about this
/// much at a time instead of its whole size (279 MB of 50,000 articles, two thirds of a
/// reopen's peak).
/// (In tests, a few bytes: their loads give pages back between articles too.)
const LOADED_BETWEEN_RELEASES: usize = if cfg!(test) { 64 } else { 32 << 20 };

/// What a read of the snapshot found.
pub(super) enum Found {
    Snapshot(Snapshot),
    /// None kept, or one of another layout or other code: silently rebuilt.
    Missing,
    /// A file that is not a whole snapshot: rebuilt, with a notice.
    Damaged(String),
}

/// A snapshot read: the texts of its files, and where each file's articles are.
pub(super) struct Snapshot {
    /// The texts: a range of the mapped file.
    text: Arc<SharedText>,
    map: Arc<memmap2::Mmap>,
    /// Where the entries are in the mapped file.
    entries: Range<usize>,
    files: foldhash::HashMap<Vec<u8>, Entry>,
    /// How many bytes of texts were loaded ([`Snapshot::file_load`]), by every thread.
    loaded: AtomicUsize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    stamp: Stamp,
    /// The file's texts, in the snapshot's text (on char boundaries).
    text: Range<usize>,
    /// Its record ([`Parts`]), in the entries.
    record: Range<usize>,
}

/// A file's parts, each a list of articles.
type Parts = Vec<Vec<ArticleAt>>;

/// An article in the snapshot: its metadata, its body (a range of its file's texts) and
/// its paragraphs and sentences (ranges of its body), as [`super::records::TextRecord`]
/// gives them.
#[derive(Serialize, Deserialize)]
struct ArticleAt {
    article: ArticleRecord,
    body: (u64, u64),
    paragraphs: Vec<(u64, u64, u8)>,
    sentences: Vec<(u64, u64, u64)>,
    /// Its text's key ([`super::records::text_key`]), so that finding its extraction
    /// does not hash its text again.
    key: [u8; 16],
}

fn header() -> Vec<u8> {
    let mut header = MAGIC.to_vec();
    header.extend_from_slice(&FORMAT.to_le_bytes());
    header.extend_from_slice(&LAYOUT.to_le_bytes());
    header.extend_from_slice(&(CODE_ARTICLES.len() as u32).to_le_bytes());
    header.extend_from_slice(CODE_ARTICLES.as_bytes());
    header
}

/// The snapshot file of the corpus opened from `roots` (the paths as given): each corpus
/// has its own, so that opening another folder does not replace the library's.
pub(super) fn file_name(roots: &[PathBuf]) -> String {
    let mut roots: Vec<PathBuf> = roots
        .iter()
        .map(|root| fs::canonicalize(root).unwrap_or_else(|_| root.clone()))
        .collect();
    roots.sort();
    let mut crc = crc32fast::Hasher::new();
    for root in &roots {
        crc.update(root.as_os_str().as_encoded_bytes());
        crc.update(&[0]);
    }
    format!("{SNAPSHOT_PREFIX}-{:08x}", crc.finalize())
}

/// Reads the snapshot `name` in `dir`. One that is used is marked as just used (its
/// modification time), so that it is among the snapshots kept.
pub(super) fn read(dir: &Path, name: &str) -> Found {
    let file = dir.join(name);
    match read_file(&file) {
        Ok(found) => {
            if matches!(found, Found::Snapshot(_))
                && let Ok(opened) = File::options().append(true).open(&file)
            {
                let _ = opened.set_modified(std::time::SystemTime::now());
            }
            found
        }
        Err(err) if err.kind() == io::ErrorKind::NotFound => Found::Missing,
        Err(err) => Found::Damaged(err.to_string()),
    }
}

fn read_file(file: &Path) -> io::Result<Found> {
    let damaged = |reason: &str| Ok(Found::Damaged(reason.to_string()));
    let input = File::open(file)?;
    let expected = header();
    if input.metadata()?.len() < (expected.len() + TRAILER) as u64 {
        return damaged("too short");
    }
    // Mapped, not read: the texts are used where they lie in the page cache instead of
    // being copied into memory of our own (a third of a CPU second for 260 MB, most of
    // it the copy and its page faults).
    //
    // SAFETY: a map is only sound while nobody changes the file under it. Lede never
    // writes a snapshot in place: it writes a temporary file and renames it over the
    // old name ([`write_checked`]), and removes old ones with `unlink`. Either way this
    // map keeps the inode it was made on, whose bytes no lede process writes again, so
    // the bytes checked below (sizes, checksum, UTF-8, ranges) are the bytes read as
    // long as the map lives. Only another program writing the cache folder's files in
    // place (a folder that is the user's own, 0700) could change them under the map,
    // which is outside what the cache defends against (see `bodies_as_indexed`).
    let map = Arc::new(unsafe { memmap2::Mmap::map(&input)? });
    let bytes: &[u8] = &map;
    let size = bytes.len();
    let (Some(between), Some(got), Some(trailer)) = (
        size.checked_sub(expected.len() + TRAILER),
        bytes.get(..expected.len()),
        size.checked_sub(TRAILER).and_then(|at| bytes.get(at..)),
    ) else {
        return damaged("too short");
    };
    if got[..MAGIC.len()] != MAGIC[..] {
        return damaged("not a corpus snapshot");
    }
    if got != expected {
        return Ok(Found::Missing);
    }
    let number = |at: usize| {
        let bytes: [u8; 8] = trailer[at..at + 8].try_into().unwrap_or_default();
        u64::from_le_bytes(bytes)
    };
    let (text_size, entries_size) = (number(0), number(8));
    if text_size.checked_add(entries_size) != Some(between as u64) {
        return damaged("its sizes do not agree");
    }
    // Both fit in `between`, itself a part of the map.
    let text = expected.len()..expected.len() + text_size as usize;
    let entries = text.end..text.end + entries_size as usize;
    // The checksum is of everything before it: header, texts, entries and the two
    // sizes; the texts are checked to be UTF-8 in the same pass.
    let mut crc = crc32fast::Hasher::new();
    crc.update(got);
    // The pages checked are given back as the pass goes: it reads the whole snapshot,
    // which would otherwise all count as this process's memory at once.
    let text = {
        let mut release = releasing_behind(&map, text.start);
        SharedText::mapped(Arc::clone(&map), text, |piece| {
            crc.update(piece);
            release(piece.len());
        })
    };
    crc.update(bytes.get(entries.start..size - 4).unwrap_or_default());
    let stored: [u8; 4] = trailer[16..].try_into().unwrap_or_default();
    let Some(text) = text else {
        return damaged("its text is not UTF-8");
    };
    if crc.finalize() != u32::from_le_bytes(stored) {
        return damaged("checksum mismatch");
    }
    let Some(files) = index(
        bytes.get(entries.clone()).unwrap_or_default(),
        text.as_str(),
        || release_pages(&map),
    ) else {
        return damaged("its entries do not agree");
    };
    // Checked: the pages are given back, and the load maps again what it reads, a part
    // at a time (see `LOADED_BETWEEN_RELEASES`).
    release_pages(&map);
    Ok(Found::Snapshot(Snapshot {
        text: Arc::new(text),
        map,
        entries,
        files,
        loaded: AtomicUsize::new(0),
    }))
}

/// Where each file's entry is, if every entry is whole, names its file once, and has its
/// texts on char boundaries of `text`. Checking the boundaries touches a page or two of
/// each text, so `release` (giving the map's pages back) is called every
/// [`LOADED_BETWEEN_RELEASES`] bytes of texts checked.
fn index(
    entries: &[u8],
    text: &str,
    mut release: impl FnMut(),
) -> Option<foldhash::HashMap<Vec<u8>, Entry>> {
    let mut files = foldhash::HashMap::default();
    let mut checked = 0;
    let mut cursor = Cursor {
        bytes: entries,
        at: 0,
    };
    while cursor.at < entries.len() {
        let path_size = cursor.u32()? as usize;
        let path = cursor.take(path_size)?.to_vec();
        let stamp = Stamp {
            size: cursor.u64()?,
            modified: cursor.u64()? as i64,
            changed: cursor.u64()? as i64,
            inode: cursor.u64()?,
        };
        let start = usize::try_from(cursor.u64()?).ok()?;
        let end = start.checked_add(usize::try_from(cursor.u64()?).ok()?)?;
        text.get(start..end)?;
        checked += end - start;
        if checked >= LOADED_BETWEEN_RELEASES {
            release();
            checked = 0;
        }
        let record_size = cursor.u32()? as usize;
        let record = cursor.at..cursor.at.checked_add(record_size)?;
        cursor.take(record_size)?;
        let entry = Entry {
            stamp,
            text: start..end,
            record,
        };
        if files.insert(path, entry).is_some() {
            return None;
        }
    }
    Some(files)
}

/// Reads the entries' numbers (little-endian), never past their end.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, size: usize) -> Option<&'a [u8]> {
        let taken = self.bytes.get(self.at..self.at.checked_add(size)?)?;
        self.at += size;
        Some(taken)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
}

impl Snapshot {
    /// The bytes of the entries.
    fn entries(&self) -> &[u8] {
        self.map.get(self.entries.clone()).unwrap_or_default()
    }

    /// Gives back the pages of the map read so far: once the load is done, what is read
    /// of the texts (an article opened, the matches of a search) is mapped again from
    /// the page cache when read, instead of the whole snapshot counting as this
    /// process's memory for as long as it runs.
    pub(super) fn release_pages(&self) {
        release_pages(&self.map);
    }

    /// How many files it holds.
    pub(super) fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether it holds the file of `key` under `stamp`.
    pub(super) fn holds(&self, key: &[u8], stamp: Stamp) -> bool {
        self.files.get(key).is_some_and(|e| e.stamp == stamp)
    }

    /// What `file` (whose key is `key`) gave, if the snapshot holds it under `stamp` and
    /// every article in it makes sense; its articles' bodies are the snapshot's text.
    pub(super) fn file_load(&self, key: &[u8], stamp: Stamp, file: &Path) -> Option<Vec<FileLoad>> {
        let entry = self.files.get(key).filter(|e| e.stamp == stamp)?;
        let parts: Parts = postcard::from_bytes(self.entries().get(entry.record.clone())?).ok()?;
        parts
            .into_iter()
            .map(|articles| {
                let articles = articles
                    .into_iter()
                    .map(|at| {
                        let start = entry
                            .text
                            .start
                            .checked_add(usize::try_from(at.body.0).ok()?)?;
                        let end = start.checked_add(usize::try_from(at.body.1).ok()?)?;
                        (end <= entry.text.end).then_some(())?;
                        let (paragraphs, sentences) = ranges(&at.paragraphs, &at.sentences)?;
                        let text = TextHandle::in_shared(
                            &self.text,
                            start..end,
                            paragraphs,
                            sentences,
                            Some(at.key),
                        )?;
                        at.article.article_in(file, text)
                    })
                    .collect::<Option<Vec<_>>>()?;
                Some(FileLoad {
                    articles,
                    problems: Vec::new(),
                })
            })
            .collect::<Option<Vec<_>>>()
            .inspect(|_| self.loaded(entry.text.len()))
    }

    /// Counts `size` more bytes of texts loaded, and gives back the map's pages each
    /// time [`LOADED_BETWEEN_RELEASES`] more were. A page another thread is reading at
    /// that moment is read back from the file when next touched: the same bytes.
    fn loaded(&self, size: usize) {
        let before = self.loaded.fetch_add(size, Ordering::Relaxed);
        let after = before.saturating_add(size);
        if after / LOADED_BETWEEN_RELEASES != before / LOADED_BETWEEN_RELEASES {
            release_pages(&self.map);
        }
    }
}

/// Writes a snapshot of `files` (keys and stamps) in `dir`: each from the `old` snapshot
/// when its articles were taken from it under that stamp (so its entry is sound), else
/// from what the database `db` keeps for it under that stamp; a file found in neither is
/// left out (it is read as usual). Snapshots of other corpora used longest ago are then
/// removed.
pub(super) fn write(
    dir: &Path,
    name: &str,
    db: Option<&Connection>,
    files: &[(Vec<u8>, Stamp, bool)],
    old: Option<&Snapshot>,
) -> io::Result<()> {
    let written = write_checked(dir, TEMPORARY, name, |out| {
        out.write_all(&header())?;
        let mut entries = Vec::new();
        let mut text_size = 0;
        for (key, stamp, taken) in files {
            let kept = old.filter(|_| *taken).and_then(|old| {
                let entry = old.files.get(key).filter(|e| e.stamp == *stamp)?;
                let text = old.text.as_str().get(entry.text.clone())?;
                Some((text, old.entries().get(entry.record.clone())?.to_vec()))
            });
            let read;
            let (text, record) = match kept {
                Some(kept) => kept,
                None => {
                    let Some(found) = db.and_then(|db| from_database(db, key, stamp)) else {
                        continue;
                    };
                    read = found;
                    (read.0.as_str(), read.1.clone())
                }
            };
            entries.extend_from_slice(&(key.len() as u32).to_le_bytes());
            entries.extend_from_slice(key);
            for number in [
                stamp.size,
                stamp.modified as u64,
                stamp.changed as u64,
                stamp.inode,
                text_size as u64,
                text.len() as u64,
            ] {
                entries.extend_from_slice(&number.to_le_bytes());
            }
            entries.extend_from_slice(&(record.len() as u32).to_le_bytes());
            entries.extend_from_slice(&record);
            out.write_all(text.as_bytes())?;
            text_size += text.len();
        }
        out.write_all(&entries)?;
        out.write_all(&(text_size as u64).to_le_bytes())?;
        out.write_all(&(entries.len() as u64).to_le_bytes())
    });
    remove_old_snapshots(dir);
    written
}

/// Removes all but the [`KEPT_SNAPSHOTS`] most recently used (read or written) snapshots
/// in `dir`.
fn remove_old_snapshots(dir: &Path) {
    let mut kept: Vec<(std::time::SystemTime, PathBuf)> = snapshots(dir)
        .into_iter()
        .filter_map(|path| Some((fs::metadata(&path).ok()?.modified().ok()?, path)))
        .collect();
    kept.sort_by_key(|(used, _)| std::cmp::Reverse(*used));
    for (_, path) in kept.into_iter().skip(KEPT_SNAPSHOTS) {
        let _ = fs::remove_file(path);
    }
}

/// The snapshot files in `dir` (not their temporaries).
fn snapshots(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .and_then(|name| name.strip_prefix(SNAPSHOT_PREFIX))
                .is_some_and(|rest| rest.starts_with('-'))
        })
        .collect()
}

/// A file's texts and record, made from what the database keeps for it under `stamp`
/// (none for a file kept with problems: those are read again every time).
fn from_database(db: &Connection, key: &[u8], stamp: &Stamp) -> Option<(String, Vec<u8>)> {
    let records = super::files::kept_records(db, key, stamp).ok()??;
    let mut text = String::new();
    let mut parts: Parts = Vec::new();
    for record in records {
        let part = decode::<PartRecord>(&record)?;
        if !part.problems.is_empty() {
            return None;
        }
        let articles = part.articles.into_iter().map(|(article, record)| {
            let start = text.len() as u64;
            text.push_str(&record.body);
            ArticleAt {
                article,
                body: (start, record.body.len() as u64),
                key: record.key(),
                paragraphs: record.paragraphs,
                sentences: record.sentences,
            }
        });
        parts.push(articles.collect());
    }
    let record = postcard::to_allocvec(&parts).ok()?;
    Some((text, record))
}

/// The snapshot files and their temporary files in `dir`.
pub(super) fn snapshot_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = snapshots(dir);
    files.extend(temporaries(dir, TEMPORARY));
    files
}

#[cfg(test)]
mod tests;
