//! Reading numbers as news writes them: numerals with separators (`900,000`, `3.6`), number
//! words (`five`, `twenty-two`, `a dozen`), scale words (`3.6 million`) and month names.

/// The value of a numeral written with `,` thousands separators and a `.` decimal point.
pub(crate) fn numeral_value(text: &str) -> Option<f64> {
    // Most numerals have no separator: parsed as they are, without a copy.
    if !text.as_bytes().contains(&b',') {
        return text.parse().ok();
    }
    let digits: String = text.chars().filter(|&c| c != ',').collect();
    digits.parse().ok()
}

/// Number words below twenty, each at the index of its value.
const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

const TENS: [(&str, f64); 8] = [
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
];

/// Vague quantities and their order of magnitude.
const VAGUE: [(&str, f64); 8] = [
    ("dozens", 12.0),
    ("scores", 20.0),
    ("hundreds", 1e2),
    ("thousands", 1e3),
    ("tens", 10.0),
    ("millions", 1e6),
    ("billions", 1e9),
    ("trillions", 1e12),
];

const ORDINALS: [(&str, f64); 14] = [
    ("first", 1.0),
    ("second", 2.0),
    ("third", 3.0),
    ("fourth", 4.0),
    ("fifth", 5.0),
    ("sixth", 6.0),
    ("seventh", 7.0),
    ("eighth", 8.0),
    ("ninth", 9.0),
    ("tenth", 10.0),
    ("eleventh", 11.0),
    ("twelfth", 12.0),
    ("twentieth", 20.0),
    ("hundredth", 100.0),
];

/// Denominators of fractions (`a third`, `two-thirds`, `three-quarters`, `half`).
const DENOMINATORS: [(&str, f64); 20] = [
    ("half", 2.0),
    ("halves", 2.0),
    ("third", 3.0),
    ("thirds", 3.0),
    ("quarter", 4.0),
    ("quarters", 4.0),
    ("fourth", 4.0),
    ("fourths", 4.0),
    ("fifth", 5.0),
    ("fifths", 5.0),
    ("sixth", 6.0),
    ("sixths", 6.0),
    ("seventh", 7.0),
    ("sevenths", 7.0),
    ("eighth", 8.0),
    ("eighths", 8.0),
    ("ninth", 9.0),
    ("ninths", 9.0),
    ("tenth", 10.0),
    ("tenths", 10.0),
];

/// Multipliers: `double the size`, `threefold`, `a tenfold rise`.
const MULTIPLIERS: [(&str, f64); 12] = [
    ("double", 2.0),
    ("triple", 3.0),
    ("treble", 3.0),
    ("quadruple", 4.0),
    ("twofold", 2.0),
    ("threefold", 3.0),
    ("fourfold", 4.0),
    ("fivefold", 5.0),
    ("sixfold", 6.0),
    ("tenfold", 10.0),
    ("hundredfold", 100.0),
    ("thousandfold", 1000.0),
];

/// The denominator a fraction word names (`third` → 3, `quarters` → 4, `half` → 2).
pub(crate) fn denominator(word: &str) -> Option<f64> {
    look_up(&DENOMINATORS, word)
}

/// The factor of a multiplier word (`double` → 2, `threefold` → 3).
pub(crate) fn multiplier(word: &str) -> Option<f64> {
    look_up(&MULTIPLIERS, word)
}

fn look_up(table: &[(&str, f64)], word: &str) -> Option<f64> {
    table.iter().find(|(w, _)| *w == word).map(|&(_, v)| v)
}

/// Number words from zero to ninety (`twenty-two` included).
pub(crate) fn small_number_word(word: &str) -> Option<f64> {
    // Number words are 3 to 9 letters (`one` … `seventeen`) or hyphenated.
    if word.len() < 3 || word.len() > 9 && !word.contains('-') {
        return None;
    }
    let unit = |w: &str| UNITS.iter().position(|&u| u == w).map(|n| n as f64);
    let tens = |w: &str| look_up(&TENS, w);
    // A byte scan: `split_once` searches with memchr, slow on words this short.
    if let Some(h) = word.bytes().position(|b| b == b'-') {
        // `twenty-two`; not `twenty-seventeen` (a year read aloud), which is no sum.
        let ones = unit(&word[h + 1..]).filter(|u| (1.0..10.0).contains(u))?;
        return Some(tens(&word[..h])? + ones);
    }
    unit(word).or_else(|| tens(word))
}

/// Scale words after a number (`million`, `bn`, `k`).
pub(crate) fn scale_word(word: &str) -> Option<f64> {
    Some(match word.trim_end_matches('.') {
        "hundred" => 1e2,
        "thousand" | "k" => 1e3,
        "million" | "mn" | "mln" | "m" | "mil" => 1e6,
        "billion" | "bn" | "bln" | "b" => 1e9,
        "trillion" | "tn" | "trn" => 1e12,
        "dozen" => 12.0,
        // South Asian scales: a lakh is a hundred thousand, a crore ten million.
        "lakh" | "lakhs" => 1e5,
        "crore" | "crores" => 1e7,
        _ => return None,
    })
}

/// Vague quantities (`dozens`, `hundreds`, `millions`) and their order of magnitude.
pub(crate) fn vague_quantity(word: &str) -> Option<f64> {
    look_up(&VAGUE, word)
}

