//! The cache for this run of lede (see [`lede::cache`]), opened when first needed, and
//! `lede cache info` / `lede cache clear`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, OnceLock};

use anyhow::{Result, anyhow};
use clap::Subcommand;
use lede::cache::{Cache, cache_dir, clear};
use lede::corpus::{Article, Corpus, FileLoad, load_path_in_parts};
use lede::extract::{Extraction, extract};
use lede::search::{Query, oneshot};

#[derive(Subcommand, Debug)]
pub enum CacheCommand {
    /// Print where the cache is, its size and how many files and extractions it keeps.
    #[command(after_help = "Examples:
  lede cache info
  lede --cache-dir /tmp/lede-cache cache info")]
    Info,
    /// Delete the cache (it holds only what lede can work out again).
    #[command(after_help = "Examples:
  lede cache clear
  LEDE_CACHE_DIR=/tmp/lede-cache lede cache clear")]
    Clear,
}

/// The folder given by `--cache-dir` / `LEDE_CACHE_DIR` (or the default), set once.
static DIR: OnceLock<Option<PathBuf>> = OnceLock::new();
static CACHE: OnceLock<Option<Arc<Cache>>> = OnceLock::new();

/// Remembers the cache folder for this run (nothing is opened yet).
pub fn set_dir(overridden: Option<PathBuf>) {
    let _ = DIR.set(cache_dir(overridden));
}

/// The cache, opened (or rebuilt, with a notice on stderr) on first use; `None` when no
/// cache can be used (lede then reads everything).
pub fn get() -> Option<Arc<Cache>> {
    let (cache, notices) = get_with_notices();
    for notice in notices {
        super::warn(notice);
    }
    cache
}

/// The cache as [`get`] opens it, with what opening it had to say (nothing when it was
/// already open) instead of printing it: the reader shows it on its status line.
pub fn get_with_notices() -> (Option<Arc<Cache>>, Vec<String>) {
    let mut said = Vec::new();
    let cache = CACHE
        .get_or_init(|| {
            let dir = DIR.get().cloned().flatten()?;
            let (cache, notices) = Cache::open(&dir);
            said = notices;
            cache.map(Arc::new)
        })
        .clone();
    (cache, said)
}

/// Waits for the cache's writes; prints a notice if it was found damaged.
pub fn finish() {
    if let Some(Some(cache)) = CACHE.get() {
        for notice in cache.finish() {
            super::warn(notice);
        }
    }
}

/// Reads one file through the cache when there is one, else from the file.
pub fn read_file(path: &std::path::Path, part: &mut dyn FnMut(FileLoad) -> bool) {
    match get() {
        Some(cache) => cache.load_path_in_parts(path, part),
        None => load_path_in_parts(path, part),
    }
}

/// Searches `paths` in one pass (see [`oneshot::search_files`]), reading the files the
/// cache has kept from it, if there is a cache, but keeping nothing: keeping 100 MB of
/// articles costs a one-shot search more than twice its time, and saves the next one
/// only a third of its time; the reader and the other commands keep what they read.
pub fn search_files(
    paths: &[PathBuf],
    query: &Query,
    limit: usize,
    progress: impl FnMut(usize, usize),
) -> oneshot::Outcome {
    let Some(cache) = existing() else {
        // Read by the search itself, which parses only the articles that may match.
        return oneshot::search_files(paths, query, limit, progress, None);
    };
    let read = |path: &std::path::Path, part: &mut dyn FnMut(FileLoad) -> bool| {
        cache.load_path_in_parts_without_keeping(path, part)
    };
    oneshot::search_files(paths, query, limit, progress, Some(&read))
}

/// The cache if its folder holds one that keeps files ([`get`]); `None` without making
/// one (nor looking each file up in a cache that keeps none).
fn existing() -> Option<Arc<Cache>> {
    let dir = DIR.get().cloned().flatten()?;
    if CACHE.get().is_none() && !lede::cache::database_file(&dir).exists() {
        return None;
    }
    get().filter(|cache| cache.info().files > 0)
}

