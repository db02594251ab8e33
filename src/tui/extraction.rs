//! Extraction in the reader: a background worker finds every article's quotes and
//! figures (the open one first) so opening an article never waits; the side panel, the
//! reader's styling of quotes and the speakers view use what has arrived.
//!
//! Those the cache keeps are not read at all until wanted: on a reopen of a big corpus
//! the worker only learns which articles the cache holds (one pass over its keys), and
//! decodes an article's quotes and figures when it is shown (or when the speakers view
//! wants every one). The quotes-and-figures search reads its own index file, so nothing
//! else needs them. On a first open of a big corpus, likewise, what the worker extracts
//! in the background is kept in the cache and only said to be kept, not held decoded.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread;

use lede::cache::Cache;
use lede::corpus::Corpus;
use lede::extract::{Extraction, extract};

/// Articles extracted and kept in the background are told to the reader this many at a
/// time.
const KEPT_AT_ONCE: usize = 64;

/// What the worker sends the reader.
#[derive(Debug)]
pub enum Delivery {
    /// The extraction of an article.
    Extracted(usize, Extraction),
    /// Articles whose extraction the cache keeps: decoded when wanted.
    Kept(Vec<usize>),
    /// Something to tell the user (a kept extraction that could not be read).
    Notice(String),
}

/// What the reader asks the worker for, ahead of the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    /// This article's extraction, decoded (the one just opened).
    Article(usize),
    /// Every article's extraction decoded (the speakers view lists them all).
    Every,
}

/// Where the worker is with an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Not looked at yet.
    Pending,
    /// The cache keeps its extraction (said so); decoded when wanted.
    Kept,
    /// Its extraction was delivered.
    Delivered,
}

/// Starts the worker. It sends what it finds through `deliver` for every article not
/// [`State::Delivered`] in `states`, until all are done, `deliver` returns false or
/// the returned channel is dropped (a worker started in its place); what is asked on
/// that channel is done next. Extractions the `cache` kept are taken from it (the ones
/// of a corpus of [`lede::cache::READ_ALL_FROM`] articles or more only when wanted),
/// and new ones kept there.
pub fn spawn_worker(
    corpus: Arc<Corpus>,
    states: Vec<State>,
    cache: Option<Arc<Cache>>,
    deliver: impl Fn(Delivery) -> bool + Send + 'static,
) -> Sender<Want> {
    let (priority, wanted) = mpsc::channel();
    thread::spawn(move || run_worker(&corpus, states, cache.as_deref(), &wanted, deliver));
    priority
}

fn run_worker(
    corpus: &Corpus,
    states: Vec<State>,
    cache: Option<&Cache>,
    wanted: &Receiver<Want>,
    deliver: impl Fn(Delivery) -> bool,
) {
    let count = corpus.articles.len();
    let mut worker = Worker {
        corpus,
        cache,
        states,
        // A small corpus is read whole as it comes: each article looked up in the cache.
        checked: cache.is_none_or(|_| count < lede::cache::READ_ALL_FROM),
        known_missing: false,
        told: false,
        keeps_only: cache.is_some() && count >= lede::cache::READ_ALL_FROM,
        kept: Vec::new(),
        pending: 0,
        unwritten: false,
    };
    worker.states.resize(count, State::Pending);
    worker.pending = worker
        .states
        .iter()
        .filter(|&&s| s == State::Pending)
        .count();
    let (mut next, mut every) = (0, false);
    loop {
        // Whether the reader asked for it (it is then delivered decoded).
        let mut asked = true;
        let want = match wanted.try_recv() {
            Ok(want) => want,
            Err(TryRecvError::Disconnected) => return,
            Err(TryRecvError::Empty) => {
                if !worker.checked {
                    if !worker.check_kept(&deliver) {
                        return;
                    }
                    continue;
                }
                // The next article to do in order: pending ones, and kept ones too
                // once every one is wanted. None left: wait to be asked.
                let to_do = |state: State| match state {
                    State::Pending => true,
                    State::Kept => every,
                    State::Delivered => false,
                };
                while next < count && !to_do(worker.states[next]) {
                    next += 1;
                }
                if next < count {
                    asked = every;
                    Want::Article(next)
                } else {
                    if !worker.tell_kept(&deliver) {
                        return;
                    }
                    match wanted.recv() {
                        Ok(want) => want,
                        Err(_) => return,
                    }
                }
            }
        };
        match want {
            Want::Every => (every, next) = (true, 0),
            Want::Article(index) => {
                if !worker.serve(index, asked, &deliver) {
                    return;
                }
            }
        }
    }
}

