//! Progress on stderr for long commands: shown only when stderr is a terminal, so piped
//! and redirected output stays exactly the data.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use lede::corpus::{Corpus, SeenTexts, list_files, load_path};

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
        eprint!(
            "\r\x1b[2K{} {}/{} ({percent}%)",
            self.label, self.done, self.total
        );
        let _ = std::io::stderr().flush();
    }

    /// Clears the line.
    pub fn finish(self) {
        if self.enabled && self.shown.is_some() {
            eprint!("\r\x1b[2K");
            let _ = std::io::stderr().flush();
        }
    }
}

/// Loads files and folders like [`Corpus::load`], counting files on stderr.
pub fn load_corpus(paths: &[PathBuf]) -> Corpus {
    if !std::io::stderr().is_terminal() {
        return Corpus::load(paths);
    }
    let listed = list_files(paths);
    let mut corpus = Corpus {
        articles: Vec::new(),
        problems: listed.problems,
    };
    let mut progress = Progress::new("reading files", listed.files.len());
    let mut seen = SeenTexts::new();
    // Two readers share the files; results are added in file order.
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::scope(|scope| {
        let files = &listed.files;
        let workers = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .max(1);
        let chunk = files.len().div_ceil(workers).max(1);
        for (part, slice) in files.chunks(chunk).enumerate() {
            let sender = sender.clone();
            scope.spawn(move || {
                for (i, file) in slice.iter().enumerate() {
                    if sender.send((part * chunk + i, load_path(file))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        let mut waiting = std::collections::BTreeMap::new();
        let mut next = 0;
        for (i, loaded) in receiver {
            waiting.insert(i, loaded);
            while let Some(loaded) = waiting.remove(&next) {
                corpus.add(loaded, &mut seen);
                next += 1;
                progress.tick(1);
            }
        }
    });
    progress.finish();
    corpus
}
