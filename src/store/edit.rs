//! Changes to highlights. Each is one [`Edit`]; applying it to the store persists it
//! (locked, merged, atomic) before returning, and returns the edit that undoes it.

use std::fmt;
use std::sync::Arc;

use anyhow::{Result, bail};

use super::anchor::{self, AnchorOutcome, TextPositionSelector, TextQuoteSelector};
use super::highlight::{Highlight, check_colour, new_id, normalize_tags};
use super::{Document, Store, timestamp};
use crate::corpus::Article;

/// Where a highlight sits in its article: what re-attaching and re-anchoring change.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    pub quote: TextQuoteSelector,
    pub position: TextPositionSelector,
    pub fingerprint: String,
    pub anchor: AnchorOutcome,
}

impl Placement {
    /// The byte range `range` of `article`'s text, as a fresh, exact placement.
    pub fn of(article: &Article, range: std::ops::Range<usize>) -> Result<Placement> {
        let Some((quote, position)) = anchor::select(&article.body, range.start, range.end) else {
            bail!(
                "cannot select bytes {}..{}: empty or not on character boundaries",
                range.start,
                range.end
            );
        };
        Ok(Placement {
            quote,
            position,
            fingerprint: anchor::fingerprint(&article.body),
            anchor: AnchorOutcome::Exact,
        })
    }

    fn of_highlight(h: &Highlight) -> Placement {
        Placement {
            quote: h.quote.clone(),
            position: h.position,
            fingerprint: h.fingerprint.clone(),
            anchor: h.anchor,
        }
    }

    fn put(self, h: &mut Highlight) {
        h.quote = self.quote;
        h.position = self.position;
        h.fingerprint = self.fingerprint;
        h.anchor = self.anchor;
    }
}

/// One change to the highlights.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Adds a highlight (fails if its id is taken).
    Add(Box<Highlight>),
    Delete {
        id: String,
    },
    /// Replaces the tags (normalised on apply).
    SetTags {
        id: String,
        tags: Vec<String>,
    },
    /// Replaces the note; `None` or blank removes it.
    SetNote {
        id: String,
        note: Option<String>,
    },
    SetColour {
        id: String,
        colour: Option<u8>,
    },
    /// Moves the highlight to another passage (re-attaching an orphan).
    Reattach {
        id: String,
        to: Box<Placement>,
    },
}

impl Edit {
    /// What the edit does, for status messages ("undone: set tags").
    pub fn label(&self) -> &'static str {
        match self {
            Edit::Add(_) => "add highlight",
            Edit::Delete { .. } => "delete highlight",
            Edit::SetTags { .. } => "set tags",
            Edit::SetNote { .. } => "set note",
            Edit::SetColour { .. } => "set colour",
            Edit::Reattach { .. } => "re-attach highlight",
        }
    }

    /// The id of the highlight the edit is about.
    pub fn id(&self) -> &str {
        match self {
            Edit::Add(h) => &h.id,
            Edit::Delete { id }
            | Edit::SetTags { id, .. }
            | Edit::SetNote { id, .. }
            | Edit::SetColour { id, .. }
            | Edit::Reattach { id, .. } => id,
        }
    }
}

/// The edit named a highlight that is not in the store (deleted, perhaps by another lede).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoSuchHighlight(pub String);

impl fmt::Display for NoSuchHighlight {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no highlight with id {}", self.0)
    }
}

impl std::error::Error for NoSuchHighlight {}

/// An `Add` named an id already in the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdTaken(pub String);

impl fmt::Display for IdTaken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a highlight with id {} already exists", self.0)
    }
}

impl std::error::Error for IdTaken {}

