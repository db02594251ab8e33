//! Importing highlights: W3C Web Annotation JSON (any producer following the model) and
//! Kindle clippings.
//!
//! Three steps. [`parse`] reads the file into [`Candidate`]s. [`place`] finds each in an
//! [`ImportCorpus`] — the article its source names first (by key, web address or title),
//! then (when that article is not among them) the quote in any article — with the store's
//! anchoring; one that cannot be found becomes an orphan that keeps its text. [`merge`]
//! adds them to a list of highlights: a duplicate (same article, same passage, same tags
//! and note) is skipped, the same passage with other tags or note is merged. [`import`]
//! runs the last two on a store in one locked, atomic update; [`preview`] on a copy, for a
//! dry run. Placement lives here, in one place, for every import format.
//!
//! An import file is untrusted: it is only placed in articles the user opened or named
//! (the [`ImportCorpus`]); a file its annotations name is never opened. Every step is
//! linear in the size of the file (indexes by key, title, web address, word and passage).

use std::borrow::Borrow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use super::clippings::{self, Kind};
use super::text::{self, SourceRef, clean, one_line, source_ref};
use super::w3c_read;
use crate::corpus::{Article, Corpus, open_regular_file};
use crate::store::{
    AnchorOutcome, ArticleText, Highlight, Store, TextPositionSelector, TextQuoteSelector, anchor,
    article_key, find_passage, new_id, normalize_tags, offsets::cp_to_byte, timestamp,
};

/// Larger import files are refused (a clippings file of a whole Kindle is a few MB).
pub const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

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
    /// Hypothesis's export (`{"annotations": [...]}`) or its API's `{"rows": [...]}`.
    Hypothesis,
    Clippings,
}

/// What `lede import` reads, for the error on a file it does not.
pub const EXPECTED: &str = "expected W3C Web Annotation JSON (an Annotation, AnnotationPage \
    or AnnotationCollection), Hypothesis JSON ({\"annotations\": [...]} as Hypothesis \
    exports, or the API's {\"rows\": [...]}) or a Kindle \"My Clippings.txt\"";

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
        let found = w3c_read::read(&value);
        if !found.recognised {
            bail!("no annotations in this JSON: {EXPECTED}");
        }
        return Ok(Parsed {
            format: match found.hypothesis {
                true => InputFormat::Hypothesis,
                false => InputFormat::W3c,
            },
            candidates: found.candidates,
            problems: found.problems,
        });
    }
    if !text.contains(clippings::SEPARATOR) {
        bail!("not a file lede imports: {EXPECTED}");
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
    /// Whether the note at `index` in the file, of the same title, belongs here: its
    /// location inside this highlight's (without locations: right next to it).
    fn owns(&self, index: usize, note: &clippings::Clipping) -> bool {
        match (note.location, self.location) {
            (Some((at, _)), Some((start, end))) => start <= at && at <= end,
            _ => self.index + 1 == index || index + 1 == self.index,
        }
    }
}

/// How far (in highlights of the same title, either side) a note's highlight is looked
/// for. Kindles write a note right after its highlight; the bound keeps a file of many
/// notes of one book linear.
const NOTE_REACH: usize = 1000;

/// The highlight (an index into `pending`) a note at `index` in the file belongs to: of
/// the highlights with its title (`same_title`, indices into `pending` in file order), the
/// nearest in the file that owns it ([`Pending::owns`]), the earlier on a tie.
fn owner_of(
    pending: &[Pending],
    same_title: &[usize],
    index: usize,
    note: &clippings::Clipping,
) -> Option<usize> {
    let split = same_title.partition_point(|&p| pending[p].index < index);
    let mut before = same_title[..split].iter().rev().take(NOTE_REACH).peekable();
    let mut after = same_title[split..].iter().take(NOTE_REACH).peekable();
    loop {
        let distance = |p: &usize| pending[*p].index.abs_diff(index);
        let next = match (before.peek(), after.peek()) {
            (Some(b), Some(a)) if distance(b) <= distance(a) => before.next(),
            (Some(_), Some(_)) | (None, Some(_)) => after.next(),
            (Some(_), None) => before.next(),
            (None, None) => return None,
        };
        if let Some(&p) = next
            && pending[p].owns(index, note)
        {
            return Some(p);
        }
    }
}

