//! The journal: between two full writes of `store.json`, each change is appended to
//! `store.journal` as one JSON line and synced. Rewriting a 5 MB document for every tag
//! change costs tens of milliseconds; appending one line costs one small fsync.
//!
//! A line holds the new state of what changed (whole highlights, whole reading states,
//! removed ids), never a relative operation, so replaying a line twice gives the same
//! document: a crash between writing a new `store.json` and emptying the journal is
//! harmless. A line cut short by a crash has no newline and is ignored, then cut off by the
//! next writer. A complete line that cannot be read (damage, a hand edit) is skipped and
//! reported, and every line after it still read: the store keeps the damaged bytes aside
//! and tells the user (see `Store::open`). Writers hold the store lock.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::{self, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use super::highlight::Highlight;
use super::{Document, ReadingState, SCHEMA_VERSION};

pub const JOURNAL_FILE: &str = "store.journal";

/// One change, as the state it leaves.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The schema of this line; a newer one than ours makes the store read-only.
    pub v: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub put: Vec<Arc<Highlight>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remove: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub reading: BTreeMap<String, ReadingState>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unread: Vec<String>,
    /// Articles marked read, and marked unread again (article keys).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub marked_read: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub marked_unread: Vec<String>,
}

impl Entry {
    pub fn is_empty(&self) -> bool {
        self.put.is_empty()
            && self.remove.is_empty()
            && self.reading.is_empty()
            && self.unread.is_empty()
            && self.marked_read.is_empty()
            && self.marked_unread.is_empty()
    }

    /// The line to append: compact JSON (never containing a raw newline) and `\n`.
    pub fn to_line(&self) -> Result<Vec<u8>> {
        let mut line = serde_json::to_vec(self).context("cannot encode a journal line")?;
        line.push(b'\n');
        Ok(line)
    }
}

/// What changed from `before` to `after`. Highlights still shared between the two are
/// unchanged without comparing them.
pub fn diff(before: &Document, after: &Document) -> Entry {
    let same = |a: &Arc<Highlight>, b: &Arc<Highlight>| Arc::ptr_eq(a, b) || a == b;
    let (put, remove) = if same_ids_in_order(&before.highlights, &after.highlights) {
        let put = before
            .highlights
            .iter()
            .zip(&after.highlights)
            .filter(|(a, b)| !same(a, b))
            .map(|(_, b)| Arc::clone(b))
            .collect();
        (put, Vec::new())
    } else {
        let old: HashMap<&str, &Arc<Highlight>> = before
            .highlights
            .iter()
            .map(|h| (h.id.as_str(), h))
            .collect();
        let put = after
            .highlights
            .iter()
            .filter(|h| old.get(h.id.as_str()).is_none_or(|o| !same(o, h)))
            .cloned()
            .collect();
        let kept: HashSet<&str> = after.highlights.iter().map(|h| h.id.as_str()).collect();
        let remove = before
            .highlights
            .iter()
            .filter(|h| !kept.contains(h.id.as_str()))
            .map(|h| h.id.clone())
            .collect();
        (put, remove)
    };
    let reading = after
        .reading
        .iter()
        .filter(|(k, v)| before.reading.get(*k) != Some(v))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let unread = before
        .reading
        .keys()
        .filter(|k| !after.reading.contains_key(*k))
        .cloned()
        .collect();
    Entry {
        v: SCHEMA_VERSION,
        put,
        remove,
        reading,
        unread,
        marked_read: after.read.difference(&before.read).cloned().collect(),
        marked_unread: before.read.difference(&after.read).cloned().collect(),
    }
}

fn same_ids_in_order(a: &[Arc<Highlight>], b: &[Arc<Highlight>]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.id == y.id)
}

/// Applies `entry` to `doc`; applying it again changes nothing.
#[cfg(test)]
pub fn replay(doc: &mut Document, entry: Entry) {
    replay_all(doc, vec![entry]);
}

