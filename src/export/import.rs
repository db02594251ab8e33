//! Importing highlights: W3C Web Annotation JSON (any producer following the model) and
//! Kindle clippings.
//!
//! Three steps. [`parse`] reads the file into [`Candidate`]s. [`place`] finds each in an
//! [`ImportCorpus`] — the article its source names first, then (when that article is not
//! available) the quote in any article — with the store's anchoring; one that cannot be
//! found becomes an orphan that keeps its text. [`merge`] adds them to a list of
//! highlights: a duplicate (same article, same passage, same tags and note) is skipped, the
//! same passage with other tags or note is merged. [`import`] runs the last two on a store
//! in one locked, atomic update; [`preview`] on a copy, for a dry run.

use std::borrow::Borrow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use super::clippings::{self, Kind};
use super::text::{self, SourceRef, clean, one_line, source_ref};
use super::w3c_read;
use crate::corpus::{Article, Corpus, load_file};
use crate::store::{
    AnchorOutcome, Highlight, Store, TextPositionSelector, TextQuoteSelector, anchor, article_key,
    find_passage, new_id, normalize_tags, offsets::cp_to_byte, timestamp,
};

/// Larger import files are refused (a clippings file of a whole Kindle is a few MB).
pub const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;
/// Larger article files named by an import are not read.
pub const MAX_ARTICLE_BYTES: u64 = 16 * 1024 * 1024;

/// A highlight read from an import file, before it is placed.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Names it in reports: `annotation ID`, `clipping 3 (Title)`.
    pub label: String,
    /// The highlight id, when the annotation is one lede exported (kept if still free).
    pub id: Option<String>,
    /// The annotation's target source (W3C).
    pub source: Option<String>,
    /// The book title (clippings).
    pub title: Option<String>,
    pub quote: TextQuoteSelector,
    pub position: Option<TextPositionSelector>,
    /// 1–5.
    pub colour: Option<u8>,
    pub tags: Vec<String>,
    pub note: Option<String>,
    /// RFC 3339, UTC.
    pub created: Option<String>,
    pub modified: Option<String>,
}

/// The formats `lede import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    W3c,
    Clippings,
}

/// A parsed import file: what can be imported, and what was left out and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub format: InputFormat,
    pub candidates: Vec<Candidate>,
    pub problems: Vec<String>,
}

/// Reads an import file: JSON (it starts with `{` or `[`) as W3C Web Annotation, else
/// Kindle clippings.
pub fn parse(bytes: &[u8]) -> Result<Parsed> {
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        bail!("the file is larger than {} MB", MAX_IMPORT_BYTES >> 20);
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        bail!("the file is not UTF-8 text");
    };
    let text = text.trim_start_matches('\u{feff}');
    if text.trim_start().starts_with(['{', '[']) {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|err| anyhow::anyhow!("not valid JSON: {err}"))?;
        let (candidates, problems) = w3c_read::read(&value);
        return Ok(Parsed {
            format: InputFormat::W3c,
            candidates,
            problems,
        });
    }
    if !text.contains(clippings::SEPARATOR) {
        bail!("neither W3C Web Annotation JSON nor Kindle clippings");
    }
    let (entries, problems) = clippings::parse(text);
    Ok(from_clippings(entries, problems))
}

/// A clipping highlight waiting for its notes.
struct Pending {
    /// Its place in the file.
    index: usize,
    location: Option<(usize, usize)>,
    candidate: Candidate,
}

impl Pending {
    /// Whether the note at `index` in the file belongs here: the same title, and its
    /// location inside this highlight's (without locations: right next to it).
    fn owns(&self, index: usize, note: &clippings::Clipping) -> bool {
        let same_title = self.candidate.title.as_deref() == Some(note.title.as_str());
        let inside = match (note.location, self.location) {
            (Some((at, _)), Some((start, end))) => start <= at && at <= end,
            _ => self.index + 1 == index || index + 1 == self.index,
        };
        same_title && inside
    }
}

