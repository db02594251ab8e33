//! The terminal reader: a thin shell over the library, built from components (see
//! `component`). The `App` routes each event to the component that takes it and carries
//! out what they ask for; the workers (loading, extraction, search, a feed update) report
//! back over a channel. Input is read on its own thread and the loop sleeps until
//! something arrives, so an idle reader uses no CPU.

mod action;
mod app;
mod article_keys;
#[cfg(unix)]
mod bus_error;
mod component;
mod config;
mod editor;
mod external;
mod extraction;
mod feeds;
mod keymap;
mod links;
mod list;
mod loading;
mod notes;
mod outbox;
mod overlays;
mod panel;
mod panes;
mod reader;
mod search;
mod shared;
mod status;
mod terminal;
mod theme;
mod widgets;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_feeds;

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use std::thread;

use anyhow::{Context as _, Result};
use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use lede::corpus::Corpus;
use lede::store::Store;
use ratatui::layout::Rect;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

use app::{App, Effect};
use keymap::Keymap;
use terminal::TerminalGuard;
use theme::Theme;

/// Where the reader keeps its state, and which corpus this is.
pub struct Session {
    pub corpus_key: String,
    pub data_dir: Option<PathBuf>,
    /// Where what reading and extracting worked out is kept between runs.
    pub cache: Option<Arc<lede::cache::Cache>>,
    /// What opening the cache had to say (a rebuilt cache), for the status line.
    pub notices: Vec<String>,
}

/// The articles to read: ready (the bundled seeds), or files to load in the background.
pub enum Articles {
    Ready(Corpus),
    Load(Vec<PathBuf>),
}

enum Message {
    Terminal(Event),
    InputClosed,
    Loading(loading::Progress),
    Extraction(extraction::Delivery),
    Search(search::Event),
    Signal(i32),
    /// A job the reader started (a feed update, a browser) reports.
    Background(outbox::Report),
    /// A background worker stopped on an internal error (a panic).
    WorkerFailed(Worker),
}

/// Background news (articles loaded, extractions found) is drawn at most this often: on a
/// warm reopen of 50,000 articles each extraction is a message, and drawing a frame for
/// each batch of them was two thirds of the reader's thread. What the user did, and the
/// other workers' news, is drawn at once.
const BACKGROUND_FRAME: Duration = Duration::from_millis(40);
/// Until then, the messages that came are taken in this often.
const LOOK_AGAIN: Duration = Duration::from_millis(8);

impl Message {
    /// Whether this message may wait for the next background frame to be shown.
    fn waits(&self) -> bool {
        matches!(
            self,
            Message::Loading(_)
                | Message::Extraction(extraction::Delivery::Extracted(..))
                | Message::Extraction(extraction::Delivery::Kept(_))
        )
    }
}

/// The reader's long-running background workers.
#[derive(Debug, Clone, Copy)]
enum Worker {
    Loading,
    Extraction,
    Search,
}

/// Tells the reader that a worker went down: moved into the worker's delivery closure, it
/// is dropped with the worker, and reports only when that happens in a panic. Without it the
/// status line would say "indexing for search…" for ever.
struct Farewell {
    sender: mpsc::Sender<Message>,
    worker: Worker,
}

impl Drop for Farewell {
    fn drop(&mut self) {
        if thread::panicking() {
            let _ = self.sender.send(Message::WorkerFailed(self.worker));
        }
    }
}

impl Farewell {
    fn new(sender: &mpsc::Sender<Message>, worker: Worker) -> Self {
        Farewell {
            sender: sender.clone(),
            worker,
        }
    }
}

/// What the reader does when a worker went down: the work stops showing as under way, the
/// articles loaded so far are used, and the user is told (the panic's message itself is
/// printed after leaving the full screen).
fn worker_failed(app: &mut App, worker: Worker, sender: &mpsc::Sender<Message>) {
    let what = match worker {
        Worker::Loading => {
            if app.progress(loading::Progress::Finished) {
                start_workers(app, sender);
            }
            "loading articles"
        }
        Worker::Extraction => {
            app.shared.extractions.priority = None;
            "extracting quotes and figures"
        }
        Worker::Search => {
            app.shared.search.requests = None;
            "search"
        }
    };
    app.shared.notice = Some(format!(
        "{what} stopped on an internal error (its message is printed when you quit)"
    ));
}

