//! From decoded text to an [`Article`]: metadata header, paragraphs, what each paragraph is
//! for (headline, caption, boilerplate…), title, source and sentences.
//!
//! The rules follow how news pages are laid out when saved as text, not any one file:
//! an optional `date YYYY-MM-DD` header; an optional preamble of banner, section name,
//! headline, standfirst and photo captions; then the story, with site furniture mixed in.

use std::ops::Range;
use std::path::PathBuf;

use super::article::{Article, Date, Origin, Paragraph, ParagraphKind, Sentence};
use super::decode::sanitize;
use super::sentences;
use super::text::{Text, TextHandle};

/// Longest title shown when the title comes from the first sentence.
const TITLE_MAX_CHARS: usize = 90;
/// Lines at most this long, in a block of several, are read as one hard-wrapped paragraph.
const WRAPPED_LINE_MAX_CHARS: usize = 100;

/// Longest title taken from a file's metadata; longer ones are cut at a word.
const METADATA_TITLE_MAX_CHARS: usize = 300;
/// Longest byline, source or tag kept from a file's metadata.
const METADATA_FIELD_MAX_CHARS: usize = 200;

/// What a file says about its article besides the text: front matter, HTML meta tags,
/// dataset fields. Every field is optional; a given field wins over what the text suggests.
/// Fields may hold anything a hostile file puts there: they are sanitised on use.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub title: Option<String>,
    pub date: Option<Date>,
    pub source: Option<String>,
    /// Author names, one per entry.
    pub byline: Vec<String>,
    pub language: Option<String>,
    pub tags: Vec<String>,
}

/// Builds an article from sanitised text.
pub fn parse_article(path: PathBuf, text: &str, warnings: Vec<String>) -> Article {
    let origin = Origin {
        file: path.clone(),
        ..Origin::default()
    };
    parse_with_metadata(path, text, warnings, Metadata::default(), origin)
}

/// Builds an article from sanitised text and what its file said about it.
pub fn parse_with_metadata(
    path: PathBuf,
    text: &str,
    warnings: Vec<String>,
    metadata: Metadata,
    origin: Origin,
) -> Article {
    let header = read_header(text);
    let mut text = split_text(text[header.body_start..].trim_end().to_string());
    let mut title = guess_title(&text).unwrap_or_else(|| file_name(&path));
    let mut source = header
        .source
        .or_else(|| find_source(&text.body, &text.paragraphs));
    // A field shown on one line is one line, wherever in the text it was found (a
    // hard-wrapped paragraph holds line breaks).
    source = source.as_deref().map(one_line).filter(|s| !s.is_empty());
    if let Some(given) = given_title(&metadata) {
        mark_headline(&mut text, &given);
        title = given;
    }
    if let Some(given) = metadata.source.as_deref().and_then(clean_field) {
        source = Some(shorten(&given, METADATA_FIELD_MAX_CHARS));
    }
    let mut origin = origin;
    origin.url = origin.url.as_deref().and_then(clean_field);
    origin.feed = origin.feed.as_deref().and_then(clean_field);
    let (body, paragraphs, sentences) = TextHandle::new(text).parts();
    Article {
        path,
        title,
        date: metadata.date.or(header.date),
        source,
        byline: metadata
            .byline
            .iter()
            .filter_map(|a| clean_field(a))
            .map(|a| shorten(&a, METADATA_FIELD_MAX_CHARS))
            .collect(),
        language: metadata
            .language
            .as_deref()
            .and_then(clean_field)
            .map(|l| shorten(&l, METADATA_FIELD_MAX_CHARS)),
        tags: metadata
            .tags
            .iter()
            .filter_map(|t| clean_field(t))
            .map(|t| shorten(&t, METADATA_FIELD_MAX_CHARS))
            .collect(),
        origin,
        body,
        paragraphs,
        sentences,
        warnings,
    }
}

/// The title the file's metadata gives, as the article shows it.
fn given_title(metadata: &Metadata) -> Option<String> {
    let given = metadata.title.as_deref().and_then(clean_field)?;
    Some(shorten(&given, METADATA_TITLE_MAX_CHARS))
}

