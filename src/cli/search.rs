//! `lede search`: ranked matches of a query over titles and sentences, as JSON or text.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde::Serialize;

use lede::corpus::Corpus;
use lede::library::{DefaultCorpus, default_corpus};
use lede::search::oneshot::{self, Match, Outcome};
use lede::search::{Mode, Query};

use super::ordered_write::write_all_formatted;

#[derive(Args, Debug)]
#[command(after_help = "Examples:
  lede search nato                          the seeds' best matches for \"nato\"
  lede search --limit 0 \"'Patriot missiles\" ~/news
  lede search --format grep erdogan ~/news  PATH:LINE:COLUMN: rows for an editor
  vim -q <(lede search --format grep nato ~/news)")]
pub struct SearchArgs {
    #[arg(long, value_enum, default_value_t = SearchFormat::Text)]
    format: SearchFormat,
    /// How many results to print, best first (0: all of them).
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Match plain terms as fzf does, letters in order with gaps allowed (what `~term`
    /// does for one term), instead of as words.
    #[arg(long)]
    subsequence: bool,
    /// Words, in any order, typos allowed in longer words; the last word may be
    /// unfinished. fzf's operators too: 'exact, ^prefix, suffix$, !exclude, a | b,
    /// ~fuzzy; "a phrase" (or 'a\ phrase) matches words with spaces exactly; smart
    /// case; accents ignored.
    #[arg(allow_hyphen_values = true)]
    query: String,
    /// Article files and folders (default: the library, or the bundled seeds when it is empty).
    paths: Vec<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SearchFormat {
    Json,
    Text,
    /// `PATH:LINE:COLUMN: TEXT`, for editors (as `grep -n --column` prints).
    Grep,
}

/// One result as printed in JSON.
#[derive(Serialize, Clone)]
struct Row<'a> {
    path: &'a str,
    title: &'a str,
    kind: &'static str,
    text: &'a str,
    score: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<usize>,
}

pub fn run(args: &SearchArgs, data_dir: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let mode = if args.subsequence {
        Mode::Subsequence
    } else {
        Mode::Prose
    };
    let query = Query::parse_with(&args.query, mode);
    let mut out = BufWriter::new(io::stdout().lock());
    let outcome = if args.format == SearchFormat::Grep {
        // A grep row goes back to the article's file: the articles are kept.
        let corpus = super::load_paths_or_default(&args.paths, data_dir);
        let outcome = Outcome {
            problems: corpus.problems.clone(),
            ..oneshot::search_articles(&corpus.articles, &query, args.limit)
        };
        let mut files = super::search_grep::FileTexts::default();
        for found in &outcome.matches {
            let number = found.hit.article();
            if let Some(article) = corpus.articles.get(number) {
                files.write_row(&mut out, number, article, found.range.clone())?;
            }
        }
        outcome
    } else {
        // Files are searched as they are read, never held all at once (see `oneshot`).
        let outcome = if args.paths.is_empty() {
            match default_corpus(lede::paths::data_dir(data_dir).as_deref()) {
                DefaultCorpus::Seeds => {
                    oneshot::search_articles(&Corpus::seeds().articles, &query, args.limit)
                }
                library => super::progress::search_files(&library.paths(), &query, args.limit),
            }
        } else {
            super::progress::search_files(&args.paths, &query, args.limit)
        };
        match args.format {
            SearchFormat::Json => write_json(&mut out, &outcome.matches, |m| Some(row(m)))?,
            _ => write_all_formatted(&mut out, &outcome.matches, |_, found, buffer| {
                write_text_row(&row(found), buffer)
            })?,
        }
        outcome
    };
    out.flush()?;
    for problem in &outcome.problems {
        super::warn(format_args!(
            "{}: {}",
            problem.path.display(),
            problem.reason
        ));
    }
    if let Some(problem) = &outcome.query_problem {
        super::warn(problem);
    }
    Ok(
        if outcome.problems.is_empty() && outcome.query_problem.is_none() {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        },
    )
}

/// What a match prints.
fn row(found: &Match) -> Row<'_> {
    Row {
        path: &found.article.path,
        title: &found.article.title,
        kind: found.kind.name(),
        text: &found.text,
        score: found.hit.score,
        start: found.range.as_ref().map(|r| r.start),
        end: found.range.as_ref().map(|r| r.end),
    }
}

/// `PATH[:START]<tab>KIND<tab>TEXT`, the text on one line.
fn write_text_row(row: &Row, out: &mut Vec<u8>) -> io::Result<()> {
    out.extend_from_slice(row.path.as_bytes());
    if let Some(start) = row.start {
        write!(out, ":{start}")?;
    }
    out.push(b'\t');
    out.extend_from_slice(row.kind.as_bytes());
    out.push(b'\t');
    push_one_line(out, row.text);
    out.push(b'\n');
    Ok(())
}

