use super::*;
use crate::domain::ids::{ModuleId, PersonId};
use crate::domain::reports::build::AttemptFact;
use crate::domain::reports::uptake::Uptake;

/// Practice `id` (the tests number their practices).
fn p(id: i64) -> PracticeId {
    PracticeId(id)
}

/// Rates for practices `ids`, each its own number.
fn rates_by_id(ids: std::ops::RangeInclusive<i64>) -> BTreeMap<PracticeId, f64> {
    ids.map(|id| (p(id), id as f64)).collect()
}

fn rate(practice: i64, month: &str, rate: f64) -> MonthRate {
    MonthRate { practice: p(practice), month: month.to_owned(), rate }
}

#[test]
fn a_practice_rate_is_the_mean_of_its_months() {
    let rates =
        practice_rates(&[rate(1, "2026-01", 10.0), rate(1, "2026-02", 20.0), rate(2, "2026-01", 4.0)]);
    assert_eq!(rates.into_iter().collect::<Vec<_>>(), vec![(p(1), 15.0), (p(2), 4.0)]);
}

#[test]
fn the_top_fifth_is_rounded_up_and_ties_are_stable() {
    assert_eq!(high_prescribers(&rates_by_id(1..=10)), BTreeSet::from([p(10), p(9)]));
    assert_eq!(
        high_prescribers(&rates_by_id(1..=11)),
        BTreeSet::from([p(11), p(10), p(9)]),
        "11 / 5 rounds up to 3"
    );
    let one = BTreeMap::from([(p(7), 1.0)]);
    assert_eq!(high_prescribers(&one), BTreeSet::from([p(7)]));
    let tied: BTreeMap<PracticeId, f64> = (1..=5).map(|id| (p(id), 2.0)).collect();
    assert_eq!(high_prescribers(&tied), BTreeSet::from([p(1)]));
    assert!(high_prescribers(&BTreeMap::new()).is_empty());
}

#[test]
fn engagement_compares_the_high_prescribers_with_the_rest_under_disclosure_control() {
    let rates = rates_by_id(1..=10);
    let high = high_prescribers(&rates);
    let mut learners: BTreeMap<PracticeId, PracticeLearners> = BTreeMap::new();
    learners.insert(p(10), PracticeLearners { registered: 12, started: 9, completed: 6 });
    learners.insert(p(9), PracticeLearners { registered: 8, started: 3, completed: 2 });
    for id in 1..=8 {
        learners.insert(p(id), PracticeLearners { registered: 10, started: 6, completed: 5 });
    }
    let rows = engagement(&rates, &high, &learners);
    assert_eq!(rows.len(), 2);
    let (top, rest) = (&rows[0], &rows[1]);
    assert_eq!((top.practices, top.mean_rate), (2, Some(9.5)));
    assert_eq!(
        (top.registered, top.started, top.completed),
        (Shown::Count(20), Shown::Count(10), Shown::Count(10))
    );
    assert_eq!(top.completed_share, Some(8.0 / 20.0));
    assert_eq!((rest.practices, rest.mean_rate), (8, Some(4.5)));
    assert_eq!((rest.registered, rest.completed), (Shown::Count(80), Shown::Count(40)));
    assert_eq!(rest.completed_share, Some(0.5));
}

#[test]
fn small_groups_are_suppressed_and_their_shares_hidden() {
    let rates = rates_by_id(1..=5);
    let high = high_prescribers(&rates);
    let learners: BTreeMap<PracticeId, PracticeLearners> = (1..=5)
        .map(|id| {
            (p(id), PracticeLearners { registered: if id == 5 { 3 } else { 20 }, started: 2, completed: 1 })
        })
        .collect();
    let rows = engagement(&rates, &high, &learners);
    assert_eq!(rows[0].registered, Shown::Suppressed);
    assert_eq!(rows[0].completed_share, None);
    assert!(engagement(&BTreeMap::new(), &BTreeSet::new(), &learners).is_empty());
}

#[test]
fn the_trend_lines_practices_up_on_their_first_completion() {
    let first: BTreeMap<PracticeId, String> =
        [(p(1), "2026-03".to_owned()), (p(2), "2026-05".to_owned()), (p(3), "2026-04".to_owned())]
            .into_iter()
            .collect();
    let mut months = Vec::new();
    for (practice, start) in [(1, 1), (2, 3), (3, 2)] {
        // Each practice: 12 before, then 9 from its first completion on.
        months.push(rate(practice, &format!("2026-{:02}", start), 12.0));
        months.push(rate(practice, &format!("2026-{:02}", start + 2), 9.0));
    }
    months.push(rate(4, "2026-05", 50.0));
    months.push(rate(1, "2025-01", 99.0));
    let rows = trend(&months, &first);
    assert_eq!(rows.len(), 13);
    let at = |offset: i32| rows.iter().find(|r| r.offset == offset).cloned();
    assert_eq!(at(-2), Some(TrendRow { offset: -2, practices: 3, mean_rate: Some(12.0) }));
    assert_eq!(at(0), Some(TrendRow { offset: 0, practices: 3, mean_rate: Some(9.0) }));
    assert_eq!(at(3), Some(TrendRow { offset: 3, practices: 0, mean_rate: None }));
    assert!(trend(&months, &BTreeMap::new()).is_empty());
}

#[test]
fn a_trend_point_from_too_few_practices_is_hidden() {
    let first: BTreeMap<PracticeId, String> =
        [(p(1), "2026-03".to_owned()), (p(2), "2026-03".to_owned())].into_iter().collect();
    let rows = trend(&[rate(1, "2026-03", 5.0), rate(2, "2026-03", 7.0)], &first);
    assert_eq!(rows.iter().find(|r| r.offset == 0).map(|r| (r.practices, r.mean_rate)), Some((2, None)));
}

#[test]
fn months_count_across_years() {
    assert_eq!(month_index("2026-01").zip(month_index("2025-12")).map(|(a, b)| a - b), Some(1));
    assert_eq!(month_index("2026-13"), None);
    assert_eq!(month_index("nonsense"), None);
    assert_eq!(month_before("2026-01-15"), "2025-12");
    assert_eq!(month_before("2026-11-24"), "2026-10");
}

#[test]
fn practice_learners_count_people_once_and_first_completions_take_the_earliest() {
    let attempt = |person, practice, completed_at| AttemptFact {
        person: PersonId(person),
        module: ModuleId(1),
        practice: Some(p(practice)),
        started_at: 0,
        completed_at,
        minutes: None,
    };
    let attempts =
        [attempt(1, 10, Some(300)), attempt(1, 10, Some(100)), attempt(2, 10, None), attempt(3, 20, None)];
    let by_practice = Uptake::of_attempts(&attempts, |_| String::new()).by_practice;
    let learners = practice_learners(&by_practice, &[(p(10), 12), (p(30), 4)]);
    assert_eq!(learners[&p(10)], PracticeLearners { registered: 12, started: 2, completed: 1 });
    assert_eq!(learners[&p(20)], PracticeLearners { registered: 0, started: 1, completed: 0 });
    assert_eq!(learners[&p(30)], PracticeLearners { registered: 4, started: 0, completed: 0 });
    let first = first_completions(&by_practice, |at| format!("m{at}"));
    assert_eq!(first.into_iter().collect::<Vec<_>>(), vec![(p(10), "m100".to_owned())]);
}
