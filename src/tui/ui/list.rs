//! The article list: date, title and source, one row each.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};

use super::{is_focused, pane_block, truncate};
use crate::tui::app::{App, Focus};
use crate::tui::theme::Theme;

pub fn draw(app: &App, theme: Theme, area: Rect, frame: &mut Frame) {
    let focused = is_focused(app, Focus::List);
    let title = match &app.list_filter {
        Some(filter) => format!("Articles · {} · {}", app.order.len(), filter),
        None => format!("Articles · {}", app.sort.label()),
    };
    let block = pane_block(title, focused, theme);
    let inner = usize::from(block.inner(area).width);
    // Only the rows on screen are built: a corpus may hold 50,000 articles.
    let height = usize::from(block.inner(area).height).max(1);
    let first = app.list_cursor.saturating_sub(height - 1);
    let items: Vec<ListItem> = app
        .order
        .iter()
        .skip(first)
        .take(height)
        .map(|&index| {
            let article = &app.corpus.articles[index];
            let date = article
                .date
                .map(|d| d.to_string())
                .unwrap_or_else(|| "   —      ".to_string());
            let marker = if index == app.open { "▸" } else { " " };
            // Where it came from: the outlet, or else the file (and line of a dataset).
            let origin;
            let source = match article.source.as_deref() {
                Some(source) => source,
                None => {
                    origin = article.file_name();
                    origin.as_str()
                }
            };
            let count = app
                .highlight_counts
                .get(app.keys.key(index))
                .copied()
                .unwrap_or(0);
            let count = if count > 0 {
                format!(" ✎{count}")
            } else {
                String::new()
            };
            // date (10) + spaces; the title takes what is left, the source what remains.
            let fixed = 1 + 10 + 1 + count.chars().count();
            let room = inner.saturating_sub(fixed);
            let source_room = if source.is_empty() || room < 30 {
                0
            } else {
                (room / 4).min(14)
            };
            let title_room = room.saturating_sub(source_room + usize::from(source_room > 0));
            let mut spans = vec![
                Span::raw(marker),
                Span::styled(date, theme.date()),
                Span::raw(" "),
                Span::raw(truncate(&article.title, title_room)),
            ];
            if source_room > 0 {
                let title_width =
                    lede::layout::display_width(&truncate(&article.title, title_room));
                let pad = title_room.saturating_sub(title_width) + 1;
                spans.push(Span::raw(" ".repeat(pad)));
                spans.push(Span::styled(truncate(source, source_room), theme.source()));
            }
            if !count.is_empty() {
                let used: usize = spans
                    .iter()
                    .map(|s| lede::layout::display_width(&s.content))
                    .sum();
                let pad = inner.saturating_sub(used + count.chars().count());
                spans.push(Span::raw(" ".repeat(pad)));
                spans.push(Span::styled(count, theme.key()));
            }

            ListItem::new(Line::from(spans))
        })
        .collect();
    let list = List::new(items)
        .block(block)
        .highlight_style(theme.selected(focused));
    let mut state = ListState::default().with_selected(Some(app.list_cursor - first));
    frame.render_stateful_widget(list, area, &mut state);
}
