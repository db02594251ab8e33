//! The `App` composes the components: it offers each event to the top overlay, or else to
//! the focused pane, handles the global actions they pass on, and carries out what they
//! request (open an article, save a highlight, open an overlay). It owns only what is
//! shared: the corpus, the store, the focus and the overlay stack.

use std::ops::Range;
use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
use lede::corpus::Corpus;
use lede::store::{Edit, Placement, Store};
use ratatui::Frame;
use ratatui::layout::Rect;

use super::action::Action;
use super::component::{self, Component, Handled, Hint, Input, Overlay, Request, View};
use super::external::Edited;
use super::extraction::Delivery;
use super::feeds;
use super::keymap::{Context, Key, Keymap};
use super::links;
use super::list::ListPane;
use super::loading::Progress;
use super::notes::Notes;
use super::outbox::Report;
use super::overlays::export::ExportDialog;
use super::overlays::help::Help;
use super::overlays::highlights::Highlights;
use super::overlays::problems::Problems;
use super::overlays::prompt::Prompt;
use super::overlays::search::SearchPrompt;
use super::overlays::speakers::Speakers;
use super::panel::PanelPane;
pub use super::panes::Focus;
use super::panes::{self, Panes, Sizes};
use super::reader::ReaderPane;
use super::search::{Extras, ExtrasFrom, Found};
use super::shared::Shared;
use super::status;
use super::theme::Theme;
use super::widgets;

/// What happened that the event loop (and the tests) may care about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// The open article and its scroll position were saved.
    SaveReading {
        article: String,
        offset: usize,
    },
    /// A passage of the open article was highlighted.
    Highlight {
        range: Range<usize>,
    },
    /// The note of highlight `id` is to be written in the user's editor; the event loop
    /// hands the terminal over and calls `App::edited_externally`.
    EditNote {
        id: String,
        text: String,
    },
    /// This sequence (OSC 52, holding a web address) is to be written to the terminal,
    /// which puts the address on the clipboard.
    Copy(String),
    Quit,
}

/// What a background job's report changed, for the event loop.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Changed {
    /// Articles joined the corpus: extraction has new work.
    pub articles: bool,
    /// An update that added articles is over: the search index needs them.
    pub reindex: bool,
}

pub struct App {
    pub shared: Shared,
    pub list: ListPane,
    pub reader: ReaderPane,
    pub panel: PanelPane,
    /// Overlays, bottom first; the top one takes every key.
    pub overlays: Vec<Box<dyn Overlay>>,
    pub focus: Focus,
    pub size: Rect,
    /// The user's changes to the pane widths, and zoom.
    pub sizes: Sizes,
    /// What the current event did, for the caller.
    effects: Vec<Effect>,
}

impl App {
    pub fn new(corpus: Corpus, keymap: Keymap, size: Rect) -> App {
        let mut shared = Shared::new(corpus, keymap);
        shared.update_read(false);
        let list = ListPane::new(&shared);
        let open = list.order.first().copied().unwrap_or(0);
        let mut app = App {
            shared,
            list,
            reader: ReaderPane::new(),
            panel: PanelPane::new(),
            overlays: Vec::new(),
            focus: Focus::List,
            size,
            sizes: Sizes::default(),
            effects: Vec::new(),
        };
        app.open_article(open);
        app
    }

    /// Attaches the store (highlights and reading place) to the app.
    pub fn with_store(mut self, store: Store, corpus_key: String) -> App {
        self.shared.notes = Notes::new(Some(store), corpus_key);
        self.shared.update_read(true);
        let open = self.shared.open;
        self.open_article(open);
        self
    }

    /// Returns to a remembered place: the article with this path, scrolled to `offset`.
    pub fn restore(&mut self, article_path: &str, offset: usize) {
        let found = self
            .shared
            .corpus
            .articles
            .iter()
            .position(|a| a.path.display().to_string() == article_path);
        let Some(index) = found else {
            return;
        };
        self.open_article(index);
        let corpus = Arc::clone(&self.shared.corpus);
        if let Some(article) = corpus.articles.get(index) {
            let view = &mut self.reader.view;
            view.show(offset);
            view.top = view.layout.row_of(offset);
            view.move_cursor(&article.body, offset);
            self.relayout();
        }
    }

