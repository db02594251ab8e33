//! Numbers that are no figure: parts of names and designations (S-400, Boeing 737, FTSE
//! 100, Big Ten), ranks (`world No 38`, `top five`), labels (`grade eight`, `Court 12`),
//! addresses, postcodes and phone numbers, links, handles, times of day, abbreviated years
//! (`summer ’80`) and the tails of glued tokens (`XYZ4.75m`).

use super::{K, Scanner, ends_a_qualifier, is_no_noun};
use crate::extract::lexicon::is_not_a_name;
use crate::extract::numbers::{is_time_unit, month};

impl<'a> Scanner<'a> {
    /// Skips a numeral and anything glued to it.
    pub(super) fn skip_glued(&self, i: usize) -> usize {
        let mut j = i + 1;
        while j < self.toks.len() && self.glued(j) && self.toks[j].text != "," {
            j += 1;
        }
        j
    }

    /// Numbers that are part of a name: S-400, S400, F-16, M5, COVID-19, A380, MP3, G8,
    /// Boeing 737, Article 5.
    fn is_designation(&self, i: usize) -> bool {
        if i == 0 {
            return false;
        }
        let before = &self.toks[i - 1];
        if self.glued(i) {
            if before.kind == K::Word {
                // S400, MP3; but `CHF40`, `R4bn` are money.
                return self.currency_before(i).is_none();
            }
            // A letter with a combining mark (`Ã` written as `A` + U+0303): a word.
            if before
                .text
                .chars()
                .all(|c| ('\u{300}'..='\u{36f}').contains(&c))
            {
                return true;
            }
            if before.text == "-"
                && i > 1
                && self.glued(i - 1)
                && self.toks[i - 2].kind == K::Word
                && self.toks[i - 2].low != "minus"
            {
                return true; // F-16, COVID-19
            }
        }
        // A capitalised word (not at a sentence start, not a month or a function word)
        // right before a bare integer: Boeing 737, Article 5.
        let plain = self.toks[i].text.bytes().all(|b| b.is_ascii_digit());
        // `401(k)`
        if self.tok(i + 1).is_some_and(|t| t.text == "(")
            && self.glued(i + 1)
            && self.tok(i + 2).is_some_and(|t| t.kind == K::Word)
            && self.glued(i + 2)
        {
            return true;
        }
        // `leads Clinton 50% to 40%`, `from India 30 years ago`: a unit follows, no name.
        let measured = self.tok(i + 1).is_some_and(|t| {
            t.text == "%" || t.kind == K::Word && (t.low == "percent" || is_time_unit(t.low))
        });
        // Headline case is no name: `More Than 100 Delegates`.
        let qualifier_word = ends_a_qualifier(before.low);
        if plain
            && !measured
            && !qualifier_word
            && !is_no_noun(before.low)
            && before.kind == K::Word
            && (before.text.starts_with(char::is_uppercase) || is_camel_case(before.text))
            && month(before.text).is_none()
            && !is_not_a_name(before.lower())
            && self.currency_before(i).is_none()
            && !is_pronoun_contraction(before.low)
            && !(before.text.chars().all(|c| c.is_uppercase())
                && (self.title_case || matches!(before.text, "US" | "UK" | "EU" | "UN" | "UAE")))
        {
            let sentence_start =
                i < 2 || matches!(self.toks[i - 2].text, "." | "!" | "?" | "\"" | "“");
            return !sentence_start;
        }
        false
    }

