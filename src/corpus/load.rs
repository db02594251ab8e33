//! Finding and reading article files. A bad file never stops the load: it is listed with
//! its reason and the rest goes on.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::article::{Article, Format, Origin};
use super::decode::{DecodeError, decode, decode_declared, sanitize};
use super::dedup::{SeenTexts, SignatureIndex, StoryWords, WordSignature, fingerprint};
use super::jsonl_load::{
    LineAt, LinesTally, Run, RunStep, jsonl_file, line_again, read_run, runs_of,
};
use super::parse::{Metadata, Unparsed, parse_article};
use super::{frontmatter, html, markdown};

/// A file (or folder) that could not be loaded, and why, in words for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadProblem {
    pub path: PathBuf,
    pub reason: String,
}

/// What a load produced: the articles, in a stable order, and the files left out.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub problems: Vec<LoadProblem>,
}

/// Files inside folders are read when their extension is one of these (or there is none).
const READ_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "shtml", "jsonl", "ndjson",
];

/// The bundled seed articles, compiled into the binary.
const SEEDS: &[(&str, &str)] = &[
    (
        "000_4c127d6cd1a64f9a.txt",
        include_str!("../../seeds/000_4c127d6cd1a64f9a.txt"),
    ),
    (
        "001_70623a27b97a395d.txt",
        include_str!("../../seeds/001_70623a27b97a395d.txt"),
    ),
    (
        "002_2dbff7b6134bf374.txt",
        include_str!("../../seeds/002_2dbff7b6134bf374.txt"),
    ),
    (
        "003_d488c55d3acb0cdc.txt",
        include_str!("../../seeds/003_d488c55d3acb0cdc.txt"),
    ),
    (
        "004_19fbee692e3c43df.txt",
        include_str!("../../seeds/004_19fbee692e3c43df.txt"),
    ),
];

/// The text of the bundled seed file `NAME`, as compiled in.
pub fn bundled_seed_text(name: &str) -> Option<&'static str> {
    SEEDS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
}

impl Corpus {
    /// The five bundled seed articles, with paths `seeds/NAME`.
    pub fn seeds() -> Corpus {
        let articles = SEEDS
            .iter()
            .filter_map(|(name, text)| {
                let decoded = decode(text.as_bytes()).ok()?;
                Some(parse_article(
                    Path::new("seeds").join(name),
                    &decoded.text,
                    Vec::new(),
                ))
            })
            .collect();
        Corpus {
            articles,
            problems: Vec::new(),
        }
    }

    /// Loads files and folders (recursively). Files named directly are read whatever their
    /// extension; inside folders, the formats lede reads (see [`list_files`]) are, and
    /// hidden entries are skipped. The same text reached twice is listed once. Files are
    /// read on all cores; the order is that of [`list_files`] whatever the timing.
    pub fn load(paths: &[PathBuf]) -> Corpus {
        Corpus::load_with_progress(paths, |_, _| {})
    }

    /// [`Corpus::load`], calling `progress(files_done, files_total)` on the calling thread
    /// as each file is read (for a progress bar).
    pub fn load_with_progress(paths: &[PathBuf], progress: impl FnMut(usize, usize)) -> Corpus {
        Corpus::load_reading(paths, progress, &|path, part| {
            load_path_in_parts(path, part)
        })
    }

    /// [`Corpus::load_with_progress`], each file read by `read` (which hands what it
    /// gives to its second argument, as [`load_path_in_parts`] does): the cache reads
    /// unchanged files from what it kept.
    pub fn load_reading(
        paths: &[PathBuf],
        progress: impl FnMut(usize, usize),
        read: &ReadFile<'_>,
    ) -> Corpus {
        Corpus::load_listed(list_files(paths), progress, read)
    }

    /// [`Corpus::load_reading`] of files already listed ([`list_files`]), for a caller
    /// that needed the list first.
    pub fn load_listed(
        listed: FileList,
        progress: impl FnMut(usize, usize),
        read: &ReadFile<'_>,
    ) -> Corpus {
        let mut corpus = Corpus {
            articles: Vec::new(),
            problems: listed.problems,
        };
        let mut seen = SeenTexts::new();
        load_in_parallel(
            &listed.files,
            progress,
            &|file: &PathBuf, part: &mut dyn FnMut(FileLoad) -> bool| read(file, part),
            |loaded| loaded,
            |loaded| corpus.add(loaded, &mut seen),
        );
        corpus
    }

    /// Adds what one file gave, leaving out articles whose text is already in the corpus
    /// (each such one is noted in the first one's [`Origin::duplicates`]). Articles must
    /// only reach the corpus through here (or [`Corpus::load`]) for this to hold.
    pub fn add(&mut self, loaded: FileLoad, seen: &mut SeenTexts) {
        for article in loaded.articles {
            match seen.check(&article, self.articles.len()) {
                None => self.articles.push(article),
                Some(first) => {
                    if let Some(kept) = self.articles.get_mut(first) {
                        kept.origin.duplicates.push(article.origin.label());
                    }
                }
            }
        }
        self.problems.extend(loaded.problems);
    }
}

