//! `lede show`: each article as lede reads it (metadata and paragraphs, boilerplate
//! marked), as text, JSON or JSON Lines, so that scripts can use lede as an article
//! extractor and extraction quality can be measured.
//!
//! The JSON shape is a contract: a top-level array with one object per article holding
//! `path`, `title`, `byline` (names), `date`, `source`, `url`, `language`, `duplicates`
//! (the paths folded into it) and `paragraphs` (`{"text", "boilerplate"}`). Every input
//! file is an article, a `duplicates` entry, or a problem on stderr.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;

use lede::corpus::{Article, sanitize};

use crate::Format;

#[derive(Args, Debug)]
pub struct ShowArgs {
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Article files and folders (default: the default corpus).
    paths: Vec<PathBuf>,
}

#[derive(Serialize)]
struct ParagraphOut<'a> {
    text: &'a str,
    boilerplate: bool,
}

#[derive(Serialize)]
struct ArticleOut<'a> {
    path: String,
    title: &'a str,
    byline: &'a [String],
    date: Option<String>,
    source: Option<&'a str>,
    url: Option<&'a str>,
    language: Option<&'a str>,
    duplicates: &'a [String],
    paragraphs: Vec<ParagraphOut<'a>>,
}

fn article_out(article: &Article) -> ArticleOut<'_> {
    ArticleOut {
        path: article.path.display().to_string(),
        title: &article.title,
        byline: &article.byline,
        date: article.date.map(|d| d.to_string()),
        source: article.source.as_deref(),
        url: article.origin.url.as_deref(),
        language: article.language.as_deref(),
        duplicates: &article.origin.duplicates,
        paragraphs: article
            .paragraphs
            .iter()
            .enumerate()
            .map(|(i, p)| ParagraphOut {
                text: article.paragraph_text(i),
                boilerplate: p.kind.is_boilerplate(),
            })
            .collect(),
    }
}

pub fn run(args: &ShowArgs, data_dir: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let corpus = super::load_paths_or_default(&args.paths, data_dir);
    for problem in &corpus.problems {
        super::warn(format_args!(
            "{}: {}",
            sanitize(&problem.path.display().to_string()),
            problem.reason
        ));
    }
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        Format::Json => {
            out.write_all(b"[")?;
            for (i, article) in corpus.articles.iter().enumerate() {
                out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
                serde_json::to_writer(&mut out, &article_out(article))?;
            }
            out.write_all(b"\n]\n")?;
        }
        Format::Jsonl => {
            for article in &corpus.articles {
                serde_json::to_writer(&mut out, &article_out(article))?;
                writeln!(out)?;
            }
        }
        Format::Text => {
            for article in &corpus.articles {
                write_text(&mut out, article)?;
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

/// The article for a person: a header of what is known about it, then the paragraphs,
/// boilerplate marked with `~`. Paths are sanitised here (article fields are at load).
fn write_text(out: &mut impl Write, article: &Article) -> io::Result<()> {
    writeln!(out, "# {}", article.title)?;
    writeln!(
        out,
        "path: {}",
        sanitize(&article.path.display().to_string())
    )?;
    if !article.byline.is_empty() {
        writeln!(out, "by: {}", article.byline.join(", "))?;
    }
    let fields = [
        ("date", article.date.map(|d| d.to_string())),
        ("source", article.source.clone()),
        ("url", article.origin.url.clone()),
        ("language", article.language.clone()),
    ];
    for (name, value) in fields {
        if let Some(value) = value {
            writeln!(out, "{name}: {value}")?;
        }
    }
    for duplicate in &article.origin.duplicates {
        writeln!(out, "duplicate: {}", sanitize(duplicate))?;
    }
    for (i, p) in article.paragraphs.iter().enumerate() {
        let text = article.paragraph_text(i).replace('\n', " ");
        let mark = if p.kind.is_boilerplate() { "~ " } else { "" };
        writeln!(out, "\n{mark}{text}")?;
    }
    writeln!(out)
}
