//! Extraction in the reader: a background worker reads every article's quotes and
//! figures (the open one first) so opening an article never waits; the side panel, the
//! reader's styling of quotes and the speakers view use what has arrived.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread;

use crossterm::event::{KeyCode, KeyEvent};
use lede::corpus::Corpus;
use lede::extract::{Extraction, extract};

use super::app::{App, Focus};
use super::panel;

/// Starts the worker. It sends `(article index, extraction)` through `deliver` until
/// every article is done or `deliver` returns false; indices sent on the returned
/// channel are done next (the article the user just opened).
pub fn spawn_worker(
    corpus: Arc<Corpus>,
    deliver: impl Fn(usize, Extraction) -> bool + Send + 'static,
) -> Sender<usize> {
    let (priority, wanted) = mpsc::channel();
    thread::spawn(move || run_worker(&corpus, &wanted, deliver));
    priority
}

fn run_worker(
    corpus: &Corpus,
    wanted: &Receiver<usize>,
    deliver: impl Fn(usize, Extraction) -> bool,
) {
    let count = corpus.articles.len();
    let mut done = vec![false; count];
    let mut next_in_order = 0;
    loop {
        let index = match wanted.try_recv() {
            Ok(index) if index < count && !done[index] => index,
            Ok(_) => continue,
            Err(TryRecvError::Empty | TryRecvError::Disconnected) => {
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
        if !deliver(index, extract(&corpus.articles[index])) {
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
}

/// The speakers view: every speaker of the corpus, then one speaker's quotes.
pub struct SpeakersView {
    pub cursor: usize,
    /// The speaker whose quotes are listed, and the cursor in that list.
    pub chosen: Option<(String, usize)>,
}

/// One speaker and where their quotes are: (article index, quote index).
pub struct Speaker {
    pub name: String,
    pub quotes: Vec<(usize, usize)>,
}

impl App {
    /// Takes in the extraction of article `index`.
    pub fn extracted(&mut self, index: usize, extraction: Extraction) {
        let Some(slot) = self.extractions.by_article.get_mut(index) else {
            return;
        };
        if slot.is_none() {
            self.extractions.done += 1;
        }
        *slot = Some(Arc::new(extraction));
        if index == self.open {
            self.rebuild_panel();
        }
    }

    /// Rebuilds the side panel from the open article's highlights and extraction.
    pub(super) fn rebuild_panel(&mut self) {
        let Some(article) = self.corpus.articles.get(self.open) else {
            self.panel_entries.clear();
            return;
        };
        let extraction = self.extractions.get(self.open);
        self.panel_entries = panel::entries(article, &self.marks, extraction);
        self.panel_cursor = self
            .panel_cursor
            .min(self.panel_entries.len().saturating_sub(1));
        if extraction.is_none()
            && let Some(priority) = &self.extractions.priority
        {
            let _ = priority.send(self.open);
        }
    }

    pub(super) fn toggle_extracts(&mut self) {
        self.extractions.shown_in_reader = !self.extractions.shown_in_reader;
        self.notice = Some(
            if self.extractions.shown_in_reader {
                "quotes styled in the text"
            } else {
                "quotes not styled"
            }
            .to_string(),
        );
    }

    /// Every speaker of the corpus with their quotes, most quoted first.
    pub fn speakers(&self) -> Vec<Speaker> {
        let mut by_name: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
        for (article, extraction) in self.extractions.by_article.iter().enumerate() {
            let Some(extraction) = extraction else {
                continue;
            };
            for (i, quote) in extraction.quotes.iter().enumerate() {
                if let Some(name) = quote.speaker.as_deref() {
                    by_name.entry(name).or_default().push((article, i));
                }
            }
        }
        let mut speakers: Vec<Speaker> = by_name
            .into_iter()
            .map(|(name, quotes)| Speaker {
                name: name.to_string(),
                quotes,
            })
            .collect();
        speakers.sort_by(|a, b| {
            b.quotes
                .len()
                .cmp(&a.quotes.len())
                .then(a.name.cmp(&b.name))
        });
        speakers
    }

    pub(super) fn open_speakers(&mut self) {
        self.speakers_view = Some(SpeakersView {
            cursor: 0,
            chosen: None,
        });
    }

    pub(super) fn speakers_input(&mut self, event: KeyEvent) {
        let speakers = self.speakers();
        let Some(view) = self.speakers_view.as_mut() else {
            return;
        };
        let len = match &view.chosen {
            None => speakers.len(),
            Some((name, _)) => speakers
                .iter()
                .find(|s| &s.name == name)
                .map_or(0, |s| s.quotes.len()),
        };
        let cursor = match &mut view.chosen {
            None => &mut view.cursor,
            Some((_, cursor)) => cursor,
        };
        match event.code {
            KeyCode::Esc | KeyCode::Backspace | KeyCode::Char('h') | KeyCode::Left => {
                if view.chosen.is_some() {
                    view.chosen = None;
                } else {
                    self.speakers_view = None;
                }
            }
            KeyCode::Char('q') => self.speakers_view = None,
            KeyCode::Down | KeyCode::Char('j') => {
                *cursor = (*cursor + 1).min(len.saturating_sub(1))
            }
            KeyCode::Up | KeyCode::Char('k') => *cursor = cursor.saturating_sub(1),
            KeyCode::Char('g') | KeyCode::Home => *cursor = 0,
            KeyCode::Char('G') | KeyCode::End => *cursor = len.saturating_sub(1),
            KeyCode::Enter | KeyCode::Char('l') | KeyCode::Right => match &view.chosen {
                None => {
                    if let Some(speaker) = speakers.get(view.cursor) {
                        view.chosen = Some((speaker.name.clone(), 0));
                    }
                }
                Some((name, at)) => {
                    let target = speakers
                        .iter()
                        .find(|s| &s.name == name)
                        .and_then(|s| s.quotes.get(*at).copied());
                    if let Some((article, quote)) = target {
                        self.speakers_view = None;
                        self.jump_to_quote(article, quote);
                    }
                }
            },
            _ => {}
        }
    }

    fn jump_to_quote(&mut self, article: usize, quote: usize) {
        let Some(range) = self
            .extractions
            .get(article)
            .and_then(|e| e.quotes.get(quote))
            .map(|q| q.range.clone())
        else {
            return;
        };
        if article != self.open {
            if let Some(save) = self.save_reading() {
                self.perform(&save);
            }
            self.open_article(article);
        }
        self.focus = Focus::Reader;
        self.relayout();
        if let Some(body) = self.corpus.articles.get(self.open).map(|a| &a.body) {
            self.reader.show(range.start);
            self.reader.move_cursor(body, range.start);
        }
        self.reader.mark = Some(range);
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
                run_worker(&corpus, &rx, |i, _| {
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
        assert_eq!(sorted, [0, 1, 2, 3, 4]);
    }
}
