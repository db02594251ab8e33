//! The search index of the last corpus opened, kept in its own file beside the database
//! (`search-index`): it is as big as the text, too big for a database row, and is
//! always read whole. Beside it, the index of that corpus's extracted quotes and figures
//! (`search-extractions`), which the reader searches with it: built once extraction is
//! done, it cost a warm reopen a third of a CPU second.
//!
//! Each file is a header (what it is, the layout, the code that built it, the key of
//! what it indexes, the byte order of its numbers), the index ([`Index::write_to`]),
//! then a CRC-32 of all before. It is mapped into memory, and the index's arrays are
//! used where they lie ([`read`] says why that is sound); its pages are given back
//! once it is read, so that the index counts as this process's memory only where a
//! search reads it.
//! The key is a hash of everything the index reads of the articles (titles, bodies,
//! sentence ranges, in order; for the extractions' index, each article's extraction key
//! too), so an index is only ever used for what it was built from. It is written to a
//! temporary file and renamed into place, so a reader sees a whole file or none, and
//! two processes writing at once leave one of theirs.

use std::borrow::Cow;
use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use crate::corpus::Article;
use crate::search::{Index, date_key};

use super::files::Vouch;
use super::{CODE_EXTRACTION, CODE_INDEX, Cache, FORMAT};

/// A kind of index file: its name, its temporary files' prefix (then the process id and
/// a number), what its header says it is, and the code whose stamps it carries.
struct IndexFile {
    name: &'static str,
    temporary: &'static str,
    magic: &'static [u8; 16],
    code: &'static [&'static str],
}

/// The index of the corpus's titles and sentences.
const CORPUS_INDEX: IndexFile = IndexFile {
    name: "search-index",
    temporary: "search-index.tmp-",
    magic: b"lede search idx\n",
    code: &[CODE_INDEX],
};

/// The index of the quotes and figures extracted from the corpus.
const EXTRACTION_INDEX: IndexFile = IndexFile {
    name: "search-extractions",
    temporary: "search-extractions.tmp-",
    magic: b"lede extract idx",
    code: &[CODE_INDEX, CODE_EXTRACTION],
};

/// A temporary file older than this was left by a process that stopped while writing.
const STALE: Duration = Duration::from_secs(3600);

/// The layout of the index in the file (after the cache's `FORMAT`): 2 since items that
/// are ASCII text of their article's body are not copied into the file; 3 since its
/// arrays are aligned and in the machine's byte order, to be used where they lie.
const LAYOUT: u32 = 3;

/// Written in the machine's byte order after the key: a machine of the other order reads
/// another header, and builds its own index.
const BYTE_ORDER: u32 = 0x0102_0304;

/// What a read of the index file found.
enum Found {
    Index(Box<Index>),
    /// None kept, or one for other articles or other code: built anew, silently.
    Missing,
    /// A file that is not a whole index: built anew, with a notice.
    Damaged(String),
}

/// What names a corpus's articles for its index files: the key of the corpus index
/// ([`index_key`]) and which bodies are vouched for as indexed ([`bodies_as_indexed`]).
/// Worked out once ([`Cache::corpus_key`]) for both index files: it hashes every
/// article, and looks up every article's file among the cache's vouched files.
#[derive(Clone, Debug)]
pub struct CorpusKey {
    articles: usize,
    key: [u8; 16],
    unchanged: Vec<bool>,
}

impl Cache {
    /// The key of `articles` for [`Cache::search_index_under`] and
    /// [`Cache::extraction_index_under`].
    pub fn corpus_key(&self, articles: &[Article]) -> CorpusKey {
        let vouches = self.article_vouches(articles);
        CorpusKey {
            articles: articles.len(),
            key: index_key(articles, &vouches),
            unchanged: bodies_as_indexed(&vouches),
        }
    }

    /// The search index of `articles`: the kept one when it indexes exactly these
    /// articles, else built now and kept (written in the background). The notice says
    /// when a kept index could not be read.
    pub fn search_index(&self, articles: &[Article]) -> (Arc<Index>, Option<String>) {
        self.search_index_under(articles, &self.corpus_key(articles))
    }

