//! What comes back after a module: booster questions weeks later (spaced retrieval, which kept an
//! effect on practice for over a year in Kerfoot et al. 2010) and, at twelve weeks, each commitment to
//! change with what became of it (Shershneva et al. 2010). This file holds the schedule and the
//! vocabulary; `booster` chooses the questions and `practice_report` reads the report.

use serde::{Deserialize, Serialize};

use crate::domain::curriculum::module::ModuleDefinition;

/// When boosters fall due, in days after the module is finished, unless its file sets its own.
pub const DEFAULT_BOOSTER_DAYS: [u32; 2] = [14, 56];
/// When the commitments come back, in days after the module is finished (twelve weeks).
pub const PRACTICE_FOLLOW_UP_DAYS: u32 = 84;
/// A reminder goes out this long after a follow-up falls due, if it is still not done.
pub const REMINDER_AFTER_DAYS: u32 = 7;
/// The latest a booster may be set, in days (a year).
pub const LATEST_BOOSTER_DAY: u32 = 365;
/// The most boosters a module may schedule.
pub const MOST_BOOSTERS: usize = 4;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FollowUpKind {
    /// A few of the module's knowledge items again, with certainty.
    Booster,
    /// The learner's commitments to change, and what became of each.
    Practice,
}

impl FollowUpKind {
    pub fn code(self) -> &'static str {
        match self {
            FollowUpKind::Booster => "booster",
            FollowUpKind::Practice => "practice",
        }
    }

    pub fn parse(code: &str) -> Option<FollowUpKind> {
        [FollowUpKind::Booster, FollowUpKind::Practice].into_iter().find(|k| k.code() == code)
    }
}

const DAY_MS: i64 = 86_400_000;

/// When a follow-up `after_days` after `finished_ms` falls due.
pub fn due_at(finished_ms: i64, after_days: u32) -> i64 {
    finished_ms + i64::from(after_days) * DAY_MS
}

/// When the reminder of a follow-up due at `due_ms` goes, if it is still not done.
pub fn reminder_at(due_ms: i64) -> i64 {
    due_ms + i64::from(REMINDER_AFTER_DAYS) * DAY_MS
}

/// A follow-up to create when an attempt finishes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scheduled {
    pub kind: FollowUpKind,
    pub after_days: u32,
}

/// The follow-ups a finished attempt gets: a booster at each of the module's days, and the practice
/// follow-up when the learner committed to any change.
pub fn schedule(module: &ModuleDefinition, has_commitments: bool) -> Vec<Scheduled> {
    let boosters = module.booster_days.as_deref().unwrap_or(&DEFAULT_BOOSTER_DAYS);
    let mut scheduled: Vec<Scheduled> =
        boosters.iter().map(|&after_days| Scheduled { kind: FollowUpKind::Booster, after_days }).collect();
    if has_commitments {
        scheduled.push(Scheduled { kind: FollowUpKind::Practice, after_days: PRACTICE_FOLLOW_UP_DAYS });
    }
    scheduled
}

/// A plain name for when a follow-up falls, such as "2 weeks" or "12 weeks" (or days, when the
/// schedule is not in whole weeks).
pub fn after_label(days: u32) -> String {
    match (days % 7, days / 7) {
        (0, 1) => "1 week".into(),
        (0, weeks) => format!("{weeks} weeks"),
        (_, _) if days == 1 => "1 day".into(),
        _ => format!("{days} days"),
    }
}

/// The same as an adjective, such as "2-week" or "10-day".
pub fn after_adjective(days: u32) -> String {
    if days.is_multiple_of(7) { format!("{}-week", days / 7) } else { format!("{days}-day") }
}

/// The problem with a module's booster schedule, if any: one to four days, each from 1 to 365,
/// rising.
pub fn schedule_problem(days: &[u32]) -> Option<String> {
    if days.is_empty() || days.len() > MOST_BOOSTERS {
        return Some(format!("Give from 1 to {MOST_BOOSTERS} booster days, such as [14, 56]"));
    }
    if let Some(day) = days.iter().find(|&&d| d == 0 || d > LATEST_BOOSTER_DAY) {
        return Some(format!("Booster day {day} is outside 1 to {LATEST_BOOSTER_DAY}"));
    }
    days.windows(2)
        .any(|pair| pair[0] >= pair[1])
        .then(|| "Booster days must rise, each later than the one before".into())
}

/// Did the learner make the change they committed to?
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Outcome {
    Done,
    Partly,
    NotDone,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::Done, Outcome::Partly, Outcome::NotDone];

    pub fn code(self) -> &'static str {
        match self {
            Outcome::Done => "done",
            Outcome::Partly => "partly",
            Outcome::NotDone => "not_done",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Outcome::Done => "Yes",
            Outcome::Partly => "Partly",
            Outcome::NotDone => "No",
        }
    }

    /// How the CPD log and reports say it.
    pub fn described(self) -> &'static str {
        match self {
            Outcome::Done => "Done",
            Outcome::Partly => "Partly done",
            Outcome::NotDone => "Not done",
        }
    }

    pub fn parse(code: &str) -> Option<Outcome> {
        Self::ALL.into_iter().find(|o| o.code() == code)
    }
}

