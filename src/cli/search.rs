//! `lede search`: ranked matches of a query over titles and sentences, as JSON or text.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde::Serialize;

use lede::corpus::{Article, Corpus};
use lede::search::{Cancel, Hit, Index, Session};

#[derive(Args, Debug)]
pub struct SearchArgs {
    #[arg(long, value_enum, default_value_t = SearchFormat::Text)]
    format: SearchFormat,
    /// How many results to print, best first (0: all of them).
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// fzf-style: terms are ANDed; 'exact, ^prefix, suffix$, !exclude;
    /// "a phrase" (or 'a\ phrase) matches words with spaces exactly;
    /// smart case; accents ignored.
    #[arg(allow_hyphen_values = true)]
    query: String,
    /// Article files and folders (default: the bundled seed articles).
    paths: Vec<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SearchFormat {
    Json,
    Text,
}

/// One result as printed in JSON.
#[derive(Serialize)]
struct Row<'a> {
    path: String,
    title: &'a str,
    kind: &'static str,
    text: &'a str,
    score: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<usize>,
}

pub fn run(args: &SearchArgs) -> anyhow::Result<ExitCode> {
    let corpus = if args.paths.is_empty() {
        Corpus::seeds()
    } else {
        super::progress::load_corpus(&args.paths)
    };
    for problem in &corpus.problems {
        eprintln!("lede: {}: {}", problem.path.display(), problem.reason);
    }
    let index = Index::build(&corpus);
    let mut session = Session::new(index.into());
    let hits = match session.search(&args.query, &Cancel::never()) {
        Some(results) if args.limit == 0 => results.ranked(&Cancel::never()).unwrap_or_default(),
        Some(results) => results.top(args.limit),
        None => Vec::new(),
    };
    let rows: Vec<Row> = hits
        .iter()
        .filter_map(|hit| row(&corpus.articles, session.index(), hit))
        .collect();

    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        SearchFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
        SearchFormat::Text => {
            for row in &rows {
                let place = row.start.map(|s| format!(":{s}")).unwrap_or_default();
                let text = row.text.split_whitespace().collect::<Vec<_>>().join(" ");
                writeln!(out, "{}{place}\t{}\t{text}", row.path, row.kind)?;
            }
        }
    }
    out.flush()?;
    Ok(if corpus.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn row<'a>(articles: &'a [Article], index: &Index, hit: &Hit) -> Option<Row<'a>> {
    let item = index.item(hit.item())?;
    let article = articles.get(item.article)?;
    let text = match &item.range {
        Some(range) => article.body.get(range.clone())?,
        None => article.title.as_str(),
    };
    Some(Row {
        path: article.path.display().to_string(),
        title: &article.title,
        kind: item.kind.name(),
        text,
        score: hit.score,
        start: item.range.as_ref().map(|r| r.start),
        end: item.range.as_ref().map(|r| r.end),
    })
}