/// An article's text and what its file said about it, not yet parsed: a caller may look
/// at it first and leave it unparsed (see [`crate::corpus::load_each_wanted`]).
pub struct Unparsed<'a> {
    pub path: PathBuf,
    /// The text [`parse_with_metadata`] reads: every paragraph, sentence and title
    /// taken from the text is a part of it (a title from the text may be cut short,
    /// ending inside a word and with `…`).
    pub text: &'a str,
    pub warnings: Vec<String>,
    pub metadata: Metadata,
    pub origin: Origin,
}

impl Unparsed<'_> {
    /// The titles the article may get that are not taken from its text: the one its
    /// metadata gives, and its file name (used when the text gives none).
    pub fn titles_not_from_text(&self) -> impl Iterator<Item = String> {
        given_title(&self.metadata)
            .into_iter()
            .chain(std::iter::once(file_name(&self.path)))
    }

    pub fn parse(self) -> Article {
        parse_with_metadata(
            self.path,
            self.text,
            self.warnings,
            self.metadata,
            self.origin,
        )
    }
}

/// A metadata value made safe and one line; `None` when nothing is left.
fn clean_field(value: &str) -> Option<String> {
    // Sanitising may drop characters, so keep more than will be shown.
    let line = one_line(&sanitize(prefix_chars(value, 4 * METADATA_TITLE_MAX_CHARS)));
    (!line.is_empty()).then_some(line)
}

/// When the text opens with the title the file gave, that paragraph is the headline
/// (whatever the layout rules guessed).
fn mark_headline(text: &mut Text, title: &str) {
    let Some(first) = text.paragraphs.first() else {
        return;
    };
    let first = &text.body[first.range.clone()];
    if first.len() > 2 * title.len() + 64 || one_line(first) != title {
        return;
    }
    for p in text.paragraphs.iter_mut().skip(1) {
        if p.kind == ParagraphKind::Headline {
            p.kind = ParagraphKind::Standfirst;
        }
    }
    text.paragraphs[0].kind = ParagraphKind::Headline;
}

/// The body split into paragraphs (each told what it is for) and sentences.
fn split_text(body: String) -> Text {
    let mut paragraphs = split_paragraphs(&body);
    classify(&body, &mut paragraphs);

    let sentences = paragraphs
        .iter()
        .enumerate()
        .flat_map(|(index, p)| {
            sentences::split(&body[p.range.clone()])
                .into_iter()
                .map(move |r| Sentence {
                    range: p.range.start + r.start..p.range.start + r.end,
                    paragraph: index,
                })
        })
        .collect::<Vec<_>>();
    Text {
        body,
        paragraphs,
        sentences,
    }
}

/// The title the text suggests: its headline, else its lead (or first) sentence
/// shortened.
fn guess_title(text: &Text) -> Option<String> {
    if let Some(headline) = text
        .paragraphs
        .iter()
        .find(|p| p.kind == ParagraphKind::Headline)
    {
        return Some(one_line(&text.body[headline.range.clone()]));
    }
    let lead = text
        .sentences
        .iter()
        .find(|s| text.paragraphs[s.paragraph].kind == ParagraphKind::Body)
        .or_else(|| text.sentences.first())
        .and_then(|s| text.body.get(s.range.clone()))?;
    Some(shorten(
        &one_line(prefix_chars(lead, 2 * TITLE_MAX_CHARS)),
        TITLE_MAX_CHARS,
    ))
}

/// The file name of `path`, for a title when the text gives none.
fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The outlet: a section name above the headline, or the name in "Follow X on Twitter".
fn find_source(body: &str, paragraphs: &[Paragraph]) -> Option<String> {
    paragraphs
        .iter()
        .find(|p| p.kind == ParagraphKind::Section)
        .map(|p| one_line(&body[p.range.clone()]))
        .or_else(|| {
            paragraphs
                .iter()
                .find_map(|p| outlet_in_furniture(&body[p.range.clone()]))
        })
}
struct Header {
    date: Option<Date>,
    source: Option<String>,
    body_start: usize,
}

