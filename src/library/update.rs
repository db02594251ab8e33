//! `lede update`: every feed fetched on a few threads (conditional requests, at most a few
//! connections per host), new items saved to the library as they arrive, and what each
//! feed did reported through a callback on the calling thread, so a reader can run this
//! in the background and show articles as they come.
//!
//! A failing feed never stops the others, and nothing already in the library is changed:
//! new articles are new files.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, mpsc};
use std::time::Duration;

use anyhow::Result;

use super::address::{self, WebAddress};
use super::article_file::Entry;
use super::feed::{self, ACCEPT_FEED, Item};
use super::feed_list::{self, Feed, FeedState};
use super::net::{FetchError, Fetched, Fetcher, Validators};
use super::page::{ACCEPT_PAGE, entry_from_page, with_declared_charset};
use super::shelf::{Keys, Known, Library};
use super::{now_unix, printable};

/// What happened to one feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Fetched; this many new articles saved (0: nothing new).
    Fetched {
        new: usize,
    },
    /// 304: unchanged since the last update.
    NotModified,
    /// Not fetched this time, and why (gone, backing off).
    Skipped(String),
    Failed(String),
}

impl Outcome {
    pub fn is_failure(&self) -> bool {
        matches!(self, Outcome::Failed(_))
    }
}

/// One feed's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedReport {
    pub url: String,
    pub title: Option<String>,
    pub outcome: Outcome,
    /// Things worth telling that did not stop the feed (an item page that failed).
    pub notes: Vec<String>,
}

/// Progress, as it happens.
#[derive(Debug, Clone)]
pub enum Event<'a> {
    /// How many feeds this update goes through.
    Started { feeds: usize },
    /// An article was saved to the library (its title made printable).
    Saved { path: &'a Path, title: &'a str },
    /// A feed is done (`done` of `total`).
    FeedDone {
        done: usize,
        total: usize,
        report: &'a FeedReport,
    },
}

/// What an update did.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub feeds: Vec<FeedReport>,
    pub saved: Vec<PathBuf>,
    /// Problems with the feed list itself (damaged lines, recovered).
    pub problems: Vec<String>,
}

impl Report {
    pub fn failed(&self) -> usize {
        self.feeds.iter().filter(|f| f.outcome.is_failure()).count()
    }

    /// "3 new articles · 5 feeds unchanged · 1 failed · 1 skipped".
    pub fn summary(&self) -> String {
        let count = |f: fn(&Outcome) -> bool| self.feeds.iter().filter(|r| f(&r.outcome)).count();
        let unchanged = count(|o| matches!(o, Outcome::NotModified | Outcome::Fetched { new: 0 }));
        let skipped = count(|o| matches!(o, Outcome::Skipped(_)));
        let new = self.saved.len();
        let mut parts = vec![
            format!("{} feed{}", self.feeds.len(), plural(self.feeds.len())),
            format!("{new} new article{}", plural(new)),
            format!("{unchanged} unchanged"),
            format!("{} failed", self.failed()),
        ];
        if skipped > 0 {
            parts.push(format!("{skipped} skipped"));
        }
        parts.join(" · ")
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// How an update runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// Feeds fetched at the same time (each host also gets at most
    /// [`super::Limits::per_host`] requests at once).
    pub workers: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options { workers: 8 }
    }
}

/// Shortest and longest wait after a server asked to slow down without saying how long.
const BACKOFF_FIRST: Duration = Duration::from_secs(15 * 60);
const BACKOFF_MAX: Duration = Duration::from_secs(24 * 3600);

