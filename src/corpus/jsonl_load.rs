//! Loading JSON Lines files: each good line an article, each bad one a problem naming it;
//! and a big file cut into runs of whole lines, each read on its own (on all cores), its
//! articles shown to a caller before they are parsed (see [`super::load_each_wanted`]).

use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use super::article::{Article, Format, Origin};
use super::decode::{DecodeError, looks_binary, sanitize};
use super::jsonl::{self, LineBytes, LineRun};
use super::load::{FileLoad, LoadProblem, PART_ARTICLES, Wanted, io_reason, open_regular_file};
use super::parse::Unparsed;

/// Most bad lines reported one by one for a JSON Lines file; the rest are counted.
const BAD_LINES_LISTED: usize = 100;

/// A JSON Lines file of twice this size or more is read in runs of about this size.
const RUN_BYTES: u64 = if cfg!(test) { 512 } else { 4 << 20 };

/// A JSON Lines file: an article per good line, a problem per bad one, handed to `part`
/// as they are read.
pub(super) fn jsonl_file(path: &Path, part: &mut impl FnMut(FileLoad) -> bool) {
    match open_regular_file(path) {
        Ok(file) => jsonl_in_parts(path, BufReader::with_capacity(1 << 16, file), part),
        Err(reason) => {
            part(FileLoad {
                articles: Vec::new(),
                problems: vec![problem(path, reason)],
            });
        }
    }
}

/// The articles of a JSON Lines dataset read from `reader`, and a problem per bad line,
/// all named after `path`.
pub fn articles_from_jsonl(path: &Path, reader: impl BufRead) -> FileLoad {
    let mut whole = FileLoad::default();
    jsonl_in_parts(path, reader, &mut |part: FileLoad| {
        whole.articles.extend(part.articles);
        whole.problems.extend(part.problems);
        true
    });
    whole
}

/// [`articles_from_jsonl`], handing articles and problems to `part` every
/// [`PART_ARTICLES`] articles and at the end (at least once).
fn jsonl_in_parts(path: &Path, mut reader: impl BufRead, part: &mut impl FnMut(FileLoad) -> bool) {
    let mut loaded = FileLoad::default();
    let mut tally = LinesTally::default();
    if let Some(reason) = refusal(&mut reader) {
        tally.stop = Some(reason);
        loaded.problems.extend(tally.end(path));
        part(loaded);
        return;
    }
    let mut stopped = false;
    let result = jsonl::read_lines(reader, |line| {
        if stopped {
            return;
        }
        match line_article(path, line, |unparsed| unparsed.parse()) {
            Ok(article) => {
                tally.records += 1;
                loaded.articles.push(article);
                if loaded.articles.len() >= PART_ARTICLES {
                    stopped = !part(std::mem::take(&mut loaded));
                }
            }
            Err(bad) => loaded.problems.extend(tally.bad_line(bad)),
        }
    });
    if let Err(err) = result {
        tally.stop = Some(io_reason(&err));
    }
    loaded.problems.extend(tally.end(path));
    if !stopped {
        part(loaded);
    }
}

/// Why a JSON Lines file is not read at all (empty, binary), from its first bytes.
fn refusal(reader: &mut impl BufRead) -> Option<String> {
    match reader.fill_buf() {
        Ok([]) => Some(DecodeError::Empty.to_string()),
        Ok(head) if looks_binary(head) => Some(DecodeError::Binary.to_string()),
        Ok(_) => None,
        Err(err) => Some(io_reason(&err)),
    }
}

fn problem(path: &Path, reason: String) -> LoadProblem {
    LoadProblem {
        path: path.to_path_buf(),
        reason,
    }
}

