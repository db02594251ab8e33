//! Reading numbers as news writes them: numerals with separators (`900,000`, `3.6`), number
//! words (`five`, `twenty-two`, `a dozen`), scale words (`3.6 million`) and month names.

/// The value of a numeral written with `,` thousands separators and a `.` decimal point.
pub(crate) fn numeral_value(text: &str) -> Option<f64> {
    let digits: String = text.chars().filter(|&c| c != ',').collect();
    digits.parse().ok()
}

/// Number words from zero to ninety (`twenty-two` included).
pub(crate) fn small_number_word(word: &str) -> Option<f64> {
    let unit = |w: &str| -> Option<f64> {
        Some(match w {
            "zero" => 0.0,
            "one" => 1.0,
            "two" => 2.0,
            "three" => 3.0,
            "four" => 4.0,
            "five" => 5.0,
            "six" => 6.0,
            "seven" => 7.0,
            "eight" => 8.0,
            "nine" => 9.0,
            "ten" => 10.0,
            "eleven" => 11.0,
            "twelve" => 12.0,
            "thirteen" => 13.0,
            "fourteen" => 14.0,
            "fifteen" => 15.0,
            "sixteen" => 16.0,
            "seventeen" => 17.0,
            "eighteen" => 18.0,
            "nineteen" => 19.0,
            _ => return None,
        })
    };
    let tens = |w: &str| -> Option<f64> {
        Some(match w {
            "twenty" => 20.0,
            "thirty" => 30.0,
            "forty" => 40.0,
            "fifty" => 50.0,
            "sixty" => 60.0,
            "seventy" => 70.0,
            "eighty" => 80.0,
            "ninety" => 90.0,
            _ => return None,
        })
    };
    if let Some((a, b)) = word.split_once('-') {
        return Some(tens(a)? + unit(b)?);
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
        _ => return None,
    })
}

/// Vague quantities (`dozens`, `hundreds`, `millions`) and their order of magnitude.
pub(crate) fn vague_quantity(word: &str) -> Option<f64> {
    Some(match word {
        "dozens" => 12.0,
        "scores" => 20.0,
        "hundreds" => 1e2,
        "thousands" => 1e3,
        "tens" => 10.0,
        "millions" => 1e6,
        "billions" => 1e9,
        "trillions" => 1e12,
        _ => return None,
    })
}

/// Ordinal words and numerals (`second`, `3rd`).
pub(crate) fn ordinal_word(word: &str) -> Option<f64> {
    Some(match word {
        "first" => 1.0,
        "second" => 2.0,
        "third" => 3.0,
        "fourth" => 4.0,
        "fifth" => 5.0,
        "sixth" => 6.0,
        "seventh" => 7.0,
        "eighth" => 8.0,
        "ninth" => 9.0,
        "tenth" => 10.0,
        "eleventh" => 11.0,
        "twelfth" => 12.0,
        "twentieth" => 20.0,
        "hundredth" => 100.0,
        _ => return None,
    })
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
    MONTHS
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(w))
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

/// Currency words after a number (`5 dollars`, `20 euros`) and their name.
pub(crate) fn currency_word(word: &str) -> Option<&'static str> {
    Some(match word {
        "dollar" | "dollars" | "usd" | "bucks" => "dollars",
        "euro" | "euros" | "eur" => "euros",
        "pound" | "pounds" | "sterling" | "gbp" => "pounds",
        "yen" | "jpy" => "yen",
        "yuan" | "renminbi" | "rmb" => "yuan",
        "rupee" | "rupees" => "rupees",
        "ruble" | "rubles" | "rouble" | "roubles" => "rubles",
        "lira" | "liras" | "lire" => "lira",
        "cent" | "cents" => "cents",
        "franc" | "francs" => "francs",
        "peso" | "pesos" => "pesos",
        "won" => "won",
        _ => return None,
    })
}

/// Currency signs before a number (`$`, `US$`, `£`, `€`).
pub(crate) fn currency_sign(sign: &str) -> Option<&'static str> {
    Some(match sign {
        "$" | "US$" | "A$" | "C$" | "HK$" | "NZ$" | "S$" => "dollars",
        "£" => "pounds",
        "€" => "euros",
        "¥" => "yen",
        "₹" => "rupees",
        "₽" => "rubles",
        "₺" => "lira",
        _ => return None,
    })
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
}