/// Highlights become candidates; each note joins the highlight it belongs to (nearest in
/// the file, see [`Pending::owns`]); bookmarks are left out.
fn from_clippings(entries: Vec<clippings::Clipping>, mut problems: Vec<String>) -> Parsed {
    let mut pending: Vec<Pending> = Vec::new();
    let mut notes = Vec::new();
    for (index, entry) in entries.into_iter().enumerate() {
        let label = format!("clipping {} ({})", index + 1, one_line(&entry.title));
        match entry.kind {
            Kind::Highlight if entry.content.trim().is_empty() => {
                problems.push(format!("{label}: an empty highlight"));
            }
            Kind::Highlight => pending.push(Pending {
                index,
                location: entry.location,
                candidate: Candidate {
                    label,
                    id: None,
                    source: None,
                    title: Some(entry.title),
                    quote: TextQuoteSelector {
                        exact: entry.content,
                        prefix: String::new(),
                        suffix: String::new(),
                    },
                    position: entry.location.map(|(start, end)| TextPositionSelector {
                        start: start.saturating_sub(1),
                        end,
                    }),
                    colour: None,
                    tags: Vec::new(),
                    note: None,
                    created: entry.added.clone(),
                    modified: entry.added,
                },
            }),
            Kind::Note => notes.push((index, label, entry)),
            Kind::Bookmark => problems.push(format!("{label}: a bookmark, not a highlight")),
        }
    }
    for (index, label, note) in notes {
        let owner = pending
            .iter_mut()
            .filter(|p| p.owns(index, &note))
            .min_by_key(|p| p.index.abs_diff(index));
        let Some(Pending { candidate, .. }) = owner else {
            problems.push(format!("{label}: a note without its highlight"));
            continue;
        };
        let (tags, text) = clippings::tags_and_note(&note.content);
        candidate.tags.extend(tags);
        if let Some(text) = text {
            candidate.note = Some(match candidate.note.take() {
                Some(before) => format!("{before}\n\n{text}"),
                None => text,
            });
        }
        if note.added > candidate.modified {
            candidate.modified = note.added;
        }
    }
    Parsed {
        format: InputFormat::Clippings,
        candidates: pending.into_iter().map(|p| p.candidate).collect(),
        problems,
    }
}

/// The articles an import is placed in: the bundled seeds, the articles given on the
/// command line, and the local files the annotations' sources name.
#[derive(Debug, Clone, Default)]
pub struct ImportCorpus {
    articles: Vec<Article>,
    by_key: HashMap<String, usize>,
    /// Files named by sources that exist, or may not be named, but were not read (see
    /// [`read_named_article`]): their orphans keep the source as a name, not a path.
    refused: HashSet<PathBuf>,
}

impl ImportCorpus {
    /// The seeds, `extra`, and the files `candidates` name (each read once; a file that is
    /// missing, not a regular file or too large is described in the returned list).
    pub fn build(candidates: &[Candidate], extra: Vec<Article>) -> (ImportCorpus, Vec<String>) {
        let mut corpus = ImportCorpus::default();
        for article in Corpus::seeds().articles.into_iter().chain(extra) {
            corpus.add(article);
        }
        let mut problems = Vec::new();
        let mut tried = HashSet::new();
        for candidate in candidates {
            let Some(SourceRef::File(path)) = candidate.source.as_deref().map(source_ref) else {
                continue;
            };
            if corpus.by_key.contains_key(&article_key(&path)) || !tried.insert(path.clone()) {
                continue;
            }
            match read_named_article(&path) {
                Ok(article) => corpus.add(article),
                Err(reason) => {
                    // Refused, or special (a folder, a device): never keyed by its path.
                    if allowed_name(&path).is_err() || path.exists() {
                        corpus.refused.insert(path.clone());
                    }
                    problems.push(format!(
                        "{}: {reason}; its annotations were looked for by their text",
                        path.display()
                    ))
                }
            }
        }
        (corpus, problems)
    }

    pub fn add(&mut self, article: Article) {
        let key = article_key(&article.path);
        if !self.by_key.contains_key(&key) {
            self.by_key.insert(key, self.articles.len());
            self.articles.push(article);
        }
    }

    pub fn get(&self, key: &str) -> Option<&Article> {
        self.by_key.get(key).and_then(|&i| self.articles.get(i))
    }

    pub fn articles(&self) -> &[Article] {
        &self.articles
    }
}

/// Reads an article an import file names. The file is untrusted: it could name
/// `/dev/zero`, a pipe, `/proc/kmsg`, or a private file whose text a crafted quote would
/// copy into the store as context. So only a regular, non-empty file of sensible size,
/// with a text extension (or none) like the files lede reads from folders, and with no
/// hidden folder or file in its path (`~/.ssh`, `.env`).
fn read_named_article(path: &Path) -> Result<Article, String> {
    allowed_name(path)?;
    let meta = fs::metadata(path).map_err(|err| match err.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        _ => format!("cannot read: {err}"),
    })?;
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    if meta.len() == 0 {
        return Err("an empty file".into());
    }
    if meta.len() > MAX_ARTICLE_BYTES {
        return Err("too large for an article".into());
    }
    load_file(path)
}

