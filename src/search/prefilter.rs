//! Whether an article can match a query at all, told from its text before it is parsed:
//! most articles cannot match a rare query, and a one-shot search then needs neither
//! their sentences nor their fingerprint (see [`crate::corpus::load_each_wanted`]).
//!
//! The test may say yes when no item matches, never no when one does. It relaxes the
//! query: every clause must hold somewhere in the whole text, where a word term's words
//! each occur (or start a word, for a title cut short inside a word), a literal term
//! with no space occurs, and a negated or fuzzy term, or a literal with a space, always
//! may hold. This is sound because every item is made of the text's words: a sentence
//! is a part of the text cut between words, a title from the text is a paragraph or the
//! lead sentence with its spaces made one (and perhaps cut short, with `…` added);
//! titles not from the text (metadata, file name) are matched as items. It holds when
//! folding the text is folding each char on its own, which the test checks, and when no
//! paragraph was cut inside a word ([`PARAGRAPH_MAX_BYTES`]): else it says yes.

use std::borrow::Cow;

use crate::corpus::{Article, PARAGRAPH_MAX_BYTES, Unparsed, fingerprinted_parts};

use super::fold::{fold, fold_into};
use super::matcher::{Matcher, word_patterns};
use super::query::{Query, Term, TermKind};
use super::term_match::find_literal;
use super::word_pattern::WordPattern;

/// A query relaxed to what the whole text of a matching article must hold.
pub struct Prefilter {
    /// Clauses that must all hold, each as its alternatives (clauses that may always
    /// hold are left out).
    clauses: Vec<Vec<Check>>,
}

/// What one term asks of the whole text.
enum Check {
    /// Each word occurs, or starts a word (patterns matching the start of words).
    Words(Vec<WordPattern>),
    /// The literal occurs (folded; ASCII case ignored unless `case_sensitive`).
    Literal { text: String, case_sensitive: bool },
}

impl Prefilter {
    pub fn new(query: &Query) -> Prefilter {
        let clauses = query
            .clauses
            .iter()
            .filter_map(|clause| clause.alternatives.iter().map(check).collect())
            .collect();
        Prefilter { clauses }
    }

    /// Whether an article of this text and these titles may match (`matcher` compiled
    /// from the same query): no when no item of the article parsed can match.
    pub fn article_may_match(&self, matcher: &Matcher, unparsed: &Unparsed<'_>) -> bool {
        if matcher.matches_nothing() {
            return false;
        }
        if unparsed.text.len() > PARAGRAPH_MAX_BYTES || self.text_may_match(unparsed.text) {
            return true;
        }
        unparsed
            .titles_not_from_text()
            .any(|title| matcher.score_text(&fold(&title)).is_some())
    }

    /// Whether the text its fingerprint is taken from may match, as [`Self::text_may_match`]
    /// says. An article whose fingerprint is that of an article the test rejected cannot
    /// pass this: the same words give the same answer.
    pub fn fingerprinted_text_may_match(&self, article: &Article) -> bool {
        let text = article.text();
        self.text_may_match(&fingerprinted_parts(text.body(), text.paragraphs()).join("\n"))
    }

    /// Whether the words and literals of `text` (not folded) may satisfy every clause.
    pub fn text_may_match(&self, text: &str) -> bool {
        if self.clauses.is_empty() || !folds_char_by_char(text) {
            return true;
        }
        let folded = if text.is_ascii() {
            Cow::Borrowed(text)
        } else {
            let mut folded = String::with_capacity(text.len());
            fold_into(text, &mut folded);
            Cow::Owned(folded)
        };
        self.clauses
            .iter()
            .all(|alternatives| alternatives.iter().any(|check| check.holds(&folded)))
    }
}

impl Check {
    fn holds(&self, folded: &str) -> bool {
        match self {
            Check::Words(patterns) => patterns.iter().all(|p| p.occurs_in(folded)),
            Check::Literal {
                text,
                case_sensitive,
            } => find_literal(folded, text, 0, *case_sensitive).is_some(),
        }
    }
}