/// Reads leading `date YYYY-MM-DD` / `source: NAME` fields. A date field may share its
/// line with the first sentence (` date 2020-02-28 Following the killing…`).
fn read_header(text: &str) -> Header {
    let mut header = Header {
        date: None,
        source: None,
        body_start: 0,
    };
    loop {
        let rest = &text[header.body_start..];
        let trimmed = rest.trim_start();
        let skipped = rest.len() - trimmed.len();
        let Some((key, after_key)) = header_key(trimmed) else {
            break;
        };
        match key {
            "date" if header.date.is_none() => {
                let value = after_key.trim_start_matches([' ', '\u{A0}']);
                let Some(date) = value.get(..10).and_then(Date::parse_iso) else {
                    break;
                };
                let after_value = &value[10..];
                if !after_value.is_empty() && !after_value.starts_with(char::is_whitespace) {
                    break;
                }
                header.date = Some(date);
                header.body_start += skipped + (trimmed.len() - after_value.len());
            }
            "source" if header.source.is_none() => {
                let line_end = after_key.find('\n').unwrap_or(after_key.len());
                let value = after_key[..line_end].trim();
                if value.is_empty() {
                    break;
                }
                header.source = Some(value.to_string());
                header.body_start += skipped + (trimmed.len() - after_key.len()) + line_end;
            }
            _ => break,
        }
    }
    let rest = &text[header.body_start..];
    header.body_start += rest.len() - rest.trim_start().len();
    header
}

/// `date 2020-…`, `Date: 2020-…`, `source: …` at the very start of the text.
fn header_key(text: &str) -> Option<(&'static str, &str)> {
    for key in ["date", "source"] {
        let Some(head) = text.get(..key.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(key) {
            continue;
        }
        let after = &text[key.len()..];
        let after = after.strip_prefix(':').unwrap_or(after);
        if after.starts_with([' ', '\u{A0}']) {
            return Some((key, after));
        }
    }
    None
}

/// Paragraphs are separated by blank lines. Inside a block, short lines are one
/// hard-wrapped paragraph; long lines (as saved web pages have) are one paragraph each.
fn split_paragraphs(body: &str) -> Vec<Paragraph> {
    let mut paragraphs = Vec::new();
    let mut block: Vec<Range<usize>> = Vec::new();
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let content = line.trim_end_matches('\n');
        let range = trim_range(body, offset..offset + content.len());
        offset += line.len();
        if range.is_empty() {
            push_block(&mut block, body, &mut paragraphs);
        } else {
            block.push(range);
        }
    }
    push_block(&mut block, body, &mut paragraphs);
    paragraphs
}

fn push_block(block: &mut Vec<Range<usize>>, body: &str, out: &mut Vec<Paragraph>) {
    let (Some(first), Some(last)) = (block.first(), block.last()) else {
        return;
    };
    // Hard wrapping shows as short lines that break mid-sentence; lines that each end a
    // sentence, list items and photo credits stand on their own.
    let lines: Vec<&str> = block.iter().map(|r| &body[r.clone()]).collect();
    let (inner, _) = lines.split_at(lines.len() - 1);
    let wrapped = !inner.is_empty()
        && inner
            .iter()
            .all(|line| line.chars().count() <= WRAPPED_LINE_MAX_CHARS)
        && inner
            .iter()
            .any(|line| !ends_with_sentence_punctuation(line))
        && !lines
            .iter()
            .any(|line| is_list_item(line) || is_photo_credit(line));
    if wrapped {
        push_bounded(out, body, first.start..last.end);
    } else {
        for range in block.iter() {
            push_bounded(out, body, range.clone());
        }
    }
    block.clear();
}

/// Longest paragraph: a longer one (a file of one 50 MB line) is cut into paragraphs of at
/// most this size, at a sentence end or else a space, so that what is built per paragraph
/// (sentences, extraction's tokens, the layout, the search index's items) stays small
/// whatever the file. News paragraphs are a few hundred bytes.
pub const PARAGRAPH_MAX_BYTES: usize = 64 << 10;

