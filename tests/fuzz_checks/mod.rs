//! What the fuzz targets check, shared with `cargo test`: the fuzz targets in `fuzz/`
//! call these on generated input, and `tests/fuzz_regressions.rs` calls them on every
//! input the fuzzers ever found trouble with (kept under `tests/fixtures/fuzz/`) and on
//! random bytes. Each panics when an invariant breaks.

#![allow(dead_code)]

use std::path::Path;

use lede::corpus::{
    Article, Format, acts_on_terminal, article_from_bytes, articles_from_jsonl, frontmatter,
    markdown, parse_article, sanitize, sentences,
};
use lede::export::import::{self, ImportCorpus};
use lede::layout::{Layout, display_width};
use lede::search::fold::fold;
use lede::search::{Cancel, Index, ItemKind, Matcher, Mode, Query, Session};
use lede::settings::{self, Colour, KeySpec, SettingsError};
use lede::store::{AnchorOutcome, Highlight, OpenNotice, Store, anchor, offsets::cp_to_byte};

/// A character that could act on a terminal or reorder displayed text.
fn dangerous(c: char) -> bool {
    c != '\n' && acts_on_terminal(c)
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
        if let Some(scored) = matcher.score_text(&folded) {
            expected.push((i, scored.score, scored.typos));
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
    // Only the matches with the fewest typos are shown.
    let fewest = expected.iter().map(|&(_, _, typos)| typos).min();
    let expected: Vec<(usize, i64)> = expected
        .into_iter()
        .filter(|&(_, _, typos)| Some(typos) == fewest)
        .map(|(i, score, _)| (i, score))
        .collect();
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

/// Bytes as an article (text, then Markdown), through the public extraction API: every
/// quote and figure points at its own text in the body, on character boundaries; speakers,
/// qualifiers and units are one safe line; numbers are finite.
pub fn extraction(data: &[u8]) {
    for (name, format) in [("f.txt", Format::Text), ("f.md", Format::Markdown)] {
        let Ok(article) = article_from_bytes(Path::new(name), format, data) else {
            continue;
        };
        let found = lede::extract::extract(&article);
        let body = &article.body;
        for q in &found.quotes {
            let quoted = body.get(q.range.clone()).expect("quote range off the text");
            assert!(!q.range.is_empty(), "empty quote {q:?}");
            // White space is folded in `text`, and a quote running over paragraphs has
            // the opening marks of the later ones inside its range: the same words.
            assert_eq!(
                words_without_marks(&q.text),
                words_without_marks(quoted),
                "quote text differs from its range"
            );
            if let Some(speaker) = &q.speaker {
                assert_one_safe_line("speaker", speaker);
            }
        }
        for f in &found.figures {
            let shown = body
                .get(f.range.clone())
                .expect("figure range off the text");
            assert!(!shown.is_empty(), "empty figure {f:?}");
            assert_eq!(
                f.text.split_whitespace().collect::<Vec<_>>(),
                shown.split_whitespace().collect::<Vec<_>>(),
                "figure text differs from its range"
            );
            if let lede::extract::FigureValue::Number(n) = f.value {
                assert!(n.is_finite(), "{f:?}");
            }
            for field in f.qualifier.iter().chain(&f.unit) {
                assert_one_safe_line("figure field", field);
            }
        }
    }
}

/// The words of `text` with quotation marks taken out.
fn words_without_marks(text: &str) -> Vec<String> {
    let marks = [
        '"', '“', '”', '„', '‟', '«', '»', '‹', '›', '‘', '’', '‚', '\'', '＂', '「', '」',
    ];
    text.replace(marks, " ")
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

fn assert_one_safe_line(what: &str, text: &str) {
    assert!(
        !text.chars().any(|c| dangerous(c) || c == '\n'),
        "unsafe {what} {text:?}"
    );
}

/// The first byte splits the rest into a text and a selection; the bytes after a `|`
/// (if any) are edits made to the text. Whatever anchoring returns is consistent: an
/// exact or moved place holds the passage, any place is a valid range, an orphan has none.
pub fn anchoring(data: &[u8]) {
    let Some((&split, rest)) = data.split_first() else {
        return;
    };
    let (text, edits) = match rest.iter().position(|&b| b == b'|') {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, &[][..]),
    };
    let text = String::from_utf8_lossy(text);
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain([text.len()])
        .collect();
    let a = bounds[usize::from(split) % bounds.len()];
    let b = bounds[(usize::from(split) * 7 + 3) % bounds.len()];
    let Some((quote, position)) = anchor::select(&text, a.min(b), a.max(b)) else {
        return;
    };
    let mut edited: Vec<char> = text.chars().collect();
    for pair in edits.chunks(2) {
        let at = usize::from(pair[0]) % (edited.len() + 1);
        match pair.get(1) {
            Some(&c) if c < 0x80 => edited.insert(at, char::from(c)),
            Some(_) if at < edited.len() => {
                edited.remove(at);
            }
            _ => {}
        }
    }
    let edited: String = edited.into_iter().collect();
    let found = anchor::anchor(&edited, &quote, &position);
    let range = found.position.map(|p| {
        let start = cp_to_byte(&edited, p.start).expect("start in the text");
        let end = cp_to_byte(&edited, p.end).expect("end in the text");
        assert!(start < end, "empty place {p:?}");
        start..end
    });
    match (found.outcome, range) {
        (AnchorOutcome::Orphaned, None) => {}
        (AnchorOutcome::Exact | AnchorOutcome::Moved, Some(r)) => {
            assert_eq!(&edited[r], quote.exact)
        }
        (AnchorOutcome::Reanchored { score }, Some(_)) => {
            assert!((0.0..=1.0).contains(&score), "{score}")
        }
        other => panic!("inconsistent anchoring {other:?}"),
    }
}

/// A folder in memory where the system has one (fuzzing writes many).
fn scratch_dir() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir()
        && let Ok(dir) = tempfile::tempdir_in(shm)
    {
        return dir;
    }
    tempfile::tempdir().expect("temporary folder")
}

/// The bytes up to the first 0xFE as `store.json` (none when there is no such byte), the
/// rest as `store.journal`. Opening never panics and loses nothing it could read:
/// damaged journal lines are kept aside byte for byte, a broken file is moved aside
/// whole, and opening again finds the same document with nothing more to say.
pub fn store_files(data: &[u8]) {
    let dir = scratch_dir();
    let (snapshot, journal) = match data.iter().position(|&b| b == 0xFE) {
        Some(i) => (Some(&data[..i]), &data[i + 1..]),
        None => (None, data),
    };
    if let Some(snapshot) = snapshot {
        std::fs::write(dir.path().join("store.json"), snapshot).expect("write");
    }
    std::fs::write(dir.path().join("store.journal"), journal).expect("write");
    let Ok((store, notices)) = Store::open(dir.path()) else {
        return;
    };
    for notice in &notices {
        assert!(!notice.to_string().chars().any(dangerous), "{notice:?}");
        match notice {
            OpenNotice::MovedAside { moved_to, .. } => {
                assert_eq!(
                    std::fs::read(moved_to).ok().as_deref(),
                    snapshot,
                    "moved aside whole"
                );
            }
            OpenNotice::JournalDamaged {
                kept_as: Some(kept),
                ..
            } => {
                let kept = std::fs::read(kept).expect("damage kept aside");
                assert!(!kept.is_empty() && kept.ends_with(b"\n"));
                assert!(
                    kept.split_inclusive(|&b| b == b'\n')
                        .all(|line| journal.windows(line.len()).any(|w| w == line)),
                    "kept lines are the journal's own"
                );
            }
            _ => {}
        }
    }
    let read_only = store.read_only().is_some();
    let document = store.document().clone();
    drop(store);
    let (again, notices) = Store::open(dir.path()).expect("opens again");
    assert_eq!(again.document(), &document, "a second open reads the same");
    if !read_only {
        assert!(
            !notices.iter().any(|n| matches!(
                n,
                OpenNotice::JournalDamaged { .. } | OpenNotice::MovedAside { .. }
            )),
            "repaired once, not again: {notices:?}"
        );
    }
}

/// The articles imports are placed in while fuzzing: the seeds and one made-up article.
fn import_corpus() -> &'static ImportCorpus {
    static CORPUS: std::sync::OnceLock<ImportCorpus> = std::sync::OnceLock::new();
    CORPUS.get_or_init(|| {
        let extra = parse_article(
            "fuzz/council.txt".into(),
            "Council Votes\n\nThe council voted to close the old bridge.\n\n\"It is no longer safe,\" said the mayor.\n",
            Vec::new(),
        );
        ImportCorpus::new(vec![extra])
    })
}

