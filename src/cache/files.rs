//! Reading article files through the cache: a file whose stamp is the one the cache has
//! is not read at all; any other is read as usual and kept for next time.

use std::path::Path;

use crate::corpus::{FileLoad, is_stdin, load_path_in_parts};
use crate::store::path_key::path_bytes;

use super::records::{PartRecord, decode, encode};
use super::stamp::{self, Stamp};
use super::writer::Write;
use super::{CODE_ARTICLES, Cache, Served};

/// What the cache vouches for a file's articles: they are the ones it keeps under
/// `stamp`; and, if `from_snapshot`, every read of the file in this process took their
/// texts from the corpus snapshot (whose checksum held).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Vouch {
    pub(super) stamp: Stamp,
    pub(super) from_snapshot: bool,
}

/// A file whose parts' records are bigger than this is read each time, not kept (its
/// records are held in memory until the file is read to its end).
const FILE_MAX_RECORDS: usize = 256 << 20;

impl Cache {
    /// [`load_path_in_parts`] through the cache: what `path` gave, from the cache when
    /// the file is unchanged since it was kept, else read from the file (and kept).
    pub fn load_path_in_parts(&self, path: &Path, mut part: impl FnMut(FileLoad) -> bool) {
        let Some((key, stamp)) = identify(path) else {
            self.vouch(path, None, false);
            return load_path_in_parts(path, part);
        };
        if self.give_cached(path, &key, stamp, &mut part) {
            return;
        }
        let read_at = stamp::now();
        let mut records = Vec::new();
        let mut size = 0;
        let mut whole = true;
        // A file that gave a problem is not kept: the problem may pass (too many open
        // files, an I/O error), and a kept one would be reported until the file changes.
        let mut clean = true;
        load_path_in_parts(path, |loaded| {
            clean &= loaded.problems.is_empty();
            if size <= FILE_MAX_RECORDS {
                let record = encode(&PartRecord::of(&loaded));
                size += record.len();
                records.push(record);
            }
            whole = part(loaded);
            whole
        });
        // A file changed within the time its stamp can tell is read again next time.
        // The stamp was taken before opening: a file changed or swapped meanwhile (a
        // rename changes the change time too) is read again next time.
        let unchanged = identify(path).is_some_and(|(_, after)| after == stamp);
        let kept = whole
            && clean
            && unchanged
            && size <= FILE_MAX_RECORDS
            && !stamp.is_racy(read_at, self.racy);
        self.vouch(path, kept.then_some(stamp), false);
        if kept {
            self.note_for_snapshot(&key, stamp, Served::Missed);
            self.write(Write::File {
                path: key,
                stamp,
                parts: records,
            });
        }
    }

    /// [`Cache::load_path_in_parts`] for a reader that gains too little from the cache to
    /// pay for keeping what it reads (a one-shot search): from the cache when the file is
    /// unchanged since it was kept, else read from the file, and not kept.
    pub fn load_path_in_parts_without_keeping(
        &self,
        path: &Path,
        mut part: impl FnMut(FileLoad) -> bool,
    ) {
        if let Some((key, stamp)) = identify(path)
            && self.give_cached(path, &key, stamp, &mut part)
        {
            return;
        }
        self.vouch(path, None, false);
        load_path_in_parts(path, part);
    }

    /// Hands the parts kept for `path` (`key`) to `part` if they are kept under `stamp`;
    /// false (nothing handed) if not.
    fn give_cached(
        &self,
        path: &Path,
        key: &[u8],
        stamp: Stamp,
        part: &mut impl FnMut(FileLoad) -> bool,
    ) -> bool {
        let (from_snapshot, served) = match self.snapshot_for_file() {
            (Some(snapshot), _) => {
                let parts = snapshot.file_load(key, stamp, path);
                let served = if parts.is_some() {
                    Served::Taken
                } else {
                    Served::Missed
                };
                (parts, served)
            }
            (None, true) => (None, Served::Early),
            (None, false) => (None, Served::Missed),
        };
        let Some(parts) = from_snapshot.or_else(|| self.cached_parts(key, &stamp, path)) else {
            return false;
        };
        self.vouch(path, Some(stamp), served == Served::Taken);
        self.note_for_snapshot(key, stamp, served);
        for loaded in parts {
            if !part(loaded) {
                break;
            }
        }
        true
    }

    /// Notes that the articles of `path` are the ones `stamp` stands for in the cache
    /// (`None`: not), and whether their texts were taken from the corpus snapshot.
    fn vouch(&self, path: &Path, stamp: Option<Stamp>, from_snapshot: bool) {
        if let Ok(mut vouched) = self.vouched.lock() {
            let vouch = stamp.map(|stamp| Vouch {
                stamp,
                from_snapshot,
            });
            // The path's bytes, not a `Path`: hashing and comparing a `Path` goes through
            // its components, which cost a warm reopen of 50,000 articles a tenth of a
            // second.
            vouched.push((path.as_os_str().as_encoded_bytes().to_vec(), vouch));
        }
    }

