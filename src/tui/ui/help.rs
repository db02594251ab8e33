//! The help overlay: every binding of the active keymap, by context.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::{overlay_area, pane_block};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::theme::Theme;

/// Help lines: a heading per context, then one line per action with all its keys.
pub fn lines(keymap: &Keymap, theme: Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for context in Context::ALL {
        let bindings = keymap.bindings(context);
        let by_action: Vec<(Action, Vec<String>)> = Action::ALL
            .iter()
            .filter_map(|&action| {
                let mut keys: Vec<_> = bindings
                    .iter()
                    .filter(|(_, a)| *a == action)
                    .map(|(k, _)| *k)
                    .collect();
                if keys.is_empty() {
                    return None;
                }
                keys.sort_by_key(|k| (k.modifiers.bits(), k.to_string()));
                Some((action, keys.iter().map(|k| k.to_string()).collect()))
            })
            .collect();
        if by_action.is_empty() {
            continue;
        }
        let heading = match context {
            Context::Global => "Everywhere",
            Context::List => "Article list",
            Context::Reader => "Reader",
            Context::Select => "Reader, while selecting (v)",
            Context::Inside => "After i in a selection",
            Context::Panel => "Side panel",
            Context::Help => "This help",
        };
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(heading, theme.title(false)));
        for (action, keys) in by_action {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<22}", keys.join(" ")), theme.key()),
                Span::raw(action.help()),
            ]));
        }
    }
    lines
}

pub fn draw(app: &App, theme: Theme, area: Rect, frame: &mut Frame) {
    let rect = overlay_area(area, 60, None);
    let height = rect.height;
    let lines = lines(&app.keymap, theme);
    let max_scroll = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_sub(height.saturating_sub(2));
    let title = if max_scroll > 0 {
        "Keys · j/k scroll · esc close"
    } else {
        "Keys · esc to close"
    };
    frame.render_widget(Clear, rect);
    let block = pane_block(title.to_string(), true, theme);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((app.help_scroll.min(max_scroll), 0)),
        rect,
    );
}
