//! Date-time conversions the formats need: RFC 3339 in (from other producers) and out, all
//! in UTC, and the "Saturday, November 21, 2026 12:44:50 PM" form of Kindle clippings, in
//! local time as Kindles write it (the time zone of the machine: `TZ`, else the system's).

use crate::store::timestamp::format_unix;

const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn valid_date(year: i64, month: i64, day: i64) -> bool {
    let Ok(year32) = i32::try_from(year) else {
        return false;
    };
    let (Ok(month), Ok(day)) = (u8::try_from(month), u8::try_from(day)) else {
        return false;
    };
    crate::corpus::Date::new(year32, month, day).is_some()
}

fn seconds(year: i64, month: i64, day: i64, hour: i64, minute: i64, second: i64) -> Option<i64> {
    if !(0..=9999).contains(&year)
        || !valid_date(year, month, day)
        || !(0..24).contains(&hour)
        || !(0..60).contains(&minute)
        || !(0..=60).contains(&second)
    {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second.min(59))
}

fn number(text: &str) -> Option<i64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) || text.len() > 4 {
        return None;
    }
    text.parse().ok()
}

/// Seconds since the epoch of an RFC 3339 / xsd:dateTime value: `YYYY-MM-DDTHH:MM:SS`,
/// optional fraction, then `Z` or `±HH:MM`. A value without a zone is read as UTC.
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    let text = text.trim();
    let (date, rest) = text.split_at_checked(10)?;
    let mut parts = date.split('-');
    let (year, month, day) = (
        number(parts.next()?)?,
        number(parts.next()?)?,
        number(parts.next()?)?,
    );
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    let (clock, zone) = rest.split_at_checked(8)?;
    let mut parts = clock.split(':');
    let (hour, minute, second) = (
        number(parts.next()?)?,
        number(parts.next()?)?,
        number(parts.next()?)?,
    );
    let zone = match zone.strip_prefix('.') {
        Some(fraction) => fraction.trim_start_matches(|c: char| c.is_ascii_digit()),
        None => zone,
    };
    let offset = match zone {
        "" | "Z" | "z" => 0,
        _ => {
            let sign = match zone.as_bytes().first() {
                Some(b'+') => 1,
                Some(b'-') => -1,
                _ => return None,
            };
            let (h, m) = zone.get(1..)?.split_once(':')?;
            let (h, m) = (number(h)?, number(m)?);
            if h > 23 || m > 59 {
                return None;
            }
            sign * (h * 3600 + m * 60)
        }
    };
    let utc = seconds(year, month, day, hour, minute, second)? - offset;
    // In UTC the time must still have a four-digit year, or it could not be written back.
    let range = days_from_civil(0, 1, 1) * 86_400..days_from_civil(10_000, 1, 1) * 86_400;
    range.contains(&utc).then_some(utc)
}

/// An RFC 3339 value from another producer, as the store writes them
/// (`2026-11-21T12:44:50Z`); `None` when it cannot be read.
pub fn normalize_rfc3339(text: &str) -> Option<String> {
    parse_rfc3339(text).map(format_unix)
}

/// Seconds to add to a UTC time at `utc_secs` to get the local time there.
pub fn local_offset(utc_secs: i64) -> i64 {
    use chrono::{Local, Offset, TimeZone};
    Local
        .timestamp_opt(utc_secs, 0)
        .single()
        .map_or(0, |t| i64::from(t.offset().fix().local_minus_utc()))
}

/// `Saturday, November 21, 2026 12:44:50 PM` in local time (what Kindles write after
/// "Added on").
pub fn kindle_format(rfc3339: &str) -> Option<String> {
    kindle_format_in(rfc3339, &local_offset)
}

/// [`kindle_format`] in the zone whose offset at a UTC time `offset` gives.
pub fn kindle_format_in(rfc3339: &str, offset: &dyn Fn(i64) -> i64) -> Option<String> {
    let utc = parse_rfc3339(rfc3339)?;
    let secs = utc + offset(utc);
    let days = secs.div_euclid(86_400);
    let in_day = secs.rem_euclid(86_400);
    let weekday = WEEKDAYS[usize::try_from((days + 4).rem_euclid(7)).ok()?];
    let stamp = format_unix(secs);
    let year = stamp.get(0..4)?;
    let month: usize = stamp.get(5..7)?.parse().ok()?;
    let day: u8 = stamp.get(8..10)?.parse().ok()?;
    let (hour, minute, second) = (in_day / 3600, in_day % 3600 / 60, in_day % 60);
    let (hour12, half) = match hour {
        0 => (12, "AM"),
        1..=11 => (hour, "AM"),
        12 => (12, "PM"),
        _ => (hour - 12, "PM"),
    };
    Some(format!(
        "{weekday}, {} {day}, {year} {hour12}:{minute:02}:{second:02} {half}",
        MONTHS.get(month.checked_sub(1)?)?
    ))
}