    /// The byte offset of the first row shown: the scroll position that survives resizes.
    pub fn reader_offset(&self) -> usize {
        self.reader.view.top_offset()
    }

    pub fn panes(&self) -> Panes {
        panes::panes(self.size, self.focus, self.sizes)
    }

    pub fn resize(&mut self, size: Rect) {
        self.size = size;
        self.relayout();
    }

    /// The keymap context of the focused pane.
    pub fn context(&self) -> Context {
        match self.focus {
            Focus::List => Context::List,
            Focus::Reader => self.reader.context(),
            Focus::Panel => Context::Panel,
        }
    }

    /// The pane or overlay that takes the keys, for the status line.
    pub fn where_name(&self) -> &'static str {
        match self.overlays.last() {
            Some(overlay) => overlay.name(),
            None if self.focus == Focus::Reader && self.reader.context() != Context::Reader => {
                "Reader · SELECT"
            }
            None => self.focus.name(),
        }
    }

    /// The hints of the component that takes the keys.
    pub fn hints(&self) -> Vec<Hint> {
        match self.overlays.last() {
            Some(overlay) => overlay.hints(&self.shared),
            None => self.focused().hints(&self.shared),
        }
    }

    /// Hints shown whatever the width: help and quit, and the side panel's key when the
    /// panel is hidden.
    pub fn essential_hints(&self) -> Vec<Hint> {
        if !self.overlays.is_empty() {
            return Vec::new();
        }
        let mut groups: Vec<&[Action]> = Vec::new();
        if self.panes().panel.is_none() && self.focus != Focus::Panel {
            groups.push(&[Action::FocusPanel]);
        }
        groups.extend([&[Action::Help][..], &[Action::Quit]]);
        component::keymap_hints(&self.shared.keymap, self.context(), &groups, |g| match g {
            [Action::FocusPanel] => "panel",
            [Action::Help] => "help",
            _ => "quit",
        })
    }

    fn focused(&self) -> &dyn Component {
        match self.focus {
            Focus::List => &self.list,
            Focus::Reader => &self.reader,
            Focus::Panel => &self.panel,
        }
    }

    /// Handles a key: the top overlay takes it, or else the focused pane, or else it is a
    /// global action. What the components ask for is carried out (and saved) before this
    /// returns; the caller handles `Quit`.
    pub fn key_event(&mut self, event: KeyEvent) -> Vec<Effect> {
        self.shared.notice = None;
        let input = Input::Key(event);
        let mut out = Vec::new();
        if let Some(overlay) = self.overlays.last_mut() {
            overlay.handle(&input, &self.shared, &mut out);
        } else {
            // The context before the pane sees the key (it may leave a pending `i`).
            let context = self.context();
            let handled = match self.focus {
                Focus::List => self.list.handle(&input, &self.shared, &mut out),
                Focus::Reader => self.reader.handle(&input, &self.shared, &mut out),
                Focus::Panel => self.panel.handle(&input, &self.shared, &mut out),
            };
            if handled == Handled::Ignored {
                match component::action(&self.shared.keymap, context, &input) {
                    Some(action) => self.global(action, &mut out),
                    None => {
                        let key = Key::from_event(&event);
                        out.push(Request::notice(format!(
                            "{key}: no action here (? for help)"
                        )));
                    }
                }
            }
        }
        for request in out {
            self.perform(request);
        }
        // The user has started reading: a remembered place no longer applies.
        if let Some(loading) = self.shared.loading.as_mut() {
            loading.restore = None;
        }
        std::mem::take(&mut self.effects)
    }

    /// Handles the mouse: a click focuses the pane under it, and the pane takes the
    /// click or the wheel; over an overlay the wheel moves as the arrow keys do.
    pub fn mouse_event(&mut self, mouse: MouseEvent) -> Vec<Effect> {
        if !self.overlays.is_empty() {
            let code = match mouse.kind {
                MouseEventKind::ScrollDown => KeyCode::Down,
                MouseEventKind::ScrollUp => KeyCode::Up,
                _ => return Vec::new(),
            };
            return self.key_event(KeyEvent::new(code, KeyModifiers::NONE));
        }
        let input = Input::Mouse(mouse);
        let panes = self.panes();
        let at = ratatui::layout::Position::new(mouse.column, mouse.row);
        let under = [
            (Focus::List, panes.list),
            (Focus::Reader, panes.reader),
            (Focus::Panel, panes.panel),
        ]
        .into_iter()
        .find_map(|(pane, rect)| rect.filter(|r| r.contains(at)).map(|_| pane));
        let Some(pane) = under else {
            return Vec::new();
        };
        if component::click(&input).is_some() && pane != self.focus {
            self.shared.notice = None;
            self.set_focus(pane);
        }
        let mut out = Vec::new();
        match pane {
            Focus::List => self.list.handle(&input, &self.shared, &mut out),
            Focus::Reader => self.reader.handle(&input, &self.shared, &mut out),
            Focus::Panel => self.panel.handle(&input, &self.shared, &mut out),
        };
        for request in out {
            self.perform(request);
        }
        std::mem::take(&mut self.effects)
    }

    /// Saves the place and says to quit (for signals and a closed terminal too).
    pub fn quit(&mut self) -> Vec<Effect> {
        self.perform(Request::Quit);
        std::mem::take(&mut self.effects)
    }

    /// The user's editor has finished with the note of highlight `id` (which was
    /// `before`): keep its text, or say why not; with no editor, the built-in one opens.
    pub fn edited_externally(&mut self, id: String, before: &str, edited: Edited) {
        match edited {
            Edited::Saved(text) if text == before => {
                self.shared.notice = Some("note unchanged".to_string());
            }
            Edited::Saved(text) => {
                let note = (!text.trim().is_empty()).then_some(text);
                self.perform(Request::Edit {
                    edit: Edit::SetNote { id, note },
                    done: "note".into(),
                });
            }
            Edited::Unchanged(why) => self.shared.notice = Some(why),
            Edited::Unavailable(why) => {
                self.overlays.push(Box::new(Prompt::note(id, before)));
                self.shared.notice = Some(why);
            }
        }
    }

    /// The actions that belong to no pane.
    fn global(&mut self, action: Action, out: &mut Vec<Request>) {
        match action {
            Action::Quit => out.push(Request::Quit),
            Action::Help => out.push(Request::Push(Box::new(Help::default()))),
            Action::FocusNext | Action::FocusRight => self.set_focus(self.focus.step(true)),
            Action::FocusPrev | Action::FocusLeft => self.set_focus(self.focus.step(false)),
            Action::PrevArticle | Action::NextArticle => {
                let next = action == Action::NextArticle;
                if let Some((row, article)) = self.list.neighbour(self.shared.open, next)
                    && article != self.shared.open
                {
                    self.save_reading();
                    self.list.cursor = row;
                    self.open_article(article);
                    self.mark_read();
                }
            }
            Action::FocusPanel => {
                let focus = if self.focus == Focus::Panel {
                    Focus::Reader
                } else {
                    Focus::Panel
                };
                self.set_focus(focus);
            }
            Action::GrowPane | Action::ShrinkPane => {
                let by = if action == Action::GrowPane { 4 } else { -4 };
                match self.focus {
                    Focus::List => self.sizes.list = (self.sizes.list + by).clamp(-200, 200),
                    // A wider reader is a narrower panel.
                    Focus::Reader => self.sizes.panel = (self.sizes.panel - by).clamp(-200, 200),
                    Focus::Panel => self.sizes.panel = (self.sizes.panel + by).clamp(-200, 200),
                }
                self.relayout();
            }
            Action::ZoomPane => {
                self.sizes.zoom = !self.sizes.zoom;
                self.relayout();
            }
            Action::ShowProblems => {
                if self.shared.corpus.problems.is_empty() && self.shared.feeds.problems.is_empty() {
                    out.push(Request::notice("every file was read"));
                } else {
                    out.push(Request::Push(Box::new(Problems::default())));
                }
            }
            Action::RefreshFeeds => {
                if let Err(why) = self.shared.feeds.start(self.shared.outbox.as_ref()) {
                    out.push(Request::Notice(why));
                }
            }
            // In the reader and the panel, the open article's address.
            Action::OpenInBrowser if self.shared.article().is_some() => {
                out.push(Request::Browse(self.shared.open));
            }
            Action::CopyAddress if self.shared.article().is_some() => {
                out.push(Request::CopyAddress(self.shared.open));
            }
            Action::OpenInBrowser | Action::CopyAddress => {
                out.push(Request::notice("no article open"));
            }
            Action::Undo | Action::Redo => {
                let notice = self.shared.notes.undo(action == Action::Redo);
                self.highlights_changed(notice);
            }
            Action::ShowHighlights => {
                if self.shared.notes.store.is_none() {
                    out.push(Request::notice("no data folder: no highlights"));
                } else {
                    let overlay = Highlights::new(self.shared.notes.all_tags());
                    out.push(Request::Push(Box::new(overlay)));
                }
            }
            Action::ShowSpeakers => {
                // The speakers view lists every article's quotes.
                self.shared.extractions.want_every();
                out.push(Request::Push(Box::new(Speakers::new())));
            }
            // While a corpus loads, the prompt opens at once; its query is sent when
            // the index is ready.
            Action::Search => {
                out.push(Request::Push(Box::new(SearchPrompt::new())));
                out.push(Request::Query(String::new()));
            }
            Action::Export => {
                if self.shared.notes.store.is_none() {
                    out.push(Request::notice("no data folder: no highlights to export"));
                } else {
                    out.push(Request::Push(Box::new(ExportDialog::new())));
                }
            }
            Action::ToggleExtracts => {
                let extractions = &mut self.shared.extractions;
                extractions.shown_in_reader = !extractions.shown_in_reader;
                out.push(Request::notice(if extractions.shown_in_reader {
                    "quotes styled in the text"
                } else {
                    "quotes not styled"
                }));
            }
            // Actions of a pane that does not have the focus do nothing.
            _ => {}
        }
    }

    /// Carries out one request of a component.
    fn perform(&mut self, request: Request) {
        match request {
            Request::Quit => {
                self.save_reading();
                self.effects.push(Effect::Quit);
            }
            Request::Notice(text) => self.shared.notice = Some(text),
            Request::Open(index) => {
                if index != self.shared.open {
                    self.save_reading();
                    self.open_article(index);
                }
                self.set_focus(Focus::Reader);
            }
            Request::SetRead { article, read } => self.set_read(article, read),
            Request::Jump {
                article,
                range,
                mark,
            } => {
                self.go_to(article);
                if let Some(range) = range {
                    self.show(range, mark);
                }
            }
            Request::Show(range) => self.show(range, true),
            Request::JumpToHighlight { article, id } => {
                self.go_to(article);
                let range = self
                    .shared
                    .marks
                    .iter()
                    .find(|m| m.id == id)
                    .and_then(|m| m.range.clone());
                match range {
                    Some(range) => self.show(range, false),
                    None => self.shared.notice = Some(
                        "orphaned: its text is gone · select the passage (v), then m and ctrl-a re-attaches it"
                            .to_string(),
                    ),
                }
            }
            Request::Push(overlay) => self.overlays.push(overlay),
            Request::Close => {
                self.overlays.pop();
            }
            Request::Highlight(range) => {
                self.effects.push(Effect::Highlight {
                    range: range.clone(),
                });
                let corpus = Arc::clone(&self.shared.corpus);
                let Some(article) = corpus.articles.get(self.shared.open) else {
                    return;
                };
                match self.shared.notes.add(article, range) {
                    Ok(id) => {
                        let notice = self.said_after_highlighting();
                        self.highlights_changed(notice);
                        self.panel.select_highlight(&id);
                    }
                    Err(notice) => self.highlights_changed(notice),
                }
            }
            Request::Edit { edit, done } => {
                let notice = self.shared.notes.apply(edit, &done);
                self.highlights_changed(notice);
            }
            Request::Reattach(id) => self.reattach(id),
            Request::EditExternally { id, text } => {
                self.effects.push(Effect::EditNote { id, text });
            }
            Request::ListFilter(filter) => {
                if let Some(notice) = self.list.set_filter(filter, &self.shared) {
                    self.shared.notice = Some(notice);
                }
            }
            Request::Browse(article) => self.browse(article),
            Request::CopyAddress(article) => self.copy_address(article),
            Request::Query(text) => self.shared.search.query(text),
            Request::SearchClosed => self.shared.search.close(),
        }
    }

    /// `o`: the article's web address in the browser, started without waiting for it.
    fn browse(&mut self, article: usize) {
        let Some(article) = self.shared.corpus.articles.get(article) else {
            return;
        };
        let said = links::address_of(article).and_then(|url| {
            let shared = &self.shared;
            let browser = shared.browser.open(&url, shared.outbox.as_ref())?;
            Ok(format!(
                "opening in {browser}: {}",
                lede::library::printable(url.as_str())
            ))
        });
        self.shared.notice = Some(said.unwrap_or_else(|why| why));
    }

    /// `y`: the article's web address to the clipboard, as OSC 52 (written by the event
    /// loop, which owns the terminal).
    fn copy_address(&mut self, article: usize) {
        let Some(article) = self.shared.corpus.articles.get(article) else {
            return;
        };
        let copied =
            links::address_of(article).and_then(|url| Ok((links::clipboard_sequence(&url)?, url)));
        self.shared.notice = Some(match copied {
            Ok((sequence, url)) => {
                self.effects.push(Effect::Copy(sequence));
                format!(
                    "copied (if the terminal allows OSC 52): {}",
                    lede::library::printable(url.as_str())
                )
            }
            Err(why) => why,
        });
    }

    /// Takes in what a background job reports: feed update progress (new articles join
    /// the list, the user's place and selection kept) or a browser that failed.
    pub fn background(&mut self, report: Report) -> Changed {
        let event = match report {
            Report::Browser(said) => {
                self.shared.notice = Some(said);
                return Changed::default();
            }
            Report::Feeds(event) => event,
        };
        let finished = matches!(event, feeds::Event::Finished(_) | feeds::Event::NoFeeds);
        let taken = self.shared.feeds.take(event);
        if let Some(notice) = taken.notice {
            self.shared.notice = Some(notice);
        }
        let articles = self.join_new_articles(finished);
        Changed {
            articles,
            reindex: taken.reindex,
        }
    }

    /// Adds the articles an update saved to the list (now, or when it is time; see
    /// `feeds::join`); true if any joined.
    fn join_new_articles(&mut self, now: bool) -> bool {
        let was_empty = self.shared.corpus.articles.is_empty();
        if feeds::join(&mut self.shared, now) == 0 {
            return false;
        }
        self.list.rearrange(&self.shared);
        if was_empty {
            let first = self.list.order.first().copied().unwrap_or(0);
            self.open_article(first);
        }
        true
    }

    /// Opens `article` (if it is not open) and focuses the reader.
    fn go_to(&mut self, article: usize) {
        if article != self.shared.open {
            self.save_reading();
            self.open_article(article);
        }
        self.focus = Focus::Reader;
        self.relayout();
        self.mark_read();
    }

    /// Marks the open article read, once the user reads it.
    fn mark_read(&mut self) {
        let open = self.shared.open;
        if open < self.shared.read.len() && !self.shared.is_read(open) {
            self.set_read(open, true);
        }
    }

    fn set_read(&mut self, article: usize, read: bool) {
        if let Some(slot) = self.shared.read.get_mut(article) {
            *slot = read;
        }
        let key = self.shared.keys.key(article).to_string();
        if let Some(error) = self.shared.notes.set_read(&key, read) {
            self.shared.notice = Some(error);
        }
    }

    /// Shows a passage of the open article in the reader.
    fn show(&mut self, range: Range<usize>, mark: bool) {
        let corpus = Arc::clone(&self.shared.corpus);
        if let Some(article) = corpus.articles.get(self.shared.open) {
            self.reader.show(&article.body, range, mark);
        }
    }

    /// Re-attaches highlight `id` to the reader's selection.
    fn reattach(&mut self, id: String) {
        let corpus = Arc::clone(&self.shared.corpus);
        let Some(article) = corpus.articles.get(self.shared.open) else {
            return;
        };
        let Some(range) = self.reader.view.selection(&article.body) else {
            self.shared.notice = Some("select the passage in the reader first (v)".to_string());
            return;
        };
        let placement = match Placement::of(article, range) {
            Ok(p) => p,
            Err(err) => {
                self.shared.notice = Some(format!("cannot re-attach: {err:#}"));
                return;
            }
        };
        self.reader.view.anchor = None;
        let edit = Edit::Reattach {
            id,
            to: Box::new(placement),
        };
        let notice = self.shared.notes.apply(edit, "re-attached");
        self.highlights_changed(notice);
        self.overlays.pop();
    }

    /// "highlighted (saved)" and the keys that act on the new highlight where the user
    /// is, from the keymap: only keys that work here.
    fn said_after_highlighting(&self) -> String {
        let context = self.context();
        let mut said = "highlighted (saved)".to_string();
        // In the reader, n is the note of the highlight here while no search is kept.
        let note = if self.focus == Focus::Reader && self.shared.search.last.is_none() {
            Action::NextMatch
        } else {
            Action::EditNote
        };
        for (action, word) in [
            (Action::EditTags, "tags"),
            (note, "note"),
            (Action::Undo, "undo"),
        ] {
            if let Some(key) = self.shared.keymap.keys_for(context, action).first() {
                said.push_str(&format!(" · {key} {word}"));
            }
        }
        said
    }

    /// After a highlight change: the notice, the marks drawn, and the search index.
    fn highlights_changed(&mut self, notice: String) {
        let mut said = vec![notice];
        said.extend(self.shared.notes.take_store_notices());
        self.shared.notice = Some(said.join(" · "));
        self.refresh_marks();
        self.send_highlights_to_search();
    }

    /// Saves the open article and scroll position; nothing while there is no article, or
    /// while a remembered place is still waiting for its article to load.
    fn save_reading(&mut self) {
        if self.shared.restore_pending() {
            return;
        }
        let Some(article) = self.shared.article() else {
            return;
        };
        let article = article.path.display().to_string();
        let offset = self.reader_offset();
        if let Some(error) = self.shared.notes.save_reading(&article, offset) {
            self.shared.notice = Some(error);
        }
        self.effects.push(Effect::SaveReading { article, offset });
    }

    fn set_focus(&mut self, focus: Focus) {
        self.focus = focus;
        // Narrow terminals swap panes with the focus, which can change the reader's width.
        self.relayout();
        if focus == Focus::Reader {
            self.mark_read();
        }
    }

    /// Shows article `index` in the reader, where the reader was in it before (this
    /// session, or as saved), after remembering the place in the article it leaves.
    pub(super) fn open_article(&mut self, index: usize) {
        if self.reader.view.layout.rows.is_empty() {
            self.reader.view.reset();
        } else {
            self.reader.leave(self.shared.open);
        }
        self.shared.open = index;
        self.panel.reset();
        self.relayout();
        let corpus = Arc::clone(&self.shared.corpus);
        if let Some(article) = corpus.articles.get(index) {
            let place = self.reader.place(index).or_else(|| {
                let offset = self
                    .shared
                    .notes
                    .saved_offset(&article.path.display().to_string())?;
                Some((offset, offset))
            });
            if let Some((top, cursor)) = place {
                self.reader.go_to(&article.body, top, cursor);
            }
        }
        self.anchor_open_article();
        self.list.select(index);
    }

    /// Lays the panes out for the terminal size and focus; the reader keeps the first
    /// visible text where it was.
    fn relayout(&mut self) {
        let panes = self.panes();
        self.list.area = panes.list;
        self.panel.area = panes.panel;
        // When the reader is hidden (a narrow terminal), lay out for the width it has
        // when shown, so the place and jumps are kept.
        if let Some(pane) = panes
            .reader
            .or_else(|| panes::panes(self.size, Focus::Reader, self.sizes).reader)
        {
            let corpus = Arc::clone(&self.shared.corpus);
            let width = self.shared.config.text_width;
            self.reader
                .relayout(pane, corpus.articles.get(self.shared.open), width);
        }
    }

    /// Re-anchors the open article's highlights (its text may have changed since) and
    /// refreshes what the reader shows.
    fn anchor_open_article(&mut self) {
        let corpus = Arc::clone(&self.shared.corpus);
        let Some(article) = corpus.articles.get(self.shared.open) else {
            return;
        };
        if let Some(error) = self.shared.notes.anchor(article) {
            self.shared.notice = Some(error);
        }
        self.refresh_marks();
    }

    /// The open article's highlights, the list's counts and the panel, from the store.
    fn refresh_marks(&mut self) {
        let shared = &mut self.shared;
        shared.marks = match shared.corpus.articles.get(shared.open) {
            Some(article) => shared.notes.marks(article),
            None => Vec::new(),
        };
        if let Some(store) = &shared.notes.store {
            shared.highlight_counts = store.counts_by_article();
        }
        self.refresh_panel();
    }

    fn refresh_panel(&mut self) {
        self.panel.rebuild(&self.shared);
        self.shared.extractions.want(self.shared.open);
    }

    /// Takes in what the extraction worker found.
    pub fn extracted(&mut self, delivery: Delivery) {
        let completed = match delivery {
            Delivery::Extracted(index, extraction) => {
                let completed = self.shared.extractions.insert(index, extraction);
                if index == self.shared.open {
                    self.refresh_panel();
                }
                completed
            }
            Delivery::Kept(indices) => self.shared.extractions.keep(&indices),
            Delivery::Notice(notice) => {
                self.shared.notice = Some(notice);
                false
            }
        };
        // Once: what is decoded later (an article shown) changes nothing searched.
        if completed {
            self.send_extraction_to_search();
        }
    }

    /// Takes in loading progress. Returns true when loading has just finished.
    pub fn progress(&mut self, progress: Progress) -> bool {
        let shared = &mut self.shared;
        let Some(loading) = shared.loading.as_mut() else {
            return false;
        };
        let corpus = Arc::make_mut(&mut shared.corpus);
        let arrival = loading.take(progress, corpus, &mut shared.keys, &mut shared.extractions);
        if arrival.finished {
            if let Some(loading) = self.shared.loading.take() {
                self.shared.feeds.seen = Some(loading.into_seen());
            }
            // Articles an update saved while the folder loaded join it now.
            feeds::join(&mut self.shared, true);
            self.list.rearrange(&self.shared);
            return true;
        }
        self.shared.update_read(false);
        if arrival.rearrange {
            self.list.rearrange(&self.shared);
        }
        if arrival.first {
            let first = self.list.order.first().copied().unwrap_or(0);
            self.open_article(first);
        }
        self.try_restore();
        false
    }

    /// Returns to the remembered place once its article is loaded, unless the user has
    /// started reading elsewhere.
    fn try_restore(&mut self) {
        let Some((path, offset)) = self.shared.loading.as_ref().and_then(|l| l.restore.clone())
        else {
            return;
        };
        let found = self
            .shared
            .corpus
            .articles
            .iter()
            .any(|a| a.path.display().to_string() == path);
        if found {
            self.restore(&path, offset);
            if let Some(loading) = self.shared.loading.as_mut() {
                loading.restore = None;
            }
        }
    }

    /// Takes in search results from the worker.
    pub fn found(&mut self, found: Found) {
        self.shared.search.take(found);
    }

    /// Sends the quotes and figures extraction found to the search index.
    pub fn send_extraction_to_search(&mut self) {
        let extras = Extras::extracted(self.shared.extractions.slots());
        self.shared
            .search
            .send_extras(ExtrasFrom::Extraction, extras);
    }

    /// Sends the highlights and notes to the search index (at start and after a change).
    pub fn send_highlights_to_search(&mut self) {
        if self.shared.search.requests.is_none() {
            return;
        }
        let shared = &self.shared;
        let extras = Extras::highlighted(shared.notes.store.as_ref(), &shared.corpus, &shared.keys);
        self.shared
            .search
            .send_extras(ExtrasFrom::Highlights, extras);
    }

    pub fn draw(&self, frame: &mut Frame, theme: Theme) {
        let area = frame.area();
        if panes::too_small(area) {
            widgets::draw_too_small(area, frame);
            return;
        }
        self.draw_panes(frame, theme);
        // The last line of defence: whatever a component drew, no cell may carry a
        // control or text-direction character to the terminal (ratatui drops C0/C1
        // controls from text, not bidi overrides).
        widgets::neutralise_cells(frame.buffer_mut());
    }

    fn draw_panes(&self, frame: &mut Frame, theme: Theme) {
        let area = frame.area();
        let panes = self.panes();
        let view = |pane: Focus| View {
            shared: &self.shared,
            theme,
            focused: self.focus == pane && self.overlays.is_empty(),
        };
        if let Some(rect) = panes.list {
            self.list.draw(frame, rect, &view(Focus::List));
        }
        if let Some(rect) = panes.reader {
            self.reader.draw(frame, rect, &view(Focus::Reader));
        }
        if let Some(rect) = panes.panel {
            self.panel.draw(frame, rect, &view(Focus::Panel));
        }
        status::draw(self, theme, panes.status, frame);
        let overlay_view = View {
            shared: &self.shared,
            theme,
            focused: true,
        };
        for overlay in &self.overlays {
            overlay.draw(frame, area, &overlay_view);
        }
    }
}
