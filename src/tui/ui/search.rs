//! The search overlay: the prompt, then ranked results with the matched characters
//! emphasised, each with its kind and article.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, List, ListItem, ListState, Paragraph};

use super::{overlay_area, pane_block, truncate};
use crate::tui::app::App;
use crate::tui::search::ResultRow;
use crate::tui::theme::Theme;

pub fn draw(app: &App, theme: Theme, area: Rect, frame: &mut Frame) {
    let Some(view) = &app.search_view else {
        return;
    };
    let rect = overlay_area(area, 120, None);
    let title = match &view.found {
        // A query too big to search says so.
        Some(found) if found.corpus.problem().is_some() => {
            format!("Search · {}", found.corpus.problem().unwrap_or(""))
        }
        Some(found) if !found.complete => {
            "Search · best so far, still ranking… · ↑/↓ · enter opens · esc goes back".to_string()
        }
        Some(found) => format!(
            "Search · {} matches · ↑/↓ · enter opens · esc goes back",
            found.total
        ),
        None if view.prompt.text().trim().is_empty() => {
            "Search · words, typos forgiven · 'exact ^start end$ !not a|b ~fuzzy · capitals match case"
                .to_string()
        }
        None => "Search · searching…".to_string(),
    };
    let block = pane_block(title, true, theme);
    let inner = block.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    let [prompt_area, rule_area, list_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner);
    let mut prompt = view.prompt.textarea.clone();
    prompt.set_cursor_line_style(ratatui::style::Style::new());
    prompt.set_cursor_style(theme.cursor());
    prompt.set_placeholder_text("type to search titles, sentences, quotes, highlights and notes");
    frame.render_widget(&prompt, prompt_area);
    frame.render_widget(
        Paragraph::new("─".repeat(usize::from(rule_area.width))).style(theme.dim()),
        rule_area,
    );

    let visible = usize::from(list_area.height / 2) + 1;
    let rows = app.result_rows(view.cursor + visible);
    let text_width = usize::from(list_area.width.saturating_sub(1));
    let items: Vec<ListItem> = rows
        .iter()
        .map(|row| {
            let title = app
                .corpus
                .articles
                .get(row.article)
                .map_or("", |a| a.title.as_str());
            ListItem::new(vec![
                emphasised(row, text_width, theme),
                Line::styled(
                    truncate(&format!("  {} · {title}", row.kind.name()), text_width),
                    theme.dim(),
                ),
            ])
        })
        .collect();
    if items.is_empty() && view.found.is_some() {
        frame.render_widget(Paragraph::new("  no match").style(theme.dim()), list_area);
        return;
    }
    let list = List::new(items).highlight_style(theme.selected(true));
    let mut state = ListState::default().with_selected(Some(view.cursor));
    frame.render_stateful_widget(list, list_area, &mut state);
}

/// The row's text on one line, starting a little before the first match so it shows,
/// with matched characters bold and underlined.
fn emphasised(row: &ResultRow, width: usize, theme: Theme) -> Line<'static> {
    let text = row.text.replace('\n', " ");
    let first = row.matched.first().map_or(0, |r| r.start);
    let lead = 12;
    let start = if lede::layout::display_width(&text[..first]) + 8 > width {
        let mut s = first.saturating_sub(lead * 3);
        while !text.is_char_boundary(s) {
            s += 1;
        }
        s
    } else {
        0
    };
    let mut spans = Vec::new();
    if start > 0 {
        spans.push(Span::raw("…"));
    }
    let matched: Vec<Range<usize>> = row
        .matched
        .iter()
        .filter(|r| r.end > start)
        .map(|r| r.start.max(start)..r.end)
        .collect();
    let mut at = start;
    let emphasis = theme.key().add_modifier(Modifier::UNDERLINED);
    for range in &matched {
        if let Some(before) = text.get(at..range.start) {
            spans.push(Span::raw(before.to_string()));
        }
        if let Some(hit) = text.get(range.clone()) {
            spans.push(Span::styled(hit.to_string(), emphasis));
        }
        at = range.end;
    }
    if let Some(rest) = text.get(at..) {
        spans.push(Span::raw(rest.to_string()));
    }
    // Cut to the width.
    let mut used = 0;
    let mut cut = Vec::new();
    for span in spans {
        let w = lede::layout::display_width(&span.content);
        if used + w <= width {
            used += w;
            cut.push(span);
        } else {
            let room = width.saturating_sub(used);
            if room > 0 {
                cut.push(Span::styled(truncate(&span.content, room), span.style));
            }
            break;
        }
    }
    Line::from(cut)
}
