//! Matching one literal or `~` term against one item's folded text: a cheap prefilter
//! first (bytes, memchr), the fuzzy matcher only on the part of the text that can hold
//! the match. (Word terms are matched word by word: see [`super::matcher`].)

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem;

use super::index::char_bag;
use super::query::{Term, TermKind};

/// How many occurrences of an exact term are scored to pick the best one.
const EXACT_OCCURRENCES_SCORED: usize = 4;

/// A term ready to be matched many times.
pub struct CompiledTerm {
    pub term: Term,
    /// Letters and digits every matching item must contain (negated terms: 0).
    pub bag: u32,
    matcher: SkimMatcherV2,
}

impl CompiledTerm {
    pub fn new(term: Term) -> CompiledTerm {
        let matcher = if term.case_sensitive {
            SkimMatcherV2::default().respect_case()
        } else {
            SkimMatcherV2::default().ignore_case()
        };
        let bag = if term.negated {
            0
        } else {
            char_bag(&term.text)
        };
        CompiledTerm { term, bag, matcher }
    }

    /// Whether `text` satisfies the term (a negated term: does not contain it), and the
    /// fuzzy matcher's (skim's) score for its best occurrence.
    pub fn score(&self, text: &str) -> Option<i64> {
        let pattern = self.term.text.as_str();
        if self.term.kind == TermKind::Subsequence && !self.term.negated {
            let window = fuzzy_window(text, pattern, self.term.case_sensitive)?;
            return self.matcher.fuzzy_match(&text[window], pattern);
        }
        let best = self
            .literal_occurrences(text)
            .map(|at| self.literal_score(text, at))
            .max();
        self.verdict(best)
    }

    fn verdict(&self, best: Option<i64>) -> Option<i64> {
        if self.term.negated {
            best.is_none().then_some(0)
        } else {
            best
        }
    }

    /// Char indices of the matched chars in `text` (empty for negated terms).
    pub fn positions(&self, text: &str) -> Vec<usize> {
        if self.term.negated {
            return Vec::new();
        }
        if self.term.kind == TermKind::Subsequence {
            return self
                .matcher
                .fuzzy_indices(text, &self.term.text)
                .map(|(_, positions)| positions)
                .unwrap_or_default();
        }
        let best = self
            .literal_occurrences(text)
            .map(|at| (self.literal_score(text, at), std::cmp::Reverse(at)))
            .max();
        match best {
            Some((_, std::cmp::Reverse(start))) => {
                let first = text.get(..start).map_or(0, |t| t.chars().count());
                (first..first + self.term.text.chars().count()).collect()
            }
            None => Vec::new(),
        }
    }

    /// Byte offsets where a literal (exact or anchored) term occurs: the first few for
    /// exact terms, the one allowed place for anchored ones.
    fn literal_occurrences<'t>(&'t self, text: &'t str) -> impl Iterator<Item = usize> + 't {
        let pattern = self.term.text.as_str();
        let case_sensitive = self.term.case_sensitive;
        let anchored = match self.term.kind {
            TermKind::Prefix | TermKind::Suffix | TermKind::Whole => {
                let trimmed = text.trim();
                let offset = trimmed.as_ptr() as usize - text.as_ptr() as usize;
                let at = match self.term.kind {
                    TermKind::Prefix => Some(0),
                    _ => trimmed.len().checked_sub(pattern.len()),
                };
                let whole_ok = self.term.kind != TermKind::Whole || trimmed.len() == pattern.len();
                at.filter(|&at| {
                    whole_ok
                        && trimmed
                            .get(at..at + pattern.len())
                            .is_some_and(|part| literal_eq(part, pattern, case_sensitive))
                })
                .map(|at| offset + at)
            }
            _ => None,
        };
        let exact = self.term.kind == TermKind::Exact;
        let mut from = 0;
        let mut found = 0;
        let occurrences = std::iter::from_fn(move || {
            if !exact || found == EXACT_OCCURRENCES_SCORED {
                return None;
            }
            let at = find_literal(text, pattern, from, case_sensitive)?;
            from = at + next_char_len(text, at);
            found += 1;
            Some(at)
        });
        anchored.into_iter().chain(occurrences)
    }

    /// The fuzzy matcher's score for the occurrence of the pattern at byte `at`, so
    /// literal and fuzzy terms score on one scale.
    fn literal_score(&self, text: &str, at: usize) -> i64 {
        let start = previous_char_start(text, at);
        let end = at + self.term.text.len();
        text.get(start..end)
            .and_then(|window| self.matcher.fuzzy_match(window, &self.term.text))
            .unwrap_or(0)
    }
}

/// The byte range of `text` the fuzzy match of `pattern` must lie in: from the char
/// before the first char of the first greedy match (its kind decides the bonus) to the
/// last occurrence of the pattern's last char; `None` if `pattern` is no subsequence.
///
/// The skim scorer gives no weight to text before or after the match, so scoring the
/// window gives the same score as scoring the whole item (a test checks this).
pub fn fuzzy_window(
    text: &str,
    pattern: &str,
    case_sensitive: bool,
) -> Option<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut chars = pattern.chars();
    let first = chars.next()?;
    let start = find_char(bytes, first, 0, case_sensitive)?;
    let mut from = start + first.len_utf8();
    let mut last = first;
    for c in chars {
        from = find_char(bytes, c, from, case_sensitive)? + c.len_utf8();
        last = c;
    }
    let end = rfind_char(bytes, last, from - last.len_utf8(), case_sensitive)? + last.len_utf8();
    Some(previous_char_start(text, start)..end)
}