/// Reads one file, handing its parts over as [`load_path_in_parts`] does.
pub type ReadFile<'a> = ReadParts<'a, FileLoad>;

/// Reads one file, handing its parts (of type `P`) over as they are read.
type ReadParts<'a, P> = dyn Fn(&Path, &mut dyn FnMut(P) -> bool) + Sync + 'a;

/// Reads one unit of a load (a file, or a part of one), handing its parts (of type `P`)
/// over as they are read.
type ReadUnit<'a, U, P> = dyn Fn(&U, &mut dyn FnMut(P) -> bool) + Sync + 'a;

/// Decides from an article's text, before it is parsed, whether it is wanted.
pub type Wanted<'a> = dyn Fn(&Unparsed<'_>) -> bool + Sync + 'a;

/// Reads a whole file as [`ReadFile`] does, if it chooses to (it says whether it did).
pub type ReadWhole<'a> = dyn Fn(&Path, &mut dyn FnMut(FileLoad) -> bool) -> bool + Sync + 'a;

/// A part of a file as [`load_each_wanted`] reads it: what it gave, an article left
/// unparsed (not wanted), or a part of a run of a JSON Lines file.
enum Draft {
    Loaded(FileLoad),
    /// The file's one article, left unparsed.
    Unwanted(PathBuf),
    Lines(RunStep),
}

impl From<FileLoad> for Draft {
    fn from(loaded: FileLoad) -> Draft {
        Draft::Loaded(loaded)
    }
}

/// What [`load_each_wanted`]'s workers hand over for one part of a file.
struct Taken<T> {
    /// Its articles, in file order.
    entries: Vec<Entry<T>>,
    problems: Vec<LoadProblem>,
    /// What a part of a run of a JSON Lines file told of its lines.
    lines: Option<RunStep>,
}

enum Entry<T> {
    Kept(Kept<T>),
    /// An article left unparsed.
    Unwanted(LeftUnparsed),
}

/// Where an article left unparsed is, to read it again.
enum LeftUnparsed {
    /// The one article of a file.
    File(PathBuf),
    /// A line of a JSON Lines file.
    Line(LineAt),
}

impl LeftUnparsed {
    fn file(&self) -> &Path {
        match self {
            LeftUnparsed::File(file) => file,
            LeftUnparsed::Line(at) => &at.file,
        }
    }
}

/// An article as [`load_each_wanted`]'s workers hand it over.
struct Kept<T> {
    fingerprint: u128,
    /// What `take` made of it.
    value: T,
    /// The words of its story, when it may repeat an article left unparsed.
    story: Option<StoryWords>,
}

/// An article left unparsed, not yet fingerprinted.
struct Unfingerprinted {
    source: LeftUnparsed,
    /// It was read again once, for another story.
    read_again: bool,
    /// The words of its text are noted (in the loader's signature index).
    words_noted: bool,
}