struct Worker<'a> {
    corpus: &'a Corpus,
    cache: Option<&'a Cache>,
    states: Vec<State>,
    /// Whether the cache was asked which articles it keeps (or need not be).
    checked: bool,
    /// Whether every pending article is known to have no kept extraction.
    known_missing: bool,
    /// Whether a damaged kept extraction was told about (once is enough).
    told: bool,
    /// Whether what is extracted in the background is kept in the cache and told as
    /// kept, not delivered (a big corpus with a cache).
    keeps_only: bool,
    /// Articles extracted and kept, not yet told.
    kept: Vec<usize>,
    /// Articles still [`State::Pending`].
    pending: usize,
    /// Whether an extraction was kept since the cache last wrote everything.
    unwritten: bool,
}

impl Worker<'_> {
    /// Asks the cache which pending articles it keeps an extraction of, and tells the
    /// reader. False when the reader is gone.
    fn check_kept(&mut self, deliver: &impl Fn(Delivery) -> bool) -> bool {
        self.checked = true;
        let Some(cache) = self.cache else {
            return true;
        };
        let pending: Vec<usize> = (0..self.states.len())
            .filter(|&i| self.states[i] == State::Pending)
            .collect();
        let keys: Vec<[u8; 16]> = pending
            .iter()
            .map(|&i| lede::cache::records::extraction_key(&self.corpus.articles[i]))
            .collect();
        let kept: Vec<usize> = pending
            .into_iter()
            .zip(cache.extractions_kept(&keys))
            .filter_map(|(i, kept)| kept.then_some(i))
            .collect();
        self.known_missing = true;
        for &i in &kept {
            self.states[i] = State::Kept;
        }
        self.pending -= kept.len();
        kept.is_empty() || deliver(Delivery::Kept(kept))
    }

    /// Delivers the extraction of article `index`, unless it was; one not `asked` for
    /// is only kept when the worker [`Worker::keeps_only`]. False when the reader is
    /// gone.
    fn serve(&mut self, index: usize, asked: bool, deliver: &impl Fn(Delivery) -> bool) -> bool {
        let (Some(&state), Some(article)) =
            (self.states.get(index), self.corpus.articles.get(index))
        else {
            return true;
        };
        if state == State::Pending {
            self.pending -= 1;
        }
        let (extraction, notice) = match (state, self.cache) {
            (State::Delivered, _) => return true,
            (_, None) => (extract(article), None),
            (State::Pending, Some(cache)) if self.known_missing => {
                let key = lede::cache::records::extraction_key(article);
                let extraction = cache.extract_and_keep(article, key);
                self.unwritten = true;
                // Once the cache drops writes, what it was asked to keep may not be
                // there to read back: extractions are delivered decoded again.
                if self.keeps_only && !asked && !cache.writes_lost() {
                    self.states[index] = State::Kept;
                    self.kept.push(index);
                    return self.kept.len() < KEPT_AT_ONCE || self.tell_kept(deliver);
                }
                (extraction, None)
            }
            (_, Some(cache)) => cache.extraction_noting(article),
        };
        self.states[index] = State::Delivered;
        if let Some(notice) = notice
            && !std::mem::replace(&mut self.told, true)
            && !deliver(Delivery::Notice(notice))
        {
            return false;
        }
        // The article is delivered before the kept ones are told: telling them may wait
        // for the cache to write them, and the reader may be waiting for this one.
        deliver(Delivery::Extracted(index, extraction))
            && (self.pending > 0 || self.tell_kept(deliver))
    }

    /// Tells the reader which articles were kept since last told. Once none is pending
    /// (the reader may then read every kept one back, to index them), the cache is first
    /// waited for until it has written them. False when the reader is gone.
    fn tell_kept(&mut self, deliver: &impl Fn(Delivery) -> bool) -> bool {
        if self.pending == 0
            && std::mem::take(&mut self.unwritten)
            && let Some(cache) = self.cache
        {
            cache.wait_for_writes();
        }
        self.kept.is_empty() || deliver(Delivery::Kept(std::mem::take(&mut self.kept)))
    }
}

