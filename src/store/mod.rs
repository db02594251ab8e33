//! The user's store: reading state, highlights, tags and notes in the data folder.
//!
//! On disk: `store.json` (one JSON document with a schema version) and `store.journal`
//! (one JSON line per change since `store.json` was last written in full; see the
//! `journal` module). Every change is merged with what other lede processes wrote, under a
//! lock on `store.lock`, and synced to disk before it is reported done, so a crash loses
//! nothing acknowledged and two processes do not lose each other's changes.
//!
//! For the reader (TUI):
//!
//! - [`Store::open`] once; show the [`OpenNotice`] if any (broken file kept aside, or a
//!   newer schema opened read-only: [`Store::read_only`]).
//! - On showing an article: [`Store::anchor_article`] (finds its highlights again if the
//!   text changed, saves only if something moved), then [`Store::placed`] for the byte
//!   ranges to draw (orphans come last with no range).
//! - Every change goes through a [`History`] (one per session): [`History::add`] with a
//!   [`Highlight::new`] of the selection's byte range, and [`History::apply`] with an
//!   [`Edit`] (`SetTags`, `SetNote`, `SetColour`, `Delete`, `Reattach`). Each call has
//!   persisted when it returns `Ok`. `u` / `Ctrl-r` are [`History::undo`] /
//!   [`History::redo`], which persist too and return what they undid, for the status bar.
//! - Lists: [`Store::filter`] with a [`HighlightFilter`] (article, tags, text),
//!   [`Store::all_tags`] for completion, [`Store::counts_by_article`] for the article list,
//!   [`Store::refresh`] to take in another process's changes.

pub mod anchor;
mod atomic;
mod edit;
mod highlight;
mod history;
mod journal;
pub mod offsets;
mod passage;
pub mod path_key;
mod query;
mod stamp;
pub mod timestamp;

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

pub use anchor::{AnchorOutcome, TextPositionSelector, TextQuoteSelector};
pub use atomic::{create_atomic, write_atomic};
pub use edit::{Edit, IdTaken, NoSuchHighlight, Placement};
pub use highlight::{
    ArticleKeyer, ArticleText, COLOURS, Highlight, article_key, bundled_seed_name, dataset_line,
    load_article_at, load_keyed_articles, new_id, normalize_tags,
};
pub use history::History;
pub use passage::find_passage;
pub use query::{AnchorChange, HighlightFilter, Placed};

use journal::JOURNAL_FILE;
use stamp::FileStamp;

/// The schema this build writes. Version 2 added `highlights`; version 1 files are still
/// read. The bump makes a version-1 lede refuse (read-only) a file with highlights rather
/// than silently drop them when it rewrites the file.
pub const SCHEMA_VERSION: u32 = 2;
const STORE_FILE: &str = "store.json";
const LOCK_FILE: &str = "store.lock";

/// Where the reader was in one corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadingState {
    /// The path of the article open last.
    pub article: String,
    /// Per article path: the byte offset of the first line shown, so the place survives a
    /// change of terminal width.
    #[serde(default)]
    pub offsets: BTreeMap<String, usize>,
}

/// The whole document as stored on disk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub schema_version: u32,
    /// Per corpus key (see [`corpus_key`]).
    #[serde(default)]
    pub reading: BTreeMap<String, ReadingState>,
    /// Shared, so that copying the document for a change costs little; change one with
    /// `Arc::make_mut`.
    #[serde(default)]
    pub highlights: Vec<Arc<Highlight>>,
    /// The articles the user has read, by article key (see [`article_key`]), whatever
    /// corpus they were opened in.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub read: BTreeSet<String>,
}

impl Default for Document {
    fn default() -> Self {
        Document {
            schema_version: SCHEMA_VERSION,
            reading: BTreeMap::new(),
            highlights: Vec::new(),
            read: BTreeSet::new(),
        }
    }
}

/// An open store. When the file on disk cannot be used for writing, `read_only` says why
/// and every change is refused; everything that could be read is still there to read.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    doc: Document,
    read_only: Option<String>,
    /// `store.json` as we last read or wrote it, and how far into the journal we have
    /// read: when both are as we left them, the document in memory is current and only
    /// new journal lines need reading.
    snapshot: Option<FileStamp>,
    journal: JournalPos,
    /// What taking in other processes' changes found worth telling (see
    /// [`Store::take_notices`]).
    later: Vec<OpenNotice>,
}

/// Which journal file we read, and up to where (the end of its last complete line).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct JournalPos {
    id: Option<(u64, u64)>,
    end: u64,
    /// Complete lines before `end`.
    lines: usize,
}

/// The journal is folded into `store.json` when it grows past half the size of that file
/// (and at least this much), so a fresh load never replays much more than it parses.
const MIN_JOURNAL_BEFORE_COMPACTION: u64 = 256 * 1024;

