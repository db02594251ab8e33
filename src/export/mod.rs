//! Exporting highlights to notes and other tools (Markdown for Obsidian, W3C Web Annotation
//! JSON-LD, CSV, Readwise's CSV, Hypothesis JSON, Kindle "My Clippings") and importing them
//! back (W3C and Hypothesis JSON, clippings).
//!
//! Exporting is two steps, both without a terminal: [`items`] picks the highlights a
//! [`Filter`] selects and pairs each with its loaded article (and its speaker, when the
//! passage is a quote); [`render`] turns them into text, or [`write_file`] writes that text
//! atomically ([`export_per_article`] writes one Markdown file per article into a folder).
//! The CLI (`lede export`) and the TUI's export dialog share them.

pub mod clippings;
pub mod csv;
pub mod files;
pub mod fragment;
pub mod hypothesis;
pub mod import;
pub mod markdown;
pub mod readwise;
mod text;
pub mod time;
pub mod w3c;
mod w3c_read;

use std::borrow::Borrow;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::corpus::Article;
use crate::store::{Highlight, article_key, write_atomic};

pub use files::{export_per_article, file_names};
pub use text::{SourceRef, source_iri, source_ref, web_address};

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Markdown for notes (Obsidian): grouped by article, passages as blockquotes.
    Markdown,
    /// W3C Web Annotation JSON-LD: one AnnotationCollection.
    W3c,
    /// CSV (RFC 4180) with a header row.
    Csv,
    /// Kindle "My Clippings.txt".
    Clippings,
    /// The CSV Readwise imports (`Highlight`, `Title`, `Author`, `URL`, `Note`, …).
    Readwise,
    /// The JSON Hypothesis imports (`{"annotations": […]}`).
    Hypothesis,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Markdown,
        Format::W3c,
        Format::Csv,
        Format::Clippings,
        Format::Readwise,
        Format::Hypothesis,
    ];

    /// The name on the command line (`md`, `w3c`, `csv`, `clippings`, `readwise`,
    /// `hypothesis`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::W3c => "w3c",
            Format::Csv => "csv",
            Format::Clippings => "clippings",
            Format::Readwise => "readwise",
            Format::Hypothesis => "hypothesis",
        }
    }

    /// A file name to offer in a save prompt.
    pub fn default_file_name(self) -> &'static str {
        match self {
            Format::Markdown => "lede-highlights.md",
            Format::W3c => "lede-highlights.jsonld",
            Format::Csv => "lede-highlights.csv",
            Format::Clippings => "My Clippings.txt",
            Format::Readwise => "lede-highlights-readwise.csv",
            Format::Hypothesis => "lede-highlights-hypothesis.json",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                format!("unknown format {s:?} (md, w3c, csv, clippings, readwise or hypothesis)")
            })
    }
}

/// Which highlights to export. Every tag given must be present; when articles are given
/// (as article keys, see [`article_key`]), only their highlights.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub tags: Vec<String>,
    pub articles: Vec<String>,
}

impl Filter {
    pub fn matches(&self, h: &Highlight) -> bool {
        self.tags.iter().all(|t| h.has_tag(t))
            && (self.articles.is_empty() || self.articles.contains(&h.article))
    }
}

/// Who says a passage, when it is a quote: [`speakers_from_extraction`] finds out,
/// [`no_speaker`] leaves the speaker out.
pub type SpeakerOf<'s> = &'s dyn Fn(&Highlight, &Article) -> Option<String>;

/// Speakers from extraction: the speaker of the quote a highlight falls in. Each
/// article's quotes are extracted once, however many highlights it has.
pub fn speakers_from_extraction() -> impl Fn(&Highlight, &Article) -> Option<String> {
    type Quotes = Vec<(std::ops::Range<usize>, String)>;
    let cache: std::cell::RefCell<std::collections::HashMap<std::path::PathBuf, Quotes>> =
        Default::default();
    move |h: &Highlight, article: &Article| {
        let mut cache = cache.borrow_mut();
        let quotes = cache.entry(article.path.clone()).or_insert_with(|| {
            crate::extract::quotes(article)
                .into_iter()
                .filter_map(|q| Some((q.range, q.speaker?)))
                .collect()
        });
        speaker_for(h, article, quotes)
    }
}

