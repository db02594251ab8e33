//! The status line: position, the pane or overlay in use, messages, and the hints of the
//! component that takes the keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::action::Action;
use super::app::App;
use super::component::Hint;
use super::theme::Theme;
use super::widgets::truncate;

/// The spans cut to `width` cells, the last one shortened with `…`.
fn cut(spans: Vec<Span<'static>>, width: usize) -> Vec<Span<'static>> {
    let mut used = 0;
    let mut out = Vec::new();
    for span in spans {
        let w = lede::layout::display_width(&span.content);
        if used + w <= width {
            used += w;
            out.push(span);
        } else {
            let room = width.saturating_sub(used);
            if room > 0 {
                out.push(Span::styled(truncate(&span.content, room), span.style));
            }
            break;
        }
    }
    out
}

pub fn draw(app: &App, theme: Theme, area: Rect, frame: &mut Frame) {
    let shared = &app.shared;
    let position = app.list.position(shared.open).map(|p| p + 1).unwrap_or(0);
    let mut left = vec![Span::raw(format!(
        " {position}/{} · {}",
        app.list.order.len(),
        app.where_name()
    ))];
    if let Some(loading) = &shared.loading {
        left.push(Span::raw(" · "));
        left.push(Span::styled(
            loading.status(shared.corpus.articles.len()),
            theme.notice(),
        ));
    } else {
        if shared.search.requests.is_some() && !shared.search.ready {
            left.push(Span::raw(" · "));
            left.push(Span::styled("indexing for search…", theme.dim()));
        }
        let extractions = &shared.extractions;
        if extractions.priority.is_some() && !extractions.complete() {
            left.push(Span::raw(" · "));
            left.push(Span::styled(
                format!("finding quotes {}/{}", extractions.done, extractions.len()),
                theme.dim(),
            ));
        }
    }
    if let Some(feeds) = shared.feeds.status() {
        left.push(Span::raw(" · "));
        left.push(Span::styled(feeds, theme.notice()));
    }
    if let Some(filter) = &app.list.filter {
        left.push(Span::raw(" · "));
        left.push(Span::styled(format!("filter: {filter}"), theme.key()));
    }
    if let Some(notice) = &shared.notice {
        left.push(Span::raw(" · "));
        left.push(Span::styled(notice.clone(), theme.notice()));
    } else if !shared.corpus.problems.is_empty() || !shared.feeds.problems.is_empty() {
        let count = |n: usize, what: &str, how: &str| match n {
            0 => None,
            1 => Some(format!("1 {what} {how}")),
            n => Some(format!("{n} {what}s {how}")),
        };
        let said: Vec<String> = [
            count(shared.corpus.problems.len(), "file", "not loaded"),
            count(shared.feeds.problems.len(), "feed", "with problems"),
        ]
        .into_iter()
        .flatten()
        .collect();
        let key = shared
            .keymap
            .keys_for(app.context(), Action::ShowProblems)
            .first()
            .map(|k| format!(" ({k} lists them)"))
            .unwrap_or_default();
        left.push(Span::styled(
            format!(" · {}{key}", said.join(" · ")),
            theme.notice(),
        ));
    }
    // The essential hints always show; the others as far as they fit; the left part is
    // cut to what is left.
    let width_of = |hint: &Hint| lede::layout::display_width(&hint.keys) + 1 + hint.label.len() + 2;
    let essential = app.essential_hints();
    let essential_width: usize = essential.iter().map(width_of).sum();
    let left = cut(
        left,
        usize::from(area.width).saturating_sub(essential_width),
    );
    let left_width: usize = left
        .iter()
        .map(|s| lede::layout::display_width(&s.content))
        .sum();
    let room = usize::from(area.width).saturating_sub(left_width + 2 + essential_width);
    let mut shown: Vec<Hint> = Vec::new();
    let mut used = 0;
    for hint in app.hints() {
        let width = width_of(&hint);
        if used + width > room {
            break;
        }
        used += width;
        shown.push(hint);
    }
    shown.extend(essential);
    let used = used + essential_width;
    let mut right: Vec<Span> = Vec::new();
    for hint in shown {
        right.push(Span::styled(hint.keys, theme.key()));
        right.push(Span::raw(format!(" {}  ", hint.label)));
    }
    let gap = usize::from(area.width).saturating_sub(left_width + used);
    let mut spans = left;
    spans.push(Span::raw(" ".repeat(gap)));
    spans.extend(right);
    let line = Line::from(spans).style(theme.status());
    frame.render_widget(Paragraph::new(line), area);
}