/// Starts extraction and the search index over the loaded corpus.
fn start_workers(app: &mut App, sender: &mpsc::Sender<Message>) {
    start_extraction(app, sender);
    start_search(app, sender);
}

/// Starts extraction of the articles not extracted yet (the open one first), in place of
/// the worker that ran before, if any.
fn start_extraction(app: &mut App, sender: &mpsc::Sender<Message>) {
    let shared = &mut app.shared;
    let extracted = sender.clone();
    let farewell = Farewell::new(sender, Worker::Extraction);
    let priority = extraction::spawn_worker(
        Arc::clone(&shared.corpus),
        shared.extractions.states(),
        shared.cache.clone(),
        move |delivery| {
            let _ = &farewell;
            extracted.send(Message::Extraction(delivery)).is_ok()
        },
    );
    let _ = priority.send(extraction::Want::Article(shared.open));
    // Replacing the channel stops the worker before.
    shared.extractions.set_priority(priority);
}

/// Starts the search index over the corpus as it is now, in place of the one before.
fn start_search(app: &mut App, sender: &mpsc::Sender<Message>) {
    let shared = &mut app.shared;
    let found = sender.clone();
    let farewell = Farewell::new(sender, Worker::Search);
    shared.search.ready = false;
    shared.search.requests = Some(search::spawn_worker(
        Arc::clone(&shared.corpus),
        shared.cache.clone(),
        move |event| {
            let _ = &farewell;
            found.send(Message::Search(event)).is_ok()
        },
    ));
    // A query typed while the corpus loaded runs now.
    if let Some(text) = shared.search.wanted.clone() {
        shared.search.query(text);
    }
    app.send_highlights_to_search();
    if app.shared.extractions.complete() {
        app.send_extraction_to_search();
    }
}