/// Applies `edit` to `doc`, returning the edit that undoes it.
pub(crate) fn apply_to(doc: &mut Document, edit: Edit) -> Result<Edit> {
    let inverse = match edit {
        Edit::Add(h) => {
            if doc.highlights.iter().any(|other| other.id == h.id) {
                return Err(IdTaken(h.id.clone()).into());
            }
            check_colour(h.colour)?;
            let inverse = Edit::Delete { id: h.id.clone() };
            doc.highlights.push(Arc::new(*h));
            inverse
        }
        Edit::Delete { id } => {
            let index = doc
                .highlights
                .iter()
                .position(|h| h.id == id)
                .ok_or_else(|| NoSuchHighlight(id.clone()))?;
            Edit::Add(Box::new(Arc::unwrap_or_clone(doc.highlights.remove(index))))
        }
        Edit::SetTags { id, tags } => {
            let tags = normalize_tags(&tags)?;
            let h = find_mut(doc, &id)?;
            let old = std::mem::replace(&mut h.tags, tags);
            touch(h);
            Edit::SetTags { id, tags: old }
        }
        Edit::SetNote { id, note } => {
            let note = note.filter(|n| !n.trim().is_empty());
            let h = find_mut(doc, &id)?;
            let old = std::mem::replace(&mut h.note, note);
            touch(h);
            Edit::SetNote { id, note: old }
        }
        Edit::SetColour { id, colour } => {
            let colour = check_colour(colour)?;
            let h = find_mut(doc, &id)?;
            let old = std::mem::replace(&mut h.colour, colour);
            touch(h);
            Edit::SetColour { id, colour: old }
        }
        Edit::Reattach { id, to } => {
            let h = find_mut(doc, &id)?;
            let old = Placement::of_highlight(h);
            to.put(h);
            touch(h);
            Edit::Reattach {
                id,
                to: Box::new(old),
            }
        }
    };
    Ok(inverse)
}

fn find_mut<'a>(doc: &'a mut Document, id: &str) -> Result<&'a mut Highlight> {
    doc.highlights
        .iter_mut()
        .find(|h| h.id == id)
        .map(Arc::make_mut)
        .ok_or_else(|| NoSuchHighlight(id.to_string()).into())
}

fn touch(h: &mut Highlight) {
    h.modified = timestamp::now();
}

/// Highlight changes. Each call persists before it returns `Ok`, and returns the edit that
/// undoes it (give it to [`super::History::record`], or use [`super::History`]'s methods).
impl Store {
    /// Applies `edit`; returns its inverse.
    pub fn apply(&mut self, edit: Edit) -> Result<Edit> {
        self.try_update(|doc| apply_to(doc, edit))
    }

    /// Adds `highlight` (given a fresh id should its id be taken) and returns the inverse
    /// (a `Delete` naming the id it was stored under).
    pub fn add_highlight(&mut self, mut highlight: Highlight) -> Result<Edit> {
        self.try_update(|doc| {
            while doc.highlights.iter().any(|h| h.id == highlight.id) {
                highlight.id = new_id();
            }
            apply_to(doc, Edit::Add(Box::new(highlight)))
        })
    }

    pub fn delete_highlight(&mut self, id: &str) -> Result<Edit> {
        self.apply(Edit::Delete { id: id.to_string() })
    }

    pub fn set_tags<S: AsRef<str>>(&mut self, id: &str, tags: &[S]) -> Result<Edit> {
        let tags = normalize_tags(tags)?;
        self.apply(Edit::SetTags {
            id: id.to_string(),
            tags,
        })
    }

    /// Adds `tags` to those the highlight has on disk now (merged under the lock).
    pub fn add_tags<S: AsRef<str>>(&mut self, id: &str, tags: &[S]) -> Result<Edit> {
        let tags = normalize_tags(tags)?;
        self.change_tags(id, |current| current.extend(tags))
    }

    /// Removes `tags` from those the highlight has on disk now (merged under the lock).
    pub fn remove_tags<S: AsRef<str>>(&mut self, id: &str, tags: &[S]) -> Result<Edit> {
        let tags = normalize_tags(tags)?;
        self.change_tags(id, |current| current.retain(|t| !tags.contains(t)))
    }

    fn change_tags(&mut self, id: &str, change: impl FnOnce(&mut Vec<String>)) -> Result<Edit> {
        self.try_update(|doc| {
            let mut tags = find_mut(doc, id)?.tags.clone();
            change(&mut tags);
            apply_to(
                doc,
                Edit::SetTags {
                    id: id.to_string(),
                    tags,
                },
            )
        })
    }

    pub fn set_note(&mut self, id: &str, note: Option<String>) -> Result<Edit> {
        self.apply(Edit::SetNote {
            id: id.to_string(),
            note,
        })
    }

    pub fn set_colour(&mut self, id: &str, colour: Option<u8>) -> Result<Edit> {
        self.apply(Edit::SetColour {
            id: id.to_string(),
            colour,
        })
    }