/// Highlights become candidates; each note joins the highlight it belongs to (nearest in
/// the file, see [`owner_of`]); bookmarks are left out.
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
    let mut by_title: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, p) in pending.iter().enumerate() {
        let title = p.candidate.title.as_deref().unwrap_or_default();
        by_title.entry(title).or_default().push(i);
    }
    let owners: Vec<Option<usize>> = notes
        .iter()
        .map(|(index, _, note)| {
            let same_title = by_title.get(note.title.as_str())?;
            owner_of(&pending, same_title, *index, note)
        })
        .collect();
    drop(by_title);
    for ((_, label, note), owner) in notes.into_iter().zip(owners) {
        let Some(Pending { candidate, .. }) = owner.map(|i| &mut pending[i]) else {
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

/// The articles an import is placed in: the bundled seeds and the articles the user
/// opened or named (given on the command line; later the library), indexed by key, web
/// address and title. Nothing an import file names is ever read: a source that names an
/// article outside these is matched by its address or its quote against them, or its
/// highlight kept as an orphan.
#[derive(Debug, Clone, Default)]
pub struct ImportCorpus {
    articles: Vec<Article>,
    by_key: HashMap<String, usize>,
    by_url: HashMap<String, usize>,
    by_title: HashMap<String, usize>,
    /// Built on first need: which articles hold each word (see [`ImportCorpus::holding`]).
    words: std::sync::OnceLock<HashMap<String, Vec<u32>>>,
}

impl ImportCorpus {
    /// The bundled seeds and `articles` (the first of the same key, address or title wins).
    pub fn new(articles: Vec<Article>) -> ImportCorpus {
        let mut corpus = ImportCorpus::default();
        for article in Corpus::seeds().articles.into_iter().chain(articles) {
            corpus.add(article);
        }
        corpus
    }

    pub fn add(&mut self, article: Article) {
        let key = article_key(&article.path);
        if self.by_key.contains_key(&key) {
            return;
        }
        let index = self.articles.len();
        self.by_key.insert(key, index);
        if let Some(url) = &article.origin.url {
            self.by_url.entry(normalize_url(url)).or_insert(index);
        }
        self.by_title
            .entry(one_line(&article.title))
            .or_insert(index);
        self.words.take();
        self.articles.push(article);
    }

    pub fn get(&self, key: &str) -> Option<&Article> {
        self.by_key.get(key).and_then(|&i| self.articles.get(i))
    }

    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    /// The articles that may hold `passage`, in corpus order: every article for a passage
    /// of one or two words; else those holding all of its inner words (whole words in the
    /// text, whereas the first and last may be cut).
    fn holding(&self, passage: &str) -> Vec<usize> {
        let words: Vec<&str> = passage.split_whitespace().collect();
        let inner = match words.len() {
            0..=2 => return (0..self.articles.len()).collect(),
            n => &words[1..n - 1],
        };
        let index = self.words.get_or_init(|| {
            let mut index: HashMap<String, Vec<u32>> = HashMap::new();
            for (i, article) in self.articles.iter().enumerate() {
                let i = u32::try_from(i).unwrap_or(u32::MAX);
                for word in article.body.split_whitespace() {
                    let holders = index.entry(word.to_string()).or_default();
                    if holders.last() != Some(&i) {
                        holders.push(i);
                    }
                }
            }
            index
        });
        let mut lists: Vec<&[u32]> = Vec::with_capacity(inner.len());
        for word in inner {
            match index.get(*word) {
                Some(list) => lists.push(list),
                None => return Vec::new(),
            }
        }
        lists.sort_by_key(|l| l.len());
        let (first, rest) = lists
            .split_first()
            .map_or((&[][..], &[][..]), |(f, r)| (*f, r));
        first
            .iter()
            .filter(|i| rest.iter().all(|l| l.binary_search(i).is_ok()))
            .map(|&i| i as usize)
            .collect()
    }
}

/// A web address as compared: without a fragment or a trailing slash, scheme and host in
/// lower case.
fn normalize_url(url: &str) -> String {
    let url = url.trim();
    let url = url.split_once('#').map_or(url, |(before, _)| before);
    let url = url.trim_end_matches('/');
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let (host, path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
            let path = if path.is_empty() {
                String::new()
            } else {
                format!("/{path}")
            };
            format!("{}://{}{path}", scheme.to_lowercase(), host.to_lowercase())
        }
        None => url.to_string(),
    }
}

/// A candidate made a highlight, placed or orphaned.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    pub label: String,
    pub highlight: Highlight,
}