/// Pushes `range` of `body` as a body paragraph, cut as [`PARAGRAPH_MAX_BYTES`] says.
fn push_bounded(out: &mut Vec<Paragraph>, body: &str, mut range: Range<usize>) {
    while range.len() > PARAGRAPH_MAX_BYTES {
        let mut cut = range.start + PARAGRAPH_MAX_BYTES;
        while !body.is_char_boundary(cut) {
            cut -= 1;
        }
        let piece = &body[range.start..cut];
        let half = piece.len() / 2;
        let at = piece
            .rfind(". ")
            .filter(|&i| i > half)
            .map(|i| i + 1)
            .or_else(|| piece.rfind(' ').filter(|&i| i > half))
            .unwrap_or(piece.len());
        let head = trim_range(body, range.start..range.start + at);
        if !head.is_empty() {
            out.push(Paragraph {
                range: head,
                kind: ParagraphKind::Body,
            });
        }
        range = trim_range(body, range.start + at..range.end);
    }
    if !range.is_empty() {
        out.push(Paragraph {
            range,
            kind: ParagraphKind::Body,
        });
    }
}

fn is_list_item(line: &str) -> bool {
    line.starts_with(['-', '*', '•', '#', '>'])
}

fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let piece = &text[range.clone()];
    let is_space = |c: char| c.is_whitespace() || c == '\u{A0}';
    let start = range.start + (piece.len() - piece.trim_start_matches(is_space).len());
    let end = range.end - (piece.len() - piece.trim_end_matches(is_space).len());
    start..end.max(start)
}

/// Newlines inside a hard-wrapped paragraph read as spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let at_word = match cut.rfind(' ') {
        Some(i) if i > max_chars / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end_matches([',', ';', ':', ' ']))
}

/// Gives each paragraph its kind: first the preamble above the story, then furniture
/// anywhere in the text.
fn classify(body: &str, paragraphs: &mut [Paragraph]) {
    let text = |p: &Paragraph| &body[p.range.clone()];
    let same_block =
        |a: &Paragraph, b: &Paragraph| !body[a.range.end..b.range.start].contains("\n\n");

    for p in paragraphs.iter_mut() {
        if is_banner(text(p)) {
            p.kind = ParagraphKind::Banner;
        } else if is_photo_credit(text(p)) || ends_with_credit_in_brackets(text(p)) {
            p.kind = ParagraphKind::Caption;
        } else if is_furniture(text(p)) {
            p.kind = ParagraphKind::Boilerplate;
        }
    }

    // The preamble: banners, then an optional section name, a headline, captions and a
    // standfirst, all before the first paragraph of the story.
    let mut i = 0;
    while i < paragraphs.len() && paragraphs[i].kind == ParagraphKind::Banner {
        i += 1;
    }
    let looks_like_headline = |paragraphs: &[Paragraph], k: usize| {
        paragraphs.get(k).is_some_and(|p| {
            p.kind == ParagraphKind::Body && is_headline(text(p)) && k + 1 < paragraphs.len()
        })
    };
    if looks_like_headline(paragraphs, i)
        && is_section_name(text(&paragraphs[i]))
        && looks_like_headline(paragraphs, i + 1)
    {
        paragraphs[i].kind = ParagraphKind::Section;
        i += 1;
    }
    if !looks_like_headline(paragraphs, i) {
        return;
    }
    // A headline stands in a block of its own (or above its captions).
    paragraphs[i].kind = ParagraphKind::Headline;
    i += 1;

    // Captions: a line ending in a photo credit makes its whole block a caption group.
    while i < paragraphs.len() {
        let block_end = (i + 1..paragraphs.len())
            .find(|&k| !same_block(&paragraphs[k - 1], &paragraphs[k]))
            .unwrap_or(paragraphs.len());
        let caption_group = paragraphs[i..block_end]
            .iter()
            .any(|p| p.kind == ParagraphKind::Body && ends_with_photo_credit(text(p)));
        if !caption_group {
            break;
        }
        for p in &mut paragraphs[i..block_end] {
            p.kind = ParagraphKind::Caption;
        }
        i = block_end;
    }
    while i < paragraphs.len() && paragraphs[i].kind.is_boilerplate() {
        i += 1;
    }
    // A standfirst is one sentence right under the headline, with the story after it.
    if let Some(p) = paragraphs.get(i)
        && p.kind == ParagraphKind::Body
        && i + 1 < paragraphs.len()
        && sentences::split(text(p)).len() == 1
        && text(p).chars().count() <= 300
    {
        paragraphs[i].kind = ParagraphKind::Standfirst;
    }
}

