//! What the follow-ups show a lead: whether learning lasted (retention by theme, each booster's
//! answers against the same learner's post-test answers to the same items, paired, with a 95%
//! confidence interval), whether practice changed (the share of commitments reported done, partly
//! or not), and what got in the way (barriers, by the review's themes). All under the same
//! disclosure control as every figure.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::disclosure::{Shown, breakdown, count, over_enough};
use super::stats::{MeanWithInterval, mean_with_interval};
use crate::domain::curriculum::theme::{THEMES, theme};
use crate::domain::learning::follow_up::{Barrier, Outcome, after_label};

/// A booster answer in scope beside the same learner's post-test answer to the same item, with the
/// item's themes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoosterFact {
    pub attempt: i64,
    pub person: i64,
    pub after_days: u32,
    pub themes: Vec<String>,
    pub booster_correct: bool,
    pub post_correct: bool,
}

/// One theme at one booster: how many learners, the share right straight after the module and at
/// the booster on the same items, and the mean paired change with its interval.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RetentionRow {
    pub code: String,
    pub title: String,
    /// "2 weeks", "8 weeks".
    pub after: String,
    pub learners: Shown,
    pub right_after: Option<f64>,
    pub right_then: Option<f64>,
    /// The booster's share right minus the post-test's, per attempt, averaged.
    pub change: Option<MeanWithInterval>,
}

/// One attempt's answers on one theme at one booster: whose, right at the booster, right straight
/// after the module, and how many asked.
#[derive(Clone, Copy, Debug, Default)]
struct AttemptTally(i64, u32, u32, u32);

/// Retention rows in theme order, then by booster.
pub fn retention_rows(facts: &[BoosterFact]) -> Vec<RetentionRow> {
    // (theme's place, days) → attempt → tally
    let mut groups: BTreeMap<(usize, u32), BTreeMap<i64, AttemptTally>> = BTreeMap::new();
    for fact in facts {
        for code in &fact.themes {
            let Some(position) = THEMES.iter().position(|t| t.code == code) else { continue };
            let entry =
                groups.entry((position, fact.after_days)).or_default().entry(fact.attempt).or_default();
            entry.0 = fact.person;
            entry.1 += u32::from(fact.booster_correct);
            entry.2 += u32::from(fact.post_correct);
            entry.3 += 1;
        }
    }
    groups
        .into_iter()
        .map(|((position, days), attempts)| {
            let learners = attempts.values().map(|a| a.0).collect::<BTreeSet<_>>().len() as i64;
            let share = |right: u32, asked: u32| f64::from(right) / f64::from(asked);
            let then: Vec<f64> = attempts.values().map(|a| share(a.1, a.3)).collect();
            let after: Vec<f64> = attempts.values().map(|a| share(a.2, a.3)).collect();
            let changes: Vec<f64> = then.iter().zip(&after).map(|(t, a)| t - a).collect();
            let mean = |values: &[f64]| values.iter().sum::<f64>() / values.len() as f64;
            RetentionRow {
                code: THEMES[position].code.to_owned(),
                title: THEMES[position].title.to_owned(),
                after: after_label(days),
                learners: count(learners),
                right_after: over_enough(learners, Some(mean(&after))),
                right_then: over_enough(learners, Some(mean(&then))),
                change: mean_with_interval(&changes)
                    .filter(|_| learners >= super::disclosure::MIN_PEOPLE_FOR_RATES),
            }
        })
        .collect()
}

/// A commitment's report in scope: by whom, what became of it and what got in the way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportedCommitment {
    pub person: i64,
    pub outcome: Outcome,
    pub barriers: Vec<Barrier>,
}

/// Commitments reported done, partly and not done: counts made safe together, and shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutcomeRow {
    pub outcome: String,
    pub commitments: Shown,
    pub share: Option<f64>,
}

/// One row per outcome, then the total.
pub fn outcome_rows(reported: &[ReportedCommitment]) -> Vec<OutcomeRow> {
    let learners = reported.iter().map(|r| r.person).collect::<BTreeSet<_>>().len() as i64;
    let cells: Vec<i64> =
        Outcome::ALL.iter().map(|o| reported.iter().filter(|r| r.outcome == *o).count() as i64).collect();
    let (shown, total) = breakdown(&cells);
    let all = reported.len() as f64;
    let mut rows: Vec<OutcomeRow> = Outcome::ALL
        .iter()
        .zip(cells.iter().zip(shown))
        .map(|(outcome, (n, shown))| OutcomeRow {
            outcome: outcome.described().to_owned(),
            commitments: shown,
            share: over_enough(learners, (all > 0.0).then(|| *n as f64 / all)),
        })
        .collect();
    rows.push(OutcomeRow { outcome: "All reported".into(), commitments: total, share: None });
    rows
}