/// [`load_each`] reading the files itself, each article's text first shown to `wanted`:
/// an article it does not want is neither parsed nor given to `take` and `keep`, nor
/// fingerprinted. `wanted` must say yes to an article whenever `take` would give a
/// value that `keep` needs. Duplicates are still left out as [`load_each`] leaves them
/// out: an article for which `may_repeat_unwanted` says yes (its text may be that of an
/// article left unparsed; it is asked on the worker, with what `take` made of it) is
/// checked against the articles left unparsed before it, each read again and parsed
/// only if its text holds the story's words (see [`reread`]; the second time an article is
/// read again its words are noted, and from then on it is read again only for a story
/// those words may hold, which a word signature cannot rule out). An article for
/// which it says no is known not to repeat one. A big JSON Lines file is read in runs
/// of lines, on all cores, each record shown to `wanted`. Standard input is read whole,
/// and so is each file `read_whole` chooses to read (a cache that serves articles
/// parsed), but for the runs of a JSON Lines file cut into many.
pub fn load_each_wanted<T: Send>(
    paths: &[PathBuf],
    progress: impl FnMut(usize, usize),
    wanted: &Wanted<'_>,
    read_whole: Option<&ReadWhole<'_>>,
    take: impl Fn(&Article) -> T + Sync,
    may_repeat_unwanted: impl Fn(&Article, &T) -> bool + Sync,
    mut keep: impl FnMut(T),
) -> Vec<LoadProblem> {
    let listed = list_files(paths);
    let mut problems = listed.problems;
    let units: Vec<Unit> = listed
        .files
        .into_iter()
        .flat_map(|path| {
            if !is_stdin(&path) && format_of(&path) == Format::JsonLines {
                runs_of(&path).into_iter().map(Unit::Run).collect()
            } else {
                vec![Unit::File(path)]
            }
        })
        .collect();
    let mut kept = 0;
    let mut seen = SeenTexts::new();
    // Files whose article was left unparsed and not fingerprinted since (`None` once it
    // is), and their words, to find those that may hold a story.
    let mut unwanted: Vec<Option<Unfingerprinted>> = Vec::new();
    let mut unwanted_words = SignatureIndex::default();
    // The JSON Lines file being read in runs.
    let mut lines = LinesTally::default();
    let read = |unit: &Unit, part: &mut dyn FnMut(Draft) -> bool| {
        let path = unit.as_ref();
        let whole_file = match unit {
            Unit::File(_) => true,
            Unit::Run(run) => run.is_whole_file(),
        };
        if whole_file
            && read_whole.is_some_and(|read| read(path, &mut |loaded| part(Draft::Loaded(loaded))))
        {
            return;
        }
        if let Unit::Run(run) = unit {
            return read_run(run, wanted, &mut |step| part(Draft::Lines(step)));
        }
        let format = format_of(path);
        if is_stdin(path) {
            return load_path_in_parts(path, |loaded| part(Draft::Loaded(loaded)));
        }
        let draft = read_limited(path).and_then(|bytes| {
            unparsed_from_bytes(path, format, &bytes, |unparsed| {
                wanted(&unparsed).then(|| unparsed.parse())
            })
        });
        part(match draft {
            Ok(Some(article)) => Draft::Loaded(one_document(path, Ok(article))),
            Ok(None) => Draft::Unwanted(path.to_path_buf()),
            Err(reason) => Draft::Loaded(one_document(path, Err(reason))),
        });
    };
    let kept_article = |article: Article| {
        let value = take(&article);
        let story = may_repeat_unwanted(&article, &value).then(|| StoryWords::of(&article));
        Entry::Kept(Kept {
            fingerprint: fingerprint(&article),
            value,
            story,
        })
    };
    let taken = |draft: Draft| match draft {
        Draft::Loaded(loaded) => Taken {
            entries: loaded.articles.into_iter().map(kept_article).collect(),
            problems: loaded.problems,
            lines: None,
        },
        Draft::Unwanted(path) => Taken {
            entries: vec![Entry::Unwanted(LeftUnparsed::File(path))],
            problems: Vec::new(),
            lines: None,
        },
        Draft::Lines(mut step) => Taken {
            entries: std::mem::take(&mut step.entries)
                .into_iter()
                .map(|entry| match entry {
                    Ok(article) => kept_article(article),
                    Err(at) => Entry::Unwanted(LeftUnparsed::Line(at)),
                })
                .collect(),
            problems: Vec::new(),
            lines: Some(step),
        },
    };
    load_in_parallel(&units, progress, &read, taken, |taken| {
        if let Some(step) = &taken.lines
            && step.opens_file
        {
            lines = LinesTally::default();
        }
        // A JSON Lines file whose reading stopped is left out from there on.
        let left_out = taken.lines.is_some() && lines.stopped();
        for entry in taken.entries.into_iter().filter(|_| !left_out) {
            let article = match entry {
                Entry::Unwanted(source) => {
                    // A file's words are noted the second time it is read again; a
                    // line's the first (reading it again costs an open and a seek).
                    unwanted_words.push(None);
                    unwanted.push(Some(Unfingerprinted {
                        read_again: matches!(source, LeftUnparsed::Line(_)),
                        source,
                        words_noted: false,
                    }));
                    continue;
                }
                Entry::Kept(article) => article,
            };
            if let Some(story) = &article.story {
                // Each came before this one and holds one article. Those whose words
                // are noted are read again only for a story their words may hold.
                for entry in unwanted_words.may_hold(&story.signature) {
                    let Some(earlier) = unwanted.get_mut(entry).and_then(Option::as_mut) else {
                        continue;
                    };
                    // Its words are noted when it is read again after a first time
                    // (from the start for a line), once.
                    let note_words = earlier.read_again && !earlier.words_noted;
                    earlier.read_again = true;
                    let done = match reread(&earlier.source, story, note_words) {
                        Reread::Fingerprint(fingerprint) => {
                            seen.check_fingerprint(fingerprint, kept);
                            true
                        }
                        Reread::NotThisStory(words) => {
                            if let Some(words) = words {
                                unwanted_words.set(entry, Some(&words));
                                earlier.words_noted = true;
                            }
                            false
                        }
                        Reread::Problem(problem) => {
                            problems.push(problem);
                            true
                        }
                    };
                    if done {
                        unwanted[entry] = None;
                        unwanted_words.remove(entry);
                    }
                }
            }
            if seen.check_fingerprint(article.fingerprint, kept).is_none() {
                keep(article.value);
                kept += 1;
            }
        }
        problems.extend(taken.problems);
        if let Some(step) = taken.lines {
            let last = step
                .end
                .as_ref()
                .filter(|end| end.last)
                .map(|end| end.file.clone());
            lines.note(step, &mut problems);
            if let Some(file) = last {
                problems.extend(std::mem::take(&mut lines).end(&file));
            }
        }
    });
    problems
}

/// What [`load_each_wanted`] reads at a time: a file, or a run of lines of a JSON Lines
/// file.
enum Unit {
    File(PathBuf),
    Run(Run),
}

impl AsRef<Path> for Unit {
    fn as_ref(&self) -> &Path {
        match self {
            Unit::File(path) => path,
            Unit::Run(run) => &run.file,
        }
    }
}

