//! The feeds a user follows, in `feeds.jsonl` inside the data folder: one feed a line
//! (address, title, full-text setting, and what the last update learnt: validators for
//! conditional requests, gone, backing off). One line per feed means a damaged line
//! loses at most that line; even then its address is recovered when it can be, the
//! damage is reported, and a copy of the damaged file is kept before it is rewritten.
//!
//! Changes go through [`edit`]: under a lock, the list is read, changed and written back
//! atomically, so two lede processes never lose each other's changes.

use std::fs::{self, OpenOptions};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use super::net::Validators;
use crate::store::write_atomic;

/// One followed feed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feed {
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Fetch each new item's page for its full text (for feeds that give only a summary).
    #[serde(default, skip_serializing_if = "is_false")]
    pub full_text: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added: Option<String>,
    #[serde(default, skip_serializing_if = "FeedState::is_empty")]
    pub state: FeedState,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// What updates learnt about a feed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedState {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// Why the feed is no longer fetched (it answered 404 or 410), when it is gone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gone: Option<String>,
    /// Not fetched before this time (Unix seconds): the server asked to slow down.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<i64>,
    /// Updates in a row that failed.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub failures: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_update: Option<String>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl FeedState {
    fn is_empty(&self) -> bool {
        *self == FeedState::default()
    }

    pub fn validators(&self) -> Validators {
        Validators {
            etag: self.etag.clone(),
            last_modified: self.last_modified.clone(),
        }
    }
}

/// The list, in the order feeds were added.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedList {
    pub feeds: Vec<Feed>,
}

impl FeedList {
    pub fn find(&self, url: &str) -> Option<&Feed> {
        self.feeds.iter().find(|f| f.url == url)
    }

    pub fn find_mut(&mut self, url: &str) -> Option<&mut Feed> {
        self.feeds.iter_mut().find(|f| f.url == url)
    }

    fn to_jsonl(&self) -> Result<String> {
        let mut out = String::new();
        for feed in &self.feeds {
            out.push_str(&serde_json::to_string(feed)?);
            out.push('\n');
        }
        Ok(out)
    }
}

/// The list as read, and what was wrong with the file (for the user).
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub list: FeedList,
    pub problems: Vec<String>,
}

/// `feeds.jsonl` in the data folder.
pub fn path(data_dir: &Path) -> PathBuf {
    data_dir.join("feeds.jsonl")
}

/// Largest feed list read.
const FILE_MAX_BYTES: u64 = 64 << 20;

/// Reads the feed list (empty when there is none yet). Damaged lines are reported in
/// [`Loaded::problems`]; a damaged line's address is kept when one can be found in it.
pub fn load(data_dir: &Path) -> Result<Loaded> {
    let path = path(data_dir);
    let bytes = match fs::metadata(&path) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Loaded::default()),
        Ok(meta) if meta.len() > FILE_MAX_BYTES => {
            anyhow::bail!(
                "{} is larger than {} MB: not a feed list?",
                path.display(),
                FILE_MAX_BYTES >> 20
            )
        }
        _ => fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?,
    };
    Ok(parse(&bytes, &path))
}

fn parse(bytes: &[u8], path: &Path) -> Loaded {
    let mut loaded = Loaded::default();
    let text = String::from_utf8_lossy(bytes);
    for (number, line) in text.lines().enumerate().map(|(i, l)| (i + 1, l.trim())) {
        if line.is_empty() {
            continue;
        }
        let feed = serde_json::from_str::<Feed>(line)
            .map_err(|e| e.to_string())
            .and_then(|feed| match super::address::parse(&feed.url) {
                Ok(_) => Ok(feed),
                Err(reason) => Err(format!("bad feed address: {reason}")),
            });
        match feed {
            Ok(feed) if loaded.list.find(&feed.url).is_some() => {}
            Ok(feed) => loaded.list.feeds.push(feed),
            Err(reason) => {
                let recovered = recover_address(line)
                    .filter(|url| loaded.list.find(url).is_none())
                    .map(|url| Feed {
                        url,
                        ..Feed::default()
                    });
                let what = match &recovered {
                    Some(feed) => format!("its address {} is kept", feed.url),
                    None => "no feed address found in it".to_string(),
                };
                loaded.problems.push(format!(
                    "{} line {number} is damaged ({}); {what}",
                    path.display(),
                    super::printable(&reason)
                ));
                loaded.list.feeds.extend(recovered);
            }
        }
    }
    loaded
}