/// The number of words, counting no further than `limit + 1`: the rules only ask whether
/// a paragraph is short.
fn words_up_to(text: &str, limit: usize) -> usize {
    text.split_whitespace().take(limit + 1).count()
}

fn ends_with_sentence_punctuation(text: &str) -> bool {
    let core = text.trim_end_matches(['"', '\'', '”', '’', ')', ']', '*']);
    core.ends_with(['.', '!', ':', ';', ','])
}

/// A headline: one line, a few words, starting with a capital, no final full stop.
fn is_headline(text: &str) -> bool {
    text.len() <= SHORT_LINE_MAX_BYTES
        && !text.contains('\n')
        && (2..=30).contains(&words_up_to(text, 30))
        && text.chars().count() <= 200
        && text
            .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '“' || c == '"')
        && !ends_with_sentence_punctuation(text)
}

/// A section or column label above a headline: two to four words, such as "The Slatest"
/// or "World News".
fn is_section_name(text: &str) -> bool {
    text.len() <= SHORT_LINE_MAX_BYTES && words_up_to(text, 4) <= 4 && text.chars().count() <= 40
}

/// Longest paragraph (in bytes) the short-line rules (banner, credit, headline) look at:
/// they are about a dozen words, and a huge paragraph must not be lower-cased for nothing.
const SHORT_LINE_MAX_BYTES: usize = 600;

/// The first `max_chars` characters of `text`.
fn prefix_chars(text: &str, max_chars: usize) -> &str {
    text.char_indices()
        .nth(max_chars)
        .map_or(text, |(i, _)| &text[..i])
}

/// The last `max_chars` characters of `text`.
fn suffix_chars(text: &str, max_chars: usize) -> &str {
    match max_chars.checked_sub(1) {
        Some(n) => text
            .char_indices()
            .rev()
            .nth(n)
            .map_or(text, |(i, _)| &text[i..]),
        None => "",
    }
}

fn is_banner(text: &str) -> bool {
    // Every banner starts with "this " (a cheap test first: most paragraphs are not).
    if !text
        .get(..5)
        .is_some_and(|start| start.eq_ignore_ascii_case("this "))
    {
        return false;
    }
    if text.len() > SHORT_LINE_MAX_BYTES || words_up_to(text, 12) > 12 {
        return false;
    }
    let lower = text.to_lowercase();
    (lower.contains("years old") || lower.contains("year old") || lower.contains("months old"))
        && (lower.starts_with("this story")
            || lower.starts_with("this article")
            || lower.starts_with("this post"))
}

/// How a photo credit line starts (lowercase).
const PHOTO_CREDIT_STARTS: &[&str] = &[
    "photo via",
    "photo by",
    "photo:",
    "photograph:",
    "photograph by",
    "image:",
    "image via",
    "picture:",
    "credit:",
    "photo credit",
    "file photo",
];

/// A line that is only a photo credit: "Photo via EPA", "(Photo: Reuters)", "Credit: AP".
fn is_photo_credit(text: &str) -> bool {
    let start = text.trim_start_matches('(');
    // Most lines are told by their first byte.
    let first = start.as_bytes().first().map(u8::to_ascii_lowercase);
    if text.len() > SHORT_LINE_MAX_BYTES
        || !PHOTO_CREDIT_STARTS
            .iter()
            .any(|p| p.as_bytes().first() == first.as_ref())
    {
        return false;
    }
    let lower = prefix_chars(start, 16).to_lowercase();
    let credit_start = PHOTO_CREDIT_STARTS.iter().any(|p| lower.starts_with(p));
    // Counting words last: most lines fail on how they start.
    credit_start && words_up_to(text, 12) <= 12
}

