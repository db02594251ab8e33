//! The persistent cache: what reading and extracting a corpus derived from its files,
//! kept so that opening the same files again skips that work. It is derived data only:
//! deleting it loses nothing, and a cache that cannot be read is rebuilt, never trusted.
//!
//! One SQLite database (`cache.sqlite` in the cache folder), through rusqlite:
//! - `files`: per article file (by absolute path) the stamp it had when read
//!   ([`stamp::Stamp`]: size, times, inode) and the code that read it, with its parts in
//!   `parts` (what [`crate::corpus::load_path_in_parts`] handed over, as records);
//! - `extractions`: an article's quotes and figures, keyed by a hash of what extraction
//!   reads (its text and date), whatever file it came from.
//!
//! Every record is postcard behind a CRC-32 ([`records`]) and is checked again when read
//! (ranges inside their text); one that fails is a miss. Each kind of row carries the
//! stamp of the code that wrote it (`build.rs`), so another build's rows are misses too.
//! SQLite's transactions keep the file whole when a writer is killed, and its locking
//! lets several lede processes share it (reads never wait; writes wait their turn).
//!
//! Reads use one connection per thread; writes go to one writer thread per process,
//! which batches them into transactions. [`Cache::finish`] waits for what is queued.

mod files;
mod index_file;
pub mod records;
mod snapshot;
pub mod stamp;
#[cfg(test)]
mod tests;
mod writer;

pub use index_file::CorpusKey;

use std::cell::RefCell;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread::JoinHandle;

use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior};

use crate::corpus::Article;
use crate::extract::{Extraction, extract};

use writer::Write;

/// The layout of the database and its records; raised when either changes, and a cache
/// of another layout is rebuilt.
pub const FORMAT: u32 = 2;

/// SQLite's application id for lede's cache ("lede"), so that another program's database
/// in its place is recognised.
const APPLICATION_ID: i32 = 0x6c65_6465;

/// The stamps of the code that makes each kind of row (see `build.rs`).
const CODE_ARTICLES: &str = env!("LEDE_CODE_ARTICLES");
const CODE_EXTRACTION: &str = env!("LEDE_CODE_EXTRACTION");
const CODE_INDEX: &str = env!("LEDE_CODE_INDEX");

/// From this many articles, a corpus counts as big: the one-shot commands read its kept
/// extractions in one pass ([`Cache::read_all_extractions`]), and the reader keeps them
/// in the cache and decodes one only when it is wanted.
pub const READ_ALL_FROM: usize = 1000;

/// From this many files to load, the corpus snapshot is used ([`Cache::open_snapshot`]):
/// reading it for a few files would cost more than it saves, and rewriting it would lose
/// the snapshot of a bigger corpus.
pub const SNAPSHOT_FROM: usize = 200;

/// While the snapshot is read, this many files are read as before (enough for the first
/// screen of the list); the others wait for it (each read as before would cost more, and
/// hold its text twice).
const SNAPSHOT_EARLY_FILES: usize = 64;

const DATABASE: &str = "cache.sqlite";
/// Left by a process that found the database damaged while using it: the next start
/// rebuilds it. Named after the database so that nothing else in the folder is taken
/// for it.
const DAMAGED_MARK: &str = "cache.sqlite-damaged";

/// What the cache keeps of an article's extraction.
#[derive(Debug)]
pub enum Kept {
    Found(Extraction),
    /// None kept (or one of other code).
    Missing,
    /// A record that could not be trusted, with the one-line notice that says so.
    Damaged(String),
}

