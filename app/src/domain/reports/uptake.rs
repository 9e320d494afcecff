//! Uptake as a report counts it: learners who started and who finished, attempts started and
//! finished, and the minutes the finished ones took, overall and by the month they were started,
//! by module and by practice. Counted exactly from attempts (a region's whole history), or added
//! up from the kept months (a date range, or every region), where a learner counts once in each
//! month they took part.

use std::collections::{BTreeMap, BTreeSet};

use super::build::AttemptFact;
use crate::domain::ids::{ModuleId, PersonId, PracticeId};

/// One group's counts.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Learners who started an attempt in the group (once each, or once a month when months are added).
    pub learners: i64,
    /// Learners who finished one of those attempts.
    pub completers: i64,
    pub started: i64,
    pub completed: i64,
    /// Minutes the finished attempts took → how many took that long.
    pub minutes: BTreeMap<i64, i64>,
    /// When the first of the group's attempts was finished.
    pub first_completed_at: Option<i64>,
}

impl Counts {
    /// These counts with `other`'s added (another month's).
    pub fn add(&mut self, other: &Counts) {
        self.learners += other.learners;
        self.completers += other.completers;
        self.started += other.started;
        self.completed += other.completed;
        for (minutes, attempts) in &other.minutes {
            *self.minutes.entry(*minutes).or_default() += attempts;
        }
        self.first_completed_at = match (self.first_completed_at, other.first_completed_at) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }

    /// The median of the minutes the finished attempts took.
    pub fn median_minutes(&self) -> Option<f64> {
        let n: i64 = self.minutes.values().sum();
        if n == 0 {
            return None;
        }
        let at = |rank: i64| {
            let mut seen = 0;
            self.minutes.iter().find_map(|(&minutes, &count)| {
                seen += count;
                (seen > rank).then_some(minutes)
            })
        };
        let (low, high) = (at((n - 1) / 2)?, at(n / 2)?);
        Some((low + high) as f64 / 2.0)
    }
}

/// Uptake in a scope: overall, by month started (`YYYY-MM`), by module and by practice.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Uptake {
    pub overall: Counts,
    pub by_month: BTreeMap<String, Counts>,
    pub by_module: BTreeMap<ModuleId, Counts>,
    /// Without minutes: no report shows a practice's.
    pub by_practice: BTreeMap<PracticeId, Counts>,
}

impl Uptake {
    /// Exact counts over `attempts`: each learner once in each group. `month_of` names the month
    /// an attempt was started in.
    pub fn of_attempts(attempts: &[AttemptFact], month_of: impl Fn(i64) -> String) -> Uptake {
        let mut by_month: BTreeMap<String, Vec<&AttemptFact>> = BTreeMap::new();
        let mut by_module: BTreeMap<ModuleId, Vec<&AttemptFact>> = BTreeMap::new();
        let mut by_practice: BTreeMap<PracticeId, Vec<&AttemptFact>> = BTreeMap::new();
        for attempt in attempts {
            by_month.entry(month_of(attempt.started_at)).or_default().push(attempt);
            by_module.entry(attempt.module).or_default().push(attempt);
            if let Some(practice) = attempt.practice {
                by_practice.entry(practice).or_default().push(attempt);
            }
        }
        Uptake {
            overall: counts_of(&attempts.iter().collect::<Vec<_>>()),
            by_month: counted(by_month),
            by_module: counted(by_module),
            by_practice: counted(by_practice)
                .into_iter()
                .map(|(practice, counts)| (practice, Counts { minutes: BTreeMap::new(), ..counts }))
                .collect(),
        }
    }

    /// Takes the minutes overall, by month and by module from `other` (the kept months), for the
    /// groups these counts have.
    pub fn take_minutes(&mut self, other: Uptake) {
        self.overall.minutes = other.overall.minutes;
        for (month, counts) in other.by_month {
            if let Some(mine) = self.by_month.get_mut(&month) {
                mine.minutes = counts.minutes;
            }
        }
        for (module, counts) in other.by_module {
            if let Some(mine) = self.by_module.get_mut(&module) {
                mine.minutes = counts.minutes;
            }
        }
    }
}

