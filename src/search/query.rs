//! The query language, fzf-style.
//!
//! Terms are separated by spaces and must all match (AND):
//!
//! | term       | matches items that…                                   |
//! |------------|-------------------------------------------------------|
//! | `stolt`    | contain `s…t…o…l…t` in order (fuzzy)                   |
//! | `'nato`    | contain `nato` exactly                                |
//! | `^russia`  | start with `russia`                                   |
//! | `said.$`   | end with `said.`                                      |
//! | `!turkey`  | do not contain `turkey` (`!'turkey`, `!^…`, `!…$` too) |
//!
//! A phrase with spaces is written in double quotes and is matched exactly:
//! `"33 Turkish"` (also `'"33 Turkish"`, `!"…"`, `^"…"`); a closing quote may be left
//! off while typing. `\ ` is a literal space inside a term (`'33\ Turkish`).
//!
//! Smart case, per term: a term with an uppercase letter matches case-sensitively,
//! otherwise case is ignored. Accents never matter: `erdogan` finds `Erdoğan`.

use super::fold::fold;

/// How a term must occur in an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    /// The chars in order, gaps allowed; scored by the fuzzy matcher.
    Fuzzy,
    /// A contiguous substring.
    Exact,
    /// At the start of the item (leading spaces ignored).
    Prefix,
    /// At the end of the item (trailing spaces ignored).
    Suffix,
    /// The whole item (`^…$`).
    Whole,
}

/// One term of a query, its text already folded (see [`super::fold`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub kind: TermKind,
    /// Folded text; for case-insensitive terms, ASCII-lowercased too.
    pub text: String,
    pub negated: bool,
    pub case_sensitive: bool,
}

/// A parsed query: the terms that must all hold.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub terms: Vec<Term>,
}

impl Query {
    /// Parses a query. Never fails: stray operators (`'`, `!`, `^`) with nothing after
    /// them are ignored, so a half-typed query is always usable.
    pub fn parse(input: &str) -> Query {
        let terms = split_terms(input)
            .into_iter()
            .filter_map(|raw| parse_term(&raw))
            .collect();
        Query { terms }
    }

    /// True when the query has no term, so nothing is searched.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// True when every item matching `self` also matches `previous`, so that `self`
    /// need only be tried on `previous`'s matches (typing more of a query).
    pub fn refines(&self, previous: &Query) -> bool {
        previous
            .terms
            .iter()
            .all(|old| self.terms.iter().any(|new| new.implies(old)))
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
        let extends = if other.case_sensitive {
            self.text.starts_with(&other.text)
        } else {
            self.text.to_ascii_lowercase().starts_with(&other.text)
        };
        let same_text = extends && self.text.len() == other.text.len();
        use TermKind::*;
        match (other.kind, self.kind) {
            (Fuzzy, _) | (Exact, Exact | Prefix | Suffix | Whole) => extends,
            (Prefix, Prefix | Whole) => extends,
            (Suffix, Suffix) => same_text,
            (Suffix, Whole) | (Whole, Whole) => same_text,
            _ => false,
        }
    }
}

/// Splits on unescaped spaces outside double quotes; `\ ` becomes a space.
fn split_terms(input: &str) -> Vec<String> {
    let mut terms = Vec::new();
    let mut current = String::new();
    let mut in_quotes = false;
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&' ') => {
                current.push(' ');
                chars.next();
            }
            '"' => {
                in_quotes = !in_quotes;
                current.push('"');
            }
            c if c.is_whitespace() && !in_quotes => {
                if !current.is_empty() {
                    terms.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        terms.push(current);
    }
    terms
}

fn parse_term(raw: &str) -> Option<Term> {
    let mut rest = raw;
    let negated = rest.starts_with('!');
    if negated {
        rest = &rest[1..];
    }
    let mut kind = TermKind::Fuzzy;
    if let Some(r) = rest.strip_prefix('\'') {
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
    let folded = fold(&text);
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
        }
    }

    #[test]
    fn parses_each_term_kind() {
        let cases: &[(&str, Vec<Term>)] = &[
            ("stolt", vec![term(Fuzzy, "stolt", false, false)]),
            ("'nato", vec![term(Exact, "nato", false, false)]),
            ("^russia", vec![term(Prefix, "russia", false, false)]),
            ("said.$", vec![term(Suffix, "said.", false, false)]),
            ("^whole$", vec![term(Whole, "whole", false, false)]),
            ("!turkey", vec![term(Exact, "turkey", true, false)]),
            ("!^the", vec![term(Prefix, "the", true, false)]),
            (
                "a 'b  !c",
                vec![
                    term(Fuzzy, "a", false, false),
                    term(Exact, "b", false, false),
                    term(Exact, "c", true, false),
                ],
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(&Query::parse(input).terms, expected, "{input}");
        }
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
            assert_eq!(Query::parse(input).terms, phrase, "{input}");
        }
        assert_eq!(
            Query::parse("^\"the war\"$").terms,
            vec![term(Whole, "the war", false, false)]
        );
    }

    #[test]
    fn smart_case_is_per_term_and_accents_fold() {
        let q = Query::parse("NATO erdoğan Erdoğan");
        assert_eq!(
            q.terms,
            vec![
                term(Fuzzy, "NATO", false, true),
                term(Fuzzy, "erdogan", false, false),
                term(Fuzzy, "Erdogan", false, true),
            ]
        );
    }

    #[test]
    fn stray_operators_are_ignored() {
        for input in ["", "   ", "'", "!", "^", "!'", "\"\"", "$"] {
            let q = Query::parse(input);
            assert!(q.terms.iter().all(|t| !t.text.is_empty()), "{input}");
        }
        assert!(Query::parse("'").is_empty());
        assert_eq!(
            Query::parse("$").terms,
            vec![term(Fuzzy, "$", false, false)]
        );
    }

    #[test]
    fn refinement_when_typing_more() {
        let refines = |new: &str, old: &str| Query::parse(new).refines(&Query::parse(old));
        assert!(refines("stol", "sto"));
        assert!(refines("sto n", "sto"));
        assert!(refines("'nato", "nat"));
        assert!(refines("^rus", "^ru"));
        assert!(refines("Nato", "nat"));
        assert!(refines("sto !x", "sto"));
        assert!(refines("anything", ""));
        assert!(!refines("sto", "stol"));
        assert!(!refines("nat", "Nat"));
        assert!(!refines("!turk", "!tur"));
        assert!(!refines("ab$c", "ab$"));
        assert!(!refines("ru", "^ru"));
    }
}
