//! Time spent on a module, measured from the time each answer took rather than from the module's
//! estimate. A step left open (a surgery, lunch, the weekend) would count in full, so each step
//! counts for at most [`STEP_CAP_MS`].

/// The most one step can add to the time spent: 30 minutes.
pub const STEP_CAP_MS: i64 = 30 * 60 * 1000;

/// The time spent, in milliseconds, from the time on each step.
pub fn capped_total_ms(times_on_steps: impl IntoIterator<Item = i64>) -> i64 {
    times_on_steps.into_iter().map(|ms| ms.clamp(0, STEP_CAP_MS)).sum()
}

/// Whole minutes, rounded to the nearest and never less than one for work that took any time.
pub fn whole_minutes(ms: i64) -> i64 {
    if ms <= 0 { 0 } else { ((ms + 30_000) / 60_000).max(1) }
}

/// "1 minute", "25 minutes": how certificates, the CPD log and the results page say it.
pub fn describe_minutes(count: i64) -> String {
    if count == 1 { "1 minute".into() } else { format!("{count} minutes") }
}

/// A duration in ISO 8601 form (`PT1H2M3.5S`) to a hundredth of a second, the precision xAPI
/// results carry.
pub fn iso_duration(ms: i64) -> String {
    let hundredths = (ms.max(0) + 5) / 10;
    let (hours, minutes) = (hundredths / 360_000, hundredths / 6_000 % 60);
    let (seconds, fraction) = (hundredths / 100 % 60, hundredths % 100);
    let mut text = String::from("PT");
    if hours > 0 {
        text.push_str(&format!("{hours}H"));
    }
    if minutes > 0 {
        text.push_str(&format!("{minutes}M"));
    }
    if fraction > 0 {
        let fraction = format!("{fraction:02}");
        text.push_str(&format!("{seconds}.{}S", fraction.trim_end_matches('0')));
    } else if seconds > 0 || text == "PT" {
        text.push_str(&format!("{seconds}S"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_step_counts_for_at_most_half_an_hour() {
        let an_hour = 60 * 60 * 1000;
        assert_eq!(capped_total_ms([10_000, 20_000]), 30_000);
        assert_eq!(capped_total_ms([an_hour, 5_000]), STEP_CAP_MS + 5_000);
        assert_eq!(capped_total_ms([-5, 1_000]), 1_000, "a clock step backwards counts as nothing");
    }

    #[test]
    fn minutes_are_described_in_words() {
        assert_eq!(describe_minutes(1), "1 minute");
        assert_eq!(describe_minutes(25), "25 minutes");
    }

    #[test]
    fn minutes_are_rounded_and_at_least_one() {
        assert_eq!(whole_minutes(0), 0);
        assert_eq!(whole_minutes(1_000), 1);
        assert_eq!(whole_minutes(89_999), 1);
        assert_eq!(whole_minutes(90_000), 2);
        assert_eq!(whole_minutes(25 * 60_000 + 10_000), 25);
    }

    #[test]
    fn durations_are_iso_8601() {
        assert_eq!(iso_duration(0), "PT0S");
        assert_eq!(iso_duration(42_500), "PT42.5S");
        assert_eq!(iso_duration(61_000), "PT1M1S");
        assert_eq!(iso_duration(3_600_000), "PT1H");
        assert_eq!(iso_duration(3_723_040), "PT1H2M3.04S");
        assert_eq!(iso_duration(-10), "PT0S");
        assert_eq!(iso_duration(40_004), "PT40S", "to a hundredth of a second");
        assert_eq!(iso_duration(40_006), "PT40.01S");
    }
}
