//! Search in the reader. A worker thread owns the index and the search session: the UI
//! sends each query as it is typed (a newer one cancels the older, and a query that grows
//! searches only the previous matches) and draws whatever results arrive. The UI thread
//! never waits for a search; only the rows on screen compute their matched characters.
//! This is the reader's side of the search engine; the prompt is `overlays::search`.

use std::ops::Range;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use lede::cache::{Cache, CorpusKey};
use lede::corpus::Corpus;
use lede::extract::Extraction;
use lede::search::{Cancel, CancelSource, Hit, Index, ItemKind, Results, Session, date_key};
use lede::store::Store;

use super::article_keys::ArticleKeys;
use super::extraction::Slot;

/// How many ranked rows a search sends back: more than any screen shows.
const ROWS: usize = 200;

/// Items found by others (extraction, the highlight store) to search along with the
/// titles and sentences.
#[derive(Debug, Clone, Default)]
pub struct Extras {
    /// (article, kind, text, byte range in the body if a passage of it)
    pub items: Vec<(usize, ItemKind, String, Option<Range<usize>>)>,
    /// Each article's extraction, by article number: its quotes and figures are items
    /// too, ahead of `items`. Shared with the reader, not copied (half a million quotes
    /// and figures in 50,000 articles); those the cache keeps undecoded are read from it
    /// only if the index of them must be built.
    pub extractions: Vec<Slot>,
}

/// Who the extra items come from: each source replaces only its own items, so a new
/// highlight never resends every quote of the corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtrasFrom {
    Extraction,
    Highlights,
}

pub enum Request {
    Query { text: String, cancel: Cancel },
    Extras(ExtrasFrom, Extras),
}

/// What the worker sends back.
pub enum Event {
    /// The index is built: searches are answered from now on.
    Ready,
    /// Something to tell the user (a kept index that could not be read).
    Notice(String),
    /// Boxed: results are much bigger than the other events.
    Found(Box<Found>),
}

/// Which index a result row comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Titles and sentences of the corpus.
    Corpus,
    /// Quotes, highlights and notes (a small index rebuilt when they change).
    Extras,
}

/// The results of one query.
pub struct Found {
    pub query: String,
    /// How many matched; for a first screen not yet complete, how many may match.
    pub total: usize,
    /// False while only part of the corpus has been ranked (the rest is on its way).
    pub complete: bool,
    /// The best rows of both indexes, best first.
    pub rows: Vec<(Source, Hit)>,
    pub corpus: Results,
    pub extras: Option<Results>,
    /// Texts of extra items that are not a passage of an article body (notes), by item.
    pub texts: Arc<Vec<(usize, String)>>,
}

impl Found {
    fn results(&self, source: Source) -> Option<&Results> {
        match source {
            Source::Corpus => Some(&self.corpus),
            Source::Extras => self.extras.as_ref(),
        }
    }
}

/// Starts the worker; it builds the index first (or takes the one the `cache` kept),
/// then answers queries.
pub fn spawn_worker(
    corpus: Arc<Corpus>,
    cache: Option<Arc<Cache>>,
    deliver: impl Fn(Event) -> bool + Send + 'static,
) -> Sender<Request> {
    let (requests, incoming) = mpsc::channel();
    thread::spawn(move || run_worker(&corpus, cache.as_deref(), &incoming, deliver));
    requests
}

