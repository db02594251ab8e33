//! What the fuzz targets check, shared with `cargo test`: the fuzz targets in `fuzz/`
//! call these on generated input, and `tests/fuzz_regressions.rs` calls them on every
//! input the fuzzers ever found trouble with (kept under `tests/fixtures/fuzz/`) and on
//! random bytes. Each panics when an invariant breaks.

#![allow(dead_code)]

use std::path::Path;

use lede::corpus::{
    Article, Format, article_from_bytes, articles_from_jsonl, frontmatter, markdown, parse_article,
    sanitize, sentences,
};
use lede::layout::{Layout, display_width};
use lede::settings::{self, Colour, KeySpec, SettingsError};

/// A character that could act on a terminal or reorder displayed text.
fn dangerous(c: char) -> bool {
    (c.is_control() && c != '\n')
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Everything a screen shows of an article is safe, and every range points into the text.
pub fn check_article(a: &Article) {
    assert!(
        !a.body.chars().any(dangerous),
        "control character in the body"
    );
    let mut fields = vec![a.title.as_str()];
    fields.extend(a.source.as_deref());
    fields.extend(a.byline.iter().map(String::as_str));
    fields.extend(a.language.as_deref());
    fields.extend(a.origin.url.as_deref());
    fields.extend(a.tags.iter().map(String::as_str));
    for field in fields {
        assert!(
            !field.chars().any(|c| dangerous(c) || c == '\n'),
            "unsafe field {field:?}"
        );
    }
    let mut last = 0;
    for p in &a.paragraphs {
        assert!(p.range.start >= last, "paragraphs out of order");
        assert!(
            a.body.get(p.range.clone()).is_some(),
            "paragraph off the text"
        );
        last = p.range.end;
    }
    for s in &a.sentences {
        let p = &a.paragraphs[s.paragraph];
        assert!(p.range.start <= s.range.start && s.range.end <= p.range.end);
        assert!(
            a.body.get(s.range.clone()).is_some(),
            "sentence off the text"
        );
    }
}

/// Bytes as a file of each single-article format.
pub fn document(data: &[u8]) {
    for (name, format) in [
        ("f.txt", Format::Text),
        ("f.md", Format::Markdown),
        ("f.html", Format::Html),
    ] {
        if let Ok(article) = article_from_bytes(Path::new(name), format, data) {
            check_article(&article);
        }
    }
}

/// Bytes as an HTML page (the tokenizer and the article finder on their own too).
pub fn html(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let page = lede::corpus::html::extract(&text);
    for p in &page.paragraphs {
        assert!(!p.trim().is_empty(), "empty paragraph");
        assert!(!p.contains('\n'), "paragraph not on one line");
    }
    if let Ok(article) = article_from_bytes(Path::new("f.html"), Format::Html, data) {
        check_article(&article);
    }
}

/// Bytes as a JSON Lines dataset.
pub fn jsonl(data: &[u8]) {
    let loaded = articles_from_jsonl(Path::new("f.jsonl"), data);
    for a in &loaded.articles {
        check_article(a);
        assert!(a.origin.line.is_some());
    }
    for p in &loaded.problems {
        assert!(
            !p.reason.chars().any(dangerous),
            "unsafe reason {:?}",
            p.reason
        );
    }
}

/// Text as Markdown with front matter.
pub fn front_matter(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Some(front) = frontmatter::read(&text) {
        assert!(
            text.get(front.body_start..).is_some(),
            "body start off the text"
        );
    }
    let converted = markdown::to_text(&text);
    assert!(converted.text.len() <= text.len() + text.lines().count() * 3 + 2);
    if let Ok(article) = article_from_bytes(Path::new("f.md"), Format::Markdown, data) {
        check_article(&article);
    }
}

/// Sentence ranges: in order, inside the text, on character boundaries, trimmed.
pub fn sentence_split(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut last = 0;
    for range in sentences::split(&text) {
        assert!(range.start >= last && range.start < range.end, "{range:?}");
        let sentence = text
            .get(range.clone())
            .expect("sentence on char boundaries");
        assert_eq!(sentence.trim(), sentence, "sentence not trimmed");
        last = range.end;
    }
}

/// Layout at the width the first byte gives: rows fit, positions map back.
pub fn layout(data: &[u8]) {
    let Some((&width, rest)) = data.split_first() else {
        return;
    };
    let width = usize::from(width % 80);
    let text = sanitize(&String::from_utf8_lossy(rest));
    let article = parse_article("f.txt".into(), &text, Vec::new());
    let body = &article.body;
    let layout = Layout::new(&article, width);
    for row in &layout.rows {
        let shown = &body[row.range.clone()];
        use unicode_segmentation::UnicodeSegmentation;
        assert!(
            display_width(shown) <= layout.width || shown.graphemes(true).count() == 1,
            "{shown:?} wider than {}",
            layout.width
        );
    }
    for (offset, c) in body.char_indices().step_by(7) {
        let (row, col) = layout.position_of(body, offset);
        let back = layout.offset_at(body, row, col);
        assert!(body.is_char_boundary(back));
        if !c.is_whitespace() && display_width(&c.to_string()) > 0 && back != offset {
            // Only a zero-width mark or a grapheme's inner character may map elsewhere.
            let (r2, c2) = layout.position_of(body, back);
            assert!(
                (r2, c2) == (row, col) || r2 == row + 1,
                "{offset} → ({row}, {col}) → {back} → ({r2}, {c2})"
            );
        }
    }
}

/// A settings error names a line of the file (or none) and nothing in its message can
/// act on a terminal.
fn check_settings_error(text: &str, err: &SettingsError) {
    let lines = text.matches('\n').count() + 1;
    if let Some(line) = err.line {
        assert!(line >= 1 && line <= lines, "line {line} of {lines}");
    }
    assert!(
        !err.message.chars().any(|c| dangerous(c) || c == '\n'),
        "unsafe message {:?}",
        err.message
    );
}

/// Text as a keymap file: each binding on a line of the file, in a known section, with a
/// key that prints and parses back to itself.
pub fn keymap(data: &[u8]) {
    const SECTIONS: [&str; 3] = ["global", "list", "reader"];
    let text = String::from_utf8_lossy(data);
    let lines = text.matches('\n').count() + 1;
    match settings::keymap(&text, &SECTIONS) {
        Ok(bindings) => {
            for b in bindings {
                assert!(b.line >= 1 && b.line <= lines, "line {}", b.line);
                assert!(SECTIONS.contains(&b.section.as_str()));
                let printed = b.key.to_string();
                assert_eq!(KeySpec::parse(&printed), Ok(b.key), "{printed:?}");
            }
        }
        Err(err) => check_settings_error(&text, &err),
    }
    // Single key names too, straight from the bytes.
    if let Ok(key) = KeySpec::parse(&text) {
        assert_eq!(KeySpec::parse(&key.to_string()), Ok(key));
    }
}

/// Text as a theme file (and as config.toml): entries on lines of the file with colours
/// that print and parse back to themselves.
pub fn theme(data: &[u8]) {
    const NAMES: [&str; 3] = ["key", "status", "highlight_1"];
    let text = String::from_utf8_lossy(data);
    let lines = text.matches('\n').count() + 1;
    match settings::theme(&text, &NAMES) {
        Ok(entries) => {
            for e in entries {
                assert!(e.line >= 1 && e.line <= lines, "line {}", e.line);
                assert!(NAMES.contains(&e.name.as_str()));
                for colour in [e.fg, e.bg].into_iter().flatten() {
                    assert_eq!(Colour::parse(&colour.to_string()), Ok(colour));
                }
            }
        }
        Err(err) => check_settings_error(&text, &err),
    }
    if let Err(err) = settings::config(&text) {
        check_settings_error(&text, &err);
    }
}