/// What reading an article left unparsed again tells.
enum Reread {
    /// Its fingerprint: its text may hold the story's words.
    Fingerprint(u128),
    /// It does not tell the story; the words of its text, when asked for.
    NotThisStory(Option<WordSignature>),
    /// It could not be read again (it changed since, or lede has a bug).
    Problem(LoadProblem),
}

/// Reads an article left unparsed again, to tell whether it may be the duplicate of
/// `story`: only then is it parsed. A bug (a panic) is caught and reported, as the
/// workers report one.
fn reread(source: &LeftUnparsed, story: &StoryWords, note_words: bool) -> Reread {
    let file = source.file();
    let read = || {
        let tell = |unparsed: Unparsed<'_>| {
            let words = note_words.then(|| WordSignature::of_text(unparsed.text));
            let may_tell = story.may_be_in(unparsed.text)
                && words.as_ref().is_none_or(|w| w.may_hold(&story.signature));
            if may_tell {
                Reread::Fingerprint(fingerprint(&unparsed.parse()))
            } else {
                Reread::NotThisStory(words)
            }
        };
        match source {
            LeftUnparsed::File(file) => {
                let bytes = read_limited(file)?;
                unparsed_from_bytes(file, format_of(file), &bytes, tell)
            }
            LeftUnparsed::Line(at) => line_again(at, tell),
        }
    };
    match std::panic::catch_unwind(read) {
        Ok(Ok(reread)) => reread,
        Ok(Err(reason)) => Reread::Problem(LoadProblem {
            path: file.to_path_buf(),
            reason,
        }),
        Err(_) => Reread::Problem(internal_error_problem(file)),
    }
}

/// Reads files and folders as [`Corpus::load_reading`] does (each file by `read`), but hands each
/// article to `take` on the core that read it, and what `take` returns to `keep` (with the article's [`fingerprint`]), in
/// corpus order, on the calling thread: for going through a corpus too big to hold (a
/// one-pass search). Before a worker hands its values over (up to [`BATCH_FILES`] files
/// at a time), `settle` is given them all there, to finish them together (one cache
/// transaction for many articles). Articles whose text came earlier are left out, as
/// [`Corpus::load`] leaves them out: `keep` is called once per article of the corpus
/// `load` would give. Returns the problems.
pub fn load_each<T: Send>(
    paths: &[PathBuf],
    progress: impl FnMut(usize, usize),
    read: &ReadFile<'_>,
    take: impl Fn(Article) -> T + Sync,
    settle: impl Fn(Vec<&mut T>) + Sync,
    mut keep: impl FnMut(T, u128),
) -> Vec<LoadProblem> {
    load_each_folding(
        list_files(paths),
        progress,
        read,
        take,
        settle,
        |value, story, copy_of| {
            if copy_of.is_none() {
                keep(value, story);
            }
        },
    )
}

/// [`load_each`] of the files `listed` ([`list_files`]), handing every article's value to
/// `keep` with its [`fingerprint`] and `Some(n)` for one whose text is that of the `n`th
/// article kept (counted from 0; [`Corpus::load`] would fold it into that one's
/// [`Origin::duplicates`]), `None` for one kept.
pub fn load_each_folding<T: Send>(
    listed: FileList,
    progress: impl FnMut(usize, usize),
    read: &ReadFile<'_>,
    take: impl Fn(Article) -> T + Sync,
    settle: impl Fn(Vec<&mut T>) + Sync,
    mut keep: impl FnMut(T, u128, Option<usize>),
) -> Vec<LoadProblem> {
    let mut problems = listed.problems;
    let mut kept = 0;
    let mut seen = SeenTexts::new();
    // Each part of a file: its articles' fingerprints and values, its problems, and
    // whether `settle` has had its values.
    type Taken<T> = (Vec<(u128, T)>, Vec<LoadProblem>, bool);
    let settle_parts = |parts: Vec<&mut Taken<T>>| {
        let unsettled = parts.into_iter().filter(|(_, _, settled)| !*settled);
        let values = unsettled.flat_map(|(articles, _, settled)| {
            *settled = true;
            articles.iter_mut().map(|(_, value)| value)
        });
        settle(values.collect());
    };
    let taken = |loaded: FileLoad| -> Taken<T> {
        let articles: Vec<(u128, T)> = loaded
            .articles
            .into_iter()
            .map(|article| (fingerprint(&article), take(article)))
            .collect();
        let mut taken = (articles, loaded.problems, false);
        // A big part (of a JSON Lines file) is settled at once, not held unsettled with
        // the next ones until the hand-over.
        if taken.0.len() >= PART_ARTICLES / 4 {
            settle_parts(vec![&mut taken]);
        }
        taken
    };
    load_in_parallel_settling(
        &listed.files,
        progress,
        &|file: &PathBuf, part: &mut dyn FnMut(FileLoad) -> bool| read(file, part),
        taken,
        settle_parts,
        |(articles, file_problems, _)| {
            for (fingerprint, value) in articles {
                let copy_of = seen.check_fingerprint(fingerprint, kept);
                if copy_of.is_none() {
                    kept += 1;
                }
                keep(value, fingerprint, copy_of);
            }
            problems.extend(file_problems);
        },
    );
    problems
}

