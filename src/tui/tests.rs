//! The reader driven as a user drives it: actions in, screens out (ratatui's TestBackend,
//! snapshots with insta).

use lede::corpus::Corpus;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use super::action::Action;
use super::app::{App, Effect, Focus};
use super::component::Hint;
use super::keymap::{Context, Key, Keymap};
use super::theme::Theme;

pub(super) fn app(width: u16, height: u16) -> App {
    App::new(
        Corpus::seeds(),
        Keymap::defaults(),
        Rect::new(0, 0, width, height),
    )
}

fn render(app: &App, theme: Theme) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    terminal.draw(|frame| app.draw(frame, theme)).unwrap();
    terminal
}

pub(super) fn screen(app: &App) -> String {
    render(app, Theme::colored(false)).backend().to_string()
}

pub(super) fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for key in keys.split_whitespace() {
        let key = Key::parse(key).unwrap();
        let event = crossterm::event::KeyEvent::new(key.code, key.modifiers);
        effects.extend(app.key_event(event));
    }
    effects
}

/// The top overlay, if it is a `T`.
pub(super) fn overlay<T: 'static>(app: &App) -> Option<&T> {
    let top: &dyn std::any::Any = app.overlays.last()?.as_ref();
    top.downcast_ref::<T>()
}

/// The rows the open highlights overlay lists.
fn mark_rows(app: &App) -> Vec<super::overlays::highlights::MarkRow> {
    let overlay = overlay::<super::overlays::highlights::Highlights>(app).expect("overlay open");
    super::overlays::highlights::rows(&app.shared, &overlay.filter.text())
}

/// The rows of the search results in the shared state.
fn results(app: &App, visible: usize) -> Vec<super::search::ResultRow> {
    let found = app.shared.search.found.as_ref().expect("results");
    found.rows(&app.shared.corpus, visible)
}

/// Runs extraction for every article, as the background worker would.
fn extract_all(app: &mut App) {
    for index in 0..app.shared.corpus.articles.len() {
        let found = lede::extract::extract(&app.shared.corpus.articles[index]);
        app.extracted(super::extraction::Delivery::Extracted(index, found));
    }
}

