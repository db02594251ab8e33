//! Markdown to reading text: the marks that only matter to a Markdown renderer go
//! (heading hashes, link targets, images, emphasis markers, code fences, rules), the words
//! stay, line by line, so the paragraph rules of plain text apply unchanged.

/// Markdown converted to plain text, and the first level-one heading (the headline).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converted {
    pub text: String,
    pub headline: Option<String>,
}

pub fn to_text(markdown: &str) -> Converted {
    let mut text = String::with_capacity(markdown.len());
    let mut headline = None;
    let lines: Vec<&str> = markdown.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if is_fence(trimmed) || is_rule(trimmed) || is_setext_underline(&lines, i) {
            // A blank line keeps the paragraphs on either side apart.
            text.push('\n');
            continue;
        }
        if let Some((level, heading)) = atx_heading(trimmed) {
            let heading = inline(heading);
            if level == 1 && headline.is_none() && !heading.is_empty() {
                headline = Some(heading.clone());
            }
            // Headings stand alone, like a headline in a saved text page.
            text.push('\n');
            text.push_str(&heading);
            text.push_str("\n\n");
            continue;
        }
        let content = trimmed
            .strip_prefix("> ")
            .or_else(|| trimmed.strip_prefix('>'))
            .unwrap_or(line);
        text.push_str(&inline(content));
        text.push('\n');
    }
    Converted { text, headline }
}

fn is_fence(line: &str) -> bool {
    line.starts_with("```") || line.starts_with("~~~")
}

/// `---`, `***`, `___` (three or more, spaces allowed).
fn is_rule(line: &str) -> bool {
    let marks: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3
        && ['-', '*', '_']
            .iter()
            .any(|m| marks.chars().all(|c| c == *m))
}

/// `===` under a line of text makes it a heading; the underline goes.
fn is_setext_underline(lines: &[&str], i: usize) -> bool {
    let line = lines[i].trim();
    i > 0 && !line.is_empty() && line.chars().all(|c| c == '=') && !lines[i - 1].trim().is_empty()
}

fn atx_heading(line: &str) -> Option<(usize, &str)> {
    let level = line.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &line[level..];
    if !rest.is_empty() && !rest.starts_with(' ') {
        return None;
    }
    Some((level, rest.trim().trim_end_matches('#').trim_end()))
}

/// Inline marks: `![alt](src)` goes, `[text](href)` keeps its text, `**`/`__`/`` ` ``
/// markers go.
fn inline(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(i) = rest.find(['[', '*', '_', '`', '!']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix("![")
            && let Some((_, after_link)) = link(after)
        {
            rest = after_link;
        } else if let Some(after) = tail.strip_prefix('[')
            && let Some((label, after_link)) = link(after)
        {
            out.push_str(label);
            rest = after_link;
        } else if tail.starts_with("**") || tail.starts_with("__") {
            rest = &tail[2..];
        } else if let Some(after) = tail.strip_prefix('`') {
            rest = after;
        } else {
            let c = tail.chars().next().map_or(1, char::len_utf8);
            out.push_str(&tail[..c]);
            rest = &tail[c..];
        }
    }
    out.push_str(rest);
    out
}

/// Longest link label or target looked for; bounds the work on a line of many `[`.
const LINK_PART_MAX_BYTES: usize = 2048;

/// After a `[`: `label](target)` → (label, the text after `)`).
fn link(after_bracket: &str) -> Option<(&str, &str)> {
    let close = find_ascii_within(after_bracket, b']')?;
    let label = &after_bracket[..close];
    let target = after_bracket[close + 1..].strip_prefix('(')?;
    let end = find_ascii_within(target, b')')?;
    Some((label, &target[end + 1..]))
}

/// The first `byte` (ASCII, so always a char boundary) within the first bytes of `text`.
fn find_ascii_within(text: &str, byte: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    bytes[..bytes.len().min(LINK_PART_MAX_BYTES)]
        .iter()
        .position(|&b| b == byte)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_go_and_words_stay() {
        let md = "# NATO meets\n\nA **bold** [link](https://x.y) and ![pic](a.png)`code`.\n\n\
                  ## Background\n\n> Quoted words.\n\n---\n\n```\nfenced\n```\n";
        let c = to_text(md);
        assert_eq!(c.headline.as_deref(), Some("NATO meets"));
        let paragraphs: Vec<&str> = c
            .text
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        assert_eq!(
            paragraphs,
            [
                "NATO meets",
                "A bold link and code.",
                "Background",
                "Quoted words.",
                "fenced"
            ]
        );
    }

    #[test]
    fn unclosed_marks_are_left_alone() {
        assert_eq!(to_text("a [b c_d * e!").text, "a [b c_d * e!\n");
        assert_eq!(to_text("#hashtag").headline, None);
    }
}