    /// Notes a file vouched for under `stamp` for the snapshot, while one is open.
    fn note_for_snapshot(&self, key: &[u8], stamp: Stamp, served: Served) {
        if let Ok(mut run) = self.snapshot.lock()
            && run.open
        {
            run.files.push((key.to_vec(), stamp, served));
        }
    }

    /// What the cache vouches for each of `articles` ([`Cache::vouch`]). A file read
    /// twice in this process under two stamps, or once not vouched for, is vouched for no
    /// more; one read twice is from the snapshot only if both reads took it from there.
    pub(super) fn article_vouches(
        &self,
        articles: &[crate::corpus::Article],
    ) -> Vec<Option<Vouch>> {
        let Ok(vouched) = self.vouched.lock() else {
            return vec![None; articles.len()];
        };
        // Borrowed paths: no copy of each one for the map.
        let mut files: foldhash::HashMap<&[u8], Option<Vouch>> = foldhash::HashMap::default();
        files.reserve(vouched.len());
        for (path, vouch) in vouched.iter() {
            files
                .entry(path.as_slice())
                .and_modify(|kept| {
                    *kept = match (*kept, *vouch) {
                        (Some(a), Some(b)) if a.stamp == b.stamp => Some(Vouch {
                            stamp: a.stamp,
                            from_snapshot: a.from_snapshot && b.from_snapshot,
                        }),
                        _ => None,
                    };
                })
                .or_insert(*vouch);
        }
        articles
            .iter()
            .map(|article| {
                let path = article.origin.file.as_os_str().as_encoded_bytes();
                files.get(path).copied().flatten()
            })
            .collect()
    }

    /// The parts kept for `key`, if its stamp is `stamp` and every record is whole.
    fn cached_parts(&self, key: &[u8], stamp: &Stamp, path: &Path) -> Option<Vec<FileLoad>> {
        let records = self.read(|db| kept_records(db, key, stamp))??;
        records
            .iter()
            .map(|bytes| decode::<PartRecord>(bytes)?.file_load(path))
            .collect()
    }
}

/// The records of the parts kept for `key` under `stamp` by this code, if all are there.
pub(super) fn kept_records(
    db: &rusqlite::Connection,
    key: &[u8],
    stamp: &Stamp,
) -> rusqlite::Result<Option<Vec<Vec<u8>>>> {
    // One read transaction: the file's row and its parts as one writer left them.
    // Keys are bound as `+?1` and the stamp compared here, not in SQL: SQLite plans a
    // statement again at each use when its planner has looked at a bound value
    // (`col = ?1`), which was 20% of a warm reopen.
    let tx = db.unchecked_transaction()?;
    let found = tx
        .prepare_cached(
            "SELECT size, modified, changed, inode, code, parts FROM files
             WHERE path = +?1",
        )?
        .query_row([key], |row| {
            let kept = Stamp {
                size: row.get::<_, i64>(0)? as u64,
                modified: row.get(1)?,
                changed: row.get(2)?,
                inode: row.get::<_, i64>(3)? as u64,
            };
            let current = kept == *stamp && row.get_ref(4)?.as_str()? == CODE_ARTICLES;
            Ok(current.then_some(row.get::<_, i64>(5)?))
        });
    let count = match found {
        Ok(Some(count)) => count,
        Ok(None) | Err(rusqlite::Error::QueryReturnedNoRows) => return Ok(None),
        Err(err) => return Err(err),
    };
    let records = tx
        .prepare_cached("SELECT part, record FROM parts WHERE path = +?1 ORDER BY part")?
        .query_map([key], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, Vec<u8>>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // Parts 0 to count - 1, each once (rows past them are left from a longer file).
    let records: Vec<Vec<u8>> = records
        .into_iter()
        .enumerate()
        .take_while(|(i, (part, _))| *i as i64 == *part)
        .map(|(_, (_, record))| record)
        .take(count as usize)
        .collect();
    Ok((records.len() as i64 == count).then_some(records))
}

/// The key and stamp of a file the cache can keep: not standard input, and a file whose
/// details can be read.
fn identify(path: &Path) -> Option<(Vec<u8>, Stamp)> {
    if is_stdin(path) {
        return None;
    }
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        // Asked once: the folder lede was started in.
        static CURRENT: std::sync::OnceLock<Option<std::path::PathBuf>> =
            std::sync::OnceLock::new();
        CURRENT
            .get_or_init(|| std::env::current_dir().ok())
            .as_ref()?
            .join(path)
    };
    Some((path_bytes(&absolute).into_owned(), Stamp::of(&meta)))
}