/// Applies `entries` in order. A few changes are found by scanning; many (loading a long
/// journal) through an index built once, so replay stays linear.
pub fn replay_all(doc: &mut Document, entries: Vec<Entry>) {
    let touched: usize = entries.iter().map(|e| e.put.len() + e.remove.len()).sum();
    if touched <= 8 {
        for entry in entries {
            replay_by_scanning(doc, entry);
        }
        return;
    }
    // Slots keep the order; a removed highlight leaves an empty slot until the end.
    let mut slots: Vec<Option<Arc<Highlight>>> = std::mem::take(&mut doc.highlights)
        .into_iter()
        .map(Some)
        .collect();
    let mut index: HashMap<String, usize> = slots
        .iter()
        .enumerate()
        .filter_map(|(i, h)| h.as_ref().map(|h| (h.id.clone(), i)))
        .collect();
    for entry in entries {
        for id in entry.remove {
            if let Some(i) = index.remove(&id) {
                slots[i] = None;
            }
        }
        for h in entry.put {
            match index.get(&h.id) {
                Some(&i) => slots[i] = Some(h),
                None => {
                    index.insert(h.id.clone(), slots.len());
                    slots.push(Some(h));
                }
            }
        }
        replay_reading(doc, entry.reading, entry.unread);
        replay_read(doc, entry.marked_read, entry.marked_unread);
    }
    doc.highlights = slots.into_iter().flatten().collect();
}

fn replay_by_scanning(doc: &mut Document, entry: Entry) {
    if !entry.remove.is_empty() {
        doc.highlights.retain(|h| !entry.remove.contains(&h.id));
    }
    for h in entry.put {
        match doc.highlights.iter().position(|o| o.id == h.id) {
            Some(i) => doc.highlights[i] = h,
            None => doc.highlights.push(h),
        }
    }
    replay_reading(doc, entry.reading, entry.unread);
    replay_read(doc, entry.marked_read, entry.marked_unread);
}

fn replay_read(doc: &mut Document, read: Vec<String>, unread: Vec<String>) {
    for key in unread {
        doc.read.remove(&key);
    }
    doc.read.extend(read);
}

fn replay_reading(
    doc: &mut Document,
    reading: BTreeMap<String, ReadingState>,
    unread: Vec<String>,
) {
    for key in unread {
        doc.reading.remove(&key);
    }
    doc.reading.extend(reading);
}

/// What reading the journal from some offset found.
#[derive(Debug, Default)]
pub struct Tail {
    pub entries: Vec<Entry>,
    /// The offset just after the last complete line (read or damaged): a torn last line,
    /// left by a writer that died, lies past it.
    pub end: u64,
    /// The newest schema of a line newer than ours, if any (such lines are read as far as
    /// this build understands them; the store is then read-only).
    pub newer: Option<u32>,
    /// Complete lines that could not be read.
    pub damaged: Vec<DamagedLine>,
    /// How many complete lines there were (read, damaged or newer).
    pub lines: usize,
}

/// A complete journal line that could not be read, kept to be set aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DamagedLine {
    /// Its number among the lines read, counting from 1 at the offset reading started at.
    pub line: usize,
    /// The line, with its newline.
    pub bytes: Vec<u8>,
}

/// Reads the complete lines from byte `offset` on. A line that cannot be parsed is listed
/// in `damaged` and reading goes on with the next one; a last line without its newline (a
/// crash's torn write) is left out.
pub fn read_from(path: &Path, offset: u64) -> Result<Tail> {
    let mut file = match fs::File::open(path) {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Tail {
                end: offset,
                ..Tail::default()
            });
        }
        Err(err) => return Err(err).with_context(|| format!("cannot read {}", path.display())),
    };
    let mut bytes = Vec::new();
    file.seek(SeekFrom::Start(offset))
        .and_then(|_| file.read_to_end(&mut bytes))
        .with_context(|| format!("cannot read {}", path.display()))?;

    #[derive(Deserialize)]
    struct Version {
        v: Option<u64>,
    }
    let mut tail = Tail {
        end: offset,
        ..Tail::default()
    };
    let mut rest = bytes.as_slice();
    let mut number = 0;
    while let Some(newline) = memchr::memchr(b'\n', rest) {
        let line = &rest[..newline];
        number += 1;
        let version = serde_json::from_slice::<Version>(line).map(|v| v.v);
        let newer = match version {
            Ok(Some(v)) if v > u64::from(SCHEMA_VERSION) => {
                Some(u32::try_from(v).unwrap_or(u32::MAX))
            }
            _ => None,
        };
        match serde_json::from_slice::<Entry>(line) {
            Ok(entry) => tail.entries.push(entry),
            // A newer lede's line this build cannot read is not damage: it is skipped, and
            // the store is read-only, so it stays as it is.
            _ if newer.is_some() => {}
            _ => tail.damaged.push(DamagedLine {
                line: number,
                bytes: rest[..=newline].to_vec(),
            }),
        }
        if newer.is_some() {
            tail.newer = tail.newer.max(newer);
        }
        tail.end += newline as u64 + 1;
        rest = &rest[newline + 1..];
    }
    tail.lines = number;
    Ok(tail)
}

