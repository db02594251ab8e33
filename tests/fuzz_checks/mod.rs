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
use lede::search::fold::fold;
use lede::search::{Cancel, Index, ItemKind, Matcher, Mode, Query, Session};

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

/// Texts a search query is tried on, besides the query itself.
const SEARCHED: &[&str] = &[
    "Jens Stoltenberg said NATO's “solidarity” with Turkey — 33 soldiers died.",
    "Erdoğan's PeÃ±a o'brien U.S. F-16 secretary-general",
    "stole stilt Stol STOLT the the the a",
    "日本語のテキスト ПУТИН и нато",
    "",
];

/// Bytes as a search query: parsing never fails; the query, matched on the texts above
/// and on itself, gives positions inside each text; the index (word ids) and the text
/// agree on every item; and a query that says it refines another finds nothing the
/// other does not.
pub fn search_query(data: &[u8]) {
    let input = String::from_utf8_lossy(data);
    for mode in [Mode::Prose, Mode::Subsequence] {
        let query = Query::parse_with(&input, mode);
        assert!(query.refines(&query), "refines itself: {input:?}");
        for term in query.terms() {
            assert!(!term.text.is_empty(), "empty term in {input:?}");
        }
    }
    let texts: Vec<&str> = SEARCHED.iter().copied().chain([input.as_ref()]).collect();
    let mut index = Index::default();
    for (i, text) in texts.iter().enumerate() {
        index.push_item(i, ItemKind::Sentence, text, Some(0..text.len()));
    }
    let index = std::sync::Arc::new(index);
    let query = Query::parse(&input);
    let matcher = Matcher::new(&query);
    let mut session = Session::new(std::sync::Arc::clone(&index));
    let results = session
        .search(&input, &Cancel::never())
        .expect("never cancelled");
    let found: Vec<(usize, i64)> = {
        let mut hits: Vec<(usize, i64)> = results
            .top(usize::MAX)
            .iter()
            .map(|h| (h.item(), h.score))
            .collect();
        hits.sort_unstable();
        hits
    };
    let mut expected = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let folded = fold(text);
        if let Some(score) = matcher.score_text(&folded) {
            expected.push((i, score));
            let chars = folded.chars().count();
            let positions = matcher.positions(&folded);
            assert!(
                positions.windows(2).all(|w| w[0] < w[1]),
                "positions in order"
            );
            assert!(
                positions.iter().all(|&p| p < chars),
                "positions in the text"
            );
        }
    }
    assert_eq!(found, expected, "index and text disagree on {input:?}");
    // Every shorter start of the query that this one refines finds all it finds (an
    // empty query finds nothing and is refined by anything: it is searched afresh).
    for (cut, _) in input.char_indices().skip(1).step_by(3) {
        let shorter = &input[..cut];
        let shorter_query = Query::parse(shorter);
        if shorter_query.is_empty() || !query.refines(&shorter_query) {
            continue;
        }
        let broader = Matcher::new(&Query::parse(shorter));
        for &(i, _) in &expected {
            assert!(
                broader.score_text(&fold(texts[i])).is_some(),
                "{input:?} refines {shorter:?} but finds more in {:?}",
                texts[i]
            );
        }
    }
}
