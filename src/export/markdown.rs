//! Markdown for notes (Obsidian-friendly, valid CommonMark), in two layouts: one file with a
//! section per article ([`render`]), or one file per article with YAML front matter
//! ([`render_article`]). Each passage is a blockquote with the speaker when it is a quote,
//! then a block id (`^lede-<id>`, so notes can link to the passage), its `#tags`, the note
//! and a link back to the passage: a web text fragment on the article's address when it is
//! known, else on the local file.
//!
//! Text is escaped only where Markdown (or Obsidian) would read it as syntax: `*` always,
//! `_` at word edges, `==` but not `=`, `$` only where two could make maths, `#` where it
//! would start a heading or a tag, and so on (see [`escape_line`]).

use super::Item;
use super::fragment;
use super::text::{clean, one_line};

/// One file for all the articles: `# Highlights`, then a section per article.
pub fn render(items: &[Item<'_>]) -> String {
    let mut out = String::from("# Highlights\n");
    for article in by_article(items) {
        let first = &article[0];
        out.push_str(&format!("\n## {}\n\n", heading(&first.title())));
        details(&mut out, first);
        for item in article {
            highlight(&mut out, item);
        }
    }
    out
}

/// The file of one article (all `items` of the same article): YAML front matter (title,
/// author, source, url, date, path, tags), a heading and the highlights.
pub fn render_article(items: &[Item<'_>]) -> String {
    let Some(first) = items.first() else {
        return String::new();
    };
    let mut out = front_matter(first, items);
    out.push_str(&format!("\n# {}\n", heading(&first.title())));
    for item in items {
        highlight(&mut out, item);
    }
    out
}

/// `items` cut into runs of the same article (they come ordered by article).
pub fn by_article<'i, 'a>(items: &'i [Item<'a>]) -> impl Iterator<Item = &'i [Item<'a>]> {
    items.chunk_by(|a, b| a.path() == b.path())
}

/// The list under an article's heading in the one-file layout.
fn details(out: &mut String, item: &Item<'_>) {
    let authors = item.authors();
    if !authors.is_empty() {
        let label = if authors.len() == 1 {
            "Author"
        } else {
            "Authors"
        };
        out.push_str(&format!("- {label}: {}\n", inline(&authors.join(", "))));
    }
    if let Some(outlet) = item.outlet() {
        out.push_str(&format!("- Source: {}\n", inline(&outlet)));
    }
    if let Some(date) = item.date() {
        out.push_str(&format!("- Date: {date}\n"));
    }
    if let Some(url) = item.url() {
        // An autolink: the address holds no `<`, `>` or white space (see `web_address`).
        out.push_str(&format!("- URL: <{url}>\n"));
    }
    if let Some(local) = item.local() {
        out.push_str(&format!("- Path: {}\n", inline(&local)));
    }
}

/// YAML front matter. Every string is a double-quoted scalar written as a JSON string
/// (YAML 1.2 reads JSON strings as they are), so no title or name can break it.
fn front_matter(first: &Item<'_>, items: &[Item<'_>]) -> String {
    let quoted = |text: &str| serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string());
    let list = |out: &mut String, key: &str, values: &[String]| {
        if !values.is_empty() {
            out.push_str(&format!("{key}:\n"));
            for value in values {
                out.push_str(&format!("  - {}\n", quoted(value)));
            }
        }
    };
    let mut out = String::from("---\n");
    out.push_str(&format!("title: {}\n", quoted(&first.title())));
    list(&mut out, "author", &first.authors());
    if let Some(outlet) = first.outlet() {
        out.push_str(&format!("source: {}\n", quoted(&outlet)));
    }
    if let Some(url) = first.url() {
        out.push_str(&format!("url: {}\n", quoted(&url)));
    }
    if let Some(date) = first.date() {
        out.push_str(&format!("date: {date}\n"));
    }
    if let Some(local) = first.local() {
        out.push_str(&format!("path: {}\n", quoted(&local)));
    }
    let mut tags: Vec<String> = items
        .iter()
        .flat_map(|i| i.highlight.tags.iter().map(|t| one_line(t)))
        .filter(|t| !t.is_empty())
        .collect();
    tags.sort();
    tags.dedup();
    list(&mut out, "tags", &tags);
    out.push_str("---\n");
    out
}

