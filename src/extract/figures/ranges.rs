//! Ranges: `20-30 people`, `£2 to £3 million`, `between 5 and 7 per cent`, `two or three
//! years`, `0.6% to 0.7%` are one figure whose value is both ends. A scale word, currency
//! or unit written once is shared by both ends (`£2 to £3 million` is 2–3 million). `from
//! 70,000 to 85,000` is a change, not a range: its two figures stay apart.

use super::{Figure, FigureKind, FigureValue, K, Scanner};
use crate::extract::numbers::{numeral_value, small_number_word};

/// Verbs of change before the first figure (`rose 5% to 7%`): two values, not a range.
fn is_change_word(word: &str) -> bool {
    matches!(
        word,
        "from"
            | "rose"
            | "rise"
            | "rises"
            | "risen"
            | "fell"
            | "fall"
            | "falls"
            | "fallen"
            | "increased"
            | "decreased"
            | "raised"
            | "cut"
            | "lowered"
            | "grew"
            | "jumped"
            | "dropped"
            | "climbed"
            | "slipped"
            | "slid"
            | "up"
            | "down"
    )
}

impl Scanner<'_> {
    /// Can the figure just read (the last in `out`, whose first token is `first` and which
    /// ends before token `next`) open a range with a figure after `next`? Returns the index
    /// where that second figure starts.
    fn range_continues(&self, first: usize, next: usize) -> Option<usize> {
        let connector = self.tok(next)?;
        let number_at = |k: usize| {
            self.tok(k).is_some_and(|t| {
                t.kind == K::Num
                    || (t.kind == K::Word && small_number_word(t.low).is_some())
                    || (t.kind == K::Punct && matches!(t.text, "$" | "£" | "€"))
            })
        };
        let before = |n: usize| {
            first
                .checked_sub(n)
                .and_then(|k| self.word_at(k))
                .unwrap_or("")
        };
        let glued_dash = connector.kind == K::Punct
            && matches!(connector.text, "-" | "–" | "—")
            && self.glued(next)
            && self.glued(next + 1);
        let word = (connector.kind == K::Word).then_some(connector.low);
        let between = before(1) == "between" || before(2) == "between";
        let change = is_change_word(before(1)) || is_change_word(before(2));
        let ok = match word {
            _ if glued_dash => true,
            Some("to") => !change,
            Some("and") => between,
            // `two or three years`, `10 or 15 minutes`
            Some("or") => matches!(self.toks[next - 1].kind, K::Word | K::Num),
            _ => false,
        };
        if !ok || !number_at(next + 1) {
            return None;
        }
        // The second figure is read from its number (`£3 million` from `3`).
        let sign = self.tok(next + 1).is_some_and(|t| t.kind == K::Punct);
        Some(next + 1 + usize::from(sign))
    }

    /// After a figure was read from token `first` up to `next`: if a second one follows as
    /// the other end of a range, reads it and folds both into one figure. Returns the
    /// index after the range.
    pub(super) fn range_after(&mut self, first: usize, next: usize) -> Option<usize> {
        let second = self.range_continues(first, next)?;
        let count = self.out.len();
        let after = self.at(second)?;
        if self.out.len() != count + 1 {
            return Some(after);
        }
        let (Some(high), Some(low)) = (self.out.pop(), self.out.pop()) else {
            return Some(after);
        };
        match self.merged(low.clone(), &high, first, second) {
            Some(range) => self.out.push(range),
            None => {
                self.out.push(low);
                self.out.push(high);
            }
        }
        Some(after)
    }

    /// The plain number written at token `k` (or just after a currency sign there), before
    /// any scale word.
    fn written_number(&self, k: usize) -> Option<f64> {
        let t = self.tok(k)?;
        match t.kind {
            K::Num => numeral_value(t.text),
            K::Word => small_number_word(t.low),
            K::Punct => self.written_number(k + 1),
        }
    }

    /// Two figures as the ends of one range, when they measure the same thing.
    fn merged(&self, low: Figure, high: &Figure, first: usize, second: usize) -> Option<Figure> {
        let (&FigureValue::Number(mut a), &FigureValue::Number(b)) = (&low.value, &high.value)
        else {
            return None;
        };
        let measurable = |k: FigureKind| {
            matches!(
                k,
                FigureKind::Count
                    | FigureKind::Money
                    | FigureKind::Percent
                    | FigureKind::Measure
                    | FigureKind::Duration
            )
        };
        let same = low.kind == high.kind && (low.unit.is_none() || low.unit == high.unit);
        let bare = low.kind == FigureKind::Count && low.unit.is_none();
        if !measurable(low.kind) || !measurable(high.kind) || !(same || bare) {
            return None;
        }
        // The scale written only on the second end is shared: `£2 to £3 million`.
        if let (Some(plain_a), Some(plain_b)) =
            (self.written_number(first), self.written_number(second))
            && a == plain_a
            && plain_b != 0.0
            && b != plain_b
        {
            a *= b / plain_b;
        }
        // `leads 50% to 40%` is two figures, not a range.
        if a > b {
            return None;
        }
        let range = low.range.start..high.range.end;
        let text = self.body[range.clone()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        Some(Figure {
            text,
            kind: high.kind,
            value: FigureValue::Range(a, b),
            qualifier: low.qualifier,
            unit: high.unit.clone().or(low.unit),
            range,
        })
    }
}
