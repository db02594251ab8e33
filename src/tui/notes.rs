//! The reader's side of the store: highlights, tags and notes with their undo history,
//! and the reading place. Every change is saved before it is reported done; each method
//! returns the words for the status line.

use std::ops::Range;

use lede::corpus::Article;
use lede::store::{Edit, Highlight, History, Store};

/// A highlight of the open article as the reader draws it.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub id: String,
    /// Where it is in the current text; `None` for an orphan.
    pub range: Option<Range<usize>>,
    pub colour: Option<u8>,
    pub tags: Vec<String>,
    pub note: Option<String>,
}

pub struct Notes {
    /// `None` when there is no data folder (then nothing can be highlighted, and the UI
    /// says so).
    pub store: Option<Store>,
    history: History,
    /// The key the reading place is kept under.
    pub corpus_key: String,
}

const NO_DATA_FOLDER: &str = "no data folder: highlights cannot be kept";

impl Notes {
    pub fn new(store: Option<Store>, corpus_key: String) -> Notes {
        Notes {
            store,
            history: History::new(),
            corpus_key,
        }
    }

    /// Why nothing can be written, if so.
    pub fn cannot_write(&self) -> Option<String> {
        match &self.store {
            None => Some(NO_DATA_FOLDER.to_string()),
            Some(store) => store.read_only().map(|r| format!("read-only: {r}")),
        }
    }

    /// Every tag in use, most used first, for completion.
    pub fn all_tags(&self) -> Vec<String> {
        self.store
            .as_ref()
            .map(|s| s.all_tags().into_iter().map(|(tag, _)| tag).collect())
            .unwrap_or_default()
    }

    /// Finds the article's highlights again if its text changed. An error is returned as
    /// words for the user.
    pub fn anchor(&mut self, article: &Article) -> Option<String> {
        let store = self.store.as_mut()?;
        store
            .anchor_article(article)
            .err()
            .map(|err| format!("could not re-anchor highlights: {err:#}"))
    }

    /// The article's highlights, placed in its text.
    pub fn marks(&self, article: &Article) -> Vec<Mark> {
        let Some(store) = &self.store else {
            return Vec::new();
        };
        store
            .placed(article)
            .into_iter()
            .map(|p| Mark {
                id: p.highlight.id.clone(),
                range: p.range,
                colour: p.highlight.colour,
                tags: p.highlight.tags.clone(),
                note: p.highlight.note.clone(),
            })
            .collect()
    }

    /// Remembers the open article and its scroll position. Returns a message on failure.
    pub fn save_reading(&mut self, article: &str, offset: usize) -> Option<String> {
        let store = self.store.as_mut()?;
        if store.read_only().is_some() {
            return None;
        }
        store
            .save_reading(&self.corpus_key, article, offset)
            .err()
            .map(|err| format!("could not save your place: {err:#}"))
    }

    /// Marks an article read or unread. Returns a message on failure.
    pub fn set_read(&mut self, article_key: &str, read: bool) -> Option<String> {
        let store = self.store.as_mut()?;
        if store.read_only().is_some() {
            return None;
        }
        store
            .set_read(article_key, read)
            .err()
            .map(|err| format!("could not save the read mark: {err:#}"))
    }

    /// The scroll offset saved for `article` (its path) in this corpus.
    pub fn saved_offset(&self, article: &str) -> Option<usize> {
        let state = self.store.as_ref()?.reading(&self.corpus_key)?;
        state.offsets.get(article).copied()
    }

    /// Highlights `range` of `article`: the new highlight's id, or why not.
    pub fn add(&mut self, article: &Article, range: Range<usize>) -> Result<String, String> {
        let highlight = match Highlight::new(article, range) {
            Ok(h) => h,
            Err(err) => return Err(format!("cannot highlight: {err:#}")),
        };
        if let Some(reason) = self.cannot_write() {
            return Err(reason);
        }
        let Some(store) = self.store.as_mut() else {
            return Err(NO_DATA_FOLDER.to_string());
        };
        self.history
            .add(store, highlight)
            .map_err(|err| format!("not saved: {err:#}"))
    }

    /// Applies an edit through the history.
    pub fn apply(&mut self, edit: Edit, done: &str) -> String {
        if let Some(reason) = self.cannot_write() {
            return reason;
        }
        let Some(store) = self.store.as_mut() else {
            return NO_DATA_FOLDER.to_string();
        };
        match self.history.apply(store, edit) {
            Ok(()) => format!("{done} · saved"),
            Err(err) => format!("not saved: {err:#}"),
        }
    }

    /// What the store found while bringing itself up to date with the disk since the last
    /// call (another process's damaged journal lines, kept aside), as words for the user.
    pub fn take_store_notices(&mut self) -> Vec<String> {
        self.store
            .as_mut()
            .map(|s| s.take_notices().iter().map(ToString::to_string).collect())
            .unwrap_or_default()
    }

    /// Undoes (or redoes) the last highlight change.
    pub fn undo(&mut self, redo: bool) -> String {
        if let Some(reason) = self.cannot_write() {
            return reason;
        }
        let Some(store) = self.store.as_mut() else {
            return NO_DATA_FOLDER.to_string();
        };
        let result = if redo {
            self.history.redo(store)
        } else {
            self.history.undo(store)
        };
        let word = if redo { "redone" } else { "undone" };
        match result {
            Ok(Some(label)) => format!("{word}: {label}"),
            Ok(None) => format!("nothing to {}", if redo { "redo" } else { "undo" }),
            Err(err) => format!("not {word}: {err:#}"),
        }
    }
}
