//! Drawing pieces the components share: pane frames, overlay boxes, cut text.

use lede::corpus::acts_on_terminal;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

use super::panes::{MIN_HEIGHT, MIN_WIDTH};
use super::theme::Theme;

/// A pane's frame: thick and bold when focused, so focus shows without colour too.
pub fn pane_block(title: String, focused: bool, theme: Theme) -> Block<'static> {
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
pub fn overlay_area(area: Rect, max_width: u16, height: Option<u16>) -> Rect {
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

pub fn draw_too_small(area: Rect, frame: &mut Frame) {
    let message = format!(
        "Terminal too small ({}x{}): lede needs at least {MIN_WIDTH}x{MIN_HEIGHT}. Enlarge the window, or press q to quit.",
        area.width, area.height
    );
    frame.render_widget(Paragraph::new(message).wrap(Wrap { trim: true }), area);
}

/// Cuts `text` to at most `width` display cells, ending with `…` when cut.
pub fn truncate(text: &str, width: usize) -> String {
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

/// `text` with its white space folded, wrapped at `width` cells by the text layout module.
pub fn wrap_text(text: &str, width: usize) -> Vec<String> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    lede::layout::wrap(&text, width)
        .into_iter()
        .filter_map(|range| text.get(range).map(str::to_string))
        .collect()
}

/// Replaces every cell whose text holds a character that could act on a terminal (a
/// control, or a bidi mark or override) by U+FFFD, so nothing drawn can reach the terminal
/// as a control sequence or reorder what is shown, whatever a component drew.
pub fn neutralise_cells(buffer: &mut Buffer) {
    for cell in buffer.content.iter_mut() {
        let symbol = cell.symbol();
        // Plain ASCII cells (nearly all of them) cannot hold one but for the C0 controls.
        let unsafe_cell = if symbol.is_ascii() {
            symbol.bytes().any(|b| b < 0x20 || b == 0x7F)
        } else {
            symbol.chars().any(acts_on_terminal)
        };
        if unsafe_cell {
            cell.set_symbol("\u{FFFD}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_with_controls_or_direction_overrides_are_replaced() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 6, 1));
        for (x, symbol) in ["a", "\u{202E}", "\u{1b}", "\u{9b}", "é", "\u{2066}"]
            .into_iter()
            .enumerate()
        {
            buffer[(x as u16, 0)].set_symbol(symbol);
        }
        neutralise_cells(&mut buffer);
        let shown: Vec<&str> = buffer.content.iter().map(|c| c.symbol()).collect();
        assert_eq!(
            shown,
            ["a", "\u{FFFD}", "\u{FFFD}", "\u{FFFD}", "é", "\u{FFFD}"]
        );
    }
}
