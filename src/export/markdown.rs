//! Markdown for notes (Obsidian-friendly, valid CommonMark): one section per article with
//! its date, source and path; each passage a blockquote, then the speaker, tags as `#tag`,
//! the note and a link back to the passage. Article text and notes are escaped so that
//! nothing in them is read as Markdown syntax.

use super::Item;
use super::fragment;
use super::text::{clean, one_line};

/// ASCII characters escaped wherever they appear: CommonMark's inline syntax, and
/// Obsidian's (`==` highlights, `%%` comments, `$` maths, `^` block ids).
const ESCAPED: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '#', '!', '|', '~', '&', '$', '=', '^', '%', '{', '}',
];

pub fn render(items: &[Item<'_>]) -> String {
    let mut out = String::from("# Highlights\n");
    let mut current: Option<&str> = None;
    for item in items {
        if current != Some(item.path()) {
            current = Some(item.path());
            article_heading(&mut out, item);
        }
        highlight(&mut out, item);
    }
    out
}

fn article_heading(out: &mut String, item: &Item<'_>) {
    out.push_str(&format!("\n## {}\n\n", inline(&item.title())));
    if let Some(date) = item.date() {
        out.push_str(&format!("- Date: {}\n", inline(&date)));
    }
    if let Some(source) = item.source() {
        out.push_str(&format!("- Source: {}\n", inline(&source)));
    }
    out.push_str(&format!("- Path: {}\n", inline(item.path())));
}

fn highlight(out: &mut String, item: &Item<'_>) {
    let h = item.highlight;
    out.push('\n');
    out.push_str(&blockquote(&h.quote.exact));
    if let Some(speaker) = &item.speaker {
        out.push_str(&format!(">\n> — {}\n", inline(speaker)));
    }
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
    out.push_str(&format!(
        "\n[Open the passage]({})\n",
        fragment::link(item.path(), h)
    ));
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
    let mut blocks: Vec<Vec<String>> = vec![Vec::new()];
    for line in text.lines() {
        let line = line.trim();
        match blocks.last_mut() {
            Some(block) if !line.is_empty() => block.push(escape_line(line)),
            Some(block) if !block.is_empty() => blocks.push(Vec::new()),
            _ => {}
        }
    }
    blocks.retain(|b| !b.is_empty());
    let separator = format!("{}\n", marker.trim_end());
    blocks
        .iter()
        .map(|lines| {
            lines
                .iter()
                .map(|l| format!("{marker}{l}\n"))
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(&separator)
}

/// Text on one line (a heading, a list item), escaped.
fn inline(text: &str) -> String {
    escape_line(&one_line(text))
}

/// A tag after `#`: only inline syntax is escaped (the tag never starts a line), so the
/// `-` and `/` that Obsidian tags use stay as they are.
fn tag(t: &str) -> String {
    escape_chars(&one_line(t))
}

/// Escapes one line (without its line break, leading white space already trimmed): the
/// inline syntax everywhere, and what would start a block at the start of the line
/// (lists, thematic breaks, setext underlines, ordered lists).
fn escape_line(line: &str) -> String {
    let escaped = escape_chars(line);
    if escaped.starts_with(['-', '+']) {
        return format!("\\{escaped}");
    }
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && matches!(escaped[digits..].chars().next(), Some('.' | ')')) {
        return format!("{}\\{}", &escaped[..digits], &escaped[digits..]);
    }
    escaped
}

fn escape_chars(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if ESCAPED.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_syntax_in_text_is_escaped() {
        let cases = [
            ("*bold* and _em_", "\\*bold\\* and \\_em\\_"),
            ("# not a heading", "\\# not a heading"),
            ("- not a list", "\\- not a list"),
            ("+ not a list", "\\+ not a list"),
            ("1984. Not a list", "1984\\. Not a list"),
            ("2) neither", "2\\) neither"),
            (
                "[a](http://x) <b> ![i](j)",
                "\\[a\\](http://x) \\<b\\> \\!\\[i\\](j)",
            ),
            (
                "`code` ==mark== %%c%% $x$",
                "\\`code\\` \\=\\=mark\\=\\= \\%\\%c\\%\\% \\$x\\$",
            ),
            ("a &amp; b \\", "a \\&amp; b \\\\"),
            ("plain, words - dashes", "plain, words - dashes"),
        ];
        for (text, expected) in cases {
            assert_eq!(escape_line(text), expected, "{text}");
        }
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
}