/// Updates every feed of the data folder `data_dir`. `progress` is called on this thread;
/// `cancel` stops it between feeds and items (what was saved stays saved).
pub fn update(
    data_dir: &Path,
    fetcher: &Fetcher,
    options: &Options,
    cancel: &AtomicBool,
    mut progress: impl FnMut(Event),
) -> Result<Report> {
    let loaded = feed_list::load(data_dir)?;
    let library = Library::new(data_dir);
    let known = Mutex::new(library.known());
    let now = now_unix();
    let feeds = by_host_in_turn(loaded.list.feeds);
    let total = feeds.len();
    progress(Event::Started { feeds: total });

    let mut report = Report {
        problems: loaded.problems,
        ..Report::default()
    };
    let mut results: Vec<(FeedReport, Option<FeedState>)> = Vec::with_capacity(total);
    let next = AtomicUsize::new(0);
    let job = Job {
        fetcher,
        library: &library,
        known: &known,
        cancel,
    };
    std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::channel::<Message>();
        for _ in 0..options.workers.clamp(1, total.max(1)) {
            let sender = sender.clone();
            let (feeds, next, job) = (&feeds, &next, &job);
            scope.spawn(move || {
                while let Some(feed) = feeds.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let result = if cancel.load(Ordering::Relaxed) {
                        (report_for(feed, Outcome::Skipped("cancelled".into())), None)
                    } else {
                        job.run(feed, now, &sender)
                    };
                    if sender.send(Message::Done(Box::new(result))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(sender);
        for message in receiver {
            match message {
                Message::Saved(path, title) => {
                    progress(Event::Saved {
                        path: &path,
                        title: &title,
                    });
                    report.saved.push(path);
                }
                Message::Done(result) => {
                    results.push(*result);
                    progress(Event::FeedDone {
                        done: results.len(),
                        total,
                        report: &results[results.len() - 1].0,
                    });
                }
            }
        }
    });

    let (_, problems) = feed_list::edit(data_dir, |list| {
        for (feed_report, state) in &results {
            if let (Some(feed), Some(state)) = (list.find_mut(&feed_report.url), state) {
                feed.state = state.clone();
                if feed.title.is_none() {
                    feed.title = feed_report.title.clone();
                }
            }
        }
        Ok(())
    })?;
    report.problems.extend(problems);
    report.feeds = results.into_iter().map(|(r, _)| r).collect();
    Ok(report)
}

enum Message {
    Saved(PathBuf, String),
    Done(Box<(FeedReport, Option<FeedState>)>),
}

/// The feeds reordered so that hosts take turns: the workers then spread over hosts
/// instead of queueing behind one host's limit.
fn by_host_in_turn(feeds: Vec<Feed>) -> Vec<Feed> {
    let mut hosts: Vec<(String, std::collections::VecDeque<Feed>)> = Vec::new();
    for feed in feeds {
        let host = address::parse(&feed.url)
            .map(|a| a.host().to_string())
            .unwrap_or_default();
        match hosts.iter_mut().find(|(h, _)| *h == host) {
            Some((_, queue)) => queue.push_back(feed),
            None => hosts.push((host, [feed].into())),
        }
    }
    let mut out = Vec::new();
    while !hosts.is_empty() {
        for (_, queue) in &mut hosts {
            out.extend(queue.pop_front());
        }
        hosts.retain(|(_, queue)| !queue.is_empty());
    }
    out
}

fn report_for(feed: &Feed, outcome: Outcome) -> FeedReport {
    FeedReport {
        url: feed.url.clone(),
        title: feed.title.clone(),
        outcome,
        notes: Vec::new(),
    }
}

/// What one worker needs.
struct Job<'a> {
    fetcher: &'a Fetcher,
    library: &'a Library,
    known: &'a Mutex<Known>,
    cancel: &'a AtomicBool,
}

impl Job<'_> {
    /// Updates one feed: its report, and its new state (`None`: unchanged).
    fn run(
        &self,
        feed: &Feed,
        now: i64,
        sender: &mpsc::Sender<Message>,
    ) -> (FeedReport, Option<FeedState>) {
        if let Some(reason) = &feed.state.gone {
            let why = format!(
                "gone ({}): not fetched any more; `lede feed rm` it, or `lede feed add` it again",
                printable(reason)
            );
            return (report_for(feed, Outcome::Skipped(why)), None);
        }
        if let Some(until) = feed.state.retry_after.filter(|&t| t > now) {
            let wait = Duration::from_secs(u64::try_from(until - now).unwrap_or(0));
            let why = format!(
                "the server asked to slow down: next try in {}",
                super::net::human_duration(wait)
            );
            return (report_for(feed, Outcome::Skipped(why)), None);
        }
        let mut state = FeedState {
            last_update: Some(crate::store::timestamp::now()),
            ..feed.state.clone()
        };
        let url = match address::parse(&feed.url) {
            Ok(url) => url,
            Err(reason) => {
                return self.failed(feed, state, reason);
            }
        };
        let page = match self
            .fetcher
            .get(&url, &feed.state.validators(), ACCEPT_FEED)
        {
            Ok(Fetched::NotModified) => {
                state.failures = 0;
                state.last_error = None;
                state.retry_after = None;
                return (report_for(feed, Outcome::NotModified), Some(state));
            }
            Ok(Fetched::Page(page)) => page,
            Err(FetchError::Gone(status)) => {
                let reason = format!("HTTP {status}");
                state.gone = Some(reason);
                let why = format!(
                    "gone (HTTP {status}): marked gone, not fetched again until added again"
                );
                return self.failed(feed, state, why);
            }
            Err(err @ FetchError::SlowDown { retry_after, .. }) => {
                let wait = retry_after.unwrap_or_else(|| backoff(feed.state.failures));
                state.retry_after = Some(now + i64::try_from(wait.as_secs()).unwrap_or(0));
                let why = format!(
                    "{err}: backing off, next try in {}",
                    super::net::human_duration(wait)
                );
                return self.failed(feed, state, why);
            }
            Err(err) => return self.failed(feed, state, err.to_string()),
        };
        let bytes = with_declared_charset(&page.bytes, page.charset.as_deref());
        let parsed = match feed::parse(&bytes, &page.url) {
            Ok(parsed) => parsed,
            Err(reason) => return self.failed(feed, state, reason),
        };
        let mut report = report_for(feed, Outcome::Fetched { new: 0 });
        report.title = feed.title.clone().or(parsed
            .title
            .as_deref()
            .map(printable)
            .filter(|t| !t.is_empty()));
        let feed_title = report.title.clone();
        let mut new = 0;
        for item in &parsed.items {
            if self.cancel.load(Ordering::Relaxed) {
                break;
            }
            match self.take_item(feed, feed_title.as_deref(), item, &mut report.notes) {
                Ok(Some((path, title))) => {
                    new += 1;
                    let _ = sender.send(Message::Saved(path, title));
                }
                Ok(None) => {}
                Err(reason) => report.notes.push(reason),
            }
        }
        report.outcome = Outcome::Fetched { new };
        let Validators {
            etag,
            last_modified,
        } = page.validators;
        state.etag = etag;
        state.last_modified = last_modified;
        state.failures = 0;
        state.last_error = None;
        state.retry_after = None;
        (report, Some(state))
    }

    fn failed(
        &self,
        feed: &Feed,
        mut state: FeedState,
        reason: String,
    ) -> (FeedReport, Option<FeedState>) {
        let reason = printable(&reason);
        state.failures = state.failures.saturating_add(1);
        state.last_error = Some(reason.clone());
        (report_for(feed, Outcome::Failed(reason)), Some(state))
    }

    /// Saves an item unless the library has it: the saved file and title, or `None`.
    fn take_item(
        &self,
        feed: &Feed,
        feed_title: Option<&str>,
        item: &Item,
        notes: &mut Vec<String>,
    ) -> Result<Option<(PathBuf, String)>, String> {
        let fetched = crate::store::timestamp::now();
        let mut entry = Entry {
            title: item.title.clone().unwrap_or_default(),
            byline: item.authors.clone(),
            date: item.date,
            source: feed_title.map(str::to_string),
            url: item.link.as_ref().map(WebAddress::to_string),
            feed: feed_title.map(str::to_string),
            feed_url: Some(feed.url.clone()),
            guid: Some(item.guid.clone()),
            fetched: fetched.clone(),
            paragraphs: item.paragraphs.clone(),
        };
        if self.is_known(&Keys::of(&entry)) {
            return Ok(None);
        }
        let wants_page = feed.full_text || entry.paragraphs.is_empty();
        if let (true, Some(link)) = (wants_page, &item.link) {
            match self.full_text(link, &fetched) {
                Ok(page) => entry = merged(entry, page),
                Err(reason) => notes.push(format!(
                    "{}: no full text ({reason}); the feed's text is kept",
                    printable(link.as_str())
                )),
            }
        }
        if entry.paragraphs.is_empty() && entry.title.trim().is_empty() {
            return Ok(None);
        }
        let keys = Keys::of(&entry);
        {
            // Claimed before saving (outside the lock) so that another feed with the same
            // story, on another thread, does not save it too.
            let mut known = self.known.lock().unwrap_or_else(|e| e.into_inner());
            if known.find(&keys).is_some() {
                return Ok(None);
            }
            known.insert(keys.clone(), Path::new(""));
        }
        let path = self.library.save(&entry).map_err(|e| format!("{e:#}"))?;
        self.known
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(keys, &path);
        Ok(Some((path, printable(&entry.title))))
    }

    fn is_known(&self, keys: &Keys) -> bool {
        let known = self.known.lock().unwrap_or_else(|e| e.into_inner());
        known.find(keys).is_some()
    }

    fn full_text(&self, link: &WebAddress, fetched: &str) -> Result<Entry, String> {
        match self
            .fetcher
            .get(link, &Validators::default(), ACCEPT_PAGE)
            .map_err(|e| e.to_string())?
        {
            Fetched::Page(page) => entry_from_page(&page, fetched),
            Fetched::NotModified => Err("the server answered 304 to a plain request".into()),
        }
    }
}

