//! Loading a corpus in the background: the files are listed at once, then read on worker
//! threads and handed to the reader in file order, a batch at a time, so the first screen
//! shows while the rest loads and the status line counts progress.

use std::collections::{BTreeMap, VecDeque};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use lede::cache::Cache;
use lede::corpus::{Corpus, FileLoad, LoadProblem, SeenTexts, list_files, load_path_in_parts};

use super::article_keys::ArticleKeys;
use super::extraction::Extractions;

/// A batch is sent at least this often while files are read.
const BATCH_EVERY: Duration = Duration::from_millis(40);
/// Files read are taken in this often (a batch is sent every few looks).
const LOOK_EVERY: Duration = Duration::from_millis(5);
/// While loading, the list is sorted again at most this often.
const REARRANGE_EVERY: Duration = Duration::from_millis(500);

pub enum Progress {
    /// How many files there are, and the paths that could not be listed.
    Listed {
        files: usize,
        problems: Vec<LoadProblem>,
    },
    /// What the next files gave, in order (a big JSON Lines file in several parts), and
    /// how many files these parts finished.
    Batch {
        parts: Vec<FileLoad>,
        files: usize,
    },
    Finished,
}

/// Reads `paths` in the background (unchanged files from the `cache`), delivering
/// progress until done or `deliver` returns false.
pub fn spawn_loader(
    paths: Vec<PathBuf>,
    cache: Option<Arc<Cache>>,
    deliver: impl Fn(Progress) -> bool + Send + 'static,
) {
    thread::spawn(move || {
        let listed = list_files(&paths);
        let files = Arc::new(listed.files);
        if !deliver(Progress::Listed {
            files: files.len(),
            problems: listed.problems,
        }) {
            return;
        }
        if let Some(cache) = &cache
            && files.len() >= lede::cache::SNAPSHOT_FROM
        {
            cache.open_snapshot(&paths);
        }
        // What file `i` gave, and whether that was all of it: a file read in one part
        // (all but big JSON Lines files) is one message.
        let (sender, receiver) = mpsc::channel::<(usize, Option<FileLoad>, bool)>();
        let next = Arc::new(AtomicUsize::new(0));
        let workers = thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 8);
        for _ in 0..workers {
            let (files, next, sender) = (Arc::clone(&files), Arc::clone(&next), sender.clone());
            let cache = cache.clone();
            thread::spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(i) else {
                        break;
                    };
                    // Each part is sent when the next arrives, the last with the end.
                    let mut held: Option<FileLoad> = None;
                    let part = |part| match held.replace(part) {
                        Some(earlier) => sender.send((i, Some(earlier), false)).is_ok(),
                        None => true,
                    };
                    match &cache {
                        Some(cache) => cache.load_path_in_parts(path, part),
                        None => load_path_in_parts(path, part),
                    }
                    if sender.send((i, held, true)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        // Hand files over in order: hold early arrivals until those before them come.
        let mut waiting: BTreeMap<usize, VecDeque<Option<FileLoad>>> = BTreeMap::new();
        let mut next_out = 0;
        let mut batch = Vec::new();
        let mut files_done = 0;
        let mut last_sent = Instant::now();
        let flush = |batch: &mut Vec<FileLoad>, files_done: &mut usize, last_sent: &mut Instant| {
            *last_sent = Instant::now();
            let files = std::mem::take(files_done);
            (batch.is_empty() && files == 0)
                || deliver(Progress::Batch {
                    parts: std::mem::take(batch),
                    files,
                })
        };
        loop {
            // What arrived since the last look, taken at once: waiting on the channel
            // instead woke this thread for each file (and made each reading thread wake
            // it), which cost more than putting the files in order.
            let disconnected = loop {
                match receiver.try_recv() {
                    Ok((i, loaded, last)) => {
                        let queue = waiting.entry(i).or_default();
                        queue.extend(loaded.map(Some));
                        if last {
                            queue.push_back(None);
                        }
                    }
                    Err(mpsc::TryRecvError::Empty) => break false,
                    Err(mpsc::TryRecvError::Disconnected) => break true,
                }
            };
            while let Some(queue) = waiting.get_mut(&next_out) {
                match queue.pop_front() {
                    Some(Some(part)) => batch.push(part),
                    Some(None) => {
                        waiting.remove(&next_out);
                        next_out += 1;
                        files_done += 1;
                    }
                    None => break,
                }
            }
            if disconnected {
                // A reading thread that went down (a panic) left its file unfinished: the
                // files read after that one are still handed over.
                for queue in std::mem::take(&mut waiting).into_values() {
                    batch.extend(queue.into_iter().flatten());
                    files_done += 1;
                }
            }

            if (last_sent.elapsed() >= BATCH_EVERY || disconnected)
                && !flush(&mut batch, &mut files_done, &mut last_sent)
            {
                return;
            }
            if disconnected {
                break;
            }
            thread::sleep(LOOK_EVERY);
        }
        if let Some(cache) = &cache {
            cache.keep_snapshot();
        }
        deliver(Progress::Finished);
    });
}

/// Loading state while a corpus arrives.
pub struct Loading {
    pub files: Option<usize>,
    pub done: usize,
    seen: SeenTexts,
    /// The place to return to, once its article has arrived (if the user has not moved).
    pub restore: Option<(String, usize)>,
    /// When the list was last sorted.
    arranged: Instant,
}

impl Loading {
    pub fn new(restore: Option<(String, usize)>) -> Loading {
        Loading {
            files: None,
            done: 0,
            seen: SeenTexts::new(),
            restore,
            arranged: Instant::now(),
        }
    }
}

/// What a batch of loading progress changed, for the reader to follow.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Arrival {
    /// The first articles arrived (the list was empty).
    pub first: bool,
    /// Time to sort the list again.
    pub rearrange: bool,
    /// Loading has just finished.
    pub finished: bool,
}

