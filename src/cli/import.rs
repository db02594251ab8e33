//! `lede import`: highlights from W3C Web Annotation JSON or Kindle clippings into the
//! store. They are placed in the bundled seeds, the articles given after the file, and the
//! local files the annotations' sources name.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use super::open_store;
use lede::export::import::{self, ImportCorpus};

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
    for problem in problems {
        eprintln!("lede: {problem}");
    }
    let (corpus, problems) = ImportCorpus::build(&parsed.candidates, extra);
    for problem in problems {
        eprintln!("lede: {problem}");
    }
    let mut store = open_store(data_dir)?;
    let summary = import::import(&mut store, &parsed, &corpus, args.dry_run)?;
    for message in &summary.messages {
        eprintln!("lede: {message}");
    }
    let prefix = if args.dry_run {
        "dry run, nothing written: "
    } else {
        ""
    };
    println!("{prefix}{summary}");
    Ok(ExitCode::SUCCESS)
}
