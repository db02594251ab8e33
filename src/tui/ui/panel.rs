//! The side panel: the article's metadata and an outline to jump through. (Quotes and
//! figures take the outline's place once extraction exists.)

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

use super::{is_focused, pane_block, truncate};
use crate::tui::app::{App, Focus};
use crate::tui::theme::Theme;

pub fn draw(app: &App, theme: Theme, area: Rect, frame: &mut Frame) {
    let focused = is_focused(app, Focus::Panel);
    let block = pane_block("Details".to_string(), focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(article) = app.article() else {
        return;
    };
    let width = usize::from(inner.width.saturating_sub(1));
    let field = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{label:<7}"), theme.dim()),
            Span::raw(truncate(&value, width.saturating_sub(7))),
        ])
    };
    let words = article.body.split_whitespace().count();
    let mut meta = vec![
        field(
            "date",
            article
                .date
                .map(|d| d.to_string())
                .unwrap_or_else(|| "unknown".into()),
        ),
        field(
            "source",
            article.source.clone().unwrap_or_else(|| "unknown".into()),
        ),
        field("file", article.file_name()),
        field(
            "size",
            format!("{words} words, {} sentences", article.sentences.len()),
        ),
    ];
    for warning in &article.warnings {
        meta.push(Line::styled(truncate(warning, width), theme.notice()));
    }
    let problems = &app.corpus.problems;
    if !problems.is_empty() {
        meta.push(Line::default());
        meta.push(Line::styled(
            format!("Not loaded ({})", problems.len()),
            theme.notice(),
        ));
        for problem in problems.iter().take(5) {
            let name = problem
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| problem.path.display().to_string());
            meta.push(Line::raw(truncate(&name, width)));
            meta.push(Line::styled(
                truncate(&format!("  {}", problem.reason), width),
                theme.dim(),
            ));
        }
        if problems.len() > 5 {
            meta.push(Line::raw(format!("… and {} more", problems.len() - 5)));
        }
    }
    meta.push(Line::default());
    let heading = if app.marks.is_empty() {
        "Outline"
    } else {
        "Highlights · outline"
    };
    meta.push(Line::styled(heading, theme.title(false)));

    let [meta_area, list_area] = Layout::vertical([
        Constraint::Length(u16::try_from(meta.len()).unwrap_or(u16::MAX)),
        Constraint::Min(0),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(meta), meta_area);

    let items: Vec<ListItem> = app
        .panel_entries
        .iter()
        .map(|entry| ListItem::new(truncate(&entry.label, width)))
        .collect();
    let list = List::new(items).highlight_style(theme.selected(focused));
    let mut state = ListState::default().with_selected(Some(app.panel_cursor));
    frame.render_stateful_widget(list, list_area, &mut state);
}
