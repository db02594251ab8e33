//! `lede export`: highlights from the store to Markdown, W3C Web Annotation JSON, CSV or
//! Kindle clippings, on stdout or into a file (atomically, never over an existing file
//! without `--force`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};

use super::{open_store, warn};
use lede::corpus::{Article, Corpus, load_file};
use lede::export::{self, Filter, Format, Summary};
use lede::store::{Store, article_key, bundled_seed_name};

#[derive(Args, Debug)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    format: FormatArg,
    /// Only highlights with this tag (repeat: all of them).
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// Only highlights of this article (a file, or seeds/NAME; repeat for more).
    #[arg(long = "article", value_name = "PATH")]
    articles: Vec<PathBuf>,
    /// Write to this file instead of standard output (`-`: standard output).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace the output file if it exists.
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
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Md => Format::Markdown,
            FormatArg::W3c => Format::W3c,
            FormatArg::Csv => Format::Csv,
            FormatArg::Clippings => Format::Clippings,
        }
    }
}

pub fn run(args: ExportArgs, data_dir: Option<PathBuf>) -> Result<ExitCode> {
    let format = Format::from(args.format);
    let mut store = open_store(data_dir)?;
    let filter = Filter {
        tags: args.tags,
        articles: args.articles.iter().map(|p| article_key(p)).collect(),
    };
    let articles = load_and_anchor(&mut store, &filter);
    let speakers = export::speakers_from_extraction();
    let items = export::items(store.highlights(), &articles, &filter, &speakers);
    let output = args.output.filter(|p| p.as_os_str() != "-");
    match &output {
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
    let mut articles = Vec::new();
    for key in keys {
        match load_article(Path::new(&key)) {
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

fn load_article(path: &Path) -> Result<Article, String> {
    if let Some(name) = bundled_seed_name(path) {
        return Corpus::seeds()
            .articles
            .into_iter()
            .find(|a| a.file_name() == name)
            .ok_or_else(|| format!("no bundled seed {name}"));
    }
    load_file(path)
}