#[test]
fn snapshot_three_panes_at_120x30() {
    let mut app = app(120, 30);
    extract_all(&mut app);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn snapshot_two_panes_at_60x15() {
    insta::assert_snapshot!(screen(&app(60, 15)));
}

#[test]
fn snapshot_help_overlay() {
    let mut app = app(120, 30);
    press(&mut app, "?");
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn the_list_is_newest_first_with_undated_after_and_s_cycles_the_order() {
    let mut app = app(120, 30);
    let dates: Vec<_> = app
        .list
        .order
        .iter()
        .map(|&i| app.shared.corpus.articles[i].date)
        .collect();
    assert!(dates[0] >= dates[1] && dates[1] >= dates[2]);
    assert!(dates[3].is_none() && dates[4].is_none());
    press(&mut app, "s");
    let first = app.shared.corpus.articles[app.list.order[0]].date;
    assert_eq!(first.map(|d| d.to_string()).as_deref(), Some("2020-02-14"));
    press(&mut app, "s");
    let titles: Vec<&str> = app
        .list
        .order
        .iter()
        .map(|&i| app.shared.corpus.articles[i].title.as_str())
        .collect();
    let mut sorted = titles.clone();
    sorted.sort_by_key(|t| t.to_lowercase());
    assert_eq!(titles, sorted);
    assert!(screen(&app).contains("by title"));
}

#[test]
fn enter_opens_the_selected_article_in_the_reader() {
    let mut app = app(120, 30);
    press(&mut app, "j j enter");
    assert_eq!(app.focus, Focus::Reader);
    let title = &app.shared.corpus.articles[app.shared.open].title;
    assert!(title.starts_with("Direct clashes"));
    let text = screen(&app);
    assert!(text.contains("3/5 · Reader"), "{text}");
    assert!(text.contains("full-blown conflict"), "{text}");
}

#[test]
fn brackets_step_through_articles_from_anywhere_and_save_the_place() {
    let mut app = app(120, 30);
    press(&mut app, "l");
    assert_eq!(app.focus, Focus::Reader);
    let effects = press(&mut app, "]");
    assert!(
        matches!(&effects[..], [Effect::SaveReading { article, .. }] if article.ends_with("000_4c127d6cd1a64f9a.txt"))
    );
    assert_eq!(app.list.cursor, 1);
    press(&mut app, "] ] ] ] ]");
    assert_eq!(app.list.cursor, 4, "stops at the last article");
    press(&mut app, "[");
    assert_eq!(app.list.cursor, 3);
}

#[test]
fn reader_scrolls_by_line_half_page_page_and_ends() {
    let mut app = app(120, 30);
    press(&mut app, "j j enter"); // the longest seed
    assert_eq!(app.focus, Focus::Reader);
    press(&mut app, "j j");
    assert_eq!(app.reader.view.top, 2);
    press(&mut app, "k");
    assert_eq!(app.reader.view.top, 1);
    press(&mut app, "ctrl-d");
    assert_eq!(app.reader.view.top, 1 + (app.reader.view.height - 1) / 2);

    press(&mut app, "G");
    let bottom = app.reader.view.top;
    assert_eq!(
        bottom,
        app.reader.view.layout.rows.len() - app.reader.view.height
    );
    press(&mut app, "space");
    assert_eq!(app.reader.view.top, bottom, "cannot scroll past the end");
    press(&mut app, "g");
    assert_eq!(app.reader.view.top, 0);
    press(&mut app, "pagedown");
    assert!(app.reader.view.top > 0);
    press(&mut app, "b");
    assert_eq!(app.reader.view.top, 0);
}

#[test]
fn focus_moves_with_tab_shift_tab_h_and_l() {
    let mut app = app(120, 30);
    press(&mut app, "tab");
    assert_eq!(app.focus, Focus::Reader);
    press(&mut app, "tab");
    assert_eq!(app.focus, Focus::Panel);
    press(&mut app, "tab");
    assert_eq!(app.focus, Focus::List);
    press(&mut app, "shift-tab");
    assert_eq!(app.focus, Focus::Panel);
    press(&mut app, "h");
    assert_eq!(app.focus, Focus::Reader);
}

#[test]
fn the_panel_jumps_the_reader_to_a_paragraph_and_marks_it() {
    let mut app = app(120, 30);
    press(&mut app, "tab tab G enter");
    let mark = app.reader.view.mark.clone().expect("a marked passage");
    let article = app.shared.article().unwrap();
    assert!(article.body[mark.clone()].starts_with("NATO has in the past"));
    let row = app.reader.view.layout.row_of(mark.start);
    assert!(row >= app.reader.view.top && row < app.reader.view.top + app.reader.view.height);
    // The mark is drawn underlined, which shows without colour too.
    let terminal = render(&app, Theme::colored(false));
    let buffer = terminal.backend().buffer();
    let underlined = buffer
        .content()
        .iter()
        .filter(|cell| cell.modifier.contains(Modifier::UNDERLINED))
        .count();
    assert!(underlined > 10);
}

#[test]
fn no_color_still_shows_focus_and_selection() {
    let app = app(120, 30);
    let terminal = render(&app, Theme::colored(false));
    let buffer = terminal.backend().buffer();
    let colored = buffer
        .content()
        .iter()
        .any(|c| c.fg != ratatui::style::Color::Reset || c.bg != ratatui::style::Color::Reset);
    assert!(!colored, "no colour at all under NO_COLOR");
    // The selected list row is reversed; the focused pane has a thick border.
    assert!(buffer[(2, 1)].modifier.contains(Modifier::REVERSED));
    assert_eq!(buffer[(0, 0)].symbol(), "┏");
}

#[test]
fn resizing_keeps_the_reading_place() {
    let mut app = app(120, 30);
    press(&mut app, "tab j j j j j j");
    let offset = app.reader_offset();
    app.resize(Rect::new(0, 0, 70, 20));
    app.resize(Rect::new(0, 0, 200, 20)); // still taller text than screen
    let after = app.reader_offset();
    assert!(after <= offset);
    assert_eq!(
        app.shared.article().unwrap().paragraph_at(after),
        app.shared.article().unwrap().paragraph_at(offset)
    );
}

#[test]
fn every_size_from_1x1_draws_without_panic() {
    let mut app = app(1, 1);
    for width in (1..=130).step_by(3).chain([200, 500]) {
        for height in [1, 2, 5, 7, 8, 9, 15, 30, 200] {
            app.resize(Rect::new(0, 0, width, height));
            for focus in ["tab", "tab", "tab"] {
                press(&mut app, focus);
                let _ = render(&app, Theme::colored(true));
            }
        }
    }
    app.resize(Rect::new(0, 0, 30, 5));
    let text = screen(&app);
    assert!(text.contains("too small"), "{text}");
}

#[test]
fn hints_follow_the_active_keymap() {
    let mut keymap = Keymap::defaults();
    let app = App::new(Corpus::seeds(), keymap.clone(), Rect::new(0, 0, 120, 30));
    let hints = app.essential_hints();
    assert!(hints.contains(&Hint::new("q", "quit")), "{hints:?}");
    let hints = super::list::ListPane::hints(&keymap, None);
    assert!(hints.contains(&Hint::new("s", "sort")), "{hints:?}");
    keymap
        .apply("[global]\nq = \"none\"\nX = \"quit\"\n[list]\ns = \"none\"\n")
        .unwrap();
    let hints = super::list::ListPane::hints(&keymap, None);
    assert!(!hints.iter().any(|h| h.label == "sort"), "{hints:?}");
    let app = App::new(Corpus::seeds(), keymap, Rect::new(0, 0, 120, 30));
    assert!(app.essential_hints().contains(&Hint::new("X", "quit")));
    assert!(screen(&app).contains("X quit"));
}

#[test]
fn help_and_quit_hints_survive_at_80_columns_and_the_panel_is_one_key_away() {
    let mut app = app(80, 24);
    for keys in ["", "l", "l v", "esc tab"] {
        press(&mut app, keys);
        let text = screen(&app);
        let status = text.lines().last().unwrap();
        assert!(status.contains("? help"), "{keys}: {status}");
        assert!(status.contains("q quit"), "{keys}: {status}");
        if app.focus != Focus::Panel {
            assert!(status.contains("p panel"), "{keys}: {status}");
        }
    }
    // Even with a long notice.
    app.shared.notice = Some("a very long message ".repeat(10));
    let text = screen(&app);
    assert!(text.lines().last().unwrap().contains("q quit"));
}

#[test]
fn quit_saves_the_place_then_quits() {
    let mut app = app(120, 30);
    let effects = press(&mut app, "tab j j q");
    assert_eq!(effects.len(), 2);
    assert!(matches!(effects[0], Effect::SaveReading { offset, .. } if offset > 0));
    assert_eq!(effects[1], Effect::Quit);
    let _ = Action::Quit;
}

#[test]
fn restore_returns_to_article_and_offset() {
    let mut app = app(120, 30);
    let path = app.shared.corpus.articles[3].path.display().to_string();
    app.restore(&path, 1500);
    assert_eq!(app.shared.open, 3);
    let offset = app.reader_offset();
    assert!(offset <= 1500 && offset > 1000, "{offset}");
    app.restore("seeds/missing.txt", 10);
    assert_eq!(
        app.shared.open, 3,
        "an unknown article leaves things as they are"
    );
}

fn highlighted_text(app: &App, effects: &[Effect]) -> Option<String> {
    effects.iter().find_map(|e| match e {
        Effect::Highlight { range } => {
            Some(app.shared.article().unwrap().body[range.clone()].to_string())
        }
        _ => None,
    })
}

#[test]
fn select_with_v_and_motions_then_highlight() {
    let mut app = app(120, 30);
    press(&mut app, "l");
    press(&mut app, "w w v e");
    assert_eq!(app.context(), Context::Select);
    let shown = screen(&app);
    assert!(shown.contains("Reader · SELECT"), "{shown}");
    let effects = press(&mut app, "w e h");
    assert_eq!(
        highlighted_text(&app, &effects).as_deref(),
        Some("killing of")
    );
    assert_eq!(
        app.reader.view.anchor, None,
        "highlighting ends the selection"
    );
    assert_eq!(app.context(), Context::Reader);
}

#[test]
fn sentence_and_paragraph_motions_extend_a_selection() {
    let mut app = app(120, 30);
    press(&mut app, "l v )");
    let effects = press(&mut app, "H");
    let text = highlighted_text(&app, &effects).unwrap();
    assert!(text.starts_with("Following the killing"));
    assert!(
        text.ends_with("\"solidarity with Turkey.\""),
        "the highlight ends with the sentence, not on the next one: {text:?}"
    );
    press(&mut app, "g v } }");
    let selection = app
        .reader
        .view
        .selection(&app.shared.article().unwrap().body)
        .unwrap();
    assert!(app.shared.article().unwrap().body[selection].ends_with("\n\nT"));
}

#[test]
fn text_objects_select_at_once() {
    let mut app = app(120, 30);
    press(&mut app, "l } } } w w");
    // The cursor is inside the quotation of the fourth paragraph.
    let effects = press(&mut app, "v i q H");
    press(&mut app, "{");
    let quote = highlighted_text(&app, &effects).unwrap();
    assert!(quote.starts_with("NATO has a lot of options"), "{quote}");
    assert!(quote.ends_with("it can’t challenge NATO,"), "{quote}");
    let effects = press(&mut app, "v i s H");
    let sentence = highlighted_text(&app, &effects).unwrap();
    assert!(sentence.starts_with("“NATO has a lot of options"));
    assert!(
        sentence.ends_with("military assets that Turkey needs now."),
        "{sentence}"
    );
    let effects = press(&mut app, "v i p H");
    assert!(highlighted_text(&app, &effects).unwrap().len() > sentence.len());
}

#[test]
fn h_outside_a_selection_moves_focus_and_shift_h_highlights_the_sentence() {
    let mut app = app(120, 30);
    press(&mut app, "l ) w");
    let effects = press(&mut app, "H");
    let text = highlighted_text(&app, &effects).unwrap();
    assert!(text.starts_with("The secretary-general of NATO"), "{text}");
    press(&mut app, "h");
    assert_eq!(app.focus, Focus::List);
}

#[test]
fn escape_cancels_and_j_k_move_by_lines_while_selecting() {
    let mut app = app(120, 30);
    press(&mut app, "l v j j");
    let body = &app.shared.article().unwrap().body;
    let selection = app.reader.view.selection(body).unwrap();
    assert_eq!(app.reader.view.layout.row_of(selection.end - 1), 2);
    assert_eq!(
        app.reader.view.top, 0,
        "moving the cursor on screen does not scroll"
    );
    press(&mut app, "esc");
    assert_eq!(app.reader.view.anchor, None);
    let effects = press(&mut app, "v i x");
    assert!(effects.is_empty());
    assert_eq!(
        app.context(),
        Context::Select,
        "an unknown text object leaves the selection"
    );
}

#[test]
fn the_cursor_stays_on_screen_while_scrolling() {
    let mut app = app(120, 30);
    press(&mut app, "l");
    for keys in ["space", "space", "G", "ctrl-u", "g", "j j j"] {
        press(&mut app, keys);
        let row = app.reader.view.layout.row_of(app.reader.view.cursor);
        assert!(
            row >= app.reader.view.top && row < app.reader.view.top + app.reader.view.height,
            "{keys}"
        );
    }
}

fn app_with_store(dir: &std::path::Path) -> App {
    let (store, _) = lede::store::Store::open(dir).unwrap();
    app(120, 30).with_store(store, "bundled-seeds".into())
}

pub(super) fn type_text(app: &mut App, text: &str) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    for c in text.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\u{1b}' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        app.key_event(KeyEvent::new(code, KeyModifiers::NONE));
    }
}