fn run_worker(
    corpus: &Corpus,
    cache: Option<&Cache>,
    incoming: &Receiver<Request>,
    deliver: impl Fn(Event) -> bool,
) {
    // The corpus index is built once; what others add goes in a small second index, so a
    // new highlight never copies the big one.
    // Both index files are named by the corpus's key: worked out once.
    let corpus_key = cache.map(|cache| cache.corpus_key(&corpus.articles));
    let index = match cache.zip(corpus_key.as_ref()) {
        Some((cache, key)) => {
            let (index, notice) = cache.search_index_under(&corpus.articles, key);
            for notice in [cache.take_snapshot_notice(), notice].into_iter().flatten() {
                if !deliver(Event::Notice(notice)) {
                    return;
                }
            }
            index
        }
        None => Arc::new(Index::build(corpus)),
    };
    let mut session = Session::new(index);
    if !deliver(Event::Ready) {
        return;
    }
    let mut extras: Option<Session> = None;
    let mut texts: Arc<Vec<(usize, String)>> = Arc::new(Vec::new());
    let (mut extracted, mut highlighted) = (Extras::default(), Extras::default());
    while let Ok(first) = incoming.recv() {
        // Only the newest query matters; extras are applied in order.
        let mut query = None;
        let mut extras_changed = false;
        for request in std::iter::once(first).chain(incoming.try_iter()) {
            match request {
                Request::Query { text, cancel } => query = Some((text, cancel)),
                Request::Extras(from, items) => {
                    match from {
                        ExtrasFrom::Extraction => extracted = items,
                        ExtrasFrom::Highlights => highlighted = items,
                    }
                    extras_changed = true;
                }
            }
        }
        if extras_changed {
            let (index, note_texts, notice) = extras_index(
                corpus,
                cache.zip(corpus_key.as_ref()),
                &extracted,
                &highlighted,
            );
            if let Some(notice) = notice
                && !deliver(Event::Notice(notice))
            {
                return;
            }
            extras = Some(Session::new(index));
            texts = Arc::new(note_texts);
        }
        let Some((text, cancel)) = query else {
            continue;
        };
        // A quick first screen, then (unless a newer query came) every match.
        let Some(first) = session.first_screen(&text, &cancel) else {
            continue; // a newer query is on its way
        };
        let complete = first.is_complete();
        let extra_results = match extras.as_mut() {
            Some(extras) => match extras.search(&text, &cancel) {
                Some(found) => Some(found),
                None => continue,
            },
            None => None,
        };
        let shared = extra_results.as_ref().map(Results::share);
        if !deliver(Event::Found(Box::new(found(
            text.clone(),
            first,
            extra_results,
            &texts,
        )))) {
            return;
        }
        if complete || cancel.is_cancelled() {
            continue;
        }
        let Some(all) = session.search(&text, &cancel) else {
            continue;
        };
        if !deliver(Event::Found(Box::new(found(text, all, shared, &texts)))) {
            return;
        }
    }
}

/// The index of the extra items, `extracted`'s then `highlighted`'s, and the texts of
/// those that are not a passage of an article body (notes), by item. When every article
/// is extracted, extraction's part is the one the `cache` kept under the corpus's key
/// (the notice says when it could not be read); the highlights are added to it.
fn extras_index(
    corpus: &Corpus,
    cache: Option<(&Cache, &CorpusKey)>,
    extracted: &Extras,
    highlighted: &Extras,
) -> (Arc<Index>, Vec<(usize, String)>, Option<String>) {
    let empty = || {
        let mut index = Index::default();
        index.set_dates(corpus.articles.iter().map(|a| date_key(a.date)).collect());
        // Quotes and figures that are ASCII passages are read from the bodies.
        index.set_bodies(&corpus.articles);
        index
    };
    let mut note_texts = Vec::new();
    let mut push_items = |index: &mut Index, extras: &Extras| {
        for (article, kind, text, range) in extras.items() {
            if range.is_none() {
                note_texts.push((index.len(), text.to_string()));
            }
            index.push_item(article, kind, text, range);
        }
    };
    let every_article = extracted.items.is_empty()
        && extracted.extractions.len() == corpus.articles.len()
        && extracted
            .extractions
            .iter()
            .all(|slot| !matches!(slot, Slot::Waiting));
    let mut damaged = None;
    let (base, notice) = match cache {
        Some((cache, key)) if every_article => {
            cache.extraction_index_under(&corpus.articles, key, || {
                let mut index = empty();
                // Every item has a range: no note texts.
                damaged = push_extracted(&mut index, corpus, Some(cache), &extracted.extractions);
                index
            })
        }
        _ => {
            let mut index = empty();
            let cache = cache.map(|(cache, _)| cache);
            damaged = push_extracted(&mut index, corpus, cache, &extracted.extractions);
            push_items(&mut index, extracted);
            (Arc::new(index), None)
        }
    };
    let notice = notice.or(damaged);
    if highlighted.all().next().is_none() {
        return (base, note_texts, notice);
    }
    let mut index = Arc::try_unwrap(base).unwrap_or_else(|shared| Index::clone(&shared));
    push_items(&mut index, highlighted);
    (Arc::new(index), note_texts, notice)
}

