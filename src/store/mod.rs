//! The user's store: one JSON document in the data folder holding reading state,
//! highlights, tags and notes. Every change is merged into what is on disk under a lock and
//! written atomically before it is reported done, so two lede processes do not lose each
//! other's changes and a crash loses nothing acknowledged.

pub mod anchor;
mod atomic;
mod edit;
mod highlight;
mod history;
pub mod offsets;
mod passage;
mod query;
mod stamp;
pub mod timestamp;

use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

pub use anchor::{AnchorOutcome, TextPositionSelector, TextQuoteSelector};
pub use atomic::write_atomic;
pub use edit::{Edit, IdTaken, NoSuchHighlight, Placement};
pub use highlight::{
    ArticleText, COLOURS, Highlight, article_key, bundled_seed_name, new_id, normalize_tags,
};
pub use history::History;
pub use passage::find_passage;
pub use query::{AnchorChange, HighlightFilter, Placed};

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
    #[serde(default)]
    pub highlights: Vec<Highlight>,
}

impl Default for Document {
    fn default() -> Self {
        Document {
            schema_version: SCHEMA_VERSION,
            reading: BTreeMap::new(),
            highlights: Vec::new(),
        }
    }
}

/// An open store. When the file on disk cannot be used for writing, `read_only` says why
/// and every change is refused.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    doc: Document,
    read_only: Option<String>,
    /// The file as we last read or wrote it: when it is unchanged under the lock, the
    /// document in memory is current and need not be parsed again.
    seen: Option<FileStamp>,
}

/// What opening the store found worth telling the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenNotice {
    /// The file could not be parsed; it was moved aside (kept) and an empty store started.
    MovedAside { reason: String, moved_to: PathBuf },
    /// The file was written by a newer lede; it is used read-only.
    NewerSchema { found: u32 },
}

impl std::fmt::Display for OpenNotice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpenNotice::MovedAside { reason, moved_to } => write!(
                f,
                "the store could not be read ({reason}); it was kept as {} and a fresh one started",
                moved_to.display()
            ),
            OpenNotice::NewerSchema { found } => write!(
                f,
                "the store has schema version {found}, newer than this lede knows ({SCHEMA_VERSION}): opened read-only"
            ),
        }
    }
}

enum Loaded {
    Missing,
    Parsed(Document),
    Newer(u32),
    Broken(String),
}

fn read_document(path: &Path) -> Result<Loaded> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Loaded::Missing),
        Err(err) => return Err(err).with_context(|| format!("cannot read {}", path.display())),
    };
    // The version is read first, alone: a newer file may not parse as this build's
    // document, and must then be refused, not treated as broken.
    #[derive(Deserialize)]
    struct Version {
        schema_version: Option<u64>,
    }
    let version = match serde_json::from_slice::<Version>(&bytes) {
        Ok(v) => v.schema_version,
        Err(err) => return Ok(Loaded::Broken(err.to_string())),
    };
    match version {
        Some(v) if v > u64::from(SCHEMA_VERSION) => {
            Ok(Loaded::Newer(u32::try_from(v).unwrap_or(u32::MAX)))
        }
        Some(_) => match serde_json::from_slice(&bytes) {
            Ok(doc) => Ok(Loaded::Parsed(doc)),
            Err(err) => Ok(Loaded::Broken(err.to_string())),
        },
        None => Ok(Loaded::Broken("no schema_version".to_string())),
    }
}

/// The document as written to disk: compact JSON (see `benches/store.rs` for why).
fn encode(doc: &Document) -> Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec(doc).context("cannot encode the store")?;
    bytes.push(b'\n');
    Ok(bytes)
}

impl Store {
    /// Opens (or starts) the store in `dir`, creating the folder if needed.
    pub fn open(dir: &Path) -> Result<(Store, Option<OpenNotice>)> {
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let path = dir.join(STORE_FILE);
        let _lock = lock(dir)?;
        remove_stale_temporaries(dir);
        let (doc, read_only, notice) = match read_document(&path)? {
            Loaded::Missing => (Document::default(), None, None),
            Loaded::Parsed(doc) => (doc, None, None),
            Loaded::Newer(found) => {
                let notice = OpenNotice::NewerSchema { found };
                (Document::default(), Some(notice.to_string()), Some(notice))
            }
            Loaded::Broken(reason) => {
                let moved_to = aside_path(&path);
                fs::rename(&path, &moved_to)
                    .with_context(|| format!("cannot move {} aside", path.display()))?;
                (
                    Document::default(),
                    None,
                    Some(OpenNotice::MovedAside { reason, moved_to }),
                )
            }
        };
        let store = Store {
            dir: dir.to_path_buf(),
            doc,
            read_only,
            seen: FileStamp::of(&path),
        };
        Ok((store, notice))
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
        let path = self.path();
        let mut doc = self.latest(&path)?;
        let result = change(&mut doc)?;
        doc.schema_version = SCHEMA_VERSION;
        write_atomic(&path, &encode(&doc)?)?;
        self.seen = FileStamp::of(&path);
        self.doc = doc;
        Ok(result)
    }

    /// Takes in changes other processes wrote since we last read or wrote the file.
    /// Returns whether anything was read. A file that became unreadable is left alone and
    /// reported as an error; the document in memory stays as it was.
    pub fn refresh(&mut self) -> Result<bool> {
        let _lock = lock(&self.dir)?;
        let path = self.path();
        if self.seen == FileStamp::of(&path) {
            return Ok(false);
        }
        self.doc = self.latest(&path)?;
        self.seen = FileStamp::of(&path);
        Ok(true)
    }

    /// The current document, to be changed by the caller (who holds the lock): the copy in
    /// memory when the file is as we left it, else the file parsed again.
    fn latest(&self, path: &Path) -> Result<Document> {
        if self.seen == FileStamp::of(path) {
            return Ok(self.doc.clone());
        }
        match read_document(path)? {
            Loaded::Parsed(doc) => Ok(doc),
            Loaded::Missing => Ok(Document::default()),
            Loaded::Newer(found) => bail!(OpenNotice::NewerSchema { found }.to_string()),
            Loaded::Broken(reason) => {
                bail!(
                    "{} changed on disk and cannot be read ({reason}); not overwriting it",
                    path.display()
                )
            }
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

fn aside_path(path: &Path) -> PathBuf {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let mut candidate = path.with_extension(format!("json.broken-{stamp}"));
    let mut n = 1;
    while candidate.exists() {
        candidate = path.with_extension(format!("json.broken-{stamp}-{n}"));
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
    fn reading_state_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, notice) = Store::open(dir.path()).unwrap();
        assert_eq!(notice, None);
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
        let (mut store, notice) = Store::open(dir.path()).unwrap();
        let Some(OpenNotice::MovedAside { moved_to, .. }) = notice else {
            panic!("expected the broken store to be moved aside, got {notice:?}");
        };
        assert_eq!(fs::read(&moved_to).unwrap(), b"{ not json");
        store.save_reading("k", "a", 1).unwrap();
        assert_eq!(fs::read(&moved_to).unwrap(), b"{ not json");
    }

    #[test]
    fn a_newer_schema_is_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let newer = br#"{"schema_version": 99, "reading": {}}"#;
        fs::write(dir.path().join(STORE_FILE), newer).unwrap();
        let (mut store, notice) = Store::open(dir.path()).unwrap();
        assert_eq!(notice, Some(OpenNotice::NewerSchema { found: 99 }));
        assert!(store.save_reading("k", "a", 1).is_err());
        assert_eq!(fs::read(dir.path().join(STORE_FILE)).unwrap(), newer);
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
}