fn ctrl(app: &mut App, c: char) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    app.key_event(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

fn stored(dir: &std::path::Path) -> Vec<lede::store::Highlight> {
    let (store, _) = lede::store::Store::open(dir).unwrap();
    store.highlights().iter().map(|h| (**h).clone()).collect()
}

#[test]
fn a_highlight_is_saved_before_the_screen_says_so_and_drawn_in_the_reader() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_store(dir.path());
    press(&mut app, "l ) v ) h");
    assert!(app.shared.notice.as_deref().unwrap_or("").contains("saved"));
    let highlights = stored(dir.path());
    assert_eq!(highlights.len(), 1);
    assert!(
        highlights[0]
            .quote
            .exact
            .starts_with("The secretary-general of NATO")
    );
    let range = app.shared.marks[0].range.clone().unwrap();
    let terminal = render(&app, Theme::colored(false));
    let (row, col) = app
        .reader
        .view
        .layout
        .position_of(&app.shared.article().unwrap().body, range.start + 4);
    let text_area = super::panes::reader_text_area(app.panes().reader.unwrap(), 80);
    let cell = &terminal.backend().buffer()[(
        text_area.x + u16::try_from(col).unwrap(),
        text_area.y + u16::try_from(row - app.reader.view.top).unwrap(),
    )];
    assert!(
        cell.modifier.contains(Modifier::UNDERLINED),
        "highlights show without colour"
    );
    assert!(screen(&app).contains("✎1"), "the list counts highlights");
}

#[test]
fn tags_and_notes_are_edited_saved_undone_and_redone() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_store(dir.path());
    press(&mut app, "l ) H");
    press(&mut app, "t");
    assert_eq!(app.where_name(), "Tags");
    type_text(&mut app, "idlib nato\n");
    assert_eq!(stored(dir.path())[0].tags, ["idlib", "nato"]);
    press(&mut app, "n");
    type_text(&mut app, "first line\nsecond");
    ctrl(&mut app, 's');
    assert_eq!(
        stored(dir.path())[0].note.as_deref(),
        Some("first line\nsecond")
    );
    // Esc keeps the old note.
    press(&mut app, "n");
    type_text(&mut app, " more\u{1b}");
    assert_eq!(
        stored(dir.path())[0].note.as_deref(),
        Some("first line\nsecond")
    );
    press(&mut app, "u");
    assert_eq!(stored(dir.path())[0].note, None);
    press(&mut app, "u");
    assert!(stored(dir.path())[0].tags.is_empty());
    ctrl(&mut app, 'r');
    assert_eq!(stored(dir.path())[0].tags, ["idlib", "nato"]);
    press(&mut app, "3");
    assert_eq!(stored(dir.path())[0].colour, Some(3));
    press(&mut app, "d");
    assert!(stored(dir.path()).is_empty());
    press(&mut app, "u");
    assert_eq!(stored(dir.path()).len(), 1, "a deletion can be undone");
}

