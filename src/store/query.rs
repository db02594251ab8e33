//! Reading highlights back: by article (placed in its current text), by tag and text, all
//! tags for completion; and re-anchoring an article's highlights when its text changed.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::Arc;

use anyhow::{Result, bail};

use super::anchor::{self, AnchorOutcome};
use super::highlight::{ArticleText, Highlight, article_key};
use super::{Document, Store};
use crate::corpus::Article;

/// Which highlights to list. Empty fields match everything; every given tag must be
/// present; `text` is looked for (ignoring case) in the passage and the note.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HighlightFilter {
    /// An article key (see [`article_key`]).
    pub article: Option<String>,
    pub tags: Vec<String>,
    pub text: Option<String>,
}

impl HighlightFilter {
    pub fn matches(&self, h: &Highlight) -> bool {
        self.article.as_ref().is_none_or(|a| &h.article == a)
            && self.tags.iter().all(|t| h.has_tag(t))
            && self.text.as_ref().is_none_or(|q| h.mentions(q))
    }
}

/// A highlight of an open article with its byte range in the article's current text;
/// `range` is `None` for an orphan.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed<'a> {
    pub highlight: &'a Highlight,
    pub range: Option<Range<usize>>,
}

/// What re-anchoring found for one highlight.
#[derive(Debug, Clone, PartialEq)]
pub struct AnchorChange {
    pub id: String,
    pub outcome: AnchorOutcome,
}

impl Store {
    /// Every highlight, oldest first.
    pub fn highlights(&self) -> &[Arc<Highlight>] {
        &self.document().highlights
    }

    pub fn highlight(&self, id: &str) -> Option<&Highlight> {
        self.highlights()
            .iter()
            .find(|h| h.id == id)
            .map(AsRef::as_ref)
    }

    /// The full id of the one highlight whose id is or starts with `prefix` (ids are long;
    /// people type the start).
    pub fn resolve_id(&self, prefix: &str) -> Result<String> {
        if let Some(h) = self.highlight(prefix) {
            return Ok(h.id.clone());
        }
        let matching: Vec<&str> = self
            .highlights()
            .iter()
            .filter(|h| !prefix.is_empty() && h.id.starts_with(prefix))
            .map(|h| h.id.as_str())
            .collect();
        match matching.as_slice() {
            [one] => Ok(one.to_string()),
            [] => bail!("no highlight with id {prefix}"),
            many => bail!(
                "{} highlights have ids starting with {prefix}; give more of the id",
                many.len()
            ),
        }
    }

    /// The highlights `filter` selects, ordered by creation time.
    pub fn filter(&self, filter: &HighlightFilter) -> Vec<&Highlight> {
        let mut found: Vec<&Highlight> = self
            .highlights()
            .iter()
            .filter(|h| filter.matches(h))
            .map(AsRef::as_ref)
            .collect();
        found.sort_by(|a, b| (&a.created, &a.id).cmp(&(&b.created, &b.id)));
        found
    }

    /// Every tag in use with how many highlights carry it, sorted by name (for completion
    /// and the tag filter).
    pub fn all_tags(&self) -> Vec<(String, usize)> {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for tag in self.highlights().iter().flat_map(|h| &h.tags) {
            *counts.entry(tag).or_default() += 1;
        }
        counts
            .into_iter()
            .map(|(t, n)| (t.to_string(), n))
            .collect()
    }

    /// The article keys of the highlights `select` picks whose files a command may open
    /// on its own to find them again: articles the user opened before (one of their
    /// highlights was placed in its text). An import keeps a highlight it could not place
    /// under the key of the file its source names, which the user may never have opened:
    /// no command reads that file for it (the import file is untrusted); the highlight is
    /// placed when the user opens or names the file.
    pub fn keys_to_reopen(&self, select: impl Fn(&Highlight) -> bool) -> BTreeSet<String> {
        self.highlights()
            .iter()
            .filter(|h| select(h) && !h.fingerprint.is_empty())
            .map(|h| h.article.clone())
            .collect()
    }

    /// How many highlights each article key has (for the article list).
    pub fn counts_by_article(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for h in self.highlights() {
            *counts.entry(h.article.clone()).or_default() += 1;
        }
        counts
    }

