//! `r`: every feed updated in the background. The library's update runs on a worker
//! thread; each article it saves is read back there and handed to the reader, which adds
//! it to the list without moving the user (see `join`). Progress shows in the status line,
//! and what went wrong with a feed is kept, one entry per feed, for `!`.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use lede::corpus::{Corpus, FileLoad, SeenTexts, load_path};
use lede::library::update::{self, FeedReport, Options, Outcome};
use lede::library::{Fetcher, Limits, feed_list, printable};
use lede::store::article_key;

use super::outbox::{Outbox, Report};
use super::shared::Shared;

/// What the update worker tells the reader.
pub enum Event {
    /// No feed is followed yet: nothing to update.
    NoFeeds,
    /// The update goes through this many feeds.
    Started { feeds: usize },
    /// An article was saved to the library: the file as read back, or `None` when it is
    /// not in the folders this reader shows.
    Saved(Option<FileLoad>),
    /// A feed is done; what went wrong with it, if anything.
    FeedDone {
        done: usize,
        total: usize,
        problem: Option<FeedProblem>,
    },
    /// The update is over: its summary, or why it could not run.
    Finished(Result<Summary, String>),
}

/// The end of an update.
pub struct Summary {
    /// "3 feeds · 2 new articles · 1 unchanged · 0 failed".
    pub text: String,
    /// Damaged lines of the feed list (recovered), in words.
    pub list_problems: Vec<String>,
}

/// What went wrong with one feed in the last update: its name and address, and each
/// reason once (the feed's error first, then notes about its items).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedProblem {
    pub feed: String,
    pub url: String,
    pub failed: bool,
    pub reasons: Vec<String>,
}

impl FeedProblem {
    fn of(report: &FeedReport) -> Option<FeedProblem> {
        let (failed, first) = match &report.outcome {
            Outcome::Failed(reason) => (true, Some(printable(reason))),
            Outcome::Skipped(reason) => (false, Some(format!("skipped: {}", printable(reason)))),
            Outcome::Fetched { .. } | Outcome::NotModified => (false, None),
        };
        let mut reasons: Vec<String> = first.into_iter().collect();
        for note in report.notes.iter().map(|n| printable(n)) {
            if !reasons.contains(&note) {
                reasons.push(note);
            }
        }
        if reasons.is_empty() {
            return None;
        }
        let url = printable(&report.url);
        let feed = report
            .title
            .as_deref()
            .map(printable)
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| url.clone());
        Some(FeedProblem {
            feed,
            url,
            failed,
            reasons,
        })
    }
}

/// Which new library articles join the list: all of them when the reader shows the
/// default corpus (the library, or the seeds before the library has articles), else
/// those saved inside a folder it was opened on.
#[derive(Debug, Clone, Default)]
pub enum Follows {
    #[default]
    Everything,
    Under(Vec<PathBuf>),
}

impl Follows {
    /// For a reader opened on `paths` (none: the bundled seeds).
    pub fn of(paths: &[PathBuf]) -> Follows {
        if paths.is_empty() {
            return Follows::Everything;
        }
        Follows::Under(
            paths
                .iter()
                .map(|p| p.canonicalize().unwrap_or_else(|_| p.clone()))
                .collect(),
        )
    }

    fn accepts(&self, path: &Path) -> bool {
        match self {
            Follows::Everything => true,
            Follows::Under(roots) => {
                let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
                roots.iter().any(|root| path.starts_with(root))
            }
        }
    }
}

/// An update under way.
#[derive(Default)]
pub struct Running {
    cancel: Arc<AtomicBool>,
    /// Feeds in this update, once known.
    pub total: Option<usize>,
    pub done: usize,
    /// Articles saved so far.
    pub saved: usize,
    /// Of those, saved outside the folders this reader shows.
    pub elsewhere: usize,
    pub failed: usize,
    /// Articles this update added to the list.
    pub added: usize,
}

/// The reader's side of feed updates.
pub struct Feeds {
    /// Where the feed list and the library are (no data folder: no feeds).
    pub data_dir: Option<PathBuf>,
    pub follows: Follows,
    pub running: Option<Running>,
    /// What went wrong in the last update, a feed at a time.
    pub problems: Vec<FeedProblem>,
    /// Saved articles waiting to join the list.
    pending: Vec<FileLoad>,
    /// While an update runs, new articles join the list at most this often, and with at
    /// least ten times the last joining's duration in between (joining may copy the
    /// corpus shared with the workers). Zero: at once.
    pub join_every: Duration,
    /// When articles may join next.
    next_join: Option<Instant>,
    /// The texts listed so far, so the same story is not listed twice (taken over from the
    /// loader; made on first use for a corpus given whole).
    pub seen: Option<SeenTexts>,
}

