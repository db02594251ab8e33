//! The reader pane: the open article with a cursor, selections made with motions and
//! text objects, highlights made and changed at the cursor, and `n`/`N` through the last
//! search's matches.

mod draw;
pub mod view;

use std::collections::HashMap;
use std::ops::Range;

use lede::corpus::Article;
use lede::motion;
use lede::store::Edit;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::action::Action;
use super::component::{self, Component, Handled, Hint, Input, Request, View};
use super::keymap::{Context, Keymap};
use super::overlays::prompt::Prompt;
use super::panes::{page_rows, reader_text_area};
use super::shared::Shared;
pub use view::ReaderView;

pub struct ReaderPane {
    pub view: ReaderView,
    /// `i` was pressed in a selection: the next key names a text object.
    pub pending_inside: bool,
    /// Where the reader was last laid out (shown or not).
    pub area: Option<Rect>,
    /// Where the reader was in each article left this session: (first row's offset,
    /// cursor), by article index.
    places: HashMap<usize, (usize, usize)>,
}

/// The actions worth a hint in each of the reader's contexts, in the order shown.
fn hinted(context: Context) -> &'static [&'static [Action]] {
    match context {
        Context::Select => &[
            &[Action::WordForward, Action::WordBackward],
            &[Action::SentenceForward, Action::SentenceBackward],
            &[Action::Inside],
            &[Action::Highlight],
            &[Action::Cancel],
        ],
        Context::Inside => &[
            &[Action::InsideSentence],
            &[Action::InsideParagraph],
            &[Action::InsideQuote],
            &[Action::Cancel],
        ],
        _ => &[
            &[Action::Down, Action::Up],
            &[Action::PageDown, Action::PageUp],
            &[Action::Select],
            &[Action::Highlight],
            &[Action::Search],
            &[Action::PrevArticle, Action::NextArticle],
        ],
    }
}

impl ReaderPane {
    pub fn new() -> ReaderPane {
        ReaderPane {
            view: ReaderView::empty(),
            pending_inside: false,
            area: None,
            places: HashMap::new(),
        }
    }

    /// Remembers the place in `article` (the one shown) before another is opened.
    pub fn leave(&mut self, article: usize) {
        let place = (self.view.top_offset(), self.view.cursor);
        self.places.insert(article, place);
        self.view.reset();
        self.pending_inside = false;
    }

    /// Where the reader was in `article` this session, if it was opened before.
    pub fn place(&self, article: usize) -> Option<(usize, usize)> {
        self.places.get(&article).copied()
    }

    /// Scrolls so the text at `top` is the first row shown, with the cursor at `cursor`.
    pub fn go_to(&mut self, body: &str, top: usize, cursor: usize) {
        self.view.move_cursor(body, cursor);
        self.view.scroll_to_offset(top);
    }

    /// Which keymap context the reader is in: reading, selecting, or after `i`.
    pub fn context(&self) -> Context {
        if self.pending_inside {
            Context::Inside
        } else if self.view.anchor.is_some() {
            Context::Select
        } else {
            Context::Reader
        }
    }

    /// Wraps `article` for the pane `area` (the text inside its border).
    pub fn relayout(&mut self, area: Rect, article: Option<&Article>, max_width: u16) {
        self.area = Some(area);
        let text = reader_text_area(area, max_width);
        let width = usize::from(text.width.max(1));
        self.view.relayout(article, width, usize::from(text.height));
    }

    /// Scrolls to `range`, puts the cursor at its start and, if `mark`, marks it.
    pub fn show(&mut self, body: &str, range: Range<usize>, mark: bool) {
        self.view.show(range.start);
        self.view.move_cursor(body, range.start);
        if mark {
            self.view.mark = Some(range);
        }
    }

    /// The wheel scrolls; a click puts the cursor on the character clicked.
    fn mouse(&mut self, input: &Input, shared: &Shared) -> Handled {
        let Some(article) = shared.article() else {
            return Handled::Ignored;
        };
        let body = &article.body;
        if let Some(rows) = component::wheel(input) {
            self.view.scroll_by(body, rows);
            return Handled::Consumed;
        }
        let (Some((x, y)), Some(area)) = (component::click(input), self.area) else {
            return Handled::Ignored;
        };
        let text = reader_text_area(area, shared.config.text_width);
        if y >= text.y && y < text.bottom() {
            let row = self.view.top + usize::from(y - text.y);
            let column = usize::from(x.saturating_sub(text.x));
            if row < self.view.layout.rows.len() {
                let offset = self.view.layout.offset_at(body, row, column);
                self.view.move_cursor(body, offset);
            }
        }
        Handled::Consumed
    }

