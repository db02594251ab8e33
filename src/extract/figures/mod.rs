//! Figures: the numbers a reader cares about, with what they count.
//!
//! A single pass over each story paragraph reads numerals, number words, vague quantities
//! (`dozens`), ordinals and dates, then widens each to its qualifier (`more than`), its
//! currency, scale and unit (`3.6 million Syrian refugees`). Numbers inside names and
//! designations (S-400, F-16, COVID-19, Boeing 737), links, handles and times of day are
//! not figures.

use std::collections::HashSet;
use std::ops::Range;

use serde::{Serialize, Serializer};

use super::words::{char_at, is_ascii_letter_byte, is_letter, is_word_char, lowercase_aligned};

use super::lexicon::{is_irregular_past, is_not_a_name};
use super::numbers::{
    is_time_unit, may_be_a_number_word, month, numeral_value, ordinal_word, scale_word,
    small_number_word, vague_quantity,
};
use super::units::{currency_code, currency_prefix, measure_word};
use measures::is_derived_noun;

mod fractions;
mod measures;
mod not_figures;
mod ranges;
mod scores;
use crate::corpus::{Article, Date, ParagraphKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    Count,
    Percent,
    Money,
    Date,
    Year,
    Duration,
    Ordinal,
    /// A vague quantity: dozens, hundreds of thousands, millions.
    Approximate,
    /// A physical measure with its unit: `512GB`, `70mph`, `-3°C`, `the 3000m steeplechase`.
    Measure,
    /// A sports score line, as one figure: `6-4 3-6 7-5`, `Leeds 2-1 Chelsea`.
    Score,
}

/// A figure's value: a number, a range (`£2 to £3 million`, `20-30 people`), a score line
/// (`6-4 3-6 7-5`), or for dates an ISO string (`2020-02-28`, `2020-02`, or `--02-27` when
/// the article gives no year).
#[derive(Debug, Clone, PartialEq)]
pub enum FigureValue {
    Number(f64),
    Date(String),
    /// Low and high end, each with the scale and unit the range shares.
    Range(f64, f64),
    /// The score line as written, dashes made `-` and sets separated by one space.
    Score(String),
}

/// Whole numbers print without a decimal point (900000, not 900000.0).
fn serialize_number<S: Serializer>(n: f64, serializer: S) -> Result<S::Ok, S::Error> {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        serializer.serialize_i64(n as i64)
    } else {
        serializer.serialize_f64(n)
    }
}

impl Serialize for FigureValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            FigureValue::Number(n) => serialize_number(*n, serializer),
            FigureValue::Date(d) | FigureValue::Score(d) => serializer.serialize_str(d),
            // `[low, high]`, as a JSON array.
            FigureValue::Range(low, high) => {
                use serde::ser::SerializeTuple;
                struct Plain(f64);
                impl Serialize for Plain {
                    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                        serialize_number(self.0, s)
                    }
                }
                let mut pair = serializer.serialize_tuple(2)?;
                pair.serialize_element(&Plain(*low))?;
                pair.serialize_element(&Plain(*high))?;
                pair.end()
            }
        }
    }
}

/// A figure: `text` is the surface span with qualifier and unit, `range` its bytes in
/// [`Article::body`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub text: String,
    pub kind: FigureKind,
    pub value: FigureValue,
    pub qualifier: Option<String>,
    pub unit: Option<String>,
    #[serde(skip)]
    pub range: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum K {
    Num,
    Word,
    Punct,
}

#[derive(Debug, Clone, Copy)]
struct T<'a> {
    text: &'a str,
    /// `text` in lower case (the article is lowered once, see `lowercase_aligned`).
    low: &'a str,
    start: usize,
    end: usize,
    kind: K,
}

impl<'a> T<'a> {
    fn lower(&self) -> &'a str {
        self.low
    }
    fn is(&self, s: &str) -> bool {
        self.text.eq_ignore_ascii_case(s)
    }
}

/// Words that keep a final dot in figure context.
fn keeps_dot(word: &str) -> bool {
    month(word).is_some() && word.len() <= 4
        || ["a.m", "p.m", "u.s", "no"]
            .iter()
            .any(|w| w.eq_ignore_ascii_case(word))
}

/// Splits a paragraph into numerals, words and single punctuation or signs, appended to
/// `out`; `low` is `text` lowered by `lowercase_aligned`.
fn scan<'a>(text: &'a str, low: &'a str, base: usize, out: &mut Vec<T<'a>>) {
    let bytes = text.as_bytes();
    let mut push = |start: usize, end: usize, kind: K| {
        let word = &text[start..end];
        out.push(T {
            text: word,
            low: low.get(start..end).unwrap_or(word),
            start: base + start,
            end: base + end,
            kind,
        })
    };
    let mut i = 0;
    while i < bytes.len() {
        // ASCII white space is skipped by its byte, without decoding.
        if matches!(bytes[i], b' ' | b'\t'..=b'\r') {
            i += 1;
            continue;
        }
        let Some((c, len)) = char_at(text, i) else {
            break;
        };
        if c.is_whitespace() {
            i += len;
            continue;
        }
        // `.250`: a decimal without its leading zero, after a space or a bracket.
        let leading_dot = c == '.'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
            && (i == 0 || matches!(bytes[i - 1], b' ' | b'(' | b'\n' | b'\t'));
        if c.is_ascii_digit() || leading_dot {
            let mut j = i + usize::from(leading_dot);
            while j < bytes.len() && bytes[j].is_ascii_digit() {
                j += 1;
            }
            loop {
                let group = j + 4 <= bytes.len()
                    && bytes[j] == b','
                    && bytes[j + 1..j + 4].iter().all(u8::is_ascii_digit)
                    && bytes.get(j + 4).is_none_or(|b| !b.is_ascii_digit());
                let decimal =
                    j + 1 < bytes.len() && bytes[j] == b'.' && bytes[j + 1].is_ascii_digit();
                if group {
                    j += 4;
                } else if decimal {
                    j += 1;
                    while j < bytes.len() && bytes[j].is_ascii_digit() {
                        j += 1;
                    }
                } else {
                    break;
                }
            }
            push(i, j, K::Num);
            i = j;
            continue;
        }
        if is_letter(c) {
            let mut j = i + len;
            loop {
                // Plain ASCII letters without decoding (most of a word).
                while bytes.get(j).is_some_and(|&b| is_ascii_letter_byte(b)) {
                    j += 1;
                }
                // White space ends a word (the usual case), without decoding.
                if bytes
                    .get(j)
                    .is_some_and(|b| matches!(b, b' ' | b'\t'..=b'\r'))
                {
                    break;
                }
                let Some((d, dlen)) = char_at(text, j) else {
                    break;
                };
                // `CHF40`, `EUR300`: a currency code glued to its amount is a word of its own.
                // `R4bn`, `RM6.1`: so is a currency's letter sign.
                if d.is_ascii_digit() && {
                    let letters = &text[i..j];
                    j - i == 3 && currency_code(letters).is_some()
                        || j - i <= 3 && currency_prefix(letters).is_some()
                } {
                    break;
                }
                if is_word_char(d) {
                    j += dlen;
                    continue;
                }
                let inner = matches!(d, '-' | '\'' | '’' | '.');
                // The character after is read only after an inner mark.
                if inner && char_at(text, j + dlen).is_some_and(|(next, _)| is_letter(next)) {
                    j += dlen;
                    continue;
                }
                if d == '.' && keeps_dot(&text[i..j]) {
                    j += 1;
                }
                break;
            }
            push(i, j, K::Word);
            i = j;
            continue;
        }
        push(i, i + len, K::Punct);
        i += len;
    }
}