/// Runs the reader until the user quits. Returns messages to print after the terminal is
/// back to normal.
pub fn run(articles: Articles, session: Session) -> Result<Vec<String>> {
    let mut after_exit = Vec::new();
    let (keymap, keymap_error) = Keymap::load(lede::paths::keymap_file().as_deref());
    let mut notices: Vec<String> = keymap_error.into_iter().collect();
    notices.extend(session.notices.iter().cloned());
    let store = match &session.data_dir {
        Some(dir) => match Store::open(dir) {
            Ok((store, notice)) => {
                notices.extend(notice.iter().map(|n| n.to_string()));
                Some(store)
            }
            Err(err) => {
                notices.push(format!("reading position will not be kept: {err:#}"));
                None
            }
        },
        None => None,
    };
    let (config, config_error) = config::load(lede::paths::config_file("config.toml").as_deref());
    notices.extend(config_error);
    let (theme, theme_error) = Theme::load(lede::paths::config_file("theme.toml").as_deref());
    notices.extend(theme_error);
    after_exit.extend(notices.iter().cloned());

    let mut guard = TerminalGuard::enter(config.mouse)?;
    let size = guard
        .terminal
        .size()
        .context("cannot read the terminal size")?;
    let (corpus, to_load) = match articles {
        Articles::Ready(corpus) => (corpus, None),
        Articles::Load(paths) => (Corpus::default(), Some(paths)),
    };
    let mut app = App::new(corpus, keymap, Rect::new(0, 0, size.width, size.height));
    app.shared.feeds.data_dir = session.data_dir.clone();
    app.shared.feeds.follows = feeds::Follows::of(to_load.as_deref().unwrap_or_default());
    app.shared.browser = links::Browser::from_env();
    app.shared.cache = session.cache.clone();
    let mut place = None;
    if let Some(store) = store {
        place = store.reading(&session.corpus_key).map(|state| {
            let offset = state.offsets.get(&state.article).copied().unwrap_or(0);
            (state.article.clone(), offset)
        });
        app = app.with_store(store, session.corpus_key.clone());
    }
    let (sender, receiver) = mpsc::channel();
    let reports = sender.clone();
    app.shared.outbox = Some(Arc::new(move |report| {
        reports.send(Message::Background(report)).is_ok()
    }));
    match to_load {
        Some(paths) => {
            app.shared.loading = Some(loading::Loading::new(place));
            let progress = sender.clone();
            let farewell = Farewell::new(&sender, Worker::Loading);
            loading::spawn_loader(paths, session.cache.clone(), move |p| {
                let _ = &farewell;
                progress.send(Message::Loading(p)).is_ok()
            });
        }
        None => {
            if let Some((article, offset)) = place {
                app.restore(&article, offset);
            }
            start_workers(&mut app, &sender);
        }
    }

    app.shared.config = config;
    app.resize(app.size);
    app.shared.notice = (!notices.is_empty()).then(|| notices.join(" · "));

    // The input thread holds the gate while it waits for input; the loop takes it to
    // hand the terminal to another program (an editor, the shell after ctrl-z), so no
    // key meant for that program is read here.
    let gate = Arc::new(InputGate::default());
    let input_gate = Arc::clone(&gate);
    let input = sender.clone();
    thread::spawn(move || {
        loop {
            if input_gate.paused.load(Ordering::SeqCst) {
                thread::sleep(Duration::from_millis(20));
                continue;
            }
            let message = {
                let Ok(_held) = input_gate.lock.lock() else {
                    break;
                };
                if input_gate.paused.load(Ordering::SeqCst) {
                    continue;
                }
                match event::poll(Duration::from_millis(200)) {
                    Ok(false) => continue,
                    Ok(true) => match event::read() {
                        Ok(event) => Message::Terminal(event),
                        Err(_) => Message::InputClosed,
                    },
                    Err(_) => Message::InputClosed,
                }
            };
            let closed = matches!(message, Message::InputClosed);
            if input.send(message).is_err() || closed {
                break;
            }
        }
    });
    // Closing the terminal (SIGHUP) or being told to stop (SIGTERM, SIGINT) saves the
    // place as q does; SIGCONT (after being stopped from outside) redraws everything.
    let mut signals =
        Signals::new([SIGHUP, SIGTERM, SIGINT, SIGCONT]).context("cannot listen for signals")?;
    let signalled = sender.clone();
    let signal_handle = signals.handle();
    thread::spawn(move || {
        for signal in signals.forever() {
            if signalled.send(Message::Signal(signal)).is_err() {
                break;
            }
        }
    });

    let mut dirty = true;
    // Whether what changed is for the user to see at once (see `Message::waits`).
    let mut urgent = true;
    let mut drawn = Instant::now();
    'events: loop {
        let wait = BACKGROUND_FRAME.saturating_sub(drawn.elapsed());
        if dirty && (urgent || wait.is_zero()) {
            guard
                .terminal
                .draw(|frame| app.draw(frame, theme))
                .context("cannot draw")?;
            (dirty, urgent, drawn) = (false, false, Instant::now());
        }
        let first = if dirty {
            // Only background news waits to be drawn: look again shortly instead of
            // being woken by each message (an extraction per article). What the user does
            // meanwhile waits at most `LOOK_AGAIN`.
            thread::sleep(wait.min(LOOK_AGAIN));
            match receiver.try_recv() {
                Ok(message) => message,
                Err(mpsc::TryRecvError::Empty) => continue,
                Err(mpsc::TryRecvError::Disconnected) => break,
            }
        } else {
            let Ok(first) = receiver.recv() else {
                break;
            };
            first
        };
        // Drain everything queued, then redraw once.
        for message in std::iter::once(first).chain(receiver.try_iter()) {
            dirty = true;
            urgent |= !message.waits();
            let effects = match message {
                Message::Terminal(Event::Key(key)) if key.kind != KeyEventKind::Release => {
                    if key.code == KeyCode::Char('z')
                        && key.modifiers.contains(KeyModifiers::CONTROL)
                    {
                        hand_over(&mut guard, &gate, || {
                            let _ = signal_hook::low_level::raise(SIGTSTP);
                        })?;
                        continue;
                    }
                    app.key_event(key)
                }
                Message::Terminal(Event::Mouse(mouse)) => app.mouse_event(mouse),
                Message::Terminal(Event::Resize(width, height)) => {
                    app.resize(Rect::new(0, 0, width, height));
                    continue;
                }
                Message::Terminal(_) => continue,
                Message::Signal(SIGCONT) => {
                    guard.resume()?;
                    continue;
                }
                Message::Signal(_) | Message::InputClosed => {
                    app.quit();
                    break 'events;
                }
                Message::Extraction(delivery) => {
                    app.extracted(delivery);
                    continue;
                }
                Message::Loading(progress) => {
                    if app.progress(progress) {
                        start_workers(&mut app, &sender);
                    }
                    continue;
                }
                Message::Search(search::Event::Notice(notice)) => {
                    app.shared.notice = Some(notice);
                    continue;
                }
                Message::Search(search::Event::Ready) => {
                    app.shared.search.ready = true;
                    continue;
                }
                Message::Search(search::Event::Found(results)) => {
                    app.found(*results);
                    continue;
                }
                Message::WorkerFailed(worker) => {
                    worker_failed(&mut app, worker, &sender);
                    continue;
                }
                Message::Background(report) => {
                    let changed = app.background(report);
                    // Workers started before the articles joined are given them.
                    if changed.articles && app.shared.extractions.priority.is_some() {
                        start_extraction(&mut app, &sender);
                    }
                    if changed.reindex && app.shared.search.requests.is_some() {
                        start_search(&mut app, &sender);
                    }
                    continue;
                }
            };
            for effect in effects {
                match effect {
                    Effect::Quit => break 'events,
                    Effect::EditNote { id, text } => {
                        let editor = external::editor_from_env();
                        let edited =
                            hand_over(&mut guard, &gate, || external::edit(&text, editor))?;
                        app.edited_externally(id, &text, edited);
                    }
                    Effect::Copy(sequence) => {
                        let backend = guard.terminal.backend_mut();
                        if backend
                            .write_all(sequence.as_bytes())
                            .and_then(|()| backend.flush())
                            .is_err()
                        {
                            app.shared.notice = Some("cannot write to the terminal".to_string());
                        }
                    }
                    Effect::SaveReading { .. } | Effect::Highlight { .. } => {}
                }
            }
        }
    }
    signal_handle.close();
    drop(guard);
    after_exit.extend(stop_feed_update(&app, &receiver));
    after_exit.extend(terminal::worker_panics());
    Ok(after_exit)
}

