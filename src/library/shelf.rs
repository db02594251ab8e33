//! The library folder: one Markdown file per fetched article (see [`super::article_file`]),
//! named after its date and title. Files are only ever created, atomically and under a
//! name no other file has; nothing here changes or removes a file already there.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::article_file::{Entry, body_paragraphs, one_line, story_key};
use crate::corpus::frontmatter;
use crate::store::create_atomic;

/// The library: `library/` inside the data folder.
#[derive(Debug, Clone)]
pub struct Library {
    dir: PathBuf,
}

/// What tells one article from another: its feed item id (within its feed), its address
/// and its story text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keys {
    guid: Option<String>,
    url: Option<String>,
    story: Option<u64>,
}

impl Keys {
    pub fn of(entry: &Entry) -> Keys {
        Keys {
            guid: entry.guid.as_deref().and_then(one_line).map(|guid| {
                let feed_url = entry.feed_url.as_deref().and_then(one_line);
                guid_key(feed_url.as_deref(), &guid)
            }),
            url: entry.url.as_deref().and_then(one_line),
            story: entry.story_key(),
        }
    }
}

/// Item ids are only unique within a feed.
fn guid_key(feed_url: Option<&str>, guid: &str) -> String {
    format!("{}\n{guid}", feed_url.unwrap_or(""))
}

/// What the library already holds, to tell a new article from one saved before: by
/// feed item id, then by address, then by story text.
#[derive(Debug, Clone, Default)]
pub struct Known {
    guids: HashMap<String, PathBuf>,
    urls: HashMap<String, PathBuf>,
    stories: HashMap<u64, PathBuf>,
}

impl Known {
    /// The file already holding the article with these keys, if any.
    pub fn find(&self, keys: &Keys) -> Option<&Path> {
        let by_guid = || self.guids.get(keys.guid.as_ref()?);
        let by_url = || self.urls.get(keys.url.as_ref()?);
        let by_story = || self.stories.get(keys.story.as_ref()?);
        by_guid()
            .or_else(by_url)
            .or_else(by_story)
            .map(PathBuf::as_path)
    }

    /// The file saved from this address, if any.
    pub fn find_url(&self, url: &str) -> Option<&Path> {
        self.urls.get(url).map(PathBuf::as_path)
    }

    /// Remembers an article with these keys as saved in `path`.
    pub fn insert(&mut self, keys: Keys, path: &Path) {
        if let Some(guid) = keys.guid {
            self.guids.insert(guid, path.to_path_buf());
        }
        if let Some(url) = keys.url {
            self.urls.insert(url, path.to_path_buf());
        }
        if let Some(story) = keys.story {
            self.stories.insert(story, path.to_path_buf());
        }
    }
}

/// Longest library file read when looking for what is known (articles are far smaller).
const FILE_MAX_BYTES: u64 = 8 << 20;
/// Longest title part of a file name, in bytes.
const NAME_TITLE_MAX_BYTES: usize = 80;

impl Library {
    /// The library of the data folder `data_dir`.
    pub fn new(data_dir: &Path) -> Library {
        Library {
            dir: data_dir.join("library"),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Whether the library holds at least one article file (a cheap look at the folder).
    pub fn has_articles(&self) -> bool {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return false;
        };
        entries.filter_map(Result::ok).any(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            !name.starts_with('.')
                && name.ends_with(".md")
                && entry.file_type().is_ok_and(|t| t.is_file())
        })
    }

    /// Reads what the library holds: each file's front matter (`guid`, `url`) and story
    /// text. Unreadable files are skipped (they hold nothing to compare with).
    pub fn known(&self) -> Known {
        let mut known = Known::default();
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return known;
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| e.path())
            .filter(|p| is_article_file(p))
            .collect();
        files.sort();
        for path in files {
            if let Some(keys) = read_keys(&path) {
                known.insert(keys, &path);
            }
        }
        known
    }

    /// Saves `entry` as a new file and returns its path. Never replaces a file: a name
    /// already taken gets a number.
    pub fn save(&self, entry: &Entry) -> Result<PathBuf> {
        fs::create_dir_all(&self.dir)
            .with_context(|| format!("cannot create {}", self.dir.display()))?;
        let stem = file_stem(entry);
        let text = entry.to_markdown();
        for n in 1..10_000u32 {
            let name = if n == 1 {
                format!("{stem}.md")
            } else {
                format!("{stem}-{n}.md")
            };
            let path = self.dir.join(name);
            if create_atomic(&path, text.as_bytes())? {
                return Ok(path);
            }
        }
        anyhow::bail!("no free file name for {stem} in {}", self.dir.display())
    }
}

fn is_article_file(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    name.is_some_and(|n| !n.starts_with('.') && n.ends_with(".md"))
}