    /// Parts of links, handles and times of day: `@user1`, `/story/2020`, `10:30`, `3 p.m.`
    fn is_link_or_time(&self, i: usize) -> bool {
        let t = &self.toks[i];
        // The run of non-space text around the numeral.
        let start = self.body[..t.start]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(p, c)| p + c.len_utf8());
        let end = self.body[t.end..]
            .find(char::is_whitespace)
            .map_or(self.body.len(), |p| t.end + p);
        let chunk = &self.body[start..end];
        // `$12/month`, `100km/h`, `£80/year`: an amount per unit of time or measure.
        let per_unit = chunk.split_once('/').is_some_and(|(amount, per)| {
            let per = per.trim_end_matches(|c: char| c.is_ascii_punctuation());
            t.end <= start + amount.len()
                && amount.ends_with(|c: char| c.is_ascii_alphanumeric())
                && (1..=6).contains(&per.len())
                && per.chars().all(|c| c.is_ascii_alphabetic())
        });
        if chunk.contains("://")
            || chunk.contains("www.")
            || chunk.contains('@')
            || chunk.contains('#')
            || (chunk.contains('/') && !per_unit)
            || chunk.contains('_')
            || chunk.contains(".com")
        {
            return true;
        }
        let next = self.tok(i + 1);
        if next.is_some_and(|n| n.text == ":" && self.glued(i + 1))
            && self
                .tok(i + 2)
                .is_some_and(|n| n.kind == K::Num && self.glued(i + 2))
        {
            return true; // 10:30
        }
        if i > 1 && self.toks[i - 1].text == ":" && self.glued(i) && self.toks[i - 2].kind == K::Num
        {
            return true;
        }
        next.is_some_and(|n| {
            let w = n.lower();
            matches!(
                w,
                "a.m."
                    | "p.m."
                    | "am"
                    | "pm"
                    | "gmt"
                    | "utc"
                    | "et"
                    | "est"
                    | "edt"
                    | "pst"
                    | "o'clock"
                    | "o’clock"
            ) || (w == "a.m" || w == "p.m")
        })
    }
}

/// Lower-case words after which a number is a label, not an amount (`grade eight`,
/// `page 12`, `route 66`). Capitalised ones are names (see
/// `is_designation`).
/// `iPhone`, `iPad`, `eReader`: a product name written with a lower-case first letter.
fn is_camel_case(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.any(|c| c.is_ascii_lowercase())
}

fn is_label_noun(word: &str) -> bool {
    matches!(
        word,
        "grade"
            | "level"
            | "tier"
            | "stage"
            | "phase"
            | "page"
            | "pages"
            | "section"
            | "chapter"
            | "article"
            | "clause"
            | "paragraph"
            | "room"
            | "gate"
            | "platform"
            | "route"
            | "exit"
            | "suite"
            | "flight"
            | "channel"
            | "seat"
            | "row"
            | "pier"
            | "bus"
            | "block"
            | "floor"
            | "ward"
            | "district"
            | "junction"
            | "junctions"
            | "sections"
            | "chapters"
            | "platforms"
            | "gates"
            | "model"
            | "version"
            | "episode"
            | "number"
            | "no"
            | "no."
            | "nos"
            | "nos."
            | "bib"
            | "hole"
            | "lane"
            | "tranche"
    )
}

/// `I'm`, `it’s`, `they're`: a pronoun with its verb, capitalised only by position.
fn is_pronoun_contraction(word: &str) -> bool {
    word.split(['\'', '’']).nth(1).is_some()
        && matches!(
            word.split(['\'', '’']).next(),
            Some(
                "i" | "he"
                    | "she"
                    | "it"
                    | "we"
                    | "they"
                    | "you"
                    | "that"
                    | "there"
                    | "what"
                    | "who"
            )
        )
}

/// Street words that end an address after its house number (`10 Downing Street`).
fn is_street_word(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.'),
        "street"
            | "st"
            | "road"
            | "rd"
            | "avenue"
            | "ave"
            | "lane"
            | "boulevard"
            | "blvd"
            | "drive"
            | "dr"
            | "way"
            | "place"
            | "square"
            | "terrace"
            | "crescent"
            | "close"
            | "highway"
            | "hwy"
            | "parkway"
            | "row"
            | "gardens"
            | "walk"
            | "strasse"
            | "plaza"
    )
}

impl<'a> Scanner<'a> {
    /// Is the numeral at `i` no figure? Each test names what it is instead.
    pub(super) fn is_no_figure(&self, i: usize) -> bool {
        self.is_tail_of_glued_token(i)
            || self.is_designation(i)
            || self.is_link_or_time(i)
            || self.is_rank_or_label(i)
            || self.is_phone_number(i)
            || self.is_emergency_number(i)
            || self.has_model_suffix(i)
            || self.is_address(i)
            || self.is_second_day(i)
            || self.is_abbreviated_year(i)
            || self.is_in_a_date_range(i)
            || self.is_list_marker(i)
    }

    /// `1. Take the blankets off the bed`, `4) Ask for a quiet room`: a number opening a
    /// paragraph, with a full stop or a bracket, before a capitalised word, numbers a list.
    fn is_list_marker(&self, i: usize) -> bool {
        i == 0
            && self.toks[0].text.bytes().all(|b| b.is_ascii_digit())
            && self.toks[0].text.len() <= 2
            && self.tok(1).is_some_and(|t| matches!(t.text, "." | ")"))
            && self.glued(1)
            && self
                .tok(2)
                .is_some_and(|t| !self.glued(2) && t.text.starts_with(char::is_uppercase))
    }