/// Stops a feed update still running when the reader quits, and waits a little for it to
/// record what it did (articles already saved stay saved either way).
fn stop_feed_update(app: &App, receiver: &mpsc::Receiver<Message>) -> Option<String> {
    if !app.shared.feeds.stop() {
        return None;
    }
    let deadline = std::time::Instant::now() + feeds::STOP_WAIT;
    while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
        match receiver.recv_timeout(left) {
            Ok(Message::Background(outbox::Report::Feeds(feeds::Event::Finished(_)))) => {
                return None;
            }
            Ok(_) => {}
            Err(_) => break,
        }
    }
    Some("the feed update was stopped before it finished; `lede update` finishes it".to_string())
}

/// Keeps the input thread from reading while another program has the terminal: the
/// thread holds `lock` while it waits for input and stays away while `paused`.
#[derive(Default)]
struct InputGate {
    paused: AtomicBool,
    lock: Mutex<()>,
}

/// Runs `work` with the terminal handed back to the shell (no key is read meanwhile),
/// then takes the terminal again.
fn hand_over<T>(
    guard: &mut TerminalGuard,
    gate: &InputGate,
    work: impl FnOnce() -> T,
) -> Result<T> {
    gate.paused.store(true, Ordering::SeqCst);
    let result = {
        // Waits for the input thread to finish its current wait (at most its timeout).
        let _held = gate.lock.lock();
        guard.suspend();
        let result = work();
        guard.resume().map(|()| result)
    };
    gate.paused.store(false, Ordering::SeqCst);
    result
}
