//! Progress on stderr for long commands: shown only when stderr is a terminal, so piped
//! and redirected output stays exactly the data.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use lede::corpus::Corpus;
use lede::search::Query;
use lede::search::oneshot;

/// A counter redrawn on one stderr line at most ten times a second.
pub struct Progress {
    label: &'static str,
    total: usize,
    done: usize,
    shown: Option<Instant>,
    enabled: bool,
}

impl Progress {
    pub fn new(label: &'static str, total: usize) -> Progress {
        Progress {
            label,
            total,
            done: 0,
            shown: None,
            enabled: std::io::stderr().is_terminal(),
        }
    }

    pub fn tick(&mut self, n: usize) {
        self.done += n;
        if !self.enabled
            || self
                .shown
                .is_some_and(|t| t.elapsed() < Duration::from_millis(100))
        {
            return;
        }
        self.shown = Some(Instant::now());
        let percent = self.done * 100 / self.total.max(1);
        let _ = write!(
            std::io::stderr(),
            "\r\x1b[2K{} {}/{} ({percent}%)",
            self.label,
            self.done,
            self.total
        );
        let _ = std::io::stderr().flush();
    }

    /// Clears the line.
    pub fn finish(self) {
        if self.enabled && self.shown.is_some() {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
            let _ = std::io::stderr().flush();
        }
    }
}

/// Searches files and folders (see [`oneshot::search_files`]), counting files on stderr.
pub fn search_files(paths: &[PathBuf], query: &Query, limit: usize) -> oneshot::Outcome {
    counting_files(|progress| super::cache::search_files(paths, query, limit, progress))
}

/// Loads files and folders like [`Corpus::load`], counting files on stderr.
pub fn load_corpus(paths: &[PathBuf]) -> Corpus {
    counting_files(|progress| super::cache::load(paths, progress))
}

/// Runs `work` with a `progress(files done, files in all)` that counts on stderr.
pub fn counting_files<T>(work: impl FnOnce(&mut dyn FnMut(usize, usize)) -> T) -> T {
    let mut bar: Option<Progress> = None;
    let result = work(&mut |done, total| {
        let bar = bar.get_or_insert_with(|| Progress::new("reading files", total));
        bar.tick(done.saturating_sub(bar.done));
    });
    if let Some(bar) = bar {
        bar.finish();
    }
    result
}
