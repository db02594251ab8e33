//! The article model: what every other layer (extraction, search, store, TUI) reads.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::text::{Part, TextHandle};

/// A calendar date as news text gives it (no time zone, no time of day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Builds a date, refusing impossible months and days.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days_in_month)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD` exactly.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let year = text.get(0..4)?.parse().ok()?;
        let month = text.get(5..7)?.parse().ok()?;
        let day = text.get(8..10)?.parse().ok()?;
        Date::new(year, month, day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// What a paragraph is for. Everything except `Body` and `Standfirst` is page furniture
/// or a label around the story; the reader shows it, dimmed where it is boilerplate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParagraphKind {
    /// A section or column name above the headline ("The Slatest").
    Section,
    /// A site banner ("This story is over 5 years old.").
    Banner,
    Headline,
    /// The summary line under a headline.
    Standfirst,
    /// A photo caption or credit.
    Caption,
    /// Site furniture inside the text: "Follow … on Twitter", "Related: …", corrections.
    Boilerplate,
    Body,
}

impl ParagraphKind {
    /// Kept in the text but not part of the story: shown dimmed, skipped by extraction.
    pub fn is_boilerplate(self) -> bool {
        matches!(
            self,
            ParagraphKind::Banner | ParagraphKind::Caption | ParagraphKind::Boilerplate
        )
    }
}

/// A paragraph: a byte range into [`Article::body`]. Hard-wrapped lines inside it are
/// one paragraph; their newlines are shown as spaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub range: Range<usize>,
    pub kind: ParagraphKind,
}

/// A sentence: a byte range into [`Article::body`], inside paragraph `paragraph`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub range: Range<usize>,
    pub paragraph: usize,
}

/// The kind of file an article was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Format {
    /// Plain text (`.txt`, extension-less, and the bundled seeds).
    #[default]
    Text,
    /// Markdown, with or without YAML front matter.
    Markdown,
    /// A saved web page, reduced to its article.
    Html,
    /// One record of a JSON Lines dataset.
    JsonLines,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::JsonLines => "jsonl",
        }
    }
}

/// Where an article came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// The file it was read from (for the seeds, `seeds/NAME`).
    pub file: PathBuf,
    /// For a JSON Lines record: its line in `file`, counting from 1.
    pub line: Option<usize>,
    pub format: Format,
    /// The article's web address, when the file gives one (front matter, canonical link,
    /// `og:url`, a dataset's `url` field).
    pub url: Option<String>,
    /// The feed it was fetched from (a library file's `feed`), when it says.
    pub feed: Option<String>,
    /// Other places the same text was found; the article is listed once.
    pub duplicates: Vec<String>,
}

impl Origin {
    /// `FILE` or `FILE:LINE`, for showing the user.
    pub fn label(&self) -> String {
        match self.line {
            Some(line) => format!("{}:{line}", self.file.display()),
            None => self.file.display().to_string(),
        }
    }

    /// The article's identity ([`Article::path`]): the file, or `FILE:LINE` for a record,
    /// with the file's name as it is (not made UTF-8, as [`Origin::label`] makes it).
    pub fn identity(&self) -> PathBuf {
        match self.line {
            Some(line) => record_path(&self.file, line),
            None => self.file.clone(),
        }
    }
}

/// `FILE:LINE`, the identity of a JSON Lines record, keeping the file's name as it is.
pub fn record_path(file: &Path, line: usize) -> PathBuf {
    let mut path = file.as_os_str().to_os_string();
    path.push(format!(":{line}"));
    PathBuf::from(path)
}

/// One loaded article. `body` is the sanitised text (no control characters or escape
/// sequences) without the metadata header; every range points into it. The body,
/// paragraphs and sentences are parts of one [`TextHandle`]: the body in its own string,
/// or a range of a buffer many articles share (the cache's corpus snapshot; see
/// [`super::text`]).
#[derive(Debug, Clone)]
pub struct Article {
    /// The article's identity: its file path, `FILE:LINE` for a JSON Lines record, or
    /// `seeds/NAME` for the bundled articles. Unique within a corpus.
    pub path: PathBuf,
    pub title: String,
    pub date: Option<Date>,
    pub source: Option<String>,
    /// The byline: the names of the authors, when the file gives them (empty when not).
    pub byline: Vec<String>,
    /// The article's language as the file declares it (`en`, `de-AT`), when it does.
    pub language: Option<String>,
    pub tags: Vec<String>,
    /// Where it came from (file, line, format, web address, duplicates).
    pub origin: Origin,
    pub body: Part<str>,
    pub paragraphs: Part<[Paragraph]>,
    pub sentences: Part<[Sentence]>,
    /// Things worth telling the user about how the file was read (e.g. a legacy encoding).
    pub warnings: Vec<String>,
}

impl Article {
    /// The article's text as one handle (its body, paragraphs and sentences).
    pub fn text(&self) -> &TextHandle {
        self.body.handle()
    }

    /// The same article with its text in another place (kept in the cache, say).
    pub fn with_text(self, text: TextHandle) -> Article {
        let (body, paragraphs, sentences) = text.parts();
        Article {
            body,
            paragraphs,
            sentences,
            ..self
        }
    }

    pub fn paragraph_text(&self, index: usize) -> &str {
        self.paragraphs
            .get(index)
            .and_then(|p| self.body.get(p.range.clone()))
            .unwrap_or("")
    }

    pub fn sentence_text(&self, index: usize) -> &str {
        self.sentences
            .get(index)
            .and_then(|s| self.body.get(s.range.clone()))
            .unwrap_or("")
    }

    /// The first sentence of the story itself (not a headline, caption or banner).
    pub fn lead_sentence(&self) -> Option<&str> {
        self.sentences
            .iter()
            .find(|s| self.paragraphs[s.paragraph].kind == ParagraphKind::Body)
            .and_then(|s| self.body.get(s.range.clone()))
    }

    /// The paragraphs marked as boilerplate (the "boilerplate lines" of the article).
    pub fn boilerplate(&self) -> impl Iterator<Item = &Paragraph> {
        self.paragraphs.iter().filter(|p| p.kind.is_boilerplate())
    }

    /// The index of the sentence containing byte `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.range.end <= offset);
        (i < self.sentences.len() && self.sentences[i].range.start <= offset).then_some(i)
    }

    /// The index of the paragraph containing byte `offset`, if any.
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.range.end <= offset);
        (i < self.paragraphs.len() && self.paragraphs[i].range.start <= offset).then_some(i)
    }

    /// The file name, for compact display.
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.path.display().to_string())
    }
}