#[test]
fn tag_and_note_keys_need_a_highlight_under_the_cursor() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_store(dir.path());
    press(&mut app, "l t");
    assert!(app.overlays.is_empty());
    assert_eq!(
        app.shared.notice.as_deref(),
        Some("no highlight under the cursor")
    );
}

#[test]
fn the_highlights_overlay_filters_and_jumps() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_store(dir.path());
    press(&mut app, "l ) H t");
    type_text(&mut app, "idlib\n");
    press(&mut app, "] } H t");
    type_text(&mut app, "other\n");
    press(&mut app, "m");
    assert_eq!(mark_rows(&app).len(), 2);
    type_text(&mut app, "#idlib");
    let rows = mark_rows(&app);
    assert_eq!(rows.len(), 1);
    assert!(rows[0].text.starts_with("The secretary-general"));
    assert!(screen(&app).contains("Highlights (1)"));
    type_text(&mut app, "\n");
    assert!(app.overlays.is_empty());
    assert_eq!(
        app.shared.open, app.list.order[0],
        "jumped back to the first article"
    );
    let body = &app.shared.article().unwrap().body;
    assert!(body[app.reader.view.cursor..].starts_with("The secretary-general"));
}

#[test]
fn the_list_filters_by_words_and_by_tag() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_store(dir.path());
    press(&mut app, "f");
    type_text(&mut app, "nato\n");
    assert_eq!(app.list.order.len(), 1);
    assert!(screen(&app).contains("filter: nato"));
    press(&mut app, "esc");
    assert_eq!(app.list.order.len(), 5);
    press(&mut app, "l ) H t");
    type_text(&mut app, "idlib\n");
    press(&mut app, "h f");
    type_text(&mut app, "#idlib\n");
    assert_eq!(app.list.order, [app.shared.open]);
}

#[test]
fn without_a_data_folder_highlighting_says_why() {
    let mut app = app(120, 30);
    press(&mut app, "l H");
    assert_eq!(
        app.shared.notice.as_deref(),
        Some("no data folder: highlights cannot be kept")
    );
}

#[test]
fn the_panel_lists_quotes_with_speakers_and_jumps_to_them() {
    let mut app = app(120, 30);
    assert!(
        screen(&app).contains("reading quotes…"),
        "the panel never waits for extraction"
    );
    extract_all(&mut app);
    let text = screen(&app);
    assert!(text.contains("Ali Bakeer"), "{text}");
    let bakeer = app
        .panel
        .entries
        .iter()
        .position(|e| {
            e.speaker.as_deref() == Some("Ali Bakeer")
                && e.text.starts_with("NATO has a lot of options")
        })
        .expect("Bakeer's quote in the panel");
    press(&mut app, "tab tab");
    for _ in 0..bakeer {
        press(&mut app, "j");
    }
    press(&mut app, "enter");
    let mark = app.reader.view.mark.clone().unwrap();
    assert!(app.shared.article().unwrap().body[mark].starts_with("NATO has a lot of options"));
}

#[test]
fn a_quote_is_highlighted_from_the_panel() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_store(dir.path());
    extract_all(&mut app);
    let first_quote = app
        .panel
        .entries
        .iter()
        .position(|e| e.kind == super::panel::EntryKind::Quote)
        .unwrap();
    press(&mut app, "tab tab");
    for _ in 0..first_quote {
        press(&mut app, "j");
    }
    let target = app.panel.entries[first_quote].target.clone();
    press(&mut app, "H");
    let highlights = stored(dir.path());
    assert_eq!(highlights.len(), 1);
    assert_eq!(
        highlights[0].quote.exact,
        app.shared.article().unwrap().body[target]
    );
}

#[test]
fn the_speakers_view_lists_everyone_and_their_quotes() {
    let mut app = app(120, 30);
    extract_all(&mut app);
    press(&mut app, "S");
    let speakers = super::overlays::speakers::speakers(&app.shared.extractions);
    let text = screen(&app);
    assert!(
        text.contains(&format!("Speakers ({})", speakers.len())),
        "{text}"
    );
    let stoltenberg = speakers
        .iter()
        .position(|s| s.name == "Jens Stoltenberg")
        .expect("Stoltenberg is a speaker");
    assert!(speakers[stoltenberg].quotes.len() >= 3);
    let mut articles: Vec<usize> = speakers[stoltenberg].quotes.iter().map(|q| q.0).collect();
    articles.dedup();
    assert_eq!(
        articles.len(),
        2,
        "Stoltenberg is quoted in two seed articles"
    );
    for _ in 0..stoltenberg {
        type_text(&mut app, "j");
    }
    type_text(&mut app, "\n");
    assert!(screen(&app).contains("Jens Stoltenberg ·"));
    type_text(&mut app, "\n");
    assert!(app.overlays.is_empty());
    let (article, quote) = speakers[stoltenberg].quotes[0];
    assert_eq!(app.shared.open, article);
    let expected = &app.shared.extractions.get(article).unwrap().quotes[quote];
    assert_eq!(app.reader.view.mark, Some(expected.range.clone()));
}

#[test]
fn quotes_are_styled_in_the_text_until_toggled_off() {
    let mut app = app(120, 30);
    extract_all(&mut app);
    let italic_cells = |app: &App| {
        render(app, Theme::colored(false))
            .backend()
            .buffer()
            .content()
            .iter()
            .filter(|c| c.modifier.contains(Modifier::ITALIC))
            .count()
    };
    let styled = italic_cells(&app);
    press(&mut app, "Q");
    let plain = italic_cells(&app);
    assert!(styled > plain + 50, "{styled} vs {plain}");
}

/// Types a search and delivers its results the way the worker would.
fn search(app: &mut App, query: &str) {
    press(app, "/");
    type_text(app, query);
    let found = super::search::search_now(&app.shared.corpus, None, query).expect("results");
    app.found(found);
}

