//! The query language: prose words by default, with fzf's operators.
//!
//! Terms are separated by spaces and must all match (AND), in any order:
//!
//! | term         | matches items that…                                          |
//! |--------------|--------------------------------------------------------------|
//! | `stoltenberg`| have the word, or one a typo or two away (see below)          |
//! | `'nato`      | contain `nato` exactly, anywhere (inside words too)          |
//! | `^russia`    | start with `russia`                                          |
//! | `said.$`     | end with `said.`                                             |
//! | `!turkey`    | do not contain `turkey` (`!'turkey`, `!^…`, `!…$` too)        |
//! | `a \| b`     | match `a` or `b` (also `a\|b`)                                |
//! | `~stlt`      | contain `s…t…l…t` in order, gaps allowed (fzf's fuzzy match) |
//!
//! A plain term is matched against the words of the text: the same word, or within a
//! typo for words of 5 letters or more, two for 9 or more (see [`super::word_pattern`]).
//! The last term of a query not followed by a space is the word being typed: it also
//! matches the start of longer words (`stolt` finds Stoltenberg). A plain term with
//! punctuation inside (`o'brien`, `u.s.`) is its words next to each other; one with no
//! letters or digits, or in a script written without spaces, is matched as text.
//!
//! A phrase with spaces is written in double quotes and is matched exactly:
//! `"33 Turkish"` (also `'"33 Turkish"`, `!"…"`, `^"…"`); a closing quote may be left
//! off while typing. `\ ` is a literal space inside a term (`'33\ Turkish`), `\|` a
//! literal bar.
//!
//! Smart case, per term: a term with an uppercase letter matches case-sensitively,
//! otherwise case is ignored. Accents never matter: `erdogan` finds `Erdoğan`.

use super::fold::{IGNORED, fold};
use super::word_pattern::typos_allowed;
use super::words::{is_unspaced_script, is_word_char, words};

/// How a term must occur in an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    /// Words of the text, typos allowed (the default).
    Word,
    /// The chars in order, gaps allowed, scored by the fuzzy matcher (`~term`).
    Subsequence,
    /// A contiguous substring.
    Exact,
    /// At the start of the item (leading spaces ignored).
    Prefix,
    /// At the end of the item (trailing spaces ignored).
    Suffix,
    /// The whole item (`^…$`).
    Whole,
}

/// What a plain term (no operator) is matched as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Words, with typos (see [`TermKind::Word`]).
    #[default]
    Prose,
    /// Chars in order, as fzf and the old lede did (see [`TermKind::Subsequence`]).
    Subsequence,
}

/// One term of a query, its text already folded (see [`super::fold`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub kind: TermKind,
    /// Folded text; for case-insensitive terms, ASCII-lowercased too.
    pub text: String,
    pub negated: bool,
    pub case_sensitive: bool,
    /// A word term being typed (the query's last, no space after it): its last word
    /// may be the start of a longer word.
    pub completes: bool,
}

/// Terms of which any one must hold (`a | b`); most clauses have one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Clause {
    pub alternatives: Vec<Term>,
}

/// A parsed query: the clauses that must all hold.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub clauses: Vec<Clause>,
}

/// A piece of a query as split: a term's raw text, or `|`.
#[derive(Debug, PartialEq, Eq)]
enum Token {
    Term(String),
    Or,
}

impl Query {
    /// Parses a query in prose mode. Never fails: stray operators (`'`, `!`, `^`, `|`)
    /// with nothing after them are ignored, so a half-typed query is always usable.
    pub fn parse(input: &str) -> Query {
        Query::parse_with(input, Mode::Prose)
    }

    /// Parses a query, plain terms being matched as `mode` says.
    pub fn parse_with(input: &str, mode: Mode) -> Query {
        let mut clauses: Vec<Clause> = Vec::new();
        let mut joined = false;
        for token in split_terms(input) {
            match token {
                Token::Or => joined = !clauses.is_empty(),
                Token::Term(raw) => {
                    let Some(term) = parse_term(&raw, mode) else {
                        continue;
                    };
                    match clauses.last_mut() {
                        Some(clause) if joined => clause.alternatives.push(term),
                        _ => clauses.push(Clause {
                            alternatives: vec![term],
                        }),
                    }
                    joined = false;
                }
            }
        }
        // The last term is being typed unless a space (or `|`) follows it.
        let typing = !input.ends_with(|c: char| c.is_whitespace() || c == '|');
        if typing
            && let Some(last) = clauses.last_mut().and_then(|c| c.alternatives.last_mut())
            && last.kind == TermKind::Word
            && last.text.ends_with(is_word_char)
        {
            last.completes = true;
        }
        Query { clauses }
    }

