//! The one thread of a process that writes to the cache: it takes writes from a channel
//! and puts them in the database a batch per transaction (a transaction per file would
//! cost more than reading it). A file's rows are written in one transaction, so another
//! process never reads half of them; a write that fails is dropped (the cache is derived
//! data: the next open reads that file again).

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::stamp::Stamp;
use super::{CODE_ARTICLES, CODE_EXTRACTION, connect};

pub enum Write {
    /// A file read whole: its stamp before reading and its parts' records.
    File {
        path: Vec<u8>,
        stamp: Stamp,
        parts: Vec<Vec<u8>>,
    },
    Extraction {
        key: [u8; 16],
        record: Vec<u8>,
    },
    /// A new corpus snapshot of these files (keys, stamps, and whether their articles
    /// were taken from the `old` one), made once every write before it is in the
    /// database.
    Snapshot {
        name: String,
        files: Vec<(Vec<u8>, Stamp, bool)>,
        old: Option<std::sync::Arc<super::snapshot::Snapshot>>,
    },
    /// Told once every write before it is committed (or dropped, if it failed).
    Committed(Sender<()>),
}

impl Write {
    /// Whether it puts rows in the database (the others are told or written elsewhere).
    fn has_rows(&self) -> bool {
        matches!(self, Write::File { .. } | Write::Extraction { .. })
    }
}

/// A transaction is committed after this many writes, or this long after its first.
const BATCH_WRITES: usize = 512;
const BATCH_TIME: Duration = Duration::from_millis(200);

/// Starts the writer. `lost` is set once a file's or an extraction's rows were dropped
/// (the database could not be opened or written), so that nobody counts on reading
/// them back.
pub fn spawn(file: PathBuf, lost: Arc<AtomicBool>) -> (Sender<Write>, JoinHandle<()>) {
    let (sender, receiver) = mpsc::channel();
    let handle = thread::spawn(move || {
        // A database that cannot be opened takes no writes: they are received and dropped.
        let db = connect(&file).ok();
        let dir = file.parent().map(PathBuf::from).unwrap_or_default();
        run(db.as_ref(), &dir, &receiver, &lost);
    });
    (sender, handle)
}

fn run(
    mut db: Option<&Connection>,
    dir: &std::path::Path,
    receiver: &Receiver<Write>,
    lost: &AtomicBool,
) {
    while let Ok(first) = receiver.recv() {
        let mut batch = vec![first];
        let started = Instant::now();
        // Someone waiting for the writes so far is not kept waiting for more.
        while batch.len() < BATCH_WRITES && !matches!(batch.last(), Some(Write::Committed(_))) {
            let left = BATCH_TIME.saturating_sub(started.elapsed());
            match receiver.recv_timeout(left) {
                Ok(write) => batch.push(write),
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => break,
            }
        }
        let written = match db {
            Some(open) => match write_batch(open, &batch) {
                Ok(()) => true,
                Err(err) => {
                    if matches!(
                        err.sqlite_error_code(),
                        Some(
                            rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                        )
                    ) {
                        // Another process holds the database past the wait: the rest of
                        // this run's writes are dropped rather than each waiting again
                        // (finishing would hang).
                        db = None;
                    }
                    false
                }
            },
            None => false,
        };
        if !written && batch.iter().any(Write::has_rows) {
            lost.store(true, Ordering::Relaxed);
        }
        for write in &batch {
            if let Write::Snapshot { name, files, old } = write {
                // A snapshot that cannot be written is only slower next time.
                let _ = super::snapshot::write(dir, name, db, files, old.as_deref());
            }
            if let Write::Committed(told) = write {
                let _ = told.send(());
            }
        }
    }
}

fn write_batch(db: &Connection, batch: &[Write]) -> rusqlite::Result<()> {
    let tx = Transaction::new_unchecked(db, TransactionBehavior::Immediate)?;
    for write in batch {
        match write {
            Write::File { path, stamp, parts } => {
                tx.prepare_cached("DELETE FROM parts WHERE path = +?1")?
                    .execute([path])?;
                let mut insert = tx.prepare_cached("INSERT INTO parts VALUES (?1, ?2, ?3)")?;
                for (i, record) in parts.iter().enumerate() {
                    insert.execute((path, i as i64, record))?;
                }
                tx.prepare_cached(
                    "INSERT OR REPLACE INTO files VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )?
                .execute((
                    path,
                    stamp.size as i64,
                    stamp.modified,
                    stamp.changed,
                    stamp.inode as i64,
                    CODE_ARTICLES,
                    parts.len() as i64,
                ))?;
            }
            Write::Extraction { key, record } => {
                tx.prepare_cached("INSERT OR REPLACE INTO extractions VALUES (?1, ?2, ?3)")?
                    .execute((&key[..], CODE_EXTRACTION, record))?;
            }
            Write::Snapshot { .. } | Write::Committed(_) => {}
        }
    }
    tx.commit()
}
