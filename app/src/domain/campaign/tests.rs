use super::*;

/// 1 December 2026, noon UTC.
const NOW: i64 = 1_796_126_400_000;

#[test]
fn a_campaign_moves_only_along_its_path() {
    use CampaignAction::*;
    use CampaignStatus::*;
    assert_eq!(Draft.after(Start), Some(Running));
    assert_eq!(Running.after(Pause), Some(Paused));
    assert_eq!(Paused.after(Resume), Some(Running));
    assert_eq!(Paused.after(Close), Some(Closed));
    assert_eq!(Running.after(Start), None, "started once");
    assert_eq!(Closed.after(Resume), None, "closed for good");
    assert_eq!(Draft.after(Pause), None);
    assert_eq!(Draft.actions(), vec![Start, Close]);
    assert_eq!(Running.actions(), vec![Pause, Close]);
    assert!(Closed.actions().is_empty());
    assert!(Draft.targets_open() && !Running.targets_open());
    assert!(Running.addresses_open() && !Closed.addresses_open());
    for status in [Draft, Running, Paused, Closed] {
        assert_eq!(CampaignStatus::parse(status.code()), Some(status));
    }
    assert_eq!(CampaignAction::parse("resume"), Some(Resume));
    assert_eq!(CampaignAction::parse("restart"), None);
}

#[test]
fn good_settings_are_kept_trimmed() {
    let settings = CampaignSettings::parse(
        " Winter hypnotics ",
        "Dear colleague,\r\nplease join.",
        "2027-02-28",
        "14",
        NOW,
    )
    .expect("good settings");
    assert_eq!(settings.name, "Winter hypnotics");
    assert_eq!(settings.message, "Dear colleague,\nplease join.");
    assert_eq!(settings.reminder_days, 14);
    assert_eq!(settings.closes_on, "2027-02-28");
    assert!(settings.closes_at_ms > NOW);
}

#[test]
fn every_bad_field_is_named() {
    let problems = CampaignSettings::parse("", "", "2026-11-30", "0", NOW).expect_err("bad");
    let fields: Vec<&str> = problems.iter().map(|(field, _)| *field).collect();
    assert_eq!(fields, ["name", "message", "closes_on", "reminder_days"]);
    assert_eq!(problems[2].1, "The closing date must be in the future");
    let far = CampaignSettings::parse("A", "B", "2028-06-01", "7", NOW).expect_err("too long");
    assert_eq!(far, vec![("closes_on", "A campaign can run for a year at most".to_owned())]);
    let not_a_date = CampaignSettings::parse("A", "B", "31/01/2027", "seven", NOW).expect_err("bad");
    assert_eq!(not_a_date[0], ("closes_on", "Enter a real date, like 2026-11-24".to_owned()));
    assert_eq!(not_a_date[1].0, "reminder_days");
}