    /// The highlights of `article`, placed in its current text, sorted by start; orphans
    /// (no range) come last. Call [`Store::anchor_article`] first after loading it.
    pub fn placed(&self, article: &Article) -> Vec<Placed<'_>> {
        let key = article_key(&article.path);
        let text = ArticleText::new(&article.body);
        let mut placed: Vec<Placed<'_>> = self
            .highlights()
            .iter()
            .filter(|h| h.article == key)
            .map(|h| Placed {
                highlight: h.as_ref(),
                range: h.byte_range_in(&text),
            })
            .collect();
        placed.sort_by_key(|p| p.range.as_ref().map_or((1, 0, 0), |r| (0, r.start, r.end)));
        placed
    }

    /// Finds `article`'s highlights again if its text changed since they were placed (or
    /// they are orphans), and saves what moved. Returns the outcome for each highlight
    /// that was looked for. Writes only when something changed; on a read-only store the
    /// new places are kept in memory only.
    pub fn anchor_article(&mut self, article: &Article) -> Result<Vec<AnchorChange>> {
        let key = article_key(&article.path);
        let text = ArticleText::new(&article.body);
        let mut preview = self.document().clone_highlights_of(&key);
        let (changes, changed) = reanchor(&mut preview, &key, &text);
        if !changed {
            return Ok(changes);
        }
        if self.read_only().is_some() {
            reanchor(&mut self.doc.highlights, &key, &text);
            return Ok(changes);
        }
        // Again on the latest document under the lock: another process may have changed it.
        self.try_update(|doc| Ok(reanchor(&mut doc.highlights, &key, &text).0))
    }
}

impl Document {
    fn clone_highlights_of(&self, key: &str) -> Vec<Arc<Highlight>> {
        self.highlights
            .iter()
            .filter(|h| h.article == key)
            .cloned()
            .collect()
    }
}