    /// `corpus`, unless it names another number of articles than `articles` (a caller's
    /// mistake): then the key of `articles`, worked out now.
    fn key_of<'a>(&self, articles: &[Article], corpus: &'a CorpusKey) -> Cow<'a, CorpusKey> {
        match corpus.articles == articles.len() {
            true => Cow::Borrowed(corpus),
            false => Cow::Owned(self.corpus_key(articles)),
        }
    }

    /// [`Cache::search_index`], with the key `corpus` worked out before for these
    /// `articles` (worked out again if it names another number of articles).
    pub fn search_index_under(
        &self,
        articles: &[Article],
        corpus: &CorpusKey,
    ) -> (Arc<Index>, Option<String>) {
        let corpus = self.key_of(articles, corpus);
        self.kept_index(
            &CORPUS_INDEX,
            corpus.key,
            articles,
            &corpus.unchanged,
            || Index::from_articles(articles),
        )
    }

    /// The index of the quotes and figures extracted from `articles` (every article
    /// extracted, by this code): the kept one when it was built from these articles,
    /// else `build()` (which must index every article's extraction, with its bodies and
    /// dates) and kept. The notice says when a kept one could not be read.
    pub fn extraction_index(
        &self,
        articles: &[Article],
        build: impl FnOnce() -> Index,
    ) -> (Arc<Index>, Option<String>) {
        self.extraction_index_under(articles, &self.corpus_key(articles), build)
    }

    /// [`Cache::extraction_index`], with the key `corpus` worked out before for these
    /// `articles` (worked out again if it names another number of articles).
    pub fn extraction_index_under(
        &self,
        articles: &[Article],
        corpus: &CorpusKey,
        build: impl FnOnce() -> Index,
    ) -> (Arc<Index>, Option<String>) {
        let corpus = self.key_of(articles, corpus);
        // What extraction read of each article is in its extraction key; the index key
        // names the articles as the corpus index's does.
        let key = super::records::key_of([0x6c65_6465_0000_0031, 0x6c65_6465_0000_0032], |h| {
            use std::hash::Hasher;
            h.write(&corpus.key);
            for article in articles {
                h.write(&super::records::extraction_key(article));
            }
        });
        self.kept_index(&EXTRACTION_INDEX, key, articles, &corpus.unchanged, build)
    }

    /// The index of `kind` kept under `key`, else `build()` and kept.
    fn kept_index(
        &self,
        kind: &IndexFile,
        key: [u8; 16],
        articles: &[Article],
        unchanged: &[bool],
        build: impl FnOnce() -> Index,
    ) -> (Arc<Index>, Option<String>) {
        let file = self.dir.join(kind.name);
        let (found, notice) = match read(kind, &file, &key, articles, unchanged) {
            Ok(Found::Index(index)) => (Some(index), None),
            Ok(Found::Missing) => (None, None),
            Ok(Found::Damaged(reason)) => (None, Some(reason)),
            Err(err) if err.kind() == io::ErrorKind::NotFound => (None, None),
            Err(err) => (None, Some(err.to_string())),
        };
        let notice = notice.map(|reason| {
            format!(
                "cache: {} could not be read ({reason}); rebuilding it",
                file.display()
            )
        });
        if let Some(mut index) = found.map(|index| *index) {
            index.set_dates(articles.iter().map(|a| date_key(a.date)).collect());
            return (Arc::new(index), notice);
        }
        let index = Arc::new(build());
        let kept = Arc::clone(&index);
        let dir = self.dir.clone();
        let (name, temporary) = (kind.name, kind.temporary);
        let header = header(kind, &key);
        let handle = std::thread::spawn(move || {
            // A cache that cannot be written is only slower next time.
            let _ = write_checked(&dir, temporary, name, |out| {
                out.write_all(&header)?;
                kept.write_to(out)
            });
        });
        if let Ok(mut writing) = self.index_writes.lock() {
            writing.push(handle);
        }
        (index, notice)
    }

    /// Waits for the index files being written.
    pub(super) fn finish_index_writes(&self) {
        let handles = match self.index_writes.lock() {
            Ok(mut writing) => std::mem::take(&mut *writing),
            Err(_) => Vec::new(),
        };
        for handle in handles {
            let _ = handle.join();
        }
    }
}

/// Which of `articles` have, for sure, the very body bytes an index file under their
/// key ([`index_key`]) was built on, so that reading it need not check again that the
/// items it reads from their bodies are ASCII text of them (touching every ASCII
/// sentence of the corpus, a quarter of a warm reopen's index reading).
///
/// That holds for an article whose file the cache vouches for under a stamp and whose
/// text every read in this process took from the corpus snapshot:
/// - the key names such an article by its file, that stamp, its line, title and text
///   sizes, and the file's header names the code that made the index; that code
///   includes the code that reads articles from files (`build.rs`), so the index was
///   built on the articles this code made of that file under that stamp;
/// - the snapshot holds the file under the same stamp, its header names the same code
///   that reads articles, and its texts are what that code made of the file (copied
///   from the database records it wrote, each behind its own CRC-32, or from the
///   previous snapshot);
/// - the snapshot's CRC-32 covers every byte of its texts, so damage on disk since is
///   caught, and the index file's CRC-32 covers its items' ranges.
///
/// The same stamp (size, modification and change times, inode) is the cache's test of
/// an unchanged file everywhere. What none of this covers is someone writing the cache
/// folder on purpose (0700, its owner's), who could forge the database rows as well; even
/// then an item's text is read with `get` (a range that is not text of the body reads as
/// empty, never a panic). Any other article (read from its file, from a database row,
/// or from the snapshot only in part) is checked as before.
fn bodies_as_indexed(vouches: &[Option<Vouch>]) -> Vec<bool> {
    let from_snapshot = |vouch: &Option<Vouch>| vouch.is_some_and(|v| v.from_snapshot);
    vouches.iter().map(from_snapshot).collect()
}