/// What opening the store found worth telling the user (the CLI prints it on stderr, the
/// reader on its status line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenNotice {
    /// The file could not be parsed; it was moved aside (kept) and an empty store started.
    MovedAside { reason: String, moved_to: PathBuf },
    /// The file could not be parsed, and the folder is read-only: it is left as it is.
    Unreadable { reason: String },
    /// The file was written by a newer lede; it is read (all but `unread` highlights this
    /// build cannot read) and used read-only.
    NewerSchema { found: u32, unread: usize },
    /// The data folder cannot be written (permissions, a read-only file system): the store
    /// is read and used read-only.
    ReadOnlyFolder { dir: PathBuf, reason: String },
    /// Complete journal lines could not be read. Every intact change before and after
    /// them was read (`recovered` changes); the damaged lines (`damaged`, the first at line
    /// `first_line` of the journal) were kept in `kept_as`, or left in place when the
    /// store cannot be written (`None`).
    JournalDamaged {
        recovered: usize,
        damaged: usize,
        first_line: usize,
        kept_as: Option<PathBuf>,
    },
}

impl std::fmt::Display for OpenNotice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpenNotice::MovedAside { reason, moved_to } => write!(
                f,
                "the store could not be read ({reason}); it was kept as {} and a fresh one started",
                moved_to.display()
            ),
            OpenNotice::Unreadable { reason } => write!(
                f,
                "the store could not be read ({reason}); it was left as it is (the data folder is read-only)"
            ),
            OpenNotice::NewerSchema { found, unread } => {
                write!(
                    f,
                    "the store has schema version {found}, newer than this lede knows ({SCHEMA_VERSION}): opened read-only"
                )?;
                if *unread > 0 {
                    write!(
                        f,
                        " ({unread} highlights this lede cannot read are not shown)"
                    )?;
                }
                Ok(())
            }
            OpenNotice::ReadOnlyFolder { dir, reason } => write!(
                f,
                "the data folder {} cannot be written ({reason}): highlights are shown, changes are refused",
                dir.display()
            ),
            OpenNotice::JournalDamaged {
                recovered,
                damaged,
                first_line,
                kept_as,
            } => {
                let lines = if *damaged == 1 { "line" } else { "lines" };
                write!(
                    f,
                    "the store's journal was damaged: {recovered} changes recovered; {damaged} damaged {lines} (from line {first_line}) "
                )?;
                match kept_as {
                    Some(path) => write!(f, "kept as {}", path.display()),
                    None => write!(f, "left in place (the store is read-only)"),
                }
            }
        }
    }
}

/// What is on disk: `store.json` with the journal replayed.
struct OnDisk {
    doc: Document,
    snapshot: Option<FileStamp>,
    journal: JournalPos,
    /// Written by a newer lede (the schema found), and how many highlights this build
    /// could not read.
    newer: Option<(u32, usize)>,
    /// Journal lines read, and those that could not be.
    recovered: usize,
    damaged: Vec<journal::DamagedLine>,
}

enum Loaded {
    /// Boxed: it is large and `Broken` is small.
    Ready(Box<OnDisk>),
    Broken(String),
}

enum Snapshot {
    Missing,
    Parsed(Document),
    /// From a newer lede: what this build could read of it, and how many highlights not.
    Newer(u32, Document, usize),
    Broken(String),
}

fn load(dir: &Path) -> Result<Loaded> {
    let path = dir.join(STORE_FILE);
    let snapshot = FileStamp::of(&path);
    let (mut doc, mut newer) = match read_snapshot(&path)? {
        Snapshot::Missing => (Document::default(), None),
        Snapshot::Parsed(doc) => (doc, None),
        Snapshot::Newer(found, doc, unread) => (doc, Some((found, unread))),
        Snapshot::Broken(reason) => return Ok(Loaded::Broken(reason)),
    };
    let journal_path = dir.join(JOURNAL_FILE);
    let id = stamp::identity(&journal_path);
    let tail = journal::read_from(&journal_path, 0)?;
    if let Some(found) = tail.newer {
        let (before, unread) = newer.unwrap_or((0, 0));
        newer = Some((before.max(found), unread));
    }
    let recovered = tail.entries.len();
    journal::replay_all(&mut doc, tail.entries);
    Ok(Loaded::Ready(Box::new(OnDisk {
        doc,
        snapshot,
        journal: JournalPos {
            id,
            end: tail.end,
            lines: tail.lines,
        },
        newer,
        recovered,
        damaged: tail.damaged,
    })))
}