impl Default for Feeds {
    fn default() -> Feeds {
        Feeds {
            data_dir: None,
            follows: Follows::default(),
            running: None,
            problems: Vec::new(),
            pending: Vec::new(),
            join_every: Duration::from_millis(400),
            next_join: None,
            seen: None,
        }
    }
}
/// Longest wait, when the reader quits, for a cancelled update to record what it did.
pub const STOP_WAIT: Duration = Duration::from_secs(1);

/// What taking in an event changed, for the `App` and the event loop.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Taken {
    pub notice: Option<String>,
    /// The update is over and it added articles: the search index needs them.
    pub reindex: bool,
}

impl Feeds {
    /// "updating feeds 3/10 · 4 new · 1 failed", while an update runs.
    pub fn status(&self) -> Option<String> {
        let running = self.running.as_ref()?;
        let mut text = match running.total {
            None => "updating feeds…".to_string(),
            Some(total) => format!("updating feeds {}/{total}", running.done),
        };
        if running.saved > 0 {
            text.push_str(&format!(" · {} new", running.saved));
        }
        if running.failed > 0 {
            text.push_str(&format!(" · {} failed", running.failed));
        }
        Some(text)
    }

    /// Starts an update in the background (its progress shows in the status line), or
    /// says why not.
    pub fn start(&mut self, outbox: Option<&Outbox>) -> Result<(), String> {
        if let Some(status) = self.status() {
            return Err(format!("already updating: {status}"));
        }
        let Some(dir) = self.data_dir.clone() else {
            return Err(
                "no data folder, so no feeds: pass --data-dir DIR or set LEDE_DATA_DIR".to_string(),
            );
        };
        let Some(outbox) = outbox.cloned() else {
            return Err("feeds cannot be updated here".to_string());
        };
        let cancel = Arc::new(AtomicBool::new(false));
        let follows = self.follows.clone();
        let stop = Arc::clone(&cancel);
        std::thread::spawn(move || run(&dir, &follows, &stop, &outbox));
        self.running = Some(Running {
            cancel,
            ..Running::default()
        });
        self.problems.clear();
        Ok(())
    }

    /// An update as if started, with no worker: the tests send its events.
    #[cfg(test)]
    pub fn pretend_started(&mut self) {
        self.running = Some(Running::default());
    }

    /// Asks a running update to stop (between feeds); true if one runs.
    pub fn stop(&self) -> bool {
        match &self.running {
            Some(running) => {
                running.cancel.store(true, Ordering::Relaxed);
                true
            }
            None => false,
        }
    }

    /// Takes in what the worker reports. Saved articles wait in `pending` for `join`.
    pub fn take(&mut self, event: Event) -> Taken {
        let mut taken = Taken::default();
        let Some(running) = self.running.as_mut() else {
            return taken;
        };
        match event {
            Event::NoFeeds => {
                self.running = None;
                taken.notice = Some(
                    "no feeds yet: add one with `lede feed add URL` (or `lede feed import FILE.opml`), then press r"
                        .to_string(),
                );
            }
            Event::Started { feeds } => running.total = Some(feeds),
            Event::Saved(load) => {
                running.saved += 1;
                match load {
                    Some(load) => self.pending.push(load),
                    None => running.elsewhere += 1,
                }
            }
            Event::FeedDone {
                done,
                total,
                problem,
            } => {
                running.done = done;
                running.total = Some(total);
                if let Some(problem) = problem {
                    running.failed += usize::from(problem.failed);
                    self.problems.push(problem);
                }
            }
            Event::Finished(result) => {
                let elsewhere = running.elsewhere;
                taken.reindex = running.added > 0 || !self.pending.is_empty();
                self.running = None;
                taken.notice = Some(match result {
                    Ok(summary) => {
                        for problem in summary.list_problems {
                            self.problems.push(FeedProblem {
                                feed: "the feed list".to_string(),
                                url: String::new(),
                                failed: false,
                                reasons: vec![printable(&problem)],
                            });
                        }
                        let mut text = format!("feeds updated: {}", summary.text);
                        if elsewhere > 0 {
                            text.push_str(&format!(
                                " · {elsewhere} saved to the library, not shown here (`lede` without a PATH reads it)"
                            ));
                        }
                        if !self.problems.is_empty() {
                            text.push_str(" · ! lists them");
                        }
                        text
                    }
                    Err(why) => format!("feeds not updated: {}", printable(&why)),
                });
            }
        }
        taken
    }
}

