//! The help overlay: every key of every pane (from the active keymap), of every dialog
//! (from the dialogs' own key tables) and the search syntax. It scrolls to its last line
//! at any size (the lines are wrapped before they are counted), and `/` filters it.

use std::cell::Cell;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::tui::action::Action;
use crate::tui::component::{
    self, Component, Handled, HelpSection, Hint, Input, Overlay, Request, View,
};
use crate::tui::editor::{Editor, Outcome, Purpose};
use crate::tui::keymap::{Context, Keymap};
use crate::tui::shared::Shared;
use crate::tui::theme::Theme;
use crate::tui::widgets::{overlay_area, pane_block, wrap_text};

/// Width of the keys column.
const KEYS: usize = 22;

#[derive(Default)]
pub struct Help {
    /// The first line shown; drawing keeps it within the text.
    scroll: Cell<usize>,
    /// The filter, as typed.
    filter: String,
    /// The filter prompt, while typing.
    typing: Option<Editor>,
}

/// The sections of the keymap: a heading per context, a row per action with its keys.
pub fn keymap_sections(keymap: &Keymap) -> Vec<HelpSection> {
    let mut sections = Vec::new();
    for context in Context::ALL {
        let bindings = keymap.bindings(context);
        let rows: Vec<(String, String)> = Action::ALL
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
                let keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
                let help = match (context, action) {
                    (Context::Help, Action::Search) => "filter this help",
                    _ => action.help(),
                };
                Some((keys.join(" "), help.to_string()))
            })
            .collect();
        if rows.is_empty() {
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
        sections.push(HelpSection {
            heading: heading.to_string(),
            rows,
        });
    }
    sections
}

/// Every section: the panes', then each dialog's and the search syntax.
pub fn sections(keymap: &Keymap) -> Vec<HelpSection> {
    use crate::tui::overlays;
    let mut sections = keymap_sections(keymap);
    sections.extend([
        HelpSection::of(
            "Everywhere, in every dialog",
            &[] as &[component::DialogKey<()>],
            &[("ctrl-z", "suspend (fg comes back)")],
        ),
        overlays::search::help(),
        crate::tui::search::syntax_help(),
        overlays::highlights::help(),
        overlays::speakers::help(),
        overlays::export::help(),
        overlays::feeds::help(),
    ]);
    sections.extend(crate::tui::editor::help());
    sections
}

/// The help as lines `width` wide: long rows wrap under their text column. Rows and
/// headings that do not contain `filter` (ignoring case) are left out.
pub fn lines(
    sections: &[HelpSection],
    filter: &str,
    width: usize,
    theme: Theme,
) -> Vec<Line<'static>> {
    let filter = filter.trim().to_lowercase();
    let keep = |text: &str| filter.is_empty() || text.to_lowercase().contains(&filter);
    let mut lines = Vec::new();
    let text_width = width.saturating_sub(KEYS + 2).max(10);
    for section in sections {
        let whole = keep(&section.heading);
        let rows: Vec<&(String, String)> = section
            .rows
            .iter()
            .filter(|(keys, text)| whole || keep(keys) || keep(text))
            .collect();
        if rows.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        for part in wrap_text(&section.heading, width.max(1)) {
            lines.push(Line::styled(part, theme.title(false)));
        }
        for (keys, text) in rows {
            if width < KEYS + 24 {
                // Narrow: the keys on a line, what they do under them.
                for part in wrap_text(keys, width.saturating_sub(2).max(1)) {
                    lines.push(Line::styled(format!("  {part}"), theme.key()));
                }
                for part in wrap_text(text, width.saturating_sub(4).max(1)) {
                    lines.push(Line::raw(format!("    {part}")));
                }
                continue;
            }
            let mut wrapped = wrap_text(text, text_width).into_iter();
            let first = wrapped.next().unwrap_or_default();
            if lede::layout::display_width(keys) > KEYS {
                // Keys too long for their column get lines of their own.
                for part in wrap_text(keys, width.saturating_sub(2)) {
                    lines.push(Line::styled(format!("  {part}"), theme.key()));
                }
                lines.push(Line::raw(format!("  {:<KEYS$}{first}", "")));
            } else {
                lines.push(Line::from(vec![
                    Span::styled(format!("  {keys:<KEYS$}"), theme.key()),
                    Span::raw(first),
                ]));
            }
            for more in wrapped {
                lines.push(Line::raw(format!("  {:<KEYS$}{more}", "")));
            }
        }
    }
    if lines.is_empty() {
        lines.push(Line::styled(
            format!("nothing matches “{filter}”"),
            theme.dim(),
        ));
    }
    lines
}