/// Whole waits for another process's lock when opening, so that a lock held for long
/// (a lede stopped with ctrl-z mid-write, an open `sqlite3` shell) costs a few seconds
/// and the run goes on without the cache.
const OPEN_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// The cache in one folder, shared by the threads of a process.
pub struct Cache {
    dir: PathBuf,
    file: PathBuf,
    writes: Mutex<Option<std::sync::mpsc::Sender<Write>>>,
    writer: Mutex<Option<JoinHandle<()>>>,
    damaged: AtomicBool,
    /// Set by the writer once rows asked for were dropped ([`Cache::writes_lost`]).
    lost_writes: std::sync::Arc<AtomicBool>,
    /// Files changed less than this long before being read are not kept ([`stamp::RACY`];
    /// tests shorten it).
    racy: std::time::Duration,
    /// Tells this cache's thread-local connections from another's (a cache opened again
    /// in the same folder may be another database: cleared and made anew).
    id: u64,
    /// Every kept extraction, read in one pass ([`Cache::read_all_extractions`]): taken
    /// from here, not asked for one by one.
    read_ahead: Mutex<Option<HashMap<[u8; 16], Vec<u8>>>>,
    /// Search index files being written ([`Cache::search_index`]).
    index_writes: Mutex<Vec<JoinHandle<()>>>,
    /// Each file this process read, with the stamp it had if its articles were taken
    /// from the cache or kept in it (`None`: neither). The search index's key names
    /// such files by stamp instead of hashing their text ([`index_file::index_key`]).
    /// A list, not a map: the loader's threads only push to it.
    vouched: Mutex<Vec<(Vec<u8>, Option<files::Vouch>)>>,
    /// The corpus snapshot of this load, if one is open ([`Cache::open_snapshot`]).
    snapshot: std::sync::Arc<Mutex<SnapshotRun>>,
    /// Told when the snapshot is read.
    snapshot_read: std::sync::Arc<std::sync::Condvar>,
}

/// A load that reads the corpus snapshot and writes it again when it changed.
#[derive(Default)]
struct SnapshotRun {
    open: bool,
    /// The snapshot's file: that of the corpus opened ([`snapshot::file_name`]).
    name: String,
    /// The snapshot, once read (it is read in the background: the first files are read
    /// as before meanwhile, so that the list shows at once).
    snapshot: Option<std::sync::Arc<snapshot::Snapshot>>,
    /// The thread reading it, and whether it is done.
    reading: Option<JoinHandle<()>>,
    read: bool,
    /// How many files were asked for before it was read.
    early: usize,
    /// Each file vouched for while open: its key, its stamp, and how the snapshot served
    /// it.
    files: Vec<(Vec<u8>, stamp::Stamp, Served)>,
    /// Why the snapshot could not be read, until taken.
    notice: Option<String>,
}

/// How the snapshot served a file of the load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Served {
    /// Its articles were taken from it.
    Taken,
    /// Read before the snapshot was: it may hold the file or not.
    Early,
    /// It does not hold the file under this stamp, or what it holds does not make sense.
    Missed,
}

impl Served {
    /// How the snapshot served a file read twice in one load (the passes of a streamed
    /// `lede extract`), `self` the first time and `then` the second, under one stamp.
    fn and(self, then: Served) -> Served {
        match (self, then) {
            (Served::Missed, _) | (_, Served::Missed) => Served::Missed,
            // Taken once: the snapshot holds it, under this stamp, and what it holds makes
            // sense (a file read early the other time does not make it a new snapshot).
            (Served::Taken, _) | (_, Served::Taken) => Served::Taken,
            (Served::Early, Served::Early) => Served::Early,
        }
    }
}

/// The page cache of a connection that looks extractions up in batches, in kB.
const EXTRACTION_READER_CACHE_KB: i64 = 16 << 10;

/// Marks the snapshot read when dropped, and tells those waiting for it.
struct MarkRead(
    std::sync::Arc<Mutex<SnapshotRun>>,
    std::sync::Arc<std::sync::Condvar>,
);

impl Drop for MarkRead {
    fn drop(&mut self) {
        if let Ok(mut run) = self.0.lock() {
            run.read = true;
        }
        self.1.notify_all();
    }
}

static NEXT_ID: AtomicU64 = AtomicU64::new(0);

/// What `lede cache info` tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Info {
    pub location: PathBuf,
    /// Bytes on disk (the database, its write-ahead log, the search index and the corpus
    /// snapshot).
    pub bytes: u64,
    pub files: u64,
    pub extractions: u64,
}

/// The cache folder: `--cache-dir` / `LEDE_CACHE_DIR` when given, else
/// `$XDG_CACHE_HOME/lede`.
pub fn cache_dir(overridden: Option<PathBuf>) -> Option<PathBuf> {
    overridden.or_else(|| {
        directories::ProjectDirs::from("", "", "lede").map(|d| d.cache_dir().to_path_buf())
    })
}