    /// True when the query has no term, so nothing is searched.
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// Every term of the query, clause by clause.
    pub fn terms(&self) -> impl Iterator<Item = &Term> {
        self.clauses.iter().flat_map(|c| c.alternatives.iter())
    }

    /// True when every item matching `self` also matches `previous`, so that `self`
    /// need only be tried on `previous`'s matches (typing more of a query).
    pub fn refines(&self, previous: &Query) -> bool {
        previous
            .clauses
            .iter()
            .all(|old| self.clauses.iter().any(|new| new.implies(old)))
    }
}

impl Clause {
    /// True when an item satisfying `self` surely satisfies `other`.
    fn implies(&self, other: &Clause) -> bool {
        self.alternatives
            .iter()
            .all(|new| other.alternatives.iter().any(|old| new.implies(old)))
    }
}

impl Term {
    /// True when an item matching `self` surely matches `other`.
    fn implies(&self, other: &Term) -> bool {
        if self.negated || other.negated {
            return self == other;
        }
        // A case-sensitive match is also a case-insensitive one, not the other way.
        if other.case_sensitive && !self.case_sensitive {
            return false;
        }
        let lowered = self.text.to_ascii_lowercase();
        let mine = if other.case_sensitive {
            &self.text
        } else {
            &lowered
        };
        let extends = mine.starts_with(&other.text);
        let same_text = extends && self.text.len() == other.text.len();
        use TermKind::*;
        match (other.kind, self.kind) {
            (Word, Word) => word_term_implies(mine, self.completes, other),
            // A word term promises its words (perhaps with typos), not its other chars.
            (_, Word) => false,
            (Subsequence, _) | (Exact, Exact | Prefix | Suffix | Whole) => extends,
            (Prefix, Prefix | Whole) => extends,
            (Suffix, Suffix) => same_text,
            (Suffix, Whole) | (Whole, Whole) => same_text,
            _ => false,
        }
    }
}

/// Whether the words matching a word term of text `text` (compared as `old` compares)
/// all match `old`: the same words but the last, which may have been typed further as
/// long as `old` was still being typed and allows as many typos.
fn word_term_implies(text: &str, completes: bool, old: &Term) -> bool {
    let new_words: Vec<&str> = words(text).map(|r| &text[r]).collect();
    let old_words: Vec<&str> = words(&old.text).map(|r| &old.text[r]).collect();
    if new_words.len() != old_words.len() {
        return false;
    }
    let last = new_words.len().saturating_sub(1);
    new_words
        .iter()
        .zip(&old_words)
        .enumerate()
        .all(|(i, (new, old_word))| {
            let old_completes = old.completes && i == last;
            let new_completes = completes && i == last;
            let same_typos = word_typos(new) == word_typos(old_word);
            if old_completes {
                same_typos && new.starts_with(old_word)
            } else {
                new == old_word && !new_completes
            }
        })
}

/// The typos a word of a query allows (see [`super::word_pattern`]).
pub fn word_typos(word: &str) -> u8 {
    if word.bytes().any(|b| b.is_ascii_digit()) {
        0
    } else {
        typos_allowed(word.chars().count())
    }
}

/// Splits on unescaped spaces outside double quotes (`\ ` becomes a space) and on `|`
/// (`\|` is a literal bar).
fn split_terms(input: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let mut in_quotes = false;
    let mut chars = input.chars().peekable();
    let end_term = |current: &mut String, tokens: &mut Vec<Token>| {
        if !current.is_empty() {
            tokens.push(Token::Term(std::mem::take(current)));
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '\\' if matches!(chars.peek(), Some(' ' | '|')) => {
                current.extend(chars.next());
            }
            '"' => {
                in_quotes = !in_quotes;
                current.push('"');
            }
            '|' if !in_quotes => {
                end_term(&mut current, &mut tokens);
                tokens.push(Token::Or);
            }
            c if c.is_whitespace() && !in_quotes => end_term(&mut current, &mut tokens),
            c => current.push(c),
        }
    }
    end_term(&mut current, &mut tokens);
    tokens
}

