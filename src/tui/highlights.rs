//! Highlights in the reader: making them, their tags, notes and colours, undo and redo,
//! the overlay listing them all, and the article list's filter. Every change goes through
//! the store (saved before the screen says it is done) and its undo history.

use std::ops::Range;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use lede::store::{Edit, Highlight, HighlightFilter};

use super::app::{App, Effect, Focus};

use super::editor::{Editor, Outcome, Purpose};

/// A highlight of the open article as the reader draws it.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub id: String,
    /// Where it is in the current text; `None` for an orphan.
    pub range: Option<Range<usize>>,
    pub colour: Option<u8>,
    pub tags: Vec<String>,
    pub note: Option<String>,
}

/// The overlay listing every highlight of the corpus.
pub struct MarksOverlay {
    pub filter: Editor,
    pub cursor: usize,
}

/// One row of the highlights overlay.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkRow {
    pub id: String,
    /// Index of the article in the corpus, if it is loaded.
    pub article: Option<usize>,
    pub article_title: String,
    pub text: String,
    pub tags: Vec<String>,
    pub note: Option<String>,
    pub status: String,
    pub orphaned: bool,
}

impl App {
    /// Attaches the store (highlights and reading place) to the app.
    pub fn with_store(mut self, store: lede::store::Store, corpus_key: String) -> App {
        self.store = Some(store);
        self.corpus_key = corpus_key;
        self.anchor_open_article();
        self
    }

    /// Carries out an effect that touches the store.
    pub(super) fn perform(&mut self, effect: &Effect) {
        match effect {
            Effect::SaveReading { article, offset } => {
                if let Some(store) = self.store.as_mut()
                    && store.read_only().is_none()
                    && let Err(err) = store.save_reading(&self.corpus_key, article, *offset)
                {
                    self.notice = Some(format!("could not save your place: {err:#}"));
                }
            }
            Effect::Highlight { range } => self.add_highlight(range.clone()),
            Effect::Quit => {}
        }
    }

    /// Is there a store that can be written? If not, the status line says why.
    fn can_write(&mut self) -> bool {
        let reason = match &self.store {
            None => Some("no data folder: highlights cannot be kept".to_string()),
            Some(store) => store.read_only().map(|r| format!("read-only: {r}")),
        };
        if let Some(reason) = &reason {
            self.notice = Some(reason.clone());
        }
        reason.is_none()
    }

    /// Re-anchors the open article's highlights (its text may have changed since) and
    /// refreshes what the reader shows.
    pub(super) fn anchor_open_article(&mut self) {
        let Some(article) = self.corpus.articles.get(self.open) else {
            return;
        };
        if let Some(store) = self.store.as_mut()
            && let Err(err) = store.anchor_article(article)
        {
            self.notice = Some(format!("could not re-anchor highlights: {err:#}"));
        }
        self.refresh_marks();
    }

    fn refresh_marks(&mut self) {
        let (Some(store), Some(article)) = (&self.store, self.corpus.articles.get(self.open))
        else {
            self.marks.clear();
            self.rebuild_panel();
            return;
        };

        self.marks = store
            .placed(article)
            .into_iter()
            .map(|p| Mark {
                id: p.highlight.id.clone(),
                range: p.range,
                colour: p.highlight.colour,
                tags: p.highlight.tags.clone(),
                note: p.highlight.note.clone(),
            })
            .collect();
        self.highlight_counts = store.counts_by_article();
        self.rebuild_panel();
    }

    /// The highlight under the reader's cursor (the innermost, if they overlap).
    pub fn mark_at_cursor(&self) -> Option<&Mark> {
        let at = self.reader.cursor;
        self.marks
            .iter()
            .filter(|m| m.range.as_ref().is_some_and(|r| r.contains(&at)))
            .min_by_key(|m| m.range.as_ref().map_or(usize::MAX, |r| r.len()))
    }

    fn mark_id_at_cursor(&mut self) -> Option<String> {
        let id = self.mark_at_cursor().map(|m| m.id.clone());
        if id.is_none() {
            self.notice = Some("no highlight under the cursor".to_string());
        }
        id
    }