/// Whether an import may name `path` as an article at all (see [`read_named_article`]).
fn allowed_name(path: &Path) -> Result<(), String> {
    let hidden = path.components().any(|c| {
        matches!(c, std::path::Component::Normal(name) if name.to_string_lossy().starts_with('.'))
    });
    if hidden {
        return Err("a hidden file or folder, not read".into());
    }
    let text_extension = path.extension().is_none_or(|ext| {
        let ext = ext.to_string_lossy().to_lowercase();
        ["txt", "md", "markdown", "text"].contains(&ext.as_str())
    });
    if !text_extension {
        return Err("not a text file (.txt, .md, .markdown, .text or no extension)".into());
    }
    Ok(())
}

/// A candidate made a highlight, placed or orphaned.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    pub label: String,
    pub highlight: Highlight,
}

/// Places every candidate in `corpus` (see the module documentation).
pub fn place(candidates: &[Candidate], corpus: &ImportCorpus) -> Vec<Incoming> {
    let mut fuzzy_budget = MAX_FUZZY_SEARCHES;
    candidates
        .iter()
        .map(|c| Incoming {
            label: c.label.clone(),
            highlight: place_one(c, corpus, &mut fuzzy_budget),
        })
        .collect()
}

/// Fuzzy searches (each bounded, some milliseconds) allowed in one import, so a hostile
/// file of many unplaceable annotations cannot keep lede busy for hours. Past it, such
/// annotations are kept as orphans, which the reader tries again when it opens their
/// article.
const MAX_FUZZY_SEARCHES: usize = 500;

fn place_one(c: &Candidate, corpus: &ImportCorpus, fuzzy_budget: &mut usize) -> Highlight {
    let key = named_key(c, corpus);
    let named = corpus.get(&key);
    let in_named = named.and_then(|a| locate(a, c, fuzzy_budget).map(|found| (a, found)));
    // A source that names an available article is trusted: a passage not in it is an
    // orphan there. A clipping's title is weaker (titles repeat and get cut), so its
    // passage is also looked for everywhere.
    let found = in_named.or_else(|| {
        (named.is_none() || c.source.is_none()).then(|| {
            corpus
                .articles()
                .iter()
                .find_map(|a| locate(a, c, &mut 0).map(|found| (a, found)))
        })?
    });
    let placed = found.and_then(|(article, (range, outcome))| {
        let mut h = Highlight::new(article, range).ok()?;
        h.anchor = outcome;
        Some(h)
    });
    let mut highlight = placed.unwrap_or_else(|| orphan(c, key));
    if let Some(id) = &c.id {
        highlight.id = id.clone();
    }
    finish(highlight, c)
}

/// The article key a candidate names: its source, or for a clipping the article with its
/// title (else the title, which may be a path as our clippings write for articles that
/// could not be loaded).
fn named_key(c: &Candidate, corpus: &ImportCorpus) -> String {
    let name = match (&c.source, &c.title) {
        (Some(source), _) => source.clone(),
        (None, Some(title)) => {
            let wanted = one_line(title);
            if let Some(article) = corpus
                .articles()
                .iter()
                .find(|a| one_line(&a.title) == wanted)
            {
                return article_key(&article.path);
            }
            // A title is a path only when it plainly is one (our clippings of an article
            // that could not be loaded); a book title is kept as it is.
            return match source_ref(&wanted) {
                SourceRef::Seed(seed) => format!("seeds/{seed}"),
                SourceRef::File(path) if path.is_absolute() => article_key(&path),
                _ => wanted,
            };
        }
        (None, None) => String::new(),
    };
    match source_ref(&name) {
        SourceRef::Seed(seed) => format!("seeds/{seed}"),
        // A file not read for the import stays a name, not a path lede would later open.
        SourceRef::File(path) if corpus.refused.contains(&path) => clean(&name),
        SourceRef::File(path) => article_key(&path),
        SourceRef::Other(other) => clean(&other),
    }
}

