//! The follow-up figures a report reads, over attempts finished in scope: each booster answer beside
//! the same learner's post-test answer to the same item, and each commitment's reported outcome.

use super::Db;
use super::reports::{Scope, in_scope};
use crate::domain::ids::VersionId;
use crate::domain::learning::follow_up::Outcome;
use crate::domain::learning::practice_report::stored_barriers;
use crate::domain::reports::follow_ups::ReportedCommitment;

/// A booster answer beside the post-test answer to the same item, before the item's themes are
/// looked up in its module version.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct BoosterAnswerPair {
    pub attempt_id: i64,
    pub person_id: i64,
    pub version_id: i64,
    pub after_days: i64,
    pub item: String,
    pub booster_correct: i64,
    pub post_correct: i64,
}

impl BoosterAnswerPair {
    pub fn version(&self) -> VersionId {
        VersionId(self.version_id)
    }
}

#[derive(sqlx::FromRow)]
struct OutcomeRow {
    person_id: i64,
    outcome: String,
    barriers: String,
}

impl Db {
    /// Every booster answer in scope, paired with the post-test answer to the same item.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn booster_answer_pairs(&self, scope: Scope) -> Result<Vec<BoosterAnswerPair>, sqlx::Error> {
        self.scoped(
            &format!(
                "SELECT f.attempt_id, f.person_id, t.version_id, f.after_days, x.item, \
                 x.correct AS booster_correct, r.correct AS post_correct \
                 FROM follow_up_answers x JOIN follow_ups f ON f.id = x.follow_up_id \
                 JOIN attempts t ON t.id = f.attempt_id \
                 JOIN responses r ON r.attempt_id = f.attempt_id AND r.step = 'post:' || x.item \
                 WHERE {} ORDER BY f.attempt_id, x.id",
                in_scope("completed_at")
            ),
            scope,
        )
        .await
    }

    /// Every commitment reported on in scope: by whom, what became of it, what got in the way.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn reported_commitments(&self, scope: Scope) -> Result<Vec<ReportedCommitment>, sqlx::Error> {
        let rows: Vec<OutcomeRow> = self
            .scoped(
                &format!(
                    "SELECT o.person_id, o.outcome, o.barriers FROM commitment_outcomes o \
                     JOIN commitments c ON c.id = o.commitment_id JOIN attempts t ON t.id = c.attempt_id \
                     WHERE {} ORDER BY o.commitment_id",
                    in_scope("completed_at")
                ),
                scope,
            )
            .await?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                let outcome = Outcome::parse(&r.outcome)?;
                Some(ReportedCommitment {
                    person: r.person_id,
                    outcome,
                    barriers: stored_barriers(&r.barriers),
                })
            })
            .collect())
    }
}