/// The article a line of the file `path` holds, shown unparsed to `then` (what it gives
/// is returned), or the problem of a bad line.
fn line_article<T>(
    path: &Path,
    line: jsonl::Line,
    then: impl FnOnce(Unparsed<'_>) -> T,
) -> Result<T, LoadProblem> {
    let bad = |reason: String| problem(path, format!("line {}: {reason}", line.number));
    let record = line.record.map_err(bad)?;
    let text = sanitize(&record.text);
    if text.trim().is_empty() {
        return Err(bad("no article text (text, body or content)".to_string()));
    }
    let warnings = if line.lossy {
        vec!["not valid UTF-8: invalid bytes replaced".to_string()]
    } else {
        Vec::new()
    };
    let origin = Origin {
        file: path.to_path_buf(),
        line: Some(line.number),
        format: Format::JsonLines,
        url: record.url,
        feed: None,
        duplicates: Vec::new(),
    };
    Ok(then(Unparsed {
        path: origin.identity(),
        text: &text,
        warnings,
        metadata: record.metadata,
        origin,
    }))
}

/// What the lines of a JSON Lines file told so far, for the problems told after them.
#[derive(Debug, Default)]
pub(super) struct LinesTally {
    /// Good lines.
    records: usize,
    bad_lines: usize,
    /// Why reading stopped before the end (then the lines after are not read).
    stop: Option<String>,
}

impl LinesTally {
    /// A bad line: its problem, while fewer than [`BAD_LINES_LISTED`] were listed.
    fn bad_line(&mut self, bad: LoadProblem) -> Option<LoadProblem> {
        self.bad_lines += 1;
        (self.bad_lines <= BAD_LINES_LISTED).then_some(bad)
    }

    /// Whether reading the file stopped (its later lines are left out).
    pub(super) fn stopped(&self) -> bool {
        self.stop.is_some()
    }

    /// Takes in what a run of lines told.
    pub(super) fn note(&mut self, step: RunStep, problems: &mut Vec<LoadProblem>) {
        if self.stopped() {
            return;
        }
        self.records += step.records;
        problems.extend(step.bad.into_iter().filter_map(|bad| self.bad_line(bad)));
        if let Some(end) = step.end {
            self.stop = end.stop;
        }
    }

    /// The problems told once the whole file was read.
    pub(super) fn end(self, path: &Path) -> Vec<LoadProblem> {
        let mut problems = Vec::new();
        if self.bad_lines > BAD_LINES_LISTED {
            problems.push(problem(
                path,
                format!(
                    "{} more bad lines not listed",
                    self.bad_lines - BAD_LINES_LISTED
                ),
            ));
        }
        let read_nothing = self.records == 0 && self.bad_lines == 0 && self.stop.is_none();
        problems.extend(self.stop.map(|reason| problem(path, reason)));
        if read_nothing {
            problems.push(problem(path, DecodeError::Empty.to_string()));
        }
        problems
    }
}

/// A JSON Lines file, or a run of its lines, as read by [`read_run`].
#[derive(Debug, Clone)]
pub(super) struct Run {
    pub file: PathBuf,
    pub lines: LineRun,
    /// It is the file's last run.
    pub last: bool,
    /// The file as it was when it was cut into runs (`None` for a file read whole): a run
    /// opens the file again, and a file replaced or rewritten since would be read from
    /// the middle of a line.
    identity: Option<FileIdentity>,
}

/// What tells a file changed: its size, modification time and (on Unix) inode.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FileIdentity {
    len: u64,
    modified: Option<std::time::SystemTime>,
    inode: Option<(u64, u64)>,
}

impl FileIdentity {
    fn of(file: &std::fs::File) -> Option<FileIdentity> {
        let meta = file.metadata().ok()?;
        #[cfg(unix)]
        let inode = {
            use std::os::unix::fs::MetadataExt;
            Some((meta.dev(), meta.ino()))
        };
        #[cfg(not(unix))]
        let inode = None;
        Some(FileIdentity {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode,
        })
    }
}

impl Run {
    /// The whole of `file`.
    fn whole(file: PathBuf) -> Run {
        Run {
            file,
            lines: LineRun {
                bytes: LineBytes {
                    start: 0,
                    len: u64::MAX,
                },
                first_number: 1,
            },
            last: true,
            identity: None,
        }
    }

    pub(super) fn is_whole_file(&self) -> bool {
        self.lines.bytes.start == 0 && self.last
    }
}

/// The runs `file` (a JSON Lines file) is read in: one for the whole file, unless it is
/// big enough to be worth reading on many cores and reads as a dataset (then it is read
/// through once here to find where its lines start).
pub(super) fn runs_of(file: &Path) -> Vec<Run> {
    let whole = || vec![Run::whole(file.to_path_buf())];
    let Ok(opened) = open_regular_file(file) else {
        return whole();
    };
    if opened.metadata().map_or(0, |m| m.len()) < 2 * RUN_BYTES {
        return whole();
    }
    let identity = FileIdentity::of(&opened);
    let mut reader = BufReader::with_capacity(1 << 16, opened);
    if refusal(&mut reader).is_some() {
        return whole();
    }
    // The bytes already buffered are counted too: the reader goes on from the start.
    let Ok(runs) = jsonl::split_lines(reader, RUN_BYTES) else {
        return whole();
    };
    let count = runs.len();
    runs.into_iter()
        .enumerate()
        .map(|(i, lines)| Run {
            file: file.to_path_buf(),
            lines,
            last: i + 1 == count,
            identity: identity.clone(),
        })
        .collect()
}

/// What reading a run hands over, every [`PART_ARTICLES`] articles and at its end.
pub(super) struct RunStep {
    /// Each good line's article, or where the line is when it was not wanted.
    pub entries: Vec<Result<Article, LineAt>>,
    /// How many good lines (the entries).
    records: usize,
    /// A problem per bad line.
    bad: Vec<LoadProblem>,
    /// The first part of the file's first run.
    pub opens_file: bool,
    pub end: Option<RunEnd>,
}