/// The key of the index of `articles`: a hash of what the index reads of them. An
/// article of a file the cache vouches for (its articles are the ones the cache keeps
/// under its stamp, see [`Cache::vouch`]) is named by its file, stamp and line, its title
/// and its text's sizes: the same thing, for the price of a few numbers, since the code
/// that made the articles from a file is in the header too. Any other article's text
/// (body and sentence ranges) is hashed whole.
pub(super) fn index_key(articles: &[Article], vouches: &[Option<Vouch>]) -> [u8; 16] {
    use std::hash::{BuildHasher, Hasher};
    let hash = |seed: u64| {
        let mut hasher = foldhash::fast::FixedState::with_seed(seed).build_hasher();
        hasher.write_usize(articles.len());
        for (i, article) in articles.iter().enumerate() {
            hasher.write_usize(article.title.len());
            hasher.write(article.title.as_bytes());
            hasher.write_usize(article.text().body_len());
            hasher.write_usize(article.sentences.len());
            match vouches.get(i).copied().flatten().map(|v| v.stamp) {
                Some(stamp) => {
                    hasher.write_u8(1);
                    let file = article.origin.file.as_os_str().as_encoded_bytes();
                    hasher.write_usize(file.len());
                    hasher.write(file);
                    hasher.write_u64(stamp.size);
                    hasher.write_i64(stamp.modified);
                    hasher.write_i64(stamp.changed);
                    hasher.write_u64(stamp.inode);
                    hasher.write_usize(article.origin.line.map_or(0, |line| line + 1));
                }
                None => {
                    hasher.write_u8(0);
                    hasher.write(article.body.as_bytes());
                    for s in article.sentences.iter() {
                        hasher.write_usize(s.range.start);
                        hasher.write_usize(s.range.end);
                    }
                }
            }
        }
        hasher.finish()
    };
    let mut key = [0; 16];
    key[..8].copy_from_slice(&hash(0x6c65_6465_0000_0021).to_le_bytes());
    key[8..].copy_from_slice(&hash(0x6c65_6465_0000_0022).to_le_bytes());
    key
}

/// The header of an index file of `kind` for what `key` names.
fn header(kind: &IndexFile, key: &[u8; 16]) -> Vec<u8> {
    let mut header = kind.magic.to_vec();
    header.extend_from_slice(&FORMAT.to_le_bytes());
    header.extend_from_slice(&LAYOUT.to_le_bytes());
    for code in kind.code {
        header.extend_from_slice(&(code.len() as u32).to_le_bytes());
        header.extend_from_slice(code.as_bytes());
    }
    header.extend_from_slice(key);
    header.extend_from_slice(&BYTE_ORDER.to_ne_bytes());
    // The index's arrays start aligned (the map itself starts on a page).
    header.resize(header.len().next_multiple_of(Index::ALIGN), 0);
    header
}

/// Reads the index file of `articles` (`key`); `unchanged` says which of them have the
/// body bytes the index was built on ([`bodies_as_indexed`]).
fn read(
    kind: &IndexFile,
    file: &Path,
    key: &[u8; 16],
    articles: &[Article],
    unchanged: &[bool],
) -> io::Result<Found> {
    let damaged = |reason: &str| Ok(Found::Damaged(reason.to_string()));
    let input = File::open(file)?;
    let expected = header(kind, key);
    // Too short to hold a header, or another header: not damage, another index.
    if input.metadata()?.len() < expected.len() as u64 + 4 {
        return damaged("too short");
    }
    // Mapped, not read: the index's arrays (as big as the corpus's text) are used where
    // they lie in the page cache instead of being copied into memory of our own.
    //
    // SAFETY: a map is only sound while nobody changes the file under it. Lede never
    // writes an index file in place: it writes a temporary file and renames it over the
    // old name ([`write_checked`]), and `cache clear` removes it with `unlink`. Either
    // way this map keeps the inode it was made on, whose bytes no lede process writes
    // again, so the bytes checked below (header, checksum, UTF-8, every array's length,
    // alignment and ranges) are the bytes read for as long as the map lives. Only another
    // program writing the cache folder's files in place (a folder that is the user's
    // own, 0700) could change them under the map, which is outside what the cache
    // defends against (see `bodies_as_indexed`); a file cut short then is a bus error,
    // which the reader reports on a restored terminal (`tui::bus_error`).
    let map = Arc::new(unsafe { memmap2::Mmap::map(&input)? });
    let bytes: &[u8] = &map;
    let (Some(got), Some(checksum_at)) = (
        bytes.get(..expected.len()),
        bytes
            .len()
            .checked_sub(4)
            .filter(|&at| at >= expected.len()),
    ) else {
        return damaged("too short");
    };
    if got[..kind.magic.len()] != kind.magic[..] {
        return damaged("not a search index");
    }
    if got != expected {
        return Ok(Found::Missing);
    }
    let mut crc = crc32fast::Hasher::new();
    crc.update(got);
    let body = expected.len()..checksum_at;
    // The pages read are given back as the checksum goes (they are all read once, in
    // order), so that the whole file never counts as this process's memory at once: the
    // checks after it read back only the arrays they check.
    let mut release = releasing_behind(&map, body.start);
    let show = |piece: &[u8]| {
        crc.update(piece);
        release(piece.len());
    };
    let index = match Index::read_mapped(&map, body, articles, unchanged, show) {
        Ok(index) => index,
        Err(reason) => return damaged(reason),
    };
    let stored: [u8; 4] = bytes[checksum_at..].try_into().unwrap_or_default();
    if crc.finalize() != u32::from_le_bytes(stored) {
        return damaged("checksum mismatch");
    }
    release_pages(&map);
    Ok(Found::Index(Box::new(index)))
}