fn read_snapshot(path: &Path) -> Result<Snapshot> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Snapshot::Missing),
        Err(err) => return Err(err).with_context(|| format!("cannot read {}", path.display())),
    };
    // The version is read first, alone: a newer file may not parse as this build's
    // document, and must then be read as far as it can be, not treated as broken.
    #[derive(Deserialize)]
    struct Version {
        schema_version: Option<u64>,
    }
    let version = match serde_json::from_slice::<Version>(&bytes) {
        Ok(v) => v.schema_version,
        Err(err) => return Ok(Snapshot::Broken(err.to_string())),
    };
    match version {
        Some(v) if v > u64::from(SCHEMA_VERSION) => {
            let found = u32::try_from(v).unwrap_or(u32::MAX);
            Ok(match read_leniently(&bytes) {
                Some((doc, unread)) => Snapshot::Newer(found, doc, unread),
                None => Snapshot::Broken("not a JSON object".to_string()),
            })
        }
        Some(_) => match serde_json::from_slice(&bytes) {
            Ok(doc) => Ok(Snapshot::Parsed(doc)),
            Err(err) => Ok(Snapshot::Broken(err.to_string())),
        },
        None => Ok(Snapshot::Broken("no schema_version".to_string())),
    }
}

/// A document of another schema, read as far as this build understands it: each reading
/// state and highlight on its own (fields added later are ignored), those that do not
/// parse left out and counted.
fn read_leniently(bytes: &[u8]) -> Option<(Document, usize)> {
    let serde_json::Value::Object(mut top) = serde_json::from_slice(bytes).ok()? else {
        return None;
    };
    let mut doc = Document::default();
    if let Some(serde_json::Value::Object(reading)) = top.remove("reading") {
        doc.reading = reading
            .into_iter()
            .filter_map(|(k, v)| Some((k, serde_json::from_value(v).ok()?)))
            .collect();
    }
    let mut unread = 0;
    if let Some(serde_json::Value::Array(highlights)) = top.remove("highlights") {
        for value in highlights {
            match serde_json::from_value::<Highlight>(value) {
                Ok(h) => doc.highlights.push(Arc::new(h)),
                Err(_) => unread += 1,
            }
        }
    }
    Some((doc, unread))
}

/// The document as written to disk: compact JSON (see `benches/store.rs` for why).
fn encode(doc: &Document) -> Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec(doc).context("cannot encode the store")?;
    bytes.push(b'\n');
    Ok(bytes)
}

impl Store {
    /// Opens (or starts) the store in `dir`, creating the folder if needed, with what is
    /// worth telling the user about it. A folder that cannot be written is opened
    /// read-only; a store written by a newer lede is read and used read-only; damaged
    /// journal lines are set aside and every intact change around them kept.
    pub fn open(dir: &Path) -> Result<(Store, Vec<OpenNotice>)> {
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let path = dir.join(STORE_FILE);
        let mut notices = Vec::new();
        let mut store = Store {
            dir: dir.to_path_buf(),
            doc: Document::default(),
            read_only: None,
            snapshot: None,
            journal: JournalPos::default(),
            later: Vec::new(),
        };
        let _lock = match lock(dir) {
            Ok(lock) => {
                remove_stale_temporaries(dir);
                Some(lock)
            }
            Err(err) => {
                let notice = OpenNotice::ReadOnlyFolder {
                    dir: dir.to_path_buf(),
                    reason: err.root_cause().to_string(),
                };
                store.read_only = Some(notice.to_string());
                notices.push(notice);
                shared_lock(dir)
            }
        };
        match load(dir)? {
            Loaded::Ready(on_disk) => {
                if let Some((found, unread)) = on_disk.newer {
                    let notice = OpenNotice::NewerSchema { found, unread };
                    store.read_only.get_or_insert_with(|| notice.to_string());
                    notices.push(notice);
                }
                store.doc = on_disk.doc;
                store.snapshot = on_disk.snapshot;
                store.journal = on_disk.journal;
                if !on_disk.damaged.is_empty() {
                    notices.push(store.keep_damage_aside(on_disk.recovered, on_disk.damaged, 0));
                }
            }
            Loaded::Broken(reason) if store.read_only.is_some() => {
                notices.push(OpenNotice::Unreadable { reason });
            }
            Loaded::Broken(reason) => {
                let moved_to = aside_path(&path);
                fs::rename(&path, &moved_to)
                    .with_context(|| format!("cannot move {} aside", path.display()))?;
                // The journal only makes sense on top of the file it followed: kept too.
                let journal = dir.join(JOURNAL_FILE);
                if journal.exists() {
                    fs::rename(&journal, aside_path(&journal))
                        .with_context(|| format!("cannot move {} aside", journal.display()))?;
                }
                notices.push(OpenNotice::MovedAside { reason, moved_to });
            }
        }
        Ok((store, notices))
    }

    /// What taking in other processes' changes found worth telling since the store was
    /// opened (damaged journal lines another process wrote, set aside).
    pub fn take_notices(&mut self) -> Vec<OpenNotice> {
        std::mem::take(&mut self.later)
    }