/// The files a load will read, and the paths that could not be listed.
#[derive(Debug, Clone, Default)]
pub struct FileList {
    pub files: Vec<PathBuf>,
    pub problems: Vec<LoadProblem>,
}

/// What one file gave: articles (many for a JSON Lines file) and problems (for a JSON
/// Lines file, one per bad line, naming it).
#[derive(Debug, Clone, Default)]
pub struct FileLoad {
    pub articles: Vec<Article>,
    pub problems: Vec<LoadProblem>,
}

/// Lists the files to read, in a stable order, without reading them: cheap, so a caller
/// can show a count at once and then read files in the background ([`load_path`]).
/// Folders are walked recursively; inside them `.txt`, `.md`, `.html`, `.jsonl` (and the
/// like, see [`Format`]) and extension-less files are read, hidden entries skipped and
/// symlinked folders followed once. The same file named twice is listed once.
pub fn list_files(paths: &[PathBuf]) -> FileList {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut visited_dirs = HashSet::new();
    for path in paths {
        if is_stdin(path) {
            files.push((path.clone(), FileIdentity::Stdin));
            continue;
        }
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                if visited_dirs.insert(identity(path, &meta)) {
                    collect_dir(path, &mut visited_dirs, &mut files, &mut problems)
                }
            }
            Ok(meta) if !meta.is_file() => problems.push(LoadProblem {
                path: path.clone(),
                reason: NOT_A_FILE.to_string(),
            }),
            Ok(meta) => files.push((path.clone(), identity(path, &meta))),
            Err(err) => problems.push(LoadProblem {
                path: path.clone(),
                reason: io_reason(&err),
            }),
        }
    }
    let mut seen = HashSet::new();
    let files = files
        .into_iter()
        .filter(|(_, id)| seen.insert(id.clone()))
        .map(|(path, _)| path)
        .collect();
    FileList { files, problems }
}

/// Reads one file in whatever format it is. Never panics; whatever it cannot read is a
/// problem in the result. Safe to call from many threads at once.
pub fn load_path(path: &Path) -> FileLoad {
    let mut whole = FileLoad::default();
    load_path_in_parts(path, |part| {
        whole.articles.extend(part.articles);
        whole.problems.extend(part.problems);
        true
    });
    whole
}

/// [`load_path`], handing what the file gives to `part` as it is read: a JSON Lines file
/// in parts of [`PART_ARTICLES`] articles (so that a reader shows the first articles of a
/// 500,000-line file at once, and the file is never held whole), any other file in one
/// part. Reading stops early when `part` returns false. `-` is standard input.
pub fn load_path_in_parts(path: &Path, mut part: impl FnMut(FileLoad) -> bool) {
    if is_stdin(path) {
        let article =
            read_stdin().and_then(|bytes| article_from_bytes(path, stdin_format(&bytes), &bytes));
        part(one_document(path, article));
        return;
    }
    match format_of(path) {
        Format::JsonLines => jsonl_file(path, &mut part),
        format => {
            part(one_document(path, read_document(path, format)));
        }
    }
}

/// A JSON Lines file is handed over this many articles at a time.
pub const PART_ARTICLES: usize = 256;

/// What a file holding one article gave.
fn one_document(path: &Path, article: Result<Article, String>) -> FileLoad {
    match article {
        Ok(article) => FileLoad {
            articles: vec![article],
            problems: Vec::new(),
        },
        Err(reason) => FileLoad {
            articles: Vec::new(),
            problems: vec![LoadProblem {
                path: path.to_path_buf(),
                reason,
            }],
        },
    }
}

/// Reads one article file. A JSON Lines file gives its first article (use [`load_path`]
/// for all of them).
pub fn load_file(path: &Path) -> Result<Article, String> {
    let mut loaded = load_path(path);
    if loaded.articles.is_empty() {
        return Err(loaded
            .problems
            .into_iter()
            .next()
            .map_or_else(|| "no article in the file".to_string(), |p| p.reason));
    }
    Ok(loaded.articles.swap_remove(0))
}

/// A reader hands its results over this many files at a time, or sooner once this much
/// time has passed: each hand-over wakes the receiving thread, which costs more than
/// reading a small file.
const BATCH_FILES: usize = 64;
const BATCH_MAX_WAIT: Duration = Duration::from_millis(50);

/// How many hand-overs each reader may have sent and not yet received.
const HAND_OVERS_IN_FLIGHT: usize = 2;

/// Reads `files` on every core (each worker takes the next unread file, so one big file
/// does not hold up the rest) and passes each part of a file's load through `map` there,
/// calling `progress(done, total)` as files finish, and hands the results to `consume` in
/// the order of `files`, each part as soon as those before it are in (so that what the
/// caller does with them overlaps the reading, and a big JSON Lines file is handed over
/// as it is read).
fn load_in_parallel<U: AsRef<Path> + Sync, P: From<FileLoad>, T: Send>(
    files: &[U],
    progress: impl FnMut(usize, usize),
    read: &ReadUnit<'_, U, P>,
    map: impl Fn(P) -> T + Sync,
    consume: impl FnMut(T),
) {
    load_in_parallel_settling(files, progress, read, map, |_| {}, consume);
}