/// Gives back the pages of `map` that this process holds: the file is in the page
/// cache, and what a search reads of it is mapped again when read, instead of the whole
/// file counting as this process's memory for as long as it runs.
pub(super) fn release_pages(map: &memmap2::Mmap) {
    // SAFETY: the map is shared and read-only (`Mmap::map`), of a file nobody writes
    // in place (see `read` and `snapshot::read_file`): a page dropped here is read back
    // from that file when next touched, the same bytes, so what borrows it sees no
    // change.
    #[cfg(unix)]
    let _ = unsafe { map.unchecked_advise(memmap2::UncheckedAdvice::DontNeed) };
}

/// Bytes of a map read in order that are given back at a time.
const RELEASED_AT_A_TIME: usize = 32 << 20;

/// For a pass reading `map` in order from `start`: a function to call with the size of
/// each piece about to be read, which gives back the pages read before it every
/// [`RELEASED_AT_A_TIME`] bytes (a pass over a whole file then never holds it all).
pub(super) fn releasing_behind(map: &memmap2::Mmap, start: usize) -> impl FnMut(usize) + '_ {
    let (mut shown, mut released) = (start, 0);
    move |size| {
        if shown - released >= RELEASED_AT_A_TIME {
            release_range(map, released..shown);
            released = shown;
        }
        shown += size;
    }
}

/// [`release_pages`] of the pages that hold `range` of `map` only (with the bytes beside
/// it that share its first and last pages, which are read back too when touched).
pub(super) fn release_range(map: &memmap2::Mmap, range: std::ops::Range<usize>) {
    if range.is_empty() || range.end > map.len() {
        return;
    }
    // SAFETY: as `release_pages`; the range lies in the map (memmap2 widens it to whole
    // pages).
    #[cfg(unix)]
    let _ = unsafe {
        map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, range.start, range.len())
    };
}

/// Writes the corpus index to a temporary file, then renames it into place.
#[cfg(test)]
fn write(dir: &Path, key: &[u8; 16], index: &Index) -> io::Result<()> {
    write_checked(dir, CORPUS_INDEX.temporary, CORPUS_INDEX.name, |out| {
        out.write_all(&header(&CORPUS_INDEX, key))?;
        index.write_to(out)
    })
}

/// Writes the file `name` in `dir` as `body` writes it, followed by a CRC-32 of it all:
/// into a temporary file (named `temporary_prefix`, then the process and a number) renamed
/// into place, so that a reader sees the old file or the whole new one. A failed write
/// leaves nothing behind; stale temporaries of stopped writers are removed first.
pub(super) fn write_checked(
    dir: &Path,
    temporary_prefix: &str,
    name: &str,
    body: impl FnOnce(&mut Checked<BufWriter<File>>) -> io::Result<()>,
) -> io::Result<()> {
    remove_stale_temporaries(dir, temporary_prefix);
    let temporary = temporary(dir, temporary_prefix);
    let written = (|| {
        let mut out = Checked {
            inner: BufWriter::with_capacity(1 << 20, File::create(&temporary)?),
            crc: crc32fast::Hasher::new(),
        };
        body(&mut out)?;
        let crc = out.crc.clone().finalize();
        out.inner.write_all(&crc.to_le_bytes())?;
        out.inner.into_inner().map_err(|e| e.into_error())?;
        fs::rename(&temporary, dir.join(name))
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written
}

/// Deletes temporary files (named `prefix`, then the process and a number) that a
/// process stopped while writing left behind.
pub(super) fn remove_stale_temporaries(dir: &Path, prefix: &str) {
    let now = SystemTime::now();
    for path in temporaries(dir, prefix) {
        let old = fs::metadata(&path)
            .and_then(|m| m.modified())
            .is_ok_and(|t| now.duration_since(t).is_ok_and(|age| age > STALE));
        if old {
            let _ = fs::remove_file(path);
        }
    }
}

/// A temporary file's path for a file named `prefix` in `dir`: this process's, unique.
pub(super) fn temporary(dir: &Path, prefix: &str) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let number = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    dir.join(format!("{prefix}{}-{number}", std::process::id()))
}

/// The index files and their temporary files in `dir`.
pub(super) fn index_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for kind in [CORPUS_INDEX, EXTRACTION_INDEX] {
        files.push(dir.join(kind.name));
        files.extend(temporaries(dir, kind.temporary));
    }
    files
}

pub(super) fn temporaries(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .map(|e| e.path())
        .collect()
}

/// Reads or writes through, keeping a CRC-32 of the bytes.
pub(super) struct Checked<T> {
    pub(super) inner: T,
    pub(super) crc: crc32fast::Hasher,
}

