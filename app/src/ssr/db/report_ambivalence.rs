//! The ambivalence figures a report reads: by module, the sums of the learners' evaluations and
//! of twice their ambivalence index, before and after, over attempts finished in scope.

use super::Db;
use super::reports::{Scope, in_scope};
use crate::domain::ids::ModuleId;
use crate::domain::reports::ambivalence::AmbivalenceTotals;

#[derive(sqlx::FromRow)]
pub(super) struct AmbivalenceRow {
    module_id: ModuleId,
    learners: i64,
    attempts: i64,
    positive_before: i64,
    negative_before: i64,
    positive_after: i64,
    negative_after: i64,
    doubled_before: i64,
    doubled_after: i64,
    doubled_shift: i64,
    doubled_shift_squared: i64,
}

/// Twice the Griffin index of a sitting's columns: P + N − 2|P − N|.
fn doubled(sitting: &str) -> String {
    format!(
        "(t.positive_{sitting} + t.negative_{sitting} - 2 * ABS(t.positive_{sitting} - t.negative_{sitting}))"
    )
}

impl Db {
    /// Each module's ambivalence totals in scope.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn ambivalence_totals(&self, scope: Scope) -> Result<Vec<AmbivalenceTotals>, sqlx::Error> {
        let (before, after) = (doubled("before"), doubled("after"));
        let sum = |column: &str| format!("CAST(SUM({column}) AS BIGINT)");
        let sql = format!(
            "SELECT t.module_id, COUNT(DISTINCT t.person_id) AS learners, COUNT(*) AS attempts, \
             {} AS positive_before, {} AS negative_before, {} AS positive_after, {} AS negative_after, \
             {} AS doubled_before, {} AS doubled_after, {} AS doubled_shift, {} AS doubled_shift_squared \
             FROM attempt_ambivalence t WHERE {} GROUP BY t.module_id ORDER BY t.module_id",
            sum("t.positive_before"),
            sum("t.negative_before"),
            sum("t.positive_after"),
            sum("t.negative_after"),
            sum(&before),
            sum(&after),
            sum(&format!("{after} - {before}")),
            sum(&format!("({after} - {before}) * ({after} - {before})")),
            in_scope("completed_at")
        );
        let rows: Vec<AmbivalenceRow> = self.scoped(&sql, scope).await?;
        Ok(rows.into_iter().map(AmbivalenceTotals::from).collect())
    }
}

impl From<AmbivalenceRow> for AmbivalenceTotals {
    fn from(r: AmbivalenceRow) -> Self {
        AmbivalenceTotals {
            module: r.module_id,
            learners: r.learners,
            attempts: r.attempts,
            positive_before: r.positive_before,
            negative_before: r.negative_before,
            positive_after: r.positive_after,
            negative_after: r.negative_after,
            doubled_before: r.doubled_before,
            doubled_after: r.doubled_after,
            doubled_shift: r.doubled_shift,
            doubled_shift_squared: r.doubled_shift_squared,
        }
    }
}
