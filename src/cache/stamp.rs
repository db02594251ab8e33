//! What tells that a file is unchanged since the cache read it: its size, modification
//! and change times and its inode. Times are only as fine as the file system keeps them
//! (two seconds on FAT), so a file changed again within that time of being read could
//! keep its stamp: such a file is "racy" and is not kept, so the next open reads it
//! again (git's index has the same notion).

use std::fs;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Files modified less than this long before being read are checked by content.
pub const RACY: Duration = Duration::from_secs(3);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    /// Nanoseconds since the epoch.
    pub modified: i64,
    pub changed: i64,
    pub inode: u64,
}

impl Stamp {
    #[cfg(unix)]
    pub fn of(meta: &fs::Metadata) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        let nanos = |secs: i64, nsec: i64| secs.saturating_mul(1_000_000_000).saturating_add(nsec);
        Stamp {
            size: meta.len(),
            modified: nanos(meta.mtime(), meta.mtime_nsec()),
            changed: nanos(meta.ctime(), meta.ctime_nsec()),
            inode: meta.ino(),
        }
    }

    #[cfg(not(unix))]
    pub fn of(meta: &fs::Metadata) -> Stamp {
        let modified = meta.modified().map_or(0, nanos_since_epoch);
        Stamp {
            size: meta.len(),
            modified,
            changed: modified,
            inode: 0,
        }
    }

    /// Whether a file with this stamp, read at `read_at` (nanoseconds since the epoch),
    /// may have changed again without its stamp showing it.
    pub fn is_racy(&self, read_at: i64, window: Duration) -> bool {
        let latest = self.modified.max(self.changed);
        read_at.saturating_sub(latest) < window.as_nanos() as i64
    }
}

/// Now, in nanoseconds since the epoch.
pub fn now() -> i64 {
    nanos_since_epoch(SystemTime::now())
}

fn nanos_since_epoch(time: SystemTime) -> i64 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(since) => i64::try_from(since.as_nanos()).unwrap_or(i64::MAX),
        Err(before) => -i64::try_from(before.duration().as_nanos()).unwrap_or(i64::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Stamp {
        fn is_racy_now(&self, read_at: i64) -> bool {
            self.is_racy(read_at, RACY)
        }
    }

    #[test]
    fn a_file_is_racy_when_read_soon_after_it_changed() {
        let stamp = Stamp {
            size: 1,
            modified: 10_000_000_000,
            changed: 10_000_000_000,
            inode: 1,
        };
        assert!(stamp.is_racy_now(10_000_000_000));
        assert!(stamp.is_racy_now(12_000_000_000));
        assert!(!stamp.is_racy_now(14_000_000_000));
        assert!(
            stamp.is_racy_now(5_000_000_000),
            "a time in the future is racy"
        );
        let changed_later = Stamp {
            changed: 13_000_000_000,
            ..stamp
        };
        assert!(changed_later.is_racy_now(14_000_000_000));
    }

    #[test]
    fn a_rewritten_file_has_another_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "one").unwrap();
        let before = Stamp::of(&fs::metadata(&path).unwrap());
        fs::write(&path, "three").unwrap();
        let after = Stamp::of(&fs::metadata(&path).unwrap());
        assert_ne!(before, after);
        assert_eq!(after.size, 5);
    }
}
