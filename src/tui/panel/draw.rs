//! The side panel: a line of metadata, then what the reader can jump to: the article's
//! highlights, its quotes (speaker, then the quote) and figures, and an outline.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

use super::PanelPane;
use super::entries::{EntryKind, PanelEntry};
use crate::tui::component::View;
use crate::tui::theme::Theme;
use crate::tui::widgets::{pane_block, truncate};

pub fn draw(panel: &PanelPane, frame: &mut Frame, area: Rect, view: &View) {
    let (shared, theme, focused) = (view.shared, view.theme, view.focused);
    let block = pane_block("Quotes · Figures".to_string(), focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(article) = shared.article() else {
        return;
    };
    let width = usize::from(inner.width.saturating_sub(1));
    let words = article.body.split_whitespace().count();
    let date = article
        .date
        .map(|d| d.to_string())
        .unwrap_or_else(|| "undated".into());
    let source = article.source.as_deref().unwrap_or("source unknown");
    let mut meta = vec![
        Line::styled(truncate(&format!("{date} · {source}"), width), theme.dim()),
        Line::styled(
            truncate(
                &format!("{} · {words} words", article.origin.label()),
                width,
            ),
            theme.dim(),
        ),
    ];
    if let Some(url) = &article.origin.url {
        meta.push(Line::styled(truncate(url, width), theme.dim()));
    }
    if !article.origin.duplicates.is_empty() {
        let also = article.origin.duplicates.join(", ");
        meta.push(Line::styled(
            truncate(&format!("also in {also}"), width),
            theme.dim(),
        ));
    }
    for warning in &article.warnings {
        meta.push(Line::styled(truncate(warning, width), theme.notice()));
    }
    let problems = &shared.corpus.problems;
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
    let counts = match shared.extraction() {
        Some(extraction) => format!(
            "{} quotes · {} figures · {} highlights",
            extraction.quotes.len(),
            extraction.figures.len(),
            shared.marks.len()
        ),
        None => format!("reading quotes… · {} highlights", shared.marks.len()),
    };
    meta.push(Line::styled(truncate(&counts, width), theme.title(false)));

    let [meta_area, list_area] = Layout::vertical([
        Constraint::Length(u16::try_from(meta.len()).unwrap_or(u16::MAX)),
        Constraint::Min(0),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(meta), meta_area);

    let items: Vec<ListItem> = panel
        .entries
        .iter()
        .map(|entry| entry_item(entry, width, theme))
        .collect();
    let list = List::new(items).highlight_style(theme.selected(focused));
    let mut state = ListState::default().with_selected(Some(panel.cursor));
    frame.render_stateful_widget(list, list_area, &mut state);
}

fn entry_item(entry: &PanelEntry, width: usize, theme: Theme) -> ListItem<'static> {
    match entry.kind {
        EntryKind::Quote => {
            // "Speaker: “words”": the speaker on one line, the quote under it.
            let (speaker, quote) = entry.label.split_once(": ").unwrap_or(("", &entry.label));
            ListItem::new(vec![
                Line::styled(truncate(speaker, width), theme.title(false)),
                Line::styled(truncate(&format!("  {quote}"), width), theme.quote()),
            ])
        }
        EntryKind::Highlight => {
            ListItem::new(Line::styled(truncate(&entry.label, width), theme.key()))
        }
        EntryKind::Figure => {
            ListItem::new(Line::styled(truncate(&entry.label, width), theme.figure()))
        }
        EntryKind::Outline => {
            ListItem::new(Line::styled(truncate(&entry.label, width), theme.dim()))
        }
    }
}