    fn add_highlight(&mut self, range: Range<usize>) {
        self.highlights_changed = true;
        let Some(article) = self.corpus.articles.get(self.open) else {
            return;
        };
        let highlight = match Highlight::new(article, range) {
            Ok(h) => h,
            Err(err) => {
                self.notice = Some(format!("cannot highlight: {err:#}"));
                return;
            }
        };
        let Some(store) = self.store.as_mut() else {
            self.notice = Some("no data folder: highlights cannot be kept".to_string());
            return;
        };
        if let Some(reason) = store.read_only() {
            self.notice = Some(format!("read-only: {reason}"));
            return;
        }
        match self.history.add(store, highlight) {
            Ok(_) => self.notice = Some("highlighted (saved) · t tags  n note  u undo".into()),
            Err(err) => self.notice = Some(format!("not saved: {err:#}")),
        }
        self.refresh_marks();
    }

    /// Applies an edit through the history, saying what happened.
    fn apply_edit(&mut self, edit: Edit, done: &str) {
        self.highlights_changed = true;
        let (true, Some(store)) = (self.can_write(), self.store.as_mut()) else {
            return;
        };
        let result = self.history.apply(store, edit);
        self.notice = Some(match result {
            Ok(()) => format!("{done} · saved"),
            Err(err) => format!("not saved: {err:#}"),
        });
        self.refresh_marks();
    }

