//! `lede export`: highlights from the store to Markdown (one file, or one per article for
//! Obsidian), W3C Web Annotation JSON, CSV, Readwise's CSV, Hypothesis JSON or Kindle
//! clippings, on stdout or into a file (atomically, never over an existing file without
//! `--force`).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};

use super::{open_store, warn};
use lede::corpus::Article;
use lede::export::{self, Filter, Format, Summary};
use lede::store::{Store, article_key, load_keyed_articles};

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  lede export --format md -o highlights.md
  lede export --format md --layout per-article -o ~/vault/lede   one note per article
  lede export --format readwise --tag nato -o readwise.csv
  lede export --format hypothesis -o hypothesis.json
  lede export --format w3c --article seeds/003_d488c55d3acb0cdc.txt")]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    format: FormatArg,
    /// Markdown only: one file, or one file per article (named from its title, with front
    /// matter) in the folder given by --output.
    #[arg(long, value_enum, default_value_t = LayoutArg::One)]
    layout: LayoutArg,
    /// Only highlights with this tag (repeat: all of them).
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// Only highlights of this article (a file, or seeds/NAME; repeat for more).
    #[arg(long = "article", value_name = "PATH")]
    articles: Vec<PathBuf>,
    /// Write to this file instead of standard output (`-`: standard output); with
    /// `--layout per-article`, the folder to write into (created if missing).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace the output file (or the articles' files) if it exists.
    #[arg(long, requires = "output")]
    force: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum FormatArg {
    /// Markdown for notes (Obsidian).
    Md,
    /// W3C Web Annotation JSON-LD.
    W3c,
    /// CSV with a header row.
    Csv,
    /// Kindle "My Clippings".
    Clippings,
    /// The CSV Readwise imports (Highlight, Title, Author, URL, Note, Location, Date).
    Readwise,
    /// The JSON Hypothesis imports ({"annotations": [...]}).
    Hypothesis,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum LayoutArg {
    /// All articles in one file.
    One,
    /// One file per article, for Obsidian and similar.
    PerArticle,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Md => Format::Markdown,
            FormatArg::W3c => Format::W3c,
            FormatArg::Csv => Format::Csv,
            FormatArg::Clippings => Format::Clippings,
            FormatArg::Readwise => Format::Readwise,
            FormatArg::Hypothesis => Format::Hypothesis,
        }
    }
}

pub fn run(args: ExportArgs, data_dir: Option<PathBuf>) -> Result<ExitCode> {
    let format = Format::from(args.format);
    let output = args.output.filter(|p| p.as_os_str() != "-");
    let per_article = args.layout == LayoutArg::PerArticle;
    if per_article && format != Format::Markdown {
        bail!("--layout per-article is for --format md");
    }
    if per_article && output.is_none() {
        bail!("--layout per-article writes files: give the folder with --output DIR");
    }
    let mut store = open_store(data_dir)?;
    let filter = Filter {
        tags: args.tags,
        articles: args.articles.iter().map(|p| article_key(p)).collect(),
    };
    let articles = load_and_anchor(&mut store, &filter);
    let speakers = export::speakers_from_extraction();
    let items = export::items(store.highlights(), &articles, &filter, &speakers);
    match &output {
        Some(dir) if per_article => {
            let summary = export::export_per_article(&items, dir, args.force)?;
            warn(summary);
        }
        Some(path) => {
            let summary = export::export_to_file(format, &items, path, args.force)?;
            warn(summary);
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(export::render(format, &items).as_bytes())
                .and_then(|()| out.flush())
                .context("cannot write to standard output")?;
            warn(Summary::of(format, &items, None));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Loads the articles of the highlights to export (those the user opened before or names:
/// see [`Store::keys_to_reopen`]) and finds their highlights again in the current text. An
/// article that cannot be loaded is reported; its highlights are exported from their
/// stored text.
fn load_and_anchor(store: &mut Store, filter: &Filter) -> Vec<Article> {
    let mut keys = store.keys_to_reopen(|h| filter.matches(h));
    keys.extend(filter.articles.iter().cloned());
    let keys: Vec<String> = keys.into_iter().collect();
    let mut articles = Vec::new();
    for (key, loaded) in load_keyed_articles(&keys) {
        match loaded {
            Ok(article) => {
                if let Err(err) = store.anchor_article(&article) {
                    warn(format!("cannot save the new places in {key}: {err:#}"));
                }
                articles.push(article);
            }
            Err(reason) => warn(format!(
                "{key}: {reason}; its highlights are exported from their stored text"
            )),
        }
    }
    articles
}
