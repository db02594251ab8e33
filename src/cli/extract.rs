//! `lede extract`: quotes and figures as JSON, JSON Lines or text.
//!
//! The JSON shape is a contract scripts depend on: one object per article with `path`,
//! `title`, `date`, `source`, `duplicates`, `quotes` and `figures`; `start`/`end` are UTF-8
//! byte offsets into the article body, `char_start`/`char_end` the same places counted in
//! characters (Unicode scalar values). Fields are only ever added.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use lede::corpus::Article;
use lede::extract::{Extraction, FigureKind, FigureValue};
use lede::terminal_safe;

use crate::Format;

/// Shown after `lede extract --help`.
pub const AFTER_HELP: &str = "Output: one object per article (a JSON array, or one per line \
with --format jsonl) with path, title, date, source, duplicates (files with the same text, \
folded into this article and each also named on stderr), quotes (text, speaker, fragment) and \
figures (text, kind, value, qualifier, unit). In both, start/end are UTF-8 byte offsets into the \
article body and char_start/char_end the same places counted in characters.

Examples:
  lede extract --format text                      the seeds' quotes and figures
  lede extract --format jsonl ~/news > quotes.jsonl
  cat article.txt | lede extract -                one article from standard input";

#[derive(Serialize)]
struct QuoteOut<'a> {
    text: &'a str,
    speaker: Option<&'a str>,
    fragment: bool,
    start: usize,
    end: usize,
    char_start: usize,
    char_end: usize,
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
    char_start: usize,
    char_end: usize,
}

#[derive(Serialize)]
struct ArticleOut<'a> {
    path: String,
    title: &'a str,
    date: Option<String>,
    source: Option<&'a str>,
    /// The other files whose text is this article's, listed once here.
    duplicates: &'a [String],
    quotes: Vec<QuoteOut<'a>>,
    figures: Vec<FigureOut<'a>>,
}

/// Byte offsets of one text to character offsets, counting on from the last offset asked
/// (offsets come in text order, so an article is walked about once per list).
struct CharOffsets<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharOffsets<'a> {
    fn new(text: &'a str) -> Self {
        CharOffsets {
            text,
            byte: 0,
            chars: 0,
        }
    }

    fn at(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        let between = self.text.get(self.byte..byte).unwrap_or("");
        // Counting the bytes that start a character (not continuation bytes 0b10xxxxxx).
        self.chars += between.bytes().filter(|&b| (b as i8) >= -0x40).count();
        self.byte = byte;
        self.chars
    }
}

fn article_out<'a>(article: &'a Article, extraction: &'a Extraction) -> ArticleOut<'a> {
    let mut offsets = CharOffsets::new(&article.body);
    let quotes = extraction
        .quotes
        .iter()
        .map(|q| QuoteOut {
            text: &q.text,
            speaker: q.speaker.as_deref(),
            fragment: q.fragment,
            start: q.range.start,
            end: q.range.end,
            char_start: offsets.at(q.range.start),
            char_end: offsets.at(q.range.end),
        })
        .collect();
    let mut offsets = CharOffsets::new(&article.body);
    let figures = extraction
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
            char_start: offsets.at(f.range.start),
            char_end: offsets.at(f.range.end),
        })
        .collect();
    ArticleOut {
        path: article.path.display().to_string(),
        title: &article.title,
        date: article.date.map(|d| d.to_string()),
        source: article.source.as_deref(),
        duplicates: &article.origin.duplicates,
        quotes,
        figures,
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
    // A script keyed by file path can account for every file it handed over.
    for article in &corpus.articles {
        for copy in &article.origin.duplicates {
            eprintln!(
                "lede: {copy}: same text as {}, listed once under that path",
                article.path.display()
            );
        }
    }
    super::cache::before_extracting(corpus.articles.len());
    let mut progress = super::progress::Progress::new("extracting", corpus.articles.len());
    let extractions: Vec<Extraction> = corpus
        .articles
        .iter()
        .map(|article| {
            progress.tick(1);
            super::cache::extraction(article)
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
            FigureValue::Range(low, high) => format!("{low}–{high}"),
            FigureValue::Date(d) | FigureValue::Score(d) => d.clone(),
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
