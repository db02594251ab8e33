//! `lede import`: highlights from W3C Web Annotation JSON or Kindle clippings into the
//! store. They are placed in the bundled seeds and the articles given after the file; a
//! file the import names is never read (the import file is someone else's).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow};
use clap::Args;

use super::{open_store, warn};
use lede::export::import::{self, ImportCorpus};
use lede::paths;
use lede::store::Highlight;

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  lede import highlights.jsonld ~/news          W3C annotations, placed in ~/news
  lede import \"My Clippings.txt\" --dry-run    what a Kindle's clippings would add")]
pub struct ImportArgs {
    /// A W3C Web Annotation JSON file, a Hypothesis JSON export (or API search result) or a
    /// Kindle "My Clippings.txt".
    file: PathBuf,
    /// Article files and folders to place the highlights in (the bundled seeds are always
    /// used; a file an annotation names is only used when given here).
    #[arg(value_name = "ARTICLES")]
    articles: Vec<PathBuf>,
    /// Say what would be imported; write nothing.
    #[arg(long)]
    dry_run: bool,
}

pub fn run(args: ImportArgs, data_dir: Option<PathBuf>) -> Result<ExitCode> {
    let parsed = import::read_file(&args.file)?;
    if parsed.candidates.is_empty() {
        report(&parsed.problems);
        writeln!(
            std::io::stdout(),
            "nothing to import: {} holds no highlights lede can use",
            lede::terminal_safe(&args.file.display().to_string())
        )
        .context("cannot write to standard output")?;
        return Ok(ExitCode::SUCCESS);
    }
    let (extra, problems) = import::load_articles(&args.articles);
    report(&problems);
    let corpus = ImportCorpus::new(extra);
    let summary = if args.dry_run {
        let dir = paths::data_dir(data_dir)
            .ok_or_else(|| anyhow!("no data folder: pass --data-dir DIR or set LEDE_DATA_DIR"))?;
        // Compared with the store as it is. A store not yet started is not created (its
        // full file, store.json, exists once anything was saved).
        if dir.join("store.json").exists() {
            import::preview(open_store(Some(dir))?.highlights(), &parsed, &corpus)
        } else {
            import::preview::<Highlight>(&[], &parsed, &corpus)
        }
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

/// Messages quote the import file (titles, ids, sources): [`warn`] neutralises them.
fn report(messages: &[String]) {
    for message in messages {
        warn(message);
    }
}