/// [`load_in_parallel`], giving `settle` (on the worker) the results a worker is about to
/// hand over, all at once; if it panics, they are handed over as they are.
fn load_in_parallel_settling<U: AsRef<Path> + Sync, P: From<FileLoad>, T: Send>(
    files: &[U],
    mut progress: impl FnMut(usize, usize),
    read: &ReadUnit<'_, U, P>,
    map: impl Fn(P) -> T + Sync,
    settle: impl Fn(Vec<&mut T>) + Sync,
    mut consume: impl FnMut(T),
) {
    let total = files.len();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(total.max(1));
    let next = AtomicUsize::new(0);
    // Per file: parts received and not yet handed over, and whether it is finished.
    let mut slots: Vec<(Vec<T>, bool)> = (0..total).map(|_| (Vec::new(), false)).collect();
    let (map, settle) = (&map, &settle);
    let mut consumed = 0;
    std::thread::scope(|scope| {
        // A few hand-overs in flight per worker: workers faster than `consume` (a cache
        // serving what they read) wait for it instead of piling their results up in
        // memory. `consume` drains the channel whatever order files finish in, so a
        // waiting worker never holds up the file the others wait for.
        let (sender, receiver) = mpsc::sync_channel(threads * HAND_OVERS_IN_FLIGHT);
        for _ in 0..threads {
            let sender = sender.clone();
            let next = &next;
            scope.spawn(move || {
                let mut batch = Vec::new();
                let mut sent = Instant::now();
                let send = |batch: &mut Vec<(usize, Option<T>)>, sent: &mut Instant| {
                    // A bug in `settle` leaves the values as they were (not the worker down).
                    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        settle(
                            batch
                                .iter_mut()
                                .filter_map(|(_, part)| part.as_mut())
                                .collect(),
                        )
                    }));
                    let ok = sender.send(std::mem::take(batch)).is_ok();
                    *sent = Instant::now();
                    ok
                };
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(file) = files.get(index) else {
                        break;
                    };
                    let mut open = true;
                    // A bug in `map` is caught there too, and reported as a problem.
                    load_guarded(file, read, |part| {
                        batch.push((index, Some(map(part))));
                        if batch.len() >= BATCH_FILES || sent.elapsed() >= BATCH_MAX_WAIT {
                            open = send(&mut batch, &mut sent);
                        }
                        open
                    });
                    batch.push((index, None));
                    if !open
                        || (batch.len() >= BATCH_FILES || sent.elapsed() >= BATCH_MAX_WAIT)
                            && !send(&mut batch, &mut sent)
                    {
                        return;
                    }
                }
                send(&mut batch, &mut sent);
            });
        }
        drop(sender);
        let mut done = 0;
        for (index, part) in receiver.into_iter().flatten() {
            match part {
                Some(part) => slots[index].0.push(part),
                None => {
                    slots[index].1 = true;
                    done += 1;
                    progress(done, total);
                }
            }
            while let Some((parts, finished)) = slots.get_mut(consumed) {
                parts.drain(..).for_each(&mut consume);
                if !*finished {
                    break;
                }
                consumed += 1;
            }
        }
    });
    // Only a worker that died leaves a file unfinished.
    for ((parts, finished), file) in slots.into_iter().zip(files).skip(consumed) {
        parts.into_iter().for_each(&mut consume);
        if !finished {
            consume(map(internal_error(file.as_ref()).into()));
        }
    }
}

/// [`load_path_in_parts`], with a bug in it (a panic) reported as a problem with the file
/// instead of taking the whole load down.
fn load_guarded<U: AsRef<Path>, P: From<FileLoad>>(
    unit: &U,
    read: &ReadUnit<'_, U, P>,
    mut part: impl FnMut(P) -> bool,
) {
    let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read(unit, &mut part)));
    if done.is_err() {
        part(internal_error(unit.as_ref()).into());
    }
}

fn internal_error(file: &Path) -> FileLoad {
    FileLoad {
        articles: Vec::new(),
        problems: vec![internal_error_problem(file)],
    }
}

fn internal_error_problem(file: &Path) -> LoadProblem {
    LoadProblem {
        path: file.to_path_buf(),
        reason: "internal error while reading (a bug in lede)".to_string(),
    }
}

/// The format a file is read as: by extension; a text file that opens like an HTML page
/// is read as one.
pub fn format_of(path: &Path) -> Format {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" | "xhtml" | "shtml" => Format::Html,
        "jsonl" | "ndjson" => Format::JsonLines,
        "md" | "markdown" => Format::Markdown,
        _ => Format::Text,
    }
}