    /// `XYZ4.75m`, `v1.2.3`, `5,00`: digits glued after a mark that is glued to a word or
    /// number are the tail of one token, not a number of their own.
    fn is_tail_of_glued_token(&self, i: usize) -> bool {
        i >= 2
            && self.glued(i)
            && matches!(self.toks[i - 1].text, "." | ",")
            && self.glued(i - 1)
            && self.toks[i - 2].kind != K::Punct
    }

    /// Ranks and labels: `world No 38`, `No. 1`, `number 12`, `top five`, `grade eight`,
    /// `page 12`.
    pub(super) fn is_rank_or_label(&self, i: usize) -> bool {
        let Some(before) = i.checked_sub(1).and_then(|k| self.word_at(k)) else {
            return false;
        };
        let percent_after = self.tok(i + 1).is_some_and(|t| t.text == "%")
            || self
                .word_at(i + 1)
                .is_some_and(|w| w == "percent" || w == "per");
        if matches!(before, "top" | "bottom") {
            return !percent_after;
        }
        // `between junctions 10 and 12`, `pages 4 to 6`: the second label of a pair.
        if matches!(before, "and" | "to" | "or")
            && i >= 3
            && self.toks[i - 2].kind == K::Num
            && self.word_at(i - 3).is_some_and(is_label_noun)
        {
            return true;
        }
        // `called the home number nine times`: how often, not a label.
        if self.word_at(i + 1) == Some("times") {
            return false;
        }
        let t = &self.toks[i];
        let small =
            t.kind == K::Word || t.text.len() <= 3 && t.text.bytes().all(|b| b.is_ascii_digit());
        // `Year 6 pupils`, `in Week 3`, `Game 7`: capitalised, these name a school year or a
        // fixture; in lower case they count (`a year 6 times`, not a label).
        let capitalised_label = matches!(before, "year" | "week" | "game" | "round")
            && self.toks[i - 1].text.starts_with(char::is_uppercase)
            && t.text.len() <= 2;
        (is_label_noun(before) || capitalised_label) && small && !percent_after
    }

    /// `737 Max jets`, `the 787 Dreamliner`: three digits before a model's name.
    fn has_model_suffix(&self, i: usize) -> bool {
        self.toks[i].text.len() >= 3
            && self.toks[i].text.bytes().all(|b| b.is_ascii_digit())
            && self.tok(i + 1).is_some_and(|t| {
                !self.glued(i + 1) && matches!(t.text, "Max" | "MAX" | "Dreamliner" | "Neo" | "neo")
            })
    }

    /// `Boeing 787`, `Airbus 380`: three digits or more right after a capitalised name.
    pub(super) fn names_a_model(&self, i: usize) -> bool {
        let t = &self.toks[i];
        self.has_model_suffix(i)
            || i > 0
                && t.text.len() >= 3
                && t.text.bytes().all(|b| b.is_ascii_digit())
                && !self.glued(i)
                && self.toks[i - 1].kind == K::Word
                && self.toks[i - 1].text.starts_with(char::is_uppercase)
                && !self.is_phone_number(i)
    }

    /// `1800 333 000`, `0207 946 0000`, `347-966-3806`: groups of digits in a row are a
    /// phone number (or a code), never several amounts (`400 737 jets` is two numbers).
    fn is_phone_number(&self, i: usize) -> bool {
        let plain = |k: usize| {
            self.tok(k)
                .is_some_and(|t| t.kind == K::Num && t.text.bytes().all(|b| b.is_ascii_digit()))
        };
        let spaced = |a: usize, b: usize| {
            plain(a)
                && plain(b)
                && self.body[self.toks[a].end..self.toks[b].start]
                    .bytes()
                    .all(|c| c == b' ')
        };
        // A hyphen chain of three groups: `347-966-3806`, `1-2-3`, `4-4-2`.
        let dash = |k: usize| self.tok(k).is_some_and(|t| t.text == "-") && self.glued(k);
        let chain_from = |k: usize| {
            plain(k)
                && dash(k + 1)
                && self.glued(k + 2)
                && plain(k + 2)
                && dash(k + 3)
                && self.glued(k + 4)
                && plain(k + 4)
        };
        // Two spaced groups are a number only when the first looks like a dialling code.
        let code = |k: usize| {
            let t = &self.toks[k].text;
            t.starts_with('0') || t.len() >= 4
        };
        let three = |k: usize| spaced(k, k + 1) && spaced(k + 1, k + 2);
        let phone_pair =
            |k: usize| spaced(k, k + 1) && (code(k) || three(k) || (k > 0 && spaced(k - 1, k)));
        plain(i)
            && (phone_pair(i)
                || (i > 0 && phone_pair(i - 1))
                || chain_from(i)
                || (i >= 2 && chain_from(i - 2))
                || (i >= 4 && chain_from(i - 4)))
    }