/// Appends `text` with every run of whitespace made one space and none at the ends: the
/// words of `split_whitespace` joined by spaces, copied whole when it already is so.
fn push_one_line(out: &mut Vec<u8>, text: &str) {
    if is_one_line(text) {
        out.extend_from_slice(text.as_bytes());
        return;
    }
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        out.extend_from_slice(word.as_bytes());
    }
}

/// True when the only whitespace in `text` is single spaces between other chars.
fn is_one_line(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    if memchr::memchr3(b'\n', b'\t', b'\r', bytes).is_some()
        || memchr::memchr2(0x0B, 0x0C, bytes).is_some()
        || memchr::memmem::find(bytes, b"  ").is_some()
    {
        return false;
    }
    // The other whitespace chars (U+0085, U+00A0, U+1680, U+2000 to U+205F, U+3000)
    // start with one of these bytes: only chars starting so are decoded.
    let mut leads =
        memchr::memchr3_iter(0xC2, 0xE2, 0xE3, bytes).chain(memchr::memchr_iter(0xE1, bytes));
    !leads.any(|at| {
        text.get(at..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(char::is_whitespace)
    })
}

/// The rows of `items` as one pretty-printed JSON array (as `serde_json::to_writer_pretty`
/// writes it), each row serialised on its own so that rows are formatted on all cores.
/// Items without a row are left out.
fn write_json<T: Sync>(
    out: &mut impl Write,
    items: &[T],
    row: impl for<'a> Fn(&'a T) -> Option<Row<'a>> + Sync,
) -> io::Result<()> {
    let Some(first) = items.iter().position(|item| row(item).is_some()) else {
        return writeln!(out, "[]");
    };
    out.write_all(b"[")?;
    write_all_formatted(out, items, |i, item, buffer| {
        let Some(row) = row(item).filter(|_| i >= first) else {
            return Ok(());
        };
        buffer.extend_from_slice(if i == first { b"\n  " } else { b",\n  " });
        let json = lede::safe_json::to_vec_pretty(&row)?;
        // Nested one level: every line of the object indented by two more spaces (JSON
        // strings escape their newlines, so each newline here is between two lines).
        let mut lines = json.split(|&b| b == b'\n');
        if let Some(first_line) = lines.next() {
            buffer.extend_from_slice(first_line);
        }
        for line in lines {
            buffer.extend_from_slice(b"\n  ");
            buffer.extend_from_slice(line);
        }
        Ok(())
    })?;
    out.write_all(b"\n]\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_rows() -> Vec<Row<'static>> {
        vec![
            Row {
                path: "a/b.txt",
                title: "Title \"quoted\"",
                kind: "title",
                text: "Title \"quoted\"",
                score: 120,
                start: None,
                end: None,
            },
            Row {
                path: "a/c d.txt",
                title: "Erdoğan",
                kind: "sentence",
                text: "Line one\nline\ttwo \u{2028} ünïcode",
                score: -3,
                start: Some(10),
                end: Some(48),
            },
        ]
    }

    /// (As `lede::safe_json` writes it: serde_json's layout, terminal controls escaped.)
    #[test]
    fn json_rows_are_written_as_serde_json_writes_the_array() {
        let rows = sample_rows();
        for n in 0..=rows.len() {
            let mut ours = Vec::new();
            write_json(&mut ours, &rows[..n], |row| Some(row.clone())).unwrap();
            let mut expected = lede::safe_json::to_vec_pretty(&rows[..n]).unwrap();
            expected.push(b'\n');
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                String::from_utf8(expected).unwrap()
            );
        }
        // Items without a row are left out, the first one included.
        let mut ours = Vec::new();
        write_json(&mut ours, &[0, 1, 2], |&i| {
            (i > 0).then(|| rows[i - 1].clone())
        })
        .unwrap();
        let mut expected = lede::safe_json::to_vec_pretty(&rows).unwrap();
        expected.push(b'\n');
        assert_eq!(ours, expected);
    }

    #[test]
    fn text_is_put_on_one_line_like_split_whitespace() {
        let texts = [
            "plain words here",
            "",
            " leading",
            "trailing ",
            "two  spaces",
            "tab\there",
            "new\nline",
            "no\u{A0}break",
            "line\u{2028}separator",
            "ideographic\u{3000}space",
            "“curly” quotes’ and — dashes",
            "\u{85}next line",
            "vertical\u{B}tab",
        ];
        for text in texts {
            let mut ours = Vec::new();
            push_one_line(&mut ours, text);
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(String::from_utf8(ours).unwrap(), expected, "{text:?}");
        }
    }

    #[test]
    fn text_rows_name_path_place_kind_and_text() {
        let rows = sample_rows();
        let mut out = Vec::new();
        for row in &rows {
            write_text_row(row, &mut out).unwrap();
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a/b.txt\ttitle\tTitle \"quoted\"\n\
             a/c d.txt:10\tsentence\tLine one line two ünïcode\n"
        );
    }
}