/// The number word a hyphenated word starts with, and the rest: `twenty-one-year-old` →
/// (21, `year-old`), `nine-year` → (9, `year`).
fn number_word_prefix(word: &str) -> Option<(f64, &str)> {
    let mut best = None;
    // A byte scan: `match_indices` sets up a searcher, slow on words this short.
    let hyphens = word.bytes().enumerate().filter(|&(_, b)| b == b'-');
    for (h, _) in hyphens {
        if let Some(n) = small_number_word(&word[..h]) {
            best = Some((n, &word[h + 1..]));
        }
    }
    best
}

/// Does a hyphenated number word count what follows it (`head`: the word after the number,
/// as in `seven-point`, `two-party`)? Not fractions (`two-thirds`), repetitions (`two-way`,
/// `one-time`), `one-on-one`, or another number (`fifty-fifty`, `twenty-twenty`).
fn counts_with_hyphen(head: &str) -> bool {
    if small_number_word(head).is_some() || scale_word(head).is_some() {
        return false;
    }
    let fraction = ordinal_word(head.trim_end_matches('s')).is_some()
        || matches!(head, "half" | "halves" | "quarter" | "quarters");
    !fraction
        && !head.is_empty()
        && head.bytes().all(|b| b.is_ascii_lowercase())
        && !matches!(
            head,
            "way" | "time" | "times" | "fold" | "on" | "and" | "or" | "to"
        )
}

/// Words after `one` that make it an idiom, not a count (`one day`, `one another`).
fn is_one_idiom(word: &str) -> bool {
    matches!(
        word,
        "another"
            | "day"
            | "point"
            | "time"
            | "way"
            | "side"
            | "hand"
            | "thing"
            | "more"
            | "less"
            | "last"
            | "such"
            | "too"
    ) || is_time_of_day(word)
}

fn is_time_of_day(word: &str) -> bool {
    matches!(word, "day" | "morning" | "evening" | "night" | "afternoon")
}

/// Four plain digits from 1500 to 2100: how a year is written.
fn is_year_numeral(text: &str) -> bool {
    text.len() == 4
        && text.bytes().all(|b| b.is_ascii_digit())
        && numeral_value(text).is_some_and(|v| (1500.0..=2100.0).contains(&v))
}

/// Words that cannot be what `one` counts: the words that end a counted phrase and a few
/// more verbs (`one of`, `one who`, `one said`, `one thinks`).
fn is_no_noun(word: &str) -> bool {
    ends_unit(word)
        || matches!(
            word,
            "nor" | "might" | "must" | "told" | "thinks" | "thought" | "because"
        )
}

/// Qualifiers in front of a figure, longest first.
const QUALIFIERS: &[&str] = &[
    "no more than",
    "no fewer than",
    "no less than",
    "more than",
    "less than",
    "fewer than",
    "greater than",
    "at least",
    "at most",
    "up to",
    "as many as",
    "as much as",
    "as few as",
    "close to",
    "upwards of",
    "in excess of",
    "an estimated",
    "just over",
    "just under",
    "well over",
    "nearly",
    "almost",
    "around",
    "about",
    "approximately",
    "roughly",
    "some",
    "over",
    "under",
    "above",
    "below",
    "only",
    "just",
    "exceeding",
    "estimated",
];

/// The last words of the qualifiers above (a quick test before reading them whole).
fn ends_a_qualifier(word: &str) -> bool {
    matches!(
        word,
        "than"
            | "least"
            | "most"
            | "to"
            | "many"
            | "much"
            | "few"
            | "of"
            | "estimated"
            | "over"
            | "under"
            | "nearly"
            | "almost"
            | "around"
            | "about"
            | "approximately"
            | "roughly"
            | "some"
            | "above"
            | "below"
            | "only"
            | "just"
            | "exceeding"
    )
}

/// Words that end a counted noun phrase.
fn ends_unit(word: &str) -> bool {
    matches!(
        word,
        "of" | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "with"
            | "by"
            | "from"
            | "and"
            | "or"
            | "but"
            | "the"
            | "a"
            | "an"
            | "that"
            | "which"
            | "who"
            | "were"
            | "was"
            | "are"
            | "is"
            | "have"
            | "has"
            | "had"
            | "will"
            | "would"
            | "could"
            | "should"
            | "can"
            | "may"
            | "than"
            | "as"
            | "into"
            | "over"
            | "under"
            | "this"
            | "last"
            | "next"
            | "ago"
            | "each"
            | "per"
            | "a.m."
            | "p.m."
            | "more"
            | "less"
            | "fewer"
            | "since"
            | "after"
            | "before"
            | "during"
            | "while"
            | "when"
            | "if"
            | "not"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "some"
            | "all"
            | "so"
            | "far"
            | "earlier"
            | "later"
            | "between"
            | "among"
            | "about"
            | "across"
            | "against"
            | "through"
            | "toward"
            | "towards"
            | "out"
            | "up"
            | "down"
            | "off"
            | "away"
            | "back"
            | "also"
            | "only"
            | "just"
            | "still"
            | "already"
            | "now"
            | "then"
            | "there"
            | "here"
            | "where"
            | "whom"
            | "whose"
            | "what"
            | "it"
            | "they"
            | "he"
            | "she"
            | "we"
            | "you"
            | "i"
            | "be"
            | "been"
            | "being"
            | "do"
            | "does"
            | "did"
            | "says"
            | "said"
            | "them"
            | "us"
            | "those"
            | "these"
            | "him"
            | "me"
            | "around"
            | "apiece"
            | "total"
            | "overall"
            | "alone"
            | "altogether"
            | "combined"
            | "respectively"
            | "annually"
    )
}

struct Scanner<'a> {
    body: &'a str,
    toks: Vec<T<'a>>,
    /// The paragraph is written in title case (a headline): capitals there name nothing.
    title_case: bool,
    /// Numbers written as models (`Boeing 787`, three digits or more).
    models: HashSet<&'a str>,
    /// House numbers with their street's first word (`180 Kent` of `180 Kent Street`).
    addresses: HashSet<&'a str>,
    year: Option<i32>,
    out: Vec<Figure>,
}

/// Paragraphs whose figures count: the story and its photo captions (`a meeting on Jan. 8
/// in Istanbul`), not banners or site furniture.
fn reads_figures(kind: ParagraphKind) -> bool {
    kind == ParagraphKind::Caption || !kind.is_boilerplate()
}

/// How far (in tokens) the tests that read a figure's sentence look on each side: a
/// sentence is rarely longer, and a paragraph without full stops must stay linear.
const NEAR: usize = 60;