/// An article's extraction, as the reader holds it.
#[derive(Debug, Clone, Default)]
pub enum Slot {
    /// Not found yet.
    #[default]
    Waiting,
    /// The cache keeps it: the worker decodes it when wanted.
    Kept,
    Found(Arc<Extraction>),
}

/// What extraction has delivered so far.
#[derive(Default)]
pub struct Extractions {
    by_article: Vec<Slot>,
    /// Articles no longer waiting (found or kept).
    pub done: usize,
    /// Articles found (decoded).
    pub found: usize,
    /// Whether the reader styles quotes (and figures) in the text.
    pub shown_in_reader: bool,
    /// Asks the worker for an article next.
    pub priority: Option<Sender<Want>>,
    /// Every article's extraction was asked for (the speakers view): a worker started
    /// later, or in place of another, is asked again.
    every_wanted: bool,
}

impl Extractions {
    pub fn new(articles: usize) -> Extractions {
        Extractions {
            by_article: vec![Slot::Waiting; articles],
            done: 0,
            found: 0,
            shown_in_reader: true,
            priority: None,
            every_wanted: false,
        }
    }

    pub fn get(&self, index: usize) -> Option<&Extraction> {
        match self.by_article.get(index)? {
            Slot::Found(extraction) => Some(extraction),
            Slot::Waiting | Slot::Kept => None,
        }
    }

    /// Every article's slot.
    pub fn slots(&self) -> &[Slot] {
        &self.by_article
    }

    /// The extractions found (decoded), with their articles.
    pub fn found(&self) -> impl Iterator<Item = (usize, &Extraction)> {
        (0..self.by_article.len()).filter_map(|i| Some((i, self.get(i)?)))
    }

    pub fn len(&self) -> usize {
        self.by_article.len()
    }

    /// Every article's extraction is found or kept.
    pub fn complete(&self) -> bool {
        self.done >= self.by_article.len()
    }

    /// Every article's extraction is found (decoded).
    pub fn all_found(&self) -> bool {
        self.found >= self.by_article.len()
    }

    /// Room for `articles` articles, the new ones waiting.
    pub fn resize(&mut self, articles: usize) {
        for slot in self.by_article.get(articles..).unwrap_or_default() {
            match slot {
                Slot::Waiting => {}
                Slot::Kept => self.done -= 1,
                Slot::Found(_) => (self.done, self.found) = (self.done - 1, self.found - 1),
            }
        }
        self.by_article.resize(articles, Slot::Waiting);
    }

    pub fn reserve(&mut self, articles: usize) {
        self.by_article.reserve(articles);
    }

    /// Where a worker started now would be with each article.
    pub fn states(&self) -> Vec<State> {
        let state = |slot: &Slot| match slot {
            Slot::Waiting => State::Pending,
            Slot::Kept => State::Kept,
            Slot::Found(_) => State::Delivered,
        };
        self.by_article.iter().map(state).collect()
    }

    /// Takes in the extraction of article `index`. True when that made every article's
    /// extraction found or kept.
    pub fn insert(&mut self, index: usize, extraction: Extraction) -> bool {
        let was_complete = self.complete();
        let Some(slot) = self.by_article.get_mut(index) else {
            return false;
        };
        match slot {
            Slot::Waiting => (self.done, self.found) = (self.done + 1, self.found + 1),
            Slot::Kept => self.found += 1,
            Slot::Found(_) => {}
        }
        *slot = Slot::Found(Arc::new(extraction));
        !was_complete && self.complete()
    }

    /// Takes in articles whose extraction the cache keeps. True when that made every
    /// article's extraction found or kept.
    pub fn keep(&mut self, indices: &[usize]) -> bool {
        let was_complete = self.complete();
        for &index in indices {
            if let Some(slot @ Slot::Waiting) = self.by_article.get_mut(index) {
                *slot = Slot::Kept;
                self.done += 1;
            }
        }
        !was_complete && self.complete()
    }

    /// Asks the worker for article `index` next, unless it is found.
    pub fn want(&self, index: usize) {
        if self.get(index).is_none()
            && let Some(priority) = &self.priority
        {
            let _ = priority.send(Want::Article(index));
        }
    }

    /// Asks the worker for every article's extraction, decoded; remembered for a worker
    /// not started yet (the corpus still loading) or started in place of this one.
    pub fn want_every(&mut self) {
        self.every_wanted = true;
        self.ask_for_every();
    }