    /// `phoned 911`, `a 999 call`, `dial 112`: the number of an emergency line, dialled or
    /// naming a call, is no amount.
    fn is_emergency_number(&self, i: usize) -> bool {
        if !matches!(self.toks[i].text, "911" | "999" | "112") {
            return false;
        }
        let before = i.checked_sub(1).and_then(|k| self.word_at(k));
        let after = self.word_at(i + 1);
        matches!(
            before,
            Some(
                "call"
                    | "calls"
                    | "called"
                    | "calling"
                    | "phone"
                    | "phoned"
                    | "phoning"
                    | "dial"
                    | "dialled"
                    | "dialed"
                    | "dialling"
                    | "dialing"
                    | "ring"
                    | "rang"
            )
        ) || matches!(
            after,
            Some(
                "call"
                    | "calls"
                    | "caller"
                    | "callers"
                    | "operator"
                    | "operators"
                    | "dispatcher"
                    | "dispatchers"
                    | "emergency"
                    | "line"
                    | "service"
                    | "services"
                    | "system"
                    | "centre"
                    | "center"
            )
        )
    }

    /// `10 Downing Street`, `520 Third Street`: a house number before a capitalised street
    /// name.
    fn is_address(&self, i: usize) -> bool {
        if !self.toks[i].text.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        (i + 1..i + 4)
            .take_while(|&k| {
                self.tok(k)
                    .is_some_and(|t| t.kind == K::Word && t.text.starts_with(char::is_uppercase))
            })
            .any(|k| is_street_word(self.toks[k].low))
    }

    /// `180 Kent Street`: the house number and the street's first word (`180 Kent`), by
    /// which the article may name the building later.
    pub(super) fn address_at(&self, i: usize) -> Option<&'a str> {
        if !self.is_address(i) {
            return None;
        }
        let street = self.tok(i + 1)?;
        self.body.get(self.toks[i].start..street.end)
    }

    /// `on July 9 and 10`: the second day of a month named before the first.
    fn is_second_day(&self, i: usize) -> bool {
        let day = |k: usize| {
            self.tok(k).is_some_and(|t| {
                t.kind == K::Num
                    && t.text.len() <= 2
                    && t.text.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
            })
        };
        i >= 3
            && day(i)
            && matches!(self.word_at(i - 1), Some("and" | "or"))
            && day(i - 2)
            && month(self.toks[i - 3].text).is_some()
            && !self
                .word_at(i + 1)
                .is_some_and(|w| !is_time_unit(w) && w.ends_with('s'))
    }

    /// `summer ’80`, `class of '05`: a year with its century elided.
    fn is_abbreviated_year(&self, i: usize) -> bool {
        i > 0
            && self.glued(i)
            && matches!(self.toks[i - 1].text, "’" | "'" | "‘")
            && self.toks[i].text.len() == 2
            && (i < 2 || !self.glued(i - 1))
    }

    /// `the 2019-20 season`, `1999-2000`, `3-7 March`: the second year of a season or the
    /// days of a date range.
    fn is_in_a_date_range(&self, i: usize) -> bool {
        let dash = |k: usize| {
            self.tok(k)
                .is_some_and(|t| matches!(t.text, "-" | "–" | "/"))
        };
        let year = |k: usize| {
            self.tok(k).is_some_and(|t| {
                t.kind == K::Num
                    && t.text.len() == 4
                    && t.text
                        .parse::<u32>()
                        .is_ok_and(|y| (1000..=2999).contains(&y))
            })
        };
        let after_year = i >= 2 && dash(i - 1) && self.glued(i - 1) && self.glued(i) && year(i - 2);
        let before_month = dash(i + 1)
            && self.glued(i + 1)
            && self.glued(i + 2)
            && self.tok(i + 2).is_some_and(|t| t.kind == K::Num)
            && self
                .tok(i + 3)
                .is_some_and(|t| month(t.text).is_some() && t.text.starts_with(char::is_uppercase));
        after_year || before_month
    }
}
