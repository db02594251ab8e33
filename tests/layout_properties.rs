//! Property tests for text layout: any text at any width wraps into rows that fit, lose no
//! text, and map byte offsets to screen positions and back.

use lede::corpus::{Article, parse_article, sanitize};
use lede::layout::{Layout, display_width, wrap};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

/// Text like articles have, and worse: words, runs of spaces, hard wraps, blank lines,
/// non-breaking spaces, wide CJK, emoji with joiners and skin tones, combining marks,
/// zero-width characters, right-to-left script, tabs and control characters.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-zA-Z]{1,12}",
        3 => Just(" ".to_string()),
        1 => Just("  ".to_string()),
        1 => Just("\n".to_string()),
        1 => Just("\n\n".to_string()),
        1 => Just("\u{a0}".to_string()),
        1 => "[日本語のテキスト한국어]{1,6}",
        1 => prop::sample::select(vec![
            "🎉", "👨‍👩‍👧", "👍🏽", "🇹🇷", "e\u{301}", "\u{200b}", "\u{200d}", "\u{301}",
            "مرحبا", "שלום", "…", "—", "“", "\t", "\r\n", "\u{1b}[31m", "\u{7}", "\u{ad}",
        ])
        .prop_map(str::to_string),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|pieces| pieces.concat())
}

fn article(text: &str) -> Article {
    parse_article("prop.txt".into(), &sanitize(text), Vec::new())
}

fn grapheme_starts(text: &str) -> Vec<(usize, &str)> {
    text.grapheme_indices(true).collect()
}

proptest! {
    // 256 cases keep `cargo test` quick; `PROPTEST_CASES=20000` searches harder.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(256),
        ..ProptestConfig::default()
    })]

    #[test]
    fn wrapped_rows_fit_and_lose_no_text(text in text(), width in 1usize..60) {
        let rows = wrap(&text, width);
        let mut last_end = 0;
        for row in &rows {
            prop_assert!(row.start >= last_end && row.start <= row.end && row.end <= text.len());
            prop_assert!(text.is_char_boundary(row.start) && text.is_char_boundary(row.end));
            let shown = &text[row.clone()];
            // A single grapheme wider than the row (a CJK character at width 1) stands alone.
            prop_assert!(
                display_width(shown) <= width || shown.graphemes(true).count() == 1,
                "{shown:?} is {} wide at width {width}", display_width(shown)
            );
            // What falls between rows is only the spaces the row broke at.
            let gap = &text[last_end..row.start];
            prop_assert!(gap.chars().all(char::is_whitespace), "lost {gap:?}");
            last_end = row.end;
        }
        let rest = &text[last_end..];
        prop_assert!(rest.chars().all(char::is_whitespace), "lost the end {rest:?}");
    }

    #[test]
    fn offsets_map_to_positions_and_back(text in text(), width in 1usize..60) {
        let article = article(&text);
        let body = &article.body;
        let layout = Layout::new(&article, width);
        for row in &layout.rows {
            let shown = &body[row.range.clone()];
            prop_assert!(
                display_width(shown) <= layout.width || shown.graphemes(true).count() == 1,
                "{shown:?} wider than {}", layout.width
            );
        }
        for (offset, grapheme) in grapheme_starts(body) {
            let (row, col) = layout.position_of(body, offset);
            prop_assert!(row < layout.rows.len().max(1));
            let back = layout.offset_at(body, row, col);
            prop_assert!(body.is_char_boundary(back));
            let shown = layout.rows.get(row).is_some_and(|r| r.range.contains(&offset));
            if shown && display_width(grapheme) > 0 {
                prop_assert_eq!(back, offset, "grapheme {:?} at ({}, {})", grapheme, row, col);
            } else {
                // Spaces at breaks and zero-width marks have no cell of their own: they
                // map to the next visible character on their row, or to the row's end —
                // which, where a row was broken without a space, is also where the next
                // row starts, and is shown there.
                let again = layout.position_of(body, back);
                let row_end = layout.rows.get(row).map(|r| r.range.end);
                prop_assert!(
                    again == (row, col) || (Some(back) == row_end && again == (row + 1, 0)),
                    "({}, {}) → {} → {:?}", row, col, back, again
                );
            }
        }
    }

    #[test]
    fn any_position_or_offset_is_safe(
        text in text(),
        width in 0usize..40,
        offset in 0usize..2000,
        row in 0usize..200,
        col in 0usize..200,
    ) {
        let article = article(&text);
        let layout = Layout::new(&article, width);
        let (r, c) = layout.position_of(&article.body, offset);
        prop_assert!(r <= layout.rows.len());
        prop_assert!(c <= layout.width.max(2));
        let back = layout.offset_at(&article.body, row, col);
        prop_assert!(back <= article.body.len());
        prop_assert!(article.body.is_char_boundary(back));
    }
}