    pub fn hints(keymap: &Keymap, context: Context) -> Vec<Hint> {
        component::keymap_hints(keymap, context, hinted(context), |group| match group {
            [Action::Down, Action::Up] => "move",
            [Action::PageDown, Action::PageUp] => "page",
            [Action::PrevArticle, Action::NextArticle] => "article",
            [Action::WordForward, Action::WordBackward] => "word",
            [Action::SentenceForward, Action::SentenceBackward] => "sentence",
            [Action::Inside] => "inside…",
            [Action::InsideSentence] => "sentence",
            [Action::InsideParagraph] => "paragraph",
            [Action::InsideQuote] => "quote",
            [Action::Select] => "select",
            [Action::Search] => "search",
            [Action::Highlight] => "highlight",
            [action, ..] => action.help(),
            [] => "",
        })
    }

    /// The id of the highlight under the cursor, or a word that there is none.
    fn mark_id_at_cursor(&self, shared: &Shared, out: &mut Vec<Request>) -> Option<String> {
        let id = shared.mark_at(self.view.cursor).map(|m| m.id.clone());
        if id.is_none() {
            out.push(Request::notice("no highlight under the cursor"));
        }
        id
    }

    fn edit_tags(&self, shared: &Shared, out: &mut Vec<Request>) {
        let Some(id) = self.mark_id_at_cursor(shared, out) else {
            return;
        };
        let current = shared
            .marks
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.tags.join(" "))
            .unwrap_or_default();
        let text = if current.is_empty() {
            current
        } else {
            format!("{current} ")
        };
        let prompt = Prompt::tags(id, &text, shared.notes.all_tags());
        out.push(Request::Push(Box::new(prompt)));
    }

    fn edit_note(&self, shared: &Shared, out: &mut Vec<Request>) {
        let Some(id) = self.mark_id_at_cursor(shared, out) else {
            return;
        };
        let note = shared
            .marks
            .iter()
            .find(|m| m.id == id)
            .and_then(|m| m.note.clone())
            .unwrap_or_default();
        out.push(Request::Push(Box::new(Prompt::note(id, &note))));
    }

    /// `n`/`N`: the next (or previous) match of the last search in the open article.
    fn step_match(&mut self, forward: bool, shared: &Shared, out: &mut Vec<Request>) {
        let Some(found) = &shared.search.last else {
            out.push(Request::notice("no search yet: / searches"));
            return;
        };
        let Some(article) = shared.article() else {
            return;
        };
        let targets = found.targets_in(shared.open, &article.body);
        if targets.is_empty() {
            out.push(Request::notice(format!(
                "no match for “{}” in this article",
                found.query
            )));
            return;
        }
        let at = self.view.cursor;
        let next = if forward {
            targets.iter().find(|r| r.start > at).or(targets.first())
        } else {
            targets
                .iter()
                .rev()
                .find(|r| r.start < at)
                .or(targets.last())
        };
        let Some(next) = next.cloned() else {
            return;
        };
        let position = targets.iter().position(|r| *r == next).map_or(0, |p| p + 1);
        out.push(Request::notice(format!(
            "match {position}/{} · “{}”",
            targets.len(),
            found.query
        )));
        self.show(&article.body, next, true);
    }
}