impl<T: Read> Read for Checked<T> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.crc.update(&buf[..n]);
        Ok(n)
    }
}

impl<T: Write> Write for Checked<T> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.crc.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::stamp;
    use crate::corpus::Corpus;

    fn open(dir: &Path) -> Cache {
        let (cache, notices) = Cache::open(dir);
        assert!(notices.is_empty(), "{notices:?}");
        cache.unwrap()
    }

    #[test]
    fn a_kept_index_is_used_for_the_articles_it_indexes_only() {
        let dir = tempfile::tempdir().unwrap();
        let articles = Corpus::seeds().articles;
        let cache = open(dir.path());
        let (built, notice) = cache.search_index(&articles);
        assert_eq!(notice, None);
        assert_eq!(built.len(), Index::from_articles(&articles).len());
        cache.finish();
        assert!(dir.path().join(CORPUS_INDEX.name).is_file());
        assert!(temporaries(dir.path(), CORPUS_INDEX.temporary).is_empty());

        // A kept index is taken as it is: one kept under these articles' key that
        // indexes only the first article shows it was read, not built.
        let first_only = Index::from_articles(&articles[..1]);
        write(dir.path(), &index_key(&articles, &[]), &first_only).unwrap();
        let (read, notice) = cache.search_index(&articles);
        assert_eq!(notice, None);
        assert_eq!(read.len(), first_only.len());
        assert_eq!(read.item(0), first_only.item(0));

        // Other articles (one title changed): built anew, silently, and kept.
        let mut changed = articles.clone();
        changed[1].title.push_str(" (updated)");
        let (rebuilt, notice) = cache.search_index(&changed);
        assert_eq!(notice, None);
        assert_eq!(rebuilt.len(), Index::from_articles(&changed).len());
        cache.finish();
        let file = dir.path().join(CORPUS_INDEX.name);
        let bytes = fs::read(&file).unwrap();
        assert_eq!(bytes[KEY_AT..][..16], index_key(&changed, &[]));
    }

    /// Where the key is in the header: after the magic, format, layout and code.
    const KEY_AT: usize = 16 + 12 + CODE_INDEX.len();

    /// The key the kept index file names.
    fn kept_key(dir: &Path) -> Vec<u8> {
        let bytes = fs::read(dir.join(CORPUS_INDEX.name)).unwrap();
        bytes[KEY_AT..][..16].to_vec()
    }

    #[test]
    fn files_the_cache_vouches_for_are_keyed_by_stamp_and_any_change_is_another_key() {
        let dir = tempfile::tempdir().unwrap();
        let files = tempfile::tempdir().unwrap();
        let paths: Vec<PathBuf> = ["a.txt", "b.txt"]
            .iter()
            .map(|name| {
                let path = files.path().join(name);
                fs::write(&path, format!("{name}\n\nThe council met on Monday.\n")).unwrap();
                path
            })
            .collect();
        let run = |racy: Duration| {
            let mut cache = open(dir.path());
            cache.racy = racy;
            let corpus = Corpus::load_reading(&paths, |_, _| {}, &|path, part| {
                cache.load_path_in_parts(path, part)
            });
            let (index, notice) = cache.search_index(&corpus.articles);
            assert_eq!(notice, None);
            cache.finish();
            let vouched = cache.article_vouches(&corpus.articles);
            (corpus, index, vouched)
        };

        // Files just written are racy: not vouched for, their text is hashed.
        let (corpus, _, vouched) = run(stamp::RACY);
        assert!(vouched.iter().all(Option::is_none), "{vouched:?}");
        assert_eq!(kept_key(dir.path()), index_key(&corpus.articles, &[]));

        // Kept, then read from the cache: vouched for by stamp, and the index is kept
        // under that key and found by the next run.
        let (corpus, _, vouched) = run(Duration::ZERO);
        assert!(vouched.iter().all(Option::is_some), "{vouched:?}");
        let by_stamp = index_key(&corpus.articles, &vouched);
        assert_ne!(by_stamp, index_key(&corpus.articles, &[]));
        assert_eq!(kept_key(dir.path()), by_stamp);
        let (_, _, again) = run(Duration::ZERO);
        assert_eq!(again, vouched);
        assert_eq!(kept_key(dir.path()), by_stamp);

        // One file changed, same size: another stamp, another key, an index of the new
        // text.
        fs::write(&paths[1], "b.txt\n\nThe council met on Friday.\n").unwrap();
        let (corpus, index, vouched) = run(Duration::ZERO);
        let changed = index_key(&corpus.articles, &vouched);
        assert_ne!(changed, by_stamp);
        assert_eq!(kept_key(dir.path()), changed);
        let items_with = |word: &str| {
            (0..index.len())
                .filter(|&i| index.item(i).unwrap().folded.contains(word))
                .count()
        };
        assert_eq!((items_with("Monday"), items_with("Friday")), (1, 1));
    }

    #[test]
    fn items_are_checked_against_their_bodies_unless_those_came_from_the_snapshot() {
        use crate::cache::tests;
        let dir = tempfile::tempdir().unwrap();
        let cache_dir = dir.path().join("cache");
        let folder = dir.path().join("articles");
        fs::create_dir(&folder).unwrap();
        tests::three_files(&folder);
        let cafe = "The café opened on Monday.";
        fs::write(folder.join("d.txt"), format!("D\n\n{cafe}\n")).unwrap();
        let folder = vec![folder];
        let load = |through_snapshot: bool| {
            let cache = tests::open(&cache_dir);
            if through_snapshot {
                cache.open_snapshot(&folder);
                cache.snapshot_read_done();
            }
            let corpus = tests::load(&cache, &folder);
            if through_snapshot {
                cache.keep_snapshot();
            }
            (cache, corpus)
        };
        let (cache, _) = load(true);
        cache.finish();

        // An index file crafted under these articles' key, built on bodies where the
        // café sentence was ASCII: it reads that sentence from the body.
        let crafted = |articles: &[Article], vouched: &[Option<Vouch>]| {
            let mut other = articles.to_vec();
            let d = other.iter().position(|a| a.title == "D").unwrap();
            let text = crate::corpus::Text {
                body: other[d].body.replace('é', "ee"),
                paragraphs: other[d].paragraphs.to_vec(),
                sentences: other[d].sentences.to_vec(),
            };
            (other[d].body, other[d].paragraphs, other[d].sentences) =
                crate::corpus::TextHandle::new(text).parts();
            write(
                &cache_dir,
                &index_key(articles, vouched),
                &Index::from_articles(&other),
            )
            .unwrap();
        };
        let cafe_item = |index: &Index| {
            (0..index.len())
                .map(|i| index.item(i).unwrap().folded.to_string())
                .find(|text| text.starts_with("The caf"))
                .unwrap()
        };

        // Every article from the snapshot: its bodies are the ones indexed, not checked
        // again; the crafted item reads the body's own text, no panic.
        let (cache, corpus) = load(true);
        let vouched = cache.article_vouches(&corpus.articles);
        assert!(vouched.iter().all(|v| v.is_some_and(|v| v.from_snapshot)));
        crafted(&corpus.articles, &vouched);
        let (index, notice) = cache.search_index(&corpus.articles);
        assert_eq!(notice, None);
        assert_eq!(cafe_item(&index), cafe);
        cache.finish();

        // The same files from the database: checked, refused, rebuilt (folded again).
        let (cache, corpus) = load(false);
        let vouched = cache.article_vouches(&corpus.articles);
        assert!(vouched.iter().all(|v| v.is_some_and(|v| !v.from_snapshot)));
        crafted(&corpus.articles, &vouched);
        let (index, notice) = cache.search_index(&corpus.articles);
        let notice = notice.expect("a notice");
        assert!(notice.contains("do not agree") && notice.contains("rebuilding it"));
        assert_eq!(cafe_item(&index), "The cafe opened on Monday.");
    }

    #[test]
    fn a_damaged_index_file_is_rebuilt_with_a_notice() {
        let dir = tempfile::tempdir().unwrap();
        let articles = Corpus::seeds().articles;
        let expected = Index::from_articles(&articles).len();
        let file = dir.path().join(CORPUS_INDEX.name);
        let cache = open(dir.path());
        cache.search_index(&articles);
        cache.finish();
        let whole = fs::read(&file).unwrap();
        let middle = whole.len() / 2;
        let mut flipped = whole.clone();
        flipped[middle] ^= 0x10;
        // Forged, with a checksum that agrees: an array's length one more (the arrays
        // after it out of line), the last item's kind code none, a start of the arena
        // past its end (the number right after its length, the second array).
        let header = header(&CORPUS_INDEX, &index_key(&articles, &[]));
        assert_eq!(header.len() % Index::ALIGN, 0);
        assert_eq!(whole[..header.len()], header[..]);
        let at = header.len();
        let number = |bytes: &[u8], at: usize| {
            u64::from_ne_bytes(bytes[at..at + 8].try_into().unwrap()) as usize
        };
        let forged = |change: &dyn Fn(&mut Vec<u8>)| {
            let mut bytes = whole[..whole.len() - 4].to_vec();
            change(&mut bytes);
            let crc = crc32fast::hash(&bytes);
            [bytes, crc.to_le_bytes().to_vec()].concat()
        };
        let starts_at = at + (8 + number(&whole, at)).next_multiple_of(Index::ALIGN);
        let longer = forged(&|bytes| {
            let count = number(bytes, starts_at) as u64 + 1;
            bytes[starts_at..starts_at + 8].copy_from_slice(&count.to_ne_bytes());
        });
        let past_arena = forged(&|bytes| {
            let start = starts_at + 8 + 4;
            let beyond = number(bytes, at) as u32 + 1;
            bytes[start..start + 4].copy_from_slice(&beyond.to_ne_bytes());
        });
        let bags_at = starts_at + (8 + 4 * number(&whole, starts_at)).next_multiple_of(8);
        let metas_at = bags_at + (8 + 4 * number(&whole, bags_at)).next_multiple_of(8);
        let no_kind = forged(&|bytes| {
            let code = metas_at + 8 + 16 * (number(bytes, metas_at) - 1) + 12;
            bytes[code..code + 4].copy_from_slice(&7u32.to_ne_bytes());
        });
        let damages: [(&str, Vec<u8>); 7] = [
            ("garbage", b"not an index at all".to_vec()),
            ("cut in half", whole[..middle].to_vec()),
            ("a bit flipped", flipped),
            ("bytes after the end", [whole.clone(), vec![0]].concat()),
            ("an array's length forged", longer),
            ("a start past the arena, forged", past_arena),
            ("a kind code forged", no_kind),
        ];
        for (what, bytes) in damages {
            fs::write(&file, bytes).unwrap();
            let (index, notice) = cache.search_index(&articles);
            let notice = notice.unwrap_or_else(|| panic!("{what}: no notice"));
            assert!(notice.contains("rebuilding it"), "{what}: {notice}");
            assert_eq!(notice.lines().count(), 1);
            if what.contains("forged") {
                // Refused by the checks of the arrays, not the checksum.
                assert!(!notice.contains("checksum"), "{what}: {notice}");
            }
            assert_eq!(index.len(), expected, "{what}");
            cache.finish();
            // Rebuilt and kept: the next open reads it without a word.
            assert_eq!(fs::read(&file).unwrap(), whole, "{what}");
            let (_, notice) = cache.search_index(&articles);
            assert_eq!(notice, None, "{what}");
        }
    }

    #[test]
    fn an_index_file_of_another_layout_or_byte_order_is_rebuilt_without_a_word() {
        let dir = tempfile::tempdir().unwrap();
        let articles = Corpus::seeds().articles;
        let file = dir.path().join(CORPUS_INDEX.name);
        let cache = open(dir.path());
        cache.search_index(&articles);
        cache.finish();
        let whole = fs::read(&file).unwrap();
        let mut older = whole.clone();
        older[16 + 4..][..4].copy_from_slice(&(LAYOUT - 1).to_le_bytes());
        // Written by a machine of the other byte order: its numbers are not ours.
        let mut other_order = whole.clone();
        other_order[KEY_AT + 16..][..4].copy_from_slice(&BYTE_ORDER.swap_bytes().to_ne_bytes());
        for other in [older, other_order] {
            fs::write(&file, other).unwrap();
            let (index, notice) = cache.search_index(&articles);
            assert_eq!(notice, None);
            assert_eq!(index.len(), Index::from_articles(&articles).len());
            cache.finish();
            assert_eq!(fs::read(&file).unwrap(), whole);
        }
    }

    /// An index of quotes in `articles`, as extraction's would be, counting its builds.
    fn quotes_index(articles: &[Article], builds: &std::cell::Cell<usize>) -> Index {
        builds.set(builds.get() + 1);
        let mut index = Index::default();
        index.set_bodies(articles);
        for (i, article) in articles.iter().enumerate() {
            let range = 0..article.body.len().min(12);
            if let Some(text) = article.body.get(range.clone()) {
                index.push_item(i, crate::search::ItemKind::Quote, text, Some(range));
            }
        }
        index.push_item(
            0,
            crate::search::ItemKind::Figure,
            "“40 people”",
            Some(0..1),
        );
        index
    }

    #[test]
    fn the_extraction_index_is_kept_for_the_same_extractions_only() {
        let dir = tempfile::tempdir().unwrap();
        let mut articles = Corpus::seeds().articles;
        let builds = std::cell::Cell::new(0);
        let cache = open(dir.path());
        let (built, notice) =
            cache.extraction_index(&articles, || quotes_index(&articles, &builds));
        assert_eq!((notice, builds.get()), (None, 1));
        cache.finish();
        let file = dir.path().join(EXTRACTION_INDEX.name);
        assert!(file.is_file());

        // Read back, not built: the same items.
        let (read, notice) = cache.extraction_index(&articles, || quotes_index(&articles, &builds));
        assert_eq!((notice, builds.get()), (None, 1));
        assert_eq!(read.len(), built.len());
        for i in 0..built.len() {
            assert_eq!(read.item(i), built.item(i));
        }
        // The corpus index is another file: this one is not taken for it.
        let (corpus_index, _) = cache.search_index(&articles);
        assert_eq!(corpus_index.len(), Index::from_articles(&articles).len());
        cache.finish();

        // Another date is another extraction key: built anew, silently, and kept.
        articles[1].date = None;
        let (_, notice) = cache.extraction_index(&articles, || quotes_index(&articles, &builds));
        assert_eq!((notice, builds.get()), (None, 2));
        cache.finish();
        let (_, notice) = cache.extraction_index(&articles, || quotes_index(&articles, &builds));
        assert_eq!((notice, builds.get()), (None, 2));
    }

    #[test]
    fn a_corpus_key_worked_out_once_names_both_index_files_as_each_would() {
        let dir = tempfile::tempdir().unwrap();
        let articles = Corpus::seeds().articles;
        let builds = std::cell::Cell::new(0);
        let cache = open(dir.path());
        let key = cache.corpus_key(&articles);
        assert_eq!(key.key, index_key(&articles, &[]));
        assert_eq!(key.unchanged, vec![false; articles.len()]);
        cache.search_index_under(&articles, &key);
        cache.extraction_index_under(&articles, &key, || quotes_index(&articles, &builds));
        cache.finish();
        // Kept under the keys the calls without a key look for, and read back.
        let (index, notice) = cache.search_index(&articles);
        assert_eq!(
            (index.len(), notice),
            (Index::from_articles(&articles).len(), None)
        );
        let (_, notice) = cache.extraction_index(&articles, || quotes_index(&articles, &builds));
        assert_eq!((notice, builds.get()), (None, 1));
        assert_eq!(kept_key(dir.path()), key.key);

        // A key of other articles (here: fewer) is not taken for these: worked out again.
        let fewer = cache.corpus_key(&articles[1..]);
        let (index, notice) = cache.search_index_under(&articles, &fewer);
        assert_eq!(
            (index.len(), notice),
            (Index::from_articles(&articles).len(), None)
        );
        let (_, notice) =
            cache.extraction_index_under(&articles, &fewer, || quotes_index(&articles, &builds));
        assert_eq!((notice, builds.get()), (None, 1));
    }

    #[test]
    fn an_extraction_index_without_items_is_kept_too() {
        // A corpus where extraction found nothing: read back without a word next time.
        let dir = tempfile::tempdir().unwrap();
        let articles = Corpus::seeds().articles;
        let builds = std::cell::Cell::new(0);
        let nothing = || {
            builds.set(builds.get() + 1);
            let mut index = Index::default();
            index.set_bodies(&articles);
            index
        };
        let cache = open(dir.path());
        cache.extraction_index(&articles, nothing);
        cache.finish();
        let (index, notice) = cache.extraction_index(&articles, nothing);
        assert_eq!((notice, builds.get(), index.len()), (None, 1, 0));
    }

    #[test]
    fn a_damaged_extraction_index_is_rebuilt_with_a_notice_and_other_code_silently() {
        let dir = tempfile::tempdir().unwrap();
        let articles = Corpus::seeds().articles;
        let builds = std::cell::Cell::new(0);
        let file = dir.path().join(EXTRACTION_INDEX.name);
        let cache = open(dir.path());
        cache.extraction_index(&articles, || quotes_index(&articles, &builds));
        cache.finish();
        let whole = fs::read(&file).unwrap();
        let middle = whole.len() / 2;
        let mut flipped = whole.clone();
        flipped[middle] ^= 0x10;
        let mut other_code = whole.clone();
        other_code[16 + 12] ^= 0x01;
        let cases: [(&str, Vec<u8>, bool); 6] = [
            ("garbage", b"not an index at all".to_vec(), true),
            ("empty", Vec::new(), true),
            ("cut in half", whole[..middle].to_vec(), true),
            ("a bit flipped", flipped, true),
            (
                "bytes after the end",
                [whole.clone(), vec![0]].concat(),
                true,
            ),
            ("other code", other_code, false),
        ];
        for (what, bytes, damaged) in cases {
            fs::write(&file, bytes).unwrap();
            let before = builds.get();
            let (index, notice) =
                cache.extraction_index(&articles, || quotes_index(&articles, &builds));
            assert_eq!(builds.get(), before + 1, "{what}");
            assert_eq!(index.len(), articles.len() + 1, "{what}");
            match notice {
                Some(notice) => {
                    assert!(damaged, "{what}: {notice}");
                    assert!(notice.contains("rebuilding it"), "{what}: {notice}");
                    assert_eq!(notice.lines().count(), 1);
                }
                None => assert!(!damaged, "{what}: no notice"),
            }
            cache.finish();
            // Rebuilt and kept: the next open reads it without a word.
            assert_eq!(fs::read(&file).unwrap(), whole, "{what}");
            let (_, notice) =
                cache.extraction_index(&articles, || quotes_index(&articles, &builds));
            assert_eq!((notice, builds.get()), (None, before + 1), "{what}");
        }
    }

    #[test]
    fn clearing_the_cache_removes_the_index_and_info_counts_it() {
        let dir = tempfile::tempdir().unwrap();
        let cache = open(dir.path());
        let articles = Corpus::seeds().articles;
        cache.search_index(&articles);
        let builds = std::cell::Cell::new(0);
        cache.extraction_index(&articles, || quotes_index(&articles, &builds));
        cache.finish();
        let size = fs::metadata(dir.path().join(CORPUS_INDEX.name))
            .unwrap()
            .len()
            + fs::metadata(dir.path().join(EXTRACTION_INDEX.name))
                .unwrap()
                .len();
        assert!(cache.info().bytes > size);
        let stale = dir.path().join(format!("{}1-0", CORPUS_INDEX.temporary));
        fs::write(&stale, b"left by a killed lede").unwrap();
        drop(cache);
        super::super::clear(dir.path()).unwrap();
        assert!(!dir.path().join(CORPUS_INDEX.name).exists());
        assert!(!dir.path().join(EXTRACTION_INDEX.name).exists());
        assert!(!stale.exists());
    }
}
