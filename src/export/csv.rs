//! CSV (RFC 4180): UTF-8, CRLF line ends, a header row, fields quoted when they hold a
//! comma, a quote or a line break. A cell a spreadsheet would run as a formula (starting
//! with `=`, `+`, `-`, `@`, a tab or a line break) is prefixed with `'`, which
//! spreadsheets show as text (OWASP's advice against CSV injection).
//!
//! Columns: the article (its key: `seeds/NAME`, a path, `DATASET:LINE`), its title,
//! authors (separated by `; `), outlet, date and web address, then the passage, its
//! speaker, tags, note, place (code points, see the README) and creation time.

use super::Item;
use super::text::clean;

pub const HEADER: [&str; 13] = [
    "article", "title", "authors", "outlet", "date", "url", "text", "speaker", "tags", "note",
    "start", "end", "created",
];

pub fn render(items: &[Item<'_>]) -> String {
    let mut out = String::new();
    row(&mut out, HEADER.iter().map(|s| s.to_string()), true);
    for item in items {
        let h = item.highlight;
        row(
            &mut out,
            [
                item.path().to_string(),
                item.title(),
                item.authors().join("; "),
                item.outlet().unwrap_or_default(),
                item.date().unwrap_or_default(),
                item.url().unwrap_or_default(),
                h.quote.exact.clone(),
                item.speaker.clone().unwrap_or_default(),
                h.tags.join(" "),
                h.note.clone().unwrap_or_default(),
                h.position.start.to_string(),
                h.position.end.to_string(),
                h.created.clone(),
            ],
            true,
        );
    }
    out
}

/// One record; with `neutralise`, formula-looking cells are prefixed with `'`.
pub(super) fn row(out: &mut String, cells: impl IntoIterator<Item = String>, neutralise: bool) {
    let cells: Vec<String> = cells.into_iter().map(|c| field(&c, neutralise)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

/// One field: neutralised (when asked), then quoted if needed. Line breaks inside are
/// CRLF, as the RFC's records are.
fn field(text: &str, neutralise_formulas: bool) -> String {
    let text = clean(text);
    let text = match neutralise_formulas {
        true => neutralise(&text),
        false => text,
    }
    .replace('\n', "\r\n");
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

fn neutralise(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_neutralised() {
        let cases = [
            ("plain", "plain"),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\r\nlines\""),
            (
                "=HYPERLINK(\"http://x\")",
                "\"'=HYPERLINK(\"\"http://x\"\")\"",
            ),
            ("+1", "'+1"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\r=1", "\"'\r\n=1\""),
            ("", ""),
        ];
        for (text, expected) in cases {
            assert_eq!(field(text, true), expected, "{text:?}");
        }
        assert_eq!(field("=1+2", false), "=1+2");
        assert_eq!(field("say \"hi\"", false), "\"say \"\"hi\"\"\"");
    }
}