/// What the whole text must hold for `term` to hold in an item; `None` if nothing.
fn check(term: &Term) -> Option<Check> {
    if term.negated {
        return None;
    }
    match term.kind {
        TermKind::Subsequence => None,
        TermKind::Word => {
            let patterns: Vec<WordPattern> = word_patterns(term)
                .iter()
                // A title cut short may end inside a word: its start stands for it.
                .map(|p| WordPattern::new(p.text(), p.is_case_sensitive(), true))
                .collect();
            (!patterns.is_empty()).then_some(Check::Words(patterns))
        }
        TermKind::Exact | TermKind::Prefix | TermKind::Suffix | TermKind::Whole => {
            // A title's spaces and `…` may not be in the text.
            let plain =
                !term.text.is_empty() && !term.text.chars().any(|c| c.is_whitespace() || c == '…');
            plain.then(|| Check::Literal {
                text: term.text.clone(),
                case_sensitive: term.case_sensitive,
            })
        }
    }
}

/// Whether folding `text`, and any title taken from it, folds each char on its own (see
/// [`super::fold`]): only a combining accent (U+0300..U+033F, led by byte 0xCC) or a
/// mojibake lead (U+00C2..U+00DF, `â`) followed by what continues mojibake makes a char
/// fold with the ones after it. A lead followed by an ASCII letter never does, unless a
/// title cut inside a word puts `…` right after it: only a word of [`CUT_WORD_MIN_CHARS`]
/// chars or more is cut.
fn folds_char_by_char(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut lead_before_letter = false;
    for at in memchr::memchr2_iter(0xC3, 0xCC, bytes) {
        let lead = bytes[at] == 0xC3 && matches!(bytes.get(at + 1), Some(0x82..=0x9F | 0xA2));
        if bytes[at] == 0xCC {
            return false;
        }
        if lead {
            if !bytes.get(at + 2).is_some_and(u8::is_ascii_alphabetic) {
                return false;
            }
            lead_before_letter = true;
        }
    }
    !lead_before_letter || !has_word_of(bytes, CUT_WORD_MIN_CHARS)
}

/// A title from the text is cut inside a word only when the word has this many chars or
/// more (at least 45: half the longest title, see `parse::shorten`; a margin is kept).
const CUT_WORD_MIN_CHARS: usize = 40;

