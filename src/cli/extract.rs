//! `lede extract`: quotes and figures as JSON, JSON Lines or text.
//!
//! The JSON shape is a contract scripts depend on: one object per article with `path`,
//! `title`, `date`, `source`, `duplicates`, `quotes` and `figures`; `start`/`end` are UTF-8
//! byte offsets into the article body, `char_start`/`char_end` the same places counted in
//! characters (Unicode scalar values). Fields are only ever added.

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;
use serde::ser::{SerializeSeq, Serializer};

use lede::corpus::{
    Article, Corpus, FileList, FileLoad, LoadProblem, ReadFile, is_stdin, list_files,
    load_each_folding,
};
use lede::extract::{Extraction, FigureKind, FigureValue};
use lede::terminal_safe;

use crate::Format;

mod first_pass;
use first_pass::{FirstPass, changed_message};

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
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    // Messages are lost, not the output, when standard error is a closed pipe.
    let mut err = MessagesOrNothing(io::stderr());
    // Standard input cannot be read twice, and the library (no paths) is loaded whole
    // anyway: those are extracted from the corpus held whole.
    let problems = if paths.is_empty() || paths.iter().any(|path| is_stdin(path)) {
        let corpus = super::load_paths_or_default(paths, data_dir);
        extract_corpus(format, &corpus, &mut out, &mut err)?;
        corpus.problems.len()
    } else {
        // Both passes read through the cache's corpus snapshot, as the reader does: the
        // second takes the texts from it again instead of decoding the cache's records.
        // The files are listed once, for both passes.
        let listed = list_files(paths);
        let read = &super::cache::read_file;
        super::cache::through_snapshot(paths, listed.files.len(), |report_snapshot| {
            extract_streamed(format, &listed, read, report_snapshot, &mut out, &mut err)
        })?
    };
    out.flush()?;
    Ok(if problems == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Standard error for messages: a write it refuses (a closed pipe) is dropped, so the
/// articles are still extracted and written.
struct MessagesOrNothing(io::Stderr);

impl Write for MessagesOrNothing {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        Ok(self.0.write(bytes).unwrap_or(bytes.len()))
    }

    fn flush(&mut self) -> io::Result<()> {
        let _ = self.0.flush();
        Ok(())
    }
}

/// Writes the problems on `err`, then a line for each file folded into an article
/// (`copies` holds, for each article with copies, its path and theirs): a script keyed by
/// file path can account for every file it handed over.
fn report_before_output<'a>(
    err: &mut dyn Write,
    problems: &[LoadProblem],
    copies: impl Iterator<Item = (String, &'a [String])>,
) -> io::Result<()> {
    for problem in problems {
        let message = format_args!("{}: {}", problem.path.display(), problem.reason);
        writeln!(err, "{}", super::warning_line(message))?;
    }
    for (path, duplicates) in copies {
        for copy in duplicates {
            let message = format_args!("{copy}: same text as {path}, listed once under that path");
            writeln!(err, "{}", super::warning_line(message))?;
        }
    }
    Ok(())
}