/// Pushes the quotes and figures of every article `extractions` has (those found, and
/// those the `cache` keeps, decoded one at a time and dropped once indexed), article by
/// article. Returns the notice of a kept one that could not be read (extracted again).
fn push_extracted(
    index: &mut Index,
    corpus: &Corpus,
    cache: Option<&Cache>,
    extractions: &[Slot],
) -> Option<String> {
    // Each kept one is looked up by itself: reading them all ahead would hold every
    // record at once (72 MB for 50,000 articles) at the moment the index is built.
    let mut notice = None;
    for (article, slot) in extractions.iter().enumerate() {
        let decoded;
        let extraction = match (slot, corpus.articles.get(article)) {
            (Slot::Found(extraction), _) => &**extraction,
            (Slot::Kept, Some(kept)) => {
                // Only a reader with a cache has kept ones.
                let Some(cache) = cache else {
                    continue;
                };
                let (extraction, damaged) = cache.extraction_noting(kept);
                notice = notice.or(damaged);
                decoded = extraction;
                &decoded
            }
            (Slot::Kept | Slot::Waiting, _) => continue,
        };
        for (kind, text, range) in Extras::items_of(extraction) {
            index.push_item(article, kind, text, Some(range.clone()));
        }
    }
    notice
}

/// The rows to show from both indexes' results, best first.
fn found(
    query: String,
    corpus: Results,
    extras: Option<Results>,
    texts: &Arc<Vec<(usize, String)>>,
) -> Found {
    let mut rows: Vec<(Source, Hit)> = corpus
        .top(ROWS)
        .into_iter()
        .map(|hit| (Source::Corpus, hit))
        .collect();
    if let Some(extra) = &extras {
        rows.extend(extra.top(ROWS).into_iter().map(|hit| (Source::Extras, hit)));
        rows.sort_by(|a, b| a.1.rank(&b.1));
        rows.truncate(ROWS);
    }
    Found {
        query,
        complete: corpus.is_complete(),
        total: corpus.len() + extras.as_ref().map_or(0, Results::len),
        rows,
        corpus,
        extras,
        texts: Arc::clone(texts),
    }
}

/// The query syntax, for the help.
pub fn syntax_help() -> super::component::HelpSection {
    let rows = [
        (
            "stoltnberg",
            "a word; typos forgiven from 5 letters (two from 9)",
        ),
        ("stolt", "the word being typed: words starting so"),
        ("'nato", "exactly these letters, inside words too"),
        ("^russia", "at the start"),
        ("said.$", "at the end"),
        ("!turkey", "without it (also !'…, !^…, !…$)"),
        ("\"33 Turkish\"", "a phrase, exactly"),
        ("a b", "every term must match, in any order"),
        ("a | b", "either term"),
        ("~stlt", "fzf's match: the letters in order, gaps allowed"),
        (
            "Capital",
            "a capital letter matches case; accents never matter",
        ),
    ];
    super::component::HelpSection {
        heading: "Search syntax".to_string(),
        rows: rows
            .iter()
            .map(|(k, h)| (k.to_string(), h.to_string()))
            .collect(),
    }
}

/// One row of search results as drawn.
pub struct ResultRow {
    pub kind: ItemKind,
    pub article: usize,
    pub text: String,
    /// Byte ranges of `text` the query matched.
    pub matched: Vec<Range<usize>>,
    pub target: Option<Range<usize>>,
}

impl Found {
    /// The rows of these results, with the matched characters of the first `visible`
    /// rows (only the rows on screen pay for them).
    pub fn rows(&self, corpus: &Corpus, visible: usize) -> Vec<ResultRow> {
        self.rows
            .iter()
            .enumerate()
            .filter_map(|(n, &(source, ref hit))| {
                let row = self.row_of(corpus, source, hit)?;
                if n >= visible {
                    return Some(row);
                }
                let positions = self.results(source)?.positions(hit);
                Some(ResultRow {
                    matched: lede::search::char_positions_to_byte_ranges(&row.text, &positions),
                    ..row
                })
            })
            .collect()
    }