    /// Complete journal lines could not be read: unless the store is read-only, they are
    /// written aside and the journal folded into `store.json` with every change that
    /// could be read, so nothing readable or damaged is lost and the next writer finds a
    /// clean journal. `lines_before`: the journal lines before those just read. The
    /// caller holds the lock.
    fn keep_damage_aside(
        &mut self,
        recovered: usize,
        damaged: Vec<journal::DamagedLine>,
        lines_before: usize,
    ) -> OpenNotice {
        let first_line = lines_before + damaged.first().map_or(0, |d| d.line);
        let count = damaged.len();
        let mut kept_as = None;
        if self.read_only.is_none() {
            let aside = aside_path(&self.dir.join(JOURNAL_FILE));
            let bytes: Vec<u8> = damaged.into_iter().flat_map(|d| d.bytes).collect();
            if write_atomic(&aside, &bytes).is_ok() {
                // Should folding fail, the damaged lines stay in the journal too: found,
                // and kept aside again, next time.
                let _ = self.compact_locked();
                kept_as = Some(aside);
            }
        }
        OpenNotice::JournalDamaged {
            recovered,
            damaged: count,
            first_line,
            kept_as,
        }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(STORE_FILE)
    }

    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    pub fn document(&self) -> &Document {
        &self.doc
    }

    pub fn reading(&self, corpus: &str) -> Option<&ReadingState> {
        self.doc.reading.get(corpus)
    }

    /// Records the open article and its scroll offset for `corpus`.
    pub fn save_reading(&mut self, corpus: &str, article: &str, offset: usize) -> Result<()> {
        self.update(|doc| {
            let state = doc.reading.entry(corpus.to_string()).or_default();
            state.article = article.to_string();
            state.offsets.insert(article.to_string(), offset);
        })
    }

    /// Whether the article with this key has been read.
    pub fn is_read(&self, article_key: &str) -> bool {
        self.doc.read.contains(article_key)
    }

    /// Marks the article with this key read or unread.
    pub fn set_read(&mut self, article_key: &str, read: bool) -> Result<()> {
        if self.is_read(article_key) == read {
            return Ok(());
        }
        self.update(|doc| {
            if read {
                doc.read.insert(article_key.to_string());
            } else {
                doc.read.remove(article_key);
            }
        })
    }

    /// Applies `change` to the latest document on disk under the store lock, writes it
    /// atomically, and only then keeps it in memory. Changes made by another lede process
    /// since we read the file are kept.
    pub fn update(&mut self, change: impl FnOnce(&mut Document)) -> Result<()> {
        self.try_update(|doc| {
            change(doc);
            Ok(())
        })
    }

    /// As [`Store::update`], for a change that may fail: when `change` returns an error,
    /// nothing is written and the document in memory is unchanged.
    pub fn try_update<R>(&mut self, change: impl FnOnce(&mut Document) -> Result<R>) -> Result<R> {
        if let Some(reason) = &self.read_only {
            bail!("{reason}");
        }
        let _lock = lock(&self.dir)?;
        self.sync()?;
        let mut doc = self.doc.clone();
        let result = change(&mut doc)?;
        let entry = journal::diff(&self.doc, &doc);
        if entry.is_empty() {
            return Ok(result);
        }
        // A new store, or one written by an older lede, gets a full file at once: an older
        // lede reading it would not know the journal.
        if self.snapshot.is_none() || self.doc.schema_version < SCHEMA_VERSION {
            let before = std::mem::replace(&mut self.doc, doc);
            if let Err(err) = self.compact_locked() {
                self.doc = before;
                return Err(err);
            }
            return Ok(result);
        }
        let journal_path = self.dir.join(JOURNAL_FILE);
        let end = journal::append(&journal_path, self.journal.end, &entry.to_line()?)?;
        self.journal = JournalPos {
            id: stamp::identity(&journal_path),
            end,
            lines: self.journal.lines + 1,
        };
        self.doc = doc;
        let limit = self
            .snapshot
            .as_ref()
            .map_or(0, |s| s.len() / 2)
            .max(MIN_JOURNAL_BEFORE_COMPACTION);
        if end > limit {
            // The change is saved already; a failed compaction is retried next time.
            let _ = self.compact_locked();
        }
        Ok(result)
    }

    /// Folds the journal into a fresh `store.json`.
    pub fn compact(&mut self) -> Result<()> {
        if let Some(reason) = &self.read_only {
            bail!("{reason}");
        }
        let _lock = lock(&self.dir)?;
        self.sync()?;
        self.compact_locked()
    }