impl Help {
    fn scroll_by(&mut self, rows: isize) {
        let scroll = self.scroll.get_mut();
        *scroll = scroll.saturating_add_signed(rows);
    }
}

impl Component for Help {
    fn handle(&mut self, input: &Input, shared: &Shared, out: &mut Vec<Request>) -> Handled {
        let Input::Key(event) = input else {
            return Handled::Consumed;
        };
        if let Some(editor) = self.typing.as_mut() {
            match editor.input(*event) {
                Outcome::Editing | Outcome::External(_) => self.filter = editor.text(),
                Outcome::Done(text) => {
                    self.filter = text;
                    self.typing = None;
                }
                Outcome::Cancelled => {
                    self.filter.clear();
                    self.typing = None;
                }
            }
            *self.scroll.get_mut() = 0;
            return Handled::Consumed;
        }
        let Some(action) = component::action(&shared.keymap, Context::Help, input) else {
            let key = crate::tui::keymap::Key::from_event(event);
            out.push(Request::notice(format!(
                "{key}: no action here (? for help)"
            )));
            return Handled::Consumed;
        };
        match action {
            Action::Close if !self.filter.is_empty() => self.filter.clear(),
            Action::Close => out.push(Request::Close),
            Action::Down => self.scroll_by(1),
            Action::Up => self.scroll_by(-1),
            Action::PageDown => self.scroll_by(10),
            Action::PageUp => self.scroll_by(-10),
            Action::Top => *self.scroll.get_mut() = 0,
            Action::Bottom => *self.scroll.get_mut() = usize::MAX / 2,
            Action::Search => {
                self.typing = Some(Editor::new(Purpose::Search, &self.filter, Vec::new()));
            }
            _ => {}
        }
        Handled::Consumed
    }

    fn hints(&self, shared: &Shared) -> Vec<Hint> {
        if self.typing.is_some() {
            return vec![
                Hint::new("enter", "keep the filter"),
                Hint::new("esc", "clear it"),
            ];
        }
        let groups: &[&[Action]] = &[
            &[Action::Down, Action::Up],
            &[Action::Top, Action::Bottom],
            &[Action::Search],
            &[Action::Close],
        ];
        component::keymap_hints(&shared.keymap, Context::Help, groups, |g| match g {
            [Action::Down, Action::Up] => "scroll",
            [Action::Top, Action::Bottom] => "top/end",
            [Action::Search] => "filter",
            _ => "close",
        })
    }

    fn draw(&self, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let rect = overlay_area(area, 80, None);
        let title = match (&self.typing, self.filter.is_empty()) {
            (Some(_), _) => format!("Keys · filter: {}▏ · enter keeps · esc clears", self.filter),
            (None, false) => format!("Keys · filter: {} · / changes · esc clears", self.filter),
            (None, true) => "Keys · j/k g/G scroll · / filter · esc close".to_string(),
        };
        let block = pane_block(title, true, theme);
        let inner = block.inner(rect);
        let sections = sections(&view.shared.keymap);
        let lines = lines(&sections, &self.filter, usize::from(inner.width), theme);
        let max_scroll = lines.len().saturating_sub(usize::from(inner.height));
        let scroll = self.scroll.get().min(max_scroll);
        self.scroll.set(scroll);
        let shown: Vec<Line> = lines
            .into_iter()
            .skip(scroll)
            .take(usize::from(inner.height))
            .collect();
        frame.render_widget(Clear, rect);
        frame.render_widget(Paragraph::new(shown).block(block), rect);
    }
}

impl Overlay for Help {
    fn name(&self) -> &'static str {
        "Help"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_fits_and_every_dialog_is_listed() {
        let sections = sections(&Keymap::defaults());
        for heading in [
            "Search",
            "Search syntax",
            "Highlights",
            "Speakers",
            "Export",
            "Feeds",
        ] {
            assert!(
                sections.iter().any(|s| s.heading.starts_with(heading)),
                "{heading}"
            );
        }
        for width in [20, 40, 56, 76] {
            for line in lines(&sections, "", width, Theme::colored(false)) {
                let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
                assert!(
                    lede::layout::display_width(&text) <= width,
                    "{width}: {text:?}"
                );
            }
        }
        let filtered = lines(&sections, "undo", 76, Theme::colored(false));
        assert!(filtered.len() < 8, "{}", filtered.len());
    }
}