/// Whether `bytes` hold a run of `len` bytes or more without ASCII whitespace (so any
/// word of `len` chars). Such a run covers a byte at a multiple of `len / 2`: only the
/// runs through those bytes are measured.
fn has_word_of(bytes: &[u8], len: usize) -> bool {
    let step = (len / 2).max(1);
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at].is_ascii_whitespace() {
            at += step;
            continue;
        }
        let start = bytes[..at]
            .iter()
            .rposition(u8::is_ascii_whitespace)
            .map_or(0, |i| i + 1);
        let end = bytes[at..]
            .iter()
            .position(u8::is_ascii_whitespace)
            .map_or(bytes.len(), |i| at + i);
        if end - start >= len {
            return true;
        }
        // The next multiple of `step` past this run.
        at = (end / step + 1) * step;
    }
    false
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use proptest::prelude::*;

    use super::*;
    use crate::corpus::{Metadata, Origin};
    use crate::search::oneshot::search_articles;

    /// Words and pieces that stress the test: accents (composed or not), mojibake, case,
    /// punctuation inside words, long words (titles cut inside them), other scripts.
    const WORDS: &[&str] = &[
        "Stoltenberg",
        "stoltenberg's",
        "NATO",
        "nato",
        "Erdoğan",
        "Erdogan",
        "Turkish",
        "soldiers",
        "Idlib",
        "said",
        "the",
        "The",
        "president",
        "Président",
        "naïve",
        "e\u{301}te",
        "PeÃ±a",
        "Åberg",
        "ANDRÉ",
        "Öcalan",
        "donâ€™t",
        "É…",
        "“quoted”",
        "‘single’",
        "U.S.",
        "3.6",
        "secretary-general",
        "tu",
        "Tulsa",
        "a",
        "x",
        "…",
        "—",
        "(AP)",
        "Reuters",
        "Follow",
        "Twitter",
        "Mr.",
        "ΑΘΗΝΑ",
        "東京",
        "interdisciplinaryhyperconnectedantidisestablishment",
        "supercalifragilisticexpialidociousnessesquire",
    ];
    const SEPARATORS: &[&str] = &[
        " ", " ", " ", "  ", "\n", "\n\n", ". ", "? ", "! ", ", ", "\u{a0}", "\t", ": ",
    ];

    fn text_strategy() -> impl Strategy<Value = Vec<(usize, usize)>> {
        prop::collection::vec((0..WORDS.len(), 0..SEPARATORS.len()), 0..60)
    }

    fn join(pieces: &[(usize, usize)], separators: &[&str]) -> String {
        let mut text = String::new();
        for &(word, separator) in pieces {
            text.push_str(WORDS[word]);
            text.push_str(separators[separator % separators.len()]);
        }
        text
    }

    /// A query term: a word (perhaps lowercased, cut short or with a typo) with an
    /// operator.
    fn term_strategy() -> impl Strategy<Value = String> {
        (
            0..WORDS.len(),
            0..4u8,
            any::<prop::sample::Index>(),
            prop::sample::select(vec!["", "", "'", "!", "^", "~", "!'"]),
            prop::sample::select(vec!["", "", "$"]),
        )
            .prop_map(|(word, change, at, operator, suffix)| {
                let mut chars: Vec<char> = WORDS[word].chars().collect();
                match change {
                    1 => chars = chars.iter().flat_map(|c| c.to_lowercase()).collect(),
                    2 if chars.len() > 1 => chars.truncate(1 + at.index(chars.len() - 1)),
                    3 if chars.len() > 2 => {
                        let i = 1 + at.index(chars.len() - 2);
                        chars.swap(i - 1, i);
                    }
                    _ => {}
                }
                let word: String = chars.into_iter().collect();
                format!("{operator}{word}{suffix}")
            })
    }

    fn query_strategy() -> impl Strategy<Value = String> {
        (
            prop::collection::vec(term_strategy(), 1..4),
            prop::sample::select(vec![" ", " | ", " "]),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(terms, joint, phrase, typing)| {
                let mut query = if phrase && terms.len() > 1 {
                    format!(
                        "\"{} {}\"",
                        terms[0].trim_start_matches(['\'', '!', '^', '~']),
                        terms[1]
                    )
                } else {
                    terms.join(joint)
                };
                if !typing {
                    query.push(' ');
                }
                query
            })
    }

    fn unparsed<'a>(text: &'a str, title: Option<String>, name: &str) -> Unparsed<'a> {
        Unparsed {
            path: PathBuf::from(format!("dir/{name}.txt")),
            text,
            warnings: Vec::new(),
            metadata: Metadata {
                title,
                ..Metadata::default()
            },
            origin: Origin::default(),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Whenever the article parsed has a matching item, the test says yes.
        #[test]
        fn never_rejects_an_article_that_matches(
            pieces in text_strategy(),
            separators in prop::collection::vec(0..SEPARATORS.len(), 1..4),
            title in prop::option::of(text_strategy()),
            name in 0..WORDS.len(),
            query in query_strategy(),
            phrase_at in any::<prop::sample::Index>(),
        ) {
            let separators: Vec<&str> = separators.iter().map(|&s| SEPARATORS[s]).collect();
            let text = join(&pieces, &separators);
            // Often a phrase of the text, spaces and all (as a title shows it).
            let query = match pieces.len() {
                0 | 1 => query,
                n if query.len() % 2 == 0 => {
                    let at = phrase_at.index(n - 1);
                    format!("\"{} {}\" {query}", WORDS[pieces[at].0], WORDS[pieces[at + 1].0])
                }
                _ => query,
            };
            let title = title.map(|t| join(&t, &[" "]));
            let name = WORDS[name].replace(['/', '.'], "_");
            let query = Query::parse(&query);
            let matcher = Matcher::new(&query);
            let prefilter = Prefilter::new(&query);
            let article = unparsed(&text, title.clone(), &name).parse();
            let matched = search_articles(std::slice::from_ref(&article), &query, 0).total > 0;
            let said = prefilter.article_may_match(&matcher, &unparsed(&text, title, &name));
            prop_assert!(!matched || said, "{query:?} matched {text:?} but was rejected");
        }

        /// The answer on a text depends on its words, not on the spaces between them:
        /// two copies of a story give the same answer whatever their layout.
        #[test]
        fn the_same_words_give_the_same_answer(
            pieces in text_strategy(),
            one in prop::collection::vec(0..SEPARATORS.len(), 1..4),
            other in prop::collection::vec(0..SEPARATORS.len(), 1..4),
            query in query_strategy(),
        ) {
            let spaces = |picked: &[usize]| -> Vec<String> {
                picked
                    .iter()
                    .map(|&s| SEPARATORS[s].replace(char::is_whitespace, "") + " \n")
                    .collect()
            };
            let (one, other) = (spaces(&one), spaces(&other));
            let other: Vec<String> = other
                .iter()
                .zip(one.iter().cycle())
                .map(|(o, s)| s.trim_end().to_string() + &o[o.trim_end().len()..].replace(' ', "\u{a0}\t"))
                .collect();
            let text_one = join(&pieces, &one.iter().map(String::as_str).collect::<Vec<_>>());
            let text_other = join(&pieces, &other.iter().map(String::as_str).collect::<Vec<_>>());
            let prefilter = Prefilter::new(&Query::parse(&query));
            prop_assert_eq!(
                prefilter.text_may_match(&text_one),
                prefilter.text_may_match(&text_other)
            );
        }
    }

    #[test]
    fn long_words_are_told_wherever_they_are() {
        for len in [0, 1, 39, 40, 41, 95] {
            for before in ["", "a", "ab cd ", "x\n", &"word ".repeat(9)] {
                for after in ["", " z", "\tend of it"] {
                    let text = format!("{before}{}{after}", "w".repeat(len));
                    let longest = text
                        .split_ascii_whitespace()
                        .map(str::len)
                        .max()
                        .unwrap_or(0);
                    assert_eq!(has_word_of(text.as_bytes(), 40), longest >= 40, "{text:?}");
                }
            }
        }
    }

    #[test]
    fn a_rare_word_rules_out_texts_without_it() {
        let query = Query::parse("stoltnberg");
        let prefilter = Prefilter::new(&query);
        let matcher = Matcher::new(&query);
        let text = "Turkish soldiers were killed in Idlib, officials said.";
        assert!(!prefilter.article_may_match(&matcher, &unparsed(text, None, "a")));
        let text = "NATO's Jens Stoltenberg said so.";
        assert!(prefilter.article_may_match(&matcher, &unparsed(text, None, "a")));
        // The file name may be the title.
        assert!(prefilter.article_may_match(&matcher, &unparsed("", None, "stoltenberg")));
        // Negations alone match nearly everything.
        let query = Query::parse("!nato");
        let prefilter = Prefilter::new(&query);
        assert!(prefilter.text_may_match("Nothing here."));
    }

    /// The full search matches `query` in the article of `text`, and the test keeps it.
    fn assert_matched_and_kept(text: &str, query: &str) {
        let query = Query::parse(query);
        let article = unparsed(text, None, "f").parse();
        assert!(search_articles(std::slice::from_ref(&article), &query, 0).total > 0);
        let prefilter = Prefilter::new(&query);
        assert!(prefilter.article_may_match(&Matcher::new(&query), &unparsed(text, None, "f")));
    }

    #[test]
    fn a_text_that_folds_with_its_context_is_never_ruled_out() {
        // `Ã` and a no-break space are mojibake for `à` in the text, not in the title
        // (whose spaces are made plain): only the title has the word `tout`.
        let text = "Il est voilÃ\u{a0}tout.";
        assert_matched_and_kept(text, "tout ");
    }

    #[test]
    fn a_phrase_with_a_space_is_never_ruled_out() {
        // The title makes the line break a space.
        let text = "The  president\nspoke\n\nHe said so at length, and more.";
        assert_matched_and_kept(text, "\"the president spoke\"");
    }

    #[test]
    fn a_title_cut_inside_a_long_word_is_found_by_its_start() {
        let long = "a".repeat(40) + &"bcdefghijklmnopqrstuvwxyz0123456789".repeat(2);
        let text = format!("{long} went on and on.");
        let article = unparsed(&text, None, "f").parse();
        let title_word = article.title.trim_end_matches('…');
        assert!(long.starts_with(title_word) && title_word.len() < long.len());
        assert_matched_and_kept(&text, &format!("{title_word} "));
    }
}