impl Component for ReaderPane {
    fn handle(&mut self, input: &Input, shared: &Shared, out: &mut Vec<Request>) -> Handled {
        if let Input::Mouse(_) = input {
            return self.mouse(input, shared);
        }
        let action = component::action(&shared.keymap, self.context(), input);
        // A pending `i` applies to this key only.
        self.pending_inside = false;
        let (Some(action), Some(article)) = (action, shared.article()) else {
            return Handled::Ignored;
        };
        let body = article.body.as_str();
        let page = page_rows(self.area);
        let view = &mut self.view;
        let at = view.cursor;
        let target = match action {
            Action::Down => return scrolled(view, body, 1),
            Action::Up => return scrolled(view, body, -1),
            Action::HalfPageDown => return scrolled(view, body, page / 2),
            Action::HalfPageUp => return scrolled(view, body, -(page / 2)),
            Action::PageDown => return scrolled(view, body, page),
            Action::PageUp => return scrolled(view, body, -page),
            Action::Top => return scrolled(view, body, isize::MIN / 4),
            Action::Bottom => return scrolled(view, body, isize::MAX / 4),
            Action::WordForward => motion::word_forward(body, at),
            Action::WordBackward => motion::word_backward(body, at),
            Action::WordEnd => motion::word_end(body, at),
            Action::SentenceForward => motion::sentence_forward(article, at),
            Action::SentenceBackward => motion::sentence_backward(article, at),
            Action::ParagraphForward => motion::paragraph_forward(article, at),
            Action::ParagraphBackward => motion::paragraph_backward(article, at),
            Action::LineStart => motion::line_start(&view.layout, at),
            Action::LineEnd => motion::line_end(body, &view.layout, at),
            Action::LineDown | Action::LineUp => {
                let lines = if action == Action::LineDown { 1 } else { -1 };
                view.move_lines(body, lines);
                return Handled::Consumed;
            }
            Action::Select => {
                view.anchor = match view.anchor {
                    Some(_) => None,
                    None => Some(at),
                };
                return Handled::Consumed;
            }
            Action::Cancel => {
                view.anchor = None;
                return Handled::Consumed;
            }
            Action::Inside => {
                if view.anchor.is_none() {
                    view.anchor = Some(at);
                }
                self.pending_inside = true;
                return Handled::Consumed;
            }
            Action::InsideSentence | Action::InsideParagraph | Action::InsideQuote => {
                let object = match action {
                    Action::InsideSentence => motion::inside_sentence(article, at),
                    Action::InsideParagraph => motion::inside_paragraph(article, at),
                    _ => motion::inside_quote(article, at),
                };
                match object {
                    Some(range) if !range.is_empty() => {
                        view.anchor = Some(range.start);
                        view.move_cursor(body, motion::clamp(body, range.end.saturating_sub(1)));
                    }
                    _ => out.push(Request::notice("nothing to select here")),
                }
                return Handled::Consumed;
            }
            Action::EditTags => {
                self.edit_tags(shared, out);
                return Handled::Consumed;
            }
            Action::EditNote => {
                self.edit_note(shared, out);
                return Handled::Consumed;
            }
            Action::EditNoteExternally => {
                if let Some(id) = self.mark_id_at_cursor(shared, out) {
                    let text = shared
                        .marks
                        .iter()
                        .find(|m| m.id == id)
                        .and_then(|m| m.note.clone())
                        .unwrap_or_default();
                    out.push(Request::EditExternally { id, text });
                }
                return Handled::Consumed;
            }
            Action::NextMatch => {
                // With no search to step through, `n` is the note of the highlight here.
                if shared.search.last.is_none() && shared.mark_at(at).is_some() {
                    self.edit_note(shared, out);
                } else {
                    self.step_match(true, shared, out);
                }
                return Handled::Consumed;
            }
            Action::PrevMatch => {
                self.step_match(false, shared, out);
                return Handled::Consumed;
            }
            Action::DeleteHighlight => {
                if let Some(id) = self.mark_id_at_cursor(shared, out) {
                    let done = "highlight deleted · u undoes".to_string();
                    out.push(Request::Edit {
                        edit: Edit::Delete { id },
                        done,
                    });
                }
                return Handled::Consumed;
            }
            Action::Colour1
            | Action::Colour2
            | Action::Colour3
            | Action::Colour4
            | Action::Colour5 => {
                let colour = match action {
                    Action::Colour1 => 1,
                    Action::Colour2 => 2,
                    Action::Colour3 => 3,
                    Action::Colour4 => 4,
                    _ => 5,
                };
                if let Some(id) = self.mark_id_at_cursor(shared, out) {
                    let edit = Edit::SetColour {
                        id,
                        colour: Some(colour),
                    };
                    let done = format!("colour {colour}");
                    out.push(Request::Edit { edit, done });
                }
                return Handled::Consumed;
            }
            Action::ToggleRead => {
                let read = !shared.is_read(shared.open);
                out.push(Request::SetRead {
                    article: shared.open,
                    read,
                });
                let word = if read { "marked read" } else { "marked unread" };
                out.push(Request::notice(word));
                return Handled::Consumed;
            }
            Action::Highlight => {
                let range = match view.selection(body) {
                    Some(range) => Some(motion::tidy_selection(article, range)),
                    None => motion::inside_sentence(article, at),
                };
                match range {
                    Some(range) => {
                        view.anchor = None;
                        // The cursor stays on the new highlight, so t and n act on it.
                        let last = motion::clamp(body, range.end.saturating_sub(1));
                        if !range.contains(&view.cursor) {
                            view.move_cursor(body, last.max(range.start));
                        }
                        out.push(Request::Highlight(range));
                    }
                    None => out.push(Request::notice("no sentence under the cursor")),
                }
                return Handled::Consumed;
            }
            _ => return Handled::Ignored,
        };
        view.move_cursor(body, target);
        Handled::Consumed
    }

    fn hints(&self, shared: &Shared) -> Vec<Hint> {
        let context = self.context();
        let mut hints = ReaderPane::hints(&shared.keymap, context);
        if context == Context::Reader {
            hints.extend(super::links::hints(
                &shared.keymap,
                context,
                shared.article(),
            ));
        }
        hints
    }

    fn draw(&self, frame: &mut Frame, area: Rect, view: &View) {
        draw::draw(self, frame, area, view);
    }
}

fn scrolled(view: &mut ReaderView, body: &str, rows: isize) -> Handled {
    view.scroll_by(body, rows);
    Handled::Consumed
}
