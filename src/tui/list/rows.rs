//! The list's rows, built in one place. A narrow list (the usual side pane) shows each
//! article as a card of two lines: the title, then its date, where it is from and its
//! highlight count; a wide one (zoomed, or widened) a row of columns: date, title, where
//! it is from, count. Unread articles are marked `•` and their titles bold; the open one
//! is marked `▸`.

use lede::corpus::Article;
use lede::layout::display_width;
use ratatui::text::{Line, Span};
use ratatui::widgets::ListItem;

use crate::tui::shared::Shared;
use crate::tui::theme::Theme;
use crate::tui::widgets::truncate;

/// From this many columns inside the frame, an article is one row of columns.
pub const TABLE_WIDTH: usize = 64;

/// Screen rows per article for a list `inner` columns wide.
pub fn item_height(inner: usize) -> usize {
    if inner >= TABLE_WIDTH { 1 } else { 2 }
}

/// Where an article is from: its outlet and the feed it came through ("The Verge via
/// Hacker News"), whichever it has.
pub fn origin_label(article: &Article) -> Option<String> {
    fn clean(s: Option<&str>) -> Option<&str> {
        s.map(str::trim).filter(|s| !s.is_empty())
    }
    let source = clean(article.source.as_deref());
    let feed = clean(article.origin.feed.as_deref());
    match (source, feed) {
        (Some(source), Some(feed)) if !source.eq_ignore_ascii_case(feed) => {
            Some(format!("{source} via {feed}"))
        }
        (Some(name), _) | (None, Some(name)) => Some(name.to_string()),
        (None, None) => None,
    }
}

/// The list item of article `index`, `inner` columns wide.
pub fn item(index: usize, inner: usize, shared: &Shared, theme: Theme) -> ListItem<'static> {
    let article = &shared.corpus.articles[index];
    let read = shared.is_read(index);
    let marker = match (index == shared.open, read) {
        (true, _) => "▸",
        (false, false) => "•",
        (false, true) => " ",
    };
    let title_style = if read { theme.plain() } else { theme.unread() };
    let count = shared
        .highlight_counts
        .get(shared.keys.key(index))
        .copied()
        .unwrap_or(0);
    let count = if count > 0 {
        format!(" ✎{count}")
    } else {
        String::new()
    };
    // Where it came from, or else its file (and line, for a dataset).
    let label = origin_label(article).unwrap_or_else(|| article.file_name());
    if item_height(inner) == 2 {
        let title = truncate(&article.title, inner.saturating_sub(1));
        let date = article.date.map(|d| d.to_string());
        let room = inner.saturating_sub(2 + display_width(&count));
        let mut second = vec![Span::raw("  ")];
        let mut used = 0;
        if let Some(date) = date {
            used = display_width(&date) + 3;
            second.push(Span::styled(truncate(&date, room), theme.date()));
            second.push(Span::styled(" · ", theme.dim()));
        }
        let label = truncate(&label, room.saturating_sub(used));
        used += display_width(&label);
        second.push(Span::styled(label, theme.source()));
        if !count.is_empty() {
            second.push(Span::raw(" ".repeat(room.saturating_sub(used))));
            second.push(Span::styled(count, theme.key()));
        }
        return ListItem::new(vec![
            Line::from(vec![Span::raw(marker), Span::styled(title, title_style)]),
            Line::from(second),
        ]);
    }
    let date = article
        .date
        .map(|d| d.to_string())
        .unwrap_or_else(|| "   —      ".to_string());
    // Marker, date (10) and a space; the title takes what is left but the origin column.
    let fixed = 1 + 10 + 1 + display_width(&count);
    let room = inner.saturating_sub(fixed);
    let label_room = (room / 4).clamp(12, 28);
    let title_room = room.saturating_sub(label_room + 1);
    let title = truncate(&article.title, title_room);
    let pad = title_room.saturating_sub(display_width(&title)) + 1;
    let label = truncate(&label, label_room);
    let pad_count = label_room.saturating_sub(display_width(&label));
    let mut spans = vec![
        Span::raw(marker),
        Span::styled(date, theme.date()),
        Span::raw(" "),
        Span::styled(title, title_style),
        Span::raw(" ".repeat(pad)),
        Span::styled(label, theme.source()),
    ];
    if !count.is_empty() {
        spans.push(Span::raw(" ".repeat(pad_count)));
        spans.push(Span::styled(count, theme.key()));
    }
    ListItem::new(Line::from(spans))
}
