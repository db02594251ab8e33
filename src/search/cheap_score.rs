//! A fast first ranking for every candidate, before the fuzzy matcher re-scores the few
//! that can be shown.
//!
//! It scores one or two alignments of a term per item, on bytes, with the skim scorer's
//! constants (16 per matched char, word-start bonuses, a bonus for consecutive chars,
//! gap penalties), so its order closely follows skim's: the best contiguous occurrence
//! of the term if there is one (so a word typed in full is scored as such, wherever it
//! is), else the alignment fzf's v1 algorithm picks (first match, shrunk from its end).

const SCORE_MATCH: i64 = 16;
const PENALTY_CASE_MISMATCH: i64 = -2;
const GAP_START: i64 = -3;
const GAP_EXTENSION: i64 = -1;
const BONUS_HEAD: i64 = 8;
const BONUS_BREAK: i64 = 7;
const BONUS_CAMEL: i64 = 6;
const BONUS_CONSECUTIVE: i64 = 4;
const FIRST_CHAR_MULTIPLIER: i64 = 2;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Start,
    Upper,
    Lower,
    Number,
    HardSeparator,
    SoftSeparator,
}

#[inline]
fn class(b: u8) -> Class {
    CLASSES[b as usize]
}

/// [`class_of`] for every byte, computed at compile time.
const CLASSES: [Class; 256] = {
    let mut table = [Class::Lower; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = class_of(b as u8);
        b += 1;
    }
    table
};

const fn class_of(b: u8) -> Class {
    match b {
        b' ' | b'/' | b'\\' | b'|' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => {
            Class::HardSeparator
        }
        b'!'..=b'\'' | b'*'..=b'.' | b':'..=b'@' | b'^'..=b'`' | b'~' => Class::SoftSeparator,
        b'0'..=b'9' => Class::Number,
        b'A'..=b'Z' => Class::Upper,
        b'\n' | b'\t' | b'\r' => Class::HardSeparator,
        _ => Class::Lower,
    }
}

/// The bonus for matching at byte `j`: word starts score, word middles do not.
fn in_place_bonus(text: &[u8], j: usize) -> i64 {
    let prev = if j == 0 {
        Class::Start
    } else {
        class(text[j - 1])
    };
    let bonus = match (prev, class(text[j])) {
        (Class::Start | Class::HardSeparator, _) => BONUS_HEAD,
        (Class::SoftSeparator, _) => BONUS_BREAK,
        (Class::Lower | Class::Number, Class::Upper) => BONUS_CAMEL,
        _ => 0,
    };
    if j == 0 {
        bonus * FIRST_CHAR_MULTIPLIER
    } else {
        bonus
    }
}

/// A term's pattern prepared for cheap scoring.
pub struct CheapPattern {
    /// Folded pattern bytes (ASCII-lowercase unless case-sensitive).
    pattern: Vec<u8>,
    case_sensitive: bool,
}

impl CheapPattern {
    pub fn new(pattern: &str, case_sensitive: bool) -> CheapPattern {
        CheapPattern {
            pattern: pattern.as_bytes().to_vec(),
            case_sensitive,
        }
    }

    #[inline]
    fn eq(&self, c: u8, p: u8) -> bool {
        c == p || (!self.case_sensitive && c.to_ascii_lowercase() == p)
    }

    fn find(&self, text: &[u8], p: u8, from: usize) -> Option<usize> {
        let hay = text.get(from..)?;
        let found = if !self.case_sensitive && p.is_ascii_lowercase() {
            memchr::memchr2(p, p.to_ascii_uppercase(), hay)
        } else {
            memchr::memchr(p, hay)
        };
        found.map(|i| from + i)
    }

    fn rfind(&self, text: &[u8], p: u8, end: usize) -> Option<usize> {
        let hay = text.get(..end)?;
        if !self.case_sensitive && p.is_ascii_lowercase() {
            memchr::memrchr2(p, p.to_ascii_uppercase(), hay)
        } else {
            memchr::memrchr(p, hay)
        }
    }

    /// The score of a fuzzy match of the pattern in `text`, or `None` if the pattern
    /// is not a subsequence of it.
    pub fn fuzzy(&self, text: &[u8]) -> Option<i64> {
        // Forward: the first place the whole pattern fits (most items fail here).
        let mut at = 0;
        for &p in &self.pattern {
            at = self.find(text, p, at)? + 1;
        }
        if let Some(score) = self.best_contiguous(text) {
            return Some(score);
        }
        // Backward from there: the latest start, i.e. the tightest alignment.
        let mut positions = [0u32; 32];
        let Some(positions) = positions.get_mut(..self.pattern.len()) else {
            return Some(self.score_forward(text));
        };
        let mut end = at;
        for (i, &p) in self.pattern.iter().enumerate().rev() {
            let j = self.rfind(text, p, end)?;
            positions[i] = j as u32;
            end = j;
        }
        Some(self.score_positions(text, positions.iter().map(|&j| j as usize)))
    }

