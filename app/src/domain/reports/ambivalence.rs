//! Ambivalence in the reports: by module, the learners' mean evaluations (how favourable and how
//! unfavourable, each alone, 0 to 4) and their mean ambivalence index before and after the cases,
//! with the mean change and its 95% confidence interval (see `learning::ambivalence`).

use serde::{Deserialize, Serialize};

use super::disclosure::{MIN_PEOPLE_FOR_RATES, Shown, count, over_enough};
use super::stats::{MeanWithInterval, mean_with_interval_from_sums};
use crate::domain::ids::ModuleId;

/// One module's evaluations, added up over the attempts finished in scope. Index sums are of twice
/// the index (a whole number), so they stay exact.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct AmbivalenceTotals {
    pub module: ModuleId,
    pub learners: i64,
    pub attempts: i64,
    pub positive_before: i64,
    pub negative_before: i64,
    pub positive_after: i64,
    pub negative_after: i64,
    pub doubled_before: i64,
    pub doubled_after: i64,
    /// Sums of twice the change in the index, and of its square.
    pub doubled_shift: i64,
    pub doubled_shift_squared: i64,
}

/// One module's row: means over attempts, shown only over enough learners.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AmbivalenceRow {
    pub module: String,
    pub learners: Shown,
    /// Mean (favourable, unfavourable), 0 to 4, before and after.
    pub before: Option<(f64, f64)>,
    pub after: Option<(f64, f64)>,
    /// Mean index, −2 to 4, before and after.
    pub index_before: Option<f64>,
    pub index_after: Option<f64>,
    pub shift: Option<MeanWithInterval>,
}

/// The rows, one per module; `title` names a module.
pub fn ambivalence_rows(
    totals: &[AmbivalenceTotals],
    title: impl Fn(ModuleId) -> String,
) -> Vec<AmbivalenceRow> {
    totals
        .iter()
        .filter(|t| t.attempts > 0)
        .map(|t| {
            let n = t.attempts as f64;
            let mean = |sum: i64| over_enough(t.learners, Some(sum as f64 / n));
            let both = |p: i64, q: i64| mean(p).zip(mean(q));
            let enough = t.learners >= MIN_PEOPLE_FOR_RATES;
            AmbivalenceRow {
                module: title(t.module),
                learners: count(t.learners),
                before: both(t.positive_before, t.negative_before),
                after: both(t.positive_after, t.negative_after),
                index_before: mean(t.doubled_before).map(|d| d / 2.0),
                index_after: mean(t.doubled_after).map(|d| d / 2.0),
                shift: enough
                    .then(|| {
                        let (sum, squares) =
                            (t.doubled_shift as f64 / 2.0, t.doubled_shift_squared as f64 / 4.0);
                        mean_with_interval_from_sums(t.attempts, sum, squares)
                    })
                    .flatten(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn means_and_the_index_change_are_shown_only_over_enough_learners() {
        // Ten learners, each from (3, 1) before (index 0) to (3, 3) after (index 3).
        let ten = AmbivalenceTotals {
            module: ModuleId(1),
            learners: 10,
            attempts: 10,
            positive_before: 30,
            negative_before: 10,
            positive_after: 30,
            negative_after: 30,
            doubled_before: 0,
            doubled_after: 60,
            doubled_shift: 60,
            doubled_shift_squared: 360,
        };
        let few = AmbivalenceTotals { module: ModuleId(2), learners: 3, attempts: 3, ..ten.clone() };
        let rows = ambivalence_rows(&[ten, few], |m| format!("Module {}", m.0));
        assert_eq!((rows[0].before, rows[0].after), (Some((3.0, 1.0)), Some((3.0, 3.0))));
        assert_eq!((rows[0].index_before, rows[0].index_after), (Some(0.0), Some(3.0)));
        let shift = rows[0].shift.as_ref().expect("ten learners");
        assert_eq!((shift.mean, shift.interval), (3.0, Some((3.0, 3.0))));
        assert_eq!(
            (rows[1].learners, rows[1].index_after, rows[1].shift.is_none()),
            (Shown::Suppressed, None, true)
        );
    }
}
