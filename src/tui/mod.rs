//! The terminal reader: a thin shell over the library. Keys become actions through the
//! keymap, `App::update` applies them, `ui::draw` paints the state. Input is read on its
//! own thread and the loop sleeps until something arrives, so an idle reader uses no CPU.

mod action;
mod app;
mod article_keys;
mod editor;
mod export;
mod extraction;
mod panel;

mod highlights;
mod keymap;
mod loading;
mod panes;
mod reader;
mod search;
mod terminal;
mod theme;
mod ui;

#[cfg(test)]
mod tests;

use std::path::PathBuf;
use std::sync::{Arc, mpsc};

use std::thread;

use anyhow::{Context as _, Result};
use crossterm::event::{self, Event, KeyEventKind};
use lede::corpus::Corpus;
use lede::store::Store;
use ratatui::layout::Rect;

use app::{App, Effect};
use keymap::Keymap;
use terminal::TerminalGuard;
use theme::Theme;

/// Where the reader keeps its state, and which corpus this is.
pub struct Session {
    pub corpus_key: String,
    pub data_dir: Option<PathBuf>,
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
    Extracted(usize, lede::extract::Extraction),
    Search(search::Event),
}

/// Starts extraction and the search index over the loaded corpus.
fn start_workers(app: &mut App, sender: &mpsc::Sender<Message>) {
    let extracted = sender.clone();
    let priority = extraction::spawn_worker(Arc::clone(&app.corpus), move |index, found| {
        extracted.send(Message::Extracted(index, found)).is_ok()
    });
    let _ = priority.send(app.open);
    app.extractions.priority = Some(priority);
    let found = sender.clone();
    app.search.requests = Some(search::spawn_worker(
        Arc::clone(&app.corpus),
        move |event| found.send(Message::Search(event)).is_ok(),
    ));
    app.send_highlights_to_search();
}

/// Runs the reader until the user quits. Returns messages to print after the terminal is
/// back to normal.
pub fn run(articles: Articles, session: Session) -> Result<Vec<String>> {
    let mut after_exit = Vec::new();
    let (keymap, keymap_error) = Keymap::load(lede::paths::keymap_file().as_deref());
    let mut notices: Vec<String> = keymap_error.into_iter().collect();
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
    after_exit.extend(notices.iter().cloned());

    let mut guard = TerminalGuard::enter()?;
    let size = guard
        .terminal
        .size()
        .context("cannot read the terminal size")?;
    let (corpus, to_load) = match articles {
        Articles::Ready(corpus) => (corpus, None),
        Articles::Load(paths) => (Corpus::default(), Some(paths)),
    };
    let mut app = App::new(corpus, keymap, Rect::new(0, 0, size.width, size.height));
    let mut place = None;
    if let Some(store) = store {
        place = store.reading(&session.corpus_key).map(|state| {
            let offset = state.offsets.get(&state.article).copied().unwrap_or(0);
            (state.article.clone(), offset)
        });
        app = app.with_store(store, session.corpus_key.clone());
    }
    let (sender, receiver) = mpsc::channel();
    match to_load {
        Some(paths) => {
            app.loading = Some(loading::Loading::new(place));
            let progress = sender.clone();
            loading::spawn_loader(paths, move |p| progress.send(Message::Loading(p)).is_ok());
        }
        None => {
            if let Some((article, offset)) = place {
                app.restore(&article, offset);
            }
            start_workers(&mut app, &sender);
        }
    }

    app.notice = (!notices.is_empty()).then(|| notices.join(" · "));
    let theme = Theme::from_env();

    let input = sender.clone();
    thread::spawn(move || {
        loop {
            let message = match event::read() {
                Ok(event) => Message::Terminal(event),
                Err(_) => Message::InputClosed,
            };
            let closed = matches!(message, Message::InputClosed);
            if input.send(message).is_err() || closed {
                break;
            }
        }
    });

    let mut dirty = true;
    'events: loop {
        if dirty {
            guard
                .terminal
                .draw(|frame| ui::draw(&app, theme, frame))
                .context("cannot draw")?;
            dirty = false;
        }
        let Ok(first) = receiver.recv() else {
            break;
        };
        // Drain everything queued, then redraw once.
        for message in std::iter::once(first).chain(receiver.try_iter()) {
            let event = match message {
                Message::Terminal(event) => event,
                Message::InputClosed => break 'events,
                Message::Extracted(index, found) => {
                    app.extracted(index, found);
                    if app.extractions.complete() {
                        app.send_extraction_to_search();
                    }
                    dirty = true;
                    continue;
                }
                Message::Loading(progress) => {
                    if app.progress(progress) {
                        start_workers(&mut app, &sender);
                    }
                    dirty = true;
                    continue;
                }
                Message::Search(search::Event::Ready) => {
                    app.search.ready = true;
                    dirty = true;
                    continue;
                }
                Message::Search(search::Event::Found(results)) => {
                    app.found(results);
                    dirty = true;
                    continue;
                }
            };
            match event {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    dirty = true;
                    if app.key_event(key).contains(&Effect::Quit) {
                        break 'events;
                    }
                    if std::mem::take(&mut app.highlights_changed) {
                        app.send_highlights_to_search();
                    }
                }
                Event::Resize(width, height) => {
                    app.resize(Rect::new(0, 0, width, height));
                    dirty = true;
                }
                _ => {}
            }
        }
    }
    drop(guard);
    after_exit.extend(terminal::worker_panics());
    Ok(after_exit)
}
