//! One pass over the page's tokens: text blocks (paragraphs, headings, list items), the
//! elements they sit in, what the `<head>` says about the article, and the byline.
//!
//! Works on the token stream, never on a tree, so the time is linear in the page and the
//! nesting depth costs no stack: a page nested 100,000 levels deep is only a long vector.
//!
//! Nothing is thrown away for its class or tag but what is never text (scripts, styles,
//! forms' controls, hidden elements): furniture (navigation, share bars, captions, the
//! details line) is only marked, and [`super::select`] leaves it out when it sits inside
//! the story. A class on an element around the whole page (`has-sidebar`,
//! `section-in-nav`) then costs nothing.

use std::collections::BTreeMap;

use html5gum::{DefaultEmitter, HtmlString, Token, Tokenizer};

/// Longest JSON-LD script kept (bigger ones are not article metadata).
const JSON_LD_MAX_BYTES: usize = 1 << 20;
/// Longest `<title>` or byline text kept.
const SHORT_TEXT_MAX_BYTES: usize = 1000;
/// How far down the open elements an end tag looks for its start tag. Bounds the work on
/// mis-nested pages; an end tag without a start tag that near is ignored.
const END_TAG_SEARCH_DEPTH: usize = 64;

/// What a text block is, for scoring and for the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading(u8),
    ListItem,
    Quote,
    /// Preformatted text (`<pre>`).
    Code,
    /// A table row, its cells side by side.
    Cell,
    /// Text straight inside a `div`, `td`, … (some sites write paragraphs that way).
    Loose,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub text: String,
    pub kind: BlockKind,
    /// The innermost element (see [`Node`]) holding the block; `usize::MAX` for none.
    pub node: usize,
    /// Bytes of the text that sit inside links.
    pub link_bytes: usize,
    /// Bytes of the text that sit inside `<time>` elements.
    pub time_bytes: usize,
}

/// What an element is for, from its tag, class, id and role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Plain,
    /// Navigation, share bars, ads, related links, comments, captions, forms.
    Furniture,
    /// The line of details under a headline (date, reading time).
    Details,
    /// The author's name.
    Byline,
}

/// An element that can hold paragraphs (`div`, `section`, `article`, `td`, …), or any
/// element whose role is not plain.
#[derive(Debug, Clone)]
pub struct Node {
    pub parent: Option<usize>,
    /// Opening and closing positions in document order: `b` lies inside `a` when
    /// `a.opened <= b.opened && b.closed <= a.closed`.
    pub opened: usize,
    pub closed: usize,
    /// From its tag, class and id: positive for article-like, negative for furniture.
    pub weight: i32,
    pub role: Role,
    /// Whether paragraphs in it vote for it (a `div`, `section`, `td`, … rather than a
    /// `span` that only carries a class).
    pub container: bool,
    /// The nearest element, itself or above, whose role is not plain.
    pub marked: Option<usize>,
    /// The nearest element, itself or above, that is never the story's container or in
    /// it: comments, `<aside>`, `<nav>`, `<footer>`.
    pub silenced: Option<usize>,
}

/// Everything one pass over a page collects.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub blocks: Vec<Block>,
    pub nodes: Vec<Node>,
    pub title_element: Option<String>,
    pub first_h1: Option<String>,
    /// `<meta>` values by lower-case `property`, `name` or `http-equiv`, first one wins.
    pub meta: BTreeMap<String, String>,
    pub canonical: Option<String>,
    pub json_ld: Vec<String>,
    pub byline: Option<String>,
    pub first_time: Option<String>,
    /// The `lang` of `<html>`.
    pub lang: Option<String>,
}

/// What an open element is collecting its text for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Capture {
    Body,
    Title,
    JsonLd,
    /// Never text (scripts, hidden elements, the `<head>`).
    Nothing,
}

#[derive(Debug, Clone)]
struct Frame {
    name: HtmlString,
    capture: Capture,
    node: Option<usize>,
    in_link: bool,
    in_time: bool,
    block_kind: Option<BlockKind>,
}

struct Walker {
    page: Page,
    stack: Vec<Frame>,
    block: String,
    block_kind: BlockKind,
    block_node: Option<usize>,
    block_links: usize,
    block_times: usize,
    /// Title or JSON-LD text being collected.
    side: String,
    /// The byline being collected, and the depth of the element it is in.
    byline: String,
    byline_depth: Option<usize>,
    position: usize,
    breaks_in_a_row: usize,
}