/// What got in the way of a change: the review's themes as a GP meets them in a consultation
/// (Sirdifield et al. 2013), and the practical one it also found, time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Barrier {
    PatientExpectations,
    DeservingPatient,
    LosingThePatient,
    NoAlternative,
    WithdrawalHarder,
    InconsistentRules,
    StartedElsewhere,
    Time,
}

impl Barrier {
    pub const ALL: [Barrier; 8] = [
        Barrier::PatientExpectations,
        Barrier::DeservingPatient,
        Barrier::LosingThePatient,
        Barrier::NoAlternative,
        Barrier::WithdrawalHarder,
        Barrier::InconsistentRules,
        Barrier::StartedElsewhere,
        Barrier::Time,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Barrier::PatientExpectations => "patient-expectations",
            Barrier::DeservingPatient => "deserving-patient",
            Barrier::LosingThePatient => "losing-the-patient",
            Barrier::NoAlternative => "no-alternative",
            Barrier::WithdrawalHarder => "withdrawal-harder",
            Barrier::InconsistentRules => "inconsistent-rules",
            Barrier::StartedElsewhere => "started-elsewhere",
            Barrier::Time => "time",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Barrier::PatientExpectations => "The patient expected or asked for a prescription",
            Barrier::DeservingPatient => "It seemed unfair on this patient, given their age or circumstances",
            Barrier::LosingThePatient => "Fear of harming the relationship or losing the patient",
            Barrier::NoAlternative => "No alternative was available in time, such as talking therapy",
            Barrier::WithdrawalHarder => "Reducing or stopping proved harder than starting",
            Barrier::InconsistentRules => "Colleagues or the practice do it differently; no agreed policy",
            Barrier::StartedElsewhere => "It was started or advised by a specialist or another service",
            Barrier::Time => "Not enough time in the consultation",
        }
    }

    /// The review's theme the barrier belongs to (`None` for time, which the review names but does
    /// not make a theme).
    pub fn theme(self) -> Option<&'static str> {
        match self {
            Barrier::PatientExpectations => Some("patient-expectations"),
            Barrier::DeservingPatient => Some("deserving-patient"),
            Barrier::LosingThePatient => Some("gp-role"),
            Barrier::NoAlternative => Some("attitudes-to-alternatives"),
            Barrier::WithdrawalHarder => Some("starting-vs-withdrawing"),
            Barrier::InconsistentRules => Some("ambivalence-rules"),
            Barrier::StartedElsewhere => Some("changing-context"),
            Barrier::Time => None,
        }
    }

    pub fn parse(code: &str) -> Option<Barrier> {
        Self::ALL.into_iter().find(|b| b.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::curriculum::theme::theme;
    use crate::domain::learning::fixture;

    #[test]
    fn a_module_without_a_schedule_gets_boosters_at_two_and_eight_weeks() {
        let module = fixture::module();
        let days = |s: Vec<Scheduled>| s.into_iter().map(|s| (s.kind, s.after_days)).collect::<Vec<_>>();
        assert_eq!(
            days(schedule(&module, false)),
            [(FollowUpKind::Booster, 14), (FollowUpKind::Booster, 56)]
        );
        assert_eq!(days(schedule(&module, true)).last(), Some(&(FollowUpKind::Practice, 84)));
        let own = ModuleDefinition { booster_days: Some(vec![7, 30, 90]), ..module };
        assert_eq!(days(schedule(&own, false)).len(), 3);
    }

    #[test]
    fn schedules_must_rise_within_a_year() {
        assert_eq!(schedule_problem(&[14, 56]), None);
        assert!(schedule_problem(&[]).is_some());
        assert!(schedule_problem(&[56, 14]).expect("refused").contains("rise"));
        assert!(schedule_problem(&[14, 14]).is_some());
        assert!(schedule_problem(&[0]).expect("refused").contains("outside"));
        assert!(schedule_problem(&[400]).is_some());
        assert!(schedule_problem(&[1, 2, 3, 4, 5]).is_some());
    }

    #[test]
    fn follow_ups_are_named_in_weeks_where_they_can_be() {
        assert_eq!(after_label(14), "2 weeks");
        assert_eq!(after_label(84), "12 weeks");
        assert_eq!(after_label(7), "1 week");
        assert_eq!(after_label(10), "10 days");
        assert_eq!(after_adjective(84), "12-week");
        assert_eq!(after_adjective(10), "10-day");
    }

    #[test]
    fn codes_round_trip_and_barriers_name_real_themes() {
        for outcome in Outcome::ALL {
            assert_eq!(Outcome::parse(outcome.code()), Some(outcome));
        }
        for barrier in Barrier::ALL {
            assert_eq!(Barrier::parse(barrier.code()), Some(barrier));
            assert!(barrier.theme().is_none_or(|code| theme(code).is_some()), "{barrier:?}");
        }
        assert_eq!(FollowUpKind::parse("practice"), Some(FollowUpKind::Practice));
        assert_eq!(FollowUpKind::parse("other"), None);
    }
}
