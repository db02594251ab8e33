//! Kindle "My Clippings.txt": entries separated by a line of ten `=`, each a title line
//! (`Title (Author)`), a line saying what it is and where
//! (`- Your Highlight on Location 12-40 | Added on Saturday, November 21, 2026 12:44:50 PM`),
//! a blank line and the text. Notes are entries of their own (`- Your Note on Location
//! 40`) at the end of the passage they belong to, as Kindles write them; tags go at the
//! start of the note as `.tag` words, the convention tools that read clippings use.
//!
//! Locations are code point offsets in the article (start + 1 to end), so a clipping can be
//! placed again. The author is the article's byline (not the outlet); the times are local,
//! as on a Kindle. Lines end with CRLF, as on a Kindle.

use super::Item;
use super::text::one_line;
use super::time;

pub const SEPARATOR: &str = "==========";
const NEWLINE: &str = "\r\n";

pub fn render(items: &[Item<'_>]) -> String {
    let mut out = String::new();
    for item in items {
        let h = item.highlight;
        let title = title_line(&item.title(), &item.authors());
        let start = h.position.start + 1;
        let end = h.position.end.max(start);
        entry(
            &mut out,
            &title,
            &format!("Highlight on Location {start}-{end}"),
            &h.created,
            &h.quote.exact,
        );
        let tags: Vec<String> = h.tags.iter().map(|t| format!(".{t}")).collect();
        let note = [tags.join(" "), h.note.clone().unwrap_or_default()].join(" ");
        if !note.trim().is_empty() {
            entry(
                &mut out,
                &title,
                &format!("Note on Location {end}"),
                &h.modified,
                &note,
            );
        }
    }
    out
}

/// `Title (Author)`, several authors separated by `; ` as Kindles write them. Parentheses in
/// the author would confuse readers that split at the last `(`, so they become brackets.
/// Without an author, the title alone, unless it ends with `)` (then `(Unknown)` follows,
/// so the end of the title is not read as an author).
fn title_line(title: &str, authors: &[String]) -> String {
    let title = one_line(title);
    let author = one_line(&authors.join("; "))
        .replace('(', "[")
        .replace(')', "]");
    match (author.is_empty(), title.ends_with(')')) {
        (false, _) => format!("{title} ({author})"),
        (true, true) => format!("{title} (Unknown)"),
        (true, false) => title,
    }
}

fn entry(out: &mut String, title: &str, what: &str, stamp: &str, content: &str) {
    let added = time::kindle_format(stamp)
        .map(|d| format!(" | Added on {d}"))
        .unwrap_or_default();
    // Content is one line, as on a Kindle; a separator inside it would end the entry.
    let content = one_line(content).replace(SEPARATOR, "=========");
    for line in [
        title,
        &format!("- Your {what}{added}"),
        "",
        &content,
        SEPARATOR,
    ] {
        out.push_str(line);
        out.push_str(NEWLINE);
    }
}

/// What a clipping is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Highlight,
    Note,
    Bookmark,
}

/// One entry of a clippings file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clipping {
    pub title: String,
    pub author: Option<String>,
    pub kind: Kind,
    /// `Location A-B` as `(A, B)` (a single location as `(A, A)`).
    pub location: Option<(usize, usize)>,
    /// RFC 3339, when the "Added on" date could be read.
    pub added: Option<String>,
    pub content: String,
}

/// Reads a clippings file. Entries that cannot be read are described in the second list
/// (numbered from 1) and left out.
pub fn parse(text: &str) -> (Vec<Clipping>, Vec<String>) {
    // Kindles put a byte order mark before entries, not only at the start of the file.
    let text = text.replace('\u{feff}', "").replace("\r\n", "\n");
    let mut clippings = Vec::new();
    let mut problems = Vec::new();
    let mut block = Vec::new();
    let mut number = 0;
    let lines = text.lines().chain(std::iter::once(SEPARATOR));
    for line in lines {
        if line.trim() != SEPARATOR {
            block.push(line);
            continue;
        }
        let entry = std::mem::take(&mut block);
        if entry.iter().all(|l| l.trim().is_empty()) {
            continue;
        }
        number += 1;
        match parse_entry(&entry) {
            Ok(clipping) => clippings.push(clipping),
            Err(reason) => problems.push(format!("clipping {number}: {reason}")),
        }
    }
    (clippings, problems)
}

fn parse_entry(lines: &[&str]) -> Result<Clipping, String> {
    let mut lines = lines.iter().map(|l| l.trim()).skip_while(|l| l.is_empty());
    let title_line = lines.next().unwrap_or_default();
    let meta = lines
        .next()
        .and_then(|l| l.strip_prefix('-'))
        .ok_or("no line saying what the clipping is")?
        .trim();
    let content: Vec<&str> = lines.collect();
    let content = content.join("\n").trim().to_string();
    let mut fields = meta.split('|').map(str::trim);
    let what = fields.next().unwrap_or_default().to_lowercase();
    let kind = if what.contains("highlight") {
        Kind::Highlight
    } else if what.contains("note") {
        Kind::Note
    } else if what.contains("bookmark") {
        Kind::Bookmark
    } else {
        return Err(format!("not a highlight, note or bookmark: {meta:?}"));
    };
    let mut location = location_in(&what);
    let mut added = None;
    for field in fields {
        let lower = field.to_lowercase();
        if let Some(date) = lower.strip_prefix("added on") {
            added = time::parse_kindle(date);
        } else if location.is_none() {
            location = location_in(&lower);
        }
    }
    let (title, author) = split_title(title_line);
    Ok(Clipping {
        title,
        author,
        kind,
        location,
        added,
        content,
    })
}