/// Walks the whole page.
pub fn walk(html: &str) -> Page {
    let mut emitter = DefaultEmitter::default();
    // Script, style, title and textarea contents are text, as a browser would read them.
    emitter.naively_switch_states(true);
    let mut walker = Walker {
        page: Page::default(),
        stack: Vec::new(),
        block: String::new(),
        block_kind: BlockKind::Loose,
        block_node: None,
        block_links: 0,
        block_times: 0,
        side: String::new(),
        byline: String::new(),
        byline_depth: None,
        position: 0,
        breaks_in_a_row: 0,
    };
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        match token {
            Token::StartTag(tag) => walker.start(tag.name, &tag.attributes, tag.self_closing),
            Token::EndTag(tag) => walker.end(&tag.name),
            Token::String(text) => walker.text(&String::from_utf8_lossy(&text.value)),
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    walker.flush_block();
    while let Some(frame) = walker.stack.pop() {
        walker.closed(frame);
    }
    walker.page
}

type Attributes = BTreeMap<HtmlString, html5gum::Spanned<HtmlString, ()>>;

fn attr<'a>(attributes: &'a Attributes, name: &str) -> Option<std::borrow::Cow<'a, str>> {
    attributes
        .get(name.as_bytes())
        .map(|v| String::from_utf8_lossy(&v.value))
}

fn is_void(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"source"
            | b"track"
            | b"wbr"
            | b"param"
            | b"keygen"
    )
}

/// Elements whose content is never article text, wherever they are.
fn is_never_text(name: &[u8]) -> bool {
    matches!(
        name,
        b"script"
            | b"style"
            | b"noscript"
            | b"template"
            | b"svg"
            | b"math"
            | b"button"
            | b"select"
            | b"textarea"
            | b"iframe"
            | b"object"
            | b"canvas"
            | b"dialog"
            | b"video"
            | b"audio"
            | b"head"
    )
}

/// Elements that are site furniture when they sit inside the story (navigation, asides,
/// forms, figures and their captions); around it they say nothing.
fn is_furniture_tag(name: &[u8]) -> bool {
    matches!(
        name,
        b"nav" | b"aside" | b"footer" | b"form" | b"figure" | b"figcaption" | b"menu"
    )
}

/// Block elements: their start and end end the text block before them.
fn is_block(name: &[u8]) -> bool {
    matches!(
        name,
        b"address"
            | b"article"
            | b"aside"
            | b"blockquote"
            | b"body"
            | b"center"
            | b"dd"
            | b"details"
            | b"div"
            | b"dl"
            | b"dt"
            | b"fieldset"
            | b"figcaption"
            | b"figure"
            | b"footer"
            | b"form"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"header"
            | b"hgroup"
            | b"hr"
            | b"html"
            | b"li"
            | b"main"
            | b"nav"
            | b"ol"
            | b"p"
            | b"pre"
            | b"section"
            | b"summary"
            | b"table"
            | b"tbody"
            | b"tfoot"
            | b"thead"
            | b"tr"
            | b"ul"
            | b"br"
    )
}

fn is_container(name: &[u8]) -> bool {
    matches!(
        name,
        b"div"
            | b"section"
            | b"article"
            | b"main"
            | b"body"
            | b"td"
            | b"blockquote"
            | b"header"
            | b"ul"
            | b"ol"
            | b"center"
            | b"table"
    )
}

fn kind_of(name: &[u8]) -> Option<BlockKind> {
    Some(match name {
        b"p" => BlockKind::Paragraph,
        b"h1" => BlockKind::Heading(1),
        b"h2" => BlockKind::Heading(2),
        b"h3" => BlockKind::Heading(3),
        b"h4" => BlockKind::Heading(4),
        b"h5" => BlockKind::Heading(5),
        b"h6" => BlockKind::Heading(6),
        b"li" | b"dd" | b"dt" => BlockKind::ListItem,
        b"blockquote" => BlockKind::Quote,
        b"pre" => BlockKind::Code,
        b"tr" => BlockKind::Cell,
        _ => return None,
    })
}

/// The words of a class or id (`article-body__text` → `article`, `body`, `text`).
fn words(value: &str) -> impl Iterator<Item = String> + '_ {
    value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_lowercase())
}

