//! Reading article files through the cache: a file whose stamp is the one the cache has
//! is not read at all; any other is read as usual and kept for next time.

use std::path::Path;

use crate::corpus::{FileLoad, is_stdin, load_path_in_parts};

use super::records::{PartRecord, decode, encode};
use super::stamp::{self, Stamp};
use super::writer::Write;
use super::{CODE_ARTICLES, Cache};

/// A file whose parts' records are bigger than this is read each time, not kept (its
/// records are held in memory until the file is read to its end).
const FILE_MAX_RECORDS: usize = 256 << 20;

impl Cache {
    /// [`load_path_in_parts`] through the cache: what `path` gave, from the cache when
    /// the file is unchanged since it was kept, else read from the file (and kept).
    pub fn load_path_in_parts(&self, path: &Path, mut part: impl FnMut(FileLoad) -> bool) {
        let Some((key, stamp)) = identify(path) else {
            return load_path_in_parts(path, part);
        };
        if let Some(parts) = self.cached_parts(&key, &stamp, path) {
            for loaded in parts {
                if !part(loaded) {
                    return;
                }
            }
            return;
        }
        let read_at = stamp::now();
        let mut records = Vec::new();
        let mut size = 0;
        let mut whole = true;
        load_path_in_parts(path, |loaded| {
            if size <= FILE_MAX_RECORDS {
                let record = encode(&PartRecord::of(&loaded));
                size += record.len();
                records.push(record);
            }
            whole = part(loaded);
            whole
        });
        // A file changed within the time its stamp can tell is read again next time.
        if whole && size <= FILE_MAX_RECORDS && !stamp.is_racy(read_at, self.racy) {
            self.write(Write::File {
                path: key,
                stamp,
                parts: records,
            });
        }
    }

    /// The parts kept for `key`, if its stamp is `stamp` and every record is whole.
    fn cached_parts(&self, key: &[u8], stamp: &Stamp, path: &Path) -> Option<Vec<FileLoad>> {
        let records = self.read(|db| {
            // One read transaction: the file's row and its parts as one writer left them.
            let tx = db.unchecked_transaction()?;
            let found = tx
                .prepare_cached(
                    "SELECT parts FROM files WHERE path = ?1 AND size = ?2 AND modified = ?3
                     AND changed = ?4 AND inode = ?5 AND code = ?6",
                )?
                .query_row(
                    (
                        key,
                        stamp.size as i64,
                        stamp.modified,
                        stamp.changed,
                        stamp.inode as i64,
                        CODE_ARTICLES,
                    ),
                    |row| row.get::<_, i64>(0),
                );
            let count = match found {
                Ok(count) => count,
                Err(rusqlite::Error::QueryReturnedNoRows) => return Ok(None),
                Err(err) => return Err(err),
            };
            let records = tx
                .prepare_cached(
                    "SELECT record FROM parts WHERE path = ?1 AND part < ?2 ORDER BY part",
                )?
                .query_map((key, count), |row| row.get::<_, Vec<u8>>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok((records.len() as i64 == count).then_some(records))
        })??;
        records
            .iter()
            .map(|bytes| decode::<PartRecord>(bytes)?.file_load(path))
            .collect()
    }
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
        std::env::current_dir().ok()?.join(path)
    };
    Some((path_bytes(&absolute), Stamp::of(&meta)))
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().into_owned().into_bytes()
}
