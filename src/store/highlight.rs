//! The highlight model: a passage of one article, found again by its selectors, with tags,
//! a note and a colour.

use std::collections::HashMap;
use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::{Result, bail};
use serde::{Deserialize, Serialize};

use super::anchor::{self, AnchorOutcome, TextPositionSelector, TextQuoteSelector};
use super::offsets::CodePoints;
use super::path_key::{key_of_path, path_bytes, path_from_bytes, path_of_key};
use super::timestamp;
use crate::corpus::{Article, Corpus, acts_on_terminal, load_file, record_path};

/// Colours a highlight may choose (the theme maps them to styles).
pub const COLOURS: std::ops::RangeInclusive<u8> = 1..=5;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Highlight {
    /// Stable and unique: milliseconds since the epoch and a random part, in hex.
    pub id: String,
    /// The article's key (see [`article_key`]).
    pub article: String,
    pub quote: TextQuoteSelector,
    pub position: TextPositionSelector,
    /// [`anchor::fingerprint`] of the article text the selectors were last checked against.
    pub fingerprint: String,
    /// Sorted, without duplicates (see [`normalize_tags`]).
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// 1–5, or none for the colour of its tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<u8>,
    /// RFC 3339, UTC.
    pub created: String,
    pub modified: String,
    /// How it was found the last time its article changed.
    #[serde(default = "exact")]
    pub anchor: AnchorOutcome,
}

fn exact() -> AnchorOutcome {
    AnchorOutcome::Exact
}

impl Highlight {
    /// A new highlight of the byte range `range` of `article.body` (what the reader's
    /// selection holds). Fails on an empty range or one that is not on character
    /// boundaries.
    pub fn new(article: &Article, range: Range<usize>) -> Result<Highlight> {
        Highlight::new_in(article, &ArticleText::new(&article.body), range)
    }

    /// [`Highlight::new`] in an article whose text was prepared once ([`ArticleText`] of
    /// `article.body`) for many highlights: no pass over the whole text per highlight.
    pub fn new_in(
        article: &Article,
        text: &ArticleText<'_>,
        range: Range<usize>,
    ) -> Result<Highlight> {
        let cp_start = text.code_points.to_cp(text.body, range.start);
        let Some((quote, position)) =
            anchor::select_at(text.body, range.start, range.end, cp_start)
        else {
            bail!(
                "cannot highlight bytes {}..{} of {}: empty or not on character boundaries",
                range.start,
                range.end,
                article.path.display()
            );
        };
        let now = timestamp::now();
        Ok(Highlight {
            id: new_id(),
            article: article_key(&article.path),
            quote,
            position,
            fingerprint: text.fingerprint.clone(),
            tags: Vec::new(),
            note: None,
            colour: None,
            created: now.clone(),
            modified: now,
            anchor: AnchorOutcome::Exact,
        })
    }

    pub fn with_tags<S: AsRef<str>>(mut self, tags: &[S]) -> Result<Highlight> {
        self.tags = normalize_tags(tags)?;
        Ok(self)
    }

    pub fn with_note(mut self, note: Option<String>) -> Highlight {
        self.note = note.filter(|n| !n.trim().is_empty());
        self
    }

    pub fn with_colour(mut self, colour: Option<u8>) -> Result<Highlight> {
        self.colour = check_colour(colour)?;
        Ok(self)
    }

    /// The passage's byte range in `body`, when the highlight is anchored to exactly this
    /// text (same fingerprint, not orphaned). Run [`crate::store::Store::anchor_article`]
    /// first after loading an article. For many highlights, build one [`ArticleText`].
    pub fn byte_range(&self, body: &str) -> Option<Range<usize>> {
        self.byte_range_in(&ArticleText::new(body))
    }

    pub fn byte_range_in(&self, text: &ArticleText<'_>) -> Option<Range<usize>> {
        if self.anchor.is_orphaned() || self.fingerprint != text.fingerprint {
            return None;
        }
        text.code_points
            .to_byte_range(text.body, self.position.start..self.position.end)
    }

    /// Whether `query` occurs (ignoring case) in the passage or the note.
    pub fn mentions(&self, query: &str) -> bool {
        let query = query.to_lowercase();
        self.quote.exact.to_lowercase().contains(&query)
            || self
                .note
                .as_ref()
                .is_some_and(|n| n.to_lowercase().contains(&query))
    }

