//! Drawing: reads the app state, never changes it.

mod export;
mod help;
mod list;
mod marks;
mod panel;
mod prompt;
mod reader;
mod search;
mod speakers;
mod status;

#[cfg(test)]
pub use status::hints as status_hints;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

use super::app::{App, Focus};
use super::panes::{self, MIN_HEIGHT, MIN_WIDTH};
use super::theme::Theme;

pub fn draw(app: &App, theme: Theme, frame: &mut Frame) {
    let area = frame.area();
    if panes::too_small(area) {
        draw_too_small(area, frame);
        return;
    }
    let panes = panes::panes(area, app.focus);
    if let Some(rect) = panes.list {
        list::draw(app, theme, rect, frame);
    }
    if let Some(rect) = panes.reader {
        reader::draw(app, theme, rect, frame);
    }
    if let Some(rect) = panes.panel {
        panel::draw(app, theme, rect, frame);
    }
    status::draw(app, theme, panes.status, frame);
    if app.search_view.is_some() {
        search::draw(app, theme, area, frame);
    }
    if app.speakers_view.is_some() {
        speakers::draw(app, theme, area, frame);
    }
    if app.export_dialog.is_some() {
        export::draw(app, theme, area, frame);
    }
    if app.marks_overlay.is_some() {
        marks::draw(app, theme, area, frame);
    }
    if let Some(editor) = &app.editor {
        prompt::draw(editor, theme, area, frame);
    }
    if app.show_help {
        help::draw(app, theme, area, frame);
    }
}

/// A pane's frame: thick and bold when focused, so focus shows without colour too.
fn pane_block(title: String, focused: bool, theme: Theme) -> Block<'static> {
    Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(theme.border(focused))
        .title(Line::styled(format!(" {title} "), theme.title(focused)))
}

/// A box for an overlay: at most `max_width` wide with a margin either side, centred;
/// `height` rows (or all but a margin), centred vertically.
fn overlay_area(area: Rect, max_width: u16, height: Option<u16>) -> Rect {
    let width = area.width.saturating_sub(4).min(max_width);
    let height = height
        .unwrap_or(u16::MAX)
        .min(area.height.saturating_sub(2))
        .max(area.height.min(1));
    Rect {
        x: area.x + area.width.saturating_sub(width) / 2,
        y: area.y + area.height.saturating_sub(height) / 2,
        width,
        height,
    }
}

fn is_focused(app: &App, pane: Focus) -> bool {
    app.focus == pane && !app.show_help
}

fn draw_too_small(area: Rect, frame: &mut Frame) {
    let message = format!(
        "Terminal too small ({}x{}): lede needs at least {MIN_WIDTH}x{MIN_HEIGHT}. Enlarge the window, or press q to quit.",
        area.width, area.height
    );
    frame.render_widget(Paragraph::new(message).wrap(Wrap { trim: true }), area);
}

/// Cuts `text` to at most `width` display cells, ending with `…` when cut.
fn truncate(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    if lede::layout::display_width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}
