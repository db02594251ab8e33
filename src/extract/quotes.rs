//! Quotes: the quoted spans of an article, each with its speaker and whether it is a whole
//! statement or a fragment inside the writer's sentence.

use std::ops::Range;

use serde::Serialize;

use super::attribution::{
    Attribution, after_quote, before_quote, is_naming_participle, sentence_subject,
};
use super::lexicon::is_speech_verb;
use super::marks::{Span, double_spans, single_spans};
use super::phrase::MentionKind;
use super::speakers::resolve;
use super::words::{Tok, lowercase_aligned, tokenize};
use crate::corpus::{Article, ParagraphKind};

/// A direct quotation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// The quoted words without the marks, white space folded to single spaces.
    pub text: String,
    /// Who said it, by the fullest name the article gives; `None` when the article does not say.
    pub speaker: Option<String>,
    /// A fragment quoted inside the writer's own sentence (`vowed to act “anywhere in Syria”`).
    pub fragment: bool,
    /// Byte range of the quoted words (without the marks) in [`Article::body`].
    #[serde(skip)]
    pub range: Range<usize>,
}

/// A span with the paragraph ranges it was found in.
pub(crate) struct Found {
    pub span: Span,
    pub attribution: Attribution,
    pub fragment: bool,
}

/// The paragraphs extraction reads: the story, its headline and standfirst, not furniture.
pub(crate) fn story_paragraphs(article: &Article) -> Vec<Range<usize>> {
    article
        .paragraphs
        .iter()
        .filter(|p| !p.kind.is_boilerplate() && p.kind != ParagraphKind::Section)
        .map(|p| p.range.clone())
        .collect()
}

/// All quotes of `article`, in text order.
pub fn quotes(article: &Article) -> Vec<Quote> {
    quotes_lowered(article, &lowercase_aligned(&article.body))
}

/// [`quotes`], given the article's body lowered by `lowercase_aligned` (shared with the
/// figures when both are extracted).
pub(crate) fn quotes_lowered(article: &Article, low: &str) -> Vec<Quote> {
    let paragraphs = story_paragraphs(article);
    let paragraphs = paragraphs.as_slice();
    let body = article.body.as_str();
    let spans = find_spans(body, paragraphs);
    if spans.is_empty() {
        return Vec::new();
    }
    // Each paragraph is read into words once; attribution and coreference share them.
    let toks: Vec<Vec<Tok>> = paragraphs
        .iter()
        .map(|p| {
            let text = &body[p.clone()];
            tokenize(text, low.get(p.clone()).unwrap_or(text), p.start)
        })
        .collect();
    let found: Vec<Found> = spans
        .iter()
        .enumerate()
        .map(|(k, span)| {
            let previous = k.checked_sub(1).map(|p| &spans[p]);
            let around = Around {
                before: &spans[..k],
                after: &spans[k + 1..],
            };
            let attribution = attribute(article, paragraphs, &toks, span, around);
            let fragment = is_fragment(body, paragraphs, span, previous);
            Found {
                span: span.clone(),
                attribution,
                fragment,
            }
        })
        .collect();
    let speakers = resolve(article, paragraphs, &toks, &found);
    // A headline's quotes are not speech (they are scare quotes or repeat the story's), and
    // a fragment that a naming verb introduces (`what’s called “farmer’s lung”`) is a term
    // unless the article names the person or body who used it after the quote.
    let headlines: Vec<&Range<usize>> = article
        .paragraphs
        .iter()
        .filter(|p| p.kind == ParagraphKind::Headline)
        .map(|p| &p.range)
        .collect();
    found
        .into_iter()
        .zip(speakers)
        .filter(|(f, _)| !headlines.iter().any(|h| h.contains(&f.span.outer.start)))
        .filter(|(f, _)| !is_nickname(body, &f.span))
        .filter(|(f, _)| {
            !(f.fragment
                && names_a_term(&toks[f.span.first_paragraph], &f.span)
                && !tagged_after(f))
        })
        .flat_map(|(f, speaker)| {
            segments(body, &f.span).into_iter().map(move |range| Quote {
                text: words_of(body.get(range.clone()).unwrap_or("")),
                speaker: speaker.clone(),
                fragment: f.fragment,
                range,
            })
        })
        .filter(is_quotation)
        .collect()
}

