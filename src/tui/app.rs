//! The reader's state and what each action does to it. Drawing lives in `ui`, key
//! decoding in `keymap`; `update` returns the effects (saving, quitting) for the event
//! loop to carry out, so this module never touches the terminal or the disk.

use std::ops::Range;

use lede::corpus::{Article, Corpus};
use lede::motion;
use ratatui::layout::Rect;

use super::action::Action;
use super::article_keys::ArticleKeys;
use super::editor::Editor;
use super::export::ExportDialog;
use super::extraction::{Extractions, SpeakersView};
use super::highlights::{Mark, MarksOverlay};
use super::keymap::{Context, Key, Keymap};
use super::loading::Loading;
pub use super::panel::PanelEntry;
use super::panes::{self, Panes};
pub use super::reader::ReaderView;
use super::search::{Search, SearchView};
use crossterm::event::KeyEvent;
use lede::store::{History, Store};
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
    Panel,
}

impl Focus {
    const ORDER: [Focus; 3] = [Focus::List, Focus::Reader, Focus::Panel];

    pub fn name(self) -> &'static str {
        match self {
            Focus::List => "Articles",
            Focus::Reader => "Reader",
            Focus::Panel => "Details",
        }
    }

    pub fn context(self) -> Context {
        match self {
            Focus::List => Context::List,
            Focus::Reader => Context::Reader,
            Focus::Panel => Context::Panel,
        }
    }

    fn step(self, forward: bool) -> Focus {
        let i = Focus::ORDER.iter().position(|&f| f == self).unwrap_or(0);
        let n = Focus::ORDER.len();
        Focus::ORDER[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }
}

/// The article list's order; `cycle_sort` steps through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortOrder {
    NewestFirst,
    OldestFirst,
    Title,
    Source,
}

impl SortOrder {
    pub fn label(self) -> &'static str {
        match self {
            SortOrder::NewestFirst => "newest first",
            SortOrder::OldestFirst => "oldest first",
            SortOrder::Title => "by title",
            SortOrder::Source => "by source",
        }
    }

    fn next(self) -> SortOrder {
        match self {
            SortOrder::NewestFirst => SortOrder::OldestFirst,
            SortOrder::OldestFirst => SortOrder::Title,
            SortOrder::Title => SortOrder::Source,
            SortOrder::Source => SortOrder::NewestFirst,
        }
    }

    /// Article indices in this order; undated articles come after dated ones, and ties
    /// keep the load order.
    fn arrange(self, articles: &[Article]) -> Vec<usize> {
        let mut order: Vec<usize> = (0..articles.len()).collect();
        match self {
            SortOrder::NewestFirst => order.sort_by_key(|&i| {
                (
                    articles[i].date.is_none(),
                    std::cmp::Reverse(articles[i].date),
                )
            }),
            SortOrder::OldestFirst => {
                order.sort_by_key(|&i| (articles[i].date.is_none(), articles[i].date))
            }
            SortOrder::Title => order.sort_by_cached_key(|&i| articles[i].title.to_lowercase()),
            SortOrder::Source => order.sort_by_cached_key(|&i| {
                let source = articles[i].source.as_deref().map(str::to_lowercase);
                (source.is_none(), source)
            }),
        }
        order
    }
}

/// What the event loop must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Remember the open article and its scroll position.
    SaveReading {
        article: String,
        offset: usize,
    },
    /// Make a highlight of this passage of the open article.
    Highlight {
        range: Range<usize>,
    },
    Quit,
}