/// Extracts and writes a corpus held whole.
fn extract_corpus(
    format: Format,
    corpus: &Corpus,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<()> {
    let copies = corpus
        .articles
        .iter()
        .filter(|article| !article.origin.duplicates.is_empty())
        .map(|article| {
            let path = article.path.display().to_string();
            (path, article.origin.duplicates.as_slice())
        });
    report_before_output(err, &corpus.problems, copies)?;
    super::cache::before_extracting(corpus.articles.len());
    let mut progress = super::progress::Progress::new("extracting", corpus.articles.len());
    write_articles(format, out, |write| {
        for article in &corpus.articles {
            progress.tick(1);
            if !write(article, &super::cache::extraction(article)) {
                break;
            }
        }
    })?;
    progress.finish();
    Ok(())
}

/// Extracts and writes the articles of the files `listed` (read by `read`) as [`extract_corpus`]
/// does the corpus they make, byte for byte, without holding it: a first pass keeps
/// only which articles are copies of which (their fingerprints, the paths of the
/// articles kept and the labels of the copies), a second reads, extracts (on every core,
/// the extractions kept in the cache looked up a worker's hand-over at a time) and
/// writes one article at a time. `after_first_pass` is called between the passes (to
/// report a damaged corpus snapshot before the first pass's problems). A file that
/// changed between the two passes, and a problem the first pass did not have (a file
/// that could not be read again), are named on `err` afterwards, and counted as
/// problems. Once `out` refuses a write, nothing more is read. Returns how many problems
/// there were.
fn extract_streamed(
    format: Format,
    listed: &FileList,
    read: &ReadFile<'_>,
    after_first_pass: &dyn Fn(),
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<usize> {
    let mut first = FirstPass::default();
    let problems = super::progress::counting_files(|progress| {
        load_each_folding(
            listed.clone(),
            progress,
            read,
            |article| {
                let path = article.path.display().to_string();
                (path, article.origin.label(), article.origin.file)
            },
            |_| {},
            |(path, label, file), story, copy_of| first.note(story, path, file, label, copy_of),
        )
    });
    after_first_pass();
    report_before_output(err, &problems, first.copies())?;
    let mut progress = super::progress::Progress::new("extracting", first.articles());
    // The first pass's copies are not extracted again, only to be dropped: one that is
    // no copy the second time (its file changed) is extracted when it is written.
    let copy_labels: HashSet<String> = first
        .copies()
        .flat_map(|(_, labels)| labels.iter().cloned())
        .collect();
    let mut second = first.matching();
    // Set once a write fails (a closed pipe): the files left are not read.
    let stopped = AtomicBool::new(false);
    let read_until_stopped = |path: &Path, part: &mut dyn FnMut(FileLoad) -> bool| {
        if !stopped.load(Ordering::Relaxed) {
            read(path, part);
        }
    };
    let mut new_problems = Vec::new();
    write_articles(format, out, |write| {
        let again = load_each_folding(
            listed.clone(),
            |_, _| {},
            &read_until_stopped,
            |article| (article, None),
            |mut pending: Vec<&mut (Article, Option<Extraction>)>| {
                if !copy_labels.is_empty() {
                    pending.retain(|(article, _)| !copy_labels.contains(&article.origin.label()));
                }
                let articles: Vec<&Article> = pending.iter().map(|(article, _)| article).collect();
                let extractions = super::cache::extractions(&articles);
                for ((_, extraction), found) in pending.into_iter().zip(extractions) {
                    *extraction = Some(found);
                }
            },
            |(mut article, extraction), story, copy_of| {
                if copy_of.is_some() || stopped.load(Ordering::Relaxed) {
                    return;
                }
                // Not settled: a copy the first time that is none now (its file or its
                // original changed), or settling went wrong (a bug). Extracted here.
                let extraction = extraction.unwrap_or_else(|| super::cache::extraction(&article));
                let path = article.path.display().to_string();
                article.origin.duplicates = second.copies_of(story, &path, &article.origin.file);
                progress.tick(1);
                if !write(&article, &extraction) {
                    stopped.store(true, Ordering::Relaxed);
                }
            },
        );
        let known: HashSet<(&Path, &str)> = problems
            .iter()
            .map(|problem| (problem.path.as_path(), problem.reason.as_str()))
            .collect();
        new_problems = again
            .into_iter()
            .filter(|problem| !known.contains(&(problem.path.as_path(), problem.reason.as_str())))
            .collect();
    })?;
    progress.finish();
    let changed = second.changed();
    for problem in &new_problems {
        let message = format_args!("{}: {}", problem.path.display(), problem.reason);
        writeln!(err, "{}", super::warning_line(message))?;
    }
    for file in &changed {
        writeln!(err, "{}", super::warning_line(changed_message(file)))?;
    }
    Ok(problems.len() + new_problems.len() + changed.len())
}

/// Writes articles in `format` as `each` hands them (with their extractions) to the
/// function it is given, each written at once: in JSON, the array `to_writer_pretty`
/// would write for them all. Once a write fails, the function returns false, the rest
/// are not written and the error is returned.
fn write_articles(
    format: Format,
    mut out: &mut dyn Write,
    each: impl FnOnce(&mut dyn FnMut(&Article, &Extraction) -> bool),
) -> anyhow::Result<()> {
    let mut failed: Option<anyhow::Error> = None;
    match format {
        Format::Json => {
            {
                let mut serializer = lede::safe_json::pretty_serializer(&mut out);
                let mut array = serializer.serialize_seq(None)?;
                each(&mut |article, extraction| {
                    if failed.is_none()
                        && let Err(error) =
                            array.serialize_element(&article_out(article, extraction))
                    {
                        failed = Some(error.into());
                    }
                    failed.is_none()
                });
                if let Some(error) = failed {
                    return Err(error);
                }
                SerializeSeq::end(array)?;
            }
            writeln!(out)?;
        }
        Format::Jsonl => each(&mut |article, extraction| {
            if failed.is_none() {
                let written =
                    lede::safe_json::to_writer(&mut out, &article_out(article, extraction))
                        .map_err(anyhow::Error::from)
                        .and_then(|()| Ok(writeln!(out)?));
                failed = written.err();
            }
            failed.is_none()
        }),
        Format::Text => each(&mut |article, extraction| {
            if failed.is_none() {
                failed = write_text(&mut out, article, extraction)
                    .err()
                    .map(Into::into);
            }
            failed.is_none()
        }),
    }
    match failed {
        Some(error) => Err(error),
        None => Ok(()),
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    const STORY: &str = "Title line\n\n\"We will build it,\" the mayor said on Monday. \
        The bridge costs $4.5 million and opens in 2027.\n";
    const OTHER: &str = "Another story\n\nProfits rose 12% last year, \"a record,\" \
        said Ana Ruiz, the chief executive.\n";

    /// A folder with copies (in the same folder, a subfolder and a JSON Lines file), a
    /// file that cannot be read (binary) and a JSON Lines line that does not parse.
    fn folder_with_copies_and_bad_files() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        fs::create_dir(root.join("sub")).expect("sub folder");
        fs::write(root.join("a.txt"), STORY).expect("write");
        fs::write(root.join("b.txt"), STORY).expect("write");
        fs::write(root.join("sub/copy.md"), STORY).expect("write");
        fs::write(root.join("sub/other.txt"), OTHER).expect("write");
        fs::write(root.join("bad.txt"), b"ab\x00\x00\xff\xfe\x00binary").expect("write");
        let line = |title: &str, text: &str| {
            serde_json::json!({ "title": title, "text": text }).to_string()
        };
        let lines = [
            line("One", OTHER),
            "{not json".to_string(),
            line("Two", OTHER),
            line("Three", "A third story, \"with a quote,\" she said.\n"),
        ];
        fs::write(root.join("d.jsonl"), lines.join("\n") + "\n").expect("write");
        dir
    }

    fn read(path: &std::path::Path, part: &mut dyn FnMut(lede::corpus::FileLoad) -> bool) {
        lede::corpus::load_path_in_parts(path, part);
    }

    /// [`extract_streamed`] of `folder`, its files read by `read`: the problems counted,
    /// the output and the messages.
    fn streamed(format: Format, folder: &Path, read: &ReadFile<'_>) -> (usize, String, String) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let listed = list_files(&[folder.to_path_buf()]);
        let problems =
            extract_streamed(format, &listed, read, &|| {}, &mut out, &mut err).expect("streamed");
        let text = |bytes: Vec<u8>| String::from_utf8_lossy(&bytes).into_owned();
        (problems, text(out), text(err))
    }

    #[test]
    fn streamed_output_is_that_of_the_corpus_held_whole() {
        let dir = folder_with_copies_and_bad_files();
        let paths = [dir.path().to_path_buf()];
        let corpus = Corpus::load(&paths);
        assert!(
            corpus
                .articles
                .iter()
                .any(|a| a.origin.duplicates.len() == 2)
        );
        assert_eq!(corpus.problems.len(), 2, "{:?}", corpus.problems);
        for format in [Format::Json, Format::Jsonl, Format::Text] {
            let (mut whole_out, mut whole_err) = (Vec::new(), Vec::new());
            extract_corpus(format, &corpus, &mut whole_out, &mut whole_err).expect("whole");
            let (problems, out, err) = streamed(format, dir.path(), &read);
            assert_eq!(problems, corpus.problems.len());
            assert_eq!(out, String::from_utf8_lossy(&whole_out), "{format:?}");
            assert_eq!(err, String::from_utf8_lossy(&whole_err));
            let a = dir.path().join("a.txt").display().to_string();
            for copy in ["b.txt", "sub/copy.md"] {
                let copy = dir.path().join(copy).display().to_string();
                let line = format!("lede: {copy}: same text as {a}, listed once under that path");
                assert!(err.lines().any(|l| l == line), "{err}");
            }
            assert!(err.contains("bad.txt"), "{err}");
        }
    }

    #[test]
    fn a_file_changed_between_the_passes_is_named_and_given_no_copies() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        fs::write(root.join("a.txt"), STORY).expect("write");
        fs::write(root.join("b.txt"), STORY).expect("write");
        fs::write(root.join("c.txt"), OTHER).expect("write");
        let a = root.join("a.txt");
        let reads_of_a = std::sync::atomic::AtomicUsize::new(0);
        let changed_story = "Changed story\n\nSales fell 3% in May, \"a blow,\" she said.\n";
        // a.txt is rewritten just before the second pass reads it.
        let read_changing =
            |path: &std::path::Path, part: &mut dyn FnMut(lede::corpus::FileLoad) -> bool| {
                if path == a && reads_of_a.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 1 {
                    fs::write(&a, changed_story).expect("rewrite");
                }
                lede::corpus::load_path_in_parts(path, part);
            };
        let (problems, out, err) = streamed(Format::Json, root, &read_changing);
        assert_eq!(reads_of_a.into_inner(), 2);
        let (a, b) = (
            a.display().to_string(),
            root.join("b.txt").display().to_string(),
        );
        // The first pass found b.txt a copy of a.txt, and said so.
        let copy_line = format!("lede: {b}: same text as {a}, listed once under that path");
        assert!(err.lines().any(|l| l == copy_line), "{err}");
        let changed_line = format!("lede: {a}: changed while it was being read");
        assert_eq!(
            err.lines().filter(|l| l.starts_with(&changed_line)).count(),
            1,
            "{err}"
        );
        assert_eq!(problems, 1, "the change is a problem");
        // Written as read the second time: a.txt's new text, b.txt's on its own, and
        // no article given b.txt as a copy.
        let written: serde_json::Value = serde_json::from_str(&out).expect("json");
        let articles = written.as_array().expect("array");
        let titles: Vec<(&str, &str)> = articles
            .iter()
            .map(|o| (o["path"].as_str().unwrap(), o["title"].as_str().unwrap()))
            .collect();
        assert_eq!(
            titles,
            [
                (a.as_str(), "Changed story"),
                (b.as_str(), "Title line"),
                (root.join("c.txt").to_str().unwrap(), "Another story")
            ]
        );
        for article in articles {
            assert_eq!(article["duplicates"], serde_json::json!([]), "{article}");
        }
        // b.txt, a copy the first time (so not extracted with the articles read), has
        // its quote and figures all the same.
        assert_eq!(articles[1]["quotes"][0]["text"], "We will build it,");
        assert!(
            articles[1]["figures"]
                .as_array()
                .is_some_and(|f| !f.is_empty())
        );
    }

    #[test]
    fn a_file_that_cannot_be_read_the_second_time_is_named_with_its_reason() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        fs::write(root.join("a.txt"), STORY).expect("write");
        fs::write(root.join("c.txt"), OTHER).expect("write");
        let a = root.join("a.txt");
        let reads_of_a = std::sync::atomic::AtomicUsize::new(0);
        // a.txt can be read by the first pass only (as if its permissions changed).
        let read_once = |path: &Path, part: &mut dyn FnMut(FileLoad) -> bool| {
            if path == a && reads_of_a.fetch_add(1, Ordering::SeqCst) == 1 {
                part(FileLoad {
                    articles: Vec::new(),
                    problems: vec![LoadProblem {
                        path: path.to_path_buf(),
                        reason: "Permission denied (os error 13)".to_string(),
                    }],
                });
                return;
            }
            lede::corpus::load_path_in_parts(path, part);
        };
        let (problems, out, err) = streamed(Format::Jsonl, root, &read_once);
        let denied = format!("lede: {}: Permission denied (os error 13)", a.display());
        assert!(err.lines().any(|line| line == denied), "{err}");
        assert!(problems >= 1, "{err}");
        assert_eq!(out.lines().count(), 1, "only c.txt is written: {out}");
    }

    /// A writer that takes `left` bytes, then refuses (as a closed pipe does).
    struct ClosingAfter {
        left: usize,
    }

    impl Write for ClosingAfter {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.left == 0 {
                return Err(io::ErrorKind::BrokenPipe.into());
            }
            let taken = buf.len().min(self.left);
            self.left -= taken;
            Ok(taken)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn once_the_output_is_closed_the_files_left_are_not_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let files = 2000;
        for n in 0..files {
            let text = format!("Story {n}\n\nThe council met {n} times, \"too many,\" she said.\n");
            fs::write(dir.path().join(format!("{n:04}.txt")), text).expect("write");
        }
        let reads = std::sync::atomic::AtomicUsize::new(0);
        let counting = |path: &Path, part: &mut dyn FnMut(FileLoad) -> bool| {
            reads.fetch_add(1, Ordering::SeqCst);
            lede::corpus::load_path_in_parts(path, part);
        };
        for format in [Format::Json, Format::Jsonl, Format::Text] {
            reads.store(0, Ordering::SeqCst);
            let mut out = ClosingAfter { left: 100 };
            let written = extract_streamed(
                format,
                &list_files(&[dir.path().to_path_buf()]),
                &counting,
                &|| {},
                &mut out,
                &mut Vec::new(),
            );
            assert!(written.is_err(), "{format:?}");
            // The first pass reads every file; the second stops within a few hand-overs.
            let second = reads.load(Ordering::SeqCst) - files;
            assert!(second < files / 2, "{format:?}: {second} files read again");
        }
    }

    #[test]
    fn an_unchanged_run_names_no_file_changed() {
        let dir = folder_with_copies_and_bad_files();
        let (problems, _, err) = streamed(Format::Jsonl, dir.path(), &read);
        assert_eq!(problems, 2);
        assert!(!err.contains("changed while"));
    }

    #[test]
    fn an_empty_folder_gives_an_empty_array() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (problems, out, _) = streamed(Format::Json, dir.path(), &read);
        assert_eq!(problems, 0);
        assert_eq!(out, "[]\n");
    }
}