fn highlight(out: &mut String, item: &Item<'_>) {
    let h = item.highlight;
    out.push('\n');
    out.push_str(&blockquote(&h.quote.exact));
    if let Some(speaker) = &item.speaker {
        out.push_str(&format!(">\n> — {}\n", inline(speaker)));
    }
    // On a line of its own after the quote, as Obsidian wants for a quote's block id.
    out.push_str(&format!("\n^{}\n", block_id(&h.id)));
    if h.anchor.is_orphaned() {
        out.push_str("\n*Not found in the current text of the article (orphaned).*\n");
    }
    if !h.tags.is_empty() {
        let tags: Vec<String> = h.tags.iter().map(|t| format!("#{}", tag(t))).collect();
        out.push_str(&format!("\n{}\n", tags.join(" ")));
    }
    if let Some(note) = &h.note {
        let note = paragraphs(note, "");
        if !note.is_empty() {
            out.push_str(&format!("\n{note}"));
        }
    }
    out.push_str(&format!("\n[Open the passage]({})\n", link_back(item)));
}

/// `lede-` and the highlight id with anything but letters, digits and `-` (what Obsidian
/// allows in a block id) made `-`.
pub fn block_id(id: &str) -> String {
    let id: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("lede-{id}")
}

/// The link back to the passage: a text fragment on the web address when it is known; for
/// a record of a dataset, the dataset's line; else a text fragment on the local file.
/// Parentheses are percent-encoded so the link cannot end early.
fn link_back(item: &Item<'_>) -> String {
    let h = item.highlight;
    let link = match item.url() {
        Some(url) => fragment::link(&url, h),
        None if crate::store::dataset_line(item.path()).is_some() => item.local_iri(),
        None => fragment::link(&item.local_iri(), h),
    };
    link.replace('(', "%28").replace(')', "%29")
}

/// The passage as a blockquote: paragraphs kept, hard-wrapped lines joined in the
/// paragraph they belong to.
fn blockquote(text: &str) -> String {
    let quoted = paragraphs(text, "> ");
    if quoted.is_empty() {
        return ">\n".to_string();
    }
    quoted
}