/// Appends `line` at `end` (the end of the last good line), durably, and returns the new
/// end. Whatever lies past `end` was left by a writer that died (it was never reported
/// saved): it is cut off, after being kept aside if it holds complete lines.
pub fn append(path: &Path, end: u64, line: &[u8]) -> Result<u64> {
    let created = !path.exists();
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    let len = file
        .metadata()
        .with_context(|| format!("cannot read {}", path.display()))?
        .len();
    if len > end {
        keep_unreadable_tail(path, &mut file, end)?;
        file.set_len(end)
            .with_context(|| format!("cannot cut {}", path.display()))?;
    }
    file.seek(SeekFrom::Start(end))
        .and_then(|_| file.write_all(line))
        .and_then(|()| file.sync_data())
        .with_context(|| format!("cannot write {}", path.display()))?;
    if created {
        super::atomic::sync_dir(path.parent().unwrap_or(Path::new(".")))?;
    }
    Ok(end + line.len() as u64)
}

fn keep_unreadable_tail(path: &Path, file: &mut fs::File, end: u64) -> Result<()> {
    let mut tail = Vec::new();
    file.seek(SeekFrom::Start(end))
        .and_then(|_| file.read_to_end(&mut tail))
        .with_context(|| format!("cannot read {}", path.display()))?;
    if !tail.contains(&b'\n') {
        return Ok(()); // only a torn last line
    }
    let aside = super::aside_path(path);
    super::atomic::write_atomic(&aside, &tail)
}

