//! Search in the reader. A worker thread owns the index and the search session: the UI
//! sends each query as it is typed (a newer one cancels the older, and a query that grows
//! searches only the previous matches) and draws whatever results arrive. The UI thread
//! never waits for a search; only the rows on screen compute their matched characters.

use std::ops::Range;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use lede::corpus::Corpus;
use lede::search::{Cancel, CancelSource, Hit, Index, ItemKind, Results, Session, date_key};

use super::app::{App, Focus};
use super::editor::{Editor, Outcome, Purpose};

/// How many ranked rows a search sends back: more than any screen shows.
const ROWS: usize = 200;

/// Items found by others (extraction, the highlight store) to search along with the
/// titles and sentences.
#[derive(Debug, Clone, Default)]
pub struct Extras {
    /// (article, kind, text, byte range in the body if a passage of it)
    pub items: Vec<(usize, ItemKind, String, Option<Range<usize>>)>,
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
    Found(Found),
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

/// Starts the worker; it builds the index first, then answers queries.
pub fn spawn_worker(
    corpus: Arc<Corpus>,
    deliver: impl Fn(Event) -> bool + Send + 'static,
) -> Sender<Request> {
    let (requests, incoming) = mpsc::channel();
    thread::spawn(move || run_worker(&corpus, &incoming, deliver));
    requests
}

fn run_worker(corpus: &Corpus, incoming: &Receiver<Request>, deliver: impl Fn(Event) -> bool) {
    // The corpus index is built once; what others add goes in a small second index, so a
    // new highlight never copies the big one.
    let mut session = Session::new(Arc::new(Index::build(corpus)));
    if !deliver(Event::Ready) {
        return;
    }
    let mut extras: Option<Session> = None;
    let mut texts: Arc<Vec<(usize, String)>> = Arc::new(Vec::new());
    let (mut extracted, mut highlighted) = (Extras::default(), Extras::default());
    while let Ok(first) = incoming.recv() {
        // Only the newest query matters; extras are applied in order.
        let mut query = None;
        for request in std::iter::once(first).chain(incoming.try_iter()) {
            match request {
                Request::Query { text, cancel } => query = Some((text, cancel)),
                Request::Extras(from, items) => {
                    match from {
                        ExtrasFrom::Extraction => extracted = items,
                        ExtrasFrom::Highlights => highlighted = items,
                    }
                    let mut index = Index::default();
                    index.set_dates(corpus.articles.iter().map(|a| date_key(a.date)).collect());
                    let mut note_texts = Vec::new();
                    for (article, kind, text, range) in
                        extracted.items.iter().chain(&highlighted.items)
                    {
                        if range.is_none() {
                            note_texts.push((index.len(), text.clone()));
                        }
                        index.push_item(*article, *kind, text, range.clone());
                    }
                    extras = Some(Session::new(Arc::new(index)));
                    texts = Arc::new(note_texts);
                }
            }
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
        if !deliver(Event::Found(found(
            text.clone(),
            first,
            extra_results,
            &texts,
        ))) {
            return;
        }
        if complete || cancel.is_cancelled() {
            continue;
        }
        let Some(all) = session.search(&text, &cancel) else {
            continue;
        };
        if !deliver(Event::Found(found(text, all, shared, &texts))) {
            return;
        }
    }
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

/// The search prompt and its results.
pub struct SearchView {
    pub prompt: Editor,
    pub cursor: usize,
    pub found: Option<Found>,
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

/// The search machinery the app holds.
#[derive(Default)]
pub struct Search {
    pub requests: Option<Sender<Request>>,
    pub cancel: CancelSource,
    /// The last search's results, for n/N in the reader.
    pub last: Option<Found>,
    /// The index is built.
    pub ready: bool,
}

impl App {
    pub(super) fn open_search(&mut self) {
        if self.loading.is_some() {
            self.notice = Some("search opens once the articles have loaded".to_string());
            return;
        }
        self.search_view = Some(SearchView {
            prompt: Editor::new(Purpose::Search, "", Vec::new()),
            cursor: 0,
            found: None,
        });
        self.send_query();
    }

    fn send_query(&mut self) {
        let Some(view) = &self.search_view else {
            return;
        };
        let text = view.prompt.text();
        if let Some(requests) = &self.search.requests {
            let cancel = self.search.cancel.next();
            let _ = requests.send(Request::Query { text, cancel });
        }
    }

    /// Takes in results from the worker (stale ones are dropped).
    pub fn found(&mut self, found: Found) {
        match &mut self.search_view {
            Some(view) if view.prompt.text() == found.query => {
                view.cursor = view.cursor.min(found.rows.len().saturating_sub(1));
                view.found = Some(found);
            }
            _ => {}
        }
    }

    /// Sends the quotes and figures extraction found to the search index (once, when
    /// every article is done).
    pub fn send_extraction_to_search(&mut self) {
        let Some(requests) = &self.search.requests else {
            return;
        };
        let mut extras = Extras::default();
        for (article, extraction) in self.extractions.by_article.iter().enumerate() {
            for quote in extraction.iter().flat_map(|e| e.quotes.iter()) {
                extras.items.push((
                    article,
                    ItemKind::Quote,
                    quote.text.clone(),
                    Some(quote.range.clone()),
                ));
            }
            for figure in extraction.iter().flat_map(|e| e.figures.iter()) {
                let range = Some(figure.range.clone());
                extras
                    .items
                    .push((article, ItemKind::Figure, figure.text.clone(), range));
            }
        }
        let _ = requests.send(Request::Extras(ExtrasFrom::Extraction, extras));
        // The open prompt's results come from the new index.
        self.send_query();
    }

    /// Sends the highlights and notes to the search index (at start and after a change).
    pub fn send_highlights_to_search(&mut self) {
        let Some(requests) = &self.search.requests else {
            return;
        };
        let mut extras = Extras::default();
        if let Some(store) = &self.store {
            // Only the articles that have highlights, each once.
            let mut with_highlights: Vec<usize> = store
                .highlights()
                .iter()
                .filter_map(|h| self.keys.index(&h.article))
                .collect();
            with_highlights.sort_unstable();
            with_highlights.dedup();
            for index in with_highlights {
                let Some(article) = self.corpus.articles.get(index) else {
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
        }
        let _ = requests.send(Request::Extras(ExtrasFrom::Highlights, extras));
        self.send_query();
    }

    /// The rows of the current results, with the matched characters of the first
    /// `visible` rows.
    pub fn result_rows(&self, visible: usize) -> Vec<ResultRow> {
        let Some(found) = self.search_view.as_ref().and_then(|v| v.found.as_ref()) else {
            return Vec::new();
        };
        found
            .rows
            .iter()
            .enumerate()
            .filter_map(|(n, &(source, ref hit))| {
                let row = self.result_row(found, source, hit)?;
                if n >= visible {
                    return Some(row);
                }
                let positions = found.results(source)?.positions(hit);
                Some(ResultRow {
                    matched: lede::search::char_positions_to_byte_ranges(&row.text, &positions),
                    ..row
                })
            })
            .collect()
    }

    fn result_row(&self, found: &Found, source: Source, hit: &Hit) -> Option<ResultRow> {
        let item = found.results(source)?.index().item(hit.item())?;
        let article = self.corpus.articles.get(item.article)?;
        let text = match (&item.range, item.kind) {
            (Some(range), _) => article.body.get(range.clone())?.to_string(),
            (None, ItemKind::Title) => article.title.clone(),
            (None, _) => found
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

    pub(super) fn search_input(&mut self, event: KeyEvent) {
        let Some(view) = self.search_view.as_mut() else {
            return;
        };
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let rows = view.found.as_ref().map_or(0, |f| f.rows.len());
        match event.code {
            KeyCode::Down => view.cursor = (view.cursor + 1).min(rows.saturating_sub(1)),
            KeyCode::Char('n') if ctrl => {
                view.cursor = (view.cursor + 1).min(rows.saturating_sub(1))
            }
            KeyCode::Up => view.cursor = view.cursor.saturating_sub(1),
            KeyCode::Char('p') if ctrl => view.cursor = view.cursor.saturating_sub(1),
            _ => match view.prompt.input(event) {
                Outcome::Editing => {
                    view.cursor = 0;
                    self.send_query();
                }
                Outcome::Cancelled => self.close_search(),
                Outcome::Done(_) => self.open_search_result(),
            },
        }
    }

    /// Closes the prompt. The reader was left as it was, so Esc is back where the user
    /// was; the results stay for `n`/`N` (unless the query was empty).
    fn close_search(&mut self) {
        let Some(view) = self.search_view.take() else {
            return;
        };
        if let Some(found) = view.found
            && !found.query.trim().is_empty()
        {
            self.search.last = Some(found);
        }
    }

    fn open_search_result(&mut self) {
        let Some(view) = &self.search_view else {
            return;
        };
        let chosen = view.found.as_ref().and_then(|found| {
            let (source, hit) = found.rows.get(view.cursor)?;
            let mut row = self.result_row(found, *source, hit)?;
            // The reader marks the words that matched, as the row shows them.
            if let (Some(passage), Some(results)) = (row.target.clone(), found.results(*source)) {
                row.target = Some(matched_span(results, hit, &row.text, passage));
            }
            Some(row)
        });
        let Some(row) = chosen else {
            self.notice = Some("no result to open".to_string());
            return;
        };
        self.close_search();
        if row.article != self.open {
            if let Some(save) = self.save_reading() {
                self.perform(&save);
            }
            self.open_article(row.article);
        }
        self.focus = Focus::Reader;
        self.relayout();
        if let Some(range) = row.target {
            self.show_match(range);
        }
    }

    fn show_match(&mut self, range: Range<usize>) {
        if let Some(body) = self.corpus.articles.get(self.open).map(|a| &a.body) {
            self.reader.show(range.start);
            self.reader.move_cursor(body, range.start);
        }
        self.reader.mark = Some(range);
    }

    /// `n`/`N`: the next (or previous) match of the last search in the open article.
    pub(super) fn step_match(&mut self, forward: bool) {
        let Some(found) = &self.search.last else {
            self.notice = Some("no search yet: / searches".to_string());
            return;
        };
        let index = found.corpus.index();
        let body = self
            .corpus
            .articles
            .get(self.open)
            .map_or("", |a| a.body.as_str());
        // Each matching passage, by where it starts; the reader marks its matched words.
        let mut targets: Vec<Range<usize>> = found
            .corpus
            .in_article(self.open)
            .iter()
            .filter_map(|hit| {
                let passage = index.item(hit.item())?.range?;
                let text = body.get(passage.clone())?;
                Some(matched_span(&found.corpus, hit, text, passage))
            })
            .collect();
        targets.sort_by_key(|r| r.start);
        targets.dedup();
        if targets.is_empty() {
            self.notice = Some(format!("no match for “{}” in this article", found.query));
            return;
        }
        let at = self.reader.cursor;
        let next = if forward {
            targets.iter().find(|r| r.start > at).or(targets.first())
        } else {
            targets
                .iter()
                .rev()
                .find(|r| r.start < at)
                .or(targets.last())
        };
        let Some(next) = next.cloned() else {
            return;
        };
        let position = targets.iter().position(|r| *r == next).map_or(0, |p| p + 1);
        self.notice = Some(format!(
            "match {position}/{} · “{}”",
            targets.len(),
            found.query
        ));
        self.show_match(next);
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
    run_worker(corpus, &incoming, move |event| match event {
        Event::Ready => true,
        Event::Found(found) => sink.send(found).is_ok(),
    });
    results.try_recv().ok()
}
