//! The highlights overlay: every highlight of the corpus, filtered as the user types.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, List, ListItem, ListState};

use super::{overlay_area, pane_block, truncate};
use crate::tui::app::App;
use crate::tui::theme::Theme;

pub fn draw(app: &App, theme: Theme, area: Rect, frame: &mut Frame) {
    let Some(overlay) = &app.marks_overlay else {
        return;
    };
    let rect = overlay_area(area, 110, None);
    let rows = app.mark_rows();
    let title = format!(
        "Highlights ({}) · type to filter, #tag · ↑/↓ · enter jumps · ctrl-d deletes · ctrl-a re-attaches to the selection · esc",
        rows.len()
    );
    let block = pane_block(title, true, theme);
    let inner = block.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    let [filter_area, list_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    let mut filter = overlay.filter.textarea.clone();
    filter.set_cursor_line_style(ratatui::style::Style::new());
    filter.set_placeholder_text("filter: words in the passage or note, #tag");
    frame.render_widget(&filter, filter_area);

    let text_width = usize::from(list_area.width.saturating_sub(2));
    let items: Vec<ListItem> = rows
        .iter()
        .map(|row| {
            let mut head = vec![
                Span::styled(truncate(&row.article_title, text_width / 2), theme.dim()),
                Span::raw("  "),
            ];
            for tag in &row.tags {
                head.push(Span::styled(format!("#{tag} "), theme.key()));
            }
            if row.status != "exact" {
                let style = if row.orphaned {
                    theme.notice()
                } else {
                    theme.dim()
                };
                head.push(Span::styled(format!("[{}]", row.status), style));
            }
            let mut lines = vec![
                Line::from(head),
                Line::raw(format!(
                    "  {}",
                    truncate(&row.text, text_width.saturating_sub(2))
                )),
            ];
            if let Some(note) = &row.note {
                let note = note.split_whitespace().collect::<Vec<_>>().join(" ");
                lines.push(Line::styled(
                    format!("  ✎ {}", truncate(&note, text_width.saturating_sub(4))),
                    theme.standfirst(),
                ));
            }
            ListItem::new(lines)
        })
        .collect();
    let list = List::new(items).highlight_style(theme.selected(true));
    let mut state = ListState::default().with_selected(Some(overlay.cursor));
    frame.render_stateful_widget(list, list_area, &mut state);
}