impl RunStep {
    /// Nothing read yet; `opens_file` when it is the first part of the file's first run.
    fn new(opens_file: bool) -> RunStep {
        RunStep {
            entries: Vec::new(),
            records: 0,
            bad: Vec::new(),
            opens_file,
            end: None,
        }
    }
}

/// The end of a run.
pub(super) struct RunEnd {
    pub file: PathBuf,
    /// Why the run was not read to its end.
    stop: Option<String>,
    pub last: bool,
}

/// A line of a JSON Lines file, to read again.
#[derive(Debug, Clone)]
pub(super) struct LineAt {
    pub file: PathBuf,
    bytes: LineBytes,
    number: usize,
}

/// Reads `run`, showing each good line's article to `wanted` before it is parsed: one
/// it does not want is handed over as where its line is.
pub(super) fn read_run(run: &Run, wanted: &Wanted<'_>, part: &mut dyn FnMut(RunStep) -> bool) {
    let path = run.file.as_path();
    let mut step = RunStep::new(run.lines.bytes.start == 0);
    let mut stopped = false;
    let stop = match open_run(run) {
        Err(reason) => Some(reason),
        // Only a file's first run begins where a file that is not a dataset shows.
        Ok(mut reader) => match step.opens_file.then(|| refusal(&mut reader)).flatten() {
            Some(reason) => Some(reason),
            None => {
                let start = run.lines.bytes.start;
                let result = jsonl::read_lines_from(reader, run.lines.first_number, |line| {
                    if stopped {
                        return;
                    }
                    let (number, bytes) = (line.number, line.bytes);
                    let at = || LineAt {
                        file: run.file.clone(),
                        bytes: LineBytes {
                            start: start + bytes.start,
                            len: bytes.len,
                        },
                        number,
                    };
                    match line_article(path, line, |unparsed| {
                        wanted(&unparsed).then(|| unparsed.parse())
                    }) {
                        Ok(article) => {
                            step.records += 1;
                            step.entries.push(article.ok_or_else(at));
                        }
                        Err(bad) => step.bad.push(bad),
                    }
                    if step.entries.len() + step.bad.len() >= PART_ARTICLES {
                        stopped = !part(std::mem::replace(&mut step, RunStep::new(false)));
                    }
                });
                result.err().map(|err| io_reason(&err))
            }
        },
    };
    if stopped {
        return;
    }
    step.end = Some(RunEnd {
        file: run.file.clone(),
        stop,
        last: run.last,
    });
    part(step);
}

/// A reader of the run's bytes.
fn open_run(run: &Run) -> Result<impl BufRead, String> {
    let mut file = open_regular_file(&run.file)?;
    if run.identity.is_some() && FileIdentity::of(&file) != run.identity {
        return Err("it changed while it was being read: search again".to_string());
    }
    if run.lines.bytes.start > 0 {
        file.seek(SeekFrom::Start(run.lines.bytes.start))
            .map_err(|err| io_reason(&err))?;
    }
    Ok(BufReader::with_capacity(
        1 << 16,
        file.take(run.lines.bytes.len),
    ))
}

/// The article of the line at `at`, read again and shown unparsed to `then`; the line
/// must still be a good one.
pub(super) fn line_again<T>(
    at: &LineAt,
    then: impl FnOnce(Unparsed<'_>) -> T,
) -> Result<T, String> {
    let run = Run {
        file: at.file.clone(),
        lines: LineRun {
            bytes: at.bytes,
            first_number: at.number,
        },
        last: true,
        // Whether it is still the line it was is checked as it is parsed.
        identity: None,
    };
    let mut then = Some(then);
    let mut found = None;
    let result = jsonl::read_lines_from(open_run(&run)?, at.number, |line| {
        if let Some(then) = then.take() {
            found = Some(line_article(&at.file, line, then));
        }
    });
    result.map_err(|err| io_reason(&err))?;
    match found {
        Some(Ok(value)) => Ok(value),
        Some(Err(bad)) => Err(bad.reason),
        None => Err(format!("line {}: changed since it was read", at.number)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_of_a_file_changed_since_it_was_cut_is_refused_not_read_from_mid_line() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("data.jsonl");
        let line = |n: usize| format!("{{\"title\": \"Story {n}\", \"text\": \"Body {n}.\"}}\n");
        let records: String = (0..100).map(line).collect();
        std::fs::write(&file, &records).unwrap();
        let runs = runs_of(&file);
        assert!(runs.len() > 2, "cut into runs");
        assert!(open_run(&runs[1]).is_ok(), "unchanged: read");
        // Rewritten with one more line at the start: every later run would start inside
        // a line.
        std::fs::write(&file, format!("{}{records}", line(1000))).unwrap();
        let refused = open_run(&runs[1]).err().expect("refused");
        assert!(
            refused.contains("changed while it was being read"),
            "{refused}"
        );
    }
}
