//! The CSV that Readwise imports: the columns its CSV import documents, `Highlight`
//! (required), `Title`, `Author`, `URL`, `Note` and `Location`, plus `Date` (ISO 8601, the
//! highlight's creation). RFC 4180 as the `csv` format writes it (quotes doubled, CRLF).
//!
//! Tags go at the start of the note as `.tag` words, Readwise's inline tagging. The
//! location is the passage's first character in the article, counting code points from 1
//! (as Kindle locations count); an orphan has none. Cells are kept as they are, not
//! prefixed against spreadsheet formulas, since Readwise would import the prefix (open the
//! `csv` format in a spreadsheet).

use super::Item;
use super::csv::row;

pub const HEADER: [&str; 7] = [
    "Highlight",
    "Title",
    "Author",
    "URL",
    "Note",
    "Location",
    "Date",
];

pub fn render(items: &[Item<'_>]) -> String {
    let mut out = String::new();
    row(&mut out, HEADER.iter().map(|s| s.to_string()), false);
    for item in items {
        let h = item.highlight;
        let tags: Vec<String> = h.tags.iter().map(|t| format!(".{t}")).collect();
        let note = [tags.join(" "), h.note.clone().unwrap_or_default()]
            .iter()
            .map(|part| part.trim())
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let location = match h.anchor.is_orphaned() {
            true => String::new(),
            false => (h.position.start + 1).to_string(),
        };
        row(
            &mut out,
            [
                h.quote.exact.clone(),
                item.title(),
                item.authors().join(", "),
                item.url().unwrap_or_default(),
                note,
                location,
                h.created.clone(),
            ],
            false,
        );
    }
    out
}
