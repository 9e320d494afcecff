//! How finishing an attempt changes a region's all-time report totals, which a region's dashboard
//! reads instead of adding up every learner's summaries. A learner's answers on a theme are added
//! up over their finished attempts in the region before they count (as the per-attempt query
//! does), so another attempt replaces the learner's part of a total: the change is what the
//! learner adds now minus what they added before.

use std::collections::{BTreeMap, BTreeSet};

use super::build::{AttitudeTotals, DecisionTotals, PracticeGains, ThemeTotals};
use super::choices::{AttitudePair, DecisionTaken};
use super::theme_scores::Sitting;
use crate::domain::curriculum::case::Rating;
use crate::domain::ids::{ModuleId, PracticeId};

/// A learner's answers before and after the cases, added up over attempts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pooled {
    pub before: Sitting,
    pub after: Sitting,
}

impl Pooled {
    /// These answers with one more attempt's added.
    pub fn with(self, before: &Sitting, after: &Sitting) -> Pooled {
        Pooled { before: plus(&self.before, before), after: plus(&self.after, after) }
    }

    /// The shares right before and after, when the learner answered items at both sittings.
    fn shares(&self) -> Option<(f64, f64)> {
        let share = |s: &Sitting| s.right as f64 / s.answered as f64;
        (self.before.answered > 0 && self.after.answered > 0)
            .then(|| (share(&self.before), share(&self.after)))
    }

    /// What this learner adds to a theme's totals: nothing unless they answered before and after.
    fn part_of_theme(&self, theme: &str) -> ThemeTotals {
        let Some((before, after)) = self.shares() else {
            return ThemeTotals { theme: theme.to_owned(), ..ThemeTotals::default() };
        };
        ThemeTotals {
            theme: theme.to_owned(),
            learners: 1,
            share_right_before: before,
            share_right_after: after,
            gain: after - before,
            gain_squared: (after - before) * (after - before),
            before: self.before,
            after: self.after,
        }
    }

    /// What this learner adds to their practice's gains over every theme's items together.
    fn part_of_practice(&self) -> Option<PracticeGains> {
        self.shares().map(|(before, after)| PracticeGains { learners: 1, gain: after - before })
    }
}

fn plus(a: &Sitting, b: &Sitting) -> Sitting {
    Sitting {
        right: a.right + b.right,
        answered: a.answered + b.answered,
        sure_wrong: a.sure_wrong + b.sure_wrong,
        certainty_right: a.certainty_right + b.certainty_right,
        certainty_wrong: a.certainty_wrong + b.certainty_wrong,
    }
}

fn minus(a: &Sitting, b: &Sitting) -> Sitting {
    Sitting {
        right: a.right - b.right,
        answered: a.answered - b.answered,
        sure_wrong: a.sure_wrong - b.sure_wrong,
        certainty_right: a.certainty_right - b.certainty_right,
        certainty_wrong: a.certainty_wrong - b.certainty_wrong,
    }
}

/// The change to a theme's totals when a learner's answers on it go from `earlier` to `now`.
pub fn theme_change(theme: &str, earlier: &Pooled, now: &Pooled) -> ThemeTotals {
    let (new, old) = (now.part_of_theme(theme), earlier.part_of_theme(theme));
    ThemeTotals {
        theme: theme.to_owned(),
        learners: new.learners - old.learners,
        share_right_before: new.share_right_before - old.share_right_before,
        share_right_after: new.share_right_after - old.share_right_after,
        gain: new.gain - old.gain,
        gain_squared: new.gain_squared - old.gain_squared,
        before: minus(&new.before, &old.before),
        after: minus(&new.after, &old.after),
    }
}

/// A learner's answers over every theme together, and the practice they count at (their latest
/// in the region, as the per-attempt query takes the greatest practice id).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AtPractice {
    pub practice: Option<PracticeId>,
    pub answers: Pooled,
}

/// The changes to practices' gains when a learner goes from `earlier` to `now`: their part is
/// taken from the practice it was at and added to the one it is at now.
pub fn practice_changes(earlier: &AtPractice, now: &AtPractice) -> BTreeMap<PracticeId, PracticeGains> {
    let mut changes: BTreeMap<PracticeId, PracticeGains> = BTreeMap::new();
    let mut add = |at: &AtPractice, sign: i32| {
        if let (Some(practice), Some(part)) = (at.practice, at.answers.part_of_practice()) {
            let change = changes.entry(practice).or_default();
            change.learners += i64::from(sign) * part.learners;
            change.gain += f64::from(sign) * part.gain;
        }
    };
    add(now, 1);
    add(earlier, -1);
    changes
}

/// What an attempt's attitude ratings add to its module's statements; `rated_before` holds the
/// statements the learner rated in earlier attempts in the region, who are counted once.
pub fn attitude_changes(
    module: ModuleId,
    pairs: &[AttitudePair],
    rated_before: &BTreeSet<String>,
) -> Vec<AttitudeTotals> {
    let mut changes: Vec<AttitudeTotals> = pairs
        .iter()
        .map(|pair| {
            let shift = pair.after - pair.before;
            AttitudeTotals {
                module,
                statement: pair.statement.clone(),
                learners: i64::from(!rated_before.contains(&pair.statement)),
                pairs: 1,
                before: pair.before,
                after: pair.after,
                shift,
                shift_squared: shift * shift,
            }
        })
        .collect();
    changes.sort_by(|a, b| a.statement.cmp(&b.statement));
    changes
}

