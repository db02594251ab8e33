//! Where each pane goes for a terminal size. Wide terminals show all three panes;
//! narrower ones show fewer, always including the focused one.

use ratatui::layout::Rect;

/// The pane with the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
    Panel,
}

impl Focus {
    const ORDER: [Focus; 3] = [Focus::List, Focus::Reader, Focus::Panel];

    pub fn name(self) -> &'static str {
        match self {
            Focus::List => "Articles",
            Focus::Reader => "Reader",
            Focus::Panel => "Details",
        }
    }

    pub fn step(self, forward: bool) -> Focus {
        let i = Focus::ORDER.iter().position(|&f| f == self).unwrap_or(0);
        let n = Focus::ORDER.len();
        Focus::ORDER[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }
}

/// The smallest terminal lede draws its panes in; below it, a message says so.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 8;
/// From this width on, all three panes are shown.
const THREE_PANES: u16 = 100;
/// From this width on, the article list stays beside the reader or side panel.
const TWO_PANES: u16 = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    pub panel: Option<Rect>,
    pub status: Rect,
}

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// Splits `area` into panes; the focused pane is always visible.
pub fn panes(area: Rect, focus: Focus) -> Panes {
    let body = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    let status = Rect {
        y: area.y + body.height,
        height: area.height.min(1),
        ..area
    };
    let split = |widths: &[u16]| -> Vec<Rect> {
        let mut x = body.x;
        widths
            .iter()
            .map(|&w| {
                let rect = Rect {
                    x,
                    width: w,
                    ..body
                };
                x += w;
                rect
            })
            .collect()
    };
    if area.width >= THREE_PANES {
        // In u32: a 2,115-column terminal would overflow u16.
        let percent = |p: u32| u16::try_from(u32::from(area.width) * p / 100).unwrap_or(u16::MAX);
        let list = percent(31).clamp(30, 56);
        let panel = percent(24).clamp(26, 44);
        let reader = area.width - list - panel;
        let r = split(&[list, reader, panel]);
        Panes {
            list: Some(r[0]),
            reader: Some(r[1]),
            panel: Some(r[2]),
            status,
        }
    } else if area.width >= TWO_PANES {
        let list = u16::try_from(u32::from(area.width) * 35 / 100)
            .unwrap_or(u16::MAX)
            .max(20);
        let r = split(&[list, area.width - list]);
        let (reader, panel) = match focus {
            Focus::Panel => (None, Some(r[1])),
            _ => (Some(r[1]), None),
        };
        Panes {
            list: Some(r[0]),
            reader,
            panel,
            status,
        }
    } else {
        let mut panes = Panes {
            list: None,
            reader: None,
            panel: None,
            status,
        };
        match focus {
            Focus::List => panes.list = Some(body),
            Focus::Reader => panes.reader = Some(body),
            Focus::Panel => panes.panel = Some(body),
        }
        panes
    }
}

/// Rows in one page of a pane (one less than it shows, so a line stays in view).
pub fn page_rows(pane: Option<Rect>) -> isize {
    let rows = pane.map(|r| r.height.saturating_sub(2)).unwrap_or(1);
    isize::try_from(rows.max(2)).unwrap_or(2) - 1
}

/// The text area inside a pane's border, with one column of padding each side.
pub fn reader_text_area(pane: Rect) -> Rect {
    Rect {
        x: pane.x + 2,
        y: pane.y + 1,
        width: pane.width.saturating_sub(4),
        height: pane.height.saturating_sub(2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_size_places_the_focused_pane_inside_the_terminal() {
        for width in [40, 59, 60, 99, 100, 120, 500] {
            for focus in [Focus::List, Focus::Reader, Focus::Panel] {
                let area = Rect::new(0, 0, width, 30);
                let p = panes(area, focus);
                let focused = match focus {
                    Focus::List => p.list,
                    Focus::Reader => p.reader,
                    Focus::Panel => p.panel,
                };
                assert!(focused.is_some(), "{width} {focus:?}");
                for rect in [p.list, p.reader, p.panel].into_iter().flatten() {
                    assert!(rect.right() <= area.right());
                    assert!(rect.bottom() <= p.status.y);
                }
            }
        }
    }
}
