//! The status line: position, the pane or overlay in use, messages, and the hints of the
//! component that takes the keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::App;
use super::theme::Theme;

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
    } else if shared.search.requests.is_some() && !shared.search.ready {
        left.push(Span::raw(" · "));
        left.push(Span::styled("indexing for search…", theme.dim()));
    }
    if let Some(filter) = &app.list.filter {
        left.push(Span::raw(" · "));
        left.push(Span::styled(format!("filter: {filter}"), theme.key()));
    }
    if let Some(notice) = &shared.notice {
        left.push(Span::raw(" · "));
        left.push(Span::styled(notice.clone(), theme.notice()));
    } else if !shared.corpus.problems.is_empty() {
        let n = shared.corpus.problems.len();
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
    for hint in app.hints() {
        let width = lede::layout::display_width(&hint.keys) + 1 + hint.label.len() + 2;
        if used + width > room {
            break;
        }
        used += width;
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