impl Loading {
    /// Adds what arrived to the corpus (and the article keys and extraction slots that
    /// follow it).
    pub fn take(
        &mut self,
        progress: Progress,
        corpus: &mut Corpus,
        keys: &mut ArticleKeys,
        extractions: &mut Extractions,
    ) -> Arrival {
        match progress {
            Progress::Listed { files, problems } => {
                self.files = Some(files);
                corpus.problems.extend(problems);
                // Most files are one article: room for them at once, not grown by copies.
                corpus.articles.reserve(files);
                extractions.reserve(files);
                Arrival::default()
            }
            Progress::Batch { parts, files } => {
                self.done += files;
                let was_empty = corpus.articles.is_empty();
                for loaded in parts {
                    corpus.add(loaded, &mut self.seen);
                }
                keys.update(&corpus.articles);
                extractions.resize(corpus.articles.len());
                // Sorting the whole list on every batch would cost more than reading.
                let rearrange = was_empty || self.arranged.elapsed() >= REARRANGE_EVERY;
                if rearrange {
                    self.arranged = Instant::now();
                }
                Arrival {
                    first: was_empty && !corpus.articles.is_empty(),
                    rearrange,
                    finished: false,
                }
            }
            Progress::Finished => {
                keys.forget_listing();
                Arrival {
                    finished: true,
                    ..Arrival::default()
                }
            }
        }
    }

    /// The texts loaded, for articles that join the corpus later.
    pub fn into_seen(self) -> SeenTexts {
        self.seen
    }