    /// Takes the channel of a worker just started, and asks it again for what was wanted
    /// of the worker before it.
    pub fn set_priority(&mut self, priority: Sender<Want>) {
        self.priority = Some(priority);
        if self.every_wanted {
            self.ask_for_every();
        }
    }

    fn ask_for_every(&self) {
        if !self.all_found()
            && let Some(priority) = &self.priority
        {
            let _ = priority.send(Want::Every);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lede::cache::records::extraction_key;
    use std::time::Duration;

    /// A worker over `corpus` started with `states`, and what it delivers.
    fn worker(
        corpus: &Arc<Corpus>,
        states: Vec<State>,
        cache: Option<Arc<Cache>>,
    ) -> (Sender<Want>, Receiver<Delivery>) {
        let (sender, delivered) = mpsc::channel();
        let priority = spawn_worker(Arc::clone(corpus), states, cache, move |delivery| {
            sender.send(delivery).is_ok()
        });
        (priority, delivered)
    }

    fn next(delivered: &Receiver<Delivery>) -> Delivery {
        delivered
            .recv_timeout(Duration::from_secs(60))
            .expect("the worker delivers")
    }

    /// Nothing more comes (the worker waits to be asked).
    fn nothing_more(delivered: &Receiver<Delivery>) {
        let more = delivered.recv_timeout(Duration::from_millis(300));
        assert!(more.is_err(), "{more:?}");
    }

    /// `delivery` is article `wanted`'s extraction, as extracting it gives.
    fn expect_extracted(delivery: Delivery, wanted: usize, corpus: &Corpus) {
        match delivery {
            Delivery::Extracted(i, found) => {
                assert_eq!(i, wanted);
                assert_eq!(
                    format!("{found:?}"),
                    format!("{:?}", extract(&corpus.articles[i]))
                );
            }
            other => panic!("article {wanted} expected, got {other:?}"),
        }
    }

    #[test]
    fn the_worker_extracts_every_article_once_wanted_first() {
        let corpus = Arc::new(Corpus::seeds());
        // Asked before it starts.
        let (priority, wanted) = mpsc::channel();
        priority.send(Want::Article(3)).unwrap();
        let (sender, delivered) = mpsc::channel();
        let states = vec![State::Pending, State::Delivered];
        let running = Arc::clone(&corpus);
        thread::spawn(move || {
            run_worker(&running, states, None, &wanted, |delivery| {
                sender.send(delivery).is_ok()
            });
        });
        let mut got = Vec::new();
        for _ in 0..4 {
            match next(&delivered) {
                Delivery::Extracted(i, found) => {
                    assert_eq!(
                        format!("{found:?}"),
                        format!("{:?}", extract(&corpus.articles[i]))
                    );
                    got.push(i);
                }
                other => panic!("{other:?}"),
            }
        }
        nothing_more(&delivered);
        drop(priority);
        assert_eq!(got[0], 3, "the wanted article comes first");
        got.sort();
        assert_eq!(got, [0, 2, 3, 4], "those done before are not done again");
    }

    /// A corpus of `READ_ALL_FROM` articles (the seeds again and again) whose every
    /// extraction the cache in `dir` keeps.
    fn big_corpus_kept(dir: &std::path::Path) -> (Arc<Corpus>, Arc<Cache>) {
        let seeds = Corpus::seeds();
        let articles = seeds
            .articles
            .iter()
            .cycle()
            .take(lede::cache::READ_ALL_FROM)
            .cloned()
            .collect();
        let corpus = Arc::new(Corpus {
            articles,
            problems: Vec::new(),
        });
        let (cache, notices) = Cache::open(dir);
        assert!(notices.is_empty(), "{notices:?}");
        let cache = cache.unwrap();
        for article in &seeds.articles {
            cache.extraction(article);
        }
        assert!(cache.finish().is_empty());
        let (cache, _) = Cache::open(dir);
        (corpus, Arc::new(cache.unwrap()))
    }

    #[test]
    fn a_big_corpus_kept_is_decoded_only_when_wanted_as_it_was_extracted() {
        let dir = tempfile::tempdir().unwrap();
        let (corpus, cache) = big_corpus_kept(dir.path());
        let (priority, delivered) = worker(&corpus, Vec::new(), Some(cache));
        match next(&delivered) {
            Delivery::Kept(kept) => {
                assert_eq!(kept, (0..corpus.articles.len()).collect::<Vec<_>>());
            }
            other => panic!("{other:?}"),
        }
        nothing_more(&delivered);
        for wanted in [7, 3, 7] {
            priority.send(Want::Article(wanted)).unwrap();
        }
        for wanted in [7, 3] {
            expect_extracted(next(&delivered), wanted, &corpus);
        }
        nothing_more(&delivered);
        // The speakers view wants every one.
        priority.send(Want::Every).unwrap();
        let mut got = Vec::new();
        for _ in 2..corpus.articles.len() {
            match next(&delivered) {
                Delivery::Extracted(i, _) => got.push(i),
                other => panic!("{other:?}"),
            }
        }
        nothing_more(&delivered);
        got.sort();
        let others: Vec<usize> = (0..corpus.articles.len())
            .filter(|i| ![3, 7].contains(i))
            .collect();
        assert_eq!(got, others);
    }

    /// A corpus big enough to be kept only, each article its own text (so its own
    /// extraction in the cache): a number added to a seed.
    fn big_corpus_of_distinct_texts() -> Arc<Corpus> {
        let seeds = Corpus::seeds();
        let articles = (0..lede::cache::READ_ALL_FROM)
            .map(|i| {
                let seed = seeds.articles[i % seeds.articles.len()].clone();
                let mut text = seed.text().to_text();
                text.body.push_str(&format!(" {i}"));
                seed.with_text(lede::corpus::TextHandle::new(text))
            })
            .collect();
        Arc::new(Corpus {
            articles,
            problems: Vec::new(),
        })
    }

    /// A cache opened in an empty folder, without notices.
    fn empty_cache(dir: &std::path::Path) -> Arc<Cache> {
        let (cache, notices) = Cache::open(dir);
        assert!(notices.is_empty(), "{notices:?}");
        Arc::new(cache.unwrap())
    }

    #[test]
    fn once_the_cache_drops_writes_extractions_are_delivered_decoded_not_told_kept() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = big_corpus_of_distinct_texts();
        let cache = empty_cache(dir.path());
        cache.extraction(&corpus.articles[0]);
        cache.wait_for_writes();
        assert!(!cache.writes_lost(), "a write that went in is not lost");
        // Another process holds the database: the next write is dropped after the
        // writer's wait (5 s).
        let holder = rusqlite::Connection::open(lede::cache::database_file(dir.path())).unwrap();
        holder.execute_batch("BEGIN IMMEDIATE").unwrap();
        cache.extraction(&corpus.articles[1]);
        cache.wait_for_writes();
        assert!(cache.writes_lost());
        let (priority, delivered) = worker(&corpus, Vec::new(), Some(Arc::clone(&cache)));
        let mut extracted = vec![false; corpus.articles.len()];
        while extracted.contains(&false) {
            match next(&delivered) {
                Delivery::Extracted(i, _) => extracted[i] = true,
                // Article 0 is in the cache: it may be told kept.
                Delivery::Kept(kept) if kept == [0] => extracted[0] = true,
                other => panic!("{other:?}"),
            }
        }
        nothing_more(&delivered);
        holder.execute_batch("ROLLBACK").unwrap();
        drop(priority);
    }

    #[test]
    fn a_big_corpus_extracted_in_the_background_is_told_kept_and_readable_once_all_are_told() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = big_corpus_of_distinct_texts();
        let cache = empty_cache(dir.path());
        let (priority, delivered) = worker(&corpus, Vec::new(), Some(Arc::clone(&cache)));
        priority.send(Want::Article(5)).unwrap();
        let (mut told, mut extracted) = (vec![0; corpus.articles.len()], Vec::new());
        while told.contains(&0) || extracted.is_empty() {
            match next(&delivered) {
                Delivery::Kept(kept) => {
                    for i in kept {
                        told[i] += 1;
                    }
                }
                Delivery::Extracted(i, found) => {
                    assert_eq!(
                        format!("{found:?}"),
                        format!("{:?}", extract(&corpus.articles[i]))
                    );
                    told[i] += 1;
                    extracted.push(i);
                }
                other => panic!("{other:?}"),
            }
        }
        // Every one told is in the cache by the time the last is told (looked at at
        // once, the last extracted first: the cache's writer commits on its own within a
        // fifth of a second).
        for article in corpus.articles.iter().rev() {
            let kept = cache.kept_extraction(article, &extraction_key(article));
            match kept {
                lede::cache::Kept::Found(found) => {
                    assert_eq!(format!("{found:?}"), format!("{:?}", extract(article)));
                }
                other => panic!("{other:?}"),
            }
        }
        nothing_more(&delivered);
        // Only the article asked for comes decoded; each is told once, but the one asked
        // for may have been kept just before it was asked for.
        assert_eq!(extracted, [5]);
        for (i, &times) in told.iter().enumerate() {
            assert_eq!(times, if i == 5 { times.clamp(1, 2) } else { 1 }, "{i}");
        }
        drop(priority);
    }