pub struct App {
    /// Shared with background workers (extraction), never changed after loading.
    pub corpus: Arc<Corpus>,
    pub keymap: Keymap,
    pub focus: Focus,
    pub show_help: bool,
    pub help_scroll: u16,
    pub sort: SortOrder,
    /// Article indices in list order.
    pub order: Vec<usize>,
    /// Selected row of the list (an index into `order`).
    pub list_cursor: usize,
    /// The article in the reader (an index into `corpus.articles`).
    pub open: usize,
    pub reader: ReaderView,
    pub panel_entries: Vec<PanelEntry>,
    pub panel_cursor: usize,
    pub size: Rect,
    /// A message for the status line (errors, notices), until the next key.
    pub notice: Option<String>,
    /// `i` was pressed in a selection: the next key names a text object.
    pub pending_inside: bool,
    /// Where highlights and the reading place are kept; `None` when there is no data
    /// folder (then nothing can be highlighted, and the UI says so).
    pub store: Option<Store>,
    /// The key the reading place is kept under.
    pub corpus_key: String,
    pub history: History,
    /// The open article's highlights, placed in its text.
    pub marks: Vec<Mark>,
    /// Highlights per article key, for the list.
    pub highlight_counts: BTreeMap<String, usize>,
    /// A text prompt or the note editor, when open: it takes every key.
    pub editor: Option<Editor>,
    /// The highlights overlay, when open: it takes every key.
    pub marks_overlay: Option<MarksOverlay>,
    /// The article list's filter, as typed.
    pub list_filter: Option<String>,
    /// Quotes and figures, as the background worker delivers them.
    pub extractions: Extractions,
    /// The speakers view, when open: it takes every key.
    pub speakers_view: Option<SpeakersView>,
    /// The search worker and the last results.
    pub search: Search,
    /// The search prompt and results, when open: it takes every key.
    pub search_view: Option<SearchView>,
    /// Highlights changed since the search index last heard of them.
    pub highlights_changed: bool,
    /// While a corpus loads in the background: its progress.
    pub loading: Option<Loading>,
    /// The export dialog, when open: it takes every key.
    pub export_dialog: Option<ExportDialog>,
    /// Each article's key in the store.
    pub keys: ArticleKeys,
}

impl App {
    pub fn new(corpus: Corpus, keymap: Keymap, size: Rect) -> App {
        let corpus = Arc::new(corpus);
        let extractions = Extractions::new(corpus.articles.len());
        let sort = SortOrder::NewestFirst;
        let order = sort.arrange(&corpus.articles);
        let open = order.first().copied().unwrap_or(0);
        let mut app = App {
            corpus,
            keymap,
            focus: Focus::List,
            show_help: false,
            help_scroll: 0,
            sort,
            order,
            list_cursor: 0,
            open,
            reader: ReaderView::empty(),
            panel_entries: Vec::new(),
            panel_cursor: 0,
            size,
            notice: None,
            pending_inside: false,
            store: None,
            corpus_key: String::new(),
            history: History::new(),
            marks: Vec::new(),
            highlight_counts: BTreeMap::new(),
            editor: None,
            marks_overlay: None,
            list_filter: None,
            extractions,

            speakers_view: None,
            search: Search::default(),
            search_view: None,
            highlights_changed: false,
            loading: None,
            export_dialog: None,
            keys: ArticleKeys::default(),
        };
        app.keys.update(&app.corpus.articles);
        app.open_article(open);
        app
    }

    pub fn article(&self) -> Option<&Article> {
        self.corpus.articles.get(self.open)
    }

    /// Returns to a remembered place: the article with this path, scrolled to `offset`.
    pub fn restore(&mut self, article_path: &str, offset: usize) {
        let found = self
            .corpus
            .articles
            .iter()
            .position(|a| a.path.display().to_string() == article_path);
        if let Some(index) = found {
            self.open_article(index);
            if let Some(body) = self.corpus.articles.get(index).map(|a| a.body.clone()) {
                self.reader.show(offset);
                self.reader.top = self.reader.layout.row_of(offset);
                self.reader.move_cursor(&body, offset);
                self.relayout();
            }
        }
    }

    /// The byte offset of the first row shown: the scroll position that survives resizes.
    pub fn reader_offset(&self) -> usize {
        self.reader.top_offset()
    }

    pub fn panes(&self) -> Panes {
        panes::panes(self.size, self.focus)
    }