impl Cache {
    /// Opens (or creates) the cache in `dir`. A cache that cannot be read (not a
    /// database, damaged, another layout) is deleted and made anew, with a one-line
    /// notice; a folder where no cache can be made gives `None` and a notice: lede then
    /// works without one.
    pub fn open(dir: &Path) -> (Option<Cache>, Vec<String>) {
        let mut notices = Vec::new();
        if let Err(err) = create_private_dir(dir) {
            notices.push(format!(
                "cache: cannot use {}: {err}; working without a cache",
                dir.display()
            ));
            return (None, notices);
        }
        let file = dir.join(DATABASE);
        let damaged_mark = dir.join(DAMAGED_MARK);
        let first = if damaged_mark.exists() {
            Err(Refusal::Unreadable("it was found damaged".to_string()))
        } else {
            prepare_waiting(&file)
        };
        let without = |reason: String| {
            format!(
                "cache: cannot use {}: {reason}; working without a cache",
                file.display()
            )
        };
        match first {
            Ok(()) => {}
            // Another lede holds it longer than we wait: it is left alone.
            Err(Refusal::Busy(reason) | Refusal::Unusable(reason)) => {
                notices.push(without(reason));
                return (None, notices);
            }
            // Another program's database where lede's would be: never deleted.
            Err(Refusal::Foreign) => {
                notices.push(format!(
                    "cache: {} is another program's database, not lede's cache; \
                     choose another folder with --cache-dir; working without a cache",
                    file.display()
                ));
                return (None, notices);
            }
            Err(Refusal::Unreadable(reason)) => {
                notices.push(format!(
                    "cache: {} could not be read ({reason}); rebuilding it",
                    file.display()
                ));
                remove_database(&file);
                let _ = fs::remove_file(&damaged_mark);
                match prepare_waiting(&file) {
                    Ok(()) => {}
                    Err(
                        Refusal::Busy(reason)
                        | Refusal::Unreadable(reason)
                        | Refusal::Unusable(reason),
                    ) => {
                        notices.push(without(reason));
                        return (None, notices);
                    }
                    Err(Refusal::Foreign) => {
                        notices.push(without("another program's database".to_string()));
                        return (None, notices);
                    }
                }
            }
        }
        let lost_writes = std::sync::Arc::new(AtomicBool::new(false));
        let (sender, handle) = writer::spawn(file.clone(), lost_writes.clone());
        let cache = Cache {
            dir: dir.to_path_buf(),
            file,
            writes: Mutex::new(Some(sender)),
            writer: Mutex::new(Some(handle)),
            damaged: AtomicBool::new(false),
            lost_writes,
            racy: stamp::RACY,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            read_ahead: Mutex::new(None),
            index_writes: Mutex::new(Vec::new()),
            vouched: Mutex::new(Vec::new()),
            snapshot: std::sync::Arc::new(Mutex::new(SnapshotRun::default())),
            snapshot_read: std::sync::Arc::new(std::sync::Condvar::new()),
        };
        (Some(cache), notices)
    }

    /// The extraction of `article`: from the cache when it has it, else extracted now
    /// (and kept).
    pub fn extraction(&self, article: &Article) -> Extraction {
        self.extraction_noting(article).0
    }

    /// [`Cache::extraction`], with a notice when the kept one could not be trusted (it
    /// is extracted again, and kept in its place).
    pub fn extraction_noting(&self, article: &Article) -> (Extraction, Option<String>) {
        let key = records::extraction_key(article);
        match self.kept_extraction(article, &key) {
            Kept::Found(extraction) => (extraction, None),
            Kept::Missing => (self.extract_and_keep(article, key), None),
            Kept::Damaged(notice) => (self.extract_and_keep(article, key), Some(notice)),
        }
    }

