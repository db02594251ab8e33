//! Drawing the reader: the open article, wrapped to the pane, with furniture dimmed,
//! quotes and figures styled, highlights coloured and a marked passage underlined.

use std::ops::Range;

use lede::corpus::ParagraphKind;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::ReaderPane;
use crate::tui::component::View;
use crate::tui::panes::reader_text_area;
use crate::tui::widgets::{pane_block, truncate};

pub fn draw(pane: &ReaderPane, frame: &mut Frame, area: Rect, view_of: &View) {
    let (shared, theme, focused) = (view_of.shared, view_of.theme, view_of.focused);
    let Some(article) = shared.article() else {
        let block = pane_block("Reader".to_string(), focused, theme);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let width = usize::from(inner.width.saturating_sub(2)).max(1);
        let mut lines = vec![Line::raw(" No articles to show.")];
        if let Some(loading) = &shared.loading {
            lines.push(Line::styled(format!(" {}", loading.status(0)), theme.dim()));
        } else if !shared.corpus.problems.is_empty() {
            lines.push(Line::default());
            lines.push(Line::styled(" Nothing could be read:", theme.notice()));
            lines.extend(
                crate::tui::overlays::problems::lines(shared, theme, width)
                    .into_iter()
                    .map(|line| {
                        let mut spans = vec![Span::raw(" ")];
                        spans.extend(line.spans);
                        Line::from(spans)
                    }),
            );
        }
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    };
    let view = &pane.view;
    let total = view.layout.rows.len();
    let percent = if total <= view.height {
        100
    } else {
        (view.top + view.height).min(total) * 100 / total
    };
    let room = usize::from(area.width).saturating_sub(12);
    let title = format!("{} · {percent}%", truncate(&article.title, room));
    frame.render_widget(pane_block(title, focused, theme), area);

    let text_area = reader_text_area(area, shared.config.text_width);
    let mut overlays: Vec<(Range<usize>, Style)> = Vec::new();
    if shared.extractions.shown_in_reader
        && let Some(extraction) = shared.extraction()
    {
        overlays.extend(
            extraction
                .quotes
                .iter()
                .map(|q| (q.range.clone(), theme.quote())),
        );
        overlays.extend(
            extraction
                .figures
                .iter()
                .map(|f| (f.range.clone(), theme.figure())),
        );
    }
    overlays.extend(
        shared
            .marks
            .iter()
            .filter_map(|m| Some((m.range.clone()?, theme.highlight(m.colour, &m.tags)))),
    );

    overlays.extend(view.mark.iter().map(|m| (m.clone(), theme.mark())));

    if let Some(selection) = view.selection(&article.body) {
        overlays.push((selection, theme.selection()));
    }
    if focused {
        let end = article.body[view.cursor..]
            .chars()
            .next()
            .map_or(view.cursor, |c| view.cursor + c.len_utf8());
        overlays.push((view.cursor..end, theme.cursor()));
    }
    let lines: Vec<Line> = view
        .layout
        .rows
        .iter()
        .skip(view.top)
        .take(usize::from(text_area.height))
        .map(|row| {
            let Some(paragraph) = row.paragraph else {
                return Line::default();
            };
            let kind = article.paragraphs[paragraph].kind;
            let base = match kind {
                ParagraphKind::Headline | ParagraphKind::Section => theme.headline(),
                ParagraphKind::Standfirst => theme.standfirst(),
                k if k.is_boilerplate() => theme.furniture(),
                _ => Style::new(),
            };
            Line::from(styled_spans(
                &article.body,
                row.range.clone(),
                base,
                &overlays,
            ))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), text_area);
}

/// The spans of one row: `base` style, with each overlay's style patched on where its
/// range meets the row. Newlines inside a paragraph show as spaces.
fn styled_spans(
    body: &str,
    row: Range<usize>,
    base: Style,
    overlays: &[(Range<usize>, Style)],
) -> Vec<Span<'static>> {
    let mut cuts = vec![row.start, row.end];
    for (range, _) in overlays {
        for cut in [range.start, range.end] {
            if cut > row.start && cut < row.end && body.is_char_boundary(cut) {
                cuts.push(cut);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .filter_map(|w| {
            let text = body.get(w[0]..w[1])?.replace('\n', " ");
            let style = overlays
                .iter()
                .filter(|(r, _)| r.start <= w[0] && w[1] <= r.end)
                .fold(base, |style, (_, overlay)| style.patch(*overlay));
            Some(Span::styled(text, style))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    #[test]
    fn overlays_split_a_row_into_spans() {
        let body = "one two three";
        let mark = Style::new().add_modifier(Modifier::UNDERLINED);
        let spans = styled_spans(body, 0..13, Style::new(), &[(4..7, mark)]);
        let texts: Vec<&str> = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(texts, ["one ", "two", " three"]);
        assert_eq!(spans[1].style, mark);
        assert_eq!(spans[0].style, Style::new());
    }
}