/// Are most words of a paragraph capitalised (`Five Things We Learned From The Match`)?
fn is_title_case(toks: &[T]) -> bool {
    // Headlines are short; a long paragraph is prose.
    if toks.len() > 40 {
        return false;
    }
    let (mut capital, mut lower) = (0usize, 0usize);
    for t in toks
        .iter()
        .filter(|t| t.kind == K::Word && t.text.len() > 3)
    {
        if t.text.as_bytes()[0].is_ascii_uppercase() {
            capital += 1;
        } else {
            lower += 1;
        }
    }
    capital >= 3 && capital > 2 * lower
}

/// All figures of `article`, in text order.
pub fn figures(article: &Article) -> Vec<Figure> {
    figures_lowered(article, &lowercase_aligned(&article.body))
}

/// [`figures`], given the article's body lowered by `lowercase_aligned` (shared with the
/// quotes when both are extracted).
pub(crate) fn figures_lowered(article: &Article, low: &str) -> Vec<Figure> {
    let mut out = Vec::new();
    let mut scanner = Scanner {
        body: &article.body,
        toks: Vec::new(),
        title_case: false,
        models: HashSet::new(),
        addresses: HashSet::new(),
        year: article.date.map(|d| d.year),
        out: Vec::new(),
    };
    for p in article.paragraphs.iter().filter(|p| reads_figures(p.kind)) {
        let Some(text) = article.body.get(p.range.clone()) else {
            continue;
        };
        scanner.toks.clear();
        // Room for a token per three bytes at once, not grown (and copied) a few times
        // per article.
        scanner.toks.reserve(text.len() / 3 + 1);
        scan(
            text,
            low.get(p.range.clone()).unwrap_or(text),
            p.range.start,
            &mut scanner.toks,
        );
        scanner.title_case = is_title_case(&scanner.toks);
        scanner.run();
        out.append(&mut scanner.out);
    }
    // A number the article gives as a model (`Boeing 787`) names that model everywhere in
    // it (`five 787 Dreamliner sales`).
    if !scanner.models.is_empty() {
        out.retain(|f| {
            let number = f
                .text
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .unwrap_or("");
            f.kind != FigureKind::Count || !scanner.models.contains(&number)
        });
    }
    // A building named by its address (`180 Kent Street`) is named so again (`180 Kent is
    // assigned to …`): no count of Kents.
    if !scanner.addresses.is_empty() {
        out.retain(|f| {
            f.kind != FigureKind::Count
                || !scanner.addresses.iter().any(|a| {
                    f.text == *a || f.text.strip_prefix(a).is_some_and(|r| r.starts_with(' '))
                })
        });
    }
    out
}