    /// Attaches the highlight to the byte range `range` of `article` (for an orphan: the
    /// passage the user selected instead).
    pub fn reattach(
        &mut self,
        id: &str,
        article: &Article,
        range: std::ops::Range<usize>,
    ) -> Result<Edit> {
        let to = Placement::of(article, range)?;
        self.apply(Edit::Reattach {
            id: id.to_string(),
            to: Box::new(to),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::parse_article;
    use std::path::PathBuf;

    fn article() -> Article {
        parse_article(
            PathBuf::from("articles/example.txt"),
            "One sentence here. Another one there.\n",
            Vec::new(),
        )
    }

    fn store_with_one() -> (tempfile::TempDir, Store, String) {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(dir.path()).unwrap();
        let h = Highlight::new(&article(), 0..18).unwrap();
        let Edit::Delete { id } = store.add_highlight(h).unwrap() else {
            panic!("adding returns a delete");
        };
        (dir, store, id)
    }

    fn reopen(dir: &tempfile::TempDir) -> Store {
        Store::open(dir.path()).unwrap().0
    }

    fn first_on_disk(dir: &tempfile::TempDir) -> Highlight {
        Highlight::clone(&reopen(dir).document().highlights[0])
    }

    #[test]
    fn every_edit_is_on_disk_when_it_returns() {
        let (dir, mut store, id) = store_with_one();
        store.set_tags(&id, &["idlib", "nato"]).unwrap();
        store.set_note(&id, Some("check this".into())).unwrap();
        store.set_colour(&id, Some(3)).unwrap();
        let again = reopen(&dir);
        let h = &again.document().highlights[0];
        assert_eq!(h.tags, ["idlib", "nato"]);
        assert_eq!(h.note.as_deref(), Some("check this"));
        assert_eq!(h.colour, Some(3));
        store.delete_highlight(&id).unwrap();
        assert!(reopen(&dir).document().highlights.is_empty());
    }

    #[test]
    fn inverses_undo_each_edit() {
        let (dir, mut store, id) = store_with_one();
        let before = Highlight::clone(&store.document().highlights[0]);
        let undo_tags = store.set_tags(&id, &["x"]).unwrap();
        let undo_note = store.set_note(&id, Some("n".into())).unwrap();
        store.apply(undo_note).unwrap();
        store.apply(undo_tags).unwrap();
        let after = first_on_disk(&dir);
        assert_eq!((&after.tags, &after.note), (&before.tags, &before.note));
        let undo_delete = store.delete_highlight(&id).unwrap();
        store.apply(undo_delete).unwrap();
        assert_eq!(first_on_disk(&dir).id, id);
    }

    #[test]
    fn a_failing_edit_writes_nothing() {
        let (dir, mut store, id) = store_with_one();
        let before = std::fs::read(store.path()).unwrap();
        let err = store.set_tags("nope", &["x"]).unwrap_err();
        assert!(err.downcast_ref::<NoSuchHighlight>().is_some());
        assert!(store.set_colour(&id, Some(9)).is_err());
        assert!(store.set_tags(&id, &["two words"]).is_err());
        assert_eq!(std::fs::read(store.path()).unwrap(), before);
        assert_eq!(store.document().highlights[0].colour, None);
        drop(dir);
    }

    #[test]
    fn add_tags_merges_with_tags_another_process_wrote() {
        let (dir, mut first, id) = store_with_one();
        let (mut second, _) = Store::open(dir.path()).unwrap();
        second.add_tags(&id, &["from-second"]).unwrap();
        first.add_tags(&id, &["from-first"]).unwrap();
        let h = first_on_disk(&dir);
        assert_eq!(h.tags, ["from-first", "from-second"]);
        first.remove_tags(&id, &["#from-second", "absent"]).unwrap();
        assert_eq!(first_on_disk(&dir).tags, ["from-first"]);
    }

    #[test]
    fn reattach_moves_an_orphan_and_can_be_undone() {
        let (dir, mut store, id) = store_with_one();
        let article = article();
        let start = article.body.find("Another").unwrap();
        let undo = store
            .reattach(&id, &article, start..article.body.len())
            .unwrap();
        let h = first_on_disk(&dir);
        assert_eq!(h.quote.exact, "Another one there.");
        assert_eq!(h.anchor, AnchorOutcome::Exact);
        store.apply(undo).unwrap();
        assert_eq!(first_on_disk(&dir).quote.exact, "One sentence here.");
    }
}
