//! Drawing the side panel: the article's metadata (byline included), then its entries
//! wrapped in full under section and speaker headings. Entries longer than a few lines
//! are clamped with a marker unless selected; the view scrolls to keep the selection in.

use lede::corpus::Article;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::PanelPane;
use super::entries::{EntryKind, PanelEntry};
use crate::tui::component::View;
use crate::tui::shared::Shared;
use crate::tui::theme::Theme;
use crate::tui::widgets::{pane_block, truncate, wrap_text};

/// Lines an entry shows when it is not selected; longer ones end with a marker.
const CLAMP: usize = 4;

/// One row of the panel: a line, and the entry it belongs to (none for headings).
pub struct PanelRow {
    pub entry: Option<usize>,
    pub line: Line<'static>,
}

pub fn draw(panel: &PanelPane, frame: &mut Frame, area: Rect, view: &View) {
    let block = pane_block("Quotes · Figures".to_string(), view.focused, view.theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = rows(
        panel,
        view.shared,
        view.theme,
        usize::from(inner.width),
        view.focused,
    );
    let height = usize::from(inner.height);
    let top = panel.scroll_to_cursor(&rows, height);
    let lines: Vec<Line> = rows
        .into_iter()
        .skip(top)
        .take(height)
        .map(|r| r.line)
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Every row of the panel at `width` (the metadata first).
pub fn rows(
    panel: &PanelPane,
    shared: &Shared,
    theme: Theme,
    width: usize,
    focused: bool,
) -> Vec<PanelRow> {
    let Some(article) = shared.article() else {
        return Vec::new();
    };
    let width = width.saturating_sub(1).max(1);
    let mut rows: Vec<PanelRow> = meta(article, shared, theme, width)
        .into_iter()
        .map(|line| PanelRow { entry: None, line })
        .collect();
    let heading = |rows: &mut Vec<PanelRow>, text: String, style: Style| {
        rows.push(PanelRow {
            entry: None,
            line: Line::styled(truncate(&text, width), style),
        });
    };
    let mut previous: Option<&PanelEntry> = None;
    for (index, entry) in panel.entries.iter().enumerate() {
        if previous.is_none_or(|p| p.kind != entry.kind) {
            let count = panel
                .entries
                .iter()
                .filter(|e| e.kind == entry.kind)
                .count();
            rows.push(PanelRow {
                entry: None,
                line: Line::default(),
            });
            let title = match entry.kind {
                EntryKind::Highlight => format!("Highlights · {count}"),
                EntryKind::Quote => format!("Quotes · {count}"),
                EntryKind::Figure => format!("Figures · {count}"),
                EntryKind::Outline => "Outline".to_string(),
            };
            heading(&mut rows, title, theme.dim());
        }
        if entry.kind == EntryKind::Quote && previous.is_none_or(|p| p.speaker != entry.speaker) {
            let speaker = entry.speaker.clone().unwrap_or_default();
            let said = panel
                .entries
                .iter()
                .filter(|e| e.kind == EntryKind::Quote && e.speaker == entry.speaker)
                .count();
            heading(&mut rows, format!("{speaker} · {said}"), theme.title(false));
        }
        previous = Some(entry);
        let selected = index == panel.cursor;
        let mut lines = entry_lines(entry, width, theme);
        if !selected && lines.len() > CLAMP {
            let hidden = lines.len() - (CLAMP - 1);
            lines.truncate(CLAMP - 1);
            lines.push(Line::styled(
                format!("  ⋯ {hidden} more lines"),
                theme.furniture(),
            ));
        }
        for line in lines {
            let line = if selected {
                line.patch_style(theme.selected(focused))
            } else {
                line
            };
            rows.push(PanelRow {
                entry: Some(index),
                line,
            });
        }
    }
    rows
}

/// The article's date, source, byline, file, address and warnings, and what was found.
fn meta(article: &Article, shared: &Shared, theme: Theme, width: usize) -> Vec<Line<'static>> {
    let words = article.body.split_whitespace().count();
    let date = article
        .date
        .map(|d| d.to_string())
        .unwrap_or_else(|| "undated".into());
    let source = crate::tui::list::rows::origin_label(article)
        .unwrap_or_else(|| "source unknown".to_string());
    let dim = |text: String| -> Vec<Line<'static>> {
        wrap_text(&text, width)
            .into_iter()
            .map(|l| Line::styled(l, theme.dim()))
            .collect()
    };
    let mut meta = dim(format!("{date} · {source}"));
    if !article.byline.is_empty() {
        meta.extend(
            wrap_text(&format!("By {}", article.byline.join(", ")), width)
                .into_iter()
                .map(|l| Line::styled(l, theme.standfirst())),
        );
    }
    meta.push(Line::styled(
        truncate(
            &format!("{} · {words} words", article.origin.label()),
            width,
        ),
        theme.dim(),
    ));
    if let Some(url) = &article.origin.url {
        meta.push(Line::styled(truncate(url, width), theme.dim()));
    }
    if !article.origin.duplicates.is_empty() {
        meta.extend(dim(format!(
            "also in {}",
            article.origin.duplicates.join(", ")
        )));
    }
    for warning in &article.warnings {
        meta.extend(
            wrap_text(warning, width)
                .into_iter()
                .map(|l| Line::styled(l, theme.notice())),
        );
    }
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let highlights = count(shared.marks.len(), "highlight", "highlights");
    let counts = match shared.extraction() {
        Some(extraction) => format!(
            "{} · {} · {highlights}",
            count(extraction.quotes.len(), "quote", "quotes"),
            count(extraction.figures.len(), "figure", "figures"),
        ),
        None => format!("reading quotes… · {highlights}"),
    };
    meta.push(Line::styled(truncate(&counts, width), theme.title(false)));
    meta
}

/// An entry's lines, wrapped in full at `width`.
fn entry_lines(entry: &PanelEntry, width: usize, theme: Theme) -> Vec<Line<'static>> {
    let indented = |text: &str, first: &str, style: Style| -> Vec<Line<'static>> {
        let room = width.saturating_sub(2).max(1);
        wrap_text(text, room)
            .into_iter()
            .enumerate()
            .map(|(i, l)| {
                let lead = if i == 0 { first } else { "  " };
                Line::styled(format!("{lead}{l}"), style)
            })
            .collect()
    };
    match entry.kind {
        EntryKind::Quote => indented(&format!("“{}”", entry.text), "  ", theme.quote()),
        EntryKind::Highlight => {
            let mut lines = indented(
                &entry.text,
                "✎ ",
                theme.highlight(entry.colour, &entry.tags),
            );
            if !entry.tags.is_empty() {
                let tags: Vec<String> = entry.tags.iter().map(|t| format!("#{t}")).collect();
                lines.extend(indented(&tags.join(" "), "  ", theme.key()));
            }
            if let Some(note) = &entry.note {
                let note = super::entries::one_line(note);
                lines.extend(indented(&format!("✎ {note}"), "  ", theme.standfirst()));
            }
            lines
        }
        EntryKind::Figure => {
            let mut lines = indented(&entry.text, "", theme.figure());
            if let Some(context) = &entry.context {
                lines.extend(indented(context, "  ", theme.dim()));
            }
            lines
        }
        EntryKind::Outline => vec![Line::from(Span::styled(
            truncate(&entry.text, width),
            theme.dim(),
        ))],
    }
}