    #[test]
    fn a_damaged_kept_extraction_found_when_wanted_is_extracted_again_and_told_once() {
        let dir = tempfile::tempdir().unwrap();
        let (corpus, cache) = big_corpus_kept(dir.path());
        let db = rusqlite::Connection::open(lede::cache::database_file(dir.path())).unwrap();
        for (article, damage) in [(0, "x'00'"), (1, "substr(record, 1, 9)")] {
            let key = extraction_key(&corpus.articles[article]);
            let updated = db
                .execute(
                    &format!("UPDATE extractions SET record = {damage} WHERE key = ?1"),
                    [&key[..]],
                )
                .unwrap();
            assert_eq!(updated, 1);
        }
        let (priority, delivered) = worker(&corpus, Vec::new(), Some(cache));
        assert!(matches!(next(&delivered), Delivery::Kept(kept) if kept.len() == 1000));
        priority.send(Want::Article(0)).unwrap();
        match next(&delivered) {
            Delivery::Notice(notice) => {
                assert!(notice.starts_with("cache: "), "{notice}");
                assert!(notice.contains("extracted it again"), "{notice}");
                assert!(!notice.contains('\n'));
            }
            other => panic!("{other:?}"),
        }
        for wanted in [0, 1] {
            if wanted == 1 {
                priority.send(Want::Article(1)).unwrap();
            }
            // (A second notice would come here: told once only.)
            expect_extracted(next(&delivered), wanted, &corpus);
        }
        nothing_more(&delivered);
        drop(priority);
        // Kept again in its place: read back whole next time.
        let (cache, _) = Cache::open(dir.path());
        let cache = cache.unwrap();
        let key = extraction_key(&corpus.articles[0]);
        assert!(matches!(
            cache.kept_extraction(&corpus.articles[0], &key),
            lede::cache::Kept::Found(_)
        ));
    }

