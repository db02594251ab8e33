//! Sports scores: `6-4, 6-0`, `6-4 3-6 7-5`, `Leeds 2-1 Chelsea`, `a 30-20 loss`, `won
//! 24-17` are one figure each (kind `score`), not several counts. Two numbers joined by a
//! dash are a score when several come in a row (sets), when a word of winning or losing
//! stands next to them, between two team names, or when the first is the larger (a
//! tally); otherwise they are a range (`20-30 people`), read elsewhere.

use super::{FigureKind, FigureValue, K, Scanner};
use crate::extract::units::currency_sign;

/// Words before a score (`won 6-4`, `led 14-7`, `beating them 3-0`).
fn is_score_cue_before(word: &str) -> bool {
    matches!(
        word,
        "won"
            | "win"
            | "wins"
            | "winning"
            | "beat"
            | "beats"
            | "beating"
            | "lost"
            | "lose"
            | "loses"
            | "losing"
            | "drew"
            | "draw"
            | "drawn"
            | "defeated"
            | "defeat"
            | "led"
            | "lead"
            | "leads"
            | "leading"
            | "trailed"
            | "trail"
            | "trails"
            | "trailing"
            | "edged"
            | "thrashed"
            | "routed"
            | "downed"
            | "overcame"
            | "score"
            | "scoreline"
            | "finished"
            | "ended"
            | "level"
            | "at"
            | "up"
            | "down"
            | "levelled"
            | "leveled"
            | "tied"
    )
}

/// Words after a score (`a 2-1 victory`, `3-0 down`, `112-107 over the Thunder`): a
/// result noun, or a word for a lead or for who it was against.
fn is_score_cue_after(word: &str) -> bool {
    is_result_noun(word)
        || matches!(
            word,
            "lead"
                | "bulge"
                | "scoreline"
                | "aggregate"
                | "deficit"
                | "down"
                | "up"
                | "advantage"
                | "result"
                | "over"
                | "against"
                | "after"
        )
}

/// Nouns for a result that a score may describe with a modifier between (`a 1-0 home
/// defeat`, `a 3-2 extra-time win`).
fn is_result_noun(word: &str) -> bool {
    matches!(
        word,
        "victory"
            | "victories"
            | "win"
            | "wins"
            | "defeat"
            | "defeats"
            | "loss"
            | "losses"
            | "draw"
            | "triumph"
            | "thrashing"
            | "hammering"
            | "rout"
            | "drubbing"
            | "success"
            | "reverse"
            | "setback"
            | "comeback"
            | "thriller"
    )
}

