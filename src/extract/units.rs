//! Units and currencies as news writes them next to a number: glued (`512GB`, `70mph`,
//! `2.4pc`, `85p`, `CHF40`) or as separate words (`9.3 km`, `3,000 Danish kroner`), each
//! with the name a reader understands (`gigabytes`, `miles per hour`, `Swiss francs`).

/// What a unit makes of the number before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnitKind {
    /// A physical measure (`kilometres`, `gigabytes`, `degrees Celsius`).
    Measure,
    /// `2.4pc` is a percentage.
    Percent,
    /// `85p` is money (pence).
    Money,
}

/// Abbreviations of physical units, lower case, and the name a reader understands. `m` is
/// not here: after a number it is metres or millions, which the context decides.
fn abbreviation_name(word: &str) -> Option<&'static str> {
    Some(match word {
        "gb" => "gigabytes",
        "tb" => "terabytes",
        "mb" => "megabytes",
        "kb" => "kilobytes",
        "gbps" => "gigabits per second",
        "mbps" => "megabits per second",
        "kbps" => "kilobits per second",
        "mph" => "miles per hour",
        "kph" | "kmh" => "kilometres per hour",
        "km" => "kilometres",
        "cm" => "centimetres",
        "mm" => "millimetres",
        "nm" => "nanometres",
        "ft" => "feet",
        "kg" | "kgs" => "kilograms",
        "g" => "grams",
        "mg" => "milligrams",
        "lb" | "lbs" => "pounds (weight)",
        "oz" => "ounces",
        "l" => "litres",
        "ml" => "millilitres",
        "kw" => "kilowatts",
        "kwh" => "kilowatt-hours",
        "mw" => "megawatts",
        "mwh" => "megawatt-hours",
        "gw" => "gigawatts",
        "gwh" => "gigawatt-hours",
        "twh" => "terawatt-hours",
        "w" => "watts",
        "v" => "volts",
        "mah" => "milliamp-hours",
        "hz" => "hertz",
        "khz" => "kilohertz",
        "mhz" => "megahertz",
        "ghz" => "gigahertz",
        "bhp" => "brake horsepower",
        "hp" => "horsepower",
        "ha" => "hectares",
        "sqm" => "square metres",
        "sq" => "square",
        "mp" => "megapixels",
        _ => return None,
    })
}

/// Units written out after a number (`100 metres`, `two miles`), singular or plural.
fn word_unit(singular: &str) -> Option<&'static str> {
    Some(match singular {
        "metre" | "meter" => "metres",
        "kilometre" | "kilometer" => "kilometres",
        "centimetre" | "centimeter" => "centimetres",
        "millimetre" | "millimeter" => "millimetres",
        "mile" => "miles",
        "yard" => "yards",
        "feet" | "foot" => "feet",
        "inch" | "inche" => "inches",
        "kilogram" | "kilogramme" | "kilo" => "kilograms",
        "gram" | "gramme" => "grams",
        "tonne" => "tonnes",
        "ton" => "tons",
        "ounce" => "ounces",
        "litre" | "liter" => "litres",
        "gallon" => "gallons",
        "acre" => "acres",
        "hectare" => "hectares",
        "knot" => "knots",
        "megawatt" => "megawatts",
        "gigawatt" => "gigawatts",
        "kilowatt" => "kilowatts",
        "watt" => "watts",
        "terabyte" => "terabytes",
        "gigabyte" => "gigabytes",
        "megabyte" => "megabytes",
        "calorie" => "calories",
        "decibel" => "decibels",
        "barrel" => "barrels",
        _ => return None,
    })
}

/// A unit glued to a number (`512GB`, `2.4pc`, `85p`), as written: a one-letter unit only
/// in lower case (`4G` is a generation, `3D` a dimension, `20g` grams).
pub(crate) fn glued_unit(written: &str) -> Option<(UnitKind, &'static str)> {
    if written.len() == 1 && written.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let lower = written.to_ascii_lowercase();
    let suffix = lower.as_str();
    match suffix {
        "pc" | "pct" => return Some((UnitKind::Percent, "percent")),
        "p" => return Some((UnitKind::Money, "pence")),
        _ => {}
    }
    abbreviation(suffix).map(|name| (UnitKind::Measure, name))
}

/// A unit abbreviation (`km`, `mph`, `GB`), from its lower case.
pub(crate) fn abbreviation(word: &str) -> Option<&'static str> {
    abbreviation_name(word.trim_end_matches('.'))
}

/// A unit word or abbreviation written after a number (`metres`, `km`), as a reader names it.
pub(crate) fn measure_word(word: &str) -> Option<&'static str> {
    if let Some(name) = abbreviation(word).filter(|_| word.len() > 1) {
        return Some(name);
    }
    let singular = word
        .strip_suffix("es")
        .filter(|s| s.ends_with("inch"))
        .or_else(|| word.strip_suffix('s'))
        .unwrap_or(word);
    word_unit(singular).or_else(|| word_unit(word))
}

