//! Fractions and multipliers written in words, and a unit of time counted by `a`:
//! `three-quarters`, `a fifth of`, `a third of a million`, `half a billion euros` (500
//! million), `half an hour`, `nearly half of`, `five-and-a-half years`, `two and a half`,
//! `threefold`, `double the size`, `a week after`, `for a year`.

use super::{FigureKind, FigureValue, K, Scanner, ends_unit};
use crate::extract::numbers::{
    denominator, is_time_unit, multiplier, scale_word, small_number_word, vague_quantity,
};

/// Determiners after `double the` / `triple its`: the multiplier compares amounts.
fn is_compared(word: &str) -> bool {
    matches!(
        word,
        "the" | "that" | "this" | "its" | "their" | "his" | "her" | "our" | "what"
    )
}

impl Scanner<'_> {
    /// Reads a fraction, a multiplier or `a`/`an` before a unit of time at the word `i`;
    /// the index after it, or `None` when the word is none of those here.
    pub(super) fn fraction_at(&mut self, i: usize) -> Option<usize> {
        let word = self.toks[i].low;
        let next = self.word_at(i + 1);
        match word {
            "a" | "an" | "one" => {
                // `a third of voters`, `a third of a million`, `one fifth of`
                if self.word_at(i + 2) == Some("of")
                    && next != Some("half")
                    && let Some(d) = next.and_then(denominator)
                {
                    return self.fraction_of(i, i + 1, 1.0 / d);
                }
                if word == "one" {
                    return None;
                }
                if next == Some("couple") && self.word_at(i + 2) == Some("of") {
                    return self.counted(i, i + 1, 2.0, true);
                }
                self.a_unit_of_time(i)
            }
            "half" => self.half(i),
            _ => {
                let maybe_multiplier = word.ends_with("fold")
                    || matches!(word, "double" | "triple" | "treble" | "quadruple");
                if maybe_multiplier && let Some(m) = multiplier(word) {
                    // `double the size`, `a threefold rise`; not `a double` or `doubled`.
                    let fold = word.ends_with("fold");
                    if fold || next.is_some_and(is_compared) {
                        return self.times(i, m);
                    }
                    return None;
                }
                match word.as_bytes().contains(&b'-') {
                    true => self.hyphenated_fraction(i),
                    false => None,
                }
            }
        }
    }

    /// `x times` as a figure at the word `i`.
    pub(super) fn times(&mut self, i: usize, m: f64) -> Option<usize> {
        let q = self.qualifier(i);
        self.push_with(q, i, i, FigureKind::Count, m, Some("times".into()));
        Some(i + 1)
    }

    /// `two-thirds`, `three-quarters`, `one-third`, `five-and-a-half`, `three-fold`.
    fn hyphenated_fraction(&mut self, i: usize) -> Option<usize> {
        let word = self.toks[i].low;
        if let Some(whole) = word.strip_suffix("-and-a-half") {
            let n = small_number_word(whole)?;
            return self.counted(i, i, n + 0.5, true);
        }
        let (numerator, rest) = word.split_once('-')?;
        let n = small_number_word(numerator)?;
        // `one-to-seven days`: a range written as one word.
        if let Some(high) = rest.strip_prefix("to-").and_then(small_number_word) {
            return self.word_range(i, n, high);
        }
        if rest == "fold" {
            return self.times(i, n);
        }
        let d = denominator(rest)?;
        // `one-half`, `two-thirds`; not `the two-third mark` (singular after 2+).
        if n >= 2.0 && !rest.ends_with('s') && rest != "half" {
            return None;
        }
        self.fraction_of(i, i, n / d)
    }

    /// A fraction ending at token `last` (`a third`, `two-thirds`), then `of` what it is a
    /// part of: a scale (`of a million`) multiplies it, a noun is its unit.
    fn fraction_of(&mut self, first: usize, last: usize, value: f64) -> Option<usize> {
        if self.word_at(last + 1) == Some("of") {
            let k = last + 2;
            let scale = match self.word_at(k) {
                Some("a" | "an") => self.word_at(k + 1).and_then(scale_word),
                _ => None,
            };
            if let Some(s) = scale {
                return self.counted(first, k + 1, value * s, true);
            }
        }
        let q = self.qualifier(first);
        // `two-thirds of voters`, `a two-thirds majority`; not `Two-thirds agreed`.
        let verb_after = self
            .word_at(last + 1)
            .is_some_and(|w| w.ends_with("ed") || w.ends_with('s') && !w.ends_with("ss"));
        let (unit, end) = match verb_after {
            true => (None, None),
            false => self.unit_after(last + 1, true),
        };
        let end = end.unwrap_or(last);
        self.push_with(q, first, end, FigureKind::Count, value, unit);
        Some(end + 1)
    }

    /// `half a billion euros`, `half an hour`, `half of the country`, `half as likely`,
    /// `nearly half`; not `the second half` or `half-time`.
    fn half(&mut self, i: usize) -> Option<usize> {
        let next = self.word_at(i + 1);
        if matches!(next, Some("a" | "an")) {
            let k = i + 2;
            if let Some(s) = self.word_at(k).and_then(scale_word) {
                return self.counted(i, k, 0.5 * s, true);
            }
            if self.word_at(k).is_some_and(is_time_unit) {
                let q = self.qualifier(i);
                let unit = self.word_at(k).map(str::to_string);
                self.push_with(q, i, k, FigureKind::Duration, 0.5, unit);
                return Some(k + 1);
            }
            return None;
        }
        let before = i.checked_sub(1).and_then(|k| self.tok(k));
        let determined = before.is_some_and(|t| {
            t.kind == K::Word
                && matches!(
                    t.low,
                    "the" | "a" | "first" | "second" | "this" | "that" | "each" | "one" | "other"
                )
        });
        if determined {
            return None;
        }
        if next == Some("as") {
            return self.times(i, 0.5);
        }
        if next == Some("of") || self.qualifier(i).is_some() {
            return self.fraction_of(i, i, 0.5);
        }
        None
    }

    /// `a week after`, `for a year`, `an hour`: one unit of time, counted by `a`; not a
    /// rate (`twice a year`, `£5 a week`, `three meals a day`), not `a year ago`, not `a
    /// second term`.
    fn a_unit_of_time(&mut self, i: usize) -> Option<usize> {
        let unit = self.tok(i + 1).filter(|t| t.kind == K::Word)?;
        let singular = !unit.low.ends_with('s') && is_time_unit(unit.low);
        if !singular || unit.low == "second" || unit.low.contains(['’', '\'']) {
            return None;
        }
        let after = self.word_at(i + 2);
        if matches!(after, Some("ago" | "away" | "previously")) {
            return None;
        }
        // `a day after`, `a week later`: one unit between two events.
        let between_events = matches!(after, Some("after" | "before" | "later" | "earlier"));
        // A rate: a number, an amount or `once`/`twice` shortly before (`75 people view
        // his profile a week`, `twice a year`).
        let rate = !between_events
            && (i.saturating_sub(5)..i).any(|k| {
                let t = &self.toks[k];
                t.kind == K::Num
                    || matches!(t.text, "$" | "£" | "€")
                    || (t.kind == K::Word
                        && (small_number_word(t.low).is_some()
                            // `millions of dollars a year`: an amount in words.
                            || vague_quantity(t.low).is_some()
                            || scale_word(t.low).is_some_and(|_| t.low.len() > 3)
                            || matches!(
                                t.low,
                                "once" | "twice" | "thrice" | "times" | "per" | "every"
                            )))
            });
        // `a day of action`: the unit describes what follows.
        let describes = self.word_at(i + 2) == Some("of")
            || self.word_at(i + 2).is_some_and(|w| {
                !ends_unit(w)
                    && !w.ends_with("ing")
                    && !w.ends_with("ed")
                    && !matches!(w, "later" | "earlier" | "long" | "or")
            });
        if rate || describes {
            return None;
        }
        let q = self.qualifier(i);
        let name = Some(unit.text.to_string());
        self.push_with(q, i, i + 1, FigureKind::Duration, 1.0, name);
        Some(i + 2)
    }

    /// `one-to-seven days`: a range at the word `i`, with what follows as its unit.
    fn word_range(&mut self, i: usize, low: f64, high: f64) -> Option<usize> {
        let q = self.qualifier(i);
        let (unit, end) = self.unit_after(i + 1, true);
        let end = end.unwrap_or(i);
        let kind = match unit.as_deref() {
            Some(u) if is_time_unit(u) => FigureKind::Duration,
            _ => FigureKind::Count,
        };
        let (first, qualifier) = match q {
            Some((at, q)) => (at, Some(q)),
            None => (i, None),
        };
        self.push(
            first,
            end,
            kind,
            FigureValue::Range(low, high),
            qualifier,
            unit,
        );
        Some(end + 1)
    }

    /// `and a half` after a number ending at `last`: the index of `half`.
    pub(super) fn and_a_half(&self, last: usize) -> Option<usize> {
        (self.word_at(last + 1) == Some("and")
            && self.word_at(last + 2) == Some("a")
            && self.word_at(last + 3) == Some("half"))
        .then_some(last + 3)
    }
}
