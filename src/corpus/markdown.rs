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
/// markers go, a backslash escape gives its character. Linear in the line, however many
/// `[` it holds.
fn inline(line: &str) -> String {
    if !line.contains([']', '*', '_', '`', '\\']) {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len());
    let mut closes = NextByte::new(b']');
    let mut parens = NextByte::new(b')');
    let mut i = 0;
    while let Some(found) = line[i..].find(['[', '*', '_', '`', '!', '\\']) {
        out.push_str(&line[i..i + found]);
        i += found;
        let tail = &line[i..];
        if let Some(escaped) = tail
            .strip_prefix('\\')
            .and_then(|rest| rest.chars().next())
            .filter(char::is_ascii_punctuation)
        {
            out.push(escaped);
            i += 2;
            continue;
        }
        let label_start = if tail.starts_with("![") {
            Some(i + 2)
        } else if tail.starts_with('[') {
            Some(i + 1)
        } else {
            None
        };
        if let Some(start) = label_start
            && let Some((label_end, after)) = link(line, start, &mut closes, &mut parens)
        {
            if !tail.starts_with('!') {
                out.push_str(&line[start..label_end]);
            }
            i = after;
        } else if tail.starts_with("**") || tail.starts_with("__") {
            i += 2;
        } else if tail.starts_with('`') {
            i += 1;
        } else {
            let c = tail.chars().next().map_or(1, char::len_utf8);
            out.push_str(&tail[..c]);
            i += c;
        }
    }
    out.push_str(&line[i..]);
    out
}

/// Longest link label or target looked for.
const LINK_PART_MAX_BYTES: usize = 2048;

/// A link whose label starts at `start` (just after `[`): `label](target)` → (where the
/// label ends, where the text after `)` starts).
fn link(
    line: &str,
    start: usize,
    closes: &mut NextByte,
    parens: &mut NextByte,
) -> Option<(usize, usize)> {
    let close = closes.at_or_after(line, start)?;
    if close - start > LINK_PART_MAX_BYTES || line.as_bytes().get(close + 1) != Some(&b'(') {
        return None;
    }
    let paren = parens.at_or_after(line, close + 2)?;
    if paren - close > LINK_PART_MAX_BYTES {
        return None;
    }
    Some((close, paren + 1))
}

/// The next position of an ASCII byte in a line, remembered so that a line of many `[`
/// is searched once rather than once per `[`.
struct NextByte {
    byte: u8,
    /// `None`: not searched yet; `Some(None)`: none left in the line.
    found: Option<Option<usize>>,
}

impl NextByte {
    fn new(byte: u8) -> NextByte {
        NextByte { byte, found: None }
    }

    fn at_or_after(&mut self, line: &str, from: usize) -> Option<usize> {
        match self.found {
            Some(None) => return None,
            Some(Some(at)) if at >= from => return Some(at),
            _ => {}
        }
        let at = line
            .as_bytes()
            .get(from..)?
            .iter()
            .position(|&b| b == self.byte)
            .map(|i| from + i);
        self.found = Some(at);
        at
    }
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

    #[test]
    fn backslash_escapes_give_their_character() {
        assert_eq!(
            to_text("\\# not \\*em\\* \\[x\\](y) a\\b \\\\").text,
            "# not *em* [x](y) a\\b \\\n"
        );
        assert_eq!(to_text("\\- \\-\\-").text, "- --\n");
    }
}