#[test]
fn search_opens_the_article_at_the_passage_and_esc_goes_back() {
    let mut app = app(120, 30);
    press(&mut app, "l j j j");
    let (open, top, cursor) = (app.shared.open, app.reader.view.top, app.reader.view.cursor);
    search(&mut app, "stoltnberg");
    let rows = results(&app, 10);
    assert!(!rows.is_empty());
    assert!(rows[0].text.contains("Stoltenberg"));
    assert!(
        !rows[0].matched.is_empty(),
        "the visible rows know what matched"
    );
    let text = screen(&app);
    assert!(text.contains("matches"), "{text}");
    type_text(&mut app, "\u{1b}");
    assert_eq!(
        (app.shared.open, app.reader.view.top, app.reader.view.cursor),
        (open, top, cursor)
    );

    search(&mut app, "'political solution");
    type_text(&mut app, "\n");
    let article = app.shared.article().unwrap();
    assert!(article.title.starts_with("NATO Is Getting Ready"));
    let mark = app.reader.view.mark.clone().unwrap();
    assert!(article.body[mark.clone()].contains("political solution"));
    let row = app.reader.view.layout.row_of(mark.start);
    assert!(row >= app.reader.view.top && row < app.reader.view.top + app.reader.view.height);
    assert_eq!(app.focus, Focus::Reader);
}

#[test]
fn n_and_shift_n_step_through_the_matches_in_the_article() {
    let mut app = app(120, 30);
    search(&mut app, "'alliance");
    type_text(&mut app, "\n");
    let first = app.reader.view.mark.clone().unwrap();
    press(&mut app, "n");
    let second = app.reader.view.mark.clone().unwrap();
    assert!(second.start > first.start);
    assert!(
        app.shared
            .notice
            .as_deref()
            .unwrap_or("")
            .starts_with("match ")
    );
    press(&mut app, "N");
    assert_eq!(app.reader.view.mark.clone().unwrap(), first);
}

#[test]
fn the_count_the_marked_words_and_n_follow_the_same_matches() {
    let mut app = app(120, 30);
    search(&mut app, "stoltnberg");
    let rows = results(&app, 50);
    let total = app.shared.search.found.as_ref().unwrap().total;
    assert_eq!(rows.len(), total, "every match is a row");
    for row in &rows {
        let marked: Vec<&str> = row.matched.iter().map(|r| &row.text[r.clone()]).collect();
        assert_eq!(marked, vec!["Stoltenberg"], "{}", row.text);
    }
    type_text(&mut app, "\n");
    let article = app.shared.article().unwrap().body.clone();
    let mut seen = Vec::new();
    for _ in 0..rows.len() + 1 {
        let mark = app.reader.view.mark.clone().unwrap();
        assert_eq!(&article[mark.clone()], "Stoltenberg");
        seen.push(mark.start);
        press(&mut app, "n");
    }
    seen.sort_unstable();
    seen.dedup();
    let in_article = rows.iter().filter(|r| r.article == app.shared.open).count();
    assert_eq!(
        seen.len(),
        in_article,
        "n steps through this article's matches"
    );
}

#[test]
fn a_query_too_big_to_search_says_so() {
    let mut app = app(120, 30);
    let words: String = (0..40).map(|i| format!("w{i} ")).collect();
    search(&mut app, &words);
    let text = screen(&app);
    assert!(text.contains("at most 32 can be searched"), "{text}");
}

#[test]
fn quotes_highlights_and_notes_are_searched_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_store(dir.path());
    press(&mut app, "l ) H n");
    type_text(&mut app, "remember the alliance");
    ctrl(&mut app, 's');
    extract_all(&mut app);
    let mut extras = super::search::Extras::default();
    // What the app sends the worker: quotes, highlights and notes.
    let (sender, receiver) = std::sync::mpsc::channel();
    app.shared.search.requests = Some(sender);
    app.send_extraction_to_search();
    app.send_highlights_to_search();
    for request in receiver.try_iter() {
        if let super::search::Request::Extras(_, sent) = request {
            extras.items.extend(sent.items);
            extras.extractions.extend(sent.extractions);
        }
    }
    let kinds: std::collections::HashSet<&str> =
        extras.all().map(|(_, kind, _, _)| kind.name()).collect();
    assert!(kinds.contains("quote") && kinds.contains("highlight") && kinds.contains("note"));
    let found = super::search::search_now(&app.shared.corpus, Some(extras), "'alliance").unwrap();
    press(&mut app, "/");
    type_text(&mut app, "'alliance");
    app.found(found);
    let rows = results(&app, 50);
    assert!(
        rows.iter()
            .any(|r| r.kind.name() == "note" && r.text == "remember the alliance")
    );
}

#[test]
fn the_export_dialog_writes_the_file_and_asks_before_replacing_it() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut app = app_with_store(dir.path());
    press(&mut app, "l ) H t");
    type_text(&mut app, "idlib\n");
    press(&mut app, "E");
    assert!(screen(&app).contains("Export highlights"));
    let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
    // Format: csv (two to the right); then to the file field, cleared, a new name.
    app.key_event(key(KeyCode::Right));
    app.key_event(key(KeyCode::Right));
    for _ in 0..3 {
        app.key_event(key(KeyCode::Tab));
    }
    ctrl(&mut app, 'u');
    let path = out.path().join("marks.csv");
    type_text(&mut app, path.to_str().unwrap());
    app.key_event(key(KeyCode::Enter));
    assert!(app.overlays.is_empty());
    assert!(
        app.shared
            .notice
            .as_deref()
            .unwrap_or("")
            .starts_with("exported 1 highlight")
    );
    let csv = std::fs::read_to_string(&path).unwrap();
    assert!(csv.starts_with("article,title,authors,outlet,date,url,text,speaker,tags,note"));
    assert!(csv.contains("idlib"));

    // Again to the same file: asked first; any key but y goes back, y replaces. (Markdown
    // has a layout field after the format.)
    std::fs::write(&path, "keep me").unwrap();
    press(&mut app, "E");
    for _ in 0..4 {
        app.key_event(key(KeyCode::Tab));
    }
    ctrl(&mut app, 'u');
    type_text(&mut app, path.to_str().unwrap());
    app.key_event(key(KeyCode::Enter));
    assert!(screen(&app).contains("exists: y replaces it"));
    type_text(&mut app, "n");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");
    app.key_event(key(KeyCode::Enter));
    type_text(&mut app, "y");
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("# Highlights")
    );
}

