//! Currencies and units around a numeral: signs and codes before it (`$`, `NZ$`, `CHF40`,
//! `EUR 300`) or after it (`40 €`, `12 CAD million`), units glued to it (`512GB`, `2.4pc`,
//! `85p`, `0C`), temperatures (`-3°C`), minus signs, metres in sport (`the 3000m
//! steeplechase`) and ages in millions of years (`300 million-year-old`).

use super::{FigureKind, K, Scanner, T};
use crate::extract::numbers::{is_time_unit, numeral_value, scale_word};
use crate::extract::units::{
    UnitKind, currency_code, currency_prefix, currency_sign, currency_word, glued_unit,
};

/// Words after `Nm` that make it metres: events and dimensions (`the 400m hurdles`, `30m
/// high`).
fn is_metres_word(word: &str) -> bool {
    matches!(
        word,
        "tall"
            | "high"
            | "long"
            | "wide"
            | "deep"
            | "away"
            | "above"
            | "below"
            | "across"
            | "under"
            | "race"
            | "final"
            | "finals"
            | "heat"
            | "freestyle"
            | "butterfly"
            | "backstroke"
            | "breaststroke"
            | "medley"
            | "hurdles"
            | "steeplechase"
            | "sprint"
            | "relay"
            | "dash"
            | "title"
            | "gold"
            | "silver"
            | "bronze"
            | "record"
            | "champion"
            | "event"
    )
}

/// `a 3-pointer`, `a five-setter`, `an 18-wheeler`: nouns made from a number, which name a
/// thing rather than count something.
pub(super) fn is_derived_noun(word: &str) -> bool {
    matches!(
        word,
        "pointer"
            | "pointers"
            | "setter"
            | "setters"
            | "seater"
            | "seaters"
            | "wheeler"
            | "wheelers"
            | "footer"
            | "footers"
            | "pounder"
            | "pounders"
            | "hander"
            | "liner"
            | "liners"
            | "timer"
            | "timers"
            | "decker"
            | "banger"
            | "parter"
            | "sider"
    )
}

