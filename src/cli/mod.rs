//! Subcommands for scripts: each prints to stdout and reports problems on stderr.

pub mod docs;
pub mod export;
pub mod extract;
pub mod highlight;
pub mod import;
mod ordered_write;
pub mod progress;
pub mod search;
mod search_grep;

use std::path::PathBuf;

use anyhow::{Result, anyhow};
use lede::paths;
use lede::store::Store;

/// The store in `--data-dir` (or the XDG data folder), with any notice on stderr.
pub fn open_store(data_dir: Option<PathBuf>) -> Result<Store> {
    let dir = paths::data_dir(data_dir)
        .ok_or_else(|| anyhow!("no data folder: pass --data-dir DIR or set LEDE_DATA_DIR"))?;
    let (store, notice) = Store::open(&dir)?;
    if let Some(notice) = notice {
        eprintln!("lede: {notice}");
    }
    Ok(store)
}