    /// Writes `self.doc` (current, under the lock) as `store.json`, then empties the
    /// journal. A crash in between only means lines replayed twice, which changes nothing.
    fn compact_locked(&mut self) -> Result<()> {
        let path = self.path();
        let read_version = self.doc.schema_version;
        self.doc.schema_version = SCHEMA_VERSION;
        let written = encode(&self.doc).and_then(|bytes| write_atomic(&path, &bytes));
        if let Err(err) = written {
            self.doc.schema_version = read_version;
            return Err(err);
        }
        self.snapshot = FileStamp::of(&path);
        let journal_path = self.dir.join(JOURNAL_FILE);
        journal::clear(&journal_path)?;
        self.journal = JournalPos {
            id: stamp::identity(&journal_path),
            end: 0,
            lines: 0,
        };
        Ok(())
    }

    /// Takes in changes other processes wrote since we last read or wrote the store.
    /// Returns whether anything was read. A file that became unreadable is left alone and
    /// reported as an error; the document in memory stays as it was.
    pub fn refresh(&mut self) -> Result<bool> {
        let _lock = match self.read_only {
            None => Some(lock(&self.dir)?),
            Some(_) => shared_lock(&self.dir),
        };
        self.sync()
    }

    /// Brings the document in memory up to date with the disk (the caller holds the
    /// lock): new journal lines when `store.json` and the journal are the files we know,
    /// else everything read again.
    fn sync(&mut self) -> Result<bool> {
        let journal_path = self.dir.join(JOURNAL_FILE);
        let journal_len = fs::metadata(&journal_path).map_or(0, |m| m.len());
        let same_files = FileStamp::of(&self.path()) == self.snapshot
            && stamp::identity(&journal_path) == self.journal.id
            && journal_len >= self.journal.end;
        if same_files {
            if journal_len == self.journal.end {
                return Ok(false);
            }
            let tail = journal::read_from(&journal_path, self.journal.end)?;
            if let Some(found) = tail.newer
                && self.read_only.is_none()
            {
                bail!(OpenNotice::NewerSchema { found, unread: 0 }.to_string());
            }
            let changed = !tail.entries.is_empty();
            let recovered = tail.entries.len();
            journal::replay_all(&mut self.doc, tail.entries);
            let lines_before = self.journal.lines;
            self.journal.end = tail.end;
            self.journal.lines += tail.lines;
            if !tail.damaged.is_empty() {
                let notice = self.keep_damage_aside(recovered, tail.damaged, lines_before);
                self.later.push(notice);
            }
            return Ok(changed);
        }
        match load(&self.dir)? {
            Loaded::Ready(on_disk) => {
                if let Some((found, unread)) = on_disk.newer
                    && self.read_only.is_none()
                {
                    bail!(OpenNotice::NewerSchema { found, unread }.to_string());
                }
                self.doc = on_disk.doc;
                self.snapshot = on_disk.snapshot;
                self.journal = on_disk.journal;
                if !on_disk.damaged.is_empty() {
                    let notice = self.keep_damage_aside(on_disk.recovered, on_disk.damaged, 0);
                    self.later.push(notice);
                }
                Ok(true)
            }
            Loaded::Broken(reason) => bail!(
                "{} changed on disk and cannot be read ({reason}); not overwriting it",
                self.path().display()
            ),
        }
    }
}

/// An exclusive advisory lock on `store.lock`, held until dropped.
fn lock(dir: &Path) -> Result<File> {
    let path = dir.join(LOCK_FILE);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    file.lock()
        .with_context(|| format!("cannot lock {}", path.display()))?;
    Ok(file)
}

/// For a store that cannot be written: a shared lock on `store.lock` when it exists and
/// can be read, so that what is read is not a writer's half-done work; else none (every
/// write replaces files whole, and a torn journal line is ignored).
fn shared_lock(dir: &Path) -> Option<File> {
    let file = File::open(dir.join(LOCK_FILE)).ok()?;
    file.lock_shared().ok()?;
    Some(file)
}