/// Class/id words of page chrome inside or around the article.
fn is_chrome_word(word: &str) -> bool {
    const EXACT: &[&str] = &[
        "ad",
        "ads",
        "adv",
        "nav",
        "navbar",
        "share",
        "sharing",
        "social",
        "tags",
        "menu",
        "footer",
        "sidebar",
        "comments",
        "comment",
        "related",
        "promo",
        "newsletter",
        "popup",
        "modal",
        "cookie",
        "cookies",
        "breadcrumb",
        "breadcrumbs",
        "subscribe",
        "signup",
        "masthead",
        "toolbar",
        "trending",
        "recirc",
        "outbrain",
        "taboola",
        "sponsor",
        "sponsored",
        "widget",
        "hidden",
        "print",
        "caption",
        "credit",
        "kicker",
        "gallery",
        "slideshow",
        "carousel",
    ];
    const PREFIXES: &[&str] = &[
        "advert",
        "sponsor",
        "recommend",
        "newsletter",
        "comment",
        "disqus",
        "related",
        "share",
        "promo",
        "outbrain",
        "taboola",
        "subscri",
        "sidebar",
        "breadcrumb",
    ];
    EXACT.contains(&word) || PREFIXES.iter().any(|p| word.starts_with(p))
}

/// Class/id words of the line of details under a headline (date, byline, reading time).
fn is_details_word(word: &str) -> bool {
    matches!(
        word,
        "meta" | "date" | "dateline" | "pubdate" | "timestamp" | "info" | "details"
    )
}

fn is_article_word(word: &str) -> bool {
    matches!(
        word,
        "article" | "story" | "content" | "entry" | "post" | "body" | "text" | "main" | "prose"
    )
}

fn is_byline_word(word: &str) -> bool {
    matches!(
        word,
        "byline" | "author" | "authors" | "writer" | "contributor"
    )
}

impl Walker {
    fn top(&self) -> Option<&Frame> {
        self.stack.last()
    }

    fn start(&mut self, name: HtmlString, attributes: &Attributes, self_closing: bool) {
        let tag = &name[..];
        if is_block(tag) {
            if tag == b"br" {
                self.line_break();
            } else {
                self.flush_block();
            }
        }
        match tag {
            b"meta" => self.meta(attributes),
            b"link" => {
                let rel = attr(attributes, "rel")
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") && self.page.canonical.is_none()
                {
                    self.page.canonical = attr(attributes, "href").map(|h| h.into_owned());
                }
            }
            b"time" if self.page.first_time.is_none() => {
                self.page.first_time = attr(attributes, "datetime").map(|d| d.into_owned());
            }
            b"html" if self.page.lang.is_none() => {
                self.page.lang = attr(attributes, "lang")
                    .or_else(|| attr(attributes, "xml:lang"))
                    .map(|l| l.trim().to_string())
                    .filter(|l| !l.is_empty() && l.len() <= 40);
            }
            _ => {}
        }
        // The cells of a row are one block, a space apart.
        if matches!(tag, b"td" | b"th") && !self.block.is_empty() && !self.block.ends_with(' ') {
            self.block.push(' ');
        }
        if is_void(tag) || self_closing {
            return;
        }
        // `<p>` and `<li>` close an open one of their kind, as HTML lets them.
        if matches!(tag, b"p" | b"li")
            && self.top().is_some_and(|f| &f.name[..] == tag)
            && let Some(frame) = self.stack.pop()
        {
            self.closed(frame);
        }
        self.open(name, attributes);
    }

