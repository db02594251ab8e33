//! One word of a query against one word of text: the same word, the start of a longer
//! word (for the word being typed), or the same word with a few typos.
//!
//! Typos allowed grow with the length of the query word, as text search engines do: none
//! up to 4 chars, one from 5, two from 9. A typo is a char inserted, left out, replaced,
//! or two neighbours swapped; the first char must be right (people rarely get it wrong,
//! and allowing it makes short words match many others). Words with digits allow none.

use std::borrow::Cow;

use super::fold::IGNORED;
use super::words::{ascii_pair_positions, without_ignored, word_starting_at, words};

/// How a word matched, as a cost: lower is better. The best is [`EXACT`], then
/// [`COMPLETION`]; each typo adds 2 (a completion with one typo costs 3).
pub type Cost = u8;

/// The word itself.
pub const EXACT: Cost = 0;
/// The start of a longer word.
pub const COMPLETION: Cost = 1;

/// How many typos a match of cost `cost` has (a completion is no typo).
pub fn typos_in(cost: Cost) -> u8 {
    cost / 2
}

/// The typos allowed in a query word of `chars` chars.
pub fn typos_allowed(chars: usize) -> u8 {
    match chars {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// Letters so frequent in text that [`WordPattern::each_match`] finds them eight bytes at
/// a time ([`ascii_pair_positions`]) rather than with a memchr call per occurrence.
const COMMON_FIRST_LETTERS: &[u8] = b"etaoinshrdl";

/// A query word, ready to be compared with many words of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordPattern {
    /// Folded; ASCII-lowercased unless the pattern is case-sensitive.
    text: String,
    /// `text` as chars, for comparing with words that are not ASCII.
    chars: Vec<char>,
    case_sensitive: bool,
    typos: u8,
    /// May match the start of a longer word.
    prefix: bool,
    /// The ASCII letters and digits of `text` (see [`letter_set`]).
    letters: u64,
}

/// A bit for each ASCII letter (as given: lowercase them first to ignore case) and digit
/// in `bytes`.
fn letter_set(bytes: impl Iterator<Item = u8>) -> u64 {
    bytes.fold(0, |set, b| match b {
        b'a'..=b'z' => set | 1 << (b - b'a'),
        b'A'..=b'Z' => set | 1 << (26 + b - b'A'),
        b'0'..=b'9' => set | 1 << (52 + b - b'0'),
        _ => set,
    })
}

impl WordPattern {
    /// `text` is one word, folded (see [`super::fold`]) and, unless `case_sensitive`,
    /// ASCII-lowercased.
    pub fn new(text: &str, case_sensitive: bool, prefix: bool) -> WordPattern {
        let chars: Vec<char> = text.chars().collect();
        let typos = if text.bytes().any(|b| b.is_ascii_digit()) {
            0
        } else {
            typos_allowed(chars.len())
        };
        WordPattern {
            text: text.to_string(),
            chars,
            case_sensitive,
            typos,
            prefix,
            letters: letter_set(text.bytes()),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_prefix(&self) -> bool {
        self.prefix
    }

    pub fn typos(&self) -> u8 {
        self.typos
    }

    pub fn is_case_sensitive(&self) -> bool {
        self.case_sensitive
    }

    /// The first byte every matching word starts with (case aside), for quick tests.
    pub fn first_byte(&self) -> u8 {
        self.text.as_bytes().first().copied().unwrap_or(0)
    }

    /// Whether a word of `text` (folded) matches (see [`WordPattern::best_in`]).
    pub fn occurs_in(&self, text: &str) -> bool {
        let mut found = false;
        self.each_match(text, |_| {
            found = true;
            true
        });
        found
    }

    /// The best match among the words of `text` (folded). Only the words starting with
    /// the pattern's first char are compared (found with memchr, the rest skipped).
    pub fn best_in(&self, text: &str) -> Option<Cost> {
        let mut best: Option<Cost> = None;
        self.each_match(text, |cost| {
            best = Some(best.map_or(cost, |b| b.min(cost)));
            cost == EXACT
        });
        best
    }

    /// Calls `found(cost)` for matching words of `text` until it returns true.
    fn each_match(&self, text: &str, mut found: impl FnMut(Cost) -> bool) {
        let first = self.first_byte();
        // A word may start with ignored chars (they fold to `U+FFFF`, bytes EF BF BF):
        // then every word is looked at.
        let ignored_inside =
            memchr::memchr(0xEF, text.as_bytes()).is_some() && text.contains(IGNORED);
        let bytes = text.as_bytes();
        // What the first bytes of a matching word are, checked before the word is found
        // (most words that start right are too short, or go on wrong; see
        // `cost_of_word`): without typos, the pattern's bytes; else word bytes, as many
        // as a match has chars at least.
        let pattern = self.text.as_bytes();
        let shortest = match self.typos {
            0 => pattern.len(),
            typos => self.chars.len().saturating_sub(usize::from(typos)),
        };
        let starts_right = |start: &[u8]| match self.typos {
            0 => start.iter().zip(pattern).all(|(&b, &p)| self.unit(b) == p),
            _ => start
                .iter()
                .all(|&b| b >= 0x80 || b.is_ascii_alphanumeric()),
        };
        let mut try_at = |at: usize| {
            // Most occurrences are inside a word: told by the byte before, at once.
            if at > 0 && bytes[at - 1].is_ascii_alphanumeric() {
                return false;
            }
            // Most words that start right are too short, or go on wrong: told without
            // finding them.
            if !bytes.get(at..at + shortest).is_some_and(starts_right) {
                return false;
            }
            word_starting_at(text, at)
                .and_then(|word| self.cost(&text[word]))
                .is_some_and(&mut found)
        };
        if !first.is_ascii() || ignored_inside {
            for word in words(text) {
                if self.cost(&text[word.clone()]).is_some_and(&mut found) {
                    return;
                }
            }
        } else if self.case_sensitive || !first.is_ascii_alphabetic() {
            for at in memchr::memchr_iter(first, text.as_bytes()) {
                if try_at(at) {
                    return;
                }
            }
        } else if COMMON_FIRST_LETTERS.contains(&first) {
            let upper = first.to_ascii_uppercase();
            for at in ascii_pair_positions(text, first, upper) {
                if try_at(at) {
                    return;
                }
            }
        } else {
            let upper = first.to_ascii_uppercase();
            for at in memchr::memchr2_iter(first, upper, text.as_bytes()) {
                if try_at(at) {
                    return;
                }
            }
        }
    }

    /// How `word` (folded text, one word) matches, or `None`.
    #[inline]
    pub fn cost(&self, word: &str) -> Option<Cost> {
        match without_ignored(word) {
            Cow::Borrowed(word) => self.cost_of_word(word),
            Cow::Owned(word) => self.cost_of_word(&word),
        }
    }

    /// [`WordPattern::cost`] of a word without [`super::fold::IGNORED`] chars.
    fn cost_of_word(&self, word: &str) -> Option<Cost> {
        let (p, w) = (self.text.as_bytes(), word.as_bytes());
        let (m, n) = (p.len(), w.len());
        let k = usize::from(self.typos);
        // Quick rejections on bytes, right for ASCII and safe for the rest: a char
        // counts at least one byte and at most four.
        let (&p0, &w0) = (p.first()?, w.first()?);
        if self.unit(w0) != p0 || n + 4 * k < m || (!self.prefix && n > 4 * (m + k)) {
            return None;
        }
        if n == m && w.iter().zip(p).all(|(&c, &q)| self.unit(c) == q) {
            return Some(EXACT);
        }
        if self.prefix && n > m && w[..m].iter().zip(p).all(|(&c, &q)| self.unit(c) == q) {
            // A completion, unless the pattern stops inside a char of the word.
            if word.is_char_boundary(m) {
                return Some(COMPLETION);
            }
        }
        // A plural (`email` → `emails`, `tax` → `taxes`) is the word meant, not a typo:
        // ranked as a completion, after the exact word.
        if !self.prefix
            && self.chars.len() >= 3
            && let Some(ending) = w.get(m..)
            && match ending {
                [s] => self.unit(*s) == b's',
                [e, s] => self.unit(*e) == b'e' && self.unit(*s) == b's',
                _ => false,
            }
            && w[..m].iter().zip(p).all(|(&c, &q)| self.unit(c) == q)
        {
            return Some(COMPLETION);
        }
        if k == 0 {
            return None;
        }
        if word.is_ascii() && self.text.is_ascii() {
            if (!self.prefix && n.abs_diff(m) > k) || n + k < m {
                return None;
            }
            // Each typo takes at most one letter of the pattern out of the word (and,
            // for a whole word, brings at most one in): a cheap test before the table.
            let word_letters = letter_set(w.iter().map(|&b| self.unit(b)));
            let missing = (self.letters & !word_letters).count_ones() as usize;
            let extra = (word_letters & !self.letters).count_ones() as usize;
            if missing > k || (!self.prefix && extra > k) {
                return None;
            }
            // Only the first m + k + 1 chars of a completion matter (the one after them
            // tells that the word goes on).
            let len = if self.prefix { n.min(m + k + 1) } else { n };
            let mut buffer = [0u8; STACK_ROW];
            match buffer.get_mut(..len) {
                Some(lowered) => {
                    for (to, &from) in lowered.iter_mut().zip(w) {
                        *to = self.unit(from);
                    }
                    self.typo_cost(p, lowered)
                }
                None => {
                    let lowered: Vec<u8> = w[..len].iter().map(|&b| self.unit(b)).collect();
                    self.typo_cost(p, &lowered)
                }
            }
        } else {
            let word: Vec<char> = word.chars().map(|c| self.char_unit(c)).collect();
            let (m, n) = (self.chars.len(), word.len());
            if (!self.prefix && n.abs_diff(m) > k) || n + k < m {
                return None;
            }
            self.typo_cost(&self.chars, &word)
        }
    }

    /// The cost of the best match within the allowed typos (first units already equal).
    fn typo_cost<T: Copy + PartialEq>(&self, p: &[T], w: &[T]) -> Option<Cost> {
        let k = usize::from(self.typos);
        // A completion's typos lie in the first chars of the word: at most m + k of them.
        let shortened = self.prefix && w.len() > p.len() + k;
        let w = if shortened { &w[..p.len() + k] } else { w };
        let (whole, prefix) = bounded_osa(p, w, k);
        let whole = whole.filter(|_| !shortened).map(|d| 2 * d);
        let prefix = prefix.filter(|_| self.prefix).map(|d| 2 * d + 1);
        match (whole, prefix) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    #[inline]
    fn unit(&self, b: u8) -> u8 {
        if self.case_sensitive {
            b
        } else {
            b.to_ascii_lowercase()
        }
    }

    fn char_unit(&self, c: char) -> char {
        if self.case_sensitive {
            c
        } else {
            c.to_ascii_lowercase()
        }
    }
}

/// Rows of this many cells or fewer live on the stack.
const STACK_ROW: usize = 64;

/// The optimal-string-alignment distance (edits and swaps of neighbours) between `p`
/// and the whole of `w`, and the least between `p` and a prefix of `w`, each if at most
/// `k` (a small number). Only cells within `k` of the diagonal are computed.
fn bounded_osa<T: Copy + PartialEq>(p: &[T], w: &[T], k: usize) -> (Option<u8>, Option<u8>) {
    let n = w.len();
    if n < STACK_ROW {
        let mut rows = [[0u8; STACK_ROW]; 3];
        let [a, b, c] = &mut rows;
        osa_rows(p, w, k, [&mut a[..=n], &mut b[..=n], &mut c[..=n]])
    } else {
        let mut rows = vec![0u8; 3 * (n + 1)];
        let (a, rest) = rows.split_at_mut(n + 1);
        let (b, c) = rest.split_at_mut(n + 1);
        osa_rows(p, w, k, [a, b, c])
    }
}

fn osa_rows<T: Copy + PartialEq>(
    p: &[T],
    w: &[T],
    k: usize,
    rows: [&mut [u8]; 3],
) -> (Option<u8>, Option<u8>) {
    let (m, n) = (p.len(), w.len());
    // Values are capped at k + 1: anything above k is as good as infinite.
    let cap = (k + 1).min(u8::MAX as usize) as u8;
    let [mut before, mut previous, mut current] = rows;
    // Row 0: the distance from the empty pattern to w[..j] is j.
    for (j, cell) in previous.iter_mut().enumerate().take(k + 2) {
        *cell = (j as u8).min(cap);
    }
    for i in 1..=m {
        let lo = i.saturating_sub(k);
        let hi = (i + k).min(n);
        if lo > hi {
            return (None, None);
        }
        for cell in &mut current[lo.saturating_sub(1)..=(hi + 1).min(n)] {
            *cell = cap;
        }
        let mut row_min = cap;
        for j in lo..=hi {
            let value = if j == 0 {
                (i as u8).min(cap)
            } else {
                let substitute = previous[j - 1] + u8::from(p[i - 1] != w[j - 1]);
                let delete = previous[j] + 1;
                let insert = current[j - 1] + 1;
                let mut v = substitute.min(delete).min(insert);
                if i > 1 && j > 1 && p[i - 1] == w[j - 2] && p[i - 2] == w[j - 1] {
                    v = v.min(before[j - 2] + 1);
                }
                v.min(cap)
            };
            current[j] = value;
            row_min = row_min.min(value);
        }
        if row_min > k as u8 {
            return (None, None);
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    // `previous` now holds row m.
    let last = previous;
    let lo = m.saturating_sub(k);
    let hi = (m + k).min(n);
    let whole = (n.abs_diff(m) <= k)
        .then(|| last[n])
        .filter(|&d| d <= k as u8);
    let prefix = (lo <= hi)
        .then(|| last[lo..=hi].iter().copied().min())
        .flatten()
        .filter(|&d| d <= k as u8);
    (whole, prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cost(pattern: &str, word: &str, prefix: bool) -> Option<Cost> {
        let case_sensitive = pattern.chars().any(|c| c.is_ascii_uppercase());
        WordPattern::new(pattern, case_sensitive, prefix).cost(word)
    }

    /// Textbook OSA distance, for checking the banded one.
    fn osa(a: &[char], b: &[char]) -> usize {
        let (m, n) = (a.len(), b.len());
        let mut d = vec![vec![0usize; n + 1]; m + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=m {
            for j in 1..=n {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                d[i][j] = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                }
            }
        }
        d[m][n]
    }

    #[test]
    fn a_plural_is_the_word_meant_not_a_typo() {
        assert_eq!(cost("email", "emails", false), Some(COMPLETION));
        assert_eq!(cost("email", "Emails", false), Some(COMPLETION));
        assert_eq!(cost("tax", "taxes", false), Some(COMPLETION));
        assert_eq!(cost("bomb", "bombs", false), Some(COMPLETION));
        assert_eq!(cost("email", "email", false), Some(EXACT));
        // Short words and other endings keep their rules.
        assert_eq!(cost("bu", "bus", false), None);
        assert_eq!(cost("bomb", "bomber", false), None);
        assert_eq!(cost("tax", "taxis", false), None);
    }

    #[test]
    fn typos_grow_with_the_length_of_the_word() {
        assert_eq!(cost("nato", "nato", false), Some(EXACT));
        assert_eq!(cost("nato", "NATO", false), Some(EXACT));
        assert_eq!(cost("nato", "nata", false), None);
        assert_eq!(cost("putn", "putin", false), None, "a short query word");
        assert_eq!(cost("putni", "putin", false), Some(2), "a swap is one typo");
        assert_eq!(cost("erdgan", "Erdogan", false), Some(2));
        assert_eq!(cost("stoltnberg", "Stoltenberg", false), Some(2));
        assert_eq!(cost("stoltnbreg", "Stoltenberg", false), Some(4));
        assert_eq!(cost("stlotnbreg", "Stoltenberg", false), None);
        assert_eq!(cost("soldirs", "soldiers", false), Some(2));
        assert_eq!(cost("soldirs", "solidarity", false), None);
        assert_eq!(cost("toltenberg", "Stoltenberg", false), None, "first char");
        assert_eq!(cost("covid19", "covid18", false), None, "digits: no typos");
    }

    #[test]
    fn the_word_being_typed_matches_the_start_of_longer_words() {
        assert_eq!(cost("stol", "Stoltenberg", true), Some(COMPLETION));
        assert_eq!(cost("stol", "Stoltenberg", false), None);
        assert_eq!(cost("stoltnb", "Stoltenberg", true), Some(3));
        assert_eq!(cost("stolt", "stole", true), Some(2));
        assert_eq!(cost("s", "said", true), Some(COMPLETION));
        assert_eq!(cost("s", "s", true), Some(EXACT));
        assert_eq!(cost("ab", "a", true), None);
    }

    #[test]
    fn smart_case_and_other_scripts() {
        assert_eq!(cost("NATO", "NATO", false), Some(EXACT));
        assert_eq!(cost("NATO", "nato", false), None);
        assert_eq!(cost("путин", "путин", false), Some(EXACT));
        assert_eq!(cost("путн", "путин", true), None);
        assert_eq!(cost("путинн", "путин", false), Some(2));
        assert_eq!(cost("стол", "столица", true), Some(COMPLETION));
        assert_eq!(
            cost("mu", "mü", true),
            None,
            "the pattern stops inside a char"
        );
    }

    #[test]
    fn banded_distance_agrees_with_the_full_table() {
        let words = [
            "stoltenberg",
            "stoltnberg",
            "sotltenberg",
            "stoltenbreg",
            "s",
            "st",
            "ts",
            "abcdefghij",
            "acbdefghji",
            "aaaa",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "",
        ];
        for a in words {
            for b in words {
                let (ac, bc): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                for k in 0..=2 {
                    let (whole, prefix) = bounded_osa(&ac, &bc, k);
                    let full = osa(&ac, &bc);
                    assert_eq!(whole, (full <= k).then_some(full as u8), "{a} {b} {k}");
                    let best_prefix = (0..=bc.len()).map(|j| osa(&ac, &bc[..j])).min();
                    let best_prefix = best_prefix.filter(|&d| d <= k).map(|d| d as u8);
                    assert_eq!(prefix, best_prefix, "prefix {a} {b} {k}");
                }
            }
        }
    }

    /// The cost as the module's doc defines it, by brute force.
    fn reference_cost(pattern: &WordPattern, word: &str) -> Option<Cost> {
        let p: Vec<char> = pattern.text.chars().collect();
        let w: Vec<char> = word.chars().map(|c| pattern.char_unit(c)).collect();
        if p.first()? != w.first()? {
            return None;
        }
        if p == w {
            return Some(EXACT);
        }
        if pattern.prefix && w.len() > p.len() && w.starts_with(&p) {
            return Some(COMPLETION);
        }
        // A plural of a whole word of three chars or more.
        let plural = |ending: &[char]| w.len() == p.len() + ending.len() && w.ends_with(ending);
        if !pattern.prefix
            && p.len() >= 3
            && w.starts_with(&p)
            && (plural(&['s']) || plural(&['e', 's']))
        {
            return Some(COMPLETION);
        }
        let k = usize::from(pattern.typos);
        let whole = Some(osa(&p, &w)).filter(|&d| d <= k).map(|d| 2 * d as Cost);
        let prefix = (0..=w.len())
            .map(|j| osa(&p, &w[..j]))
            .min()
            .filter(|&d| d <= k && pattern.prefix)
            .map(|d| 2 * d as Cost + 1);
        match (whole, prefix) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    proptest::proptest! {
        #[test]
        fn cost_agrees_with_brute_force(
            pattern in "[abcdS]{1,11}",
            word in "[abcdSsé]{1,14}",
            prefix: bool,
        ) {
            let case_sensitive = pattern.contains('S');
            let compiled = WordPattern::new(&pattern, case_sensitive, prefix);
            proptest::prop_assert_eq!(
                compiled.cost(&word),
                reference_cost(&compiled, &word),
                "{} {} {}", pattern, word, prefix
            );
            let text = format!("x {word}, y");
            proptest::prop_assert_eq!(
                compiled.best_in(&text),
                reference_cost(&compiled, &word)
                    .into_iter()
                    .chain(reference_cost(&compiled, "x"))
                    .chain(reference_cost(&compiled, "y"))
                    .min()
            );
        }
    }

    proptest::proptest! {
        /// Words too short to match are skipped before they are found: none that matches
        /// is, wherever it stands (the end of the text, before an apostrophe or a letter
        /// of several bytes).
        #[test]
        fn the_best_word_of_a_text_is_found(
            pattern in "[abcSé]{1,11}",
            kinds in proptest::collection::vec(0u8..5, 1..6),
            others in proptest::collection::vec("[abcSsé]{1,12}", 6),
            separators in proptest::collection::vec("[ ,'\\-.\n]|\u{a0}|—", 6),
            prefix: bool,
        ) {
            let case_sensitive = pattern.contains('S');
            let compiled = WordPattern::new(&pattern, case_sensitive, prefix);
            let mut text = String::new();
            for ((kind, other), separator) in kinds.iter().zip(&others).zip(&separators) {
                text.push_str(separator);
                // Words as long as a match can be, one char more or one less.
                let mut chars: Vec<char> = pattern.chars().collect();
                match kind {
                    0 => {}
                    1 => chars.truncate(chars.len().saturating_sub(1)),
                    2 => chars.truncate(chars.len().saturating_sub(2)),
                    3 => chars.push('b'),
                    _ => chars = other.chars().collect(),
                }
                text.extend(chars);
            }
            let best = super::words(&text)
                .filter_map(|word| reference_cost(&compiled, &text[word]))
                .min();
            proptest::prop_assert_eq!(compiled.best_in(&text), best, "{:?}", text);
            proptest::prop_assert_eq!(compiled.occurs_in(&text), best.is_some());
        }
    }

    #[test]
    fn long_words_never_cost_a_full_table() {
        let long = "a".repeat(10_000);
        let pattern = WordPattern::new(&long, false, true);
        assert_eq!(pattern.cost(&long), Some(EXACT));
        let mut other = long.clone();
        other.replace_range(5000..5001, "b");
        assert_eq!(pattern.cost(&other), Some(2));
        assert_eq!(pattern.cost("a"), None);
    }
}