    /// The extraction of `article` the cache keeps under `key` (its
    /// [`records::extraction_key`]), decoded and checked now: a record that does not
    /// match its checksum, does not decode or has a range outside the article's body is
    /// [`Kept::Damaged`], never trusted.
    pub fn kept_extraction(&self, article: &Article, key: &[u8; 16]) -> Kept {
        let read_ahead = match self.read_ahead.lock() {
            Ok(mut all) => all.as_mut().map(|all| all.remove(key)),
            Err(_) => None,
        };
        let cached = match read_ahead {
            Some(found) => found,
            None => self.read(|db| {
                db.prepare_cached("SELECT record FROM extractions WHERE key = +?1 AND code = +?2")?
                    .query_row((&key[..], CODE_EXTRACTION), |row| row.get::<_, Vec<u8>>(0))
            }),
        };
        let Some(bytes) = cached else {
            return Kept::Missing;
        };
        match decode_extraction(article, &bytes) {
            Some(extraction) => Kept::Found(extraction),
            None => Kept::Damaged(format!(
                "cache: an extraction kept in {} could not be read; extracted it again",
                self.file.display()
            )),
        }
    }

    /// The extractions of `articles`, as [`Cache::extraction`] gives each, with the kept
    /// ones read in one read transaction through one statement, in key order (which
    /// walks the table's pages in order): a lookup per article costs a transaction's
    /// locks and a fresh descent of the table each.
    pub fn extractions(&self, articles: &[&Article]) -> Vec<Extraction> {
        let keys: Vec<[u8; 16]> = articles
            .iter()
            .map(|article| records::extraction_key(article))
            .collect();
        let mut records: Vec<Option<Vec<u8>>> = match self.read_ahead.lock() {
            Ok(mut all) => match all.as_mut() {
                Some(all) => keys.iter().map(|key| all.remove(key)).collect(),
                None => vec![None; keys.len()],
            },
            Err(_) => vec![None; keys.len()],
        };
        let mut in_key_order: Vec<usize> =
            (0..keys.len()).filter(|&i| records[i].is_none()).collect();
        in_key_order.sort_unstable_by_key(|&i| keys[i]);
        if !in_key_order.is_empty() {
            let read = self.read(|db| {
                // Lookups by key land on random pages of a table bigger than the default
                // page cache (2 MB, about 30 pages of 64 kB). Only the connections that
                // look extractions up in batches get the larger one.
                db.pragma_update(None, "cache_size", -EXTRACTION_READER_CACHE_KB)?;
                let transaction = db.unchecked_transaction()?;
                let mut found = Vec::with_capacity(in_key_order.len());
                {
                    let mut statement = transaction.prepare_cached(
                        "SELECT record FROM extractions WHERE key = +?1 AND code = +?2",
                    )?;
                    for &i in &in_key_order {
                        let record = statement
                            .query_row((&keys[i][..], CODE_EXTRACTION), |row| {
                                row.get::<_, Vec<u8>>(0)
                            })
                            .optional()?;
                        found.push((i, record));
                    }
                }
                transaction.commit()?;
                Ok(found)
            });
            for (i, record) in read.into_iter().flatten() {
                records[i] = record;
            }
        }
        articles
            .iter()
            .zip(keys)
            .zip(records)
            .map(|((article, key), record)| {
                match record.and_then(|bytes| decode_extraction(article, &bytes)) {
                    Some(extraction) => extraction,
                    None => self.extract_and_keep(article, key),
                }
            })
            .collect()
    }

    /// Extracts `article` now and keeps its extraction under `key`.
    pub fn extract_and_keep(&self, article: &Article, key: [u8; 16]) -> Extraction {
        let extraction = extract(article);
        self.write(Write::Extraction {
            key,
            record: records::encode(&records::ExtractionRecord::of(&extraction)),
        });
        extraction
    }

    /// Waits until every write asked for before is in the database (or was dropped, if
    /// it failed), so that what was kept can be read back.
    pub fn wait_for_writes(&self) {
        let (told, committed) = std::sync::mpsc::channel();
        self.write(Write::Committed(told));
        // No writer (finished): nothing is waiting to be written.
        let _ = committed.recv();
    }

    /// Whether some rows asked for were dropped because the database could not be
    /// written (another process held it too long, a full disk): what was asked to be
    /// kept since may not be there to read back.
    pub fn writes_lost(&self) -> bool {
        self.lost_writes.load(Ordering::Relaxed)
    }