/// Places every candidate in `corpus` (see the module documentation). Also returns what
/// the user should know about the placing: local files the annotations name that are not
/// among the articles (never read), and passages not looked for once a budget ran out.
pub fn place(candidates: &[Candidate], corpus: &ImportCorpus) -> (Vec<Incoming>, Vec<String>) {
    let mut placer = Placer {
        corpus,
        texts: (0..corpus.articles.len())
            .map(|_| Default::default())
            .collect(),
        named: HashMap::new(),
        fuzzy_budget: MAX_FUZZY_SEARCHES,
        scan_budget: MAX_SCAN_BYTES,
        unopened: BTreeMap::new(),
        unsearched: 0,
    };
    let incoming = candidates
        .iter()
        .map(|c| Incoming {
            label: c.label.clone(),
            highlight: placer.place(c),
        })
        .collect();
    let mut messages: Vec<String> = placer
        .unopened
        .into_iter()
        .map(|(file, count)| {
            format!(
                "{count} annotation(s) name {file}, which is not among the articles opened or given \
                 (an import never reads a file itself): looked for by their passage instead; \
                 give the file after the import file to place them there"
            )
        })
        .collect();
    if placer.unsearched > 0 {
        messages.push(format!(
            "{} short passage(s) were not looked for in every article (too many to search); \
             kept as orphans, found when their article is opened",
            placer.unsearched
        ));
    }
    (incoming, messages)
}

/// Fuzzy searches (each bounded, some milliseconds) allowed in one import, so a hostile
/// file of many unplaceable annotations cannot keep lede busy for hours. Past it, such
/// annotations are kept as orphans, which the reader tries again when it opens their
/// article.
const MAX_FUZZY_SEARCHES: usize = 500;

/// Text scanned for passages too short for the word index (one or two words) that name
/// no article, in all: a file of many such passages over a large corpus stays linear.
const MAX_SCAN_BYTES: usize = 1 << 30;

/// Placing one file's candidates: what is worked out once and reused.
struct Placer<'c> {
    corpus: &'c ImportCorpus,
    /// Each article's text prepared for placing (fingerprint, code points), on first use.
    texts: Vec<std::cell::OnceCell<ArticleText<'c>>>,
    /// The article key each source or title names, worked out once per distinct name.
    named: HashMap<(Option<String>, Option<String>), String>,
    fuzzy_budget: usize,
    scan_budget: usize,
    /// Local files named but not in the corpus, with how many candidates name each.
    unopened: BTreeMap<String, usize>,
    unsearched: usize,
}