/// ISO currency codes written before or after a number (`CHF40`, `EUR 300`, `12 CAD
/// million`); upper case only, so that words (`try`, `won`) are not read as codes.
pub(crate) fn currency_code(code: &str) -> Option<&'static str> {
    Some(match code {
        "USD" => "US dollars",
        "EUR" => "euros",
        "GBP" => "pounds",
        "JPY" => "yen",
        "CHF" => "Swiss francs",
        "CAD" => "Canadian dollars",
        "AUD" => "Australian dollars",
        "NZD" => "New Zealand dollars",
        "SGD" => "Singapore dollars",
        "HKD" => "Hong Kong dollars",
        "CNY" | "RMB" => "yuan",
        "INR" => "rupees",
        "PKR" => "Pakistani rupees",
        "ZAR" => "rand",
        "SEK" => "Swedish kronor",
        "NOK" => "Norwegian kroner",
        "DKK" => "Danish kroner",
        "KRW" => "won",
        "BRL" => "reais",
        "MXN" => "Mexican pesos",
        "RUB" => "rubles",
        "TRY" => "lira",
        "AED" => "dirhams",
        "SAR" => "riyals",
        "PLN" => "zloty",
        "NGN" => "naira",
        "KES" => "Kenyan shillings",
        "IDR" => "rupiah",
        "MYR" => "ringgit",
        "THB" => "baht",
        "ILS" => "shekels",
        "EGP" => "Egyptian pounds",
        "NAD" => "Namibian dollars",
        _ => return None,
    })
}

/// Letters written before an amount for currencies whose sign is a letter or two: `R4bn`
/// (rand), `Rs 24 lakh` (rupees), `RM6.1 million` (ringgit), `Rp500,000` (rupiah), `KSh200`
/// (Kenyan shillings). A lone `R` names rand only glued to an amount with a scale or
/// separators (the scanner checks), as `R2` is more often a name.
pub(crate) fn currency_prefix(letters: &str) -> Option<&'static str> {
    Some(match letters {
        "R" => "rand",
        "Rs" => "rupees",
        "RM" => "ringgit",
        "Rp" => "rupiah",
        "KSh" | "Ksh" => "Kenyan shillings",
        "TSh" | "Tsh" => "Tanzanian shillings",
        "USh" => "Ugandan shillings",
        "Dh" | "Dhs" => "dirhams",
        _ => return None,
    })
}

/// Currency words written after a number (`5 dollars`, `250 pence`, `3,000 kroner`).
/// `won` only counts after a scale word or a nationality (`4 billion won`), which the
/// caller checks: after a bare number it is a verb.
pub(crate) fn currency_word(word: &str) -> Option<&'static str> {
    Some(match word {
        "dollar" | "dollars" | "usd" | "bucks" => "dollars",
        "euro" | "euros" | "eur" => "euros",
        "pound" | "pounds" | "sterling" | "gbp" | "quid" => "pounds",
        "pence" | "penny" => "pence",
        "yen" | "jpy" => "yen",
        "yuan" | "renminbi" | "rmb" => "yuan",
        "rupee" | "rupees" => "rupees",
        "ruble" | "rubles" | "rouble" | "roubles" => "rubles",
        "lira" | "liras" | "lire" => "lira",
        "cent" | "cents" => "cents",
        "franc" | "francs" => "francs",
        "peso" | "pesos" => "pesos",
        "won" => "won",
        "krone" | "kroner" | "krona" | "kronor" => "kroner",
        "rand" => "rand",
        "real" | "reais" => "reais",
        "ringgit" => "ringgit",
        "baht" => "baht",
        "dirham" | "dirhams" => "dirhams",
        "riyal" | "riyals" | "rial" | "rials" => "riyals",
        "shekel" | "shekels" => "shekels",
        "zloty" | "zlotys" => "zloty",
        "forint" | "forints" => "forints",
        "naira" => "naira",
        "shilling" | "shillings" => "shillings",
        "dinar" | "dinars" => "dinars",
        "rupiah" => "rupiah",
        "kwacha" => "kwacha",
        "cedi" | "cedis" => "cedis",
        "birr" => "birr",
        _ => return None,
    })
}

/// Currency signs before a number (`$`, `US$`, `£`, `€`) or after it (`40 €`).
pub(crate) fn currency_sign(sign: &str) -> Option<&'static str> {
    Some(match sign {
        "$" | "US$" => "dollars",
        "A$" => "Australian dollars",
        "C$" => "Canadian dollars",
        "HK$" => "Hong Kong dollars",
        "NZ$" => "New Zealand dollars",
        "S$" => "Singapore dollars",
        "R$" => "reais",
        "£" => "pounds",
        "€" => "euros",
        "¥" => "yen",
        "₹" => "rupees",
        "₽" => "rubles",
        "₺" => "lira",
        "₩" => "won",
        "₦" => "naira",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_have_names_a_reader_understands() {
        assert_eq!(glued_unit("GB"), Some((UnitKind::Measure, "gigabytes")));
        assert_eq!(glued_unit("G"), None);
        assert_eq!(glued_unit("g"), Some((UnitKind::Measure, "grams")));
        assert_eq!(
            glued_unit("mph"),
            Some((UnitKind::Measure, "miles per hour"))
        );
        assert_eq!(glued_unit("pc"), Some((UnitKind::Percent, "percent")));
        assert_eq!(glued_unit("p"), Some((UnitKind::Money, "pence")));
        assert_eq!(glued_unit("m"), None);
        assert_eq!(measure_word("metres"), Some("metres"));
        assert_eq!(measure_word("inches"), Some("inches"));
        assert_eq!(measure_word("km"), Some("kilometres"));
        assert_eq!(measure_word("people"), None);
        assert_eq!(currency_code("CHF"), Some("Swiss francs"));
        assert_eq!(currency_code("try"), None);
        assert_eq!(currency_word("kroner"), Some("kroner"));
        assert_eq!(currency_sign("NZ$"), Some("New Zealand dollars"));
    }
}