/// An import file, parsed, placed and merged into an empty list: every highlight is
/// placed on its passage or an orphan with none, holds no control characters, and every
/// candidate is counted once.
pub fn import_file(data: &[u8]) {
    let Ok(parsed) = import::parse(data) else {
        return;
    };
    let corpus = import_corpus();
    let mut highlights: Vec<Highlight> = Vec::new();
    let (incoming, messages) = import::place(&parsed.candidates, corpus);
    assert_eq!(incoming.len(), parsed.candidates.len());
    let summary = import::merge(&mut highlights, incoming);
    assert_eq!(
        summary.added + summary.merged + summary.skipped + summary.orphaned,
        parsed.candidates.len()
    );
    assert_eq!(highlights.len(), summary.added + summary.orphaned);
    for message in messages
        .iter()
        .chain(&summary.messages)
        .chain(&parsed.problems)
    {
        let shown = lede::terminal_safe(message);
        assert!(!shown.chars().any(|c| dangerous(c) || c == '\n'));
    }
    for h in &highlights {
        for text in [&h.quote.exact, &h.quote.prefix, &h.quote.suffix]
            .into_iter()
            .chain(&h.note)
        {
            // Tabs are kept in imported text (notes), as exports keep them.
            assert!(
                !text.chars().any(|c| c != '\t' && dangerous(c)),
                "unsafe text {text:?}"
            );
        }
        assert!(lede::store::normalize_tags(&h.tags).is_ok_and(|t| t == h.tags));
        match corpus.get(&h.article) {
            Some(article) if !h.anchor.is_orphaned() => {
                let range = h.byte_range(&article.body).expect("placed in its article");
                assert_eq!(article.body[range].to_string(), h.quote.exact);
            }
            _ => assert!(h.anchor.is_orphaned() && h.fingerprint.is_empty(), "{h:?}"),
        }
    }
}