    #[test]
    fn the_reader_counts_kept_and_found_and_completes_once() {
        let corpus = Corpus::seeds();
        let mut extractions = Extractions::new(3);
        assert!(!extractions.keep(&[0, 1]));
        assert_eq!((extractions.done, extractions.found), (2, 0));
        assert!(extractions.get(0).is_none(), "kept is not decoded");
        assert!(extractions.insert(2, extract(&corpus.articles[2])));
        assert!(extractions.complete() && !extractions.all_found());
        assert!(!extractions.insert(0, extract(&corpus.articles[0])), "once");
        assert_eq!((extractions.done, extractions.found), (3, 2));
        assert!(extractions.get(0).is_some());
        assert_eq!(
            extractions.states(),
            [State::Delivered, State::Kept, State::Delivered]
        );
        extractions.resize(5);
        assert!(!extractions.complete());
        extractions.resize(1);
        assert_eq!((extractions.done, extractions.found), (1, 1));
    }

    #[test]
    fn every_extraction_wanted_before_a_worker_runs_is_asked_of_each_worker_started() {
        let mut extractions = Extractions::new(2);
        extractions.keep(&[0, 1]);
        // The speakers view opened while the corpus still loads: no worker yet.
        extractions.want_every();
        let (priority, wanted) = mpsc::channel();
        extractions.set_priority(priority);
        assert_eq!(wanted.try_recv(), Ok(Want::Every));
        // A worker started in place of that one (articles joined) is asked again.
        let (priority, again) = mpsc::channel();
        extractions.set_priority(priority);
        assert_eq!(again.try_recv(), Ok(Want::Every));
        // Not asked of a worker when nothing was wanted.
        let mut quiet = Extractions::new(2);
        let (priority, nothing) = mpsc::channel();
        quiet.set_priority(priority);
        assert_eq!(nothing.try_recv(), Err(TryRecvError::Empty));
    }
}