    /// Which of `keys` the cache keeps an extraction under, without reading them: one
    /// pass over the table's keys (its primary key's index, not the records). A hint
    /// only: a row may be of other code or damaged, which [`Cache::kept_extraction`]
    /// finds out when it is read.
    pub fn extractions_kept(&self, keys: &[[u8; 16]]) -> Vec<bool> {
        let kept = self.read(|db| {
            db.prepare("SELECT key FROM extractions")?
                .query_map([], |row| {
                    row.get_ref(0).map(|key| {
                        key.as_blob()
                            .ok()
                            .and_then(|k| <[u8; 16]>::try_from(k).ok())
                    })
                })?
                .filter_map(Result::transpose)
                .collect::<rusqlite::Result<foldhash::HashSet<[u8; 16]>>>()
        });
        match kept {
            Some(kept) => keys.iter().map(|key| kept.contains(key)).collect(),
            None => vec![false; keys.len()],
        }
    }

    /// Reads every kept extraction at once, for a caller about to ask for many (a whole
    /// corpus): one pass over the table instead of a lookup per article. Those never
    /// asked for are dropped by [`Cache::finish`].
    pub fn read_all_extractions(&self) {
        let all = self.read(|db| {
            db.prepare("SELECT key, record FROM extractions WHERE code = ?1")?
                .query_map([CODE_EXTRACTION], |row| {
                    Ok((row.get::<_, Vec<u8>>(0)?, row.get::<_, Vec<u8>>(1)?))
                })?
                .filter_map(|row| match row {
                    Ok((key, record)) => Some(Ok((key.try_into().ok()?, record))),
                    Err(err) => Some(Err(err)),
                })
                .collect::<rusqlite::Result<HashMap<[u8; 16], Vec<u8>>>>()
        });
        if let Ok(mut read_ahead) = self.read_ahead.lock() {
            *read_ahead = all;
        }
    }

    /// Starts a load of many files through the corpus snapshot: until
    /// [`Cache::keep_snapshot`], files the snapshot holds under their current stamp are
    /// taken from it. It is read whole, in the background; the first
    /// [`SNAPSHOT_EARLY_FILES`] files asked for meanwhile are read as before (so that the
    /// list shows at once), the others wait for it.
    pub fn open_snapshot(&self, roots: &[PathBuf]) {
        let dir = self.dir.clone();
        let name = snapshot::file_name(roots);
        let run = std::sync::Arc::clone(&self.snapshot);
        let told = std::sync::Arc::clone(&self.snapshot_read);
        // One read at a time: an earlier one still going is waited for.
        self.snapshot_read_done();
        let Ok(mut open) = self.snapshot.lock() else {
            return;
        };
        *open = SnapshotRun {
            open: true,
            name: name.clone(),
            ..SnapshotRun::default()
        };
        open.reading = Some(std::thread::spawn(move || {
            // Done, even if reading went down: nobody waits for ever.
            let _done = MarkRead(std::sync::Arc::clone(&run), told);
            let (snapshot, notice) = match snapshot::read(&dir, &name) {
                snapshot::Found::Snapshot(snapshot) => (Some(std::sync::Arc::new(snapshot)), None),
                snapshot::Found::Missing => (None, None),
                snapshot::Found::Damaged(reason) => (
                    None,
                    Some(format!(
                        "cache: {} could not be read ({reason}); rebuilding it",
                        dir.join(&name).display()
                    )),
                ),
            };
            if let Ok(mut run) = run.lock() {
                run.snapshot = snapshot;
                run.notice = notice;
            }
        }));
    }