    pub fn resize(&mut self, size: Rect) {
        self.size = size;
        self.relayout();
    }

    pub fn context(&self) -> Context {
        if self.show_help {
            Context::Help
        } else if self.focus == Focus::Reader && self.pending_inside {
            Context::Inside
        } else if self.focus == Focus::Reader && self.reader.anchor.is_some() {
            Context::Select
        } else {
            self.focus.context()
        }
    }

    /// Handles a key event: an open editor or overlay takes it whole; otherwise the
    /// keymap turns it into an action. Effects that touch the store are carried out
    /// (and saved) before this returns; the caller handles `Quit`.
    pub fn key_event(&mut self, event: KeyEvent) -> Vec<Effect> {
        let effects = self.route_key(event);
        // The user has started reading: a remembered place no longer applies.
        if let Some(loading) = self.loading.as_mut() {
            loading.restore = None;
        }
        effects
    }

    fn route_key(&mut self, event: KeyEvent) -> Vec<Effect> {
        if self.editor.is_some() {
            self.editor_input(event);
            return Vec::new();
        }
        if self.marks_overlay.is_some() {
            self.marks_overlay_input(event);
            return Vec::new();
        }
        if self.speakers_view.is_some() {
            self.speakers_input(event);
            return Vec::new();
        }
        if self.search_view.is_some() {
            self.search_input(event);
            return Vec::new();
        }
        if self.export_dialog.is_some() {
            self.export_input(event);
            return Vec::new();
        }
        self.key(Key::from_event(&event))
    }

    /// Handles a key press: its action in the current context, or a word that the key
    /// does nothing here (which also ends a pending `i`).
    pub fn key(&mut self, key: Key) -> Vec<Effect> {
        let effects = match self.keymap.action(self.context(), key) {
            Some(action) => self.update(action),
            None => {
                self.pending_inside = false;
                self.notice = Some(format!("{key}: no action here (? for help)"));
                Vec::new()
            }
        };
        for effect in &effects {
            self.perform(effect);
        }
        effects
    }