/// Reads the date after "Added on" in a clipping: the US form (`Saturday, November 21,
/// 2026 12:44:50 PM`) or the day-first form (`Saturday, 21 November 2026 12:44:50`), as
/// local time. Returns RFC 3339 in UTC.
pub fn parse_kindle(text: &str) -> Option<String> {
    parse_kindle_in(text, &local_offset)
}

/// [`parse_kindle`] in the zone whose offset at a UTC time `offset` gives.
pub fn parse_kindle_in(text: &str, offset: &dyn Fn(i64) -> i64) -> Option<String> {
    let text = text.trim();
    let after_weekday = match text.split_once(", ") {
        Some((weekday, rest)) if WEEKDAYS.iter().any(|w| w.eq_ignore_ascii_case(weekday)) => rest,
        _ => text,
    };
    let words: Vec<&str> = after_weekday
        .split([' ', ','])
        .filter(|w| !w.is_empty())
        .collect();
    let month_of = |word: &str| {
        MONTHS
            .iter()
            .position(|m| m.eq_ignore_ascii_case(word))
            .map(|i| i as i64 + 1)
    };
    let (month, day, year, clock, half) = match words.as_slice() {
        [m, d, y, clock, rest @ ..] if month_of(m).is_some() => (
            month_of(m)?,
            number(d)?,
            number(y)?,
            *clock,
            rest.first().copied(),
        ),
        [d, m, y, clock, rest @ ..] => (
            month_of(m)?,
            number(d)?,
            number(y)?,
            *clock,
            rest.first().copied(),
        ),
        _ => return None,
    };
    let mut parts = clock.split(':');
    let mut hour = number(parts.next()?)?;
    let minute = number(parts.next()?)?;
    let second = parts.next().map_or(Some(0), number)?;
    match half.map(str::to_ascii_uppercase).as_deref() {
        Some("AM") if (1..=12).contains(&hour) => hour %= 12,
        Some("PM") if (1..=12).contains(&hour) => hour = hour % 12 + 12,
        Some("AM" | "PM") => return None,
        _ => {}
    }
    let local = seconds(year, month, day, hour, minute, second)?;
    // The offset that applies at that local time: found from a first guess.
    let utc = local - offset(local - offset(local));
    Some(format_unix(utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_3339_values_are_read_with_fractions_and_offsets() {
        let cases = [
            ("2026-11-21T12:44:50Z", Some("2026-11-21T12:44:50Z")),
            ("2026-11-21T12:44:50.123Z", Some("2026-11-21T12:44:50Z")),
            ("2026-11-21T14:44:50+02:00", Some("2026-11-21T12:44:50Z")),
            ("2026-11-21T12:44:50", Some("2026-11-21T12:44:50Z")),
            ("2020-02-29T00:00:00Z", Some("2020-02-29T00:00:00Z")),
            ("2021-02-29T00:00:00Z", None),
            ("2026-13-01T00:00:00Z", None),
            ("yesterday", None),
            ("2026-11-21T1é:44:50Z", None),
            // Offsets that would leave the four-digit years (found writing the time fuzz check).
            ("0000-01-01T00:00:00+01:00", None),
            ("9999-12-31T23:30:00-01:00", None),
            ("0000-01-01T00:00:00-01:00", Some("0000-01-01T01:00:00Z")),
            ("", None),
        ];
        for (text, expected) in cases {
            assert_eq!(normalize_rfc3339(text).as_deref(), expected, "{text}");
        }
    }

    #[test]
    fn kindle_dates_round_trip() {
        let utc = |_: i64| 0;
        let formatted = kindle_format_in("2026-11-21T12:44:50Z", &utc).unwrap();
        assert_eq!(formatted, "Saturday, November 21, 2026 12:44:50 PM");
        assert_eq!(
            parse_kindle_in(&formatted, &utc).as_deref(),
            Some("2026-11-21T12:44:50Z")
        );
        assert_eq!(
            kindle_format_in("2020-02-28T00:05:00Z", &utc).unwrap(),
            "Friday, February 28, 2020 12:05:00 AM"
        );
        assert_eq!(
            parse_kindle_in("Friday, February 28, 2020 12:05:00 AM", &utc).as_deref(),
            Some("2020-02-28T00:05:00Z")
        );
        assert_eq!(
            parse_kindle_in("Saturday, 21 November 2026 12:44:50", &utc).as_deref(),
            Some("2026-11-21T12:44:50Z")
        );
        assert_eq!(parse_kindle_in("sometime", &utc), None);
        assert_eq!(
            parse_kindle_in("Saturday, November 21, 2026 13:44:50 PM", &utc),
            None
        );
    }

    #[test]
    fn kindle_dates_are_local_time() {
        // Five hours behind UTC: the day and weekday change too.
        let new_york = |_: i64| -5 * 3600;
        let formatted = kindle_format_in("2026-11-21T02:44:50Z", &new_york).unwrap();
        assert_eq!(formatted, "Friday, November 20, 2026 9:44:50 PM");
        assert_eq!(
            parse_kindle_in(&formatted, &new_york).as_deref(),
            Some("2026-11-21T02:44:50Z")
        );
    }
}