/// Adds the saved articles waiting to join the list to the corpus (not while a corpus
/// loads, and unless `now`, only when it is time: see `Feeds::join_every`); returns how
/// many were added. Articles are only appended, so every index the reader holds stays
/// valid.
pub fn join(shared: &mut Shared, now: bool) -> usize {
    let feeds = &mut shared.feeds;
    if shared.loading.is_some() || feeds.pending.is_empty() {
        return 0;
    }
    let started = Instant::now();
    if !now && feeds.next_join.is_some_and(|t| started < t) {
        return 0;
    }
    let before = shared.corpus.articles.len();
    let seen = feeds.seen.get_or_insert_with(|| seen_in(&shared.corpus));
    let corpus = Arc::make_mut(&mut shared.corpus);
    for mut load in std::mem::take(&mut feeds.pending) {
        // A file the loader also read (the update ran while the folder loaded) is listed once.
        load.articles
            .retain(|a| shared.keys.index(&article_key(&a.path)).is_none());
        corpus.add(load, seen);
    }
    shared.keys.update(&corpus.articles);
    let after = corpus.articles.len();
    shared.extractions.resize(after);
    if let Some(running) = feeds.running.as_mut() {
        running.added += after - before;
    }
    if !feeds.join_every.is_zero() {
        let pause = feeds.join_every.max(started.elapsed() * 10);
        feeds.next_join = Some(Instant::now() + pause);
    }
    shared.update_read(false);
    after - before
}

/// The texts of a corpus given whole (the seeds), for articles that join it later.
fn seen_in(corpus: &Corpus) -> SeenTexts {
    let mut seen = SeenTexts::new();
    for (index, article) in corpus.articles.iter().enumerate() {
        seen.check(article, index);
    }
    seen
}

/// Sends `Finished` when dropped without having sent it, so that an update that stops
/// on an internal error does not leave the reader waiting for it.
struct Finish<'a> {
    outbox: &'a Outbox,
    sent: bool,
}

impl Finish<'_> {
    fn send(&mut self, event: Event) {
        self.sent = true;
        self.outbox.as_ref()(Report::Feeds(event));
    }
}

impl Drop for Finish<'_> {
    fn drop(&mut self) {
        if !self.sent {
            self.outbox.as_ref()(Report::Feeds(Event::Finished(Err(
                "the update stopped on an internal error".to_string(),
            ))));
        }
    }
}

/// The worker: checks that there are feeds, then runs the library's update.
fn run(dir: &Path, follows: &Follows, cancel: &AtomicBool, outbox: &Outbox) {
    let mut finish = Finish {
        outbox,
        sent: false,
    };
    let send = |event: Event| {
        if !outbox.as_ref()(Report::Feeds(event)) {
            // The reader has gone.
            cancel.store(true, Ordering::Relaxed);
        }
    };
    match feed_list::load(dir) {
        Err(err) => return finish.send(Event::Finished(Err(format!("{err:#}")))),
        Ok(loaded) if loaded.list.feeds.is_empty() && loaded.problems.is_empty() => {
            return finish.send(Event::NoFeeds);
        }
        Ok(_) => {}
    }
    let fetcher = Fetcher::new(Limits::default());
    let result = update::update(
        dir,
        &fetcher,
        &Options::default(),
        cancel,
        |event| match event {
            update::Event::Started { feeds } => send(Event::Started { feeds }),
            update::Event::Saved { path, .. } => {
                let load = follows.accepts(path).then(|| load_path(path));
                send(Event::Saved(load));
            }
            update::Event::FeedDone {
                done,
                total,
                report,
            } => send(Event::FeedDone {
                done,
                total,
                problem: FeedProblem::of(report),
            }),
        },
    );
    finish.send(Event::Finished(
        result
            .map(|report| Summary {
                text: report.summary(),
                list_problems: report.problems,
            })
            .map_err(|err| format!("{err:#}")),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_articles_join_a_reader_showing_their_folder_or_the_default() {
        let data = tempfile::tempdir().unwrap();
        let library = data.path().join("library");
        let elsewhere = data.path().join("elsewhere");
        std::fs::create_dir_all(&library).unwrap();
        std::fs::create_dir_all(&elsewhere).unwrap();
        let saved = library.join("2024-03-01-news.md");
        std::fs::write(&saved, "# News\n\nText.\n").unwrap();
        assert!(Follows::of(&[]).accepts(&saved), "the seeds: the library's");
        assert!(Follows::of(std::slice::from_ref(&library)).accepts(&saved));
        // The same folder named another way.
        let roundabout = elsewhere.join("..").join("library");
        assert!(Follows::of(&[roundabout]).accepts(&saved));
        assert!(Follows::of(std::slice::from_ref(&data.path().to_path_buf())).accepts(&saved));
        assert!(!Follows::of(&[elsewhere]).accepts(&saved));
    }

    #[test]
    fn a_feed_s_problems_are_one_entry_with_each_reason_once() {
        let report = FeedReport {
            url: "http://127.0.0.1:9/feed.xml".into(),
            title: Some("Bad \u{1b}[31mFeed".into()),
            outcome: Outcome::Failed("HTTP 404".into()),
            notes: vec!["page failed".into(), "page failed".into()],
        };
        let problem = FeedProblem::of(&report).unwrap();
        assert_eq!(problem.feed, "Bad Feed");
        assert!(problem.failed);
        assert_eq!(problem.reasons, ["HTTP 404", "page failed"]);
        let fine = FeedReport {
            outcome: Outcome::Fetched { new: 3 },
            notes: Vec::new(),
            ..report
        };
        assert_eq!(FeedProblem::of(&fine), None);
    }
}
