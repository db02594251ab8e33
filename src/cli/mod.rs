//! Subcommands for scripts: each prints to stdout and reports problems on stderr.

pub mod add;
pub mod cache;
pub mod docs;
pub mod export;
pub mod extract;
pub mod feed;
mod fetching;
pub mod highlight;
pub mod import;
mod ordered_write;
pub mod progress;
pub mod search;
mod search_grep;
pub mod show;
pub mod update;

use std::path::PathBuf;

use anyhow::{Result, anyhow};
use lede::corpus::Corpus;
use lede::library::default_corpus;
use lede::paths;
use lede::store::Store;
use lede::terminal_safe;

/// The articles of `paths`, or without paths the default corpus (the library when it has
/// articles, else the bundled seeds), files counted on stderr.
pub fn load_paths_or_default(paths: &[PathBuf], data_dir: Option<PathBuf>) -> Corpus {
    if paths.is_empty() {
        let data_dir = lede::paths::data_dir(data_dir);
        default_corpus(data_dir.as_deref()).load_with(progress::load_corpus)
    } else {
        progress::load_corpus(paths)
    }
}

/// The store in `--data-dir` (or the XDG data folder), with any notice on stderr.
pub fn open_store(data_dir: Option<PathBuf>) -> Result<Store> {
    let dir = paths::data_dir(data_dir)
        .ok_or_else(|| anyhow!("no data folder: pass --data-dir DIR or set LEDE_DATA_DIR"))?;
    let (store, notices) = Store::open(&dir)?;
    for notice in notices {
        warn(notice);
    }
    Ok(store)
}

/// Prints `lede: MESSAGE` on stderr. Every message goes through here: messages quote
/// paths, tags, ids and imported text, so they are neutralised ([`terminal_safe`]).
/// A stderr that cannot be written (a closed pipe) loses the message, not the run:
/// `eprintln!` would panic there.
pub fn warn(message: impl std::fmt::Display) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{}", warning_line(message));
}

/// The line [`warn`] prints for `message`.
pub fn warning_line(message: impl std::fmt::Display) -> String {
    format!("lede: {}", terminal_safe(&message.to_string()))
}