/// Temporary files are only written under the lock, so any found while holding it were
/// left by a writer that died mid-write; the store file itself is intact.
fn remove_stale_temporaries(dir: &Path) {
    let prefix = format!(".{STORE_FILE}.tmp-");
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(|e| e.ok()) {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// `NAME.broken-SECONDS` beside `path`, never an existing file.
fn aside_path(path: &Path) -> PathBuf {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut candidate = path.with_file_name(format!("{name}.broken-{stamp}"));
    let mut n = 1;
    while candidate.exists() {
        candidate = path.with_file_name(format!("{name}.broken-{stamp}-{n}"));
        n += 1;
    }
    candidate
}

/// The key reading state is kept under: the bundled seeds, or the paths the user opened.
pub fn corpus_key(paths: &[PathBuf]) -> String {
    if paths.is_empty() {
        return "bundled-seeds".to_string();
    }
    let mut names: Vec<String> = paths
        .iter()
        .map(|p| {
            fs::canonicalize(p)
                .unwrap_or_else(|_| p.clone())
                .display()
                .to_string()
        })
        .collect();
    names.sort();
    names.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_marks_round_trip_through_the_journal() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(dir.path()).unwrap();
        store.save_reading("k", "a", 1).unwrap(); // a full file first, then journal lines
        store.set_read("seeds/a.txt", true).unwrap();
        store.set_read("/news/b.html", true).unwrap();
        store.set_read("seeds/a.txt", false).unwrap();
        let (again, _) = Store::open(dir.path()).unwrap();
        assert!(!again.is_read("seeds/a.txt"));
        assert!(again.is_read("/news/b.html"));
        let journal = fs::read_to_string(dir.path().join(JOURNAL_FILE)).unwrap();
        assert!(
            journal.lines().all(|l| l.len() < 200),
            "lines carry the change only"
        );
    }

    #[test]
    fn reading_state_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, notices) = Store::open(dir.path()).unwrap();
        assert_eq!(notices, []);
        store.save_reading("seeds", "seeds/a.txt", 120).unwrap();
        let (again, _) = Store::open(dir.path()).unwrap();
        let state = again.reading("seeds").unwrap();
        assert_eq!(state.article, "seeds/a.txt");
        assert_eq!(state.offsets.get("seeds/a.txt"), Some(&120));
    }

    #[test]
    fn a_broken_store_is_moved_aside_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(STORE_FILE), b"{ not json").unwrap();
        let (mut store, notices) = Store::open(dir.path()).unwrap();
        let [OpenNotice::MovedAside { moved_to, .. }] = &notices[..] else {
            panic!("expected the broken store to be moved aside, got {notices:?}");
        };
        assert_eq!(fs::read(moved_to).unwrap(), b"{ not json");
        store.save_reading("k", "a", 1).unwrap();
        assert_eq!(fs::read(moved_to).unwrap(), b"{ not json");
    }

    #[test]
    fn a_newer_schema_is_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let newer = br#"{"schema_version": 99, "reading": {}}"#;
        fs::write(dir.path().join(STORE_FILE), newer).unwrap();
        let (mut store, notices) = Store::open(dir.path()).unwrap();
        assert_eq!(
            notices,
            [OpenNotice::NewerSchema {
                found: 99,
                unread: 0
            }]
        );
        assert!(store.save_reading("k", "a", 1).is_err());
        assert_eq!(fs::read(dir.path().join(STORE_FILE)).unwrap(), newer);
    }

    fn highlight_json(id: &str, extra: &str) -> String {
        format!(
            r#"{{"id":"{id}","article":"seeds/a.txt","quote":{{"exact":"NATO"}},"position":{{"start":0,"end":4}},"fingerprint":"f","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z"{extra}}}"#
        )
    }

    /// Issue 16, point 6: a store from a newer lede showed zero highlights. Its highlights
    /// are read (fields this build does not know ignored), listed, and only writes refused.
    #[test]
    fn a_newer_schema_is_read_and_only_writes_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let newer = format!(
            r#"{{"schema_version": 3, "future": {{"x": 1}},
                 "reading": {{"k": {{"article": "a", "offsets": {{"a": 7}}, "new": true}}}},
                 "highlights": [{}, {}, {{"id": 5}}]}}"#,
            highlight_json("one", r#","rating":5"#),
            highlight_json("two", r#","tags":["t"]"#)
        );
        fs::write(dir.path().join(STORE_FILE), &newer).unwrap();
        fs::write(
            dir.path().join(JOURNAL_FILE),
            format!(
                "{{\"v\":3,\"put\":[{}]}}\n",
                highlight_json("three", r#","x":[]"#)
            ),
        )
        .unwrap();
        let (mut store, notices) = Store::open(dir.path()).unwrap();
        assert_eq!(
            notices,
            [OpenNotice::NewerSchema {
                found: 3,
                unread: 1
            }]
        );
        assert!(
            notices[0]
                .to_string()
                .contains("1 highlights this lede cannot read")
        );
        let ids: Vec<&str> = store.highlights().iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["one", "two", "three"]);
        assert_eq!(store.reading("k").unwrap().offsets.get("a"), Some(&7));
        assert!(store.read_only().is_some());
        assert!(store.save_reading("k", "a", 1).is_err());
        assert!(store.delete_highlight("one").is_err());
        assert!(!store.refresh().unwrap());
        assert_eq!(
            fs::read_to_string(dir.path().join(STORE_FILE)).unwrap(),
            newer
        );
    }

    /// Issue 16, point 6: a data folder that cannot be written still reads. The lock file
    /// cannot be opened for writing here because it is a folder, which stops root too
    /// (tests run as root in CI, where permissions stop nothing); `tests/untrusted_input.rs`
    /// runs the binary on a folder without write permission as an ordinary user.
    #[test]
    fn a_folder_that_cannot_be_written_is_read_and_only_writes_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(dir.path()).unwrap();
        store.save_reading("k", "a", 3).unwrap();
        store.save_reading("k", "b", 4).unwrap(); // in the journal
        drop(store);
        fs::remove_file(dir.path().join(LOCK_FILE)).unwrap();
        fs::create_dir(dir.path().join(LOCK_FILE)).unwrap();
        let before: Vec<(PathBuf, Vec<u8>)> = files_in(dir.path());
        let (mut store, notices) = Store::open(dir.path()).unwrap();
        assert!(
            matches!(&notices[..], [OpenNotice::ReadOnlyFolder { .. }]),
            "{notices:?}"
        );
        assert!(notices[0].to_string().contains("cannot be written"));
        assert_eq!(store.reading("k").unwrap().offsets.get("b"), Some(&4));
        assert!(store.save_reading("k", "c", 5).is_err());
        assert!(!store.refresh().unwrap());
        assert_eq!(files_in(dir.path()), before);
    }

    fn files_in(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        let mut files: Vec<(PathBuf, Vec<u8>)> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| {
                let bytes = fs::read(&p).unwrap_or_default();
                (p, bytes)
            })
            .collect();
        files.sort();
        files
    }

    /// Issue 16, point 2: a damaged journal line hid every later change, and the next
    /// write moved them aside without a word. Every intact change before and after it is
    /// read, the damaged bytes are kept aside, and the user is told where.
    #[test]
    fn a_damaged_journal_line_hides_nothing_and_is_kept_aside() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(dir.path()).unwrap();
        store.save_reading("k", "a", 1).unwrap(); // a full file first
        for (i, key) in ["b", "c", "d", "e"].into_iter().enumerate() {
            store.save_reading(key, key, i).unwrap();
        }
        drop(store);
        let path = dir.path().join(JOURNAL_FILE);
        let journal = fs::read(&path).unwrap();
        let lines: Vec<&[u8]> = journal.split_inclusive(|&b| b == b'\n').collect();
        assert_eq!(lines.len(), 4);
        // The second line damaged in the middle (a bad sector, a stray edit).
        let mut damaged = lines[1].to_vec();
        damaged[5] = 0xFF;
        damaged[6] = b'}';
        fs::write(&path, [lines[0], &damaged, lines[2], lines[3]].concat()).unwrap();

        let (mut store, notices) = Store::open(dir.path()).unwrap();
        let [
            OpenNotice::JournalDamaged {
                recovered: 3,
                damaged: 1,
                first_line: 2,
                kept_as: Some(kept),
            },
        ] = &notices[..]
        else {
            panic!("{notices:?}");
        };
        let message = notices[0].to_string();
        assert!(message.contains("3 changes recovered"), "{message}");
        assert!(message.contains(&kept.display().to_string()), "{message}");
        assert_eq!(fs::read(kept).unwrap(), damaged);
        for key in ["b", "d", "e"] {
            assert!(store.reading(key).is_some(), "the change to {key} was lost");
        }
        assert!(store.reading("c").is_none());
        // Folded into store.json: the next writer finds a clean journal, and nothing is
        // lost on the next open either.
        store.save_reading("f", "f", 9).unwrap();
        let (again, notices) = Store::open(dir.path()).unwrap();
        assert_eq!(notices, []);
        for key in ["k", "b", "d", "e", "f"] {
            assert!(again.reading(key).is_some(), "{key} lost after the repair");
        }
    }

    #[test]
    fn damage_another_process_wrote_is_kept_aside_too() {
        let dir = tempfile::tempdir().unwrap();
        let (mut first, _) = Store::open(dir.path()).unwrap();
        first.save_reading("k", "a", 1).unwrap();
        first.save_reading("k", "a", 2).unwrap();
        let path = dir.path().join(JOURNAL_FILE);
        let mut file = OpenOptions::new().append(true).open(&path).unwrap();
        use std::io::Write;
        file.write_all(b"garbage\n{\"v\":2,\"reading\":{\"j\":{\"article\":\"x\"}}}\n")
            .unwrap();
        assert!(first.refresh().unwrap());
        assert!(first.reading("j").is_some());
        let notices = first.take_notices();
        assert!(
            matches!(
                &notices[..],
                [OpenNotice::JournalDamaged {
                    recovered: 1,
                    damaged: 1,
                    first_line: 2,
                    kept_as: Some(_)
                }]
            ),
            "{notices:?}"
        );
        let (again, notices) = Store::open(dir.path()).unwrap();
        assert_eq!(notices, []);
        assert_eq!(again.document(), first.document());
    }

    #[test]
    fn a_read_only_store_leaves_a_damaged_journal_in_place() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(STORE_FILE), br#"{"schema_version": 9}"#).unwrap();
        let journal = b"{\"v\":2,\"reading\":{\"k\":{\"article\":\"x\"}}}\nbad\n";
        fs::write(dir.path().join(JOURNAL_FILE), journal).unwrap();
        let (store, notices) = Store::open(dir.path()).unwrap();
        assert!(store.reading("k").is_some());
        assert!(
            matches!(notices[1], OpenNotice::JournalDamaged { kept_as: None, .. }),
            "{notices:?}"
        );
        assert!(notices[1].to_string().contains("left in place"));
        assert_eq!(fs::read(dir.path().join(JOURNAL_FILE)).unwrap(), journal);
    }

    #[test]
    fn two_processes_keep_each_others_changes() {
        let dir = tempfile::tempdir().unwrap();
        let (mut first, _) = Store::open(dir.path()).unwrap();
        let (mut second, _) = Store::open(dir.path()).unwrap();
        first.save_reading("one", "a", 1).unwrap();
        second.save_reading("two", "b", 2).unwrap();
        let (merged, _) = Store::open(dir.path()).unwrap();
        assert!(merged.reading("one").is_some());
        assert!(merged.reading("two").is_some());
    }

    fn journal_len(dir: &Path) -> u64 {
        fs::metadata(dir.join(JOURNAL_FILE)).map_or(0, |m| m.len())
    }

    #[test]
    fn changes_go_to_the_journal_and_compaction_folds_them_in() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(dir.path()).unwrap();
        store.save_reading("k", "a", 1).unwrap(); // a new store: a full file first
        assert_eq!(journal_len(dir.path()), 0);
        for offset in 2..20 {
            store.save_reading("k", "a", offset).unwrap();
        }
        assert!(journal_len(dir.path()) > 0);
        let (reopened, _) = Store::open(dir.path()).unwrap();
        assert_eq!(reopened.document(), store.document());

        store.compact().unwrap();
        assert_eq!(journal_len(dir.path()), 0);
        let (reopened, _) = Store::open(dir.path()).unwrap();
        assert_eq!(reopened.reading("k").unwrap().offsets.get("a"), Some(&19));
    }

    #[test]
    fn a_crash_between_compaction_and_emptying_the_journal_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(dir.path()).unwrap();
        store.save_reading("k", "a", 1).unwrap();
        store.save_reading("k", "b", 2).unwrap();
        store.save_reading("j", "c", 3).unwrap();
        let journal = fs::read(dir.path().join(JOURNAL_FILE)).unwrap();
        store.compact().unwrap();
        // As if the process died after writing store.json, before emptying the journal.
        fs::write(dir.path().join(JOURNAL_FILE), journal).unwrap();
        let (reopened, _) = Store::open(dir.path()).unwrap();
        assert_eq!(reopened.document(), store.document());
    }

    #[test]
    fn another_process_compacting_is_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let (mut first, _) = Store::open(dir.path()).unwrap();
        first.save_reading("one", "a", 1).unwrap();
        first.save_reading("one", "a", 2).unwrap();
        let (mut second, _) = Store::open(dir.path()).unwrap();
        second.save_reading("two", "b", 1).unwrap();
        second.compact().unwrap();
        second.save_reading("two", "b", 2).unwrap();
        first.save_reading("three", "c", 1).unwrap();
        let (merged, _) = Store::open(dir.path()).unwrap();
        assert_eq!(merged.reading("one").unwrap().offsets.get("a"), Some(&2));
        assert_eq!(merged.reading("two").unwrap().offsets.get("b"), Some(&2));
        assert!(merged.reading("three").is_some());
        assert_eq!(merged.document(), first.document());
    }

    #[test]
    fn a_broken_store_keeps_its_journal_aside_too() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(STORE_FILE), b"{ broken").unwrap();
        fs::write(dir.path().join(JOURNAL_FILE), b"{\"v\":2}\n").unwrap();
        let (_, notices) = Store::open(dir.path()).unwrap();
        assert!(matches!(notices[..], [OpenNotice::MovedAside { .. }]));
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().any(|n| n.starts_with("store.json.broken-")));
        assert!(names.iter().any(|n| n.starts_with("store.journal.broken-")));
        assert!(!dir.path().join(JOURNAL_FILE).exists());
    }

    #[test]
    fn a_journal_line_from_a_newer_lede_makes_the_store_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(dir.path()).unwrap();
        store.save_reading("k", "a", 1).unwrap();
        fs::write(dir.path().join(JOURNAL_FILE), b"{\"v\":99}\n").unwrap();
        assert!(store.save_reading("k", "a", 2).is_err());
        let (mut reopened, notices) = Store::open(dir.path()).unwrap();
        assert_eq!(
            notices,
            [OpenNotice::NewerSchema {
                found: 99,
                unread: 0
            }]
        );
        assert!(reopened.save_reading("k", "a", 3).is_err());
        assert_eq!(
            fs::read(dir.path().join(JOURNAL_FILE)).unwrap(),
            b"{\"v\":99}\n"
        );
    }
}