    /// Row `n`, without its matched characters; its target is the part of the passage
    /// the query's words cover (the reader marks the words that matched, as the row
    /// shows them).
    pub fn row(&self, corpus: &Corpus, n: usize) -> Option<ResultRow> {
        let (source, hit) = self.rows.get(n)?;
        let mut row = self.row_of(corpus, *source, hit)?;
        if let (Some(passage), Some(results)) = (row.target.clone(), self.results(*source)) {
            row.target = Some(matched_span(results, hit, &row.text, passage));
        }
        Some(row)
    }

    fn row_of(&self, corpus: &Corpus, source: Source, hit: &Hit) -> Option<ResultRow> {
        let item = self.results(source)?.index().item(hit.item())?;
        let article = corpus.articles.get(item.article)?;
        let text = match (&item.range, item.kind) {
            (Some(range), _) => article.body.get(range.clone())?.to_string(),
            (None, ItemKind::Title) => article.title.clone(),
            (None, _) => self
                .texts
                .iter()
                .find(|(i, _)| *i == hit.item())
                .map(|(_, t)| t.clone())?,
        };
        Some(ResultRow {
            kind: item.kind,
            article: item.article,
            text,
            matched: Vec::new(),
            target: item.range.clone(),
        })
    }

    /// The matches in `article` (`body` its text), in text order, for `n`/`N`: of each
    /// matching passage, the part its matched words cover.
    pub fn targets_in(&self, article: usize, body: &str) -> Vec<Range<usize>> {
        let index = self.corpus.index();
        let mut targets: Vec<Range<usize>> = self
            .corpus
            .in_article(article)
            .iter()
            .filter_map(|hit| {
                let passage = index.item(hit.item())?.range?;
                let text = body.get(passage.clone())?;
                Some(matched_span(&self.corpus, hit, text, passage))
            })
            .collect();
        targets.sort_by_key(|r| r.start);
        targets.dedup();
        targets
    }
}

/// The part of a passage (`text`, at `passage` in the body) that `hit`'s matched
/// characters cover, from the first to the last; the whole passage if none.
fn matched_span(results: &Results, hit: &Hit, text: &str, passage: Range<usize>) -> Range<usize> {
    let matched = lede::search::char_positions_to_byte_ranges(text, &results.positions(hit));
    match (matched.first(), matched.last()) {
        (Some(first), Some(last)) => passage.start + first.start..passage.start + last.end,
        _ => passage,
    }
}

/// The search machinery the reader holds: the worker, the query wanted and its results.
#[derive(Default)]
pub struct Search {
    pub requests: Option<Sender<Request>>,
    pub cancel: CancelSource,
    /// The query the open prompt asks for; it is sent again when the index changes.
    pub wanted: Option<String>,
    /// The newest results for `wanted`.
    pub found: Option<Found>,
    /// The last search's results, for n/N in the reader.
    pub last: Option<Found>,
    /// The index is built.
    pub ready: bool,
}

impl Search {
    /// Asks for the results of `text` (a newer query cancels the older).
    pub fn query(&mut self, text: String) {
        if let Some(requests) = &self.requests {
            let cancel = self.cancel.next();
            let _ = requests.send(Request::Query {
                text: text.clone(),
                cancel,
            });
        }
        self.wanted = Some(text);
    }

    /// Takes in results from the worker; stale ones are dropped.
    pub fn take(&mut self, found: Found) {
        if self.wanted.as_deref() == Some(found.query.as_str()) {
            self.found = Some(found);
        }
    }

    /// The prompt closed: its results stay for `n`/`N` (unless the query was empty).
    pub fn close(&mut self) {
        self.wanted = None;
        if let Some(found) = self.found.take()
            && !found.query.trim().is_empty()
        {
            self.last = Some(found);
        }
    }

    /// Replaces the items `from` gave; the open prompt's results come from the new index.
    pub fn send_extras(&mut self, from: ExtrasFrom, extras: Extras) {
        let Some(requests) = &self.requests else {
            return;
        };
        let _ = requests.send(Request::Extras(from, extras));
        if let Some(text) = self.wanted.clone() {
            self.query(text);
        }
    }
}

impl Extras {
    /// The quotes and figures extraction found.
    pub fn extracted(by_article: &[Slot]) -> Extras {
        Extras {
            items: Vec::new(),
            extractions: by_article.to_vec(),
        }
    }