impl<'a> Scanner<'a> {
    fn tok(&self, i: usize) -> Option<&T<'a>> {
        self.toks.get(i)
    }

    fn word_at(&self, i: usize) -> Option<&'a str> {
        self.tok(i).filter(|t| t.kind == K::Word).map(|t| t.low)
    }

    /// Is token `i` glued to the one before it (no space between)?
    fn glued(&self, i: usize) -> bool {
        match (i.checked_sub(1).and_then(|k| self.tok(k)), self.tok(i)) {
            (Some(before), Some(t)) => before.end == t.start,
            _ => false,
        }
    }

    fn run(&mut self) {
        let mut i = 0;
        while i < self.toks.len() {
            let count = self.out.len();
            let next = self.at(i).unwrap_or(i + 1);
            // A figure just read may open a range: `20-30 people`, `£2 to £3 million`.
            i = match self.out.len() == count + 1 {
                true => self.range_after(i, next).unwrap_or(next),
                false => next,
            };
        }
    }

    /// Reads a figure starting at token `i`; returns the index after it.
    fn at(&mut self, i: usize) -> Option<usize> {
        let t = *self.tok(i)?;
        if t.kind == K::Word {
            if let Some(next) = self.date_from_month(i) {
                return Some(next);
            }
            return self.read_word(i);
        }
        if t.kind == K::Num {
            if let Some(next) = self.slash_fraction(i) {
                return Some(next);
            }
            if let Some(next) = self.date_from_day(i) {
                return Some(next);
            }
            return self.read_numeral(i);
        }
        None
    }

    /// `Feb. 28, 2020`, `February 27`, `January 2016`.
    fn date_from_month(&mut self, i: usize) -> Option<usize> {
        // The numeral after it first: most capitalised words are followed by none, and
        // that test is cheaper than looking the word up among the months.
        let day_tok = self.tok(i + 1).filter(|t| t.kind == K::Num)?;
        if !self.toks[i].text.starts_with(char::is_uppercase) {
            return None;
        }
        let m = month(self.toks[i].text)?;
        let n: u32 = day_tok.text.parse().ok()?;
        if (1000..=2999).contains(&n) {
            let iso = format!("{n:04}-{m:02}");
            self.push(
                i,
                i + 1,
                FigureKind::Date,
                FigureValue::Date(iso),
                None,
                None,
            );
            return Some(i + 2);
        }
        if !(1..=31).contains(&n) {
            return None;
        }
        let mut end = i + 1;
        // An ordinal suffix: `March 3rd`.
        if self
            .tok(end + 1)
            .is_some_and(|t| self.glued(end + 1) && matches!(t.text, "st" | "nd" | "rd" | "th"))
        {
            end += 1;
        }
        // The last day of a range of days: `March 3-7`.
        if self
            .tok(end + 1)
            .is_some_and(|t| matches!(t.text, "-" | "–") && self.glued(end + 1))
            && self.glued(end + 2)
            && self
                .tok(end + 2)
                .and_then(|t| t.text.parse::<u32>().ok())
                .is_some_and(|d| (1..=31).contains(&d))
        {
            end += 2;
        }
        let mut year = None;
        if self.tok(end + 1).is_some_and(|t| t.text == ",")
            && let Some(y) = self
                .tok(end + 2)
                .filter(|t| t.kind == K::Num && t.text.len() == 4)
        {
            year = y.text.parse::<i32>().ok();
            end += 2;
        }
        self.push_date(i, end, year, m, n as u8);
        Some(end + 1)
    }

    /// `28 February 2020`.
    fn date_from_day(&mut self, i: usize) -> Option<usize> {
        let n: u8 = self.toks[i].text.parse().ok()?;
        let month_tok = self.tok(i + 1)?;
        let m = month(month_tok.text)?;
        if !(1..=31).contains(&n) || !month_tok.text.starts_with(char::is_uppercase) {
            return None;
        }
        let mut end = i + 1;
        let mut year = None;
        if let Some(y) = self
            .tok(i + 2)
            .filter(|t| t.kind == K::Num && t.text.len() == 4)
        {
            year = y.text.parse().ok();
            end += 1;
        }
        self.push_date(i, end, year, m, n);
        Some(end + 1)
    }

    fn push_date(&mut self, first: usize, last: usize, year: Option<i32>, m: u8, d: u8) {
        let iso = match year.or(self.year) {
            Some(y) => match Date::new(y, m, d) {
                Some(date) => date.to_string(),
                None => return,
            },
            None => format!("--{m:02}-{d:02}"),
        };
        self.push(
            first,
            last,
            FigureKind::Date,
            FigureValue::Date(iso),
            None,
            None,
        );
    }

    /// Number words, vague quantities and ordinals.
    fn read_word(&mut self, i: usize) -> Option<usize> {
        let word = self.toks[i].low;
        if !may_be_a_number_word(word) {
            return None;
        }
        if self.is_name_with_number_word(i) {
            return Some(i + 1);
        }
        if let Some(next) = self.fraction_at(i) {
            return Some(next);
        }
        // `a few hundred refugees`: more than a hundred, as vague as `hundreds of`.
        if word == "a"
            && self.word_at(i + 1) == Some("few")
            && let Some(scale) = self
                .word_at(i + 2)
                .filter(|w| w.len() > 3)
                .and_then(scale_word)
        {
            // `a few hundred thousand people`: every scale word after it counts.
            let (mut value, mut last) = (scale, i + 2);
            while let Some(more) = self
                .word_at(last + 1)
                .filter(|w| w.len() > 3)
                .and_then(scale_word)
            {
                value *= more;
                last += 1;
            }
            let q = self.qualifier(i);
            let (unit, end) = self.unit_after(last + 1, true);
            let end = end.unwrap_or(last);
            self.push_with(q, i, end, FigureKind::Approximate, value, unit);
            return Some(end + 1);
        }
        // `a dozen`, `a hundred delegates`, `more than a million dollars`
        if word == "a" || word == "an" {
            let scaled = self
                .word_at(i + 1)
                .is_some_and(|w| w.len() > 3 && scale_word(w).is_some());
            return match scaled && word == "a" {
                true => self.number_words(i, 1.0),
                false => None,
            };
        }
        let number = small_number_word(word);
        // `nine-year conflict`, `twenty-one-year-old`, `two-thousand`
        if number.is_none()
            && let Some((n, tail)) = number_word_prefix(word)
        {
            if let Some(scale) = scale_word(tail)
                && tail.len() > 3
            {
                return self.counted(i, i, n * scale, true);
            }
            let tail_unit = tail.split('-').next().unwrap_or(tail);
            // `zero-hours contracts`, `zero-emission cars`, `a two-state solution`: kinds of
            // thing named with a number, no amount.
            if n == 0.0 || (n == 2.0 && tail_unit == "state") {
                return Some(i + 1);
            }
            if is_time_unit(tail_unit) {
                let unit = Some(tail_unit.to_string());
                let q = self.qualifier(i);
                self.push_with(q, i, i, FigureKind::Duration, n, unit);
                return Some(i + 1);
            }
            // `a two-time champion`: how many times.
            if n >= 2.0 && tail == "time" {
                return self.times(i, n);
            }
            // `a one-game suspension`, `a one-goal lead`: `one` counting what is scored or
            // served, after `a`; not `a one-off`, `a one-man show`.
            let one_counts = n == 1.0
                && matches!(
                    i.checked_sub(1).and_then(|k| self.word_at(k)),
                    Some("a" | "an")
                )
                && matches!(
                    tail_unit,
                    "game"
                        | "match"
                        | "goal"
                        | "point"
                        | "run"
                        | "stroke"
                        | "shot"
                        | "seat"
                        | "vote"
                        | "wicket"
                        | "set"
                        | "race"
                        | "fight"
                        | "place"
                        | "stage"
                );
            // `a seven-point lead`, `a two-party system`; not `one-time`, `two-thirds`.
            if (n >= 2.0 || one_counts) && counts_with_hyphen(tail_unit) {
                let unit = Some(tail.to_string());
                let q = self.qualifier(i);
                self.push_with(q, i, i, FigureKind::Count, n, unit);
                return Some(i + 1);
            }
            return None;
        }
        if let Some(n) = number {
            return self.number_words(i, n);
        }
        if matches!(word, "twice" | "thrice") {
            return self.repeated(i, if word == "twice" { 2.0 } else { 3.0 });
        }
        if let Some(v) = vague_quantity(word) {
            return self.vague(i, v);
        }
        if let Some(n) = ordinal_word(word) {
            if word == "second" && self.word_at(i + 1).is_some_and(is_time_unit) {
                return None;
            }
            self.push(
                i,
                i,
                FigureKind::Ordinal,
                FigureValue::Number(n),
                None,
                None,
            );
            return Some(i + 1);
        }
        None
    }

    /// `scored twice`, `has won it twice`: how many times something happened; not a
    /// multiplier (`twice as many`, `twice the size`) nor a rate (`twice a week`).
    fn repeated(&mut self, i: usize, n: f64) -> Option<usize> {
        let multiplier = self.word_at(i + 1).is_some_and(|w| {
            is_time_unit(w)
                || matches!(
                    w,
                    "as" | "the"
                        | "a"
                        | "an"
                        | "that"
                        | "than"
                        | "its"
                        | "his"
                        | "her"
                        | "their"
                        | "this"
                        | "what"
                        | "over"
                        | "more"
                        | "weekly"
                        | "daily"
                        | "yearly"
                        | "monthly"
                        | "per"
                )
        }) || self.tok(i + 1).is_some_and(|t| t.kind == K::Num);
        // `think twice`: an idiom.
        let idiom = i
            .checked_sub(1)
            .and_then(|k| self.word_at(k))
            .is_some_and(|w| w.starts_with("think") || w == "thought");
        if multiplier || idiom {
            return Some(i + 1);
        }
        self.times(i, n)
    }

    /// `five`, `three million`, `two dozen`, `one hundred`.
    fn number_words(&mut self, i: usize, n: f64) -> Option<usize> {
        let mut value = n;
        let mut last = i;
        while let Some(s) = self.word_at(last + 1).and_then(scale_word) {
            if matches!(self.word_at(last + 1), Some("m" | "b" | "k")) {
                break;
            }
            value *= s;
            last += 1;
        }
        if let Some(half) = self.and_a_half(last) {
            value += 0.5;
            last = half;
        }
        // `top five`, `number one`: a rank; `five o’clock`: a time.
        let clock = matches!(
            self.word_at(last + 1),
            Some("o’clock" | "o'clock" | "a.m." | "p.m.")
        );
        if self.is_rank_or_label(i) || clock || self.is_formation_or_idiom(i) {
            return Some(last + 1);
        }
        let word = self.toks[i].lower();
        if word == "one" && last == i && !self.one_counts(i) {
            return None;
        }
        self.counted(i, last, value, true)
    }

    /// `a back four`, `the front three`: a formation in football; `a thing or two`: an
    /// idiom. No amounts.
    fn is_formation_or_idiom(&self, i: usize) -> bool {
        let before = |n: usize| i.checked_sub(n).and_then(|k| self.word_at(k));
        let formation = matches!(before(1), Some("back" | "front"))
            && matches!(
                before(2),
                Some("a" | "the" | "his" | "their" | "its" | "our" | "flat")
            )
            && self.word_at(i + 1).is_none_or(ends_unit);
        let idiom =
            self.toks[i].low == "two" && before(1) == Some("or") && before(2) == Some("thing");
        formation || idiom
    }

    /// Is `one` at token `i` a count (`one of the students`, `one person`) rather than a
    /// pronoun or an idiom (`no one`, `one another`, `at one point`, `one day`)?
    fn one_counts(&self, i: usize) -> bool {
        let before = i.checked_sub(1).and_then(|k| self.word_at(k)).unwrap_or("");
        let Some(next) = self.tok(i + 1).filter(|t| t.kind == K::Word) else {
            return false;
        };
        if matches!(
            before,
            "no" | "any"
                | "every"
                | "each"
                | "the"
                | "this"
                | "that"
                | "which"
                | "someone"
                | "anyone"
                | "everyone"
        ) {
            return false;
        }
        // `one in five children`
        if next.low == "in" {
            return self.proportion_after(i).is_some();
        }
        if next.low == "of" {
            // `one of 20 students`, `one of the 12 passengers`; not `one of them`, `one of
            // the reasons`, `one of the best players` (a pronoun, not a count).
            let k = self.after_determiner(i + 2);
            return self.is_number(k);
        }
        if before == "number" {
            return false; // `the number one buyer`: a rank
        }
        // `at one point`, `in one case`, `if one adds`; but `as much as one gallon`.
        let idiomatic_before = matches!(
            before,
            "at" | "for" | "like" | "in" | "if" | "as" | "when" | "unless" | "how" | "what"
        );
        if idiomatic_before && self.qualifier(i).is_none() {
            return false;
        }
        // `one State Department commission`, but `One Direction`, `One America`.
        let lower_case = !self.toks[i].text.starts_with('O');
        // `one day`, `one recent afternoon`; `one percentage point` counts.
        let idiom = is_one_idiom(next.low)
            || self
                .word_at(i + 2)
                .is_some_and(|w| is_time_of_day(w) && next.low != "percentage");
        // `one called X`, `one wonders`: a pronoun before its verb (`one` counts no plural);
        // `with one commenting: “…”`: a pronoun before its participle.
        let participle = next.low.len() > 5
            && next.low.ends_with("ing")
            && self.tok(i + 2).is_some_and(|t| matches!(t.text, ":" | ","));
        let clause = next.low.len() > 4 && next.low.ends_with("ed")
            || next.low.ends_with('s') && !next.low.ends_with("ss") && !next.low.ends_with("us")
            || participle;
        // `one` counts a thing when it is measured or set against another number (`one
        // week`, `only one game`, `one died and three were hurt`); `one friend`, `one piece
        // of history` only say `a`.
        let counting = is_time_unit(next.low)
            || measure_word(next.low).is_some()
            || matches!(
                next.low,
                "percentage" | "point" | "goal" | "vote" | "seat" | "run" | "stroke" | "wicket"
            )
            || self.qualifier(i).is_some()
            || self.another_number_in_sentence(i);
        (lower_case || !next.text.starts_with(char::is_uppercase))
            && !idiom
            && !clause
            && !is_no_noun(next.low)
            && counting
    }

    /// Is there a number other than the one at `i` in its sentence?
    fn another_number_in_sentence(&self, i: usize) -> bool {
        let ends = |t: &T| matches!(t.text, "." | "!" | "?" | ";");
        let before = self.toks[..i]
            .iter()
            .rev()
            .take(NEAR)
            .take_while(|t| !ends(t));
        let after = self.toks[i + 1..]
            .iter()
            .take(NEAR)
            .take_while(|t| !ends(t));
        // Years (`since 2013`) are no amounts to set `one` against.
        let year = |t: &T| t.text.len() == 4 && t.text.starts_with(['1', '2']);
        before.chain(after).any(|t| {
            t.kind == K::Num && !year(t)
                || t.kind == K::Word && small_number_word(t.low).is_some_and(|n| n != 1.0)
        })
    }

    /// A number word that is part of a name: `the Big Ten`, `Formula One`, `Erik Ten Hag`,
    /// `Ninety Mile Beach`, `the Six-Day War`; not `Five Turkish soldiers` opening a sentence.
    fn is_name_with_number_word(&self, i: usize) -> bool {
        let t = &self.toks[i];
        if !t.text.starts_with(char::is_uppercase) {
            return false;
        }
        if t.text
            .split('-')
            .skip(1)
            .any(|p| p.starts_with(char::is_uppercase))
        {
            return true;
        }
        let capital = |k: usize| {
            self.tok(k).is_some_and(|t| {
                t.kind == K::Word && t.text.starts_with(char::is_uppercase) && !is_not_a_name(t.low)
            })
        };
        if i > 0 && capital(i - 1) && !self.title_case {
            return true;
        }
        if !capital(i + 1) || self.title_case {
            return false;
        }
        let opens_sentence = i == 0 || self.toks[i - 1].kind == K::Punct;
        let possessive =
            self.toks[i + 1].text.ends_with("’s") || self.toks[i + 1].text.ends_with("'s");
        possessive || capital(i + 2) || !opens_sentence
    }

    /// The index after a determiner at `k` (`the`, `his`, `these`), or `k`.
    fn after_determiner(&self, k: usize) -> usize {
        match self.word_at(k) {
            Some(
                "the" | "his" | "her" | "their" | "its" | "our" | "my" | "your" | "these" | "those",
            ) => k + 1,
            _ => k,
        }
    }

    /// Is token `k` a number (a numeral or a number word)?
    fn is_number(&self, k: usize) -> bool {
        self.tok(k).is_some_and(|t| {
            t.kind == K::Num && !self.glued(k)
                || t.kind == K::Word && small_number_word(t.low).is_some()
        })
    }

    /// The value of token `k` when it is a number (a numeral or a number word).
    fn number_value(&self, k: usize) -> Option<f64> {
        let t = self.tok(k).filter(|_| self.is_number(k))?;
        numeral_value(t.text).or_else(|| small_number_word(t.low))
    }

    /// `six in 10 voters`, `four out of five doctors`: the index of the denominator.
    fn proportion_after(&self, last: usize) -> Option<usize> {
        match self.word_at(last + 1)? {
            // Not `two in 10 minutes`: that is a time; nor `12 in 1976`: a year.
            "in" if self.is_number(last + 2)
                && !self.tok(last + 2).is_some_and(|t| is_year_numeral(t.text))
                && !self
                    .word_at(last + 3)
                    .is_some_and(|w| is_time_unit(w) || w == "percent") =>
            {
                Some(last + 2)
            }
            "in" if self.word_at(last + 2) == Some("a")
                && self.word_at(last + 3) == Some("hundred") =>
            {
                Some(last + 3)
            }
            "out" if self.word_at(last + 2) == Some("of") && self.is_number(last + 3) => {
                Some(last + 3)
            }
            _ => None,
        }
    }

    /// `dozens of Russian diplomats`, `hundreds of thousands`, `in the millions`.
    fn vague(&mut self, i: usize, v: f64) -> Option<usize> {
        let mut value = v;
        let mut last = i;
        // `hundreds of thousands`, `tens of millions`
        if self.word_at(i + 1) == Some("of")
            && let Some(v2) = self.word_at(i + 2).and_then(vague_quantity)
        {
            value *= v2;
            last = i + 2;
        }
        // `tens` counts only with `of`; `scores` also opening a clause (`Scores were
        // killed`), not as a verb (`he scores a win`).
        let opens_clause = i == 0 || self.toks[i - 1].kind == K::Punct;
        let verb_like = self.tok(i).is_some_and(|t| t.is("tens"))
            || self.tok(i).is_some_and(|t| t.is("scores")) && !opens_clause;
        if verb_like && last == i && self.word_at(i + 1) != Some("of") {
            return None;
        }
        let q = self.qualifier(i);
        let (unit, end) = self.unit_after(last + 1, true);
        let end = end.unwrap_or(last);
        self.push_with(q, i, end, FigureKind::Approximate, value, unit);
        Some(end + 1)
    }

    /// A count (or duration) read from `first..=last`, with its unit.
    fn counted(&mut self, first: usize, last: usize, value: f64, words: bool) -> Option<usize> {
        let q = self.qualifier(first);
        if let Some(w) = self.word_at(last + 1)
            && (w == "percent" || w == "per" && self.word_at(last + 2) == Some("cent"))
        {
            let end = if w == "per" { last + 2 } else { last + 1 };
            let unit = Some("percent".to_string());
            self.push_with(q, first, end, FigureKind::Percent, value, unit);
            return Some(end + 1);
        }
        // `250 pence`, `3,000 Danish kroner`, `2 billion rand`
        if let Some((end, cur)) = self.currency_named(last + 1) {
            let unit = Some(cur.to_string());
            self.push_with(q, first, end, FigureKind::Money, value, unit);
            return Some(end + 1);
        }
        // `12 degrees Celsius`, `100 metres`, `9.3 km`
        if let Some((end, name)) = self.degrees_after(last + 1).or_else(|| {
            self.word_at(last + 1)
                .and_then(measure_word)
                .map(|name| (last + 1, name))
        }) {
            return self.measured(first, end, value, name);
        }
        // `the two leaders`, `all three men`: a count the article already gave.
        if words && self.is_anaphoric(first) && !self.is_restricted(last) {
            return Some(last + 1);
        }
        // `six in 10 voters`: the share (0.6 of voters) is the figure, the denominator is
        // not another.
        if let Some(denominator) = self.proportion_after(last) {
            let whole = match self.word_at(denominator) {
                Some("hundred") => Some(100.0),
                _ => self.number_value(denominator),
            };
            let (unit, end) = self.unit_after(denominator + 1, false);
            let end = end.unwrap_or(denominator);
            let share = whole.filter(|w| *w > 0.0).map_or(value, |w| value / w);
            self.push_with(q, first, end, FigureKind::Count, share, unit);
            return Some(end + 1);
        }
        // `four of the six delegates`: two figures counting the same thing.
        if self.word_at(last + 1) == Some("of") {
            let second = self.after_determiner(last + 2);
            if self.is_number(second) {
                let (unit, _) = self.unit_after(second + 1, false);
                self.push_with(q, first, last, FigureKind::Count, value, unit);
                return Some(last + 1);
            }
        }
        let (unit, end) = self.unit_after(last + 1, true);
        let Some(end) = end else {
            // `Trump won six.`, `all but two said`; not `the two` (who are they?).
            let pronoun = first
                .checked_sub(1)
                .and_then(|k| self.word_at(k))
                .is_some_and(|w| {
                    matches!(
                        w,
                        "the"
                            | "these"
                            | "those"
                            | "latter"
                            | "former"
                            | "other"
                            | "final"
                            | "in"
                            | "at"
                    )
                });
            // `one of the only Republicans`: `one` was checked by `one_counts`.
            let one_of = value == 1.0 && self.word_at(last + 1) == Some("of");
            if words && (value < 2.0 && !one_of || pronoun) {
                return None;
            }
            self.push_with(q, first, last, FigureKind::Count, value, None);
            return Some(last + 1);
        };
        let kind = match unit.as_deref().and_then(|u| u.split_whitespace().next()) {
            Some(u) if is_time_unit(u) => FigureKind::Duration,
            _ => FigureKind::Count,
        };
        // `three weeks ago`, `in two days' time`, `a couple of generations ago`: a time
        // relative to now, not an amount.
        let ago = self.word_at(end + 1) == Some("ago");
        if ago || kind == FigureKind::Duration && self.is_relative_time(first, end) {
            return Some(end + 1);
        }
        // `1 minute and 45 seconds`, `two hours 10 minutes`: one duration in the smaller unit.
        if kind == FigureKind::Duration
            && let Some(unit_name) = unit.as_deref()
            && let Some((last, total, smaller)) = self.smaller_unit_after(end, value, unit_name)
        {
            let unit = Some(smaller.to_string());
            self.push_with(q, first, last, kind, total, unit);
            return Some(last + 1);
        }
        self.push_with(q, first, end, kind, value, unit);
        Some(end + 1)
    }

    /// `the two leaders`, `all three men`, `both two`: a number word after a definite
    /// determiner refers back to people or things already counted, unless it is the whole
    /// of a partitive (`one of the 12 passengers`, `four of the six delegates`).
    fn is_anaphoric(&self, first: usize) -> bool {
        let before = |n: usize| first.checked_sub(n).and_then(|k| self.word_at(k));
        let definite = matches!(before(1), Some("the" | "these" | "those" | "all" | "both"))
            || (before(1) == Some("the") && before(2) == Some("all"));
        // `the other two contractors`
        let other =
            before(1) == Some("other") && matches!(before(2), Some("the" | "these" | "those"));
        (definite && before(2) != Some("of") && before(3) != Some("of")) || other
    }

    /// `the two main forms`, `the four players in front of him`, `the three men who …`:
    /// a definite count narrowed by an adjective before its noun or a phrase after it
    /// gives the number, it does not point back to things counted before.
    fn is_restricted(&self, last: usize) -> bool {
        let (unit, end) = self.unit_after(last + 1, false);
        let Some(end) = end else {
            return false;
        };
        let adjective = unit.is_some_and(|u| u.contains(' '));
        let phrase_after = matches!(
            self.word_at(end + 1),
            Some(
                "of" | "from"
                    | "behind"
                    | "who"
                    | "that"
                    | "which"
                    | "between"
                    | "ahead"
                    | "since"
                    | "under"
                    // `the nine votes needed to pass`: an amount a rule sets.
                    | "needed"
                    | "required"
                    | "necessary"
                    | "remaining"
                    | "available"
            )
        );
        adjective || phrase_after
    }

    /// Is the duration `first..=end` a time relative to now (`three weeks ago`, `in two
    /// days' time`, `two years from now`, `In two years, …`)?
    fn is_relative_time(&self, first: usize, end: usize) -> bool {
        let after = self.word_at(end + 1);
        if matches!(after, Some("ago" | "hence" | "away" | "previously")) {
            return true;
        }
        if after == Some("from") && self.word_at(end + 2) == Some("now") {
            return true;
        }
        let starts = first
            .checked_sub(1)
            .and_then(|k| self.word_at(k))
            .is_some_and(|w| w == "in" || w == "within");
        let time_after = after == Some("time")
            || (self
                .tok(end + 1)
                .is_some_and(|t| matches!(t.text, "’" | "'"))
                && self.word_at(end + 2) == Some("time"));
        let sentence_opening = first < 2 || self.toks[first - 2].kind == K::Punct;
        let comma_after = self.tok(end + 1).is_some_and(|t| t.text == ",");
        starts && (time_after || (sentence_opening && comma_after) || self.future_clause(first))
    }

    /// Does the clause around token `at` speak of the future (`will`, `’ll`, `going to`)?
    fn future_clause(&self, at: usize) -> bool {
        let lo = at.saturating_sub(NEAR);
        let hi = (at + NEAR).min(self.toks.len());
        let from = (lo..at)
            .rev()
            .find(|&k| matches!(self.toks[k].text, "." | ";" | "!" | "?"))
            .map_or(lo, |k| k + 1);
        let to = (at..hi)
            .find(|&k| matches!(self.toks[k].text, "." | ";" | "!" | "?"))
            .unwrap_or(hi);
        self.toks[from..to].iter().any(|t| {
            matches!(t.low, "will" | "shall" | "’ll" | "'ll" | "ll")
                || t.low.ends_with("’ll")
                || t.low.ends_with("'ll")
        })
    }

    /// `2^28`, `10^5`: a power written with a caret is one number, not a base and an
    /// exponent of their own. Too large to hold: no figure at all.
    fn power(&mut self, i: usize) -> Option<usize> {
        if !(self.tok(i + 1).is_some_and(|t| t.text == "^") && self.glued(i + 1)) {
            return None;
        }
        let exponent = self
            .tok(i + 2)
            .filter(|t| t.kind == K::Num && self.glued(i + 2))
            .and_then(|t| numeral_value(t.text));
        let Some(exponent) = exponent else {
            return Some(i + 2);
        };
        let value = numeral_value(self.toks[i].text)?.powf(exponent);
        if !value.is_finite() || value > 1e18 {
            return Some(i + 3);
        }
        self.counted(i, i + 2, value, false)
    }

    /// A numeral and what follows it.
    /// `rose 7/32 in price`, `a near 1-1/2 year trade war`: a fraction written with a
    /// slash (its denominator one that measures: halves to sixty-fourths), alone or after
    /// a whole number and a hyphen. Not a date (`3/4/2020`) nor a ratio (`24/7`).
    fn slash_fraction(&mut self, i: usize) -> Option<usize> {
        let whole_number = |k: usize| {
            self.tok(k)
                .filter(|t| t.kind == K::Num && t.text.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|t| t.text.parse::<u32>().ok())
        };
        let punct = |k: usize, p: &str| self.tok(k).is_some_and(|t| t.text == p) && self.glued(k);
        let fraction = |k: usize| {
            let (num, den) = (whole_number(k)?, whole_number(k + 2)?);
            let measured = matches!(den, 2 | 3 | 4 | 8 | 16 | 32 | 64);
            (punct(k + 1, "/") && self.glued(k + 2) && measured && num > 0 && num < den)
                .then(|| f64::from(num) / f64::from(den))
        };
        let (value, last) = match fraction(i) {
            Some(f) => (f, i + 2),
            None if punct(i + 1, "-") && self.glued(i + 2) => {
                (f64::from(whole_number(i)?) + fraction(i + 2)?, i + 4)
            }
            None => return None,
        };
        // `3/4/2020`: a date.
        if punct(last + 1, "/") || (i > 0 && punct(i, "/")) {
            return None;
        }
        self.counted(i, last, value, false)
    }

    fn read_numeral(&mut self, i: usize) -> Option<usize> {
        let t = self.toks[i];
        // A score line first: `beat Albot 6-1, 6-4` is no name with a number (`Court 6`).
        if let Some(next) = self.score_at(i) {
            return Some(next);
        }
        if self.is_no_figure(i) {
            if self.names_a_model(i) {
                self.models.insert(t.text);
            }
            if let Some(address) = self.address_at(i) {
                self.addresses.insert(address);
            }
            return Some(self.skip_glued(i));
        }
        if let Some(next) = self.power(i) {
            return Some(next);
        }
        let mut value = numeral_value(t.text)?;
        let mut first = i;
        let mut last = i;
        // `-3°C`, `minus 12 degrees`
        if let Some(sign) = self.minus_sign(i) {
            value = -value;
            first = sign;
        }
        let mut currency = self.currency_before(i);
        if let Some((at, _)) = currency {
            first = first.min(at);
        }
        // Glued suffixes: `15th`, `3m`, `1.2bn`, `1990s`, `512GB`, `2.4pc`, `85p`, `5,000-strong`,
        // `70-year-old`.
        if let Some(next) = self.tok(i + 1).filter(|_| self.glued(i + 1)).copied() {
            let suffix = next.lower();
            if next.kind == K::Word {
                if matches!(suffix, "st" | "nd" | "rd" | "th") {
                    self.push(
                        i,
                        i + 1,
                        FigureKind::Ordinal,
                        FigureValue::Number(value),
                        None,
                        None,
                    );
                    return Some(i + 2);
                }
                if suffix == "m" && currency.is_none() && self.metres_after(i, value) {
                    return self.measured(first, i + 1, value, "metres");
                }
                if currency.is_none() && self.names_a_resolution(i) {
                    return Some(i + 2); // `4K streaming`, `an 8K TV`
                }
                if let Some(s) = scale_word(suffix) {
                    value *= s;
                    last = i + 1;
                } else if suffix == "s" {
                    return Some(i + 2); // a decade: the 1990s
                } else if let Some(next) = self.glued_unit_figure(first, i, value, &next) {
                    return Some(next);
                } else {
                    return Some(i + 2); // 3D, 4G, 737MAX
                }
            } else if matches!(next.text, "°" | "º") {
                return self.temperature(first, i + 1, value);
            } else if let Some(next) = self.feet_and_inches(first, i, value) {
                return Some(next);
            } else if next.text == "-"
                && let Some(after) = self.tok(i + 2).filter(|_| self.glued(i + 2)).copied()
            {
                let word = after.lower();
                let head = word.split('-').next().unwrap_or("").to_string();
                if after.kind == K::Num {
                    // a range: `10-12`; the first end (`range_after` reads the other)
                    last = i;
                } else if let Some(scale) =
                    scale_word(&head).filter(|_| head.len() > 3 && word == head)
                {
                    // `a $100-million renovation`: the scale joined by a hyphen.
                    value *= scale;
                    last = i + 2;
                } else if is_time_unit(&head) {
                    let q = self.qualifier(first);
                    let unit = Some(word.to_string());
                    self.push_with(q, first, i + 2, FigureKind::Duration, value, unit);
                    return Some(i + 3);
                } else if head == "strong" {
                    let (unit, end) = self.unit_after(i + 3, false);
                    let end = end.unwrap_or(i + 2);
                    let q = self.qualifier(first);
                    self.push_with(q, first, end, FigureKind::Count, value, unit);
                    return Some(end + 1);
                } else if let Some(name) = measure_word(&head) {
                    // `a 100-metre dash`, `a 300 million-year-old fossil` is read below.
                    return self.measured(first, i + 2, value, name);
                } else if after.kind == K::Word && !is_derived_noun(&head) {
                    // `a 3-point plan`: the hyphenated word is the unit
                    let q = self.qualifier(first);
                    let unit = Some(word.to_string());
                    let kind = if currency.is_some() {
                        FigureKind::Money
                    } else {
                        FigureKind::Count
                    };
                    self.push_with(q, first, i + 2, kind, value, unit);
                    return Some(i + 3);
                } else if after.kind == K::Word {
                    return Some(i + 3); // `a 3-pointer`, `a five-setter`: a name of a thing
                }
            }
        }
        // Scale words: `3.6 million`; `300 million-year-old` is an age in years.
        while let Some(s) = self.word_at(last + 1).and_then(scale_word) {
            let w = self.word_at(last + 1).unwrap_or_default();
            if w.len() <= 3 && w != "bn" && w != "mln" && currency.is_none() {
                break;
            }
            value *= s;
            last += 1;
        }
        if let Some(next) = self.scaled_age(first, last + 1, value) {
            return Some(next);
        }
        if let Some(half) = self.and_a_half(last) {
            value += 0.5;
            last = half;
        }
        // `12 CAD million`, `40 €`: the currency after the number.
        if currency.is_none()
            && let Some(cur) = self.currency_after(last + 1)
        {
            currency = Some((last + 1, cur));
            last += 1;
            while let Some(s) = self.word_at(last + 1).and_then(scale_word) {
                value *= s;
                last += 1;
            }
        }
        if let Some((_, cur)) = currency {
            let q = self.qualifier(first);
            self.push_with(
                q,
                first,
                last,
                FigureKind::Money,
                value,
                Some(cur.to_string()),
            );
            return Some(last + 1);
        }
        // `12%`, `12 percent`
        if self.tok(last + 1).is_some_and(|t| t.text == "%") {
            let q = self.qualifier(first);
            self.push_with(
                q,
                first,
                last + 1,
                FigureKind::Percent,
                value,
                Some("percent".into()),
            );
            return Some(last + 2);
        }
        let plain_integer = t.text.bytes().all(|b| b.is_ascii_digit());
        // An era's year after the number: `500 BC` (a negative year), `30,000 BC`, `1066 AD`;
        // not `27 CE members` or `12 AD units`, where a noun follows, nor a signed number.
        if value > 0.0
            && value.fract() == 0.0
            && first == i
            && last == i
            && currency.is_none()
            && let Some(era) = self
                .tok(i + 1)
                .filter(|e| matches!(e.text, "BC" | "BCE" | "AD" | "CE"))
            && self
                .word_at(i + 2)
                .is_none_or(|w| !w.starts_with(|c: char| c.is_ascii_lowercase()))
        {
            let year = if era.text.starts_with('B') {
                -value
            } else {
                value
            };
            self.push(
                i,
                i + 1,
                FigureKind::Year,
                FigureValue::Number(year),
                None,
                None,
            );
            return Some(i + 2);
        }
        // A year: four digits standing alone (`2015 elections` too). Only a qualifier makes
        // them a count: `more than 1500 troops`.
        if is_year_numeral(t.text) && last == i {
            let counted = self.qualifier(i).is_some()
                && self
                    .word_at(i + 1)
                    .is_some_and(|w| w.ends_with('s') && !ends_unit(w) && !is_time_unit(w));
            if !counted {
                self.push(
                    i,
                    i,
                    FigureKind::Year,
                    FigureValue::Number(value),
                    None,
                    None,
                );
                return Some(i + 1);
            }
        }
        // Identifiers and timestamps: long digit strings without separators.
        if plain_integer && t.text.len() >= 7 {
            return Some(i + 1);
        }
        self.counted(first, last, value, false)
    }

    /// The qualifier right before token `first` (`more than`, `nearly`), if any.
    fn qualifier(&self, first: usize) -> Option<(usize, String)> {
        // The words right before, back to a punctuation mark; at most three.
        let from = first.saturating_sub(3);
        let words = (from..first)
            .rev()
            .take_while(|&k| self.toks[k].kind == K::Word)
            .count();
        let before = &self.toks[first - words..first];
        let last = before.last()?.low;
        if !ends_a_qualifier(last) {
            return None;
        }
        for q in QUALIFIERS {
            // Most qualifiers fail on their last word: test that first.
            if !q.ends_with(last) {
                continue;
            }
            let n = q.bytes().filter(|&b| b == b' ').count() + 1;
            if n > before.len() {
                continue;
            }
            let tail = &before[before.len() - n..];
            if q.split(' ').zip(tail).all(|(a, b)| a == b.low) {
                return Some((first - n, (*q).to_string()));
            }
        }
        None
    }

    /// The counted noun phrase after a figure: `33 Turkish soldiers`, `dozens of Russian
    /// diplomats`. Returns the unit and the index of its last token.
    fn unit_after(&self, at: usize, allow_of: bool) -> (Option<String>, Option<usize>) {
        let mut k = at;
        if allow_of && self.word_at(k) == Some("of") {
            k = self.after_determiner(k + 1);
        }
        let begin = k;
        let mut end = None;
        while k < self.toks.len() && k - begin < 3 {
            let t = &self.toks[k];
            if t.kind != K::Word {
                break;
            }
            let w = t.lower();
            if ends_unit(w) || scale_word(w).is_some() && k == begin && w.len() <= 3 {
                break;
            }
            // `a third of a million came`: a verb, not what is counted.
            if k == begin && is_irregular_past(w) {
                break;
            }
            // Verbs end the phrase once it has a word: `33 soldiers killed`.
            if k > begin && (w.ends_with("ed") || w.ends_with("ing")) {
                break;
            }
            end = Some(k);
            // A plural noun or a unit of time ends it: `Turkish soldiers`, `two months`.
            let plural = (w.ends_with('s') && !w.ends_with("ss") && w.len() > 3)
                || matches!(
                    w,
                    "people"
                        | "children"
                        | "men"
                        | "women"
                        | "police"
                        | "personnel"
                        | "staff"
                        | "dead"
                        | "wounded"
                        | "injured"
                        | "cattle"
                        | "feet"
                        | "teeth"
                        | "mice"
                );
            if plural || is_time_unit(w) {
                break;
            }
            k += 1;
        }
        match end {
            Some(e) => {
                let text = self.body[self.toks[begin].start..self.toks[e].end].to_string();
                (Some(text), Some(e))
            }
            None => (None, None),
        }
    }

    fn push_with(
        &mut self,
        qualifier: Option<(usize, String)>,
        first: usize,
        last: usize,
        kind: FigureKind,
        value: f64,
        unit: Option<String>,
    ) {
        let (first, qualifier) = match qualifier {
            Some((at, q)) => (at, Some(q)),
            None => (first, None),
        };
        self.push(
            first,
            last,
            kind,
            FigureValue::Number(value),
            qualifier,
            unit,
        );
    }

    fn push(
        &mut self,
        first: usize,
        last: usize,
        kind: FigureKind,
        value: FigureValue,
        qualifier: Option<String>,
        unit: Option<String>,
    ) {
        let (Some(a), Some(b)) = (self.tok(first), self.tok(last)) else {
            return;
        };
        let range = a.start..b.end;
        let text = self.body[range.clone()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        self.out.push(Figure {
            text,
            kind,
            value,
            qualifier,
            unit,
            range,
        });
    }
}