impl<'c> Placer<'c> {
    fn place(&mut self, c: &Candidate) -> Highlight {
        let names = (c.source.clone(), c.title.clone());
        let key = match self.named.get(&names) {
            Some(key) => key.clone(),
            None => {
                let key = named_key(c, self.corpus);
                self.named.insert(names, key.clone());
                key
            }
        };
        let named = self.corpus.by_key.get(&key).copied();
        if named.is_none()
            && let Some(SourceRef::File(_) | SourceRef::Record(..)) =
                c.source.as_deref().map(source_ref)
        {
            *self.unopened.entry(key.clone()).or_default() += 1;
        }
        let mut found = named.and_then(|i| {
            let mut budget = std::mem::take(&mut self.fuzzy_budget);
            let found = locate(&self.corpus.articles[i], c, &mut budget);
            self.fuzzy_budget = budget;
            found.map(|f| (i, f))
        });
        // A source that names an available article is trusted: a passage not in it is an
        // orphan there. A clipping's title is weaker (titles repeat and get cut), so its
        // passage is also looked for everywhere.
        if found.is_none() && (named.is_none() || c.source.is_none()) {
            found = self.search_everywhere(c);
        }
        let placed = found.and_then(|(i, (range, outcome))| {
            let article = &self.corpus.articles[i];
            let text = self.texts[i].get_or_init(|| ArticleText::new(&article.body));
            let mut h = Highlight::new_in(article, text, range).ok()?;
            h.anchor = outcome;
            Some(h)
        });
        let mut highlight = placed.unwrap_or_else(|| orphan(c, key));
        if let Some(id) = &c.id {
            highlight.id = id.clone();
        }
        finish(highlight, c)
    }

    /// The first article (in corpus order) holding the passage exactly.
    fn search_everywhere(
        &mut self,
        c: &Candidate,
    ) -> Option<(usize, (Range<usize>, AnchorOutcome))> {
        let holders = self.corpus.holding(&c.quote.exact);
        if holders.len() == self.corpus.articles.len() && !holders.is_empty() {
            let bytes: usize = self.corpus.articles.iter().map(|a| a.body.len()).sum();
            if bytes > self.scan_budget {
                self.unsearched += 1;
                return None;
            }
            self.scan_budget -= bytes;
        }
        holders
            .into_iter()
            .find_map(|i| locate(&self.corpus.articles[i], c, &mut 0).map(|f| (i, f)))
    }
}

