//! Finding and reading article files. A bad file never stops the load: it is listed with
//! its reason and the rest goes on.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::article::Article;
use super::decode::decode;
use super::parse::parse_article;

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

/// Files inside folders are read when their extension says text (or there is none).
const TEXT_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text"];

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
    /// extension; inside folders, `.txt`, `.md` and extension-less files are read and hidden
    /// entries are skipped.
    pub fn load(paths: &[PathBuf]) -> Corpus {
        let mut files = Vec::new();
        let mut problems = Vec::new();
        let mut visited_dirs = HashSet::new();
        for path in paths {
            match fs::metadata(path) {
                Ok(meta) if meta.is_dir() => {
                    collect_dir(path, &mut visited_dirs, &mut files, &mut problems)
                }
                Ok(_) => files.push(path.clone()),
                Err(err) => problems.push(LoadProblem {
                    path: path.clone(),
                    reason: io_reason(&err),
                }),
            }
        }
        let mut seen = HashSet::new();
        files.retain(|f| seen.insert(fs::canonicalize(f).unwrap_or_else(|_| f.clone())));

        let mut articles = Vec::new();
        for (file, loaded) in files.iter().zip(load_files(&files)) {
            match loaded {
                Ok(article) => articles.push(article),
                Err(reason) => problems.push(LoadProblem {
                    path: file.clone(),
                    reason,
                }),
            }
        }
        Corpus { articles, problems }
    }
}

/// Reads the files on all cores (decoding and parsing dominate for big folders), in
/// order.
fn load_files(files: &[PathBuf]) -> Vec<Result<Article, String>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 || files.len() < 64 {
        return files.iter().map(|f| load_file(f)).collect();
    }
    let chunk = files.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(|f| load_file(f)).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .zip(files.chunks(chunk))
            .flat_map(|(handle, part)| {
                handle.join().unwrap_or_else(|_| {
                    part.iter()
                        .map(|_| Err("could not be read (internal error)".to_string()))
                        .collect()
                })
            })
            .collect()
    })
}

/// Reads one article file.
pub fn load_file(path: &Path) -> Result<Article, String> {
    let bytes = fs::read(path).map_err(|err| io_reason(&err))?;
    let decoded = decode(&bytes).map_err(|err| err.to_string())?;
    Ok(parse_article(
        path.to_path_buf(),
        &decoded.text,
        decoded.warning.into_iter().collect(),
    ))
}

fn collect_dir(
    dir: &Path,
    visited: &mut HashSet<PathBuf>,
    files: &mut Vec<PathBuf>,
    problems: &mut Vec<LoadProblem>,
) {
    // Symlinked folders may loop; each real folder is read once.
    let real = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !visited.insert(real) {
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            problems.push(LoadProblem {
                path: dir.to_path_buf(),
                reason: io_reason(&err),
            });
            return;
        }
    };
    let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    children.sort();
    for child in children {
        let hidden = child
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        match fs::metadata(&child) {
            Ok(meta) if meta.is_dir() => collect_dir(&child, visited, files, problems),
            Ok(_) if has_text_extension(&child) => files.push(child),
            Ok(_) => {}
            Err(err) => problems.push(LoadProblem {
                path: child,
                reason: io_reason(&err),
            }),
        }
    }
}

fn has_text_extension(path: &Path) -> bool {
    match path.extension() {
        None => true,
        Some(ext) => {
            let ext = ext.to_string_lossy().to_lowercase();
            TEXT_EXTENSIONS.contains(&ext.as_str())
        }
    }
}

fn io_reason(err: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match err.kind() {
        ErrorKind::NotFound => "no such file or folder".to_string(),
        ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ if err.raw_os_error() == Some(40) => "symbolic link loop".to_string(),
        _ if err.raw_os_error() == Some(21) => "is a folder".to_string(),
        _ => format!("cannot read: {err}"),
    }
}