/// The byte range of the candidate's passage in `article`: the exact text (white space
/// runs matching line breaks), preferring an occurrence whose context matches, then the
/// one nearest the given position; failing that, while `fuzzy_budget` lasts, the store's
/// anchoring (which ends in a fuzzy search; such a place is marked re-anchored, with its
/// score, so lists show it was a guess).
fn locate(
    article: &Article,
    c: &Candidate,
    fuzzy_budget: &mut usize,
) -> Option<(Range<usize>, AnchorOutcome)> {
    let body = &article.body;
    let hint = c
        .position
        .and_then(|p| cp_to_byte(body, p.start))
        .unwrap_or(0);
    let best = find_passage(body, &c.quote.exact)
        .into_iter()
        .min_by_key(|range| {
            let context_differs = !(body[..range.start].ends_with(c.quote.prefix.as_str())
                && body[range.end..].starts_with(c.quote.suffix.as_str()));
            (context_differs, range.start.abs_diff(hint))
        });
    if let Some(range) = best {
        return Some((range, AnchorOutcome::Exact));
    }
    if *fuzzy_budget == 0 {
        return None;
    }
    *fuzzy_budget -= 1;
    let position = c.position.unwrap_or(TextPositionSelector {
        start: 0,
        end: c.quote.exact.chars().count(),
    });
    let anchored = anchor::anchor(body, &c.quote, &position);
    let found = anchored.position?;
    let range = cp_to_byte(body, found.start)?..cp_to_byte(body, found.end)?;
    let outcome = match anchored.outcome {
        AnchorOutcome::Reanchored { score } => AnchorOutcome::Reanchored { score },
        _ => AnchorOutcome::Exact,
    };
    Some((range, outcome))
}

/// A highlight for a candidate that could not be placed: it keeps its text and waits, as
/// orphans do, to be found when the article is opened or re-attached by hand.
fn orphan(c: &Candidate, key: String) -> Highlight {
    let exact = clean(&c.quote.exact);
    let start = c.position.map_or(0, |p| p.start);
    let position = TextPositionSelector {
        start,
        end: start.saturating_add(exact.chars().count()),
    };
    let now = timestamp::now();
    Highlight {
        id: new_id(),
        article: key,
        quote: TextQuoteSelector {
            exact,
            prefix: clean(&c.quote.prefix),
            suffix: clean(&c.quote.suffix),
        },
        position,
        fingerprint: String::new(),
        tags: Vec::new(),
        note: None,
        colour: None,
        created: now.clone(),
        modified: now,
        anchor: AnchorOutcome::Orphaned,
    }
}

/// Tags, note, colour and times from the candidate.
fn finish(mut h: Highlight, c: &Candidate) -> Highlight {
    h.tags = import_tags(&c.tags);
    h.colour = c.colour.filter(|c| crate::store::COLOURS.contains(c));
    h.note = c
        .note
        .as_deref()
        .map(|n| clean(n).trim().to_string())
        .filter(|n| !n.is_empty());
    if let Some(created) = &c.created {
        h.created = created.clone();
    }
    h.modified = c
        .modified
        .clone()
        .filter(|m| *m >= h.created)
        .unwrap_or_else(|| h.created.clone());
    h
}

/// Tags from another tool may hold spaces or commas, which lede's cannot: those become
/// `-`. Empty tags are dropped.
fn import_tags(tags: &[String]) -> Vec<String> {
    let fixed: Vec<String> = tags
        .iter()
        .map(|t| {
            let t = clean(t);
            let t = t.trim().trim_start_matches('#');
            t.split(|c: char| c.is_whitespace() || c == ',')
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join("-")
        })
        .filter(|t| !t.is_empty())
        .collect();
    normalize_tags(&fixed).unwrap_or_default()
}

/// What an import did (or, for a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// New highlights found in their article.
    pub added: usize,
    /// Passages already highlighted whose tags or note were added to.
    pub merged: usize,
    /// Duplicates, and passages whose tags and note were already there.
    pub skipped: usize,
    /// New highlights that could not be found in any article, kept as orphans.
    pub orphaned: usize,
    /// One line per orphan, merge and problem, for the user.
    pub messages: Vec<String>,
}

impl fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} added, {} merged, {} skipped, {} orphaned",
            self.added, self.merged, self.skipped, self.orphaned
        )
    }
}

/// Adds `incoming` to `highlights` (see the module documentation); in order, so a
/// duplicate inside the file is skipped too. Generic over how the list holds highlights
/// (plain or shared), as the store's document may.
pub fn merge<H>(highlights: &mut Vec<H>, incoming: Vec<Incoming>) -> ImportSummary
where
    H: Borrow<Highlight> + From<Highlight>,
{
    let mut summary = ImportSummary::default();
    let mut ids: HashSet<String> = highlights.iter().map(|h| h.borrow().id.clone()).collect();
    for Incoming {
        label,
        mut highlight,
    } in incoming
    {
        let passage = one_line(&highlight.quote.exact);
        let same = highlights.iter().position(|h| {
            let h = h.borrow();
            h.article == highlight.article && one_line(&h.quote.exact) == passage
        });
        if let Some(index) = same {
            if let Some(merged) = with_additions(highlights[index].borrow(), &highlight) {
                summary.merged += 1;
                summary.messages.push(format!(
                    "{label}: tags or note added to highlight {}",
                    merged.id
                ));
                highlights[index] = H::from(merged);
            } else {
                summary.skipped += 1;
            }
            continue;
        }
        while !ids.insert(highlight.id.clone()) {
            highlight.id = new_id();
        }
        if let AnchorOutcome::Reanchored { score } = highlight.anchor {
            summary.messages.push(format!(
                "{label}: the passage differs in {}; placed at the closest text (score {score:.2})",
                highlight.article
            ));
        }
        if highlight.anchor.is_orphaned() {
            summary.orphaned += 1;
            summary.messages.push(format!(
                "{label}: not found in {}; kept as an orphan",
                if highlight.article.is_empty() {
                    "any article"
                } else {
                    &highlight.article
                }
            ));
        } else {
            summary.added += 1;
        }
        highlights.push(H::from(highlight));
    }
    summary
}