    pub fn has_tag(&self, tag: &str) -> bool {
        let tag = tag.trim().trim_start_matches('#');
        self.tags.iter().any(|t| t.eq_ignore_ascii_case(tag))
    }
}

/// An article's text prepared once for placing many highlights in it.
#[derive(Debug, Clone)]
pub struct ArticleText<'a> {
    pub body: &'a str,
    pub fingerprint: String,
    pub code_points: CodePoints,
}

impl<'a> ArticleText<'a> {
    pub fn new(body: &'a str) -> ArticleText<'a> {
        ArticleText {
            body,
            fingerprint: anchor::fingerprint(body),
            code_points: CodePoints::new(body),
        }
    }
}

pub(crate) fn check_colour(colour: Option<u8>) -> Result<Option<u8>> {
    match colour {
        Some(c) if !COLOURS.contains(&c) => bail!("colour must be 1 to 5, not {c}"),
        other => Ok(other),
    }
}

/// Tags as stored: trimmed, without a leading `#`, sorted and without duplicates. A tag
/// may not be empty or contain white space or commas, nor control characters or
/// bidirectional overrides (a tag is printed and shown as it is, so it must not be able to
/// act on a terminal or display other than it reads).
pub fn normalize_tags<S: AsRef<str>>(tags: &[S]) -> Result<Vec<String>> {
    let mut out = Vec::with_capacity(tags.len());
    for tag in tags {
        let tag = tag.as_ref().trim();
        let tag = tag.strip_prefix('#').unwrap_or(tag);
        if tag.is_empty() {
            bail!("a tag cannot be empty");
        }
        if tag.chars().any(acts_on_terminal) {
            // The tag is named with those characters escaped (`\u{1b}`), never raw.
            let shown: String = tag
                .chars()
                .map(|c| match acts_on_terminal(c) {
                    true => format!("\\u{{{:x}}}", u32::from(c)),
                    false => c.to_string(),
                })
                .collect();
            bail!("a tag cannot contain control characters or text direction controls: {shown}");
        }
        if tag.chars().any(|c| c.is_whitespace() || c == ',') {
            bail!("a tag cannot contain spaces or commas: {tag:?}");
        }
        out.push(tag.to_string());
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// A new highlight id: milliseconds since the epoch, then 32 bits from a per-process random
/// seed plus a counter, so ids made in the same millisecond (by this or another process)
/// differ.
pub fn new_id() -> String {
    static SEED: OnceLock<u64> = OnceLock::new();
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let seed = *SEED.get_or_init(|| RandomState::new().hash_one(std::process::id()));
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let random = seed.wrapping_add(count.wrapping_mul(0x9e37_79b9_7f4a_7c15)) >> 32;
    format!("{millis:x}-{random:08x}")
}

/// The key highlights of an article are stored under: `seeds/NAME` for a bundled seed, the
/// absolute canonical path for a file (so a relative path from any folder finds the same
/// highlights), and `DATASET:LINE` for a record of a JSON Lines dataset (the dataset's
/// absolute canonical path and the record's line, as [`crate::corpus::Origin::label`]
/// names it).
pub fn article_key(path: &Path) -> String {
    if let Some(name) = bundled_seed_name(path) {
        return format!("seeds/{name}");
    }
    if let Ok(file) = std::fs::canonicalize(path) {
        return key_of_path(&file);
    }
    if let Some((dataset, line)) = dataset_record(path) {
        return key_of_path(&record_path(&absolute(&dataset), line));
    }
    key_of_path(&absolute(path))
}

/// [`article_key`] for many files: each folder's canonical path is worked out once, so a
/// file in it costs one `lstat` instead of `realpath`'s `readlink` of every component of its
/// path (about 0.1 CPU s for 50,000 files). A folder asked about many times is listed
/// once instead, and a name the listing shows to be no symbolic link costs no system call
/// at all (the listing gives each entry's type: a fifth of the cost of the `lstat`s).
/// The keys are the same as [`article_key`]'s.
#[derive(Debug, Default)]
pub struct ArticleKeyer {
    /// The last folder asked about and its canonical path (`None`: it has none).
    folder: Option<(PathBuf, Option<PathBuf>)>,
    /// How many files of that folder were asked about.
    asked: usize,
    /// The names in that folder that its listing showed to be no symbolic link (made
    /// once [`LIST_FROM`] of its files were asked about).
    not_links: Option<std::collections::HashSet<std::ffi::OsString>>,
}

/// A folder is listed once this many of its files are asked about: fewer cost less
/// one `lstat` each than a listing of a folder that may hold many other files.
const LIST_FROM: usize = 256;

impl ArticleKeyer {
    pub fn key(&mut self, path: &Path) -> String {
        match self.canonical_file(path) {
            Some(file) => key_of_path(&file),
            None => article_key(path),
        }
    }

    /// `realpath(path)` as the canonical folder plus the file name, for a path that is
    /// exactly `FOLDER/NAME` naming something that is not a symbolic link (then `realpath`
    /// resolves the folder as for itself and appends the name). `None`: ask `article_key`.
    fn canonical_file(&mut self, path: &Path) -> Option<PathBuf> {
        let name = path.file_name()?;
        let parent = path.parent()?;
        let (whole, folder, file) = (
            path.as_os_str().as_encoded_bytes(),
            parent.as_os_str().as_encoded_bytes(),
            name.as_encoded_bytes(),
        );
        // Not "a/b/" nor "a/b/." (their lstat follows a link at b), nor "a//b".
        let exact = whole.len() == folder.len() + 1 + file.len()
            && whole.starts_with(folder)
            && whole[folder.len()] == b'/'
            && whole.ends_with(file);
        if !exact || folder.is_empty() || bundled_seed_name(path).is_some() {
            return None;
        }
        if !matches!(&self.folder, Some((asked, _)) if asked.as_os_str() == parent.as_os_str()) {
            self.folder = Some((parent.to_path_buf(), std::fs::canonicalize(parent).ok()));
            (self.asked, self.not_links) = (0, None);
        }
        let folder = self.folder.as_ref()?.1.as_ref()?;
        self.asked += 1;
        if self.asked == LIST_FROM {
            self.not_links = not_links(parent);
        }
        if self
            .not_links
            .as_ref()
            .is_some_and(|names| names.contains(name))
        {
            return Some(folder.join(name));
        }
        // Not listed (yet), or not seen by the listing (a link, or a file made since).
        let file_type = std::fs::symlink_metadata(path).ok()?.file_type();
        (!file_type.is_symlink()).then(|| folder.join(name))
    }
}

/// The names in `folder` that are no symbolic link, by its listing (the entry types the
/// system gives with it; `None` when the folder cannot be listed).
fn not_links(folder: &Path) -> Option<std::collections::HashSet<std::ffi::OsString>> {
    let entries = std::fs::read_dir(folder).ok()?;
    let not_link = |entry: &std::fs::DirEntry| entry.file_type().is_ok_and(|t| !t.is_symlink());
    Some(
        entries
            .filter_map(Result::ok)
            .filter(not_link)
            .map(|entry| entry.file_name())
            .collect(),
    )
}

fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// `Some((DATASET, LINE))` when `key` names a record of a JSON Lines dataset:
/// `FILE.jsonl:LINE` (or `.ndjson`), the line counting from 1.
pub fn dataset_line(key: &str) -> Option<(PathBuf, usize)> {
    dataset_record(&path_of_key(key))
}

/// [`dataset_line`] of a path.
pub fn dataset_record(path: &Path) -> Option<(PathBuf, usize)> {
    let bytes = path_bytes(path);
    let colon = bytes.iter().rposition(|&b| b == b':')?;
    let line = std::str::from_utf8(&bytes[colon + 1..]).ok()?;
    if line.is_empty() || !line.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let line: usize = line.parse().ok().filter(|&n| n > 0)?;
    let file = path_from_bytes(bytes[..colon].to_vec())?;
    let dataset = file
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("jsonl") || ext.eq_ignore_ascii_case("ndjson"));
    dataset.then_some((file, line))
}

/// Loads the articles `keys` name (article keys, or paths as a user gives them: a file,
/// `seeds/NAME`, `DATASET:LINE`), each dataset read once however many of its records are
/// asked for. Each key comes back with its article or why it could not be loaded.
pub fn load_keyed_articles(keys: &[String]) -> Vec<(String, Result<Article, String>)> {
    let paths: Vec<PathBuf> = keys.iter().map(|key| path_of_key(key)).collect();
    keys.iter().cloned().zip(load_articles_at(&paths)).collect()
}

/// One article by its path as a user gives it (see [`load_keyed_articles`]).
pub fn load_article_at(path: &Path) -> Result<Article, String> {
    load_articles_at(&[path.to_path_buf()])
        .pop()
        .unwrap_or_else(|| Err("nothing loaded".to_string()))
}

/// [`load_keyed_articles`] of paths.
fn load_articles_at(paths: &[PathBuf]) -> Vec<Result<Article, String>> {
    let mut datasets: HashMap<PathBuf, Result<Vec<Article>, String>> = HashMap::new();
    paths
        .iter()
        .map(|path| {
            if let Some(name) = bundled_seed_name(path) {
                Corpus::seeds()
                    .articles
                    .into_iter()
                    .find(|a| a.file_name() == name)
                    .ok_or_else(|| format!("no bundled seed {name}"))
            } else if let (false, Some((file, line))) = (path.is_file(), dataset_record(path)) {
                let records = datasets
                    .entry(file.clone())
                    .or_insert_with(|| read_dataset(&file));
                match records {
                    Ok(records) => records
                        .iter()
                        .find(|a| a.origin.line == Some(line))
                        .cloned()
                        .ok_or_else(|| format!("no article on line {line} of {}", file.display())),
                    Err(reason) => Err(reason.clone()),
                }
            } else {
                load_file(path)
            }
        })
        .collect()
}

fn read_dataset(file: &Path) -> Result<Vec<Article>, String> {
    let loaded = crate::corpus::load_path(file);
    if loaded.articles.is_empty() {
        return Err(loaded
            .problems
            .into_iter()
            .next()
            .map_or_else(|| "no articles".to_string(), |p| p.reason));
    }
    Ok(loaded.articles)
}

/// `Some(NAME)` when `path` is exactly `seeds/NAME` and NAME is a bundled seed: such a path
/// always means the copy compiled into lede.
pub fn bundled_seed_name(path: &Path) -> Option<String> {
    let mut parts = path.components();
    let (Some(Component::Normal(dir)), Some(Component::Normal(name)), None) =
        (parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let name = name.to_str()?;
    (dir == "seeds" && seed_names().iter().any(|n| n == name)).then(|| name.to_string())
}

fn seed_names() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        Corpus::seeds()
            .articles
            .iter()
            .map(|a| a.file_name())
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::parse_article;
    use std::path::PathBuf;

    fn article() -> Article {
        parse_article(
            PathBuf::from("seeds/000_4c127d6cd1a64f9a.txt"),
            "Erdoğan said the “solidarity” was welcome.\n",
            Vec::new(),
        )
    }

    #[test]
    fn a_new_highlight_stores_selectors_in_code_points() {
        let article = article();
        let start = article.body.find("solidarity").unwrap();
        let h = Highlight::new(&article, start..start + 10).unwrap();
        assert_eq!(h.quote.exact, "solidarity");
        assert_eq!(h.position.start, article.body[..start].chars().count());
        assert_eq!(h.article, "seeds/000_4c127d6cd1a64f9a.txt");
        assert_eq!(h.byte_range(&article.body), Some(start..start + 10));
        assert_eq!(h.byte_range("other text"), None);
    }

    #[test]
    fn a_broken_range_is_an_error_not_a_panic() {
        let article = article();
        assert!(Highlight::new(&article, 5..5).is_err());
        assert!(Highlight::new(&article, 0..9999).is_err());
        let inside_g = article.body.find('ğ').unwrap() + 1;
        assert!(Highlight::new(&article, 0..inside_g).is_err());
    }

    #[test]
    fn tags_are_normalised() {
        assert_eq!(
            normalize_tags(&["#idlib", " nato ", "idlib"]).unwrap(),
            vec!["idlib", "nato"]
        );
        assert!(normalize_tags(&["two words"]).is_err());
        assert!(normalize_tags(&["#"]).is_err());
        assert!(normalize_tags(&["a,b"]).is_err());
    }

    #[test]
    fn tags_with_control_characters_are_refused_and_named_escaped() {
        for hostile in [
            "red\u{1b}[31m",
            "title\u{1b}]0;x\u{7}",
            "a\u{9b}b",
            "\u{202e}gat",
            "x\u{7f}",
        ] {
            let err = normalize_tags(&[hostile]).unwrap_err().to_string();
            assert!(err.contains("control characters"), "{err}");
            assert!(!err.chars().any(acts_on_terminal), "{err:?}");
            assert!(err.contains("\\u{"), "{err}");
        }
        assert_eq!(normalize_tags(&["ünï-日本"]).unwrap(), ["ünï-日本"]);
    }

    #[test]
    fn colours_are_one_to_five() {
        let h = Highlight::new(&article(), 0..3).unwrap();
        assert!(h.clone().with_colour(Some(0)).is_err());
        assert!(h.clone().with_colour(Some(6)).is_err());
        assert_eq!(h.with_colour(Some(5)).unwrap().colour, Some(5));
    }

    #[test]
    fn ids_are_unique() {
        let ids: std::collections::HashSet<String> = (0..10_000).map(|_| new_id()).collect();
        assert_eq!(ids.len(), 10_000);
    }

    #[test]
    fn seed_paths_are_keyed_by_name_and_files_by_absolute_path() {
        assert_eq!(
            bundled_seed_name(Path::new("seeds/001_70623a27b97a395d.txt")).as_deref(),
            Some("001_70623a27b97a395d.txt")
        );
        assert_eq!(bundled_seed_name(Path::new("seeds/unknown.txt")), None);
        assert_eq!(
            bundled_seed_name(Path::new("other/001_70623a27b97a395d.txt")),
            None
        );
        let key = article_key(Path::new("some/relative/file.txt"));
        assert!(Path::new(&key).is_absolute());
    }

    #[test]
    fn the_keyer_gives_every_path_the_key_article_key_gives() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("real/sub")).unwrap();
        std::fs::write(root.join("real/a.md"), "A").unwrap();
        std::fs::write(root.join("real/news.jsonl"), "{}").unwrap();
        std::os::unix::fs::symlink(root.join("real"), root.join("link")).unwrap();
        std::os::unix::fs::symlink("a.md", root.join("real/l.md")).unwrap();
        std::os::unix::fs::symlink("sub", root.join("real/s")).unwrap();
        std::os::unix::fs::symlink("nowhere", root.join("real/dangling.md")).unwrap();
        let t = root.display();
        let paths: Vec<PathBuf> = [
            format!("{t}/real/a.md"),
            format!("{t}/link/a.md"),
            format!("{t}/real/l.md"),
            format!("{t}/link/l.md"),
            format!("{t}/real/dangling.md"),
            format!("{t}/real/missing.md"),
            format!("{t}/real/sub"),
            format!("{t}/real/s/"),
            format!("{t}/real/s/."),
            format!("{t}/real//a.md"),
            format!("{t}/link/./a.md"),
            format!("{t}/link/../real/a.md"),
            format!("{t}/real/a.md/x"),
            format!("{t}/real/news.jsonl:1"),
            "seeds/000_4c127d6cd1a64f9a.txt".into(),
            "Cargo.toml".into(),
            "src/lib.rs".into(),
            "some/relative/file.txt".into(),
            "/".into(),
        ]
        .into_iter()
        .map(PathBuf::from)
        .collect();
        let mut keyer = ArticleKeyer::default();
        // Twice, so each folder is asked about again after another one.
        for path in paths.iter().chain(&paths) {
            assert_eq!(keyer.key(path), article_key(path), "{}", path.display());
        }
        let canonical = std::fs::canonicalize(root).unwrap();
        let real_a = canonical.join("real/a.md").display().to_string();
        assert_eq!(keyer.key(&root.join("link/l.md")), real_a);
        assert_eq!(keyer.key(&root.join("link/a.md")), real_a);

        // A folder asked about often enough to be listed: the same keys, for its files,
        // its links (to a file, a folder, nowhere), a file made after it was listed, and
        // all of these again through a linked folder.
        let many = root.join("many");
        std::fs::create_dir(&many).unwrap();
        let mut names: Vec<String> = (0..LIST_FROM + 10).map(|i| format!("{i:04}.txt")).collect();
        for name in &names {
            std::fs::write(many.join(name), "x").unwrap();
        }
        std::os::unix::fs::symlink("0000.txt", many.join("link.txt")).unwrap();
        std::os::unix::fs::symlink(root.join("real"), many.join("folder")).unwrap();
        std::os::unix::fs::symlink("nowhere", many.join("dangling.txt")).unwrap();
        names.extend(["link.txt", "folder", "dangling.txt", "later.txt"].map(String::from));
        let through_link = root.join("link-many");
        std::os::unix::fs::symlink(&many, &through_link).unwrap();
        for folder in [&many, &through_link] {
            let mut keyer = ArticleKeyer::default();
            let _ = std::fs::remove_file(many.join("later.txt"));
            for (i, name) in names.iter().enumerate() {
                if i == LIST_FROM + 10 {
                    std::fs::write(many.join("later.txt"), "x").unwrap();
                }
                let path = folder.join(name);
                assert_eq!(keyer.key(&path), article_key(&path), "{}", path.display());
            }
            let listed = keyer.not_links.as_ref().expect("listed");
            assert!(listed.contains(std::ffi::OsStr::new("0000.txt")));
            assert!(!listed.contains(std::ffi::OsStr::new("link.txt")));
            assert!(!listed.contains(std::ffi::OsStr::new("later.txt")));
        }
    }