#[test]
fn the_export_dialog_writes_a_file_per_article_into_a_folder() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut app = app_with_store(dir.path());
    press(&mut app, "l ) H t");
    type_text(&mut app, "idlib\n");
    press(&mut app, "E");
    let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
    // Markdown, then the layout: one file per article; the file field becomes a folder.
    app.key_event(key(KeyCode::Tab));
    app.key_event(key(KeyCode::Right));
    assert!(screen(&app).contains("[a file per article (folder)]"));
    assert!(screen(&app).contains("folder"));
    for _ in 0..3 {
        app.key_event(key(KeyCode::Tab));
    }
    ctrl(&mut app, 'u');
    let folder = out.path().join("vault");
    type_text(&mut app, folder.to_str().unwrap());
    app.key_event(key(KeyCode::Enter));
    assert!(app.overlays.is_empty());
    let notice = app.shared.notice.clone().unwrap_or_default();
    assert!(notice.contains("(1 file)"), "{notice}");
    let files: Vec<_> = std::fs::read_dir(&folder).unwrap().collect();
    assert_eq!(files.len(), 1);
    let path = files[0].as_ref().unwrap().path();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("---\ntitle: "), "{text}");
    assert!(text.contains("\n^lede-"));
    // Other formats have no layout: the tab goes from the format to which highlights.
    press(&mut app, "E");
    app.key_event(key(KeyCode::Right));
    app.key_event(key(KeyCode::Tab));
    assert!(screen(&app).contains("[all highlights]"));
    app.key_event(key(KeyCode::Right));
    assert!(screen(&app).contains("[this article's]"));
}

#[test]
fn every_overlay_draws_at_every_size_without_panic() {
    let dir = tempfile::tempdir().unwrap();
    for opening in [
        "?", "m", "S", "/", "E", "l ) H t", "l ) H n", "!", "l ) H A", "f", "F",
    ] {
        let mut app = app_with_store(dir.path());
        extract_all(&mut app);
        press(&mut app, opening);
        for (width, height) in [
            (1, 1),
            (2, 3),
            (20, 5),
            (40, 8),
            (41, 9),
            (60, 15),
            (80, 12),
            (120, 30),
            (500, 200),
        ] {
            app.resize(Rect::new(0, 0, width, height));
            let _ = render(&app, Theme::colored(true));
            let _ = render(&app, Theme::colored(false));
        }
    }
}

#[test]
fn an_empty_corpus_and_an_empty_filter_result_are_shown_calmly() {
    let mut empty = App::new(
        Corpus::default(),
        Keymap::defaults(),
        Rect::new(0, 0, 120, 30),
    );
    for keys in [
        "j", "k", "G", "enter", "l", "w", "v", "H", "tab", "enter", "[", "]", "s", "m", "S", "esc",
    ] {
        press(&mut empty, keys);
        let _ = render(&empty, Theme::colored(true));
    }
    let shown = screen(&empty);
    assert!(shown.contains("No articles"), "{shown}");
    let mut app = app(120, 30);
    press(&mut app, "f");
    type_text(&mut app, "zzzz-no-such-title\n");
    assert!(app.list.order.is_empty());
    for keys in ["j", "k", "G", "g", "enter", "]", "[", "s"] {
        press(&mut app, keys);
        let _ = render(&app, Theme::colored(true));
    }
    assert!(app.shared.notice.is_some() || screen(&app).contains("filter"));
}

#[test]
fn resizing_while_a_corpus_loads_never_panics_and_the_list_fills() {
    use super::loading::{Loading, Progress};
    let dir = tempfile::tempdir().unwrap();
    for i in 0..30 {
        std::fs::write(
            dir.path().join(format!("{i:02}.txt")),
            format!("Headline Number {i}\n\nThe council met on day {i}. It voted."),
        )
        .unwrap();
    }
    let listed = lede::corpus::list_files(&[dir.path().to_path_buf()]);
    let mut app = App::new(
        Corpus::default(),
        Keymap::defaults(),
        Rect::new(0, 0, 120, 30),
    );
    app.shared.loading = Some(Loading::new(None));
    assert!(!app.progress(Progress::Listed {
        files: listed.files.len(),
        problems: Vec::new(),
    }));
    assert!(screen(&app).contains("loading 0/30 files"));
    let sizes = [(1, 1), (45, 9), (200, 60), (60, 15), (120, 30)];
    for (n, chunk) in listed.files.chunks(7).enumerate() {
        let parts = chunk.iter().map(|f| lede::corpus::load_path(f)).collect();
        assert!(!app.progress(Progress::Batch {
            parts,
            files: chunk.len()
        }));
        let (w, h) = sizes[n % sizes.len()];
        app.resize(Rect::new(0, 0, w, h));
        let _ = render(&app, Theme::colored(true));
        press(&mut app, "j");
    }
    assert!(app.progress(Progress::Finished), "finishing is reported");
    app.resize(Rect::new(0, 0, 120, 30));
    assert_eq!(app.list.order.len(), 30);
    assert!(!screen(&app).contains("loading"));
}

#[test]
fn ctrl_a_never_moves_a_highlight_to_another_article() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_store(dir.path());
    press(&mut app, "l ) H ] v e m");
    ctrl(&mut app, 'a');
    assert!(
        app.shared
            .notice
            .as_deref()
            .unwrap_or("")
            .starts_with("open “"),
        "{:?}",
        app.shared.notice
    );
    let stored = stored(dir.path());
    assert!(stored[0].quote.exact.starts_with("The secretary-general"));
    assert_eq!(stored[0].article, "seeds/000_4c127d6cd1a64f9a.txt");
}

#[test]
fn quitting_before_the_remembered_article_loads_keeps_the_remembered_place() {
    use super::loading::Loading;
    let mut app = App::new(
        Corpus::default(),
        Keymap::defaults(),
        Rect::new(0, 0, 120, 30),
    );
    app.shared.loading = Some(Loading::new(Some(("/some/article.txt".into(), 500))));
    let effects = press(&mut app, "q");
    assert_eq!(
        effects,
        [Effect::Quit],
        "nothing is saved over the remembered place"
    );
}

#[test]
fn brackets_work_when_the_filter_hides_the_open_article() {
    let mut app = app(120, 30);
    press(&mut app, "f");
    type_text(&mut app, "russia\n");
    assert!(!app.list.order.contains(&app.shared.open));
    press(&mut app, "l ]");
    assert_eq!(app.shared.open, app.list.order[0]);
}