/// Whether decoded text is an HTML page whatever its file name says.
fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// Whether `path` stands for standard input: `-`, as in `lede -` and `lede extract -`.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Reads one article's bytes from standard input (refusing more than an article's size).
fn read_stdin() -> Result<Vec<u8>, String> {
    read_at_most_an_article(std::io::stdin().lock(), 0)
}

/// Standard input has no name to tell its format: Markdown when it opens with front
/// matter, else text (an HTML page is told by its start, see [`article_from_bytes`]).
fn stdin_format(bytes: &[u8]) -> Format {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match text.starts_with(b"---\n") || text.starts_with(b"---\r\n") {
        true => Format::Markdown,
        false => Format::Text,
    }
}

/// A file holding one article: text, Markdown or HTML.
fn read_document(path: &Path, format: Format) -> Result<Article, String> {
    let bytes = read_limited(path)?;
    article_from_bytes(path, format, &bytes)
}

/// One article from a file's bytes (text, Markdown or HTML; see [`format_of`]), without
/// touching the file system: what [`load_path`] does once it has read the file.
pub fn article_from_bytes(path: &Path, format: Format, bytes: &[u8]) -> Result<Article, String> {
    unparsed_from_bytes(path, format, bytes, |unparsed| unparsed.parse())
}

/// [`article_from_bytes`], handing the article's text to `then` before it is parsed
/// (what `then` gives is returned): the steps common to every format.
fn unparsed_from_bytes<T>(
    path: &Path,
    format: Format,
    bytes: &[u8],
    then: impl FnOnce(Unparsed<'_>) -> T,
) -> Result<T, String> {
    // A page's `<meta charset>` says how to read it (a text file may be a saved page).
    let declared = match format {
        Format::Html | Format::Text => html::charset::declared(bytes),
        Format::Markdown | Format::JsonLines => None,
    };
    let decoded = decode_declared(bytes, declared).map_err(|err| err.to_string())?;
    let warnings: Vec<String> = decoded.warning.into_iter().collect();
    let format = if format == Format::Text && looks_like_html(&decoded.text) {
        Format::Html
    } else {
        format
    };
    let origin = Origin {
        file: path.to_path_buf(),
        format,
        ..Origin::default()
    };
    let path = path.to_path_buf();
    Ok(match format {
        Format::Html => {
            let page = html::extract(&decoded.text);
            if page.paragraphs.is_empty() {
                return Err("no article text found in the page".to_string());
            }
            let origin = Origin {
                url: page.url.clone(),
                ..origin
            };
            let text = sanitize(&page.text());
            then(Unparsed {
                path,
                text: &text,
                warnings,
                metadata: page.metadata,
                origin,
            })
        }
        Format::Markdown => {
            let front = frontmatter::read(&decoded.text);
            let rest = front
                .as_ref()
                .and_then(|f| decoded.text.get(f.body_start..))
                .unwrap_or(&decoded.text);
            let converted = markdown::to_text(rest);
            let (mut metadata, url, feed) = front
                .map(|f| (f.metadata, f.url, f.feed))
                .unwrap_or_default();
            if metadata.title.is_none() {
                metadata.title = converted.headline;
            }
            if converted.text.trim().is_empty() && metadata.title.is_none() {
                return Err(DecodeError::Empty.to_string());
            }
            let origin = Origin {
                url,
                feed,
                ..origin
            };
            then(Unparsed {
                path,
                text: &converted.text,
                warnings,
                metadata,
                origin,
            })
        }
        Format::Text | Format::JsonLines => then(Unparsed {
            path,
            text: &decoded.text,
            warnings,
            metadata: Metadata::default(),
            origin,
        }),
    })
}

/// Biggest single-article file read (a JSON Lines file may be any size: it is read a line
/// at a time).
const DOCUMENT_MAX_BYTES: u64 = 64 << 20;

/// Opens `path` for reading, never waiting on it, and only when it is a regular file. A
/// path listed as a file may be swapped for a FIFO (whose opening waits for a writer, and
/// whose reading waits forever) or a device before it is read: the file is opened without
/// blocking and the opened file, not the path, is checked. Reading a regular file is
/// unaffected by the non-blocking flag.
pub fn open_regular_file(path: &Path) -> Result<fs::File, String> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Nor does a terminal device become the controlling terminal.
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path).map_err(|err| io_reason(&err))?;
    match file.metadata() {
        Ok(meta) if meta.is_file() => Ok(file),
        Ok(_) => Err(NOT_A_FILE.to_string()),
        Err(err) => Err(io_reason(&err)),
    }
}

/// Reads a whole file, refusing one too big to be an article before reading it.
fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    let file = open_regular_file(path)?;
    // Room for the whole file (and the byte that tells its end) read at once, not by
    // doubling reads: ten read calls a file otherwise.
    let size = file
        .metadata()
        .map_or(0, |m| m.len().min(DOCUMENT_MAX_BYTES));
    // The bound also holds for a file that grows, or lies about its size, while being read.
    read_at_most_an_article(file, size as usize + 1)
}