/// Ordinal words and numerals (`second`, `3rd`).
pub(crate) fn ordinal_word(word: &str) -> Option<f64> {
    look_up(&ORDINALS, word)
}

/// For each initial letter, the lengths (as bits) of the words in the tables above (and
/// `a` and `an`, as in `a dozen`, `an hour`).
const NUMBER_WORD_SHAPES: [u32; 26] = {
    let mut shapes = [0u32; 26];
    shapes[0] |= (1 << 1) | (1 << 2); // a, an
    let mut k = 0;
    while k < UNITS.len() {
        shapes = with_shape(shapes, UNITS[k]);
        k += 1;
    }
    // Of the denominators only `half` stands alone (`a third` is read from `a`,
    // `two-thirds` from `two`).
    shapes = with_shape(shapes, "half");
    let tables: [&[(&str, f64)]; 4] = [&TENS, &VAGUE, &ORDINALS, &MULTIPLIERS];
    let mut t = 0;
    while t < tables.len() {
        let mut k = 0;
        while k < tables[t].len() {
            shapes = with_shape(shapes, tables[t][k].0);
            k += 1;
        }
        t += 1;
    }
    shapes
};

const fn with_shape(mut shapes: [u32; 26], word: &str) -> [u32; 26] {
    let w = word.as_bytes();
    shapes[(w[0] - b'a') as usize] |= 1 << w.len();
    shapes
}

/// A quick test, run on every word: can the lower-case `word` be `a`, a number word, a
/// vague quantity, an ordinal, `half` or a multiplier (`nine-year`, `two-thirds` and
/// `twenty-two` included)? Most words are not.
pub(crate) fn may_be_a_number_word(word: &str) -> bool {
    let Some(&first) = word.as_bytes().first() else {
        return false;
    };
    if !first.is_ascii_lowercase() || word.len() > 24 {
        return false;
    }
    // `nine-year`, `two-thirds`, `five-and-a-half`: hyphenated, the first part must pass.
    let len = word.bytes().position(|b| b == b'-').unwrap_or(word.len());
    len < 32 && NUMBER_WORD_SHAPES[(first - b'a') as usize] & (1 << len) != 0
}

/// `January`, `Jan.`, `Sept.` → month number.
pub(crate) fn month(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.');
    // Every month name starts with one of these letters.
    let initial = w.as_bytes().first()?.to_ascii_uppercase();
    if !(3..=9).contains(&w.len()) || !b"JFMASOND".contains(&initial) {
        return None;
    }
    const MONTHS: &[(&str, u8)] = &[
        ("january", 1),
        ("jan", 1),
        ("february", 2),
        ("feb", 2),
        ("march", 3),
        ("mar", 3),
        ("april", 4),
        ("apr", 4),
        ("may", 5),
        ("june", 6),
        ("jun", 6),
        ("july", 7),
        ("jul", 7),
        ("august", 8),
        ("aug", 8),
        ("september", 9),
        ("sept", 9),
        ("sep", 9),
        ("october", 10),
        ("oct", 10),
        ("november", 11),
        ("nov", 11),
        ("december", 12),
        ("dec", 12),
    ];
    // Lowered on the stack (no allocation: this runs on every capitalised word).
    let mut buf = [0u8; 9];
    buf[..w.len()].copy_from_slice(w.as_bytes());
    buf[..w.len()].make_ascii_lowercase();
    let lower = std::str::from_utf8(&buf[..w.len()]).ok()?;
    MONTHS
        .iter()
        .find(|(name, _)| *name == lower)
        .map(|&(_, m)| m)
}

/// Words of time that make a count a duration.
pub(crate) fn is_time_unit(word: &str) -> bool {
    matches!(
        word.trim_end_matches('s'),
        "second"
            | "minute"
            | "hour"
            | "day"
            | "week"
            | "month"
            | "year"
            | "decade"
            | "century"
            | "centurie"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_words_and_numerals() {
        assert_eq!(numeral_value("900,000"), Some(900_000.0));
        assert_eq!(numeral_value("3.6"), Some(3.6));
        assert_eq!(small_number_word("twenty-two"), Some(22.0));
        assert_eq!(small_number_word("nine"), Some(9.0));
        assert_eq!(small_number_word("nine-year"), None);
        assert_eq!(scale_word("million"), Some(1e6));
        assert_eq!(month("Sept."), Some(9));
        assert!(is_time_unit("months"));
    }

    #[test]
    fn the_quick_test_lets_every_number_word_through() {
        let mut words: Vec<String> = UNITS.iter().map(|w| w.to_string()).collect();
        for (table, _) in [
            (&TENS[..], 0),
            (&VAGUE[..], 0),
            (&ORDINALS[..], 0),
            (&MULTIPLIERS[..], 0),
        ] {
            words.extend(table.iter().map(|(w, _)| w.to_string()));
        }
        words
            .extend(["a", "an", "half", "twenty-two", "nine-year", "two-thirds"].map(String::from));
        for word in &words {
            assert!(may_be_a_number_word(word), "{word}");
        }
        for word in ["said", "because", "government", "", "A", "élan", "Two"] {
            assert!(!may_be_a_number_word(word), "{word}");
        }
        assert_eq!(vague_quantity("dozens"), Some(12.0));
        assert_eq!(ordinal_word("hundredth"), Some(100.0));
        assert_eq!(small_number_word("nineteen"), Some(19.0));
    }
}
