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

/// The user's changes to the layout: columns added to (or taken from) the list and the
/// panel, and whether the focused pane fills the width.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sizes {
    pub list: i16,
    pub panel: i16,
    pub zoom: bool,
}

/// A pane is never narrower than this (unless the terminal is).
const MIN_PANE: u16 = 16;
/// The reader keeps at least this many columns beside the list and the panel.
const MIN_READER: u16 = 30;

/// Splits `area` into panes; the focused pane is always visible.
pub fn panes(area: Rect, focus: Focus, sizes: Sizes) -> Panes {
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
    // In u32: a 2,115-column terminal would overflow u16.
    let percent = |p: u32| u16::try_from(u32::from(area.width) * p / 100).unwrap_or(u16::MAX);
    let adjust = |width: u16, by: i16, max: u16| {
        width
            .saturating_add_signed(by)
            .clamp(MIN_PANE.min(max), max)
    };
    let mut panes = Panes {
        list: None,
        reader: None,
        panel: None,
        status,
    };
    let only = |panes: &mut Panes, rect: Rect| match focus {
        Focus::List => panes.list = Some(rect),
        Focus::Reader => panes.reader = Some(rect),
        Focus::Panel => panes.panel = Some(rect),
    };
    if sizes.zoom || area.width < TWO_PANES {
        only(&mut panes, body);
    } else if area.width >= THREE_PANES {
        // The panel takes a third when there is room, the list about a quarter; the
        // reader what is left, never less than MIN_READER.
        let panel = if area.width >= 140 {
            area.width / 3
        } else {
            percent(28)
        };
        let list = percent(26).clamp(26, 48);
        let room = area.width - MIN_READER;
        let panel = adjust(panel, sizes.panel, room / 2);
        let list = adjust(list, sizes.list, room - panel);
        let r = split(&[list, area.width - list - panel, panel]);
        panes.list = Some(r[0]);
        panes.reader = Some(r[1]);
        panes.panel = Some(r[2]);
    } else {
        let list = adjust(percent(35).max(20), sizes.list, area.width - MIN_READER);
        let r = split(&[list, area.width - list]);
        panes.list = Some(r[0]);
        match focus {
            Focus::Panel => panes.panel = Some(r[1]),
            _ => panes.reader = Some(r[1]),
        }
    }
    panes
}

/// Rows in one page of a pane (one less than it shows, so a line stays in view).
pub fn page_rows(pane: Option<Rect>) -> isize {
    let rows = pane.map(|r| r.height.saturating_sub(2)).unwrap_or(1);
    isize::try_from(rows.max(2)).unwrap_or(2) - 1
}

/// The reader's text inside its border: one column of padding each side, and at most
/// `max_width` columns, centred in a wider pane (0: no limit).
pub fn reader_text_area(pane: Rect, max_width: u16) -> Rect {
    let width = pane.width.saturating_sub(4);
    let shown = if max_width > 0 {
        width.min(max_width)
    } else {
        width
    };
    Rect {
        x: pane.x + 2 + (width - shown) / 2,
        y: pane.y + 1,
        width: shown,
        height: pane.height.saturating_sub(2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_size_places_the_focused_pane_inside_the_terminal() {
        let sizes = [
            Sizes::default(),
            Sizes {
                list: 200,
                panel: -200,
                zoom: false,
            },
            Sizes {
                list: -200,
                panel: 200,
                zoom: false,
            },
            Sizes {
                zoom: true,
                ..Sizes::default()
            },
        ];
        for (width, sizes) in [40, 59, 60, 80, 99, 100, 120, 140, 220, 500]
            .into_iter()
            .flat_map(|w| sizes.iter().map(move |s| (w, *s)))
        {
            for focus in [Focus::List, Focus::Reader, Focus::Panel] {
                let area = Rect::new(0, 0, width, 30);
                let p = panes(area, focus, sizes);
                let focused = match focus {
                    Focus::List => p.list,
                    Focus::Reader => p.reader,
                    Focus::Panel => p.panel,
                };
                assert!(focused.is_some(), "{width} {focus:?}");
                let shown: Vec<Rect> = [p.list, p.reader, p.panel].into_iter().flatten().collect();
                for rect in &shown {
                    assert!(rect.right() <= area.right());
                    assert!(rect.bottom() <= p.status.y);
                    assert!(
                        rect.width >= MIN_PANE.min(width),
                        "{width} {sizes:?} {rect:?}"
                    );
                }
                let covered: u16 = shown.iter().map(|r| r.width).sum();
                assert_eq!(covered, width, "{width} {sizes:?} {focus:?}");
                if let (Some(reader), true) = (p.reader, shown.len() == 3) {
                    assert!(reader.width >= MIN_READER, "{width} {sizes:?}");
                }
            }
        }
    }
}

#[cfg(test)]
mod layout_tests {
    use super::*;

    #[test]
    fn the_panel_takes_a_third_of_a_wide_terminal_and_text_is_centred() {
        let p = panes(Rect::new(0, 0, 220, 60), Focus::List, Sizes::default());
        assert_eq!(p.panel.unwrap().width, 73);
        let reader = p.reader.unwrap();
        let text = reader_text_area(reader, 80);
        assert_eq!(text.width, 80);
        let left = text.x - reader.x;
        let right = reader.right() - text.right();
        assert!(left.abs_diff(right) <= 1, "{left} {right}");
        let p = panes(Rect::new(0, 0, 80, 24), Focus::Reader, Sizes::default());
        assert!(p.panel.is_none(), "one key away at 80 columns");
    }
}