#[test]
fn an_abandoned_search_leaves_n_for_notes() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_store(dir.path());
    press(&mut app, "l ) H /");
    type_text(&mut app, "\u{1b}");
    press(&mut app, "n");
    assert_eq!(app.where_name(), "Note", "n opened the note editor");
}

#[test]
fn h_on_a_highlight_in_the_panel_does_not_duplicate_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_store(dir.path());
    press(&mut app, "l ) H tab g H");
    assert_eq!(stored(dir.path()).len(), 1);
    assert_eq!(app.shared.notice.as_deref(), Some("already highlighted"));
}

#[test]
fn a_narrow_terminal_keeps_the_remembered_place() {
    let mut app = app(50, 20);
    let path = app.shared.corpus.articles[4].path.display().to_string();
    app.restore(&path, 3000);
    assert_eq!(app.focus, Focus::List, "the reader is hidden at this width");
    let offset = app.reader_offset();
    assert!(offset > 2000 && offset <= 3000, "{offset}");
    press(&mut app, "enter");
    assert!(app.reader_offset() > 2000);
}

/// The panel with Ali Bakeer's longest quote selected, at a size: the quote is shown
/// whole, every word of it on screen.
fn panel_with_the_long_quote(width: u16, height: u16) -> App {
    let mut app = app(width, height);
    extract_all(&mut app);
    press(&mut app, "p");
    assert_eq!(app.focus, Focus::Panel);
    let quote = app
        .panel
        .entries
        .iter()
        .position(|e| e.text.starts_with("If NATO fails to meaningfully"))
        .expect("the quote");
    for _ in 0..quote {
        press(&mut app, "j");
    }
    let shown = screen(&app);
    let words = app.panel.entries[quote].text.clone();
    for word in words.split_whitespace() {
        assert!(
            shown.contains(word),
            "{word} missing at {width}x{height}:\n{shown}"
        );
    }
    assert!(shown.contains("Europe,”"), "the quote's end");
    app
}

#[test]
fn snapshot_panel_at_80x24() {
    insta::assert_snapshot!(screen(&panel_with_the_long_quote(80, 24)));
}

#[test]
fn snapshot_panel_at_140x40() {
    insta::assert_snapshot!(screen(&panel_with_the_long_quote(140, 40)));
}

#[test]
fn snapshot_panel_at_220x60() {
    insta::assert_snapshot!(screen(&panel_with_the_long_quote(220, 60)));
}

#[test]
fn long_entries_are_clamped_with_a_marker_unless_selected() {
    let mut app = app(120, 40);
    extract_all(&mut app);
    let text = screen(&app);
    assert!(text.contains("more lines"), "{text}");
    press(&mut app, "p G");
    // Zoomed, the panel takes the width and the clamp has room.
    press(&mut app, "z");
    assert_eq!(app.panes().panel.map(|r| r.width), Some(120));
    press(&mut app, "z");
    assert!(app.panes().list.is_some());
}

#[test]
fn the_byline_is_in_the_panel_header() {
    let mut corpus = Corpus::seeds();
    corpus.articles[0].byline = vec!["Jane Doe".into(), "Ali Veli".into()];
    let app = App::new(corpus, Keymap::defaults(), Rect::new(0, 0, 140, 40));
    let open = app.shared.open;
    let text = screen(&app);
    if open == 0 {
        assert!(text.contains("By Jane Doe, Ali Veli"), "{text}");
    }
}

#[test]
fn panes_resize_and_the_text_column_is_centred() {
    let mut app = app(220, 60);
    let before = app.panes().panel.unwrap().width;
    press(&mut app, "p >");
    assert_eq!(app.panes().panel.unwrap().width, before + 4);
    press(&mut app, "< < <");
    assert_eq!(app.panes().panel.unwrap().width, before - 8);
    press(&mut app, "l");
    let reader = app.panes().reader.unwrap();
    let text = super::panes::reader_text_area(reader, 80);
    assert_eq!(text.width, 80);
    assert_eq!(app.reader.view.layout.width, 80);
}

#[test]
fn read_marks_are_kept_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_store(dir.path());
    assert!(screen(&app).contains("5 unread"));
    press(&mut app, "j enter");
    assert!(screen(&app).contains("4 unread"));
    press(&mut app, "h x");
    assert!(screen(&app).contains("5 unread"), "x marks unread again");
    press(&mut app, "x");
    let again = app_with_store(dir.path());
    assert!(screen(&again).contains("4 unread"), "kept in the store");
}

#[test]
fn brackets_return_to_the_place_in_each_article() {
    let mut app = app(120, 30);
    press(&mut app, "l space space");
    let (top, cursor) = (app.reader.view.top, app.reader.view.cursor);
    assert!(top > 0);
    press(&mut app, "] j j [");
    assert_eq!((app.reader.view.top, app.reader.view.cursor), (top, cursor));
}

#[test]
fn mouse_clicks_focus_and_choose_and_the_wheel_scrolls() {
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut app = app(120, 30);
    let event = |kind, column, row| MouseEvent {
        kind,
        column,
        row,
        modifiers: crossterm::event::KeyModifiers::NONE,
    };
    let click = |column, row| event(MouseEventKind::Down(MouseButton::Left), column, row);
    app.mouse_event(click(60, 10));
    assert_eq!(app.focus, Focus::Reader);
    app.mouse_event(event(MouseEventKind::ScrollDown, 60, 10));
    assert_eq!(app.reader.view.top, 3);
    // Each article is two lines (a card) in the side list: rows 5 and 6 are the third.
    app.mouse_event(click(5, 6));
    assert_eq!((app.focus, app.list.cursor), (Focus::List, 2));
    app.mouse_event(click(5, 5));
    assert_eq!(app.shared.open, app.list.order[2], "a second click opens");
    extract_all(&mut app);
    let panel = app.panes().panel.unwrap();
    app.mouse_event(click(panel.x + 3, panel.y + 7)); // NATO's quote, under the metadata
    assert_eq!(app.focus, Focus::Panel);
    assert!(
        app.reader.view.mark.is_some(),
        "a click on an entry jumps to it"
    );
}