/// The first web address in a damaged line.
fn recover_address(line: &str) -> Option<String> {
    let start = line.find("https://").or_else(|| line.find("http://"))?;
    let candidate: String = line[start..]
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, '"' | '\'' | '<' | '>' | '\\'))
        .collect();
    super::address::parse(&candidate)
        .ok()
        .map(|a| a.to_string())
}

/// Reads the list under a lock, lets `change` change it, and writes it back atomically
/// when it changed. When the file was damaged, a copy of it is kept beside it first
/// (`feeds.jsonl.damaged-TIME`), named in the problems returned.
pub fn edit<T>(
    data_dir: &Path,
    change: impl FnOnce(&mut FeedList) -> Result<T>,
) -> Result<(T, Vec<String>)> {
    fs::create_dir_all(data_dir)
        .with_context(|| format!("cannot create {}", data_dir.display()))?;
    let lock_path = data_dir.join(".feeds.lock");
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .with_context(|| format!("cannot open {}", lock_path.display()))?;
    lock.lock()
        .with_context(|| format!("cannot lock {}", lock_path.display()))?;
    let mut loaded = load(data_dir)?;
    let before = loaded.list.clone();
    let value = change(&mut loaded.list)?;
    if loaded.list != before || !loaded.problems.is_empty() {
        let path = path(data_dir);
        if !loaded.problems.is_empty() {
            let copy = data_dir.join(format!(
                "feeds.jsonl.damaged-{}",
                crate::store::timestamp::now().replace(':', "")
            ));
            fs::copy(&path, &copy)
                .with_context(|| format!("cannot keep a copy of {}", path.display()))?;
            loaded.problems.push(format!(
                "the damaged list was copied to {} before being rewritten",
                copy.display()
            ));
        }
        write_atomic(&path, loaded.list.to_jsonl()?.as_bytes())?;
    }
    drop(lock);
    Ok((value, loaded.problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(url: &str) -> Feed {
        Feed {
            url: url.to_string(),
            ..Feed::default()
        }
    }

    #[test]
    fn edits_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let ((), problems) = edit(dir.path(), |list| {
            list.feeds.push(Feed {
                title: Some("A \"quoted\" title".into()),
                full_text: true,
                state: FeedState {
                    etag: Some("\"abc\"".into()),
                    ..FeedState::default()
                },
                ..feed("https://example.com/a")
            });
            list.feeds.push(feed("https://example.com/b"));
            Ok(())
        })
        .unwrap();
        assert!(problems.is_empty());
        let loaded = load(dir.path()).unwrap();
        assert!(loaded.problems.is_empty());
        assert_eq!(loaded.list.feeds.len(), 2);
        assert_eq!(loaded.list.feeds[0].state.etag.as_deref(), Some("\"abc\""));
        assert!(loaded.list.feeds[0].full_text);
        assert_eq!(
            load(tempfile::tempdir().unwrap().path()).unwrap().list,
            FeedList::default()
        );
    }

    #[test]
    fn a_damaged_list_is_reported_recovered_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let damaged = "{\"url\":\"https://example.com/good\"}\n\
                       {\"url\":\"https://example.com/cut\",\"tit\n\
                       \u{0}\u{ff} garbage\n\
                       {\"url\":\"file:///etc/passwd\"}\n";
        fs::write(path(dir.path()), damaged).unwrap();
        let loaded = load(dir.path()).unwrap();
        let urls: Vec<&str> = loaded.list.feeds.iter().map(|f| f.url.as_str()).collect();
        assert_eq!(
            urls,
            ["https://example.com/good", "https://example.com/cut"]
        );
        assert_eq!(loaded.problems.len(), 3, "{:?}", loaded.problems);
        assert!(loaded.problems[0].contains("line 2"));
        assert!(loaded.problems[0].contains("is kept"));
        assert!(loaded.problems[2].contains("file://"));

        // Editing writes the recovered list, keeping a copy of the damaged one.
        let ((), problems) = edit(dir.path(), |_| Ok(())).unwrap();
        assert!(problems.last().unwrap().contains("copied to"));
        let copies: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("feeds.jsonl.damaged-"))
            .collect();
        assert_eq!(copies.len(), 1);
        assert_eq!(
            fs::read(dir.path().join(&copies[0])).unwrap(),
            damaged.as_bytes()
        );
        let again = load(dir.path()).unwrap();
        assert!(again.problems.is_empty());
        assert_eq!(again.list.feeds.len(), 2);
    }
}