    /// Ends the load begun by [`Cache::open_snapshot`]: when the files it vouched for
    /// are not exactly the snapshot's (one changed, added or removed, or no snapshot),
    /// a new snapshot of them is written in the background. A file read under two stamps
    /// is left out.
    pub fn keep_snapshot(&self) {
        self.snapshot_read_done();
        let run = match self.snapshot.lock() {
            Ok(mut run) => {
                let notice = run.notice.take();
                std::mem::replace(
                    &mut *run,
                    SnapshotRun {
                        notice,
                        ..SnapshotRun::default()
                    },
                )
            }
            Err(_) => return,
        };
        if !run.open {
            return;
        }
        if let Some(old) = &run.snapshot {
            old.release_pages();
        }
        let mut files: foldhash::HashMap<Vec<u8>, (Option<stamp::Stamp>, Served)> =
            foldhash::HashMap::default();
        for (key, stamp, served) in run.files {
            files
                .entry(key)
                .and_modify(|(kept, first)| {
                    if *kept != Some(stamp) {
                        *kept = None;
                    }
                    *first = first.and(served);
                })
                .or_insert((Some(stamp), served));
        }
        let unchanged = run.snapshot.as_ref().is_some_and(|old| {
            old.len() == files.len()
                && files
                    .iter()
                    .all(|(key, (stamp, served))| match (stamp, served) {
                        (Some(_), Served::Taken) => true,
                        (Some(stamp), Served::Early) => old.holds(key, *stamp),
                        _ => false,
                    })
        });
        if unchanged {
            return;
        }
        let mut files: Vec<(Vec<u8>, stamp::Stamp, bool)> = files
            .into_iter()
            .filter_map(|(key, (stamp, served))| Some((key, stamp?, served == Served::Taken)))
            .collect();
        files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        self.write(Write::Snapshot {
            name: run.name,
            files,
            old: run.snapshot,
        });
    }

    /// Waits until the snapshot opened is read.
    fn snapshot_read_done(&self) {
        let reading = self
            .snapshot
            .lock()
            .ok()
            .and_then(|mut run| run.reading.take());
        if let Some(reading) = reading {
            let _ = reading.join();
        }
    }

    /// The snapshot to take a file from: `(None, true)` while it is being read and the
    /// file is one of the first ones, else (after waiting for it) the snapshot if one
    /// was read.
    fn snapshot_for_file(&self) -> (Option<std::sync::Arc<snapshot::Snapshot>>, bool) {
        let Ok(mut run) = self.snapshot.lock() else {
            return (None, false);
        };
        if run.open && !run.read {
            if run.early < SNAPSHOT_EARLY_FILES {
                run.early += 1;
                return (None, true);
            }
            while !run.read {
                run = match self.snapshot_read.wait(run) {
                    Ok(run) => run,
                    Err(_) => return (None, false),
                };
            }
        }
        (run.snapshot.clone(), false)
    }

    /// Why the corpus snapshot could not be read, once (waiting for it to be read).
    pub fn take_snapshot_notice(&self) -> Option<String> {
        self.snapshot_read_done();
        self.snapshot.lock().ok()?.notice.take()
    }

    /// Waits until every queued write is in the database; returns a notice when the
    /// cache was found damaged while in use (the next start rebuilds it).
    pub fn finish(&self) -> Vec<String> {
        if let Ok(mut writes) = self.writes.lock() {
            writes.take();
        }
        if let Ok(mut read_ahead) = self.read_ahead.lock() {
            read_ahead.take();
        }
        let handle = self.writer.lock().ok().and_then(|mut w| w.take());
        if let Some(handle) = handle {
            let _ = handle.join();
        }
        self.finish_index_writes();
        if self.damaged.load(Ordering::Relaxed) {
            let _ = fs::write(self.dir.join(DAMAGED_MARK), b"");
            return vec![format!(
                "cache: {} is damaged; it was not used and will be rebuilt next time",
                self.file.display()
            )];
        }
        Vec::new()
    }