/// The first occurrence of `c` at or after byte `from`.
#[inline]
fn find_char(bytes: &[u8], c: char, from: usize, case_sensitive: bool) -> Option<usize> {
    let hay = bytes.get(from..)?;
    let found = if c.is_ascii() {
        let b = c as u8;
        if !case_sensitive && b.is_ascii_alphabetic() {
            memchr::memchr2(b.to_ascii_lowercase(), b.to_ascii_uppercase(), hay)
        } else {
            memchr::memchr(b, hay)
        }
    } else {
        let mut buf = [0u8; 4];
        memmem::find(hay, c.encode_utf8(&mut buf).as_bytes())
    };
    found.map(|i| from + i)
}

/// The last occurrence of `c` starting at or after byte `from`.
#[inline]
fn rfind_char(bytes: &[u8], c: char, from: usize, case_sensitive: bool) -> Option<usize> {
    let hay = bytes.get(from..)?;
    let found = if c.is_ascii() {
        let b = c as u8;
        if !case_sensitive && b.is_ascii_alphabetic() {
            memchr::memrchr2(b.to_ascii_lowercase(), b.to_ascii_uppercase(), hay)
        } else {
            memchr::memrchr(b, hay)
        }
    } else {
        let mut buf = [0u8; 4];
        memmem::rfind(hay, c.encode_utf8(&mut buf).as_bytes())
    };
    found.map(|i| from + i)
}

/// The first occurrence of `pattern` in `text` at or after byte `from`.
pub(super) fn find_literal(
    text: &str,
    pattern: &str,
    from: usize,
    case_sensitive: bool,
) -> Option<usize> {
    let bytes = text.as_bytes();
    let first = pattern.chars().next()?;
    if case_sensitive {
        return memmem::find(bytes.get(from..)?, pattern.as_bytes()).map(|i| from + i);
    }
    let mut at = from;
    loop {
        let candidate = find_char(bytes, first, at, false)?;
        let end = candidate + pattern.len();
        if let Some(part) = bytes.get(candidate..end)
            && part.eq_ignore_ascii_case(pattern.as_bytes())
        {
            return Some(candidate);
        }
        at = candidate + 1;
    }
}

fn literal_eq(part: &str, pattern: &str, case_sensitive: bool) -> bool {
    if case_sensitive {
        part == pattern
    } else {
        part.eq_ignore_ascii_case(pattern)
    }
}

/// The start of the char before byte `at` (or 0).
fn previous_char_start(text: &str, at: usize) -> usize {
    let mut start = at.min(text.len());
    if start == 0 {
        return 0;
    }
    start -= 1;
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    start
}

fn next_char_len(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|t| t.chars().next())
        .map_or(1, char::len_utf8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::Query;

    fn compiled(query: &str) -> CompiledTerm {
        CompiledTerm::new(Query::parse(query).terms().next().unwrap().clone())
    }

    #[test]
    fn window_scores_like_the_whole_text() {
        let matcher = SkimMatcherV2::default().ignore_case();
        let texts = [
            "The secretary-general of NATO, Jens Stoltenberg, thanked Turkey",
            "stoltenberg",
            "xStolt en berg said Stoltenberg",
            "Ağ  ßtolte: nberg (stol) tenberg.",
            "sss ttt ooo lll",
        ];
        let patterns = ["stoltenberg", "s", "st", "stol", "tb", "ol t", "g"];
        for text in texts {
            for pattern in patterns {
                let whole = matcher.fuzzy_match(text, pattern);
                let windowed = fuzzy_window(text, pattern, false)
                    .and_then(|w| matcher.fuzzy_match(&text[w], pattern));
                assert_eq!(whole, windowed, "{pattern:?} in {text:?}");
            }
        }
    }

    #[test]
    fn fuzzy_exact_and_anchored_terms() {
        let text = "Jens Stoltenberg told reporters.";
        assert!(compiled("~stoltnberg").score(text).is_some());
        assert!(compiled("'stoltnberg").score(text).is_none());
        assert!(compiled("'toltenb").score(text).is_some());
        assert!(compiled("^jens").score(text).is_some());
        assert!(compiled("^stolt").score(text).is_none());
        assert!(compiled("reporters.$").score(text).is_some());
        assert!(compiled("jens$").score(text).is_none());
        assert!(
            compiled("^\"jens stoltenberg told reporters.\"$")
                .score(text)
                .is_some()
        );
        assert!(compiled("!nato").score(text).is_some());
        assert!(compiled("!jens").score(text).is_none());
    }

    #[test]
    fn smart_case() {
        let text = "NATO and nato";
        assert!(compiled("'NATO").score("nato only").is_none());
        assert!(compiled("'NATO").score(text).is_some());
        assert!(compiled("'nato").score("NATO only").is_some());
    }

    #[test]
    fn positions_are_char_indices() {
        let text = "Ağrı Erdogan";
        assert_eq!(compiled("'erdo").positions(text), vec![5, 6, 7, 8]);
        assert_eq!(compiled("~erdo").positions(text), vec![5, 6, 7, 8]);
        assert!(compiled("!erdo").positions(text).is_empty());
    }

    #[test]
    fn never_panics_on_odd_text() {
        let texts = ["", " ", "ğ", "日本語のテキスト", "a\u{301}b", "   ^$'!\""];
        let queries = ["ğ", "日本", "'語の", "^日", "テキスト$", "^ $", "!a", "a"];
        for text in texts {
            for query in queries {
                for term in Query::parse(query).terms() {
                    let term = CompiledTerm::new(term.clone());
                    let _ = term.score(text);
                    let _ = term.positions(text);
                }
            }
        }
    }
}
