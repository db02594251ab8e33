//! Extraction in the reader: a background worker reads every article's quotes and
//! figures (the open one first) so opening an article never waits; the side panel, the
//! reader's styling of quotes and the speakers view use what has arrived.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread;

use lede::cache::Cache;
use lede::corpus::Corpus;
use lede::extract::{Extraction, extract};

/// Starts the worker. It sends `(article index, extraction)` through `deliver` for every
/// article not marked in `done`, until all are done, `deliver` returns false or the
/// returned channel is dropped (a worker started in its place); indices sent on that
/// channel are done next (the article the user just opened). Extractions the `cache`
/// kept are taken from it, and new ones kept there.
pub fn spawn_worker(
    corpus: Arc<Corpus>,
    done: Vec<bool>,
    cache: Option<Arc<Cache>>,
    deliver: impl Fn(usize, Extraction) -> bool + Send + 'static,
) -> Sender<usize> {
    let (priority, wanted) = mpsc::channel();
    thread::spawn(move || run_worker(&corpus, done, cache.as_deref(), &wanted, deliver));
    priority
}

fn run_worker(
    corpus: &Corpus,
    mut done: Vec<bool>,
    cache: Option<&Cache>,
    wanted: &Receiver<usize>,
    deliver: impl Fn(usize, Extraction) -> bool,
) {
    let count = corpus.articles.len();
    done.resize(count, false);
    if let Some(cache) = cache
        && count >= lede::cache::READ_ALL_FROM
    {
        cache.read_all_extractions();
    }
    let mut next_in_order = 0;
    loop {
        let index = match wanted.try_recv() {
            Ok(index) if index < count && !done[index] => index,
            Ok(_) => continue,
            Err(TryRecvError::Disconnected) => return,
            Err(TryRecvError::Empty) => {
                while next_in_order < count && done[next_in_order] {
                    next_in_order += 1;
                }
                if next_in_order == count {
                    return;
                }
                next_in_order
            }
        };
        done[index] = true;
        let article = &corpus.articles[index];
        let extraction = match cache {
            Some(cache) => cache.extraction(article),
            None => extract(article),
        };
        if !deliver(index, extraction) {
            return;
        }
    }
}

/// What extraction has delivered so far.
#[derive(Default)]
pub struct Extractions {
    pub by_article: Vec<Option<Arc<Extraction>>>,
    pub done: usize,
    /// Whether the reader styles quotes (and figures) in the text.
    pub shown_in_reader: bool,
    /// Asks the worker for an article next.
    pub priority: Option<Sender<usize>>,
}

impl Extractions {
    pub fn new(articles: usize) -> Extractions {
        Extractions {
            by_article: vec![None; articles],
            done: 0,
            shown_in_reader: true,
            priority: None,
        }
    }

    pub fn get(&self, index: usize) -> Option<&Extraction> {
        self.by_article.get(index)?.as_deref()
    }

    pub fn complete(&self) -> bool {
        self.done >= self.by_article.len()
    }

    /// Takes in the extraction of article `index`.
    pub fn insert(&mut self, index: usize, extraction: Extraction) {
        let Some(slot) = self.by_article.get_mut(index) else {
            return;
        };
        if slot.is_none() {
            self.done += 1;
        }
        *slot = Some(Arc::new(extraction));
    }

    /// Asks the worker for article `index` next, unless it is done.
    pub fn want(&self, index: usize) {
        if self.get(index).is_none()
            && let Some(priority) = &self.priority
        {
            let _ = priority.send(index);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn the_worker_extracts_every_article_once_wanted_first() {
        let corpus = Arc::new(Corpus::seeds());
        let got = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&got);
        let (done_tx, done_rx) = mpsc::channel();
        let priority = {
            let (tx, rx) = mpsc::channel::<usize>();
            tx.send(3).unwrap();
            let corpus = Arc::clone(&corpus);
            thread::spawn(move || {
                run_worker(&corpus, vec![false, true], None, &rx, |i, _| {
                    sink.lock().unwrap().push(i);
                    true
                });
                done_tx.send(()).unwrap();
            });
            tx
        };
        done_rx.recv().unwrap();
        drop(priority);
        let got = got.lock().unwrap().clone();
        assert_eq!(got[0], 3, "the wanted article comes first");
        let mut sorted = got.clone();
        sorted.sort();
        assert_eq!(sorted, [0, 2, 3, 4], "those done before are not done again");
    }
}