    pub(super) fn edit_tags(&mut self) {
        let Some(id) = self.mark_id_at_cursor() else {
            return;
        };
        let current = self
            .marks
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.tags.join(" "))
            .unwrap_or_default();
        let known = self
            .store
            .as_ref()
            .map(|s| s.all_tags().into_iter().map(|(tag, _)| tag).collect())
            .unwrap_or_default();
        let text = if current.is_empty() {
            current
        } else {
            format!("{current} ")
        };
        self.editor = Some(Editor::new(Purpose::Tags { id }, &text, known));
    }

    pub(super) fn edit_note(&mut self) {
        let Some(id) = self.mark_id_at_cursor() else {
            return;
        };
        let note = self
            .marks
            .iter()
            .find(|m| m.id == id)
            .and_then(|m| m.note.clone())
            .unwrap_or_default();
        self.editor = Some(Editor::new(Purpose::Note { id }, &note, Vec::new()));
    }

    pub(super) fn delete_highlight_at_cursor(&mut self) {
        if let Some(id) = self.mark_id_at_cursor() {
            self.apply_edit(Edit::Delete { id }, "highlight deleted · u undoes");
        }
    }

    pub(super) fn set_colour_at_cursor(&mut self, colour: u8) {
        if let Some(id) = self.mark_id_at_cursor() {
            let edit = Edit::SetColour {
                id,
                colour: Some(colour),
            };
            self.apply_edit(edit, &format!("colour {colour}"));
        }
    }

    /// Undo (or redo) the last highlight change.
    pub(super) fn undo(&mut self, redo: bool) {
        self.highlights_changed = true;
        let (true, Some(store)) = (self.can_write(), self.store.as_mut()) else {
            return;
        };
        let result = if redo {
            self.history.redo(store)
        } else {
            self.history.undo(store)
        };
        let word = if redo { "redone" } else { "undone" };
        self.notice = Some(match result {
            Ok(Some(label)) => format!("{word}: {label}"),
            Ok(None) => format!("nothing to {}", if redo { "redo" } else { "undo" }),
            Err(err) => format!("not {word}: {err:#}"),
        });
        self.refresh_marks();
    }

    /// A key for the open text editor.
    pub(super) fn editor_input(&mut self, event: KeyEvent) {
        let Some(editor) = self.editor.as_mut() else {
            return;
        };
        let outcome = editor.input(event);
        let purpose = editor.purpose.clone();
        match outcome {
            Outcome::Editing => {}
            Outcome::Cancelled => {
                self.editor = None;
                self.notice = Some("cancelled: nothing changed".to_string());
            }
            Outcome::Done(text) => {
                self.editor = None;
                match purpose {
                    Purpose::Tags { id } => {
                        let tags: Vec<String> = text
                            .split(|c: char| c.is_whitespace() || c == ',')
                            .map(|t| t.trim_start_matches('#'))
                            .filter(|t| !t.is_empty())
                            .map(str::to_string)
                            .collect();
                        self.apply_edit(Edit::SetTags { id, tags }, "tags");
                    }
                    Purpose::Note { id } => {
                        let note = (!text.trim().is_empty()).then_some(text);
                        self.apply_edit(Edit::SetNote { id, note }, "note");
                    }
                    Purpose::Search | Purpose::Field => {}
                    Purpose::ListFilter => {
                        let filter = text.trim().to_string();
                        self.set_list_filter((!filter.is_empty()).then_some(filter));
                    }
                }
            }
        }
    }

    pub(super) fn open_list_filter(&mut self) {
        let current = self.list_filter.clone().unwrap_or_default();
        let tags = self
            .store
            .as_ref()
            .map(|s| s.all_tags().into_iter().map(|(tag, _)| tag).collect())
            .unwrap_or_default();
        self.editor = Some(Editor::new(Purpose::ListFilter, &current, tags));
    }

    pub(super) fn set_list_filter(&mut self, filter: Option<String>) {
        self.list_filter = filter;
        self.rearrange();
        if self.order.is_empty() {
            self.notice = Some("no article matches the filter · esc clears it".to_string());
        }
    }

    /// A test for the list filter: every word must be in the title or source (ignoring
    /// case), and every `#tag` must be on a highlight of the article.
    pub(super) fn list_filter_matcher(&self, filter: &str) -> impl Fn(usize) -> bool + '_ {
        let mut words = Vec::new();
        let mut tags = Vec::new();
        for term in filter.split_whitespace() {
            match term.strip_prefix('#') {
                Some(tag) if !tag.is_empty() => tags.push(tag.to_lowercase()),
                Some(_) => {}
                None => words.push(term.to_lowercase()),
            }
        }
        move |index: usize| {
            let Some(article) = self.corpus.articles.get(index) else {
                return false;
            };
            let haystack = format!(
                "{} {}",
                article.title.to_lowercase(),
                article.source.as_deref().unwrap_or("").to_lowercase()
            );
            words.iter().all(|w| haystack.contains(w.as_str()))
                && (tags.is_empty()
                    || self.store.as_ref().is_some_and(|store| {
                        let key = self.keys.key(index);
                        tags.iter().all(|tag| {
                            store
                                .highlights()
                                .iter()
                                .any(|h| h.article == key && h.has_tag(tag))
                        })
                    }))
        }
    }

    pub(super) fn open_marks_overlay(&mut self) {
        if self.store.is_none() {
            self.notice = Some("no data folder: no highlights".to_string());
            return;
        }
        let tags = self
            .store
            .as_ref()
            .map(|s| s.all_tags().into_iter().map(|(tag, _)| tag).collect())
            .unwrap_or_default();
        self.marks_overlay = Some(MarksOverlay {
            filter: Editor::new(Purpose::ListFilter, "", tags),
            cursor: 0,
        });
    }

    /// The highlights overlay's rows for its current filter: words match the passage and
    /// the note, `#tag` the tags.
    pub fn mark_rows(&self) -> Vec<MarkRow> {
        let (Some(store), Some(overlay)) = (&self.store, &self.marks_overlay) else {
            return Vec::new();
        };
        let filter_text = overlay.filter.text();
        let mut filter = HighlightFilter::default();
        let mut words = Vec::new();
        for term in filter_text.split_whitespace() {
            match term.strip_prefix('#') {
                Some(tag) if !tag.is_empty() => filter.tags.push(tag.to_lowercase()),
                Some(_) => {}
                None => words.push(term),
            }
        }
        store
            .filter(&filter)
            .into_iter()
            .filter(|h| words.iter().all(|w| h.mentions(w)))
            .map(|h| {
                let article = self.keys.index(&h.article);
                MarkRow {
                    id: h.id.clone(),
                    article,
                    article_title: article
                        .map(|i| self.corpus.articles[i].title.clone())
                        .unwrap_or_else(|| h.article.clone()),
                    text: h
                        .quote
                        .exact
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                    tags: h.tags.clone(),
                    note: h.note.clone(),
                    status: h.anchor.label(),
                    orphaned: h.anchor.is_orphaned(),
                }
            })
            .collect()
    }

    pub(super) fn marks_overlay_input(&mut self, event: KeyEvent) {
        let rows = self.mark_rows();
        let Some(overlay) = self.marks_overlay.as_mut() else {
            return;
        };
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        match event.code {
            KeyCode::Esc => self.marks_overlay = None,
            KeyCode::Down => {
                overlay.cursor = (overlay.cursor + 1).min(rows.len().saturating_sub(1))
            }
            KeyCode::Char('n') if ctrl => {
                overlay.cursor = (overlay.cursor + 1).min(rows.len().saturating_sub(1))
            }
            KeyCode::Up => overlay.cursor = overlay.cursor.saturating_sub(1),
            KeyCode::Char('p') if ctrl => overlay.cursor = overlay.cursor.saturating_sub(1),
            KeyCode::Enter => {
                if let Some(row) = rows.get(overlay.cursor) {
                    self.marks_overlay = None;
                    self.jump_to_highlight(row);
                }
            }
            KeyCode::Char('d') if ctrl => {
                if let Some(row) = rows.get(overlay.cursor) {
                    let id = row.id.clone();
                    self.apply_edit(Edit::Delete { id }, "highlight deleted · u undoes");
                }
            }
            KeyCode::Char('a') if ctrl => {
                if let Some(row) = rows.get(overlay.cursor) {
                    // A highlight belongs to its article: only a passage of that one will do.
                    if row.article == Some(self.open) {
                        let id = row.id.clone();
                        self.reattach_to_selection(&id);
                    } else {
                        self.notice = Some(format!(
                            "open “{}” and select the passage there first",
                            row.article_title
                        ));
                    }
                }
            }
            _ => {
                overlay.filter.input(event);
                overlay.cursor = 0;
            }
        }
    }

    fn jump_to_highlight(&mut self, row: &MarkRow) {
        let Some(index) = row.article else {
            self.notice = Some(format!("{} is not loaded", row.article_title));
            return;
        };
        if index != self.open {
            if let Some(save) = self.save_reading() {
                self.perform(&save);
            }
            self.open_article(index);
        }
        self.focus = Focus::Reader;
        self.relayout();
        let range = self
            .marks
            .iter()
            .find(|m| m.id == row.id)
            .and_then(|m| m.range.clone());
        match range {
            Some(range) => {
                if let Some(article) = self.corpus.articles.get(self.open) {
                    self.reader.show(range.start);
                    self.reader.move_cursor(&article.body, range.start);
                }
            }
            None => {
                self.notice = Some(
                    "orphaned: its text is gone · select the passage (v), then m and ctrl-a re-attaches it"
                        .to_string(),
                )
            }
        }
    }

    /// Re-attaches highlight `id` to the reader's current selection.
    fn reattach_to_selection(&mut self, id: &str) {
        let Some(article) = self.corpus.articles.get(self.open) else {
            return;
        };
        let Some(range) = self.reader.selection(&article.body) else {
            self.notice = Some("select the passage in the reader first (v)".to_string());
            return;
        };
        let placement = match lede::store::Placement::of(article, range) {
            Ok(p) => p,
            Err(err) => {
                self.notice = Some(format!("cannot re-attach: {err:#}"));
                return;
            }
        };
        self.reader.anchor = None;
        let edit = Edit::Reattach {
            id: id.to_string(),
            to: Box::new(placement),
        };
        self.apply_edit(edit, "re-attached");
        self.marks_overlay = None;
    }
}