    /// Size, entries and location.
    pub fn info(&self) -> Info {
        let count = |table: &str| {
            self.read(|db| {
                db.query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
                    row.get::<_, i64>(0)
                })
            })
            .map_or(0, |n| n.max(0) as u64)
        };
        let bytes = database_files(&self.file)
            .iter()
            .chain(&index_file::index_files(&self.dir))
            .chain(&snapshot::snapshot_files(&self.dir))
            .filter_map(|f| fs::metadata(f).ok())
            .map(|m| m.len())
            .sum();
        Info {
            location: self.file.clone(),
            bytes,
            files: count("files"),
            extractions: count("extractions"),
        }
    }

    /// Runs a read on this thread's connection. Any error is a miss; one that says the
    /// database is damaged is remembered (see [`Cache::finish`]).
    fn read<T>(&self, query: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Option<T> {
        if self.damaged.load(Ordering::Relaxed) {
            return None;
        }
        thread_local! {
            static READER: RefCell<Option<(u64, Connection)>> = const { RefCell::new(None) };
        }
        READER.with(|reader| {
            let mut reader = reader.try_borrow_mut().ok()?;
            if reader.as_ref().is_none_or(|(id, _)| *id != self.id) {
                *reader = Some((self.id, connect(&self.file).ok()?));
            }
            let (_, db) = reader.as_ref()?;
            match query(db) {
                Ok(value) => Some(value),
                Err(err) => {
                    if is_damage(&err) {
                        self.damaged.store(true, Ordering::Relaxed);
                    }
                    None
                }
            }
        })
    }

    fn write(&self, write: Write) {
        if let Ok(writes) = self.writes.lock()
            && let Some(sender) = writes.as_ref()
        {
            let _ = sender.send(write);
        }
    }
}

impl Drop for Cache {
    fn drop(&mut self) {
        self.finish();
    }
}

/// A kept extraction record of `article`, checked: `None` if it does not match its
/// checksum, does not decode or has a range outside the article's body.
fn decode_extraction(article: &Article, bytes: &[u8]) -> Option<Extraction> {
    records::decode::<records::ExtractionRecord>(bytes)
        .and_then(|record| record.extraction(&article.body))
}

/// Makes the cache folder, readable by its owner only (it holds article text).
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Where the cache in `dir` is kept (it may not exist yet).
pub fn database_file(dir: &Path) -> PathBuf {
    dir.join(DATABASE)
}

/// Deletes the cache in `dir` (nothing there is precious). Returns the bytes freed.
pub fn clear(dir: &Path) -> std::io::Result<u64> {
    let file = dir.join(DATABASE);
    let mut freed = 0;
    for path in database_files(&file)
        .into_iter()
        .chain([dir.join(DAMAGED_MARK)])
        .chain(index_file::index_files(dir))
        .chain(snapshot::snapshot_files(dir))
    {
        match fs::metadata(&path) {
            Ok(meta) => {
                fs::remove_file(&path)?;
                freed += meta.len();
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => return Err(err),
        }
    }
    Ok(freed)
}

/// The database and SQLite's files beside it.
fn database_files(file: &Path) -> Vec<PathBuf> {
    let with = |suffix: &str| {
        let mut name = file.as_os_str().to_os_string();
        name.push(suffix);
        PathBuf::from(name)
    };
    vec![
        file.to_path_buf(),
        with("-wal"),
        with("-shm"),
        with("-journal"),
    ]
}

fn remove_database(file: &Path) {
    for path in database_files(file) {
        let _ = fs::remove_file(path);
    }
}

/// A connection with lede's settings: write-ahead log (readers never wait for the
/// writer), waiting up to 5 s for another process's write.
fn connect(file: &Path) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let db = Connection::open_with_flags(file, flags)?;
    db.busy_timeout(std::time::Duration::from_secs(5))?;
    db.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(db)
}

/// Why a database was not taken as the cache.
enum Refusal {
    /// Another process holds a lock on it: it is not ours to delete.
    Busy(String),
    /// Damaged, not a database at all, or lede's cache of another layout: rebuilt.
    Unreadable(String),
    /// A database of another program: left alone.
    Foreign,
    /// The folder or the file cannot be used (read-only, full, an I/O error): left alone,
    /// lede works without a cache.
    Unusable(String),
}

impl From<rusqlite::Error> for Refusal {
    fn from(err: rusqlite::Error) -> Refusal {
        use rusqlite::ErrorCode;
        match err.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
                Refusal::Busy(err.to_string())
            }
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
                Refusal::Unreadable(err.to_string())
            }
            _ => Refusal::Unusable(err.to_string()),
        }
    }
}