/// The item's entry with the page's text (and the page's metadata where the feed gave
/// none); the feed's id, address and feed stay.
fn merged(item: Entry, page: Entry) -> Entry {
    Entry {
        title: if item.title.trim().is_empty() {
            page.title
        } else {
            item.title
        },
        byline: if item.byline.is_empty() {
            page.byline
        } else {
            item.byline
        },
        date: item.date.or(page.date),
        source: page.source.or(item.source),
        paragraphs: if page.paragraphs.is_empty() {
            item.paragraphs
        } else {
            page.paragraphs
        },
        ..item
    }
}

/// The wait after `failures` earlier failures, when the server did not say.
fn backoff(failures: u32) -> Duration {
    BACKOFF_FIRST
        .saturating_mul(1 << failures.min(10))
        .min(BACKOFF_MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_take_turns() {
        let feeds: Vec<Feed> = [
            "https://a/1",
            "https://a/2",
            "https://a/3",
            "https://b/1",
            "https://c/1",
        ]
        .iter()
        .map(|u| Feed {
            url: u.to_string(),
            ..Feed::default()
        })
        .collect();
        let order: Vec<String> = by_host_in_turn(feeds).into_iter().map(|f| f.url).collect();
        assert_eq!(
            order,
            [
                "https://a/1",
                "https://b/1",
                "https://c/1",
                "https://a/2",
                "https://a/3"
            ]
        );
    }

    #[test]
    fn backoff_doubles_to_a_day() {
        assert_eq!(backoff(0), Duration::from_secs(900));
        assert_eq!(backoff(1), Duration::from_secs(1800));
        assert_eq!(backoff(30), BACKOFF_MAX);
    }
}
