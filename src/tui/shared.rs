//! The state every component may read: the corpus, the store, what the workers found,
//! the keymap and which article is open. Only the `App` changes it.

use std::collections::BTreeMap;
use std::sync::Arc;

use lede::corpus::{Article, Corpus};
use lede::extract::Extraction;

use super::article_keys::ArticleKeys;
use super::config::Config;
use super::extraction::Extractions;
use super::feeds::Feeds;
use super::keymap::Keymap;
use super::links::Browser;
use super::loading::Loading;
use super::notes::{Mark, Notes};
use super::outbox::Outbox;
use super::search::Search;

pub struct Shared {
    /// Shared with the background workers; changed only while a corpus loads.
    pub corpus: Arc<Corpus>,
    /// Each article's key in the store.
    pub keys: ArticleKeys,
    pub keymap: Keymap,
    /// Highlights and the reading place.
    pub notes: Notes,
    /// Quotes and figures, as the background worker delivers them.
    pub extractions: Extractions,
    /// The search worker and its results.
    pub search: Search,
    /// While a corpus loads in the background: its progress.
    pub loading: Option<Loading>,
    /// The article in the reader (an index into `corpus.articles`).
    pub open: usize,
    /// The open article's highlights, placed in its text.
    pub marks: Vec<Mark>,
    /// Highlights per article key, for the list.
    pub highlight_counts: BTreeMap<String, usize>,
    /// A message for the status line (errors, notices), until the next key.
    pub notice: Option<String>,
    /// Which articles have been read (by index), as the store keeps them.
    pub read: Vec<bool>,
    pub config: Config,
    /// Feed updates (`r`): the one running, and what went wrong in the last.
    pub feeds: Feeds,
    /// The browser `o` starts.
    pub browser: Browser,
    /// Where background jobs the reader starts report to (none in tests that do not
    /// run them).
    pub outbox: Option<Outbox>,
    /// Where extraction results are kept between runs (none for the bundled seeds).
    pub cache: Option<Arc<lede::cache::Cache>>,
}

impl Shared {
    pub fn new(corpus: Corpus, keymap: Keymap) -> Shared {
        let corpus = Arc::new(corpus);
        let mut keys = ArticleKeys::default();
        keys.update(&corpus.articles);
        Shared {
            extractions: Extractions::new(corpus.articles.len()),
            corpus,
            keys,
            keymap,
            notes: Notes::new(None, String::new()),
            search: Search::default(),
            loading: None,
            open: 0,
            marks: Vec::new(),
            highlight_counts: BTreeMap::new(),
            notice: None,
            read: Vec::new(),
            config: Config::default(),
            feeds: Feeds::default(),
            browser: Browser::default(),
            outbox: None,
            cache: None,
        }
    }

    /// Takes in the read marks of articles added since the last call (and all of them
    /// when `all`, after the store changed).
    pub fn update_read(&mut self, all: bool) {
        if all {
            self.read.clear();
        }
        let store = self.notes.store.as_ref();
        for index in self.read.len()..self.corpus.articles.len() {
            let read = store.is_some_and(|s| s.is_read(self.keys.key(index)));
            self.read.push(read);
        }
    }

    pub fn is_read(&self, article: usize) -> bool {
        self.read.get(article).copied().unwrap_or(false)
    }

    /// The article in the reader.
    pub fn article(&self) -> Option<&Article> {
        self.corpus.articles.get(self.open)
    }

    /// What extraction found in the open article, once it has.
    pub fn extraction(&self) -> Option<&Extraction> {
        self.extractions.get(self.open)
    }

    /// The highlight at byte `offset` of the open article (the innermost, if they overlap).
    pub fn mark_at(&self, offset: usize) -> Option<&Mark> {
        self.marks
            .iter()
            .filter(|m| m.range.as_ref().is_some_and(|r| r.contains(&offset)))
            .min_by_key(|m| m.range.as_ref().map_or(usize::MAX, |r| r.len()))
    }

    /// A remembered place is still waiting for its article to load.
    pub fn restore_pending(&self) -> bool {
        self.loading.as_ref().is_some_and(|l| l.restore.is_some())
    }
}