/// A caption line with its credit at the end: "… in Istanbul. Alexey Druzhinin/Getty Images".
fn ends_with_photo_credit(text: &str) -> bool {
    let lower = suffix_chars(text, 40).to_lowercase();
    let lower = lower.trim_end_matches([')', '.', ' ']);
    [
        "getty images",
        "/ap",
        "/reuters",
        "/afp",
        "/epa",
        "/bloomberg",
        "ap photo",
        "via reuters",
        "via ap",
        "shutterstock",
        "/anadolu agency",
        "/sipa",
        "/alamy",
    ]
    .iter()
    .any(|credit| lower.ends_with(credit))
        || is_photo_credit(text)
        || ends_with_credit_in_brackets(text)
}

/// "… in Hong Kong (Image: GETTY)", "… (Foto: dpa)", "(credit: NASA)".
fn ends_with_credit_in_brackets(text: &str) -> bool {
    // Told at once for most paragraphs, which do not end with a bracket.
    if !text.trim_end().ends_with(')') {
        return false;
    }
    let tail = suffix_chars(text.trim_end(), 60);
    let Some(open) = tail.rfind('(') else {
        return false;
    };
    let inside = tail[open + 1..].trim_start().to_lowercase();
    tail.ends_with(')')
        && [
            "image",
            "photo",
            "picture",
            "credit",
            "foto",
            "bild",
            "crédit",
            "illustration",
        ]
        .iter()
        .any(|w| inside.starts_with(w) && inside[w.len()..].trim_start().starts_with([':', ' ']))
}

/// How site furniture starts (lowercase); the longest is 30 characters.
const FURNITURE_STARTS: &[&str] = &[
    "related:",
    "related coverage",
    "related articles",
    "read more:",
    "read more ",
    "read also:",
    "see also:",
    "also read:",
    "more:",
    "recommended:",
    "sign up ",
    "subscribe to ",
    "click here",
    "advertisement",
    "share this",
    "copyright ",
    "©",
    "(c) ",
    "all rights reserved",
    "correction:",
    "correction,",
    "corrections:",
    "clarification:",
    "clarification,",
    "update:",
    "updated:",
    "editor's note",
    "editor’s note",
    "this article was amended",
    "this story has been updated",
    "this article has been updated",
    "an earlier version of this",
    "sharing is caring",
    "like this story?",
    "more great ",
    "don't miss",
    "don’t miss",
    "follow us ",
    "lesen sie auch",
    "lesen sie mehr",
    "mehr zum thema",
    "weiterlesen",
    "anzeige",
    "lire aussi",
    "à lire aussi",
    "a lire aussi",
    "voir aussi",
    "abonnez-vous",
    "inscrivez-vous",
    "publicité",
];

/// Site furniture between story paragraphs.
fn is_furniture(text: &str) -> bool {
    if starts_like_furniture(text) {
        return true;
    }
    // Credits and calls to action inside a short paragraph, wherever they stand.
    const SHORT_FURNITURE: &[&str] = &[
        "contributed to this report",
        "contributed reporting",
        "additional reporting by",
        "share it with",
        "sign up for",
        "sign up to",
        "subscribe to our",
        "follow us on",
        "click here to",
        "newsletter abonnieren",
        "abonnez-vous à",
    ];
    if text.len() <= SHORT_LINE_MAX_BYTES {
        // The phrases are ASCII (but for the `à` of one, matched in lower case): lowering
        // ASCII is enough, and much cheaper than lowering every char. All phrases are
        // looked for in one pass (one search per phrase was a tenth of reading a file).
        // Words are counted last: most paragraphs hold none of the phrases.
        static PHRASES: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> =
            std::sync::OnceLock::new();
        let lower = text.to_ascii_lowercase();
        let found = match PHRASES.get_or_init(|| {
            // Leftmost-first: the kind of search that has a SIMD pass (Teddy) to find
            // where one of several phrases may start.
            aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                .build(SHORT_FURNITURE)
                .ok()
        }) {
            Some(phrases) => phrases.is_match(&lower),
            // Not reached: the phrases are few and short.
            None => SHORT_FURNITURE.iter().any(|p| lower.contains(p)),
        };
        if found && words_up_to(text, 40) <= 40 {
            return true;
        }
    }
    outlet_in_furniture(text).is_some()
        || (starts_lowercase(text, "watch ")
            && text.len() <= SHORT_LINE_MAX_BYTES
            && words_up_to(text, 20) <= 20
            && ["documentary", "video", "watch live", "our film", "the film"]
                .iter()
                .any(|w| text.to_lowercase().contains(w)))
}

