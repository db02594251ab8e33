//! `lede extract`: quotes and figures as JSON, JSON Lines or text.
//!
//! The JSON shape is a contract scripts depend on: one object per article with `path`,
//! `title`, `date`, `source`, `quotes` and `figures`; `start`/`end` are byte offsets into
//! the article body.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use lede::corpus::Article;
use lede::extract::{Extraction, FigureKind, FigureValue, extract};
use lede::terminal_safe;

use crate::Format;

#[derive(Serialize)]
struct QuoteOut<'a> {
    text: &'a str,
    speaker: Option<&'a str>,
    fragment: bool,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct FigureOut<'a> {
    text: &'a str,
    kind: FigureKind,
    value: &'a FigureValue,
    qualifier: Option<&'a str>,
    unit: Option<&'a str>,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct ArticleOut<'a> {
    path: String,
    title: &'a str,
    date: Option<String>,
    source: Option<&'a str>,
    quotes: Vec<QuoteOut<'a>>,
    figures: Vec<FigureOut<'a>>,
}

fn article_out<'a>(article: &'a Article, extraction: &'a Extraction) -> ArticleOut<'a> {
    ArticleOut {
        path: article.path.display().to_string(),
        title: &article.title,
        date: article.date.map(|d| d.to_string()),
        source: article.source.as_deref(),
        quotes: extraction
            .quotes
            .iter()
            .map(|q| QuoteOut {
                text: &q.text,
                speaker: q.speaker.as_deref(),
                fragment: q.fragment,
                start: q.range.start,
                end: q.range.end,
            })
            .collect(),
        figures: extraction
            .figures
            .iter()
            .map(|f| FigureOut {
                text: &f.text,
                kind: f.kind,
                value: &f.value,
                qualifier: f.qualifier.as_deref(),
                unit: f.unit.as_deref(),
                start: f.range.start,
                end: f.range.end,
            })
            .collect(),
    }
}

pub fn run(
    format: Format,
    paths: &[PathBuf],
    data_dir: Option<PathBuf>,
) -> anyhow::Result<ExitCode> {
    let corpus = super::load_paths_or_default(paths, data_dir);
    for problem in &corpus.problems {
        super::warn(format_args!(
            "{}: {}",
            problem.path.display(),
            problem.reason
        ));
    }
    let mut progress = super::progress::Progress::new("extracting", corpus.articles.len());
    let extractions: Vec<Extraction> = corpus
        .articles
        .iter()
        .map(|article| {
            progress.tick(1);
            extract(article)
        })
        .collect();
    progress.finish();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match format {
        Format::Json => {
            let all: Vec<ArticleOut> = corpus
                .articles
                .iter()
                .zip(&extractions)
                .map(|(a, e)| article_out(a, e))
                .collect();
            lede::safe_json::to_writer_pretty(&mut out, &all)?;
            writeln!(out)?;
        }
        Format::Jsonl => {
            for (a, e) in corpus.articles.iter().zip(&extractions) {
                lede::safe_json::to_writer(&mut out, &article_out(a, e))?;
                writeln!(out)?;
            }
        }
        Format::Text => {
            for (a, e) in corpus.articles.iter().zip(&extractions) {
                write_text(&mut out, a, e)?;
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

fn write_text(out: &mut impl Write, article: &Article, extraction: &Extraction) -> io::Result<()> {
    writeln!(
        out,
        "{} ({})",
        terminal_safe(&article.title),
        terminal_safe(&article.path.display().to_string())
    )?;
    for q in &extraction.quotes {
        let speaker = terminal_safe(q.speaker.as_deref().unwrap_or("?"));
        let kind = if q.fragment { " (fragment)" } else { "" };
        writeln!(out, "  {speaker}: “{}”{kind}", terminal_safe(&q.text))?;
    }
    for f in &extraction.figures {
        let value = match &f.value {
            FigureValue::Number(n) => n.to_string(),
            FigureValue::Date(d) => d.clone(),
        };
        writeln!(
            out,
            "  [{:?}] {} = {}",
            f.kind,
            terminal_safe(&f.text),
            terminal_safe(&value)
        )?;
    }
    writeln!(out)
}
