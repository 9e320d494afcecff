//! Matched pairs in the reports: by theme, the share of pairs a region's learners decided
//! differently for two patients who differed in one respect only. The review found rules applied
//! inconsistently and care shaped by who seemed 'deserving'; this is that finding measured in a
//! lead's own learners, under the same disclosure control as every figure.

use serde::{Deserialize, Serialize};

use super::disclosure::{Shown, count, over_enough};
use crate::domain::curriculum::theme::{THEMES, theme};

/// One theme's matched pairs, added up over the attempts finished in scope.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct PairTotals {
    pub theme: String,
    pub learners: i64,
    /// Pairs decided for both patients (one per attempt and pair).
    pub met: i64,
    /// Of those, pairs where some shared decision got a different option for each patient.
    pub inconsistent: i64,
}

/// One theme's row in the report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PairThemeRow {
    pub code: String,
    pub title: String,
    pub learners: Shown,
    pub pairs: Shown,
    /// Inconsistent pairs over pairs met, 0 to 1; `None` below the disclosure threshold.
    pub inconsistent: Option<f64>,
}

/// The rows by theme, in the themes' own order.
pub fn pair_rows(totals: &[PairTotals]) -> Vec<PairThemeRow> {
    let mut rows: Vec<PairThemeRow> = totals
        .iter()
        .filter(|t| t.met > 0)
        .map(|t| PairThemeRow {
            code: t.theme.clone(),
            title: theme(&t.theme).map_or_else(|| t.theme.clone(), |known| known.title.to_owned()),
            learners: count(t.learners),
            pairs: count(t.met),
            inconsistent: over_enough(t.learners, Some(t.inconsistent as f64 / t.met as f64)),
        })
        .collect();
    rows.sort_by_key(|r| THEMES.iter().position(|known| known.code == r.code).unwrap_or(usize::MAX));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn totals(theme: &str, learners: i64, met: i64, inconsistent: i64) -> PairTotals {
        PairTotals { theme: theme.into(), learners, met, inconsistent }
    }

    #[test]
    fn the_share_is_shown_in_theme_order_only_over_enough_learners() {
        let rows = pair_rows(&[
            totals("ambivalence-rules", 3, 3, 2),
            totals("deserving-patient", 12, 20, 5),
            totals("gp-role", 0, 0, 0),
        ]);
        assert_eq!(
            rows.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(),
            ["deserving-patient", "ambivalence-rules"]
        );
        assert_eq!(
            (rows[0].learners, rows[0].pairs, rows[0].inconsistent),
            (Shown::Count(10), Shown::Count(20), Some(0.25))
        );
        assert_eq!((rows[1].learners, rows[1].inconsistent), (Shown::Suppressed, None));
    }
}