fn counted<K: Ord>(groups: BTreeMap<K, Vec<&AttemptFact>>) -> BTreeMap<K, Counts> {
    groups.into_iter().map(|(key, group)| (key, counts_of(&group))).collect()
}

fn counts_of(attempts: &[&AttemptFact]) -> Counts {
    let people = |finished: bool| {
        attempts
            .iter()
            .filter(|a| !finished || a.completed_at.is_some())
            .map(|a| a.person)
            .collect::<BTreeSet<PersonId>>()
            .len() as i64
    };
    let mut minutes: BTreeMap<i64, i64> = BTreeMap::new();
    for spent in attempts.iter().filter_map(|a| a.minutes) {
        *minutes.entry(spent).or_default() += 1;
    }
    Counts {
        learners: people(false),
        completers: people(true),
        started: attempts.len() as i64,
        completed: attempts.iter().filter(|a| a.completed_at.is_some()).count() as i64,
        minutes,
        first_completed_at: attempts.iter().filter_map(|a| a.completed_at).min(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attempt(person: i64, practice: i64, started_at: i64, completed_at: Option<i64>) -> AttemptFact {
        AttemptFact {
            person: PersonId(person),
            module: ModuleId(1),
            practice: Some(PracticeId(practice)),
            started_at,
            completed_at,
            minutes: completed_at.map(|_| person * 10),
        }
    }

    #[test]
    fn each_learner_counts_once_in_each_group() {
        let attempts = [
            attempt(1, 7, 0, Some(50)),
            attempt(1, 7, 100, Some(150)),
            attempt(2, 7, 100, None),
            attempt(3, 8, 100, Some(120)),
        ];
        let uptake = Uptake::of_attempts(&attempts, |at| if at < 100 { "2026-01" } else { "2026-02" }.into());
        let overall = &uptake.overall;
        assert_eq!((overall.learners, overall.completers, overall.started, overall.completed), (3, 2, 4, 3));
        assert_eq!(overall.first_completed_at, Some(50));
        assert_eq!(uptake.by_month["2026-02"].learners, 3);
        assert_eq!(uptake.by_practice[&PracticeId(7)].learners, 2);
        assert_eq!(uptake.by_practice[&PracticeId(8)].first_completed_at, Some(120));
        // Months added: learner 1 took part in both months, so counts twice.
        let mut months = Counts::default();
        for counts in uptake.by_month.values() {
            months.add(counts);
        }
        assert_eq!((months.learners, months.started, months.minutes.values().sum::<i64>()), (4, 4, 3));
    }

    #[test]
    fn minutes_taken_from_the_kept_months_go_only_to_groups_these_counts_have() {
        let attempts = [attempt(1, 7, 0, Some(50))];
        let mut uptake = Uptake::of_attempts(&attempts, |_| "2026-01".into());
        let mut kept = Uptake::default();
        kept.overall.minutes.insert(25, 1);
        kept.by_month.entry("2026-01".into()).or_default().minutes.insert(25, 1);
        kept.by_month.entry("2026-02".into()).or_default().minutes.insert(40, 1);
        uptake.take_minutes(kept);
        assert_eq!(uptake.overall.median_minutes(), Some(25.0));
        assert_eq!(uptake.by_month["2026-01"].median_minutes(), Some(25.0));
        assert_eq!(uptake.by_month.len(), 1, "no month appears that had no attempts");
    }

    #[test]
    fn the_median_of_a_histogram_is_the_median_of_its_values() {
        let counts =
            |pairs: &[(i64, i64)]| Counts { minutes: pairs.iter().copied().collect(), ..Counts::default() };
        assert_eq!(counts(&[]).median_minutes(), None);
        assert_eq!(counts(&[(20, 1)]).median_minutes(), Some(20.0));
        // 20, 20, 30, 40: (20 + 30) / 2.
        assert_eq!(counts(&[(20, 2), (30, 1), (40, 1)]).median_minutes(), Some(25.0));
        // 20, 30, 30: 30.
        assert_eq!(counts(&[(20, 1), (30, 2)]).median_minutes(), Some(30.0));
    }
}