/// `Robert “Bobby” Haldane`: one or two capitalised words in marks between the words of a
/// name are a nickname, not speech.
fn is_nickname(body: &str, span: &Span) -> bool {
    let (Some(before), Some(inside), Some(after)) = (
        body.get(..span.outer.start),
        body.get(span.text.clone()),
        body.get(span.outer.end..),
    ) else {
        return false;
    };
    let capitalised = |word: &str| {
        word.chars().next().is_some_and(char::is_uppercase)
            && word
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '.')
    };
    // Three words are enough to tell (a long quote is not split to its end).
    let words: Vec<&str> = inside.split_whitespace().take(3).collect();
    (1..=2).contains(&words.len())
        && words.iter().all(|w| capitalised(w))
        && before.ends_with(' ')
        && after.starts_with(' ')
        // not a sentence's end before a quote that opens the next (`… Tuesday. “Stop” …`)
        && before
            .split_whitespace()
            .next_back()
            .is_some_and(|w| capitalised(w) && !w.ends_with('.'))
        && after.split_whitespace().next().is_some_and(capitalised)
}

/// The pieces of a quote between its marks, one per paragraph: a quote that runs over
/// several paragraphs (each reopened by a new mark) is one quote per paragraph, as readers
/// and annotators count them. White space at either end of a piece is left out.
fn segments(body: &str, span: &Span) -> Vec<Range<usize>> {
    let starts = std::iter::once(span.text.start).chain(span.reopenings.iter().map(|r| r.end));
    let ends = span
        .reopenings
        .iter()
        .map(|r| r.start)
        .chain(std::iter::once(span.text.end));
    starts
        .zip(ends)
        .filter_map(|(a, b)| {
            let text = body.get(a..b)?;
            let lead = text.len() - text.trim_start().len();
            let trimmed = text.trim();
            (!trimmed.is_empty()).then(|| a + lead..a + lead + trimmed.len())
        })
        .collect()
}

/// Is a person or an organisation named as the quote's speaker after its closing mark (`has
/// been called “…” by Ann Lee`, `could be termed “…,” The Herald reported`)? A term someone
/// named is reported using is their words; one used `by doctors` is still a name for a thing.
fn tagged_after(found: &Found) -> bool {
    matches!(
        &found.attribution,
        Attribution::Said(m) if m.at >= found.span.outer.end
            && matches!(m.kind, MentionKind::Person | MentionKind::Organisation)
    )
}

/// Is the quote introduced as the name of something (`HP is called “feather duvet lung”`,
/// `what’s called “farmer’s lung”`, `known as “the Beast”`, `the term used is “…”`)?
fn names_a_term(words: &[Tok], span: &Span) -> bool {
    let end = words.partition_point(|t| t.start < span.outer.start);
    let before: Vec<&str> = words[..end].iter().rev().take(5).map(Tok::lower).collect();
    let be = |w: &str| {
        matches!(
            w,
            "is" | "are" | "was" | "were" | "be" | "been" | "being" | "so"
        ) || w.ends_with("’s")
            || w.ends_with("'s")
    };
    match before.as_slice() {
        [naming, w, ..] if is_naming_verb(naming) && be(w) => true,
        ["as", "known" | "referred", ..] | ["as", "to", "referred", ..] => true,
        ["is", rest @ ..] => rest
            .iter()
            .any(|w| matches!(*w, "term" | "name" | "phrase")),
        _ => false,
    }
}

fn is_naming_verb(word: &str) -> bool {
    matches!(
        word,
        "called" | "named" | "termed" | "dubbed" | "titled" | "entitled" | "nicknamed"
    )
}

/// Marks also set off things nobody said: identifiers, links and handles (`"@vicenews"`),
/// titles of shows and books (`“Meet the Press”`) and single words held at a distance
/// (scare quotes). Those are kept only when the article says who used the words.
fn is_quotation(quote: &Quote) -> bool {
    let text = quote.text.as_str();
    // At most eleven words are needed to tell a title or a single word.
    let words: Vec<&str> = text.split_whitespace().take(11).collect();
    if !text.chars().any(char::is_alphabetic) {
        return false;
    }
    if words.len() == 1 {
        let word = words[0].trim_matches(|c: char| !c.is_alphanumeric() && c != '@' && c != '#');
        let lower = word.to_lowercase();
        if word.starts_with(['@', '#'])
            || lower.starts_with("http")
            || lower.starts_with("www.")
            || lower.contains(".com")
            || word.chars().filter(char::is_ascii_digit).count() * 2 > word.len()
        {
            return false;
        }
    }
    if quote.speaker.is_some() || !quote.fragment {
        return true;
    }
    words.len() > 1 && !is_title_case(&words)
}

/// `Meet the Press`, `The Walking Dead`: every word capitalised but the small ones.
fn is_title_case(words: &[&str]) -> bool {
    let small = |w: &str| {
        matches!(
            w,
            "a" | "an"
                | "the"
                | "of"
                | "and"
                | "or"
                | "in"
                | "on"
                | "at"
                | "to"
                | "for"
                | "with"
                | "by"
                | "from"
                | "is"
                | "&"
                | "vs."
                | "as"
                | "but"
                | "nor"
                | "not"
        )
    };
    words.len() <= 10
        && words.iter().enumerate().all(|(i, w)| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.chars()
                .next()
                .is_none_or(|c| c.is_uppercase() || c.is_numeric())
                || (i > 0 && small(w))
        })
}