pub fn no_speaker(_: &Highlight, _: &Article) -> Option<String> {
    None
}

/// The speaker of the quote holding most (at least half) of the highlight's passage, given
/// the article's quotes as (byte range in its body, speaker). For building a [`SpeakerOf`]
/// from extraction's quotes; `None` for an orphan or a passage outside every quote.
pub fn speaker_for(
    h: &Highlight,
    article: &Article,
    quotes: &[(std::ops::Range<usize>, String)],
) -> Option<String> {
    let passage = h.byte_range(&article.body)?;
    let overlap = |quote: &std::ops::Range<usize>| {
        quote
            .end
            .min(passage.end)
            .saturating_sub(quote.start.max(passage.start))
    };
    quotes
        .iter()
        .map(|(range, speaker)| (overlap(range), speaker))
        .filter(|(shared, _)| *shared > 0 && 2 * shared >= passage.len())
        .max_by_key(|(shared, _)| *shared)
        .map(|(_, speaker)| speaker.clone())
}

/// One highlight to export, with what is known around it.
#[derive(Debug, Clone)]
pub struct Item<'a> {
    pub highlight: &'a Highlight,
    /// Its article, when it could be loaded; otherwise the exports use the stored text
    /// and the article key.
    pub article: Option<&'a Article>,
    pub speaker: Option<String>,
}

impl Item<'_> {
    /// The article's title, or its key when it could not be loaded.
    pub fn title(&self) -> String {
        self.article
            .map(|a| text::one_line(&a.title))
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| text::one_line(&self.highlight.article))
    }

    /// The article's date, `YYYY-MM-DD`.
    pub fn date(&self) -> Option<String> {
        self.article.and_then(|a| a.date).map(|d| d.to_string())
    }

    /// The outlet that published the article.
    pub fn outlet(&self) -> Option<String> {
        self.article
            .and_then(|a| a.source.as_deref())
            .map(text::one_line)
            .filter(|s| !s.is_empty())
    }

    /// The article's authors, when known (its byline).
    pub fn authors(&self) -> Vec<String> {
        let byline = self.article.map_or(&[][..], |a| &a.byline[..]);
        byline
            .iter()
            .map(|name| text::one_line(name))
            .filter(|name| !name.is_empty())
            .collect()
    }

    /// The article's web address: the one its file gives (canonical link, front matter,
    /// a dataset's `url`), or the key itself when that is one (a highlight imported for a
    /// web page lede does not have).
    pub fn url(&self) -> Option<String> {
        self.article
            .and_then(|a| a.origin.url.as_deref())
            .and_then(text::web_address)
            .or_else(|| text::web_address(&self.highlight.article))
    }

    /// The article key: `seeds/NAME`, an absolute path, `DATASET:LINE`, or for an orphan
    /// imported from another tool, its source.
    pub fn path(&self) -> &str {
        &self.highlight.article
    }

    /// Where lede read the article, for people: `seeds/NAME`, the file's path, or
    /// `DATASET, line N` for a record of a JSON Lines dataset. `None` when the key is no
    /// local place (a web address or a book title from an import).
    pub fn local(&self) -> Option<String> {
        let key = self.path();
        if let Some((dataset, line)) = crate::store::dataset_line(key) {
            return Some(format!("{}, line {line}", dataset.display()));
        }
        let is_seed =
            crate::store::bundled_seed_name(Path::new(key)).is_some() || key.starts_with("seeds/");
        (is_seed || key.starts_with('/')).then(|| text::one_line(key))
    }

    /// The IRI of where lede read the article (see [`source_iri`]).
    pub fn local_iri(&self) -> String {
        source_iri(self.path())
    }
}