/// The keys of a library file, from its front matter (`guid`, `feed_url`, `url`) and
/// its paragraphs.
fn read_keys(path: &Path) -> Option<Keys> {
    use std::io::Read;
    let mut bytes = Vec::new();
    fs::File::open(path)
        .ok()?
        .take(FILE_MAX_BYTES)
        .read_to_end(&mut bytes)
        .ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let front = frontmatter::read(&text);
    let body = front
        .as_ref()
        .and_then(|f| text.get(f.body_start..))
        .unwrap_or(&text);
    let paragraphs: Vec<String> = body_paragraphs(body).collect();
    let story = story_key(paragraphs.iter().map(String::as_str));
    let front = front.unwrap_or_default();
    Some(Keys {
        guid: front
            .guid
            .as_deref()
            .map(|guid| guid_key(front.feed_url.as_deref(), guid)),
        url: front.url,
        story,
    })
}

/// `2024-03-01-nato-meets-after-strike`: safe on every file system (letters, digits and
/// hyphens; no separators, no `..`, no control characters; bounded length).
fn file_stem(entry: &Entry) -> String {
    let mut slug = String::new();
    for c in entry.title.chars().flat_map(char::to_lowercase) {
        if slug.len() >= NAME_TITLE_MAX_BYTES {
            break;
        }
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "article" } else { slug };
    match entry.date {
        Some(date) => format!("{date}-{slug}"),
        None => slug.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Date;
    use std::collections::HashSet;

    fn entry(title: &str, text: &str) -> Entry {
        Entry {
            title: title.to_string(),
            date: Date::new(2024, 3, 1),
            url: Some(format!("https://example.com/{}", text.len())),
            feed_url: Some("https://example.com/feed".into()),
            guid: Some(format!("id-{title}")),
            fetched: "2024-03-01T10:00:00Z".into(),
            paragraphs: vec![text.to_string()],
            ..Entry::default()
        }
    }

    #[test]
    fn file_names_are_safe_bounded_and_unique() {
        let dir = tempfile::tempdir().unwrap();
        let library = Library::new(dir.path());
        assert!(!library.has_articles());
        let hostile = [
            "../../etc/passwd",
            "a/b\\c",
            "\u{1b}]0;owned\u{7}title\u{0}",
            "..",
            "",
            "CON",
            &"long ".repeat(200),
            "Ünïcödé — 東京 news",
        ];
        let mut paths = HashSet::new();
        for (i, title) in hostile.iter().enumerate() {
            let path = library.save(&entry(title, &format!("text {i}"))).unwrap();
            assert_eq!(path.parent(), Some(library.dir()));
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            assert!(name.len() <= 100, "{name}");
            assert!(!name.starts_with('.'), "{name}");
            assert!(
                name.chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '.'),
                "{name}"
            );
            assert!(paths.insert(path));
        }
        // The same title twice: a second file, the first untouched.
        let first = library.save(&entry("Same", "one")).unwrap();
        let second = library.save(&entry("Same", "two")).unwrap();
        assert_ne!(first, second);
        assert!(fs::read_to_string(&first).unwrap().contains("\none\n"));
        assert!(library.has_articles());
        assert_eq!(
            fs::read_dir(library.dir()).unwrap().count(),
            hostile.len() + 2
        );
    }

    #[test]
    fn known_by_guid_then_url_then_story() {
        let dir = tempfile::tempdir().unwrap();
        let library = Library::new(dir.path());
        let saved = entry("Saved", "The story text *as* it was.");
        let path = library.save(&saved).unwrap();
        let known = library.known();

        assert_eq!(known.find(&Keys::of(&saved)), Some(path.as_path()));
        let same_guid = Entry {
            url: None,
            paragraphs: vec!["changed text".into()],
            ..saved.clone()
        };
        assert_eq!(known.find(&Keys::of(&same_guid)), Some(path.as_path()));
        let same_url = Entry {
            guid: Some("other".into()),
            paragraphs: vec!["changed text".into()],
            ..saved.clone()
        };
        assert_eq!(known.find(&Keys::of(&same_url)), Some(path.as_path()));
        // Another feed, another id and address, the same words: the same story.
        let same_story = Entry {
            guid: Some("x".into()),
            feed_url: Some("https://other.org/rss".into()),
            url: Some("https://other.org/copy".into()),
            title: "Another headline".into(),
            ..saved.clone()
        };
        assert_eq!(known.find(&Keys::of(&same_story)), Some(path.as_path()));
        // The same id in another feed is another item.
        let other = Entry {
            feed_url: Some("https://other.org/rss".into()),
            url: None,
            paragraphs: vec!["different".into()],
            ..saved.clone()
        };
        assert_eq!(known.find(&Keys::of(&other)), None);
    }
}
