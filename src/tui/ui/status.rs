//! The status line: position, focused pane, messages, and key hints for the focused pane
//! taken from the active keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::theme::Theme;

/// The actions worth a hint in each context, in the order shown.
fn hinted(context: Context) -> &'static [&'static [Action]] {
    match context {
        Context::List => &[
            &[Action::Down, Action::Up],
            &[Action::Open],
            &[Action::Search],
            &[Action::CycleSort],
            &[Action::FilterList],
            &[Action::FocusNext],
            &[Action::Help],
            &[Action::Quit],
        ],
        Context::Reader => &[
            &[Action::Down, Action::Up],
            &[Action::PageDown, Action::PageUp],
            &[Action::Select],
            &[Action::Highlight],
            &[Action::Search],
            &[Action::PrevArticle, Action::NextArticle],
            &[Action::Help],
            &[Action::Quit],
        ],
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
        Context::Panel => &[
            &[Action::Down, Action::Up],
            &[Action::Open],
            &[Action::FocusNext],
            &[Action::Help],
            &[Action::Quit],
        ],
        Context::Help => &[&[Action::Close]],
        Context::Global => &[],
    }
}

/// "j/k move  enter open  …" for a context, from the bindings in force.
pub fn hints(keymap: &Keymap, context: Context) -> Vec<(String, String)> {
    hinted(context)
        .iter()
        .filter_map(|group| {
            let keys: Vec<String> = group
                .iter()
                .filter_map(|&action| {
                    keymap
                        .keys_for(context, action)
                        .first()
                        .map(|k| k.to_string())
                })
                .collect();
            if keys.len() != group.len() {
                return None; // an unbound action gets no hint
            }
            let label = match group {
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
                [Action::FilterList] => "filter",
                [Action::Search] => "search",

                [Action::Highlight] => "highlight",
                [action] => action.help(),
                _ => group[0].help(),
            };
            Some((keys.join("/"), label.to_string()))
        })
        .collect()
}

pub fn draw(app: &App, theme: Theme, area: Rect, frame: &mut Frame) {
    let position = app
        .order
        .iter()
        .position(|&i| i == app.open)
        .map(|p| p + 1)
        .unwrap_or(0);
    let pane = match app.context() {
        Context::Help => "Help",
        Context::Select | Context::Inside => "Reader · SELECT",
        _ => app.focus.name(),
    };

    let mut left = vec![Span::raw(format!(
        " {position}/{} · {pane}",
        app.order.len()
    ))];
    if let Some(loading) = app.loading_status() {
        left.push(Span::raw(" · "));
        left.push(Span::styled(loading, theme.notice()));
    } else if app.search.requests.is_some() && !app.search.ready {
        left.push(Span::raw(" · "));
        left.push(Span::styled("indexing for search…", theme.dim()));
    }
    if let Some(filter) = &app.list_filter {
        left.push(Span::raw(" · "));
        left.push(Span::styled(format!("filter: {filter}"), theme.key()));
    }
    if let Some(notice) = &app.notice {
        left.push(Span::raw(" · "));
        left.push(Span::styled(notice.clone(), theme.notice()));
    } else if !app.corpus.problems.is_empty() {
        let n = app.corpus.problems.len();
        let plural = if n == 1 { "" } else { "s" };
        left.push(Span::styled(
            format!(" · {n} file{plural} not loaded (see Details)"),
            theme.notice(),
        ));
    }
    let left_width: usize = left
        .iter()
        .map(|s| lede::layout::display_width(&s.content))
        .sum();
    let room = usize::from(area.width).saturating_sub(left_width + 2);
    let mut right: Vec<Span> = Vec::new();
    let mut used = 0;
    for (keys, label) in hints(&app.keymap, app.context()) {
        let width = lede::layout::display_width(&keys) + 1 + label.len() + 2;
        if used + width > room {
            break;
        }
        used += width;
        right.push(Span::styled(keys, theme.key()));
        right.push(Span::raw(format!(" {label}  ")));
    }
    let gap = usize::from(area.width).saturating_sub(left_width + used);
    let mut spans = left;
    spans.push(Span::raw(" ".repeat(gap)));
    spans.extend(right);
    let line = Line::from(spans).style(theme.status());
    frame.render_widget(Paragraph::new(line), area);
}