/// `location 12-40` (or `loc. 12-40`, `location 12`) anywhere in `text` (lower case).
fn location_in(text: &str) -> Option<(usize, usize)> {
    let at = text
        .find("location ")
        .map(|i| i + "location ".len())
        .or_else(|| text.find("loc. ").map(|i| i + "loc. ".len()))?;
    let range = text[at..].split_whitespace().next()?;
    let (start, end) = range.split_once('-').unwrap_or((range, range));
    let start: usize = start.replace(',', "").parse().ok()?;
    let end: usize = end.replace(',', "").parse().ok()?;
    Some((start, end.max(start)))
}

/// `Title (Author)` → title and author; without a final parenthesis, all title.
fn split_title(line: &str) -> (String, Option<String>) {
    if let Some(inner) = line.strip_suffix(')')
        && let Some(open) = inner.rfind(" (")
    {
        let author = inner[open + 2..].trim();
        return (
            inner[..open].trim().to_string(),
            (!author.is_empty()).then(|| author.to_string()),
        );
    }
    (line.trim().to_string(), None)
}

/// Splits a note into the `.tag` words at its start and the rest.
pub fn tags_and_note(content: &str) -> (Vec<String>, Option<String>) {
    let mut tags = Vec::new();
    let mut rest = content.trim_start();
    while let Some(after_dot) = rest.strip_prefix('.') {
        let word_end = after_dot
            .find(char::is_whitespace)
            .unwrap_or(after_dot.len());
        let word = &after_dot[..word_end];
        if word.is_empty() || word.starts_with('.') || word.contains(',') {
            break;
        }
        tags.push(word.to_string());
        rest = after_dot[word_end..].trim_start();
    }
    let note = rest.trim();
    (tags, (!note.is_empty()).then(|| note.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const KINDLE: &str = "\u{feff}The Idlib Report (Jane Doe)\r\n\
        - Your Highlight on page 3 | Location 120-125 | Added on Friday, February 28, 2020 9:05:00 PM\r\n\
        \r\n\
        NATO has a lot of options\r\n\
        ==========\r\n\
        \u{feff}The Idlib Report (Jane Doe)\r\n\
        - Your Note on Location 125 | Added on Friday, February 28, 2020 9:06:00 PM\r\n\
        \r\n\
        .nato .turkey check the numbers\r\n\
        ==========\r\n\
        Some Book\r\n\
        - Your Bookmark on Location 7 | Added on Friday, February 28, 2020 9:07:00 PM\r\n\
        \r\n\
        \r\n\
        ==========\r\n\
        garbage without a meta line\r\n\
        ==========\r\n";

    #[test]
    fn kindle_entries_are_read() {
        let (clippings, problems) = parse(KINDLE);
        assert_eq!(
            problems,
            ["clipping 4: no line saying what the clipping is"]
        );
        assert_eq!(clippings.len(), 3);
        let first = &clippings[0];
        assert_eq!(first.title, "The Idlib Report");
        assert_eq!(first.author.as_deref(), Some("Jane Doe"));
        assert_eq!(first.kind, Kind::Highlight);
        assert_eq!(first.location, Some((120, 125)));
        assert_eq!(first.added.as_deref(), Some("2020-02-28T21:05:00Z"));
        assert_eq!(first.content, "NATO has a lot of options");
        assert_eq!(clippings[1].kind, Kind::Note);
        assert_eq!(clippings[1].location, Some((125, 125)));
        assert_eq!(clippings[2].kind, Kind::Bookmark);
        assert_eq!(clippings[2].author, None);
    }

    #[test]
    fn leading_dot_words_are_tags() {
        assert_eq!(
            tags_and_note(".nato .turkey check the numbers"),
            (
                vec!["nato".to_string(), "turkey".to_string()],
                Some("check the numbers".to_string())
            )
        );
        assert_eq!(tags_and_note(".only"), (vec!["only".to_string()], None));
        assert_eq!(
            tags_and_note("... and more"),
            (vec![], Some("... and more".to_string()))
        );
        assert_eq!(tags_and_note("   "), (vec![], None));
    }

    #[test]
    fn hostile_input_does_not_panic() {
        for text in [
            "",
            "==========",
            "-\n==========",
            "a\n- \n",
            "x (\n- Your Note on Location 99999999999999999999999",
        ] {
            let _ = parse(text);
        }
    }
}
