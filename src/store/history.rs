//! Undo and redo for one session: a stack of inverse edits. Undoing applies an inverse
//! through the store, so it persists like any change, and its own inverse becomes the
//! redo.

use std::ops::Range;

use anyhow::Result;

use super::edit::{Edit, IdTaken, NoSuchHighlight, Placement};
use super::{Highlight, Store};
use crate::corpus::Article;

/// How many steps are kept; older ones are forgotten.
const LIMIT: usize = 500;

#[derive(Debug, Clone)]
struct Step {
    /// Applying this reverses the step.
    reverse: Edit,
    /// What the user did, in words ("set tags").
    label: &'static str,
}

/// The session's undo and redo stacks. The TUI owns one and routes every highlight change
/// through it (or records the inverse a [`Store`] method returned).
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    pub fn new() -> History {
        History::default()
    }

    /// Applies `edit` (persisted before this returns) and makes it undoable.
    pub fn apply(&mut self, store: &mut Store, edit: Edit) -> Result<()> {
        let label = edit.label();
        let reverse = store.apply(edit)?;
        self.push(Step { reverse, label });
        Ok(())
    }

    /// Makes undoable a change already applied: `reverse` is what a [`Store`] method
    /// returned.
    pub fn record(&mut self, reverse: Edit) {
        let label = match &reverse {
            Edit::Delete { .. } => "add highlight",
            Edit::Add(_) => "delete highlight",
            other => other.label(),
        };
        self.push(Step { reverse, label });
    }

    /// Adds `highlight`; returns the id it was stored under.
    pub fn add(&mut self, store: &mut Store, highlight: Highlight) -> Result<String> {
        let reverse = store.add_highlight(highlight)?;
        let id = reverse.id().to_string();
        self.record(reverse);
        Ok(id)
    }

    pub fn delete(&mut self, store: &mut Store, id: &str) -> Result<()> {
        self.apply(store, Edit::Delete { id: id.to_string() })
    }

    pub fn set_tags<S: AsRef<str>>(
        &mut self,
        store: &mut Store,
        id: &str,
        tags: &[S],
    ) -> Result<()> {
        let tags = tags.iter().map(|t| t.as_ref().to_string()).collect();
        self.apply(
            store,
            Edit::SetTags {
                id: id.to_string(),
                tags,
            },
        )
    }

    /// `None` or a blank note removes it.
    pub fn set_note(&mut self, store: &mut Store, id: &str, note: Option<String>) -> Result<()> {
        self.apply(
            store,
            Edit::SetNote {
                id: id.to_string(),
                note,
            },
        )
    }

    pub fn set_colour(&mut self, store: &mut Store, id: &str, colour: Option<u8>) -> Result<()> {
        self.apply(
            store,
            Edit::SetColour {
                id: id.to_string(),
                colour,
            },
        )
    }

    /// Attaches the highlight (typically an orphan) to the byte range `range` of `article`.
    pub fn reattach(
        &mut self,
        store: &mut Store,
        id: &str,
        article: &Article,
        range: Range<usize>,
    ) -> Result<()> {
        let to = Box::new(Placement::of(article, range)?);
        self.apply(
            store,
            Edit::Reattach {
                id: id.to_string(),
                to,
            },
        )
    }

    fn push(&mut self, step: Step) {
        self.undo.push(step);
        if self.undo.len() > LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Undoes the last step; returns what it was ("set tags"), or `None` when there is
    /// nothing to undo. A step about a highlight that no longer exists (another lede
    /// deleted it) is dropped with an error; after a write error it stays, to retry.
    pub fn undo(&mut self, store: &mut Store) -> Result<Option<&'static str>> {
        Self::step(store, &mut self.undo, &mut self.redo)
    }

    /// Redoes the last undone step, as [`History::undo`].
    pub fn redo(&mut self, store: &mut Store) -> Result<Option<&'static str>> {
        Self::step(store, &mut self.redo, &mut self.undo)
    }

    fn step(
        store: &mut Store,
        from: &mut Vec<Step>,
        to: &mut Vec<Step>,
    ) -> Result<Option<&'static str>> {
        let Some(step) = from.pop() else {
            return Ok(None);
        };
        match store.apply(step.reverse.clone()) {
            Ok(reverse) => {
                to.push(Step {
                    reverse,
                    label: step.label,
                });
                Ok(Some(step.label))
            }
            Err(err) => {
                // Retrying cannot help when the highlight is gone (or back) already.
                let gone = err.downcast_ref::<NoSuchHighlight>().is_some()
                    || err.downcast_ref::<IdTaken>().is_some();
                if !gone {
                    from.push(step);
                }
                Err(err)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::parse_article;
    use std::path::PathBuf;

    fn setup() -> (tempfile::TempDir, Store, History, String) {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(dir.path()).unwrap();
        let article = parse_article(
            PathBuf::from("articles/example.txt"),
            "A passage to keep. More text.\n",
            Vec::new(),
        );
        let mut history = History::new();
        let id = history
            .add(&mut store, Highlight::new(&article, 0..18).unwrap())
            .unwrap();
        (dir, store, history, id)
    }

    fn on_disk(dir: &tempfile::TempDir) -> Vec<std::sync::Arc<Highlight>> {
        Store::open(dir.path())
            .unwrap()
            .0
            .document()
            .highlights
            .clone()
    }

    #[test]
    fn undo_and_redo_walk_back_and_forth_and_persist() {
        let (dir, mut store, mut history, id) = setup();
        history
            .apply(
                &mut store,
                Edit::SetTags {
                    id: id.clone(),
                    tags: vec!["idlib".into()],
                },
            )
            .unwrap();
        history
            .apply(
                &mut store,
                Edit::SetNote {
                    id: id.clone(),
                    note: Some("why it matters".into()),
                },
            )
            .unwrap();
        assert_eq!(history.undo(&mut store).unwrap(), Some("set note"));
        assert_eq!(on_disk(&dir)[0].note, None);
        assert_eq!(history.undo(&mut store).unwrap(), Some("set tags"));
        assert!(on_disk(&dir)[0].tags.is_empty());
        assert_eq!(history.undo(&mut store).unwrap(), Some("add highlight"));
        assert!(on_disk(&dir).is_empty());
        assert_eq!(history.undo(&mut store).unwrap(), None);

        assert_eq!(history.redo(&mut store).unwrap(), Some("add highlight"));
        assert_eq!(history.redo(&mut store).unwrap(), Some("set tags"));
        assert_eq!(history.redo(&mut store).unwrap(), Some("set note"));
        let h = &on_disk(&dir)[0];
        assert_eq!(
            (h.id.as_str(), h.tags.as_slice()),
            (id.as_str(), ["idlib".to_string()].as_slice())
        );
        assert_eq!(h.note.as_deref(), Some("why it matters"));
        assert!(!history.can_redo());
    }

    #[test]
    fn the_shorthands_are_undoable_too() {
        let (dir, mut store, mut history, id) = setup();
        history.set_tags(&mut store, &id, &["a", "b"]).unwrap();
        history.set_colour(&mut store, &id, Some(2)).unwrap();
        history.set_note(&mut store, &id, Some("n".into())).unwrap();
        history.delete(&mut store, &id).unwrap();
        assert!(on_disk(&dir).is_empty());
        for expected in ["delete highlight", "set note", "set colour", "set tags"] {
            assert_eq!(history.undo(&mut store).unwrap(), Some(expected));
        }
        let h = &on_disk(&dir)[0];
        assert!(h.tags.is_empty() && h.note.is_none() && h.colour.is_none());
    }

    #[test]
    fn a_new_change_clears_the_redo_stack() {
        let (_dir, mut store, mut history, id) = setup();
        let reverse = store.set_colour(&id, Some(2)).unwrap();
        history.record(reverse);
        history.undo(&mut store).unwrap();
        assert!(history.can_redo());
        history
            .apply(
                &mut store,
                Edit::SetColour {
                    id,
                    colour: Some(4),
                },
            )
            .unwrap();
        assert!(!history.can_redo());
    }

    #[test]
    fn undoing_a_change_to_a_highlight_deleted_elsewhere_is_dropped() {
        let (dir, mut store, mut history, id) = setup();
        history
            .apply(
                &mut store,
                Edit::SetTags {
                    id: id.clone(),
                    tags: vec!["x".into()],
                },
            )
            .unwrap();
        let (mut other, _) = Store::open(dir.path()).unwrap();
        other.delete_highlight(&id).unwrap();
        assert!(history.undo(&mut store).is_err());
        // The step is gone; the next undo removes the (already deleted) highlight: also
        // an error, and then nothing is left.
        assert!(history.undo(&mut store).is_err());
        assert!(!history.can_undo());
    }
}
