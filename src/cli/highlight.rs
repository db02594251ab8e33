//! `lede highlight`: add, list, remove and tag highlights from scripts.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};
use clap::Subcommand;

use super::{open_store, warn};
use crate::Format;
use lede::corpus::Article;
use lede::store::{
    Highlight, HighlightFilter, Store, article_key, find_passage, load_article_at,
    load_keyed_articles,
};
use lede::terminal_safe;

#[derive(Subcommand, Debug)]
pub enum HighlightCommand {
    /// Highlight a passage of an article; prints the new highlight's id.
    #[command(after_help = "Examples:
  lede highlight add --article seeds/003_d488c55d3acb0cdc.txt --text \"NATO is ready\" --tag nato
  lede highlight add --article news.jsonl:12 --text \"the vote\" --note \"check the count\"")]
    Add {
        /// The article: a file, or seeds/NAME for a bundled seed.
        #[arg(long, value_name = "PATH")]
        article: PathBuf,
        /// The exact passage (runs of white space match line breaks).
        #[arg(long, value_name = "PASSAGE")]
        text: String,
        /// Which occurrence of the passage, counting from 1.
        #[arg(long, value_name = "N", default_value_t = 1,
              value_parser = clap::value_parser!(u64).range(1..))]
        occurrence: u64,
        /// A tag (repeat for more).
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// A note on the passage.
        #[arg(long, value_name = "NOTE")]
        note: Option<String>,
        /// A colour from 1 to 5.
        #[arg(long, value_name = "1-5", value_parser = clap::value_parser!(u8).range(1..=5))]
        colour: Option<u8>,
    },
    /// List highlights, oldest first, after finding them again in edited articles.
    #[command(after_help = "Examples:
  lede highlight list --tag nato
  lede highlight list --format json --article ~/news/a.txt")]
    List {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Only highlights with this tag (repeat: all of them).
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// Only highlights of this article.
        #[arg(long, value_name = "PATH")]
        article: Option<PathBuf>,
        /// Only highlights whose passage or note contains this (ignoring case).
        #[arg(long, value_name = "TEXT")]
        text: Option<String>,
    },
    /// Delete a highlight (the id or its unique start).
    #[command(after_help = "Examples:
  lede highlight rm 18c2f3a9b1e")]
    Rm { id: String },
    /// Add tags to a highlight (or remove them with --remove); prints its tags.
    #[command(after_help = "Examples:
  lede highlight tag 18c2f3a9b1e nato turkey
  lede highlight tag 18c2f3a9b1e turkey --remove")]
    Tag {
        id: String,
        #[arg(required = true, value_name = "TAG")]
        tags: Vec<String>,
        #[arg(long)]
        remove: bool,
    },
}

pub fn run(command: HighlightCommand, data_dir: Option<PathBuf>) -> Result<ExitCode> {
    match command {
        HighlightCommand::Add {
            article,
            text,
            occurrence,
            tags,
            note,
            colour,
        } => {
            let article = load_article(&article)?;
            let highlight = new_highlight(&article, &text, occurrence)?
                .with_tags(&tags)?
                .with_note(note)
                .with_colour(colour)?;
            let mut store = open_store(data_dir)?;
            let id = store.add_highlight(highlight)?.id().to_string();
            println!("{}", terminal_safe(&id));
        }
        HighlightCommand::List {
            format,
            tags,
            article,
            text,
        } => {
            let mut store = open_store(data_dir)?;
            let filter = HighlightFilter {
                article: article.as_deref().map(article_key),
                tags,
                text,
            };
            reanchor_listed(&mut store, &filter);
            print_list(&store.filter(&filter), format)?;
        }
        HighlightCommand::Rm { id } => {
            let mut store = open_store(data_dir)?;
            let id = store.resolve_id(&id)?;
            store.delete_highlight(&id)?;
            println!("deleted {}", terminal_safe(&id));
        }
        HighlightCommand::Tag { id, tags, remove } => {
            let mut store = open_store(data_dir)?;
            let id = store.resolve_id(&id)?;
            if remove {
                store.remove_tags(&id, &tags)?;
            } else {
                store.add_tags(&id, &tags)?;
            }
            let now = store.highlight(&id).map(|h| h.tags.join(" "));
            println!(
                "{} {}",
                terminal_safe(&id),
                terminal_safe(&now.unwrap_or_default())
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A file, `seeds/NAME` for a bundled seed, or `DATASET:LINE` for a JSON Lines record.
fn load_article(path: &Path) -> Result<Article> {
    load_article_at(path).map_err(|reason| anyhow!("cannot read {}: {reason}", path.display()))
}

fn new_highlight(article: &Article, text: &str, occurrence: u64) -> Result<Highlight> {
    let found = find_passage(&article.body, text);
    if found.is_empty() {
        bail!(
            "the text is not in {}: {:?} (nothing was written)",
            article.path.display(),
            text
        );
    }
    let index = usize::try_from(occurrence - 1).unwrap_or(usize::MAX);
    let Some(range) = found.get(index) else {
        bail!(
            "the text occurs {} time(s) in {}, not {occurrence} (nothing was written)",
            found.len(),
            article.path.display()
        );
    };
    if found.len() > 1 && occurrence == 1 {
        warn(format_args!(
            "the text occurs {} times; highlighted the first (use --occurrence N)",
            found.len()
        ));
    }
    Highlight::new(article, range.clone())
}

/// Finds the listed highlights again in the current text of their articles (those the
/// user opened before or names: see [`Store::keys_to_reopen`]). An article that cannot be
/// read is reported; its highlights are listed as last placed.
fn reanchor_listed(store: &mut Store, filter: &HighlightFilter) {
    let mut articles = store.keys_to_reopen(|h| filter.matches(h));
    articles.extend(filter.article.clone());
    let keys: Vec<String> = articles.into_iter().collect();
    for (key, article) in load_keyed_articles(&keys) {
        let result = article
            .map_err(|reason| anyhow!("cannot read {key}: {reason}"))
            .and_then(|article| {
                store
                    .anchor_article(&article)
                    .with_context(|| format!("cannot save the new places in {key}"))
            });
        if let Err(err) = result {
            warn(format_args!(
                "{err:#}; its highlights are shown as last placed"
            ));
        }
    }
}

fn print_list(highlights: &[&Highlight], format: Format) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match format {
        Format::Json => {
            lede::safe_json::to_writer_pretty(&mut out, highlights)?;
            writeln!(out)?;
        }
        Format::Jsonl => {
            for h in highlights {
                lede::safe_json::to_writer(&mut out, h)?;
                writeln!(out)?;
            }
        }
        Format::Text => {
            for h in highlights {
                let tags: Vec<String> = h.tags.iter().map(|t| format!("#{t}")).collect();
                writeln!(
                    out,
                    "{}  {}  [{}]  {}",
                    terminal_safe(&h.id),
                    terminal_safe(&h.article),
                    h.anchor.label(),
                    terminal_safe(&tags.join(" "))
                )?;
                writeln!(out, "    “{}”", terminal_safe(&h.quote.exact))?;
                if let Some(note) = &h.note {
                    writeln!(out, "    note: {}", terminal_safe(note))?;
                }
            }
        }
    }
    Ok(())
}