/// Bytes as W3C Web Annotation JSON (the reader and placement).
pub fn import_w3c(data: &[u8]) {
    // Only JSON is read as W3C: make sure it is tried as such.
    if data.first().is_some_and(|b| b"{[".contains(b)) {
        import_file(data);
    } else {
        import_file(&[b"[", data, b"]"].concat());
    }
}

/// Bytes as a Kindle clippings file (the reader, notes joining their highlights, and
/// placement by title and quote).
pub fn import_clippings(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (entries, problems) = lede::export::clippings::parse(&text);
    for entry in &entries {
        if let Some(added) = &entry.added {
            assert!(
                lede::export::time::parse_rfc3339(added).is_some(),
                "{added}"
            );
        }
    }
    assert!(entries.len() + problems.len() <= text.matches('\n').count() + 2);
    if !data.starts_with(b"{") && !data.starts_with(b"[") {
        let separated = [data, b"\n==========\n"].concat();
        import_file(&separated);
    }
}

/// Text as every date and time form lede reads: RFC 3339 (imports), Kindle's "Added on"
/// dates and the loose dates of article metadata. What is read is a real time and reads
/// back the same after formatting.
pub fn time_parsers(data: &[u8]) {
    use lede::export::time::{kindle_format, normalize_rfc3339, parse_kindle, parse_rfc3339};
    let text = String::from_utf8_lossy(data);
    if let Some(secs) = parse_rfc3339(&text) {
        let normal = normalize_rfc3339(&text).expect("normalised");
        assert_eq!(parse_rfc3339(&normal), Some(secs), "{normal}");
        if let Some(kindle) = kindle_format(&normal) {
            assert_eq!(
                parse_kindle(&kindle).as_deref(),
                Some(normal.as_str()),
                "{kindle}"
            );
        }
    }
    if let Some(stamp) = parse_kindle(&text) {
        assert_eq!(normalize_rfc3339(&stamp).as_deref(), Some(stamp.as_str()));
    }
    if let Some(date) = lede::corpus::parse_date(&text) {
        assert!(lede::corpus::Date::new(date.year, date.month, date.day).is_some());
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