/// Whether `text` starts with one of [`FURNITURE_STARTS`], in any case. Most paragraphs
/// are told by their first char, lowered alone (a quotation mark opens many).
fn starts_like_furniture(text: &str) -> bool {
    let may_start = text.chars().next().is_some_and(|c| {
        let first = c.to_lowercase().next();
        FURNITURE_STARTS.iter().any(|p| p.chars().next() == first)
    });
    if !may_start {
        return false;
    }
    // An ASCII start (nearly every paragraph) is compared as it is, in any ASCII case:
    // the same answer as lowering it, without a copy.
    let start = &text.as_bytes()[..text.len().min(40)];
    if start.is_ascii() {
        return FURNITURE_STARTS.iter().any(|p| {
            start
                .get(..p.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(p.as_bytes()))
        });
    }
    let lower = prefix_chars(text, 40).to_lowercase();
    FURNITURE_STARTS.iter().any(|p| lower.starts_with(p))
}

/// Whether `text` starts with `prefix` (lowercase ASCII), in any case.
fn starts_lowercase(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
}

/// The outlet named in a "Follow X on Twitter" line.
fn outlet_in_furniture(text: &str) -> Option<String> {
    let rest = text.strip_prefix("Follow ")?;
    let (name, network) = rest.split_once(" on ")?;
    let network = network.to_lowercase();
    let is_network = [
        "twitter",
        "facebook",
        "instagram",
        "x",
        "x:",
        "threads",
        "bluesky",
        "tiktok",
        "linkedin",
    ]
    .iter()
    .any(|n| network.starts_with(n));
    (is_network && words_up_to(name, 5) <= 5 && !name.is_empty()).then(|| name.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Article {
        parse_article(PathBuf::from("test.txt"), text, Vec::new())
    }

    fn kinds(a: &Article) -> Vec<ParagraphKind> {
        a.paragraphs.iter().map(|p| p.kind).collect()
    }

    #[test]
    fn date_header_on_the_first_line() {
        let a = parse(
            " date 2020-02-28 Following the killing of soldiers, NATO met. It ended.\n\nMore.",
        );
        assert_eq!(a.date, Date::new(2020, 2, 28));
        assert!(a.body.starts_with("Following the killing"));
        assert_eq!(a.title, "Following the killing of soldiers, NATO met.");
        assert_eq!(a.sentence_text(1), "It ended.");
    }

    #[test]
    fn bad_date_header_is_left_as_text() {
        let a = parse("date 2020-13-45 Something happened.");
        assert_eq!(a.date, None);
        assert!(a.body.starts_with("date 2020-13-45"));
    }

    #[test]
    fn section_headline_and_caption() {
        let text = "World Desk\n\nBig Event Happens in the Capital\n\nA man watches the event.\nA man watches. John Doe/Getty Images\n\nThe event happened today. Many came.\n\nCorrection, Feb. 28, 2020: A name was wrong.";
        let a = parse(text);
        use ParagraphKind::*;
        assert_eq!(
            kinds(&a),
            [Section, Headline, Caption, Caption, Body, Boilerplate]
        );
        assert_eq!(a.title, "Big Event Happens in the Capital");
        assert_eq!(a.source.as_deref(), Some("World Desk"));
    }

    #[test]
    fn banner_headline_standfirst_and_furniture() {
        let text = "This story is over 5 years old.\n\n\nNATO Is Getting Ready\n\nThe alliance said it was ready.\nPhoto via EPA\n\nNATO said today it was prepared. More followed.\n\nRelated: Another Story Here\n\nWatch the VICE News documentary, The Russians Are Coming:\n\nFollow VICE News on Twitter: @vicenews";
        let a = parse(text);
        use ParagraphKind::*;
        assert_eq!(
            kinds(&a),
            [
                Banner,
                Headline,
                Standfirst,
                Caption,
                Body,
                Boilerplate,
                Boilerplate,
                Boilerplate
            ]
        );
        assert_eq!(a.source.as_deref(), Some("VICE News"));
        assert_eq!(a.boilerplate().count(), 5);
    }

    /// Issue 16, point 8 (found by the `document` fuzz target): a line break inside the
    /// outlet's name in a hard-wrapped "Follow … on Twitter" gave `"V\nICE News"`.
    #[test]
    fn an_outlet_found_in_a_wrapped_paragraph_is_one_line() {
        let a = parse("Headline Here\n\nThe story goes on.\n\nFollow V\nICE News on Twitter");
        assert_eq!(a.source.as_deref(), Some("V ICE News"));
        let a = parse("source: \n\nHeadline\n\nText.");
        assert!(
            a.source
                .as_deref()
                .is_none_or(|s| !s.contains('\n') && !s.is_empty())
        );
    }

    #[test]
    fn a_huge_line_is_cut_into_paragraphs_of_bounded_size() {
        let line = "Word after word here. ".repeat(20_000); // 440 KB on one line
        let a = parse_article("big.txt".into(), &format!("Title\n\n{line}"), Vec::new());
        assert!(a.paragraphs.len() > 7, "{}", a.paragraphs.len());
        for p in &a.paragraphs[1..] {
            assert!(p.range.len() <= PARAGRAPH_MAX_BYTES);
            let text = &a.body[p.range.clone()];
            assert_eq!(text, text.trim());
            assert!(text.ends_with("here."), "cut inside a sentence");
        }
        // Nothing is lost: the paragraphs cover the line but for the spaces between.
        let joined: Vec<&str> = a.paragraphs[1..]
            .iter()
            .map(|p| &a.body[p.range.clone()])
            .collect();
        assert_eq!(joined.join(" "), line.trim());
        let unbroken = "x".repeat(3 * PARAGRAPH_MAX_BYTES + 5);
        let a = parse_article("x.txt".into(), &unbroken, Vec::new());
        assert_eq!(a.paragraphs.len(), 4);
    }

    #[test]
    fn hard_wrapped_lines_make_one_paragraph() {
        let a = parse(
            "This is a long sentence that was\nwrapped at a narrow width by an\neditor. And it goes on.\n\nSecond paragraph.",
        );
        assert_eq!(a.paragraphs.len(), 2);
        assert_eq!(a.sentences.len(), 3);
        assert_eq!(
            a.sentence_text(0),
            "This is a long sentence that was\nwrapped at a narrow width by an\neditor."
        );
    }

    #[test]
    fn plain_first_sentence_is_not_a_headline() {
        let a = parse("Officials said on Monday that talks had failed.\n\nThey will meet again.");
        assert_eq!(kinds(&a), [ParagraphKind::Body, ParagraphKind::Body]);
    }

    #[test]
    fn long_title_is_shortened_at_a_word() {
        let a = parse(&format!("{} end.", "word ".repeat(40)));
        assert!(a.title.ends_with('…'));
        assert!(a.title.chars().count() <= TITLE_MAX_CHARS + 1);
    }

    #[test]
    fn sentence_lookup_by_offset() {
        let a = parse("One. Two.\n\nThree.");
        assert_eq!(a.sentence_at(0), Some(0));
        assert_eq!(a.sentence_at(5), Some(1));
        assert_eq!(a.sentence_at(4), None);
        assert_eq!(a.paragraph_at(11), Some(1));
    }
}
