//! The help overlay: every binding of the active keymap, by context.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::tui::action::Action;
use crate::tui::component::{self, Component, Handled, Hint, Input, Overlay, Request, View};
use crate::tui::keymap::{Context, Keymap};
use crate::tui::shared::Shared;
use crate::tui::theme::Theme;
use crate::tui::widgets::{overlay_area, pane_block};

#[derive(Default)]
pub struct Help {
    pub scroll: u16,
}

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

impl Component for Help {
    fn handle(&mut self, input: &Input, shared: &Shared, out: &mut Vec<Request>) -> Handled {
        let Some(action) = component::action(&shared.keymap, Context::Help, input) else {
            let Input::Key(event) = input;
            let key = crate::tui::keymap::Key::from_event(event);
            out.push(Request::notice(format!(
                "{key}: no action here (? for help)"
            )));
            return Handled::Consumed;
        };
        match action {
            Action::Close => out.push(Request::Close),
            Action::Down | Action::PageDown => {
                let step = if action == Action::Down { 1 } else { 10 };
                self.scroll = self.scroll.saturating_add(step).min(200);
            }
            Action::Up | Action::PageUp => {
                let step = if action == Action::Up { 1 } else { 10 };
                self.scroll = self.scroll.saturating_sub(step);
            }
            _ => {}
        }
        Handled::Consumed
    }

    fn hints(&self, shared: &Shared) -> Vec<Hint> {
        component::keymap_hints(&shared.keymap, Context::Help, &[&[Action::Close]], |_| {
            Action::Close.help()
        })
    }

    fn draw(&self, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let rect = overlay_area(area, 60, None);
        let height = rect.height;
        let lines = lines(&view.shared.keymap, theme);
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
                .scroll((self.scroll.min(max_scroll), 0)),
            rect,
        );
    }
}

impl Overlay for Help {
    fn name(&self) -> &'static str {
        "Help"
    }
}