    #[test]
    fn dataset_records_are_keyed_by_dataset_and_line() {
        assert_eq!(
            dataset_line("/data/news.jsonl:12"),
            Some((PathBuf::from("/data/news.jsonl"), 12))
        );
        assert_eq!(
            dataset_line("a.NDJSON:1"),
            Some((PathBuf::from("a.NDJSON"), 1))
        );
        for not_a_record in [
            "/data/news.jsonl",
            "/a/b.txt:3",
            "x.jsonl:0",
            "x.jsonl:",
            "x.jsonl:3a",
        ] {
            assert_eq!(dataset_line(not_a_record), None, "{not_a_record}");
        }
        let key = article_key(Path::new("some/news.jsonl:7"));
        assert!(
            key.ends_with("some/news.jsonl:7") && Path::new(&key).is_absolute(),
            "{key}"
        );
    }

    /// Two files (and two datasets' records) whose names differ only in bytes that are not
    /// UTF-8 get different keys, the keyer agrees, and each key loads its own article.
    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_keep_their_own_keys() {
        use crate::store::path_key::path_from_bytes;
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        let name = |byte: u8, ext: &str| {
            let mut bytes = b"caf".to_vec();
            bytes.push(byte);
            bytes.extend_from_slice(ext.as_bytes());
            root.join(path_from_bytes(bytes).unwrap())
        };
        let (e9, e8) = (name(0xe9, ".txt"), name(0xe8, ".txt"));
        std::fs::write(&e9, "Coffee\n\nThe cafe served coffee.\n").unwrap();
        std::fs::write(&e8, "Tea\n\nThe cafe served tea.\n").unwrap();
        let (key9, key8) = (article_key(&e9), article_key(&e8));
        assert_ne!(key9, key8);
        let mut keyer = ArticleKeyer::default();
        assert_eq!(
            (keyer.key(&e9), keyer.key(&e8)),
            (key9.clone(), key8.clone())
        );
        let loaded = load_keyed_articles(&[key9, key8]);
        let bodies: Vec<String> = loaded
            .into_iter()
            .map(|(_, article)| article.map(|a| a.body.to_string()).unwrap_or_default())
            .collect();
        assert!(
            bodies[0].contains("coffee") && bodies[1].contains("tea"),
            "{bodies:?}"
        );

        let record = |byte| crate::corpus::record_path(&name(byte, ".jsonl"), 2);
        let (record9, record8) = (article_key(&record(0xe9)), article_key(&record(0xe8)));
        assert_ne!(record9, record8);
        assert_eq!(dataset_line(&record9), Some((name(0xe9, ".jsonl"), 2)));
    }
}