    /// "loading 1,200/50,000 files" for the status line.
    pub fn status(&self, articles: usize) -> String {
        match self.files {
            None => "listing files…".to_string(),
            Some(files) => format!(
                "loading {}/{} files · {} articles",
                self.done, files, articles
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lede::corpus::PART_ARTICLES;

    #[test]
    fn files_arrive_in_order_a_big_json_lines_file_in_parts() {
        let dir = tempfile::tempdir().unwrap();
        let mut expected = Vec::new();
        for n in 0..40 {
            if n == 7 {
                let lines: String = (0..PART_ARTICLES * 2 + 5)
                    .map(|i| {
                        format!("{{\"title\":\"Record {i}\",\"text\":\"Record {i} was read.\"}}\n")
                    })
                    .collect();
                std::fs::write(dir.path().join("07.jsonl"), lines).unwrap();
                expected.extend((0..PART_ARTICLES * 2 + 5).map(|i| format!("Record {i}")));
            } else {
                let text = format!("Story {n:02}\n\nStory {n:02} happened.\n");
                std::fs::write(dir.path().join(format!("{n:02}.txt")), text).unwrap();
                expected.push(format!("Story {n:02}"));
            }
        }
        let (sender, receiver) = mpsc::channel();
        spawn_loader(vec![dir.path().to_path_buf()], None, move |progress| {
            sender.send(progress).is_ok()
        });
        let (mut titles, mut files, mut listed) = (Vec::new(), 0, None);
        for progress in receiver {
            match progress {
                Progress::Listed { files, .. } => listed = Some(files),
                Progress::Batch { parts, files: done } => {
                    files += done;
                    for part in parts {
                        titles.extend(part.articles.into_iter().map(|a| a.title));
                    }
                }
                Progress::Finished => break,
            }
        }
        assert_eq!(listed, Some(40));
        assert_eq!(files, 40);
        assert_eq!(titles, expected);
    }

    /// Every title `spawn_loader` delivers for `folder`, in order.
    fn titles_loaded(folder: &std::path::Path, cache: Option<Arc<Cache>>) -> Vec<String> {
        let (sender, receiver) = mpsc::channel();
        spawn_loader(vec![folder.to_path_buf()], cache, move |progress| {
            sender.send(progress).is_ok()
        });
        let mut titles = Vec::new();
        for progress in receiver {
            match progress {
                Progress::Batch { parts, .. } => {
                    for part in parts {
                        titles.extend(part.articles.into_iter().map(|a| a.title));
                    }
                }
                Progress::Finished => break,
                Progress::Listed { .. } => {}
            }
        }
        titles
    }

    #[test]
    fn many_files_leave_a_corpus_snapshot_the_next_load_reads() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("articles");
        std::fs::create_dir(&folder).unwrap();
        let count = lede::cache::SNAPSHOT_FROM;
        for n in 0..count {
            let text = format!("Story {n:03}\n\nStory {n:03} happened.\n");
            std::fs::write(folder.join(format!("{n:03}.txt")), text).unwrap();
        }
        // Files changed within the last seconds are not kept (their stamp may not show a
        // change yet): these wait until theirs can.
        std::thread::sleep(lede::cache::stamp::RACY + std::time::Duration::from_millis(200));
        let cache_dir = dir.path().join("cache");
        let open = || {
            let (cache, notices) = Cache::open(&cache_dir);
            assert!(notices.is_empty(), "{notices:?}");
            Arc::new(cache.unwrap())
        };
        let plain = titles_loaded(&folder, None);
        assert_eq!(plain.len(), count);
        let cache = open();
        assert_eq!(titles_loaded(&folder, Some(Arc::clone(&cache))), plain);
        assert!(cache.finish().is_empty());
        // The corpus's snapshot: the one file named so (each corpus has its own).
        let snapshots: Vec<_> = std::fs::read_dir(&cache_dir)
            .unwrap()
            .flatten()
            .map(|entry| entry.path())
            .filter(|path| {
                path.file_name()
                    .is_some_and(|name| name.to_string_lossy().starts_with("corpus-snapshot-"))
            })
            .collect();
        assert_eq!(snapshots.len(), 1, "{snapshots:?}");
        let snapshot = snapshots[0].clone();
        let kept = std::fs::read(&snapshot).unwrap();
        assert!(kept.len() > count * 20, "{} bytes", kept.len());

        let cache = open();
        assert_eq!(titles_loaded(&folder, Some(Arc::clone(&cache))), plain);
        assert!(cache.finish().is_empty());
        assert_eq!(cache.take_snapshot_notice(), None);
        assert_eq!(std::fs::read(&snapshot).unwrap(), kept);
    }
}
