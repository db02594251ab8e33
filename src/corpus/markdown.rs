//! Markdown to reading text with a CommonMark parser (pulldown-cmark, with tables,
//! footnotes and strikethrough): the words stay and the syntax goes — emphasis marks, link
//! targets (inline and by reference), images, code fences, HTML tags, entities (`&amp;`
//! becomes `&`). Paragraphs come out separated by blank lines, list items and table rows
//! one per line, so the paragraph rules of plain text apply unchanged. The article's byte
//! ranges point into this text, which is what the reader shows.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::decode::sanitize;

/// Markdown converted to plain text, and the first level-one heading (the headline).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converted {
    pub text: String,
    pub headline: Option<String>,
}

pub fn to_text(markdown: &str) -> Converted {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut out = Writer::default();
    // Inside an image its alt text is not part of the story.
    let mut in_image = 0usize;
    let mut heading: Option<(bool, usize)> = None;
    let mut headline = None;
    // A footnote's label goes on the line of its first paragraph.
    let mut after_footnote_label = false;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            _ if in_image > 0 => {}
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => {
                    out.block();
                    heading = Some((level == pulldown_cmark::HeadingLevel::H1, out.text.len()));
                }
                Tag::Item => {
                    out.line();
                    out.text.push_str("• ");
                }
                Tag::TableRow | Tag::TableHead => out.line(),
                Tag::TableCell => out.space(),
                Tag::FootnoteDefinition(label) => {
                    out.block();
                    out.text.push_str(&format!("[{label}] "));
                    after_footnote_label = true;
                }
                Tag::Paragraph if after_footnote_label => after_footnote_label = false,
                Tag::Paragraph | Tag::BlockQuote(_) | Tag::CodeBlock(_) | Tag::Table(_) => {
                    out.block()
                }
                Tag::List(_) | Tag::HtmlBlock => out.block(),
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(_) => {
                    if let Some((true, start)) = heading.take()
                        && headline.is_none()
                    {
                        let text = one_line(&out.text[start..]);
                        if !text.is_empty() {
                            headline = Some(text);
                        }
                    }
                    out.block();
                }
                TagEnd::Paragraph
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::List(_)
                | TagEnd::Table
                | TagEnd::FootnoteDefinition
                | TagEnd::HtmlBlock => out.block(),
                _ => {}
            },
            Event::Text(text) | Event::Code(text) => out.text.push_str(&text),
            Event::Html(html) | Event::InlineHtml(html) => out.html(&html),
            Event::FootnoteReference(label) => out.text.push_str(&format!("[{label}]")),
            Event::SoftBreak | Event::HardBreak => out.text.push('\n'),
            Event::Rule => out.block(),
            _ => {}
        }
    }
    // Entities can spell any character (`&#27;` is ESC): the result is made safe again.
    Converted {
        text: sanitize(&out.text),
        headline: headline.map(|h| sanitize(&h)),
    }
}

#[derive(Default)]
struct Writer {
    text: String,
    /// Inside an HTML comment, or a `<script>`/`<style>`, that spans several events.
    html_skip: Option<&'static str>,
}

impl Writer {
    /// Ends the current block: a blank line before what follows.
    fn block(&mut self) {
        trim_trailing_spaces(&mut self.text);
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            self.text.push_str(if self.text.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            });
        }
    }

    /// Starts a new line (list items, table rows).
    fn line(&mut self) {
        trim_trailing_spaces(&mut self.text);
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
    }

    fn space(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with([' ', '\n']) {
            self.text.push(' ');
        }
    }

    /// Raw HTML: its tags, comments, scripts and styles go, its words stay. Entities in it
    /// are left as written (CommonMark does not decode them there).
    fn html(&mut self, html: &str) {
        let mut rest = html;
        while !rest.is_empty() {
            if let Some(end) = self.html_skip {
                match find_ascii_case_insensitive(rest, end) {
                    Some(at) => {
                        rest = &rest[at + end.len()..];
                        self.html_skip = None;
                    }
                    None => return,
                }
                continue;
            }
            let Some(open) = rest.find('<') else {
                self.text.push_str(rest);
                return;
            };
            self.text.push_str(&rest[..open]);
            rest = &rest[open..];
            let lower_start = rest.get(..8).unwrap_or(rest).to_ascii_lowercase();
            if lower_start.starts_with("<!--") {
                self.html_skip = Some("-->");
            } else if lower_start.starts_with("<script") {
                self.html_skip = Some("</script>");
            } else if lower_start.starts_with("<style") {
                self.html_skip = Some("</style>");
            }
            match rest.find('>') {
                Some(close) if self.html_skip.is_none() => {
                    let tag = &rest[..close];
                    // A block-level tag ends the line of text before it.
                    if is_block_tag(tag) {
                        self.space();
                    }
                    rest = &rest[close + 1..];
                }
                Some(_) => rest = &rest[4.min(rest.len())..],
                None => return,
            }
        }
    }
}

fn is_block_tag(tag: &str) -> bool {
    let name: String = tag
        .trim_start_matches(['<', '/'])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(
        name.as_str(),
        "p" | "div" | "br" | "li" | "tr" | "td" | "th" | "h1" | "h2" | "h3" | "section"
    )
}

fn find_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

fn trim_trailing_spaces(text: &mut String) {
    let kept = text.trim_end_matches([' ', '\t']).len();
    text.truncate(kept);
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(text: &str) -> Vec<&str> {
        text.split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect()
    }

    #[test]
    fn marks_go_and_words_stay() {
        let md = "# NATO meets\n\nA **bold** [link](https://x.y) and ![pic](a.png)`code`.\n\n\
                  ## Background\n\n> Quoted words.\n\n---\n\n```\nfenced\n```\n";
        let c = to_text(md);
        assert_eq!(c.headline.as_deref(), Some("NATO meets"));
        assert_eq!(
            paragraphs(&c.text),
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
    fn emphasis_entities_reference_links_lists_tables_footnotes_and_html() {
        let md = "Talks *resumed* in _Geneva_ &amp; Bern, said [the minister][m].[^1]\n\n\
                  - first point\n- second point\n\n\
                  | City | Votes |\n|---|---|\n| Bern | 12 |\n\n\
                  <div class=\"note\">Polls close <b>at eight</b>.</div>\n\n\
                  [^1]: A footnote.\n\n[m]: https://example.org/minister\n";
        let c = to_text(md);
        assert_eq!(
            paragraphs(&c.text),
            [
                "Talks resumed in Geneva & Bern, said the minister.[1]",
                "• first point\n• second point",
                "City Votes\nBern 12",
                "Polls close at eight.",
                "[1] A footnote."
            ]
        );
        assert!(!c.text.contains("https://"));
    }

    #[test]
    fn entities_cannot_spell_control_characters() {
        let c = to_text("# Title &#27;]0;x&#7;\n\nText &#x1b;[31mred &#x202E;rev &#133;.");
        assert!(
            !c.text.contains(['\u{1b}', '\u{7}', '\u{202E}', '\u{85}']),
            "{:?}",
            c.text
        );
        assert!(!c.headline.unwrap().contains('\u{1b}'));
    }

    #[test]
    fn unclosed_marks_are_left_alone() {
        assert_eq!(to_text("a [b c_d * e!").text.trim(), "a [b c_d * e!");
        assert_eq!(to_text("#hashtag").headline, None);
    }
}
