//! The speakers view: every speaker across the corpus with their number of quotes, and one
//! speaker's quotes from all articles.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, List, ListItem, ListState};

use super::{overlay_area, pane_block, truncate};
use crate::tui::app::App;
use crate::tui::theme::Theme;

pub fn draw(app: &App, theme: Theme, area: Rect, frame: &mut Frame) {
    let Some(view) = &app.speakers_view else {
        return;
    };
    let rect = overlay_area(area, 100, None);
    let text_width = usize::from(rect.width.saturating_sub(4));
    let speakers = app.speakers();
    let progress = if app.extractions.complete() {
        String::new()
    } else {
        format!(
            " · reading {}/{} articles",
            app.extractions.done,
            app.extractions.by_article.len()
        )
    };
    let (title, items, cursor) = match &view.chosen {
        None => {
            let items: Vec<ListItem> = speakers
                .iter()
                .map(|s| {
                    let articles = {
                        let mut a: Vec<usize> = s.quotes.iter().map(|q| q.0).collect();
                        a.dedup();
                        a.len()
                    };
                    ListItem::new(Line::from(vec![
                        Span::styled(format!("{:>4}  ", s.quotes.len()), theme.key()),
                        Span::raw(truncate(&s.name, text_width.saturating_sub(20))),
                        Span::styled(
                            format!(
                                "  in {articles} article{}",
                                if articles == 1 { "" } else { "s" }
                            ),
                            theme.dim(),
                        ),
                    ]))
                })
                .collect();
            let title = format!(
                "Speakers ({}){progress} · j/k · enter lists quotes · esc",
                speakers.len()
            );
            (title, items, view.cursor)
        }
        Some((name, cursor)) => {
            let quotes = speakers
                .iter()
                .find(|s| &s.name == name)
                .map(|s| s.quotes.clone())
                .unwrap_or_default();
            let items: Vec<ListItem> = quotes
                .iter()
                .filter_map(|&(article, quote)| {
                    let q = app.extractions.get(article)?.quotes.get(quote)?;
                    let title = &app.corpus.articles.get(article)?.title;
                    Some(ListItem::new(vec![
                        Line::styled(truncate(title, text_width), theme.dim()),
                        Line::styled(
                            truncate(&format!("  “{}”", q.text), text_width),
                            theme.quote(),
                        ),
                    ]))
                })
                .collect();
            let title = format!("{name} · {} quotes · enter jumps · esc back", quotes.len());
            (title, items, *cursor)
        }
    };
    let block = pane_block(title, true, theme);
    let list = List::new(items)
        .block(block)
        .highlight_style(theme.selected(true));
    let mut state = ListState::default().with_selected(Some(cursor));
    frame.render_widget(Clear, rect);
    frame.render_stateful_widget(list, rect, &mut state);
}
