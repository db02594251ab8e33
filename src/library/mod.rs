//! News getting in: feeds, OPML and web pages, kept as files in a local library so that
//! reading never needs the network.
//!
//! - [`net`]: the only network code (a blocking HTTP GET with limits), behind [`Fetcher`].
//! - [`address`]: which addresses are fetched at all (`http`/`https` only).
//! - [`feed`]: feed documents (feed-rs) and feed links in pages.
//! - [`feed_list`]: the followed feeds (`feeds.jsonl`), edited atomically under a lock;
//!   [`follow`]: checking and adding one.
//! - [`opml`]: OPML import and export.
//! - [`article_file`], [`shelf`]: articles as Markdown files in `library/`.
//! - [`page`]: a web page to an article (the corpus's HTML extractor).
//! - [`update`]: fetching every feed on a few threads, reporting through a callback so a
//!   reader can run it in the background.

pub mod address;
pub mod article_file;
pub mod feed;
pub mod feed_list;
pub mod follow;
pub mod net;
pub mod opml;
pub mod page;
pub mod shelf;
pub mod update;

use std::path::{Path, PathBuf};

pub use address::WebAddress;
pub use article_file::Entry;
pub use net::{FetchError, Fetcher, Limits};
pub use shelf::Library;

use crate::corpus::{Corpus, sanitize};

/// What lede reads when no file is named: the library when it holds articles, else the
/// bundled seed articles (so a fresh install opens on something).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DefaultCorpus {
    /// The library folder, to be loaded like any folder.
    Library(PathBuf),
    Seeds,
}

/// The corpus to read when no PATH is given. The one place this choice is made: the
/// reader and every subcommand call it.
pub fn default_corpus(data_dir: Option<&Path>) -> DefaultCorpus {
    match data_dir.map(Library::new) {
        Some(library) if library.has_articles() => {
            DefaultCorpus::Library(library.dir().to_path_buf())
        }
        _ => DefaultCorpus::Seeds,
    }
}

impl DefaultCorpus {
    /// The paths to load (none for the seeds, which are compiled in).
    pub fn paths(&self) -> Vec<PathBuf> {
        match self {
            DefaultCorpus::Library(dir) => vec![dir.clone()],
            DefaultCorpus::Seeds => Vec::new(),
        }
    }

    /// Loads it (the library with `load`, given the paths, e.g. to show progress).
    pub fn load_with(&self, load: impl FnOnce(&[PathBuf]) -> Corpus) -> Corpus {
        match self {
            DefaultCorpus::Library(dir) => load(std::slice::from_ref(dir)),
            DefaultCorpus::Seeds => Corpus::seeds(),
        }
    }
}

/// Longest untrusted text shown in one message.
const PRINTABLE_MAX_CHARS: usize = 300;

/// Untrusted text (a feed title, an address, a server's message) made safe to print: no
/// control characters or escape sequences, one line, bounded.
pub fn printable(text: &str) -> String {
    let clean = sanitize(text);
    let line = clean.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= PRINTABLE_MAX_CHARS {
        return line;
    }
    let mut cut: String = line.chars().take(PRINTABLE_MAX_CHARS).collect();
    cut.push('…');
    cut
}

/// Seconds since the Unix epoch.
pub fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_library_when_it_has_articles_else_the_seeds() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(default_corpus(None), DefaultCorpus::Seeds);
        assert_eq!(default_corpus(Some(dir.path())), DefaultCorpus::Seeds);
        let library = Library::new(dir.path());
        std::fs::create_dir_all(library.dir()).unwrap();
        std::fs::write(library.dir().join(".hidden.md"), "x").unwrap();
        assert_eq!(default_corpus(Some(dir.path())), DefaultCorpus::Seeds);
        library
            .save(&Entry {
                title: "Saved".into(),
                paragraphs: vec!["Text.".into()],
                ..Entry::default()
            })
            .unwrap();
        let chosen = default_corpus(Some(dir.path()));
        assert_eq!(chosen, DefaultCorpus::Library(library.dir().to_path_buf()));
        let corpus = chosen.load_with(Corpus::load);
        assert_eq!(corpus.articles.len(), 1);
        assert_eq!(corpus.articles[0].title, "Saved");
        assert_eq!(
            DefaultCorpus::Seeds.load_with(Corpus::load).articles.len(),
            5
        );
    }

    #[test]
    fn printable_text_is_one_safe_line() {
        assert_eq!(printable("a\x1b]0;owned\x07b\n\tc"), "ab c");
        assert_eq!(printable(&"x".repeat(1000)).chars().count(), 301);
    }
}