/// The article key a candidate names: its source, or for a clipping the article with its
/// title (else the title, which may be a path as our clippings write for articles that
/// could not be loaded). A local file is named by its key (its canonical path) whether or
/// not it is in the corpus: it is never read for the import, and an orphan keyed so is
/// found when the user opens that file.
fn named_key(c: &Candidate, corpus: &ImportCorpus) -> String {
    let name = match (&c.source, &c.title) {
        (Some(source), _) => source.clone(),
        (None, Some(title)) => {
            let wanted = one_line(title);
            if let Some(&i) = corpus.by_title.get(&wanted) {
                return article_key(&corpus.articles[i].path);
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
        SourceRef::File(path) => article_key(&path),
        SourceRef::Record(file, line) => article_key(&crate::corpus::record_path(&file, line)),
        SourceRef::Other(other) => match corpus.by_url.get(&normalize_url(&other)) {
            Some(&i) => article_key(&corpus.articles[i].path),
            None => clean(&other),
        },
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
    // Tags and notes for highlights already there, gathered and applied once at the end
    // (a file may add to one passage many times).
    let mut grown: HashMap<usize, Additions> = HashMap::new();
    // Each highlight by its article and passage, so finding a duplicate costs one look-up.
    let mut by_passage: HashMap<(String, String), usize> = HashMap::with_capacity(highlights.len());
    for (index, h) in highlights.iter().enumerate() {
        let h = h.borrow();
        by_passage
            .entry((h.article.clone(), one_line(&h.quote.exact)))
            .or_insert(index);
    }
    for Incoming {
        label,
        mut highlight,
    } in incoming
    {
        let passage = (highlight.article.clone(), one_line(&highlight.quote.exact));
        if let Some(&index) = by_passage.get(&passage) {
            let existing = highlights[index].borrow();
            let growth = grown
                .entry(index)
                .or_insert_with(|| Additions::to(existing));
            if growth.add(&highlight) {
                summary.merged += 1;
                summary.messages.push(format!(
                    "{label}: tags or note added to highlight {}",
                    existing.id
                ));
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
        by_passage.insert(passage, highlights.len());
        highlights.push(H::from(highlight));
    }
    for (index, growth) in grown {
        if let Some(merged) = growth.applied_to(highlights[index].borrow()) {
            highlights[index] = H::from(merged);
        }
    }
    summary
}

/// `existing` with the tags and note of `new` added; `None` when that changes nothing.
/// What an import adds to a highlight already there: tags it lacks, and notes that are
/// neither its note nor one of its note's paragraphs (nor added already).
struct Additions {
    /// The highlight's tags and those added.
    tags: std::collections::BTreeSet<String>,
    notes: Vec<String>,
    known: HashSet<String>,
}

impl Additions {
    fn to(existing: &Highlight) -> Additions {
        let mut known = HashSet::new();
        if let Some(note) = &existing.note {
            known.insert(note_key(note));
            known.extend(note.split("\n\n").map(note_key));
        }
        Additions {
            tags: existing.tags.iter().cloned().collect(),
            notes: Vec::new(),
            known,
        }
    }

    /// Takes in `new`'s tags and note; whether it added anything.
    fn add(&mut self, new: &Highlight) -> bool {
        let mut added = false;
        for tag in &new.tags {
            added |= self.tags.insert(tag.clone());
        }
        if let Some(note) = &new.note
            && self.known.insert(note_key(note))
        {
            self.notes.push(note.clone());
            added = true;
        }
        added
    }

    /// `existing` with the additions; `None` when they change nothing.
    fn applied_to(self, existing: &Highlight) -> Option<Highlight> {
        let tags: Vec<String> = self.tags.into_iter().collect();
        let tags = normalize_tags(&tags).unwrap_or_else(|_| existing.tags.clone());
        let note = match (&existing.note, self.notes.is_empty()) {
            (note, true) => note.clone(),
            (Some(old), false) => Some(format!("{old}\n\n{}", self.notes.join("\n\n"))),
            (None, false) => Some(self.notes.join("\n\n")),
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
}

/// A note as compared: its words, every run of white space (line breaks included) one
/// space, so a note a format flattened (clippings) is the same note.
fn note_key(note: &str) -> String {
    note.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Places `parsed` in `corpus` and merges it into the store in one locked, atomic update.
/// Problems found while parsing come first in the summary's messages.
pub fn import(store: &mut Store, parsed: &Parsed, corpus: &ImportCorpus) -> Result<ImportSummary> {
    let (incoming, placing) = place(&parsed.candidates, corpus);
    let summary = store.try_update(|doc| Ok(merge(&mut doc.highlights, incoming)))?;
    Ok(with_problems(parsed, placing, summary))
}

/// What [`import`] would do to a store holding `existing`, writing nothing (a dry run).
pub fn preview<H: Borrow<Highlight>>(
    existing: &[H],
    parsed: &Parsed,
    corpus: &ImportCorpus,
) -> ImportSummary {
    let mut copy: Vec<Highlight> = existing.iter().map(|h| h.borrow().clone()).collect();
    let (incoming, placing) = place(&parsed.candidates, corpus);
    let summary = merge(&mut copy, incoming);
    with_problems(parsed, placing, summary)
}

fn with_problems(
    parsed: &Parsed,
    mut placing: Vec<String>,
    mut summary: ImportSummary,
) -> ImportSummary {
    let mut messages = parsed.problems.clone();
    messages.append(&mut placing);
    messages.append(&mut summary.messages);
    summary.messages = messages;
    summary
}

/// Reads and parses an import file (see [`parse`]), refusing anything but a regular file
/// (checked on the opened file, which is opened without waiting: a FIFO cannot hang it).
pub fn read_file(path: &Path) -> Result<Parsed> {
    let file = open_regular_file(path)
        .map_err(|reason| anyhow::anyhow!("cannot read {}: {reason}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(MAX_IMPORT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| anyhow::anyhow!("cannot read {}: {err}", path.display()))?;
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        bail!(
            "{} is larger than {} MB",
            path.display(),
            MAX_IMPORT_BYTES >> 20
        );
    }
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