impl Scanner<'_> {
    /// `Wild 4, Sabres 1:` — team, score, comma, team, score — as results are listed: the
    /// index of the second score.
    fn listed_result(&self, i: usize) -> Option<(usize, u32, u32)> {
        let score = |k: usize| {
            self.tok(k)
                .filter(|t| t.kind == K::Num && t.text.len() <= 3)
                .and_then(|t| t.text.parse::<u32>().ok())
        };
        let team = |k: usize| {
            self.tok(k)
                .is_some_and(|t| t.kind == K::Word && t.text.starts_with(char::is_uppercase))
        };
        let a = score(i)?;
        if i == 0 || !team(i - 1) || self.tok(i + 1).is_none_or(|t| t.text != ",") {
            return None;
        }
        let mut k = i + 2;
        while k < i + 5 && team(k) {
            k += 1;
        }
        if k == i + 2 {
            return None;
        }
        let b = score(k)?;
        let closes = self
            .tok(k + 1)
            .is_none_or(|t| matches!(t.text, ":" | "." | ";"));
        closes.then_some((k, a, b))
    }

    /// `beat league leaders Town 2-1`: a verb of winning or losing a few words before the
    /// numbers, with only words (the beaten side) between.
    fn result_verb_before(&self, i: usize) -> bool {
        (2..=5)
            .map_while(|n| i.checked_sub(n).and_then(|k| self.tok(k)))
            .take_while(|t| t.kind == K::Word)
            .any(|t| {
                matches!(
                    t.low,
                    "won"
                        | "beat"
                        | "beating"
                        | "lost"
                        | "losing"
                        | "defeated"
                        | "defeating"
                        | "edged"
                        | "thrashed"
                        | "routed"
                        | "downed"
                        | "overcame"
                        | "drew"
                )
            })
    }

    /// Two whole numbers joined by a hyphen or dash, with nothing between: the index of
    /// the second, and both numbers.
    fn dash_pair(&self, i: usize) -> Option<(usize, u32, u32)> {
        let whole = |k: usize| {
            self.tok(k)
                .filter(|t| t.kind == K::Num && t.text.len() <= 3)
                .and_then(|t| t.text.parse::<u32>().ok())
        };
        let a = whole(i)?;
        let dash = self.tok(i + 1)?;
        if !matches!(dash.text, "-" | "–" | "—") || !self.glued(i + 1) || !self.glued(i + 2) {
            return None;
        }
        let b = whole(i + 2)?;
        Some((i + 2, a, b))
    }

    /// Reads a score line starting at the numeral `i`, if it is one; returns the index
    /// after it.
    pub(super) fn score_at(&mut self, i: usize) -> Option<usize> {
        if let Some((end, a, b)) = self.listed_result(i) {
            let value = FigureValue::Score(format!("{a}-{b}"));
            self.push(i - 1, end, FigureKind::Score, value, None, None);
            return Some(end + 1);
        }
        let (mut end, a, b) = self.dash_pair(i)?;
        // A third number makes it a code or a formation (`4-4-2`), not a score.
        if self
            .tok(end + 1)
            .is_some_and(|t| matches!(t.text, "-" | "–") && self.glued(end + 1))
        {
            return None;
        }
        let mut line = vec![format!("{a}-{b}")];
        // Sets and frames: `6-4, 6-0`, `6-4 3-6 7-5`, `7-6 (7-4)`.
        loop {
            let mut k = end + 1;
            if self.tok(k).is_some_and(|t| t.text == "(") {
                if let Some((e, x, y)) = self.dash_pair(k + 1)
                    && self.tok(e + 1).is_some_and(|t| t.text == ")")
                {
                    line.push(format!("({x}-{y})"));
                    end = e + 1;
                    continue;
                }
                // A tiebreak given by the loser's points: `7-6 (5)`.
                if let Some(t) = self
                    .tok(k + 1)
                    .filter(|t| t.kind == K::Num && t.text.len() <= 2)
                    && self.tok(k + 2).is_some_and(|t| t.text == ")")
                {
                    line.push(format!("({})", t.text));
                    end = k + 2;
                    continue;
                }
                break;
            }
            if self.tok(k).is_some_and(|t| matches!(t.text, "," | ";")) {
                k += 1;
            }
            match self.dash_pair(k) {
                Some((e, x, y)) if !self.glued(k) => {
                    line.push(format!("{x}-{y}"));
                    end = e;
                }
                _ => break,
            }
        }
        let before = i.checked_sub(1).and_then(|k| self.tok(k)).copied();
        let after = self.tok(end + 1).copied();
        if before.is_some_and(|t| currency_sign(t.text).is_some())
            || after.is_some_and(|t| t.text == "%")
        {
            return None;
        }
        let word_before = before.filter(|t| t.kind == K::Word);
        let word_after = after.filter(|t| t.kind == K::Word);
        let capitalised =
            |t: Option<super::T>| t.is_some_and(|t| t.text.starts_with(char::is_uppercase));
        // `Leeds 2-1 Chelsea`, `Lakers hold off OKC 112-107` (a team name, then the end).
        let between_teams = capitalised(word_before)
            && (capitalised(word_after) || after.is_none_or(|t| t.kind == K::Punct));
        // `a shock 1-0 home defeat`: one modifier between the score and its noun.
        let noun_after_modifier = word_after.is_some()
            && self.word_at(end + 2).is_some_and(|w| {
                is_result_noun(w) && !is_score_cue_after(word_after.map_or("", |t| t.low))
            });
        // `a record of 3-1`, `a 10-2 record`: wins and losses.
        let record = word_before.is_some_and(|t| t.low == "record")
            || (word_before.is_some_and(|t| t.low == "of")
                && i.checked_sub(2).and_then(|k| self.word_at(k)) == Some("record"))
            || word_after.is_some_and(|t| t.low == "record");
        let cue = word_before.is_some_and(|t| is_score_cue_before(t.low))
            || word_after.is_some_and(|t| is_score_cue_after(t.low))
            || noun_after_modifier
            || record
            || self.result_verb_before(i);
        let score = line.len() > 1 || cue || between_teams || (a > b && word_after.is_none());
        if !score {
            // `the 787-9 Dreamliner`, `737-800`: a model and its variant, not amounts.
            if a >= 100 && b < 10 {
                return Some(end + 1);
            }
            return None;
        }
        let value = FigureValue::Score(line.join(" "));
        self.push(i, end, FigureKind::Score, value, None, None);
        Some(end + 1)
    }
}