    fn open(&mut self, name: HtmlString, attributes: &Attributes) {
        let tag = &name[..];
        let parent = self
            .top()
            .map(|f| (f.capture, f.node, f.in_link, f.in_time, f.block_kind));
        let parent_capture = parent.map_or(Capture::Body, |f| f.0);
        let parent_node = parent.and_then(|f| f.1);
        let is_json_ld = tag == b"script"
            && attr(attributes, "type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
        let capture = match parent_capture {
            _ if tag == b"title" && self.page.title_element.is_none() => Capture::Title,
            Capture::Body | Capture::Nothing if is_json_ld => Capture::JsonLd,
            Capture::Body if is_never_text(tag) || is_hidden(attributes) => Capture::Nothing,
            other => other,
        };
        if matches!(capture, Capture::Title | Capture::JsonLd) && capture != parent_capture {
            self.side.clear();
        }

        let (role, weight, silent) = role_of(tag, attributes);
        let container = is_container(tag);
        let node = if capture == Capture::Body && (container || role != Role::Plain || silent) {
            let id = self.page.nodes.len();
            let marked = if role == Role::Plain {
                parent_node
                    .and_then(|p| self.page.nodes.get(p))
                    .and_then(|p| p.marked)
            } else {
                Some(id)
            };
            let silenced = if silent {
                Some(id)
            } else {
                parent_node
                    .and_then(|p| self.page.nodes.get(p))
                    .and_then(|p| p.silenced)
            };
            self.page.nodes.push(Node {
                parent: parent_node,
                opened: self.position,
                closed: usize::MAX,
                weight,
                role,
                container,
                marked,
                silenced,
            });
            self.position += 1;
            Some(id)
        } else {
            parent_node
        };
        if role == Role::Byline && self.page.byline.is_none() && self.byline_depth.is_none() {
            self.byline.clear();
            self.byline_depth = Some(self.stack.len());
        }
        let in_link = tag == b"a" || parent.is_some_and(|f| f.2);
        let in_time = tag == b"time" || parent.is_some_and(|f| f.3);
        let block_kind = kind_of(tag).or(parent.and_then(|f| f.4));
        self.stack.push(Frame {
            name,
            capture,
            node,
            in_link,
            in_time,
            block_kind,
        });
    }

    fn end(&mut self, name: &[u8]) {
        if is_block(name) {
            self.flush_block();
        }
        let found = self
            .stack
            .iter()
            .rev()
            .take(END_TAG_SEARCH_DEPTH)
            .position(|f| &f.name[..] == name);
        let Some(depth) = found else {
            return;
        };
        for _ in 0..=depth {
            if let Some(frame) = self.stack.pop() {
                self.closed(frame);
            }
        }
    }

    /// An element is over: what it captured goes where it belongs.
    fn closed(&mut self, frame: Frame) {
        let parent_node = self.top().and_then(|f| f.node);
        if frame.node != parent_node {
            if let Some(n) = frame.node.and_then(|id| self.page.nodes.get_mut(id)) {
                n.closed = self.position;
            }
            self.position += 1;
        }
        if self.byline_depth == Some(self.stack.len()) {
            self.byline_depth = None;
            let byline = self.byline.trim();
            if !byline.is_empty() {
                self.page.byline = Some(byline.to_string());
            }
        }
        let parent_capture = self.top().map_or(Capture::Body, |f| f.capture);
        if frame.capture == parent_capture {
            return;
        }
        let side = std::mem::take(&mut self.side);
        let side = side.trim();
        match frame.capture {
            Capture::Title if !side.is_empty() => self.page.title_element = Some(side.into()),
            Capture::JsonLd if !side.is_empty() => self.page.json_ld.push(side.into()),
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        let Some(frame) = self.top() else {
            self.append_block(text, (false, false), None, None);
            return;
        };
        match frame.capture {
            Capture::Body => {
                let inside = (frame.in_link, frame.in_time);
                let (kind, node) = (frame.block_kind, frame.node);
                if self.byline_depth.is_some() && self.byline.len() < SHORT_TEXT_MAX_BYTES {
                    push_collapsed(&mut self.byline, text);
                }
                self.append_block(text, inside, kind, node);
            }
            Capture::Title => {
                if self.side.len() < SHORT_TEXT_MAX_BYTES {
                    push_collapsed(&mut self.side, text);
                }
            }
            Capture::JsonLd => {
                if self.side.len() + text.len() <= JSON_LD_MAX_BYTES {
                    self.side.push_str(text);
                }
            }
            Capture::Nothing => {}
        }
    }

    fn append_block(
        &mut self,
        text: &str,
        (in_link, in_time): (bool, bool),
        kind: Option<BlockKind>,
        node: Option<usize>,
    ) {
        if text.trim().is_empty() {
            if !self.block.is_empty() && !self.block.ends_with(' ') {
                self.block.push(' ');
            }
            return;
        }
        self.breaks_in_a_row = 0;
        if self.block.trim().is_empty() {
            self.block_kind = kind.unwrap_or(BlockKind::Loose);
            self.block_node = node;
            self.block_links = 0;
            self.block_times = 0;
        }
        let before = self.block.len();
        push_collapsed(&mut self.block, text);
        let added = self.block.len() - before;
        if in_link {
            self.block_links += added;
        }
        if in_time {
            self.block_times += added;
        }
    }

    /// `<br>` is a space; two in a row end a paragraph.
    fn line_break(&mut self) {
        self.breaks_in_a_row += 1;
        if self.breaks_in_a_row >= 2 {
            self.flush_block();
        } else if !self.block.is_empty() && !self.block.ends_with(' ') {
            self.block.push(' ');
        }
    }

    fn flush_block(&mut self) {
        self.breaks_in_a_row = 0;
        let text = self.block.trim();
        if text.is_empty() {
            self.block.clear();
            return;
        }
        let text = text.to_string();
        self.block.clear();
        if self.block_kind == BlockKind::Heading(1) && self.page.first_h1.is_none() {
            self.page.first_h1 = Some(text.clone());
        }
        self.page.blocks.push(Block {
            text,
            kind: self.block_kind,
            node: self.block_node.unwrap_or(usize::MAX),
            link_bytes: self.block_links,
            time_bytes: self.block_times,
        });
    }

    fn meta(&mut self, attributes: &Attributes) {
        let key = attr(attributes, "property")
            .or_else(|| attr(attributes, "name"))
            .or_else(|| attr(attributes, "itemprop"))
            .or_else(|| attr(attributes, "http-equiv"));
        let (Some(key), Some(content)) = (key, attr(attributes, "content")) else {
            return;
        };
        let key = key.trim().to_ascii_lowercase();
        let content = content.trim();
        if !content.is_empty() && content.len() <= SHORT_TEXT_MAX_BYTES {
            self.page
                .meta
                .entry(key)
                .or_insert_with(|| content.to_string());
        }
    }
}

/// `hidden`, or `display: none` in its style.
fn is_hidden(attributes: &Attributes) -> bool {
    attributes.contains_key(&b"hidden"[..])
        || attr(attributes, "style").is_some_and(|s| {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            s.to_ascii_lowercase().contains("display:none")
        })
}

/// What an element is for, its weight as the story's container, and whether it is silent
/// (comments and asides: never the story, whatever their paragraphs).
fn role_of(tag: &[u8], attributes: &Attributes) -> (Role, i32, bool) {
    let class = attr(attributes, "class").unwrap_or_default();
    let id = attr(attributes, "id").unwrap_or_default();
    let role = attr(attributes, "role")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let itemprop = attr(attributes, "itemprop")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let rel = attr(attributes, "rel")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let mut furniture_words = false;
    let mut details_words = false;
    let mut article_words = false;
    let mut byline_words = rel == "author" || itemprop == "author";
    let mut silent = matches!(tag, b"aside" | b"nav" | b"footer");
    for token in class.split_whitespace().chain([id.as_ref()]) {
        let token_words: Vec<String> = words(token).collect();
        silent |= token_words
            .iter()
            .any(|w| w.starts_with("comment") || w == "disqus");
        let furniture = token_words.iter().any(|w| is_chrome_word(w));
        let article = token_words.iter().any(|w| is_article_word(w));
        // The last word says what a BEM-style name is: `story-meta` is meta,
        // `comments-area` is comments, `article-body` is the article.
        let last_is_furniture = token_words.last().is_some_and(|w| is_chrome_word(w));
        furniture_words |= last_is_furniture || (furniture && !article);
        details_words |= token_words.last().is_some_and(|w| is_details_word(w));
        article_words |= article;
        byline_words |= token_words.iter().any(|w| is_byline_word(w));
    }
    let furniture_role = matches!(
        role.as_str(),
        "navigation" | "complementary" | "banner" | "contentinfo" | "search" | "dialog"
    );
    let mut weight = 0;
    if article_words || matches!(tag, b"article" | b"main") || itemprop == "articlebody" {
        weight += 25;
    }
    if furniture_words {
        weight -= 25;
    }
    let role = if is_furniture_tag(tag) || furniture_role {
        Role::Furniture
    } else if byline_words {
        Role::Byline
    } else if furniture_words {
        Role::Furniture
    } else if details_words {
        Role::Details
    } else {
        Role::Plain
    };
    (role, weight, silent)
}

/// Appends `text` with runs of whitespace made one space.
fn push_collapsed(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}
