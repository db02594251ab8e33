//! What went wrong, in full: the feeds of the last update that failed or had trouble
//! (each once, with every reason), and the files that could not be read.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use crate::tui::action::Action;
use crate::tui::component::{self, Component, Handled, Hint, Input, Overlay, Request, View};
use crate::tui::keymap::Context;
use crate::tui::shared::Shared;
use crate::tui::theme::Theme;
use crate::tui::widgets::{overlay_area, pane_block, wrap_text};

#[derive(Default)]
pub struct Problems {
    scroll: usize,
}

/// The problems as lines at `width`: the feed or path, then the reasons, indented.
pub fn lines(shared: &Shared, theme: Theme, width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let feeds = &shared.feeds.problems;
    let files = &shared.corpus.problems;
    let heading = |lines: &mut Vec<Line<'static>>, text: String| {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(text, theme.title(false)));
    };
    if !feeds.is_empty() {
        heading(&mut lines, "Feeds, last update".to_string());
    }
    for problem in feeds {
        let name = if problem.url.is_empty() || problem.url == problem.feed {
            problem.feed.clone()
        } else {
            format!("{} · {}", problem.feed, problem.url)
        };
        lines.extend(wrap_text(&name, width).into_iter().map(Line::raw));
        for reason in &problem.reasons {
            lines.extend(
                wrap_text(reason, width.saturating_sub(2))
                    .into_iter()
                    .map(|l| Line::styled(format!("  {l}"), theme.dim())),
            );
        }
    }
    if !feeds.is_empty() && !files.is_empty() {
        heading(&mut lines, "Files not loaded".to_string());
    }
    for problem in files {
        let path = problem.path.display().to_string();
        lines.extend(wrap_text(&path, width).into_iter().map(Line::raw));
        lines.extend(
            wrap_text(&problem.reason, width.saturating_sub(2))
                .into_iter()
                .map(|l| Line::styled(format!("  {l}"), theme.dim())),
        );
    }
    lines
}

impl Component for Problems {
    fn handle(&mut self, input: &Input, shared: &Shared, out: &mut Vec<Request>) -> Handled {
        // The help's keys: scroll, top and bottom, close.
        match component::action(&shared.keymap, Context::Help, input) {
            Some(Action::Close) => out.push(Request::Close),
            Some(Action::Down) => self.scroll += 1,
            Some(Action::Up) => self.scroll = self.scroll.saturating_sub(1),
            Some(Action::PageDown) => self.scroll += 10,
            Some(Action::PageUp) => self.scroll = self.scroll.saturating_sub(10),
            Some(Action::Top) => self.scroll = 0,
            Some(Action::Bottom) => self.scroll = usize::MAX / 2,
            _ => {}
        }
        Handled::Consumed
    }

    fn hints(&self, shared: &Shared) -> Vec<Hint> {
        let groups: &[&[Action]] = &[&[Action::Down, Action::Up], &[Action::Close]];
        component::keymap_hints(&shared.keymap, Context::Help, groups, |g| match g {
            [Action::Down, Action::Up] => "scroll",
            _ => "close",
        })
    }

    fn draw(&self, frame: &mut Frame, area: Rect, view: &View) {
        let rect = overlay_area(area, 100, None);
        let n = view.shared.corpus.problems.len();
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let title = match view.shared.feeds.problems.len() {
            0 => format!("Not loaded · {n} file{}", plural(n)),
            f => format!("Problems · {f} feed{} · {n} file{}", plural(f), plural(n)),
        };
        let block = pane_block(title, true, view.theme);
        let inner = block.inner(rect);
        let lines = lines(view.shared, view.theme, usize::from(inner.width));
        let max = lines.len().saturating_sub(usize::from(inner.height));
        let scroll = u16::try_from(self.scroll.min(max)).unwrap_or(u16::MAX);
        frame.render_widget(Clear, rect);
        frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), rect);
    }
}

impl Overlay for Problems {
    fn name(&self) -> &'static str {
        "Problems"
    }
}