    /// Carries out one action.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        self.notice = None;
        self.pending_inside = false;
        let mut effects = Vec::new();
        if self.update_reader(action, &mut effects) {
            return effects;
        }
        match action {
            Action::Quit => {
                effects.extend(self.save_reading());
                effects.push(Effect::Quit);
            }
            Action::Help => {
                self.show_help = true;
                self.help_scroll = 0;
            }
            Action::Close => self.show_help = false,
            Action::Down | Action::PageDown if self.show_help => {
                let step = if action == Action::Down { 1 } else { 10 };
                self.help_scroll = self.help_scroll.saturating_add(step).min(200);
            }
            Action::Up | Action::PageUp if self.show_help => {
                let step = if action == Action::Up { 1 } else { 10 };
                self.help_scroll = self.help_scroll.saturating_sub(step);
            }
            Action::FocusNext | Action::FocusRight => self.set_focus(self.focus.step(true)),
            Action::FocusPrev | Action::FocusLeft => self.set_focus(self.focus.step(false)),
            Action::PrevArticle | Action::NextArticle => {
                let next = action == Action::NextArticle;
                let last = self.order.len().saturating_sub(1);
                let target = match self.order.iter().position(|&i| i == self.open) {
                    Some(position) if next => (position + 1).min(last),
                    Some(position) => position.saturating_sub(1),
                    // The open article is filtered out of the list: start at an end of it.
                    None if next => 0,
                    None => last,
                };
                if let Some(&article) = self.order.get(target)
                    && article != self.open
                {
                    effects.extend(self.save_reading());
                    self.list_cursor = target;
                    self.open_article(article);
                }
            }
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::HalfPageDown => self.move_by(self.page() / 2),
            Action::HalfPageUp => self.move_by(-(self.page() / 2)),
            Action::PageDown => self.move_by(self.page()),
            Action::PageUp => self.move_by(-self.page()),
            Action::Top => self.move_by(isize::MIN / 4),
            Action::Bottom => self.move_by(isize::MAX / 4),
            Action::Open => match self.focus {
                Focus::List => {
                    if let Some(&index) = self.order.get(self.list_cursor) {
                        if index != self.open {
                            effects.extend(self.save_reading());
                            self.open_article(index);
                        }
                        self.set_focus(Focus::Reader);
                    }
                }
                Focus::Panel => self.jump_to_panel_entry(),
                Focus::Reader => {}
            },
            // Reader actions outside the reader do nothing.
            Action::Select
            | Action::Cancel
            | Action::WordForward
            | Action::WordBackward
            | Action::WordEnd
            | Action::SentenceForward
            | Action::SentenceBackward
            | Action::ParagraphForward
            | Action::ParagraphBackward
            | Action::LineStart
            | Action::LineEnd
            | Action::LineDown
            | Action::LineUp
            | Action::Inside
            | Action::InsideSentence
            | Action::InsideParagraph
            | Action::InsideQuote
            | Action::EditTags
            | Action::EditNote
            | Action::NextMatch
            | Action::PrevMatch
            | Action::DeleteHighlight
            | Action::Colour1
            | Action::Colour2
            | Action::Colour3
            | Action::Colour4
            | Action::Colour5 => {}
            Action::Highlight => {
                // From the side panel: the quote, figure or paragraph of the entry.
                if self.focus == Focus::Panel
                    && let Some(entry) = self.panel_entries.get(self.panel_cursor)
                {
                    if entry.kind == super::panel::EntryKind::Highlight {
                        self.notice = Some("already highlighted".to_string());
                    } else {
                        effects.push(Effect::Highlight {
                            range: entry.target.clone(),
                        });
                    }
                }
            }
            Action::Undo => self.undo(false),
            Action::Redo => self.undo(true),
            Action::ShowHighlights => self.open_marks_overlay(),
            Action::ShowSpeakers => self.open_speakers(),
            Action::Search => self.open_search(),
            Action::Export => self.open_export(),

            Action::ToggleExtracts => self.toggle_extracts(),

            Action::FilterList => self.open_list_filter(),
            Action::ClearFilter => self.set_list_filter(None),

            Action::CycleSort => {
                self.sort = self.sort.next();
                self.rearrange();
                self.notice = Some(format!("sorted {}", self.sort.label()));
            }
        }
        effects
    }

    /// Orders the list and applies its filter, keeping the selected article selected (or
    /// else the open one).
    pub(super) fn rearrange(&mut self) {
        let selected = self.order.get(self.list_cursor).copied();
        let mut order = self.sort.arrange(&self.corpus.articles);
        if let Some(filter) = &self.list_filter {
            let matches = self.list_filter_matcher(filter);
            order.retain(|&i| matches(i));
        }
        self.order = order;
        let position = |article: usize| self.order.iter().position(|&i| i == article);
        self.list_cursor = selected
            .and_then(position)
            .or_else(|| position(self.open))
            .unwrap_or(0);
    }

    /// The open article and scroll position to remember; nothing while there is no
    /// article, or while a remembered place is still waiting for its article to load.
    pub(super) fn save_reading(&self) -> Option<Effect> {
        let restore_pending = self.loading.as_ref().is_some_and(|l| l.restore.is_some());
        let article = self.article()?;
        (!restore_pending).then(|| Effect::SaveReading {
            article: article.path.display().to_string(),
            offset: self.reader_offset(),
        })
    }

    fn set_focus(&mut self, focus: Focus) {
        self.focus = focus;
        // Narrow terminals swap panes with the focus, which can change the reader's width.
        self.relayout();
    }

    /// Rows in one page of the focused pane.
    fn page(&self) -> isize {
        let panes = self.panes();
        let rect = match self.focus {
            Focus::List => panes.list,
            Focus::Reader => panes.reader,
            Focus::Panel => panes.panel,
        };
        let rows = rect.map(|r| r.height.saturating_sub(2)).unwrap_or(1);
        isize::try_from(rows.max(2)).unwrap_or(2) - 1
    }

    fn move_by(&mut self, delta: isize) {
        match self.focus {
            Focus::List => {
                self.list_cursor = step(self.list_cursor, delta, self.order.len());
            }
            Focus::Reader => {
                if let Some(article) = self.corpus.articles.get(self.open) {
                    self.reader.scroll_by(&article.body, delta);
                }
            }
            Focus::Panel => {
                self.panel_cursor = step(self.panel_cursor, delta, self.panel_entries.len());
            }
        }
    }

    /// Cursor, selection and highlight actions in the reader. Returns whether the action
    /// was one of them.
    fn update_reader(&mut self, action: Action, effects: &mut Vec<Effect>) -> bool {
        if self.focus != Focus::Reader || self.show_help {
            return false;
        }
        let Some(article) = self.corpus.articles.get(self.open) else {
            return false;
        };
        let body = article.body.as_str();
        let view = &mut self.reader;
        let at = view.cursor;
        let target = match action {
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
                return true;
            }
            Action::Select => {
                view.anchor = match view.anchor {
                    Some(_) => None,
                    None => Some(at),
                };
                return true;
            }
            Action::Cancel => {
                view.anchor = None;
                return true;
            }
            Action::Inside => {
                if view.anchor.is_none() {
                    view.anchor = Some(at);
                }
                self.pending_inside = true;
                return true;
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
                    _ => self.notice = Some("nothing to select here".to_string()),
                }
                return true;
            }
            Action::EditTags => {
                self.edit_tags();
                return true;
            }
            Action::EditNote => {
                self.edit_note();
                return true;
            }
            Action::NextMatch => {
                // With no search to step through, `n` is the note of the highlight here.
                if self.search.last.is_none() && self.mark_at_cursor().is_some() {
                    self.edit_note();
                } else {
                    self.step_match(true);
                }
                return true;
            }
            Action::PrevMatch => {
                self.step_match(false);
                return true;
            }

            Action::DeleteHighlight => {
                self.delete_highlight_at_cursor();
                return true;
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
                self.set_colour_at_cursor(colour);
                return true;
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
                        effects.push(Effect::Highlight { range });
                    }
                    None => self.notice = Some("no sentence under the cursor".to_string()),
                }
                return true;
            }
            _ => return false,
        };
        view.move_cursor(body, target);
        true
    }

    pub(super) fn open_article(&mut self, index: usize) {
        self.open = index;
        self.reader.reset();
        self.panel_cursor = 0;
        self.relayout();
        self.anchor_open_article();
        if let Some(position) = self.order.iter().position(|&i| i == index) {
            self.list_cursor = position;
        }
    }

    /// Wraps the open article for the reader's current width, keeping the first visible
    /// text where it was.
    pub(super) fn relayout(&mut self) {
        // When the reader is hidden (a narrow terminal), lay out for the width it has
        // when shown, so the place and jumps are kept.
        let Some(pane) = self
            .panes()
            .reader
            .or_else(|| panes::panes(self.size, Focus::Reader).reader)
        else {
            return;
        };
        let text = panes::reader_text_area(pane);
        let width = usize::from(text.width.max(1));
        let article = self.corpus.articles.get(self.open);
        self.reader
            .relayout(article, width, usize::from(text.height));
    }

    fn jump_to_panel_entry(&mut self) {
        let Some(entry) = self.panel_entries.get(self.panel_cursor) else {
            return;
        };
        let target = entry.target.clone();
        let Some(article) = self.corpus.articles.get(self.open) else {
            return;
        };
        self.reader.show(target.start);
        self.reader.move_cursor(&article.body, target.start);
        self.reader.mark = Some(target);
    }
}

/// Moves an index by `delta` within `0..len` (`len == usize::MAX` for unbounded).
fn step(index: usize, delta: isize, len: usize) -> usize {
    let moved = index.saturating_add_signed(delta);
    moved.min(len.saturating_sub(1))
}