/// Double-quoted spans, and single-quoted ones where the article uses single marks as its
/// main quotation marks (British style) or in a headline.
fn find_spans(body: &str, paragraphs: &[Range<usize>]) -> Vec<Span> {
    let doubles = double_spans(body, paragraphs);
    let taken: Vec<Range<usize>> = doubles.iter().map(|s| s.outer.clone()).collect();
    let singles = single_spans(body, paragraphs, &taken);
    let single_style = singles.len() > doubles.len() && singles.len() >= 2;
    if !single_style {
        return doubles;
    }
    let mut all = doubles;
    all.extend(singles);
    all.sort_by_key(|s| s.outer.start);
    all
}

/// The words of `text`, white space (also line breaks and non-breaking spaces) folded to
/// single spaces.
fn words_of(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_words(&mut out, text);
    out
}

/// Appends the words of `text` to `out`, one space between words.
fn push_words(out: &mut String, text: &str) {
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// The start of the sentence holding byte `at`, not before `floor`.
fn sentence_start(article: &Article, at: usize, floor: usize) -> usize {
    article
        .sentence_at(at)
        .map_or(floor, |s| article.sentences[s].range.start)
        .max(floor)
}

/// Is byte `at` inside one of the quotes before (sorted by position)?
fn inside_quote(spans_before: &[Span], at: usize) -> bool {
    spans_before
        .iter()
        .rev()
        .take(4)
        .any(|s| s.outer.contains(&at))
}

/// The quotes before and after the one being attributed.
#[derive(Clone, Copy)]
struct Around<'s> {
    before: &'s [Span],
    after: &'s [Span],
}

/// The words of paragraph `index` that start inside `range`.
fn words_in<'t, 'a>(toks: &'t [Vec<Tok<'a>>], index: usize, range: Range<usize>) -> &'t [Tok<'a>] {
    let Some(words) = toks.get(index) else {
        return &[];
    };
    let a = words.partition_point(|t| t.start < range.start);
    let b = words.partition_point(|t| t.start < range.end);
    &words[a..b.max(a)]
}

/// How many words around a quote attribution reads, at most, on each side.
const WINDOW: usize = 120;

fn attribute(
    article: &Article,
    paragraphs: &[Range<usize>],
    toks: &[Vec<Tok>],
    span: &Span,
    around: Around,
) -> Attribution {
    let (spans_before, spans_after) = (around.before, around.after);
    let body = article.body.as_str();
    let previous = spans_before.last();
    let first = &paragraphs[span.first_paragraph];
    let last = &paragraphs[span.last_paragraph];

    // Before the opening mark, from the start of the sentence.
    // Earlier quotes in the same sentence are skipped, their words are no attribution.
    // A sentence of thousands of words is read only near the quote: attribution sits
    // close to it, and every quote of a hostile paragraph must not read all of it.
    let left_start = sentence_start(article, span.outer.start, first.start);
    let before = words_in(toks, span.first_paragraph, left_start..span.outer.start);
    let before = &before[before.len().saturating_sub(WINDOW)..];
    let mut left: Vec<Tok> = before
        .iter()
        .filter(|t| !inside_quote(spans_before, t.start))
        .cloned()
        .collect();

    // After the closing mark, to the end of the sentence (later quotes left out).
    let right_end = last.end;
    if span.outer.end < right_end {
        let toks: Vec<Tok> = words_in(toks, span.last_paragraph, span.outer.end..right_end)
            .iter()
            .take(WINDOW)
            .filter(|t| {
                !spans_after
                    .iter()
                    .take(6)
                    .any(|s| s.outer.contains(&t.start))
            })
            .cloned()
            .collect();
        let sentence = cut_at_sentence_end(&toks);
        let ends_sentence = body[span.text.clone()]
            .trim_end()
            .ends_with(['.', '?', '!']);
        if let Some(m) = after_quote(body, sentence, ends_sentence, is_passive_report(&left)) {
            return Attribution::Said(m);
        }
    }

    // `… X said:` closing the paragraph before a quote that opens its own.
    if left.is_empty() && left_start == first.start && span.first_paragraph > 0 {
        let before = &paragraphs[span.first_paragraph - 1];
        let text = body[before.clone()].trim_end();
        if text.ends_with(':') {
            let start = sentence_start(article, before.start + text.len() - 1, before.start);
            left = words_in(
                toks,
                span.first_paragraph - 1,
                start..before.start + text.len(),
            )
            .to_vec();
        }
    }
    if let Some(m) = before_quote(body, &left) {
        return Attribution::Said(m);
    }
    // Between the previous quote and this one only attribution or nothing: it continues.
    let opens_paragraph = body[first.start..span.outer.start].trim().is_empty();
    let same_paragraph = previous.is_some_and(|p| p.last_paragraph == span.first_paragraph);
    // A photo caption or a link line set between the paragraphs of one quotation
    // (`Full list of cases in your area`) does not end it.
    let paragraph_before = previous.is_some_and(|p| {
        let mut between = p.last_paragraph + 1..span.first_paragraph;
        between.len() <= 2 && between.all(|k| is_caption(&body[paragraphs[k].clone()]))
    });
    if same_paragraph || (paragraph_before && opens_paragraph) {
        return Attribution::Continues;
    }
    match sentence_subject(body, &left) {
        Some(m) => Attribution::Said(m),
        None => Attribution::Unknown,
    }
}