/// Reads to the end, refusing more than an article's size; `capacity` is the room to
/// start with.
fn read_at_most_an_article(reader: impl std::io::Read, capacity: usize) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut bytes = Vec::with_capacity(capacity);
    reader
        .take(DOCUMENT_MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| io_reason(&err))?;
    if bytes.len() as u64 > DOCUMENT_MAX_BYTES {
        return Err(format!(
            "too large for one article (over {} MB)",
            DOCUMENT_MAX_BYTES >> 20
        ));
    }
    Ok(bytes)
}

/// Walks a folder depth first in name order, without recursion (folders can nest deeper
/// than a thread's stack allows).
fn collect_dir(
    dir: &Path,
    visited: &mut HashSet<FileIdentity>,
    files: &mut Vec<(PathBuf, FileIdentity)>,
    problems: &mut Vec<LoadProblem>,
) {
    let mut pending: Vec<std::vec::IntoIter<(PathBuf, Option<FileIdentity>)>> = Vec::new();
    let mut next_dir = Some(dir.to_path_buf());
    loop {
        if let Some(dir) = next_dir.take() {
            match fs::read_dir(&dir) {
                Ok(entries) => {
                    let device = fs::metadata(&dir).ok().as_ref().and_then(device_of);
                    let mut children: Vec<(PathBuf, Option<FileIdentity>)> = entries
                        .filter_map(Result::ok)
                        .map(|entry| {
                            let id = plain_file_identity(&entry, device);
                            (entry.path(), id)
                        })
                        .collect();
                    // Siblings share their folder's path and differ in their names:
                    // comparing the bytes is the order of the names, and much cheaper
                    // than comparing paths component by component.
                    children.sort_unstable_by(|a, b| a.0.as_os_str().cmp(b.0.as_os_str()));
                    pending.push(children.into_iter());
                }
                Err(err) => problems.push(LoadProblem {
                    path: dir,
                    reason: io_reason(&err),
                }),
            }
        }
        let Some(level) = pending.last_mut() else {
            return;
        };
        let Some((child, known)) = level.next() else {
            pending.pop();
            continue;
        };
        let hidden = child
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if let Some(id) = known {
            // A plain file, known from the folder listing without asking for its details
            // (which, for 50,000 files, is most of the time listing takes).
            if has_text_extension(&child) {
                files.push((child, id));
            }
            continue;
        }
        match fs::metadata(&child) {
            // Symlinked folders may loop; each real folder is read once.
            Ok(meta) if meta.is_dir() => {
                if visited.insert(identity(&child, &meta)) {
                    next_dir = Some(child);
                }
            }
            Ok(_) if !has_text_extension(&child) => {}
            Ok(meta) if !meta.is_file() => problems.push(LoadProblem {
                path: child,
                reason: NOT_A_FILE.to_string(),
            }),
            Ok(meta) => {
                let id = identity(&child, &meta);
                files.push((child, id));
            }
            Err(err) => problems.push(LoadProblem {
                path: child,
                reason: io_reason(&err),
            }),
        }
    }
}

#[cfg(unix)]
fn device_of(meta: &fs::Metadata) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    Some(meta.dev())
}

#[cfg(not(unix))]
fn device_of(_meta: &fs::Metadata) -> Option<u64> {
    None
}

/// The identity of a regular file (not a symlink) from its folder entry alone, where the
/// system gives it; `None` when its details must be asked for.
#[cfg(unix)]
fn plain_file_identity(entry: &fs::DirEntry, device: Option<u64>) -> Option<FileIdentity> {
    use std::os::unix::fs::DirEntryExt;
    let device = device?;
    let is_file = entry.file_type().ok()?.is_file();
    is_file.then(|| FileIdentity::Inode(device, entry.ino()))
}

#[cfg(not(unix))]
fn plain_file_identity(_entry: &fs::DirEntry, _device: Option<u64>) -> Option<FileIdentity> {
    None
}

/// Reading a FIFO would wait forever and a device may never end: only regular files are
/// read.
const NOT_A_FILE: &str = "not a regular file (a pipe, socket or device)";

/// What makes two paths the same file or folder (through symlinks or `..`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum FileIdentity {
    /// Standard input (`-`), read once however often it is named.
    Stdin,
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg(not(unix))]
    Path(PathBuf),
}

#[cfg(unix)]
fn identity(_path: &Path, meta: &fs::Metadata) -> FileIdentity {
    use std::os::unix::fs::MetadataExt;
    FileIdentity::Inode(meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn identity(path: &Path, _meta: &fs::Metadata) -> FileIdentity {
    FileIdentity::Path(fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
}

fn has_text_extension(path: &Path) -> bool {
    match path.extension() {
        None => true,
        Some(ext) => {
            let ext = ext.to_string_lossy().to_lowercase();
            READ_EXTENSIONS.contains(&ext.as_str())
        }
    }
}

pub(super) fn io_reason(err: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match err.kind() {
        ErrorKind::NotFound => "no such file or folder".to_string(),
        ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ if err.raw_os_error() == Some(40) => "symbolic link loop".to_string(),
        _ if err.raw_os_error() == Some(21) => "is a folder".to_string(),
        _ => format!("cannot read: {err}"),
    }
}