fn parse_term(raw: &str, mode: Mode) -> Option<Term> {
    let mut rest = raw;
    let negated = rest.starts_with('!');
    if negated {
        rest = &rest[1..];
    }
    let mut kind = match mode {
        Mode::Prose => TermKind::Word,
        Mode::Subsequence => TermKind::Subsequence,
    };
    if let Some(r) = rest.strip_prefix('~') {
        kind = TermKind::Subsequence;
        rest = r;
    } else if let Some(r) = rest.strip_prefix('\'') {
        kind = TermKind::Exact;
        rest = r;
    }
    let anchored_start = rest.starts_with('^');
    if anchored_start {
        rest = &rest[1..];
    }
    // `$` anchors only outside a phrase's quotes (or after its closing quote).
    let anchored_end = rest.len() > 1 && rest.ends_with('$') && !rest.ends_with("\\$");
    if anchored_end {
        rest = &rest[..rest.len() - 1];
    }
    let quoted = rest.starts_with('"');
    if quoted {
        rest = rest[1..].strip_suffix('"').unwrap_or(&rest[1..]);
    }
    kind = match (anchored_start, anchored_end) {
        (true, true) => TermKind::Whole,
        (true, false) => TermKind::Prefix,
        (false, true) => TermKind::Suffix,
        (false, false) if quoted || negated => TermKind::Exact,
        (false, false) => kind,
    };
    // `\$` is a literal dollar at the end of a term.
    let text = rest.replace("\\$", "$");
    if text.is_empty() {
        return None;
    }
    // Marks that fold to `IGNORED` are left out of a query, as out of words.
    let folded: String = fold(&text).chars().filter(|&c| c != IGNORED).collect();
    if folded.is_empty() {
        return None;
    }
    // Words are what a word term looks for: with none (only punctuation), or in a
    // script that has no spaces between words, the term is looked for as text.
    if kind == TermKind::Word
        && (!folded.chars().any(is_word_char) || folded.chars().any(is_unspaced_script))
    {
        kind = TermKind::Exact;
    }
    let case_sensitive = folded.chars().any(|c| c.is_ascii_uppercase());
    let text = if case_sensitive {
        folded
    } else {
        folded.to_ascii_lowercase()
    };
    Some(Term {
        kind,
        text,
        negated,
        case_sensitive,
        completes: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use TermKind::*;

    fn term(kind: TermKind, text: &str, negated: bool, case_sensitive: bool) -> Term {
        Term {
            kind,
            text: text.to_string(),
            negated,
            case_sensitive,
            completes: false,
        }
    }

    fn typing(mut t: Term) -> Term {
        t.completes = true;
        t
    }

    fn terms(input: &str) -> Vec<Term> {
        Query::parse(input).terms().cloned().collect()
    }

    #[test]
    fn parses_each_term_kind() {
        let cases: &[(&str, Vec<Term>)] = &[
            ("stolt", vec![typing(term(Word, "stolt", false, false))]),
            ("stolt ", vec![term(Word, "stolt", false, false)]),
            ("~stolt", vec![term(Subsequence, "stolt", false, false)]),
            ("'nato", vec![term(Exact, "nato", false, false)]),
            ("^russia", vec![term(Prefix, "russia", false, false)]),
            ("said.$", vec![term(Suffix, "said.", false, false)]),
            ("^whole$", vec![term(Whole, "whole", false, false)]),
            ("!turkey", vec![term(Exact, "turkey", true, false)]),
            ("!^the", vec![term(Prefix, "the", true, false)]),
            (
                "a 'b  !c",
                vec![
                    term(Word, "a", false, false),
                    term(Exact, "b", false, false),
                    term(Exact, "c", true, false),
                ],
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(&terms(input), expected, "{input}");
        }
    }

    #[test]
    fn punctuation_and_unspaced_scripts_are_matched_as_text() {
        assert_eq!(terms("... "), vec![term(Exact, "...", false, false)]);
        assert_eq!(terms("$"), vec![term(Exact, "$", false, false)]);
        assert_eq!(terms("日本"), vec![term(Exact, "日本", false, false)]);
        // Words with punctuation inside stay word terms (their words side by side).
        assert_eq!(terms("o'brien "), vec![term(Word, "o'brien", false, false)]);
        // Trailing punctuation: the word is finished.
        assert_eq!(terms("nato,"), vec![term(Word, "nato,", false, false)]);
    }

    #[test]
    fn bars_join_alternatives() {
        let q = Query::parse("putin | erdogan|assad nato");
        assert_eq!(q.clauses.len(), 2);
        let texts: Vec<&str> = q.clauses[0]
            .alternatives
            .iter()
            .map(|t| t.text.as_str())
            .collect();
        assert_eq!(texts, vec!["putin", "erdogan", "assad"]);
        assert_eq!(Query::parse("| a |").clauses.len(), 1);
        assert_eq!(Query::parse("||").clauses.len(), 0);
        assert_eq!(terms("'a\\|b"), vec![term(Exact, "a|b", false, false)]);
        assert_eq!(terms("\"a | b\""), vec![term(Exact, "a | b", false, false)]);
    }

    #[test]
    fn subsequence_mode_makes_plain_terms_fuzzy() {
        let q = Query::parse_with("stlt 'nato", Mode::Subsequence);
        let kinds: Vec<TermKind> = q.terms().map(|t| t.kind).collect();
        assert_eq!(kinds, vec![Subsequence, Exact]);
    }

    #[test]
    fn phrases_in_double_quotes_or_with_escaped_spaces() {
        let phrase = vec![term(Exact, "33 turkish", false, false)];
        for input in [
            "\"33 turkish\"",
            "'\"33 turkish\"",
            "'33\\ turkish",
            "\"33 turkish",
        ] {
            assert_eq!(terms(input), phrase, "{input}");
        }
        assert_eq!(
            terms("^\"the war\"$"),
            vec![term(Whole, "the war", false, false)]
        );
    }

    #[test]
    fn smart_case_is_per_term_and_accents_fold() {
        assert_eq!(
            terms("NATO erdoğan Erdoğan "),
            vec![
                term(Word, "NATO", false, true),
                term(Word, "erdogan", false, false),
                term(Word, "Erdogan", false, true),
            ]
        );
    }

    #[test]
    fn stray_operators_are_ignored() {
        for input in ["", "   ", "'", "!", "^", "!'", "\"\"", "$", "~", "|"] {
            let q = Query::parse(input);
            assert!(q.terms().all(|t| !t.text.is_empty()), "{input}");
        }
        assert!(Query::parse("'").is_empty());
        assert!(Query::parse("~").is_empty());
    }

    #[test]
    fn refinement_when_typing_more() {
        let refines = |new: &str, old: &str| Query::parse(new).refines(&Query::parse(old));
        assert!(refines("stol", "sto"));
        assert!(refines("stolte", "stolt"));
        assert!(refines("sto n", "sto"));
        assert!(refines("nato ", "nato"));
        assert!(refines("nato,", "nato"));
        assert!(refines("Nato", "nat"));
        assert!(refines("sto !x", "sto"));
        assert!(refines("anything", ""));
        assert!(refines("~stol", "~sto"));
        assert!(refines("'nato", "'nat"));
        assert!(refines("^rus", "^ru"));
        // The fifth letter allows a typo: more words may match than before.
        assert!(!refines("stolt", "stol"));
        assert!(!refines("stoltenbe", "stoltenb"));
        assert!(refines("stoltenber", "stoltenbe"));
        // A finished word matches no longer words.
        assert!(!refines("natos", "nato "));
        assert!(!refines("sto", "stol"));
        assert!(!refines("nat", "Nat"));
        assert!(!refines("!turk", "!tur"));
        assert!(!refines("ab$c", "ab$"));
        assert!(!refines("ru", "^ru"));
        assert!(!refines("'nato", "nat"));
        // A word term does not promise the chars around its words, nor letters in order
        // (it allows typos).
        assert!(!refines("~x \u{fffd}u", "~x ~\u{fffd}"));
        assert!(!refines("stoltxnberg", "~stolt"));
        // An alternative added matches more.
        assert!(!refines("nato | russia", "nato"));
        assert!(refines("nato ", "nato | russia"));
    }
}