/// `text` as escaped Markdown paragraphs, every line starting with `marker`; blank lines
/// between paragraphs (a bare `>` inside a blockquote).
fn paragraphs(text: &str, marker: &str) -> String {
    let text = clean(text);
    let mut blocks: Vec<Vec<&str>> = vec![Vec::new()];
    for line in text.lines() {
        let line = line.trim();
        match blocks.last_mut() {
            Some(block) if !line.is_empty() => block.push(line),
            Some(block) if !block.is_empty() => blocks.push(Vec::new()),
            _ => {}
        }
    }
    blocks.retain(|b| !b.is_empty());
    let separator = format!("{}\n", marker.trim_end());
    blocks
        .iter()
        .map(|lines| {
            // Maths needs two `$` in one paragraph; one alone (a price) stays as it is.
            let dollars = lines.iter().map(|l| l.matches('$').count()).sum::<usize>() > 1;
            lines
                .iter()
                .map(|l| format!("{marker}{}\n", escape_line(l, dollars)))
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(&separator)
}

/// Text on one line (a list item, the speaker), escaped.
fn inline(text: &str) -> String {
    let text = one_line(text);
    escape_line(&text, text.matches('$').count() > 1)
}

/// A heading's text: escaped, and `{` `}` too (a heading ending in `{#id}` would take it
/// as attributes).
fn heading(text: &str) -> String {
    inline(text).replace('{', "\\{").replace('}', "\\}")
}

/// A tag after `#`: only inline syntax is escaped (the tag never starts a line), so the
/// `-` and `/` that Obsidian tags use stay as they are.
fn tag(t: &str) -> String {
    let t = one_line(t);
    escape_chars(&t, t.contains('$'))
}

/// Escapes one line (without its line break, leading white space already trimmed) so that
/// it shows as its characters: inline syntax (see [`escape_chars`]) and what would start a
/// block at the start of a line (headings, quotes, lists, thematic breaks, setext
/// underlines).
fn escape_line(line: &str, dollars: bool) -> String {
    let escaped = escape_chars(line, dollars);
    if escaped.starts_with(['-', '+', '>', '=']) {
        return format!("\\{escaped}");
    }
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && matches!(escaped[digits..].chars().next(), Some('.' | ')')) {
        return format!("{}\\{}", &escaped[..digits], &escaped[digits..]);
    }
    escaped
}

/// Escapes the characters of `text` that inline Markdown would read as syntax where they
/// stand: emphasis, code, links, tables, strikethrough, superscripts and footnotes,
/// Obsidian's `==highlights==`, `%%comments%%`, `#tags` and `^block-ids`, HTML, entity
/// references, maths (`$`, when `dollars`), and a backslash that would escape the next
/// character or break the line.
fn escape_chars(text: &str, dollars: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let escape = match c {
            '*' | '`' | '[' | ']' | '|' | '~' | '^' => true,
            '\\' => next.is_none_or(|n| n.is_ascii_punctuation()),
            '_' => {
                !(prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric))
            }
            '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || "/!?".contains(n)),
            '&' => entity_follows(&chars[i + 1..]),
            '#' => {
                prev.is_none()
                    || (prev.is_some_and(char::is_whitespace)
                        && next.is_some_and(|n| !n.is_whitespace()))
            }
            '=' | '%' => prev == Some(c) || next == Some(c),
            '$' => dollars,
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether `rest` starts like an entity reference's name (`amp;`, `#38;`, `#x26;`).
fn entity_follows(rest: &[char]) -> bool {
    let rest = rest.strip_prefix(&['#']).unwrap_or(rest);
    let name = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    name > 0 && rest.get(name) == Some(&';')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_markdown_would_misread_is_escaped() {
        let cases = [
            ("*bold* and _em_", "\\*bold\\* and \\_em\\_"),
            ("snake_case stays", "snake_case stays"),
            ("# not a heading", "\\# not a heading"),
            ("#MeToo is not a tag here", "\\#MeToo is not a tag here"),
            ("C# and issue # 5", "C# and issue # 5"),
            ("- not a list", "\\- not a list"),
            ("+ not a list", "\\+ not a list"),
            ("> not a quote", "\\> not a quote"),
            ("1984. Not a list", "1984\\. Not a list"),
            ("2) neither", "2\\) neither"),
            ("= not an underline", "\\= not an underline"),
            (
                "[a](http://x) <b> ![i](j)",
                "\\[a\\](http://x) \\<b> !\\[i\\](j)",
            ),
            (
                "`code` ==mark== %%c%% ^id",
                "\\`code\\` \\=\\=mark\\=\\= \\%\\%c\\%\\% \\^id",
            ),
            ("a = b, 50% of them", "a = b, 50% of them"),
            ("a &amp; b &#38; AT&T", "a \\&amp; b \\&#38; AT&T"),
            ("a \\ b \\* c \\", "a \\ b \\\\\\* c \\\\"),
            ("x < y, 3 <4", "x < y, 3 <4"),
            ("plain, words - dashes", "plain, words - dashes"),
        ];
        for (text, expected) in cases {
            assert_eq!(escape_line(text, false), expected, "{text}");
        }
        assert_eq!(escape_line("costs $5", false), "costs $5");
        assert_eq!(escape_line("$5-$10", true), "\\$5-\\$10");
    }

    #[test]
    fn dollars_are_escaped_only_where_two_share_a_paragraph() {
        assert_eq!(
            paragraphs("It cost $5 billion.", ""),
            "It cost $5 billion.\n"
        );
        assert_eq!(
            paragraphs("From $5\nto $10.\n\nOnly $3.", ""),
            "From \\$5\nto \\$10.\n\nOnly $3.\n"
        );
    }

    #[test]
    fn paragraphs_become_quoted_blocks() {
        assert_eq!(
            blockquote("one\n  two\n\n\n---\n"),
            "> one\n> two\n>\n> \\---\n"
        );
        assert_eq!(blockquote(" \n "), ">\n");
        assert_eq!(paragraphs("a\n\nb", ""), "a\n\nb\n");
    }

    #[test]
    fn block_ids_hold_only_what_obsidian_allows() {
        assert_eq!(block_id("18c2f-0a1b2c3d"), "lede-18c2f-0a1b2c3d");
        assert_eq!(block_id("urn:x/y z"), "lede-urn-x-y-z");
    }
}
