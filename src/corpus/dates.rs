//! Dates as files write them: `2020-02-28`, `2020-02-28T14:03:00Z`, `2020/02/28`,
//! `Fri, 28 Feb 2020 14:03:00 GMT`, `February 28, 2020`, `28 February 2020`.
//! Only the calendar day is kept.

use super::article::Date;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Reads the calendar day from a date as found in metadata; `None` when it is not one.
pub fn parse_loose(text: &str) -> Option<Date> {
    let text = text.trim();
    if let Some(date) = numeric(text) {
        return Some(date);
    }
    with_month_name(text)
}

/// `YYYY-MM-DD` or `YYYY/MM/DD`, optionally followed by a time (`T…` or ` …`).
fn numeric(text: &str) -> Option<Date> {
    let head = text.get(..10)?;
    let rest = &text[10..];
    if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
        return None;
    }
    Date::parse_iso(&head.replace('/', "-"))
}

/// A day, a month name and a four-digit year in any order ("Feb 28, 2020").
fn with_month_name(text: &str) -> Option<Date> {
    let mut day = None;
    let mut month = None;
    let mut year = None;
    for word in text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .filter(|w| !w.is_empty())
        .take(8)
    {
        let lower = word.to_ascii_lowercase();
        if let Some(m) = MONTHS.iter().position(|m| lower.starts_with(m)) {
            month.get_or_insert(m as u8 + 1);
            continue;
        }
        let digits = lower.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        match digits.len() {
            1 | 2 => {
                day.get_or_insert(digits.parse().ok()?);
            }
            4 => {
                year.get_or_insert(digits.parse().ok()?);
            }
            _ => {}
        }
    }
    Date::new(year?, month?, day?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usual_forms() {
        let d = Date::new(2020, 2, 28);
        for text in [
            "2020-02-28",
            "2020-02-28T14:03:00Z",
            "2020-02-28 14:03",
            "2020/02/28",
            "Fri, 28 Feb 2020 14:03:00 GMT",
            "February 28, 2020",
            "28th February 2020",
        ] {
            assert_eq!(parse_loose(text), d, "{text}");
        }
    }

    #[test]
    fn non_dates() {
        for text in [
            "",
            "yesterday",
            "2020-02-30",
            "2020-02-281",
            "Feb 2020",
            "9999",
        ] {
            assert_eq!(parse_loose(text), None, "{text}");
        }
    }
}