/// Loads `paths` through the cache, calling `progress` as files are read: many files
/// through its corpus snapshot (the files are listed once, to tell how many).
pub fn load(paths: &[PathBuf], progress: impl FnMut(usize, usize)) -> Corpus {
    let listed = lede::corpus::list_files(paths);
    let files = listed.files.len();
    through_snapshot(paths, files, |_| {
        Corpus::load_listed(listed, progress, &read_file)
    })
}

/// Runs `load`, loads of the `files` files of `paths` through [`read_file`] (one or
/// more), with the cache's corpus snapshot open when they are many: files it holds
/// unchanged are taken from it, and a new one is written after if they changed. A
/// damaged snapshot is reported once: when `load` calls the function it is given (which
/// waits for the snapshot to be read), else after `load`.
pub fn through_snapshot<T>(
    paths: &[PathBuf],
    files: usize,
    load: impl FnOnce(&dyn Fn()) -> T,
) -> T {
    let cache = get().filter(|_| files >= lede::cache::SNAPSHOT_FROM);
    if let Some(cache) = &cache {
        cache.open_snapshot(paths);
    }
    let report = || {
        if let Some(notice) = cache
            .as_ref()
            .and_then(|cache| cache.take_snapshot_notice())
        {
            super::warn(notice);
        }
    };
    let loaded = load(&report);
    if let Some(cache) = &cache {
        cache.keep_snapshot();
    }
    report();
    loaded
}

/// Readies the cache for the extraction of `articles` articles (read in one pass when
/// they are many).
pub fn before_extracting(articles: usize) {
    if articles >= lede::cache::READ_ALL_FROM
        && let Some(cache) = get()
    {
        cache.read_all_extractions();
    }
}

/// The extraction of `article`, through the cache.
pub fn extraction(article: &Article) -> Extraction {
    match get() {
        Some(cache) => cache.extraction(article),
        None => extract(article),
    }
}

/// The extractions of `articles`, through the cache (kept ones read together).
pub fn extractions(articles: &[&Article]) -> Vec<Extraction> {
    match get() {
        Some(cache) => cache.extractions(articles),
        None => articles.iter().map(|article| extract(article)).collect(),
    }
}

pub fn run(command: &CacheCommand) -> Result<ExitCode> {
    let dir =
        DIR.get().cloned().flatten().ok_or_else(|| {
            anyhow!("no cache folder: pass --cache-dir DIR or set LEDE_CACHE_DIR")
        })?;
    match command {
        CacheCommand::Info => {
            let file = lede::cache::database_file(&dir);
            if !file.exists() {
                // Asking is no reason to make one.
                println!(
                    "location: {}",
                    super::terminal_safe(&file.display().to_string())
                );
                println!("no cache yet (lede makes it when it first reads article files)");
                return Ok(ExitCode::SUCCESS);
            }
            let cache =
                get().ok_or_else(|| anyhow!("no cache can be used in {}", dir.display()))?;
            let info = cache.info();
            println!(
                "location: {}",
                super::terminal_safe(&info.location.display().to_string())
            );
            println!("size: {}", size(info.bytes));
            println!("files: {}", info.files);
            println!("extractions: {}", info.extractions);
        }
        CacheCommand::Clear => {
            let freed = clear(&dir)
                .map_err(|err| anyhow!("cannot clear the cache in {}: {err}", dir.display()))?;
            println!(
                "cleared {} ({})",
                super::terminal_safe(&dir.display().to_string()),
                size(freed)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Bytes for a person: `12.3 MB`.
fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 => format!("{:.1} GB", b as f64 / f64::from(1 << 30)),
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / f64::from(1 << 20)),
        b if b >= 1 << 10 => format!("{:.1} kB", b as f64 / f64::from(1 << 10)),
        b => format!("{b} bytes"),
    }
}
