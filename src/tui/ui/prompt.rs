//! The text editor popup: one line for tags and filters, a box for notes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Clear;

use super::pane_block;
use crate::tui::editor::Editor;
use crate::tui::theme::Theme;

pub fn draw(editor: &Editor, theme: Theme, area: Rect, frame: &mut Frame) {
    let width = area.width.saturating_sub(4).min(90);
    let height = if editor.is_multiline() {
        area.height.saturating_sub(6).clamp(3, 12)
    } else {
        3
    };
    let rect = Rect {
        x: area.x + (area.width.saturating_sub(width)) / 2,
        y: area.y + area.height.saturating_sub(height + 2),
        width,
        height: height.min(area.height),
    };
    let mut block = pane_block(editor.title().to_string(), true, theme);
    let candidates = editor.candidates();
    if !candidates.is_empty() {
        block = block.title_bottom(Line::styled(
            format!(" tab: {} ", candidates.join(" ")),
            theme.key(),
        ));
    }
    let mut textarea = editor.textarea.clone();
    textarea.set_block(block);
    textarea.set_cursor_line_style(ratatui::style::Style::new());
    textarea.set_cursor_style(theme.cursor());
    frame.render_widget(Clear, rect);
    frame.render_widget(&textarea, rect);
}