    /// The best-scoring contiguous occurrence (stopping at the first one at a word
    /// start, which nothing later beats), if any.
    fn best_contiguous(&self, text: &[u8]) -> Option<i64> {
        let (&first, rest) = self.pattern.split_first()?;
        let mut best = None;
        let mut from = 0;
        while let Some(at) = self.find(text, first, from) {
            let fits = text
                .get(at + 1..at + 1 + rest.len())
                .is_some_and(|part| part.iter().zip(rest).all(|(&c, &p)| self.eq(c, p)));
            if fits {
                let score = self.score_run(text, at);
                best = best.max(Some(score));
                if in_place_bonus(text, at) >= BONUS_HEAD {
                    break;
                }
            }
            from = at + 1;
        }
        best
    }

    /// The score of the first (greedy) alignment, for patterns too long to shrink.
    fn score_forward(&self, text: &[u8]) -> i64 {
        let mut at = 0;
        let positions = self.pattern.iter().map_while(|&p| {
            let j = self.find(text, p, at)?;
            at = j + 1;
            Some(j)
        });
        self.score_positions(text, positions)
    }

    /// The score of the pattern matched contiguously at byte `start`.
    pub fn score_run(&self, text: &[u8], start: usize) -> i64 {
        let mut score = -1;
        for (i, &p) in self.pattern.iter().enumerate() {
            let j = start + i;
            let Some(&c) = text.get(j) else { break };
            score += self.match_score(c, p);
            let bonus = in_place_bonus(text, j);
            score += if i == 0 {
                bonus
            } else {
                bonus.max(BONUS_CONSECUTIVE)
            };
        }
        score
    }

    fn match_score(&self, c: u8, p: u8) -> i64 {
        if c != p && !self.case_sensitive && self.eq(c, p) {
            SCORE_MATCH + PENALTY_CASE_MISMATCH
        } else {
            SCORE_MATCH
        }
    }

    /// The score of the alignment matching pattern byte `i` at `positions[i]`.
    fn score_positions(&self, text: &[u8], positions: impl Iterator<Item = usize>) -> i64 {
        let mut score = -1;
        let mut previous: Option<usize> = None;
        for (i, j) in positions.enumerate() {
            score += self.match_score(text[j], self.pattern[i]);
            let bonus = in_place_bonus(text, j);
            score += match previous {
                Some(prev) if j == prev + 1 => bonus.max(BONUS_CONSECUTIVE),
                Some(prev) => GAP_START + GAP_EXTENSION * (j - prev - 1) as i64 + bonus,
                None => bonus,
            };
            previous = Some(j);
        }
        score
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fuzzy_matcher::FuzzyMatcher;
    use fuzzy_matcher::skim::SkimMatcherV2;

    #[test]
    fn contiguous_word_starts_beat_scattered_matches() {
        let p = CheapPattern::new("stolt", false);
        let word = p.fuzzy(b"Jens Stoltenberg said").unwrap();
        let scattered = p.fuzzy(b"she told all the truth").unwrap();
        assert!(word > scattered, "{word} {scattered}");
        assert_eq!(p.fuzzy(b"no match here"), None);
    }

    #[test]
    fn finds_a_later_contiguous_occurrence() {
        let p = CheapPattern::new("nato", false);
        let late = p.fuzzy(b"no action taken, said NATO").unwrap();
        let only_scattered = p.fuzzy(b"no action taken, said they").unwrap();
        assert!(late > only_scattered);
    }

    #[test]
    fn agrees_with_skim_on_clean_matches() {
        let skim = SkimMatcherV2::default().ignore_case();
        for (text, pattern) in [
            ("Jens Stoltenberg said", "stoltenberg"),
            ("stoltenberg", "stolt"),
            ("the nato summit", "nato"),
            ("told her", "th"),
            ("s", "s"),
        ] {
            let cheap = CheapPattern::new(pattern, false).fuzzy(text.as_bytes());
            assert_eq!(
                cheap,
                skim.fuzzy_match(text, pattern),
                "{pattern} in {text}"
            );
        }
    }
}