/// What an attempt's decisions add to its module's decisions (a decision taken twice in a case
/// that loops counts twice, its learner once); `taken_before` holds the (case, node) pairs the
/// learner reached in earlier attempts in the region.
pub fn decision_changes(
    module: ModuleId,
    taken: &[DecisionTaken],
    taken_before: &BTreeSet<(String, String)>,
) -> Vec<DecisionTotals> {
    let mut changes: BTreeMap<(String, String), DecisionTotals> = BTreeMap::new();
    for decision in taken {
        let key = (decision.case.clone(), decision.node.clone());
        let first_time = !taken_before.contains(&key);
        let change = changes.entry(key).or_insert_with(|| DecisionTotals {
            module,
            case: decision.case.clone(),
            node: decision.node.clone(),
            learners: i64::from(first_time),
            taken: 0,
            poor_or_unsafe: 0,
        });
        change.taken += 1;
        change.poor_or_unsafe += i64::from(matches!(decision.rating, Rating::Poor | Rating::Unsafe));
    }
    changes.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sitting(right: i64, answered: i64) -> Sitting {
        Sitting { right, answered, ..Sitting::default() }
    }

    #[test]
    fn a_first_attempt_adds_the_learner_and_their_shares() {
        let now = Pooled::default().with(&sitting(1, 4), &sitting(3, 4));
        let change = theme_change("roles", &Pooled::default(), &now);
        assert_eq!(change.learners, 1);
        assert_eq!((change.share_right_before, change.share_right_after), (0.25, 0.75));
        assert_eq!((change.gain, change.gain_squared), (0.5, 0.25));
        assert_eq!((change.before.answered, change.after.right), (4, 3));
    }

    #[test]
    fn another_attempt_replaces_the_learners_part_without_a_second_learner() {
        let earlier = Pooled::default().with(&sitting(1, 4), &sitting(3, 4));
        let now = earlier.with(&sitting(2, 4), &sitting(4, 4));
        let change = theme_change("roles", &earlier, &now);
        assert_eq!(change.learners, 0);
        // Pooled: 3 of 8 right before (0.375), 7 of 8 after (0.875); earlier 0.25 and 0.75.
        assert!((change.share_right_before - 0.125).abs() < 1e-12);
        assert!((change.gain - 0.0).abs() < 1e-12);
        assert_eq!((change.before.right, change.after.answered), (2, 4));
    }

    #[test]
    fn a_learner_counts_only_once_they_have_answered_before_and_after() {
        let unpaired = Pooled::default().with(&sitting(0, 0), &sitting(3, 4));
        assert_eq!(
            theme_change("roles", &Pooled::default(), &unpaired),
            ThemeTotals { theme: "roles".into(), ..ThemeTotals::default() }
        );
        let paired = unpaired.with(&sitting(2, 4), &sitting(0, 0));
        let change = theme_change("roles", &unpaired, &paired);
        assert_eq!((change.learners, change.before.answered, change.after.answered), (1, 4, 4));
    }

    #[test]
    fn a_learner_who_moved_practice_is_taken_from_the_old_one() {
        let earlier = AtPractice {
            practice: Some(PracticeId(3)),
            answers: Pooled::default().with(&sitting(1, 2), &sitting(2, 2)),
        };
        let now = AtPractice {
            practice: Some(PracticeId(7)),
            answers: earlier.answers.with(&sitting(2, 2), &sitting(2, 2)),
        };
        let changes = practice_changes(&earlier, &now);
        assert_eq!(changes[&PracticeId(3)], PracticeGains { learners: -1, gain: -0.5 });
        assert_eq!(changes[&PracticeId(7)], PracticeGains { learners: 1, gain: 0.25 });
        let same = practice_changes(&now, &AtPractice { practice: Some(PracticeId(7)), ..now });
        assert_eq!(same[&PracticeId(7)].learners, 0);
    }

    #[test]
    fn a_statement_rated_in_an_earlier_attempt_adds_a_pair_but_no_learner() {
        let pairs = [
            AttitudePair { statement: "b".into(), before: 2, after: 4 },
            AttitudePair { statement: "a".into(), before: 5, after: 3 },
        ];
        let changes = attitude_changes(ModuleId(9), &pairs, &BTreeSet::from(["b".to_owned()]));
        let summary: Vec<_> = changes
            .iter()
            .map(|c| (c.statement.as_str(), c.learners, c.pairs, c.shift, c.shift_squared))
            .collect();
        assert_eq!(summary, [("a", 1, 1, -2, 4), ("b", 0, 1, 2, 4)]);
    }

    #[test]
    fn a_decision_reached_twice_counts_twice_and_its_learner_once() {
        let took = |node: &str, rating| DecisionTaken {
            case: "c".into(),
            node: node.into(),
            option: "o".into(),
            rating,
        };
        let taken = [took("n1", Rating::Unsafe), took("n1", Rating::Best), took("n2", Rating::Poor)];
        let before = BTreeSet::from([("c".to_owned(), "n2".to_owned())]);
        let changes = decision_changes(ModuleId(9), &taken, &before);
        let summary: Vec<_> =
            changes.iter().map(|c| (c.node.as_str(), c.learners, c.taken, c.poor_or_unsafe)).collect();
        assert_eq!(summary, [("n1", 1, 2, 1), ("n2", 0, 1, 1)]);
    }
}