impl Scanner<'_> {
    /// The minus sign before the numeral `i` (`-3°C`, `−30C`, `minus 12`, `minus-12`):
    /// the index of the sign, when it is not a dash between two tokens.
    pub(super) fn minus_sign(&self, i: usize) -> Option<usize> {
        let k = i.checked_sub(1)?;
        let t = self.tok(k)?;
        if t.kind == K::Word {
            return (t.low == "minus").then_some(k);
        }
        if !matches!(t.text, "-" | "−") || !self.glued(i) {
            return None;
        }
        if k > 0 && self.glued(k) {
            // `minus-12`; but `10-12` is a range.
            return (self.word_at(k - 1) == Some("minus")).then_some(k - 1);
        }
        Some(k)
    }

    /// A currency written before the numeral `i`: a sign (`$3.6`, `US$ 5`, `NZ$1.2bn`) or
    /// an ISO code (`CHF40`, `EUR 300`). Returns where it starts and its name.
    pub(super) fn currency_before(&self, i: usize) -> Option<(usize, &'static str)> {
        let k = i.checked_sub(1)?;
        let t = self.toks[k];
        if let Some(c) = currency_sign(t.text) {
            // `NZ$`, `S$`, `HK$`: letters glued before the sign.
            if t.text == "$"
                && k > 0
                && self.glued(k)
                && let Some(c) = currency_sign(&format!("{}$", self.toks[k - 1].text))
            {
                return Some((k - 1, c));
            }
            return Some((k, c));
        }
        if t.kind == K::Word
            && let Some(c) = currency_code(t.text)
        {
            return Some((k, c));
        }
        if t.kind == K::Word
            && let Some(c) = currency_prefix(t.text)
            && (t.text != "R" || self.glued(i) && self.scaled_or_separated(i))
        {
            return Some((k, c));
        }
        None
    }

    /// Does the numeral `i` carry a scale (`4bn`, `2 million`) or separators (`1,500`,
    /// `7.5`)? What makes a lone letter before it a currency sign (`R4bn`) and not a name
    /// (`R2`).
    fn scaled_or_separated(&self, i: usize) -> bool {
        let scale = |k: usize| self.tok(k).is_some_and(|t| scale_word(t.low).is_some());
        self.toks[i].text.contains([',', '.']) || scale(i + 1)
    }

    /// A currency written after a number at token `k`: a sign (`40 €`), a code (`12 CAD
    /// million`) or a word, possibly after a nationality (`250 pence`, `3,000 Danish
    /// kroner`, `80 million Canadian dollars`). `won` only after a scale word or a
    /// nationality (`4 billion won`). Returns the currency and the index of its last token.
    pub(super) fn currency_named(&self, k: usize) -> Option<(usize, &'static str)> {
        let t = self.tok(k)?;
        if t.kind == K::Punct {
            return currency_sign(t.text)
                .filter(|_| t.text != "$")
                .map(|c| (k, c));
        }
        if let Some(c) = currency_code(t.text) {
            return Some((k, c));
        }
        let after_scale = k > 0 && self.word_at(k - 1).is_some_and(|w| scale_word(w).is_some());
        let word = |k: usize, nationality: bool| {
            self.word_at(k)
                .and_then(currency_word)
                .filter(|&c| c != "won" || after_scale || nationality)
        };
        if let Some(c) = word(k, false) {
            return Some((k, c));
        }
        let nationality = t.text.starts_with(char::is_uppercase)
            && ["an", "ish", "ese", "ian", "ean", "i", "ic"]
                .iter()
                .any(|end| t.low.ends_with(end));
        if nationality && let Some(c) = word(k + 1, true) {
            return Some((k + 1, c));
        }
        None
    }

    /// [`currency_named`] for a sign or code only, as [`read_numeral`] takes it before
    /// scale words (`12 CAD million`).
    pub(super) fn currency_after(&self, k: usize) -> Option<&'static str> {
        let t = self.tok(k)?;
        let sign_or_code = t.kind == K::Punct || currency_code(t.text).is_some();
        sign_or_code
            .then(|| self.currency_named(k))
            .flatten()
            .map(|(_, c)| c)
    }

    /// Is `Nm` at the numeral `i` (without a currency) metres rather than millions? Metres
    /// before an event or a dimension (`the 3000m steeplechase`, `30m high`) or before a
    /// singular noun (`a 30m vessel`); millions before a plural or a counted group (`30m
    /// people`, `the 9m population`).
    pub(super) fn metres_after(&self, i: usize, value: f64) -> bool {
        let next = self.tok(i + 2).filter(|t| t.kind == K::Word);
        if next.is_some_and(|t| is_metres_word(t.low)) {
            return true;
        }
        let plural = next.is_some_and(|t| {
            let w = t.low;
            (w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("’s") && !w.ends_with("'s"))
                || matches!(w, "people" | "children" | "men" | "women")
                // `the 9m population`: a noun for a counted group.
                || matches!(
                    w,
                    "population"
                        | "audience"
                        | "workforce"
                        | "membership"
                        | "readership"
                        | "electorate"
                        | "turnout"
                        | "viewership"
                )
                || currency_word(w).is_some()
        });
        let decimal = self.toks[i].text.contains('.');
        !plural && !decimal && value <= 50_000.0
    }

    /// A measure from `first` to `last` with the unit `name`; returns the index after it.
    pub(super) fn measured(
        &mut self,
        first: usize,
        last: usize,
        value: f64,
        name: &str,
    ) -> Option<usize> {
        let q = self.qualifier(first);
        self.push_with(
            q,
            first,
            last,
            FigureKind::Measure,
            value,
            Some(name.into()),
        );
        Some(last + 1)
    }

    /// A numeral `i` with a unit glued to it (`512GB`, `2.4pc`, `85p`, `0C`): the figure,
    /// and the index after it; `None` when the suffix is no unit (`4G`, `3D`).
    pub(super) fn glued_unit_figure(
        &mut self,
        first: usize,
        i: usize,
        value: f64,
        suffix: &T,
    ) -> Option<usize> {
        match suffix.text {
            "C" => return self.measured(first, i + 1, value, "degrees Celsius"),
            "F" => return self.measured(first, i + 1, value, "degrees Fahrenheit"),
            _ => {}
        }
        let (kind, name) = glued_unit(suffix.text)?;
        let q = self.qualifier(first);
        let kind = match kind {
            UnitKind::Measure => FigureKind::Measure,
            UnitKind::Percent => FigureKind::Percent,
            UnitKind::Money => FigureKind::Money,
        };
        self.push_with(q, first, i + 1, kind, value, Some(name.into()));
        Some(i + 2)
    }

    /// `6'5"`, `6’5”`: a height in feet and inches, the numeral `i` the feet; as one
    /// measure in inches. The index after it.
    pub(super) fn feet_and_inches(&mut self, first: usize, i: usize, feet: f64) -> Option<usize> {
        let glued = |k: usize, marks: &[&str]| {
            self.tok(k)
                .is_some_and(|t| marks.contains(&t.text) && self.glued(k))
        };
        if !glued(i + 1, &["'", "’", "′"]) || !glued(i + 3, &["\"", "”", "″"]) {
            return None;
        }
        let inches = self
            .tok(i + 2)
            .filter(|t| t.kind == K::Num && self.glued(i + 2))
            .and_then(|t| t.text.parse::<f64>().ok())
            .filter(|n| *n < 12.0)?;
        if feet.fract() != 0.0 || !(1.0..=9.0).contains(&feet) {
            return None;
        }
        self.measured(first, i + 3, feet * 12.0 + inches, "inches")
    }

    /// `4K streaming`, `an 8K TV`, `4K at 60fps`: a display resolution named by its width
    /// in thousands of pixels, the numeral `i` glued to `K`; no amount.
    pub(super) fn names_a_resolution(&self, i: usize) -> bool {
        let k = self.tok(i + 1).is_some_and(|t| t.low == "k");
        let width = matches!(
            self.toks[i].text,
            "2" | "4" | "5" | "6" | "8" | "10" | "12" | "16"
        );
        k && width
            && self.word_at(i + 2).is_some_and(|w| {
                matches!(
                    w,
                    "streaming"
                        | "resolution"
                        | "video"
                        | "videos"
                        | "tv"
                        | "tvs"
                        | "television"
                        | "display"
                        | "displays"
                        | "screen"
                        | "screens"
                        | "monitor"
                        | "monitors"
                        | "gaming"
                        | "hdr"
                        | "ultra"
                        | "content"
                        | "camera"
                        | "footage"
                        | "output"
                        | "playback"
                ) || (w == "at" && self.tok(i + 3).is_some_and(|t| t.kind == K::Num))
            })
    }

    /// `… minute and 45 seconds`: after a duration whose unit ends at `end`, a count of a
    /// smaller unit joined by `and` (or nothing): the index of its unit, the total in the
    /// smaller unit, and that unit's name.
    pub(super) fn smaller_unit_after(
        &self,
        end: usize,
        value: f64,
        unit: &str,
    ) -> Option<(usize, f64, &'static str)> {
        let k = end + 1 + usize::from(self.word_at(end + 1) == Some("and"));
        let n = self
            .tok(k)
            .filter(|t| t.kind == K::Num)
            .and_then(|t| numeral_value(t.text))?;
        let smaller = self.tok(k + 1).filter(|t| t.kind == K::Word)?.low;
        let seconds = |u: &str| match u.trim_end_matches('s') {
            "second" => Some((1.0, "seconds")),
            "minute" => Some((60.0, "minutes")),
            "hour" => Some((3600.0, "hours")),
            "day" => Some((86_400.0, "days")),
            _ => None,
        };
        let ((big, _), (small, name)) = (seconds(unit)?, seconds(smaller)?);
        let ratio = big / small;
        (ratio > 1.0 && n < ratio).then_some((k + 1, value * ratio + n, name))
    }

    /// `-3°C`, `98.6°F`, `20°`: the degree sign at `degree`, then an optional scale letter.
    pub(super) fn temperature(&mut self, first: usize, degree: usize, value: f64) -> Option<usize> {
        let scale = self
            .tok(degree + 1)
            .filter(|t| t.kind == K::Word && self.glued(degree + 1))
            .map(|t| t.text);
        let (last, name) = match scale {
            Some("C") => (degree + 1, "degrees Celsius"),
            Some("F") => (degree + 1, "degrees Fahrenheit"),
            _ => (degree, "degrees"),
        };
        self.measured(first, last, value, name)
    }

    /// `12 degrees`, `minus 12 degrees Celsius`: degrees written out after the number at
    /// `k`; the unit and the index of its last token.
    pub(super) fn degrees_after(&self, k: usize) -> Option<(usize, &'static str)> {
        if !matches!(self.word_at(k)?, "degrees" | "degree") {
            return None;
        }
        Some(match self.word_at(k + 1) {
            Some("celsius" | "centigrade" | "c") => (k + 1, "degrees Celsius"),
            Some("fahrenheit" | "f") => (k + 1, "degrees Fahrenheit"),
            _ => (k, "degrees"),
        })
    }

    /// `300 million-year-old`: an age in years with a scale word, the word after the
    /// numeral at `at` being `million-year-old`; the index after it.
    pub(super) fn scaled_age(&mut self, first: usize, at: usize, value: f64) -> Option<usize> {
        let word = self.tok(at).filter(|t| t.kind == K::Word)?.low;
        let (scale, rest) = word.split_once('-')?;
        let scale = scale_word(scale).filter(|_| scale.len() > 3)?;
        if !is_time_unit(rest.split('-').next().unwrap_or("")) {
            return None;
        }
        let q = self.qualifier(first);
        self.push_with(
            q,
            first,
            at,
            FigureKind::Duration,
            value * scale,
            Some(rest.into()),
        );
        Some(at + 1)
    }
}