/// Re-anchors the highlights of article `key` that need it; returns their outcomes and
/// whether any highlight changed.
fn reanchor(
    highlights: &mut [Arc<Highlight>],
    key: &str,
    text: &ArticleText<'_>,
) -> (Vec<AnchorChange>, bool) {
    let mut changes = Vec::new();
    let mut changed = false;
    for shared in highlights.iter_mut().filter(|h| h.article == key) {
        if shared.fingerprint == text.fingerprint && !shared.anchor.is_orphaned() {
            continue;
        }
        let h = Arc::make_mut(shared);
        let found = anchor::anchor(text.body, &h.quote, &h.position);
        changes.push(AnchorChange {
            id: h.id.clone(),
            outcome: found.outcome,
        });
        let placement = found.position.and_then(|p| {
            let range = text.code_points.to_byte_range(text.body, p.start..p.end)?;
            anchor::select(text.body, range.start, range.end)
        });
        match placement {
            Some((quote, position)) => {
                h.quote = quote;
                h.position = position;
                h.fingerprint = text.fingerprint.clone();
                h.anchor = found.outcome;
                changed = true;
            }
            // Orphans keep the selectors they had, to be found if the text comes back.
            None if !h.anchor.is_orphaned() => {
                h.anchor = AnchorOutcome::Orphaned;
                changed = true;
            }
            None => {}
        }
    }
    (changes, changed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::parse_article;
    use std::path::PathBuf;

    const TEXT: &str = "Turkey asked NATO for help.\n\n\
        The alliance met on Friday and said it stood in solidarity with Turkey.\n\n\
        Russia denied that its planes struck the Turkish troops.\n";

    fn article(text: &str) -> Article {
        parse_article(PathBuf::from("articles/query.txt"), text, Vec::new())
    }

    fn add(store: &mut Store, article: &Article, passage: &str, tags: &[&str]) -> String {
        let start = article.body.find(passage).unwrap();
        let h = Highlight::new(article, start..start + passage.len())
            .unwrap()
            .with_tags(tags)
            .unwrap();
        store.add_highlight(h).unwrap().id().to_string()
    }

    #[test]
    fn filters_tags_and_counts() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(dir.path()).unwrap();
        let a = article(TEXT);
        let first = add(&mut store, &a, "stood in solidarity", &["nato", "idlib"]);
        add(&mut store, &a, "Russia denied", &["russia"]);
        let by_tag = HighlightFilter {
            tags: vec!["#NATO".into()],
            ..Default::default()
        };
        let found = store.filter(&by_tag);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].id, first);
        let by_text = HighlightFilter {
            text: Some("DENIED".into()),
            ..Default::default()
        };
        assert_eq!(store.filter(&by_text)[0].quote.exact, "Russia denied");
        assert_eq!(
            store.all_tags(),
            [
                ("idlib".to_string(), 1),
                ("nato".into(), 1),
                ("russia".into(), 1)
            ]
        );
        assert_eq!(store.counts_by_article().values().sum::<usize>(), 2);
        assert_eq!(store.resolve_id(&first[..first.len() - 3]).unwrap(), first);
        assert!(store.resolve_id("zzz").is_err());
    }

    #[test]
    fn an_edited_article_is_reanchored_and_saved_once() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(dir.path()).unwrap();
        let old = article(TEXT);
        let moved = add(&mut store, &old, "stood in solidarity with Turkey", &[]);
        let changed = add(
            &mut store,
            &old,
            "Russia denied that its planes struck",
            &[],
        );
        let deleted = add(&mut store, &old, "Turkey asked NATO for help.", &[]);

        let new_text = TEXT
            .replace("Turkey asked NATO for help.\n\n", "")
            .replace("planes struck", "jets struck");
        let new_text = format!("An update above.\n\n{new_text}");
        let new = article(&new_text);
        let changes = store.anchor_article(&new).unwrap();
        let outcome = |id: &str| changes.iter().find(|c| c.id == id).unwrap().outcome;
        assert_eq!(outcome(&moved), AnchorOutcome::Moved);
        assert!(matches!(
            outcome(&changed),
            AnchorOutcome::Reanchored { .. }
        ));
        assert_eq!(outcome(&deleted), AnchorOutcome::Orphaned);

        let (reopened, _) = Store::open(dir.path()).unwrap();
        let placed = reopened.placed(&new);
        let text_of = |p: &Placed<'_>| p.range.clone().map(|r| &new.body[r]);
        assert_eq!(text_of(&placed[0]), Some("stood in solidarity with Turkey"));
        assert_eq!(
            text_of(&placed[1]),
            Some("Russia denied that its jets struck")
        );
        assert_eq!(placed[2].range, None);
        assert_eq!(
            placed[2].highlight.quote.exact,
            "Turkey asked NATO for help."
        );

        // Nothing more to do: no write.
        let stamps = |store: &Store| {
            let journal = store.path().with_file_name("store.journal");
            (
                crate::store::stamp::FileStamp::of(&store.path()),
                crate::store::stamp::FileStamp::of(&journal),
            )
        };
        let before = stamps(&store);
        let again = store.anchor_article(&new).unwrap();
        assert_eq!(again.len(), 1, "only the orphan is looked for again");
        assert_eq!(stamps(&store), before);

        // The text coming back finds the orphan where it was.
        store.anchor_article(&old).unwrap();
        assert_eq!(
            store.highlight(&deleted).unwrap().anchor,
            AnchorOutcome::Exact
        );
    }

    #[test]
    fn a_version_one_file_is_read_and_upgraded_on_write() {
        let dir = tempfile::tempdir().unwrap();
        let v1 =
            r#"{"schema_version": 1, "reading": {"k": {"article": "a", "offsets": {"a": 5}}}}"#;
        std::fs::write(dir.path().join("store.json"), v1).unwrap();
        let (mut store, notices) = Store::open(dir.path()).unwrap();
        assert_eq!(notices, []);
        assert!(store.highlights().is_empty());
        add(&mut store, &article(TEXT), "Russia denied", &[]);
        let (again, _) = Store::open(dir.path()).unwrap();
        assert_eq!(
            again.document().schema_version,
            crate::store::SCHEMA_VERSION
        );
        assert_eq!(again.reading("k").unwrap().offsets.get("a"), Some(&5));
        assert_eq!(again.highlights().len(), 1);
    }

    #[test]
    fn refresh_takes_in_another_processs_changes() {
        let dir = tempfile::tempdir().unwrap();
        let (mut first, _) = Store::open(dir.path()).unwrap();
        let (mut second, _) = Store::open(dir.path()).unwrap();
        assert!(!first.refresh().unwrap());
        add(&mut second, &article(TEXT), "Russia denied", &[]);
        assert!(first.refresh().unwrap());
        assert_eq!(first.highlights().len(), 1);
        // And a change from the first keeps the second's highlight.
        add(&mut first, &article(TEXT), "Turkey asked", &[]);
        assert_eq!(Store::open(dir.path()).unwrap().0.highlights().len(), 2);
    }

    #[test]
    fn a_read_only_store_places_in_memory_and_refuses_edits() {
        let dir = tempfile::tempdir().unwrap();
        let newer = br#"{"schema_version": 99}"#;
        std::fs::write(dir.path().join("store.json"), newer).unwrap();
        let (mut store, _) = Store::open(dir.path()).unwrap();
        assert!(store.anchor_article(&article(TEXT)).unwrap().is_empty());
        let h = Highlight::new(&article(TEXT), 0..6).unwrap();
        assert!(store.add_highlight(h).is_err());
        assert_eq!(std::fs::read(dir.path().join("store.json")).unwrap(), newer);
    }
}
