//! The export dialog.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::export::{ExportDialog, Field};
use crate::tui::editor::Editor;
use crate::tui::theme::Theme;
use crate::tui::widgets::{overlay_area, pane_block};

pub fn draw(dialog: &ExportDialog, theme: Theme, area: Rect, frame: &mut Frame) {
    let rect = overlay_area(area, 90, Some(14));
    let title = "Export highlights · tab next field · ←/→ choose · enter exports · esc";
    let block = pane_block(title.to_string(), true, theme);
    let inner = block.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);

    let label = |field: Field, text: &str| {
        let style = if dialog.field == field {
            theme.selected(true)
        } else {
            theme.dim()
        };
        Span::styled(format!(" {text:<9}"), style)
    };
    let choice = |on: bool, text: &str| {
        if on {
            Span::styled(format!("[{text}] "), theme.key())
        } else {
            Span::raw(format!(" {text}  "))
        }
    };
    let mut format_line = vec![label(Field::Format, "format")];
    for format in lede::export::Format::ALL {
        format_line.push(choice(format == dialog.format, format.name()));
    }
    let markdown = dialog.format == lede::export::Format::Markdown;
    let layout = if markdown {
        vec![
            label(Field::Layout, "layout"),
            choice(!dialog.per_article, "one file"),
            choice(dialog.per_article, "a file per article (folder)"),
        ]
    } else {
        vec![
            label(Field::Layout, "layout"),
            Span::styled(" one file", theme.dim()),
        ]
    };
    let scope = vec![
        label(Field::Scope, "which"),
        choice(!dialog.this_article, "all highlights"),
        choice(dialog.this_article, "this article's"),
    ];
    let mut lines = vec![
        Line::from(format_line),
        Line::default(),
        Line::from(layout),
        Line::default(),
        Line::from(scope),
        Line::default(),
    ];
    lines.push(Line::from(vec![
        label(Field::Tags, "tags"),
        Span::styled(
            " (all of them must be on a highlight; empty: any)",
            theme.dim(),
        ),
    ]));
    lines.push(Line::default());
    let target = if markdown && dialog.per_article {
        "folder"
    } else {
        "file"
    };
    lines.push(Line::from(label(Field::Path, target)));
    lines.push(Line::default());
    if let Some(path) = &dialog.confirm_overwrite {
        lines.push(Line::styled(
            format!(
                " {} exists: y replaces it, any other key goes back",
                path.display()
            ),
            theme.notice(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);

    // The two text fields sit on their rows, after the label.
    let field_area = |row: u16| Rect {
        x: inner.x + 11,
        y: inner.y + row,
        width: inner.width.saturating_sub(12),
        height: 1,
    };
    draw_field(
        &dialog.tags,
        dialog.field == Field::Tags,
        theme,
        field_area(7),
        frame,
    );
    draw_field(
        &dialog.path,
        dialog.field == Field::Path,
        theme,
        field_area(9),
        frame,
    );
}

fn draw_field(editor: &Editor, focused: bool, theme: Theme, area: Rect, frame: &mut Frame) {
    if area.y >= frame.area().bottom() {
        return;
    }
    let mut textarea = editor.textarea.clone();
    textarea.set_cursor_line_style(ratatui::style::Style::new());
    textarea.set_cursor_style(if focused {
        theme.cursor()
    } else {
        ratatui::style::Style::new()
    });
    frame.render_widget(&textarea, area);
}