/// Empties the journal once `store.json` holds everything in it.
pub fn clear(path: &Path) -> Result<()> {
    match OpenOptions::new().write(true).open(path) {
        Ok(file) => file
            .set_len(0)
            .and_then(|()| file.sync_all())
            .with_context(|| format!("cannot empty {}", path.display())),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(err) => Err(err).with_context(|| format!("cannot open {}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::parse_article;
    use crate::store::Highlight;
    use std::path::PathBuf;

    fn doc_with(n: usize) -> Document {
        let article = parse_article(
            PathBuf::from("articles/journal.txt"),
            "First part. Second part. Third part.\n",
            Vec::new(),
        );
        let mut doc = Document::default();
        for i in 0..n {
            let mut h = Highlight::new(&article, 0..5).unwrap();
            h.id = format!("h{i}");
            doc.highlights.push(Arc::new(h));
        }
        doc
    }

    #[test]
    fn diff_then_replay_reproduces_the_change_and_is_idempotent() {
        let before = doc_with(3);
        let mut after = before.clone();
        after.highlights.remove(0);
        Arc::make_mut(&mut after.highlights[0]).tags = vec!["x".into()];
        after.highlights.push(doc_with(4).highlights.pop().unwrap());
        after.reading.insert("k".into(), ReadingState::default());
        let entry = diff(&before, &after);
        assert_eq!(entry.remove, ["h0"]);
        assert_eq!(entry.put.len(), 2);
        let mut replayed = before.clone();
        replay(&mut replayed, entry.clone());
        assert_eq!(replayed, after);
        replay(&mut replayed, entry);
        assert_eq!(replayed, after);
        assert!(diff(&after, &after).is_empty());
    }

    #[test]
    fn replaying_many_entries_at_once_matches_replaying_them_one_by_one() {
        let mut entries = Vec::new();
        let mut current = doc_with(12);
        let start = current.clone();
        for step in 0..30 {
            let mut next = current.clone();
            match step % 3 {
                0 => {
                    let i = step % next.highlights.len();
                    Arc::make_mut(&mut next.highlights[i]).tags = vec![format!("t{step}")];
                }
                1 => {
                    let i = step % next.highlights.len();
                    next.highlights.remove(i);
                }
                _ => {
                    let mut h = Highlight::clone(&doc_with(1).highlights[0]);
                    h.id = format!("new{step}");
                    next.highlights.push(Arc::new(h));
                }
            }
            entries.push(diff(&current, &next));
            current = next;
        }
        let mut one_by_one = start.clone();
        for entry in entries.clone() {
            replay(&mut one_by_one, entry);
        }
        let mut at_once = start;
        replay_all(&mut at_once, entries);
        assert_eq!(one_by_one, current);
        assert_eq!(at_once, current);
    }

    #[test]
    fn a_torn_last_line_is_ignored_and_cut_by_the_next_append() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(JOURNAL_FILE);
        let mut entry = diff(&Document::default(), &doc_with(1));
        let end = append(&path, 0, &entry.to_line().unwrap()).unwrap();
        let mut file = OpenOptions::new().append(true).open(&path).unwrap();
        file.write_all(b"{\"v\":2,\"put\":[{\"id\":").unwrap();
        let tail = read_from(&path, 0).unwrap();
        assert_eq!((tail.entries.len(), tail.end), (1, end));

        Arc::make_mut(&mut entry.put[0]).id = "second".into();
        let end = append(&path, tail.end, &entry.to_line().unwrap()).unwrap();
        assert_eq!(fs::metadata(&path).unwrap().len(), end);
        assert_eq!(read_from(&path, 0).unwrap().entries.len(), 2);
        // Nothing worth keeping was set aside.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn complete_lines_past_the_end_are_kept_aside_before_being_cut() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(JOURNAL_FILE);
        fs::write(&path, b"not json\n{\"v\":2}\n").unwrap();
        let line = diff(&Document::default(), &doc_with(1)).to_line().unwrap();
        append(&path, 0, &line).unwrap();
        let kept: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains("broken"))
            .collect();
        assert_eq!(kept.len(), 1);
        assert_eq!(fs::read(kept[0].path()).unwrap(), b"not json\n{\"v\":2}\n");
    }

    #[test]
    fn every_intact_line_around_a_damaged_one_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(JOURNAL_FILE);
        let first = diff(&Document::default(), &doc_with(1)).to_line().unwrap();
        let third = diff(&doc_with(1), &doc_with(2)).to_line().unwrap();
        let damaged = b"{\"v\":2,\"put\":[{\"id\":\x00\xff garbage\n".to_vec();
        let bytes = [
            first.clone(),
            damaged.clone(),
            third.clone(),
            b"{\"v\":2,\"pu".to_vec(),
        ]
        .concat();
        fs::write(&path, &bytes).unwrap();
        let tail = read_from(&path, 0).unwrap();
        assert_eq!(tail.entries.len(), 2);
        assert_eq!(tail.entries[1].put[0].id, "h1");
        assert_eq!(
            tail.damaged,
            [DamagedLine {
                line: 2,
                bytes: damaged
            }]
        );
        // The torn last line is past the end, as before.
        assert_eq!(tail.end as usize, bytes.len() - 10);
    }

    #[test]
    fn lines_of_a_newer_schema_are_read_as_far_as_understood() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(JOURNAL_FILE);
        fs::write(
            &path,
            b"{\"v\":2}\n{\"v\":9,\"new\":1,\"remove\":[\"a\"]}\n{\"v\":9,\"put\":7}\n{\"v\":2,\"unread\":[\"k\"]}\n",
        )
        .unwrap();
        let tail = read_from(&path, 0).unwrap();
        assert_eq!(tail.entries.len(), 3);
        assert_eq!(tail.entries[1].remove, ["a"]);
        assert_eq!(tail.newer, Some(9));
        assert!(tail.damaged.is_empty());
    }
}