/// `existing` with the tags and note of `new` added; `None` when that changes nothing.
fn with_additions(existing: &Highlight, new: &Highlight) -> Option<Highlight> {
    let mut tags = existing.tags.clone();
    tags.extend(new.tags.iter().cloned());
    let tags = normalize_tags(&tags).unwrap_or_else(|_| existing.tags.clone());
    let note = match (&existing.note, &new.note) {
        (Some(old), Some(add)) if !old.contains(add.as_str()) => Some(format!("{old}\n\n{add}")),
        (None, Some(add)) => Some(add.clone()),
        (old, _) => old.clone(),
    };
    if tags == existing.tags && note == existing.note {
        return None;
    }
    Some(Highlight {
        tags,
        note,
        modified: timestamp::now(),
        ..existing.clone()
    })
}

/// Places `parsed` in `corpus` and merges it into the store in one locked, atomic update.
/// Problems found while parsing come first in the summary's messages.
pub fn import(store: &mut Store, parsed: &Parsed, corpus: &ImportCorpus) -> Result<ImportSummary> {
    let incoming = place(&parsed.candidates, corpus);
    let summary = store.try_update(|doc| Ok(merge(&mut doc.highlights, incoming)))?;
    Ok(with_problems(parsed, summary))
}

/// What [`import`] would do to a store holding `existing`, writing nothing (a dry run).
pub fn preview<H: Borrow<Highlight>>(
    existing: &[H],
    parsed: &Parsed,
    corpus: &ImportCorpus,
) -> ImportSummary {
    let mut copy: Vec<Highlight> = existing.iter().map(|h| h.borrow().clone()).collect();
    let summary = merge(&mut copy, place(&parsed.candidates, corpus));
    with_problems(parsed, summary)
}

fn with_problems(parsed: &Parsed, mut summary: ImportSummary) -> ImportSummary {
    let mut messages = parsed.problems.clone();
    messages.append(&mut summary.messages);
    summary.messages = messages;
    summary
}

/// Reads and parses an import file (see [`parse`]), refusing anything but a regular file.
pub fn read_file(path: &Path) -> Result<Parsed> {
    let meta = fs::metadata(path)
        .map_err(|err| anyhow::anyhow!("cannot read {}: {err}", path.display()))?;
    if !meta.is_file() {
        bail!("{} is not a regular file", path.display());
    }
    if meta.len() > MAX_IMPORT_BYTES {
        bail!(
            "{} is larger than {} MB",
            path.display(),
            MAX_IMPORT_BYTES >> 20
        );
    }
    let bytes =
        fs::read(path).map_err(|err| anyhow::anyhow!("cannot read {}: {err}", path.display()))?;
    let mut parsed =
        parse(&bytes).map_err(|err| anyhow::anyhow!("cannot import {}: {err}", path.display()))?;
    let base = path.parent().unwrap_or(Path::new(""));
    resolve_relative_sources(&mut parsed.candidates, base);
    Ok(parsed)
}

/// A relative source names a file beside the import file, as a relative IRI in JSON-LD
/// resolves against the document's own address (`seeds/NAME` stays a bundled seed).
pub fn resolve_relative_sources(candidates: &mut [Candidate], base: &Path) {
    for candidate in candidates {
        if let Some(SourceRef::File(path)) = candidate.source.as_deref().map(source_ref)
            && path.is_relative()
        {
            candidate.source = Some(text::percent_encode(
                &base.join(path).to_string_lossy(),
                b"/-:",
            ));
        }
    }
}

/// Loads the articles named on the command line for an import to be placed in.
pub fn load_articles(paths: &[PathBuf]) -> (Vec<Article>, Vec<String>) {
    let corpus = Corpus::load(paths);
    let problems = corpus
        .problems
        .iter()
        .map(|p| format!("{}: {}", p.path.display(), p.reason))
        .collect();
    (corpus.articles, problems)
}
