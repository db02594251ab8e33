//! `lede import`: highlights from W3C Web Annotation JSON or Kindle clippings into the
//! store. They are placed in the bundled seeds, the articles given after the file, and the
//! local text files the annotations' sources name.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow};
use clap::Args;

use super::open_store;
use lede::export::import::{self, ImportCorpus};
use lede::paths;
use lede::store::{Document, Highlight};

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// A W3C Web Annotation JSON file or a Kindle "My Clippings.txt".
    file: PathBuf,
    /// More article files and folders to place the highlights in (the bundled seeds and
    /// the files the annotations name are always used).
    #[arg(value_name = "ARTICLES")]
    articles: Vec<PathBuf>,
    /// Say what would be imported; write nothing.
    #[arg(long)]
    dry_run: bool,
}

pub fn run(args: ImportArgs, data_dir: Option<PathBuf>) -> Result<ExitCode> {
    let parsed = import::read_file(&args.file)?;
    let (extra, problems) = import::load_articles(&args.articles);
    report(&problems);
    let (corpus, problems) = ImportCorpus::build(&parsed.candidates, extra);
    report(&problems);
    let summary = if args.dry_run {
        // Compared with the store as it is; a store not yet created is not created.
        let dir = paths::data_dir(data_dir)
            .ok_or_else(|| anyhow!("no data folder: pass --data-dir DIR or set LEDE_DATA_DIR"))?;
        let existing = read_highlights(&dir.join("store.json"))?;
        import::preview(&existing, &parsed, &corpus)
    } else {
        import::import(&mut open_store(data_dir)?, &parsed, &corpus)?
    };
    report(&summary.messages);
    let prefix = if args.dry_run {
        "dry run, nothing written: "
    } else {
        ""
    };
    writeln!(std::io::stdout(), "{prefix}{summary}").context("cannot write to standard output")?;
    Ok(ExitCode::SUCCESS)
}

/// The highlights in the store file, read without opening the store: opening may create
/// the folder or move a broken file aside, and a dry run changes nothing. No file: none.
fn read_highlights(path: &Path) -> Result<Vec<Highlight>> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(err).with_context(|| format!("cannot read {}", path.display())),
    };
    let doc: Document = serde_json::from_slice(&bytes)
        .with_context(|| format!("cannot read the store {}", path.display()))?;
    Ok(doc.highlights)
}

fn report(messages: &[String]) {
    for message in messages {
        eprintln!("lede: {message}");
    }
}