/// A barrier: how often it was named for commitments not fully made, and the review's theme.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BarrierRow {
    pub barrier: String,
    pub theme: String,
    pub named: Shown,
    /// Of the commitments not fully made, the share that named it.
    pub share: Option<f64>,
}

/// Each barrier named at least once, most named first.
pub fn barrier_rows(reported: &[ReportedCommitment]) -> Vec<BarrierRow> {
    let unmade: Vec<&ReportedCommitment> = reported.iter().filter(|r| r.outcome != Outcome::Done).collect();
    let learners = unmade.iter().map(|r| r.person).collect::<BTreeSet<_>>().len() as i64;
    let mut rows: Vec<(usize, BarrierRow)> = Barrier::ALL
        .iter()
        .map(|barrier| {
            let named = unmade.iter().filter(|r| r.barriers.contains(barrier)).count();
            let row = BarrierRow {
                barrier: barrier.label().to_owned(),
                theme: barrier
                    .theme()
                    .and_then(theme)
                    .map_or("None of the review's themes", |t| t.title)
                    .to_owned(),
                named: count(named as i64),
                share: over_enough(learners, Some(named as f64 / unmade.len().max(1) as f64)),
            };
            (named, row)
        })
        .filter(|(named, _)| *named > 0)
        .collect();
    rows.sort_by_key(|row| std::cmp::Reverse(row.0));
    rows.into_iter().map(|(_, row)| row).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(attempt: i64, booster: bool, post: bool) -> BoosterFact {
        BoosterFact {
            attempt,
            person: attempt,
            after_days: 14,
            themes: vec!["gp-role".into()],
            booster_correct: booster,
            post_correct: post,
        }
    }

    #[test]
    fn retention_is_the_paired_change_on_the_same_items_with_its_interval() {
        // Ten learners, two items each: right twice after the module; at two weeks, half of them
        // kept both and half kept one.
        let mut facts = Vec::new();
        for attempt in 0..10 {
            facts.push(fact(attempt, true, true));
            facts.push(fact(attempt, attempt < 5, true));
        }
        let rows = retention_rows(&facts);
        assert_eq!(rows.len(), 1);
        let row = &rows[0];
        assert_eq!(
            (row.title.as_str(), row.after.as_str(), row.learners),
            ("The GP's role and responsibility", "2 weeks", Shown::Count(10))
        );
        assert_eq!((row.right_after, row.right_then), (Some(1.0), Some(0.75)));
        let change = row.change.expect("over enough learners");
        assert!((change.mean - -0.25).abs() < 1e-9);
        // Half the changes are 0 and half −0.5: s = 0.2635, t(9) = 2.262, half-width 0.1885.
        let (low, high) = change.interval.expect("an interval");
        assert!((low - -0.4385).abs() < 1e-3 && (high - -0.0615).abs() < 1e-3, "{low} {high}");
    }

    #[test]
    fn fewer_than_eight_learners_show_no_rates() {
        let rows = retention_rows(&[fact(1, true, true), fact(2, false, true)]);
        assert_eq!((rows[0].learners, rows[0].right_then, rows[0].change), (Shown::Suppressed, None, None));
    }

    #[test]
    fn outcomes_and_barriers_are_counted_and_shared() {
        let reported: Vec<ReportedCommitment> = (0..20)
            .map(|n| ReportedCommitment {
                person: n,
                outcome: match n % 4 {
                    0 | 1 => Outcome::Done,
                    2 => Outcome::Partly,
                    _ => Outcome::NotDone,
                },
                barriers: if n % 4 == 3 {
                    vec![Barrier::NoAlternative, Barrier::Time]
                } else if n % 4 == 2 {
                    vec![Barrier::Time]
                } else {
                    vec![]
                },
            })
            .collect();
        let outcomes = outcome_rows(&reported);
        assert_eq!(outcomes[0].commitments, Shown::Count(10));
        assert_eq!(outcomes[0].share, Some(0.5));
        assert_eq!(outcomes[3].commitments, Shown::Count(20));
        let barriers = barrier_rows(&reported);
        assert_eq!(barriers[0].barrier, Barrier::Time.label());
        assert_eq!(barriers[0].share, Some(1.0), "every commitment not fully made named time");
        assert_eq!(barriers[1].theme, "Attitudes to different interventions");
        assert_eq!(barriers[1].share, Some(0.5));
    }
}