    /// An extraction's items: its quotes, then its figures.
    fn items_of(extraction: &Extraction) -> impl Iterator<Item = (ItemKind, &str, &Range<usize>)> {
        let quotes = extraction
            .quotes
            .iter()
            .map(|q| (ItemKind::Quote, q.text.as_str(), &q.range));
        let figures = extraction
            .figures
            .iter()
            .map(|f| (ItemKind::Figure, f.text.as_str(), &f.range));
        quotes.chain(figures)
    }

    /// Every item: each found extraction's quotes, then its figures, article by
    /// article (not those the cache keeps undecoded); then `items`.
    pub fn all(&self) -> impl Iterator<Item = (usize, ItemKind, &str, Option<Range<usize>>)> {
        let extracted = self
            .extractions
            .iter()
            .enumerate()
            .flat_map(|(article, slot)| {
                let found = match slot {
                    Slot::Found(extraction) => Some(&**extraction),
                    Slot::Waiting | Slot::Kept => None,
                };
                found.into_iter().flat_map(move |extraction| {
                    Extras::items_of(extraction)
                        .map(move |(kind, text, range)| (article, kind, text, Some(range.clone())))
                })
            });
        extracted.chain(self.items())
    }

    /// `items` alone.
    fn items(&self) -> impl Iterator<Item = (usize, ItemKind, &str, Option<Range<usize>>)> {
        self.items
            .iter()
            .map(|(article, kind, text, range)| (*article, *kind, text.as_str(), range.clone()))
    }

    /// The highlights and notes in the store, of the articles loaded.
    pub fn highlighted(store: Option<&Store>, corpus: &Corpus, keys: &ArticleKeys) -> Extras {
        let mut extras = Extras::default();
        let Some(store) = store else {
            return extras;
        };
        // Only the articles that have highlights, each once.
        let mut with_highlights: Vec<usize> = store
            .highlights()
            .iter()
            .filter_map(|h| keys.index(&h.article))
            .collect();
        with_highlights.sort_unstable();
        with_highlights.dedup();
        for index in with_highlights {
            let Some(article) = corpus.articles.get(index) else {
                continue;
            };
            for placed in store.placed(article) {
                if let Some(range) = placed.range.clone()
                    && let Some(text) = article.body.get(range.clone())
                {
                    let range = Some(range);
                    extras
                        .items
                        .push((index, ItemKind::Highlight, text.to_string(), range));
                }
                if let Some(note) = &placed.highlight.note {
                    extras
                        .items
                        .push((index, ItemKind::Note, note.clone(), None));
                }
            }
        }
        extras
    }
}