/// The highlights `filter` selects, each with its article from `articles` (matched by
/// article key) and its speaker; ordered by article key, then by place in the article
/// (orphans last), then by creation. `highlights` may hold them plainly or shared
/// (`Arc<Highlight>`), as the store does.
pub fn items<'a, H: Borrow<Highlight>>(
    highlights: &'a [H],
    articles: &'a [Article],
    filter: &Filter,
    speaker_of: SpeakerOf<'_>,
) -> Vec<Item<'a>> {
    let by_key: HashMap<String, &Article> =
        articles.iter().map(|a| (article_key(&a.path), a)).collect();
    let mut items: Vec<Item<'a>> = highlights
        .iter()
        .map(Borrow::borrow)
        .filter(|h| filter.matches(h))
        .map(|h| {
            let article = by_key.get(&h.article).copied();
            let speaker = article
                .and_then(|a| speaker_of(h, a))
                .map(|s| text::one_line(&s))
                .filter(|s| !s.is_empty());
            Item {
                highlight: h,
                article,
                speaker,
            }
        })
        .collect();
    items.sort_by(|a, b| {
        let key = |i: &Item<'_>| {
            let h = i.highlight;
            (
                h.article.clone(),
                h.anchor.is_orphaned(),
                h.position.start,
                h.created.clone(),
                h.id.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    items
}

/// The export of `items` in `format`, as one file.
pub fn render(format: Format, items: &[Item<'_>]) -> String {
    match format {
        Format::Markdown => markdown::render(items),
        Format::W3c => w3c::render(items),
        Format::Csv => csv::render(items),
        Format::Clippings => clippings::render(items),
        Format::Readwise => readwise::render(items),
        Format::Hypothesis => hypothesis::render(items),
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub format: Format,
    pub highlights: usize,
    pub articles: usize,
    /// Highlights exported from their stored text because they are orphaned.
    pub orphans: usize,
    /// The file written (the folder, for one file per article); `None` for standard
    /// output.
    pub path: Option<PathBuf>,
    /// How many files were written into the folder, for one file per article.
    pub files: Option<usize>,
}

impl Summary {
    pub fn of(format: Format, items: &[Item<'_>], path: Option<&Path>) -> Summary {
        let mut articles: Vec<&str> = items.iter().map(|i| i.path()).collect();
        articles.sort_unstable();
        articles.dedup();
        Summary {
            format,
            highlights: items.len(),
            articles: articles.len(),
            orphans: items
                .iter()
                .filter(|i| i.highlight.anchor.is_orphaned())
                .count(),
            path: path.map(Path::to_path_buf),
            files: None,
        }
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        write!(
            f,
            "exported {} from {} as {}",
            plural(self.highlights, "highlight"),
            plural(self.articles, "article"),
            self.format
        )?;
        if self.orphans > 0 {
            write!(f, " ({} orphaned, from their stored text)", self.orphans)?;
        }
        if let Some(path) = &self.path {
            write!(f, " to {}", path.display())?;
        }
        if let Some(files) = self.files {
            write!(f, " ({})", plural(files, "file"))?;
        }
        Ok(())
    }
}

/// The error when the target exists and overwriting was not asked for (the TUI can ask
/// the user and call again with `force`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WouldOverwrite(pub PathBuf);

impl fmt::Display for WouldOverwrite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} already exists; not overwriting it (use --force)",
            self.0.display()
        )
    }
}

impl std::error::Error for WouldOverwrite {}

/// Writes `contents` to `path` atomically (readers see the old file or the new one, never
/// a mix). Refuses, with [`WouldOverwrite`], when `path` exists and `force` is false.
pub fn write_file(path: &Path, contents: &str, force: bool) -> Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => bail!("{} is a folder", path.display()),
        Ok(_) if !force => return Err(WouldOverwrite(path.to_path_buf()).into()),
        _ => {}
    }
    write_atomic(path, contents.as_bytes())
        .with_context(|| format!("cannot write the export to {}", path.display()))
}

/// Renders `items` in `format` and writes them to `path` (see [`write_file`]): what the
/// TUI's export dialog calls.
pub fn export_to_file(
    format: Format,
    items: &[Item<'_>],
    path: &Path,
    force: bool,
) -> Result<Summary> {
    write_file(path, &render(format, items), force)?;
    Ok(Summary::of(format, items, Some(path)))
}