/// [`prepare`], trying again for a few seconds while another process holds the database
/// (SQLite does not wait on every lock, e.g. while another turns on its write-ahead log).
fn prepare_waiting(file: &Path) -> Result<(), Refusal> {
    let started = std::time::Instant::now();
    loop {
        match prepare(file) {
            Err(Refusal::Busy(_)) if started.elapsed() < OPEN_WAIT => {
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            done => return done,
        }
    }
}

/// Opens the database at `file`, creating its tables when it is new, and checks that it
/// is lede's cache of this layout. Rows of other code are deleted once, when the code
/// changes.
fn prepare(file: &Path) -> Result<(), Refusal> {
    let db = connect(file)?;
    // Each try waits briefly: [`prepare_waiting`] bounds the whole wait.
    db.busy_timeout(std::time::Duration::from_millis(500))?;
    let check = || -> rusqlite::Result<Result<(), Refusal>> {
        // Large pages: an article's record (a few kB) is on one page, not a chain of them.
        // Only a new database takes it (it is ignored afterwards).
        db.pragma_update(None, "page_size", 65536)?;
        db.pragma_update(None, "journal_mode", "WAL")?;
        // Taking the write lock first: two processes starting on a new cache at once
        // create its tables once.
        let tx = Transaction::new_unchecked(&db, TransactionBehavior::Immediate)?;
        let id: i32 = tx.query_row("PRAGMA application_id", [], |row| row.get(0))?;
        let tables: i64 =
            tx.query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get(0))?;
        if id == 0 && tables == 0 {
            tx.execute_batch(&format!(
                "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                 CREATE TABLE files (path BLOB PRIMARY KEY, size INTEGER NOT NULL,
                     modified INTEGER NOT NULL, changed INTEGER NOT NULL,
                     inode INTEGER NOT NULL, code TEXT NOT NULL, parts INTEGER NOT NULL);
                 CREATE TABLE parts (path BLOB NOT NULL, part INTEGER NOT NULL,
                     record BLOB NOT NULL, PRIMARY KEY (path, part));
                 CREATE TABLE extractions (key BLOB PRIMARY KEY, code TEXT NOT NULL,
                     record BLOB NOT NULL);
                 INSERT INTO meta VALUES ('format', '{FORMAT}');
                 PRAGMA application_id = {APPLICATION_ID};"
            ))?;
        } else if id != APPLICATION_ID {
            return Ok(Err(Refusal::Foreign));
        }
        tx.commit()?;
        let format: Option<String> = db
            .query_row("SELECT value FROM meta WHERE key = 'format'", [], |row| {
                row.get(0)
            })
            .ok();
        if format.as_deref() != Some(FORMAT.to_string().as_str()) {
            return Ok(Err(Refusal::Unreadable(format!(
                "layout {} where this lede writes {FORMAT}",
                format.as_deref().unwrap_or("unknown")
            ))));
        }
        forget_other_code(&db)?;
        Ok(Ok(()))
    };
    check()?
}

/// Deletes rows written by other code, once per change of code: they would never be
/// read again (extractions are keyed by content, so they would otherwise pile up).
fn forget_other_code(db: &Connection) -> rusqlite::Result<()> {
    for (kind, code, forget) in [
        (
            "code_articles",
            CODE_ARTICLES,
            "DELETE FROM parts; DELETE FROM files;",
        ),
        (
            "code_extraction",
            CODE_EXTRACTION,
            "DELETE FROM extractions;",
        ),
    ] {
        let stored: Option<String> = db
            .query_row("SELECT value FROM meta WHERE key = ?1", [kind], |row| {
                row.get(0)
            })
            .ok();
        if stored.as_deref() != Some(code) {
            let tx = Transaction::new_unchecked(db, TransactionBehavior::Immediate)?;
            tx.execute_batch(forget)?;
            tx.execute("INSERT OR REPLACE INTO meta VALUES (?1, ?2)", (kind, code))?;
            tx.commit()?;
        }
    }
    Ok(())
}

/// Whether an error says the database file itself is bad (not busy, not a miss).
fn is_damage(err: &rusqlite::Error) -> bool {
    use rusqlite::ErrorCode;
    matches!(
        err.sqlite_error_code(),
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
    )
}
