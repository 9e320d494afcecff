//! Dates and times as people in the UK read them: stored as UTC epoch milliseconds, shown in UK time
//! (GMT in winter, BST in summer). Pure arithmetic, so the same code runs in the browser bundle.

const DAY_MS: i64 = 86_400_000;
const HOUR_MS: i64 = 3_600_000;

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

/// Days since 1970-01-01 of a calendar date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The calendar date of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (year_of_era + era * 400 + i64::from(month <= 2), month, day)
}

/// The last Sunday of a month, as days since 1970-01-01.
fn last_sunday(year: i64, month: i64) -> i64 {
    let last = days_from_civil(year, month + 1, 1) - 1;
    // 1970-01-01 was a Thursday: day 0 is weekday 4 (Sunday = 0).
    last - (last + 4).rem_euclid(7)
}

/// Milliseconds UK time is ahead of UTC at an instant: an hour during British Summer Time, which
/// runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.
pub fn uk_offset_ms(utc_ms: i64) -> i64 {
    let (year, _, _) = civil_from_days(utc_ms.div_euclid(DAY_MS));
    let starts = last_sunday(year, 3) * DAY_MS + HOUR_MS;
    let ends = last_sunday(year, 10) * DAY_MS + HOUR_MS;
    if (starts..ends).contains(&utc_ms) { HOUR_MS } else { 0 }
}

/// "24 November 2026".
pub fn format_uk_date(utc_ms: i64) -> String {
    let (year, month, day) = civil_from_days((utc_ms + uk_offset_ms(utc_ms)).div_euclid(DAY_MS));
    let month = usize::try_from(month - 1).ok().and_then(|m| MONTHS.get(m)).copied().unwrap_or("");
    format!("{day} {month} {year}")
}

/// "2026-11-24": the UK calendar day in ISO 8601 form, which spreadsheets read as a date.
pub fn format_iso_date(utc_ms: i64) -> String {
    let (year, month, day) = civil_from_days((utc_ms + uk_offset_ms(utc_ms)).div_euclid(DAY_MS));
    format!("{year:04}-{month:02}-{day:02}")
}

/// "24 November 2026 at 2:05pm", as the NHS.UK content guide writes times.
pub fn format_uk_datetime(utc_ms: i64) -> String {
    let local = utc_ms + uk_offset_ms(utc_ms);
    let minutes_of_day = local.rem_euclid(DAY_MS) / 60_000;
    let (hour, minute) = (minutes_of_day / 60, minutes_of_day % 60);
    let (hour12, suffix) = match hour {
        0 => (12, "am"),
        1..=11 => (hour, "am"),
        12 => (12, "pm"),
        _ => (hour - 12, "pm"),
    };
    format!("{} at {hour12}:{minute:02}{suffix}", format_uk_date(utc_ms))
}

/// The UTC instant a UK calendar date (`YYYY-MM-DD`) begins.
pub fn parse_uk_date_start(raw: &str) -> Result<i64, String> {
    let invalid = || "Enter a real date, like 2026-11-24".to_owned();
    let parts: Vec<&str> = raw.trim().split('-').collect();
    let [year, month, day] = parts.as_slice() else { return Err(invalid()) };
    let number = |s: &str, digits: usize| {
        (s.len() == digits && s.chars().all(|c| c.is_ascii_digit())).then(|| s.parse::<i64>().ok()).flatten()
    };
    let (Some(year), Some(month), Some(day)) = (number(year, 4), number(month, 2), number(day, 2)) else {
        return Err(invalid());
    };
    let days = days_from_civil(year, month, day);
    if !(1..=12).contains(&month) || civil_from_days(days) != (year, month, day) {
        return Err(invalid());
    }
    let naive = days * DAY_MS;
    Ok(if uk_offset_ms(naive - HOUR_MS) == HOUR_MS { naive - HOUR_MS } else { naive })
}

/// The UTC instant the UK day after a date (`YYYY-MM-DD`) begins: the end of an inclusive range.
pub fn parse_uk_date_end(raw: &str) -> Result<i64, String> {
    let start = parse_uk_date_start(raw)?;
    // Noon of the day, plus a day, is always inside the next day whatever the clocks do.
    let (year, month, day) = civil_from_days((start + 12 * HOUR_MS + DAY_MS).div_euclid(DAY_MS));
    parse_uk_date_start(&format!("{year:04}-{month:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_arithmetic_round_trips() {
        for days in [-1000, 0, 1, 19_000, 20_416, 60_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(days_from_civil(2000, 2, 29), 11_016);
    }

    #[test]
    fn british_summer_time_starts_and_ends_at_one_in_the_morning_utc() {
        // 2026: BST from Sunday 29 March to Sunday 25 October.
        let starts = parse_uk_date_start("2026-03-29").unwrap_or_default() + HOUR_MS;
        assert_eq!(uk_offset_ms(starts - 1), 0);
        assert_eq!(uk_offset_ms(starts), HOUR_MS);
        let ends = days_from_civil(2026, 10, 25) * DAY_MS + HOUR_MS;
        assert_eq!(uk_offset_ms(ends - 1), HOUR_MS);
        assert_eq!(uk_offset_ms(ends), 0);
    }

    #[test]
    fn times_are_shown_in_uk_time() {
        let winter = days_from_civil(2026, 11, 24) * DAY_MS + 14 * HOUR_MS + 5 * 60_000;
        assert_eq!(format_uk_datetime(winter), "24 November 2026 at 2:05pm");
        let summer = days_from_civil(2026, 7, 1) * DAY_MS + 23 * HOUR_MS + 30 * 60_000;
        assert_eq!(format_uk_datetime(summer), "2 July 2026 at 12:30am");
        assert_eq!(format_uk_date(0), "1 January 1970");
        assert_eq!(format_iso_date(summer), "2026-07-02", "already the next day in London");
        assert_eq!(format_iso_date(winter), "2026-11-24");
    }

    #[test]
    fn uk_dates_begin_at_uk_midnight() {
        assert_eq!(parse_uk_date_start("2026-01-15"), Ok(days_from_civil(2026, 1, 15) * DAY_MS));
        assert_eq!(parse_uk_date_start("2026-07-01"), Ok(days_from_civil(2026, 7, 1) * DAY_MS - HOUR_MS));
        assert_eq!(parse_uk_date_end("2026-07-01"), Ok(days_from_civil(2026, 7, 2) * DAY_MS - HOUR_MS));
        // The day the clocks go back lasts 25 hours.
        let start = parse_uk_date_start("2026-10-25").unwrap_or_default();
        assert_eq!(parse_uk_date_end("2026-10-25").map(|end| end - start), Ok(25 * HOUR_MS));
    }

    #[test]
    fn impossible_dates_are_refused() {
        for bad in [
            "",
            "2026-02-30",
            "2026-13-01",
            "26-01-01",
            "2026-1-01",
            "2026/01/01",
            "yesterday",
            "2026-01-01-01",
        ] {
            assert!(parse_uk_date_start(bad).is_err(), "{bad:?}");
        }
    }
}