/// A line set into a story that is not one of its sentences: a photo caption or a link to
/// another story, with no closing punctuation and no quotation mark.
fn is_caption(paragraph: &str) -> bool {
    let text = paragraph.trim();
    !text.is_empty()
        && !text.ends_with(['.', '!', '?', ':', ';', ',', '"', '”', '’', '\'', ')'])
        && !text.contains(['"', '“', '”'])
        && text.split_whitespace().count() <= 40
}

/// Do the words before a quote end in a passive reporting verb (`has been described as`,
/// `was called`, `has been accused of`), whose speaker follows the quote with `by`?
fn is_passive_report(left: &[Tok]) -> bool {
    let words: Vec<&str> = left.iter().rev().take(4).map(Tok::lower).collect();
    let verb = match words.as_slice() {
        ["as" | "of" | "for", verb, ..] | [verb, ..] => *verb,
        [] => return false,
    };
    verb.ends_with("ed")
        && is_speech_verb(verb)
        // `a plan branded “…” by critics`: a participle of naming right before the words
        // has no object of its own, so it is passive even without an auxiliary.
        && (is_naming_participle(verb)
            || left.iter().rev().take(6).any(|t| {
                matches!(
                    t.lower(),
                    "was" | "were" | "been" | "is" | "are" | "be" | "being"
                )
            }))
}

/// The tokens up to the first full stop, question or exclamation mark (not one inside
/// parentheses, as in `(D-Ore.)`).
fn cut_at_sentence_end<'t, 'a>(toks: &'t [Tok<'a>]) -> &'t [Tok<'a>] {
    let mut depth = 0usize;
    let end = toks
        .iter()
        .position(|t| {
            if t.is_punct('(') {
                depth += 1;
            } else if t.is_punct(')') {
                depth = depth.saturating_sub(1);
            }
            depth == 0 && (t.is_punct('.') || t.is_punct('!') || t.is_punct('?') || t.is_punct(';'))
        })
        .unwrap_or(toks.len());
    &toks[..end]
}

/// A fragment is quoted inside the writer's sentence; a whole quote is a statement of its
/// own: it opens with a capital and stands at the start of a sentence or paragraph, after a
/// colon or comma, or runs over several sentences.
fn is_fragment(
    body: &str,
    paragraphs: &[Range<usize>],
    span: &Span,
    previous: Option<&Span>,
) -> bool {
    let text = body[span.text.clone()].trim_start();
    let Some(first_char) = text.chars().find(|c| c.is_alphanumeric()) else {
        return true;
    };
    if !span.reopenings.is_empty() {
        return false;
    }
    let first = &paragraphs[span.first_paragraph];
    let same_paragraph = previous.filter(|p| p.last_paragraph == span.first_paragraph);
    let floor = same_paragraph.map_or(first.start, |p| p.outer.end);
    let before = body[floor.min(span.outer.start)..span.outer.start].trim_end();
    let after = body[span.outer.end..paragraphs[span.last_paragraph].end].trim_start();
    // Closing single marks and brackets do not hide the punctuation before them.
    let inner_end = text
        .trim_end()
        .trim_end_matches(['’', '\'', ')', ']', '”', '"']);
    let terminal = inner_end.ends_with(['.', '?', '!', ',', '…', '—', '–', '-']);
    // `“My hope,” he said, “is that …”`: the second half of an interrupted statement.
    let resumes = same_paragraph.is_some_and(|p| {
        body[p.text.clone()].trim_end().ends_with(',') && before.ends_with(',') && before.len() < 60
    });
    if resumes {
        return false;
    }
    let starts_statement =
        before.is_empty() || before.ends_with([':', ',', '.', '?', '!', '—', '–']);
    let ends_statement = terminal || after.starts_with([',', '.', '?', '!']) || after.is_empty();
    let words = text.split_whitespace().take(3).count();
    !(first_char.is_uppercase() || first_char.is_numeric())
        || !(starts_statement && ends_statement)
        || (words < 3 && !terminal)
}