#[test]
fn the_highlights_overlay_the_speakers_and_the_list_filter_as_you_type() {
    let mut app = app(120, 30);
    extract_all(&mut app);
    press(&mut app, "f");
    type_text(&mut app, "nato");
    assert_eq!(app.list.order.len(), 1, "filtered before enter");
    type_text(&mut app, "\u{1b}");
    assert_eq!(app.list.order.len(), 5, "esc restores the list");
    press(&mut app, "S");
    type_text(&mut app, "stolt");
    assert!(screen(&app).contains("Jens Stoltenberg"));
    assert!(!screen(&app).contains("Ali Bakeer"), "{}", screen(&app));
}

#[test]
fn a_file_name_with_direction_overrides_or_controls_never_reaches_the_screen_raw() {
    // A file name is not article text: the loader keeps it as it is on disk, and the list
    // shows it when the article names no outlet.
    let name = "evil\u{202E}txt.exe\u{9b}2J.txt";
    let article = lede::corpus::parse_article(
        std::path::PathBuf::from(name),
        "A story with no outlet.\n\nIts first paragraph says little.",
        Vec::new(),
    );
    let corpus = Corpus {
        articles: vec![article],
        ..Corpus::default()
    };
    let app = App::new(corpus, Keymap::defaults(), Rect::new(0, 0, 140, 40));
    let terminal = render(&app, Theme::colored(false));
    let cells = &terminal.backend().buffer().content;
    assert!(
        cells
            .iter()
            .all(|c| !c.symbol().chars().any(lede::corpus::acts_on_terminal)),
        "a cell holds a control or direction override"
    );
    assert!(screen(&app).contains("evil"), "the name is still shown");
}

#[test]
fn damage_another_process_left_in_the_journal_is_reported_when_the_store_next_syncs() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_store(dir.path());
    press(&mut app, "l ) v ) h");
    // Another lede (or a disk fault) leaves a damaged line in the journal meanwhile.
    let journal = dir.path().join("store.journal");
    let mut bytes = std::fs::read(&journal).unwrap_or_default();
    bytes.extend_from_slice(b"{not a journal line\n");
    std::fs::write(&journal, bytes).unwrap();
    press(&mut app, ") v ) h");
    let notice = app.shared.notice.clone().unwrap_or_default();
    assert!(notice.contains("saved"), "{notice}");
    assert!(notice.contains("damaged"), "{notice}");
    assert_eq!(stored(dir.path()).len(), 2, "both highlights kept");
}

#[test]
fn the_status_line_counts_extraction_while_its_worker_runs() {
    let mut app = app(140, 30);
    let status = |app: &App| screen(app).lines().nth(29).unwrap_or_default().to_string();
    assert!(
        !status(&app).contains("finding quotes"),
        "no worker, no count"
    );
    let (priority, _wanted) = std::sync::mpsc::channel();
    app.shared.extractions.priority = Some(priority);
    assert!(
        status(&app).contains("finding quotes 0/5"),
        "{}",
        status(&app)
    );
    extract_all(&mut app);
    assert!(!status(&app).contains("finding quotes"), "{}", status(&app));
}

#[test]
fn a_worker_that_panics_says_so_and_its_work_stops_showing_as_under_way() {
    let (sender, receiver) = std::sync::mpsc::channel();
    let farewell = super::Farewell::new(&sender, super::Worker::Search);
    let worker = std::thread::Builder::new()
        .name("test worker".into())
        .spawn(move || {
            let _held = farewell;
            panic!("a bug in the worker");
        })
        .expect("spawn");
    assert!(worker.join().is_err(), "the worker panicked");
    assert!(matches!(
        receiver.try_recv(),
        Ok(super::Message::WorkerFailed(super::Worker::Search))
    ));
    // A worker that ends without a panic says nothing.
    drop(super::Farewell::new(&sender, super::Worker::Search));
    assert!(receiver.try_recv().is_err());

    let mut app = app(140, 30);
    let status = |app: &App| screen(app).lines().nth(29).unwrap_or_default().to_string();
    let (requests, _incoming) = std::sync::mpsc::channel();
    app.shared.search.requests = Some(requests);
    let (priority, _wanted) = std::sync::mpsc::channel();
    app.shared.extractions.priority = Some(priority);
    assert!(
        status(&app).contains("indexing for search"),
        "{}",
        status(&app)
    );
    super::worker_failed(&mut app, super::Worker::Search, &sender);
    assert!(
        !status(&app).contains("indexing for search"),
        "{}",
        status(&app)
    );
    assert!(status(&app).contains("search stopped on an internal error"));
    super::worker_failed(&mut app, super::Worker::Extraction, &sender);
    assert!(!status(&app).contains("finding quotes"), "{}", status(&app));
    assert!(status(&app).contains("stopped on an internal error"));
}

#[test]
fn kept_extractions_complete_extraction_once_and_the_open_one_shows_when_decoded() {
    use super::extraction::Delivery;
    let mut app = app(140, 30);
    let (sender, receiver) = std::sync::mpsc::channel();
    app.shared.search.requests = Some(sender);
    let count = app.shared.corpus.articles.len();
    let open = app.shared.open;
    app.extracted(Delivery::Kept((0..count).collect()));
    assert!(app.shared.extractions.complete());
    assert!(app.shared.extraction().is_none(), "kept, not decoded yet");
    let sent = |receiver: &std::sync::mpsc::Receiver<super::search::Request>| {
        receiver
            .try_iter()
            .filter(|r| matches!(r, super::search::Request::Extras(..)))
            .count()
    };
    assert_eq!(sent(&receiver), 1, "the search is told once");
    let found = lede::extract::extract(&app.shared.corpus.articles[open]);
    let quotes = found.quotes.len();
    app.extracted(Delivery::Extracted(open, found));
    assert_eq!(
        app.shared.extraction().map(|e| e.quotes.len()),
        Some(quotes)
    );
    assert!(
        screen(&app).contains(&format!("{quotes} quotes")),
        "{}",
        screen(&app)
    );
    assert_eq!(
        sent(&receiver),
        0,
        "an article decoded later changes no search"
    );
    app.extracted(Delivery::Notice(
        "cache: a kept extraction could not be read".into(),
    ));
    assert!(screen(&app).contains("cache: a kept extraction could not be read"));
}
