//! The matched-pair figures a report reads: by theme, learners, pairs decided for both patients
//! and those decided differently, over attempts finished in scope.

use super::Db;
use super::reports::{Scope, in_scope};
use crate::domain::reports::pairs::PairTotals;

#[derive(sqlx::FromRow)]
pub(super) struct PairTotalsRow {
    theme_code: String,
    learners: i64,
    met: i64,
    inconsistent: i64,
}

impl Db {
    /// Each theme's matched pairs in scope. Only modules with pairs write these rows, so even a
    /// national view groups a small share of the finished attempts.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn pair_totals(&self, scope: Scope) -> Result<Vec<PairTotals>, sqlx::Error> {
        let rows: Vec<PairTotalsRow> = self
            .scoped(
                &format!(
                    "SELECT t.theme_code, COUNT(DISTINCT t.person_id) AS learners, COUNT(*) AS met, \
                     CAST(SUM(1 - t.consistent) AS BIGINT) AS inconsistent \
                     FROM attempt_pair_outcomes t WHERE {} GROUP BY t.theme_code ORDER BY t.theme_code",
                    in_scope("completed_at")
                ),
                scope,
            )
            .await?;
        Ok(rows.into_iter().map(PairTotals::from).collect())
    }
}

impl From<PairTotalsRow> for PairTotals {
    fn from(r: PairTotalsRow) -> Self {
        PairTotals { theme: r.theme_code, learners: r.learners, met: r.met, inconsistent: r.inconsistent }
    }
}