/// Runs a search synchronously (for tests and tools): the same worker code, one query.
#[cfg(test)]
pub fn search_now(corpus: &Corpus, extras: Option<Extras>, query: &str) -> Option<Found> {
    let (requests, incoming) = mpsc::channel();
    if let Some(extras) = extras {
        requests
            .send(Request::Extras(ExtrasFrom::Highlights, extras))
            .ok()?;
    }
    requests
        .send(Request::Query {
            text: query.to_string(),
            cancel: Cancel::never(),
        })
        .ok()?;
    drop(requests);
    let (sink, results) = mpsc::channel();
    run_worker(corpus, None, &incoming, move |event| match event {
        Event::Ready | Event::Notice(_) => true,
        Event::Found(found) => sink.send(*found).is_ok(),
    });
    results.try_recv().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row `query` finds after the worker was sent `requests`, as text (with the
    /// note texts), and the notices it gave.
    fn rows(
        corpus: &Corpus,
        cache: Option<&Cache>,
        requests: &[(ExtrasFrom, Extras)],
        query: &str,
    ) -> (String, Vec<String>) {
        let (sender, incoming) = mpsc::channel();
        for (from, extras) in requests {
            sender.send(Request::Extras(*from, extras.clone())).unwrap();
        }
        sender
            .send(Request::Query {
                text: query.to_string(),
                cancel: Cancel::never(),
            })
            .unwrap();
        drop(sender);
        let (found, notices) = (
            std::cell::RefCell::new(Vec::new()),
            std::cell::RefCell::new(Vec::new()),
        );
        run_worker(corpus, cache, &incoming, |event| {
            match event {
                Event::Ready => {}
                Event::Notice(notice) => notices.borrow_mut().push(notice),
                Event::Found(it) => found
                    .borrow_mut()
                    .push(format!("{:?} {:?}", it.rows, it.texts)),
            }
            true
        });
        (found.into_inner().join("\n"), notices.into_inner())
    }

    #[test]
    fn extracted_items_the_cache_kept_are_found_as_built_ones_with_highlights_on_top() {
        let corpus = Corpus::seeds();
        let found: Vec<_> = corpus
            .articles
            .iter()
            .map(|a| Arc::new(lede::extract::extract(a)))
            .collect();
        let extractions: Vec<_> = found.iter().cloned().map(Slot::Found).collect();
        let quote = found
            .iter()
            .flat_map(|e| e.quotes.iter())
            .next()
            .expect("a quote in the seeds");
        let word: String = quote
            .text
            .split_whitespace()
            .max_by_key(|w| w.len())
            .unwrap()
            .into();
        let query = format!("'{}", word.trim_matches(|c: char| !c.is_alphanumeric()));
        let extracted = Extras::extracted(&extractions);
        let highlighted = Extras {
            items: vec![
                (
                    0,
                    ItemKind::Highlight,
                    quote.text.clone(),
                    Some(quote.range.clone()),
                ),
                (1, ItemKind::Note, format!("note on {word}"), None),
            ],
            extractions: Vec::new(),
        };
        let extraction = (ExtrasFrom::Extraction, extracted);
        let both = [extraction.clone(), (ExtrasFrom::Highlights, highlighted)];
        let (plain, _) = rows(&corpus, None, &both, &query);
        assert!(plain.contains("note on"), "{plain}");

        let dir = tempfile::tempdir().unwrap();
        let (cache, _) = Cache::open(dir.path());
        let cache = cache.unwrap();
        // Built and kept, then read from the cache: the same rows, with or without the
        // highlights added on top.
        for _ in 0..2 {
            let (kept, notices) = rows(&corpus, Some(&cache), &both, &query);
            assert_eq!((kept, notices), (plain.clone(), Vec::new()));
            let only = std::slice::from_ref(&extraction);
            assert_eq!(
                rows(&corpus, Some(&cache), only, &query),
                rows(&corpus, None, only, &query)
            );
            assert!(cache.finish().is_empty());
        }
        // A damaged one: a notice, and the same rows.
        let file = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.ends_with("search-extractions"))
            .expect("kept");
        std::fs::write(&file, b"garbage").unwrap();
        let (kept, notices) = rows(&corpus, Some(&cache), &both, &query);
        assert_eq!(kept, plain);
        assert_eq!(notices.len(), 1, "{notices:?}");
        assert!(notices[0].contains("rebuilding it"));
    }

    #[test]
    fn extractions_the_cache_keeps_undecoded_are_decoded_to_build_their_index() {
        let corpus = Corpus::seeds();
        let dir = tempfile::tempdir().unwrap();
        let (cache, _) = Cache::open(dir.path());
        let cache = cache.unwrap();
        let found: Vec<_> = corpus
            .articles
            .iter()
            .map(|a| Slot::Found(Arc::new(cache.extraction(a))))
            .collect();
        assert!(cache.finish().is_empty());
        let (cache, _) = Cache::open(dir.path());
        let cache = cache.unwrap();
        let query = "'said";
        let built = |slots: &[Slot]| {
            let extraction = (ExtrasFrom::Extraction, Extras::extracted(slots));
            rows(&corpus, None, std::slice::from_ref(&extraction), query)
        };
        let (plain, _) = built(&found);
        assert!(plain.contains("(Extras, "), "{plain}");
        // Every one kept, one found, one damaged: the same rows, with a notice for the
        // damaged one.
        let mut slots = vec![Slot::Kept; corpus.articles.len()];
        slots[0] = found[0].clone();
        let db = rusqlite::Connection::open(lede::cache::database_file(dir.path())).unwrap();
        let key = lede::cache::records::extraction_key(&corpus.articles[2]);
        db.execute(
            "UPDATE extractions SET record = x'00' WHERE key = ?1",
            [&key[..]],
        )
        .unwrap();
        let extraction = (ExtrasFrom::Extraction, Extras::extracted(&slots));
        let (kept, notices) = rows(&corpus, Some(&cache), &[extraction], query);
        assert_eq!(kept, plain);
        assert_eq!(notices.len(), 1, "{notices:?}");
        assert!(notices[0].contains("extracted it again"), "{notices:?}");
    }
}
