//! Follow-ups after a module, the answers to them and what became of each commitment. A follow-up is
//! created with its two email jobs in the transaction that finishes the attempt; its answers are
//! recorded in one transaction that marks it done with a compare-and-set, so of any number of
//! identical submissions exactly one records.

use sqlx::{Any, Transaction};

use super::Db;
use super::evidence::{NewStatement, insert_statements};
use super::jobs::queue_job;
use crate::domain::ids::{PersonId, VersionId};
use crate::domain::learning::booster::BoosterAnswer;
use crate::domain::learning::commitment::Commitment;
use crate::domain::learning::follow_up::{FollowUpKind, Outcome, reminder_at};
use crate::domain::learning::marking::Certainty;
use crate::domain::learning::practice_report::{CommitmentReport, recorded_barriers, stored_barriers};
use crate::domain::learning::retention::StageAnswer;

/// A follow-up to create when an attempt finishes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewFollowUp {
    pub public_id: String,
    pub kind: FollowUpKind,
    pub after_days: u32,
    pub due_at: i64,
}

/// A follow-up as stored, with what its pages need of the attempt behind it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FollowUp {
    pub id: i64,
    pub public_id: String,
    pub kind: FollowUpKind,
    pub after_days: u32,
    pub due_at: i64,
    pub person: PersonId,
    pub attempt_id: i64,
    pub attempt_public_id: String,
    pub version: VersionId,
    pub module_title: String,
    /// The items a booster asks, once fixed.
    pub items: Option<Vec<String>>,
    pub completed_at: Option<i64>,
}

/// A booster's recorded answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedBoosterAnswer {
    pub item: String,
    pub answer: String,
    pub correct: bool,
    pub certainty: i64,
    pub option_order: String,
}

/// A booster of an attempt that has been answered, with its answers, in schedule order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnsweredBooster {
    pub after_days: u32,
    pub answers: Vec<StageAnswer>,
}

/// A commitment, with its id and what became of it once reported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommitmentWithOutcome {
    pub id: i64,
    pub commitment: Commitment,
    pub report: Option<CommitmentReport>,
}

/// A `follow_ups` row joined to its attempt and module version.
#[derive(sqlx::FromRow)]
struct FollowUpRow {
    id: i64,
    public_id: String,
    kind: String,
    after_days: i64,
    due_at: i64,
    person_id: i64,
    attempt_id: i64,
    attempt_public_id: String,
    version_id: i64,
    title: String,
    items: Option<String>,
    completed_at: Option<i64>,
}

const FOLLOW_UP_COLUMNS: &str = "f.id, f.public_id, f.kind, f.after_days, f.due_at, f.person_id, f.attempt_id, \
     a.public_id AS attempt_public_id, a.version_id, v.title, f.items, f.completed_at \
     FROM follow_ups f JOIN attempts a ON a.id = f.attempt_id JOIN module_versions v ON v.id = a.version_id";

fn follow_up_from(row: FollowUpRow) -> Result<FollowUp, sqlx::Error> {
    let kind = FollowUpKind::parse(&row.kind)
        .ok_or_else(|| sqlx::Error::Decode(format!("unknown follow-up kind {:?}", row.kind).into()))?;
    Ok(FollowUp {
        id: row.id,
        public_id: row.public_id,
        kind,
        after_days: u32::try_from(row.after_days).unwrap_or_default(),
        due_at: row.due_at,
        person: PersonId(row.person_id),
        attempt_id: row.attempt_id,
        attempt_public_id: row.attempt_public_id,
        version: VersionId(row.version_id),
        module_title: row.title,
        items: row.items.as_deref().map(booster_entries),
        completed_at: row.completed_at,
    })
}

/// The entries of a booster's `items` column (`item` or `item:variant`, comma-separated: keys are
/// slugs, never commas).
fn booster_entries(list: &str) -> Vec<String> {
    list.split(',').map(str::to_owned).collect()
}

/// Creates a finished attempt's follow-ups, each with its due email and its reminder a week later.
pub(super) async fn insert_follow_ups(
    tx: &mut Transaction<'static, Any>,
    attempt: i64,
    person: PersonId,
    follow_ups: &[NewFollowUp],
) -> Result<(), sqlx::Error> {
    for new in follow_ups {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO follow_ups (public_id, attempt_id, person_id, kind, after_days, due_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(&new.public_id)
        .bind(attempt)
        .bind(person.0)
        .bind(new.kind.code())
        .bind(i64::from(new.after_days))
        .bind(new.due_at)
        .fetch_one(&mut **tx)
        .await?;
        for (kind, run_at) in [("follow_up_due", new.due_at), ("follow_up_reminder", reminder_at(new.due_at))]
        {
            queue_job(tx, kind, id, run_at).await?;
        }
    }
    Ok(())
}

impl Db {
    /// A follow-up by its address.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn follow_up(&self, public_id: &str) -> Result<Option<FollowUp>, sqlx::Error> {
        let row: Option<FollowUpRow> =
            sqlx::query_as(&format!("SELECT {FOLLOW_UP_COLUMNS} WHERE f.public_id = $1"))
                .bind(public_id)
                .fetch_optional(&self.pool)
                .await?;
        row.map(follow_up_from).transpose()
    }

    /// A follow-up by its id (for the jobs, which name it so).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn follow_up_by_id(&self, id: i64) -> Result<Option<FollowUp>, sqlx::Error> {
        let row: Option<FollowUpRow> = sqlx::query_as(&format!("SELECT {FOLLOW_UP_COLUMNS} WHERE f.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(follow_up_from).transpose()
    }

    /// Every follow-up of a learner, soonest due first.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn follow_ups_of(&self, person: PersonId) -> Result<Vec<FollowUp>, sqlx::Error> {
        let rows: Vec<FollowUpRow> = sqlx::query_as(&format!(
            "SELECT {FOLLOW_UP_COLUMNS} WHERE f.person_id = $1 ORDER BY f.due_at, f.id"
        ))
        .bind(person.0)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(follow_up_from).collect()
    }

    /// The address to send a follow-up to: `None` once the account is deactivated.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn active_email(&self, person: PersonId) -> Result<Option<String>, sqlx::Error> {
        sqlx::query_scalar("SELECT email FROM people WHERE id = $1 AND deactivated_at IS NULL")
            .bind(person.0)
            .fetch_optional(&self.pool)
            .await
    }

    /// What the attempt's other boosters have fixed to ask (`item` or `item:variant` each), so a new
    /// one can choose variants not yet asked.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn other_boosters_items(&self, follow_up: &FollowUp) -> Result<Vec<String>, sqlx::Error> {
        let fixed: Vec<String> = sqlx::query_scalar(
            "SELECT items FROM follow_ups WHERE attempt_id = $1 AND kind = 'booster' AND id <> $2 \
             AND items IS NOT NULL",
        )
        .bind(follow_up.attempt_id)
        .bind(follow_up.id)
        .fetch_all(&self.pool)
        .await?;
        Ok(fixed.iter().flat_map(|list| booster_entries(list)).collect())
    }

    /// Fixes the items a booster asks, the first time it is opened; returns those fixed (by this
    /// call or an earlier one), so two first openings at once agree.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn fix_booster_items(
        &self,
        follow_up: i64,
        items: &[String],
    ) -> Result<Vec<String>, sqlx::Error> {
        sqlx::query("UPDATE follow_ups SET items = $1 WHERE id = $2 AND items IS NULL")
            .bind(items.join(","))
            .bind(follow_up)
            .execute(&self.pool)
            .await?;
        let fixed: Option<String> = sqlx::query_scalar("SELECT items FROM follow_ups WHERE id = $1")
            .bind(follow_up)
            .fetch_one(&self.pool)
            .await?;
        Ok(fixed.as_deref().map(booster_entries).unwrap_or_default())
    }

    /// Starts the transaction that records a follow-up's answers by marking it done, a
    /// compare-and-set: `None` (and nothing written) when it was done already.
    async fn begin_completing(
        &self,
        follow_up: &FollowUp,
        now_ms: i64,
    ) -> Result<Option<Transaction<'static, Any>>, sqlx::Error> {
        let mut tx = self.begin().await?;
        let done =
            sqlx::query("UPDATE follow_ups SET completed_at = $1 WHERE id = $2 AND completed_at IS NULL")
                .bind(now_ms)
                .bind(follow_up.id)
                .execute(&mut *tx)
                .await?;
        if done.rows_affected() == 1 {
            Ok(Some(tx))
        } else {
            tx.rollback().await?;
            Ok(None)
        }
    }

    /// Records a booster's answers and marks it done, once: `false` when it was already done.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn record_booster(
        &self,
        follow_up: &FollowUp,
        answers: &[(BoosterAnswer, String)],
        statements: &[NewStatement],
        now_ms: i64,
    ) -> Result<bool, sqlx::Error> {
        let Some(mut tx) = self.begin_completing(follow_up, now_ms).await? else { return Ok(false) };
        for (answer, option_order) in answers {
            sqlx::query(
                "INSERT INTO follow_up_answers (follow_up_id, person_id, item, answer, correct, certainty, score, \
                 option_order, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(follow_up.id)
            .bind(follow_up.person.0)
            .bind(&answer.item)
            .bind(&answer.choice)
            .bind(i64::from(answer.correct))
            .bind(answer.certainty.level())
            .bind(answer.score)
            .bind(option_order)
            .bind(now_ms)
            .execute(&mut *tx)
            .await?;
        }
        finish_completing(tx, follow_up, statements, now_ms).await
    }

    /// Records what became of each commitment and marks the follow-up done, once: `false` when it
    /// was already done.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn record_practice_report(
        &self,
        follow_up: &FollowUp,
        reports: &[(i64, CommitmentReport)],
        statements: &[NewStatement],
        now_ms: i64,
    ) -> Result<bool, sqlx::Error> {
        let Some(mut tx) = self.begin_completing(follow_up, now_ms).await? else { return Ok(false) };
        for (commitment, report) in reports {
            sqlx::query(
                "INSERT INTO commitment_outcomes (commitment_id, follow_up_id, person_id, outcome, what_happened, \
                 barriers, other_barrier, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(commitment)
            .bind(follow_up.id)
            .bind(follow_up.person.0)
            .bind(report.outcome.code())
            .bind(&report.what_happened)
            .bind(recorded_barriers(&report.barriers))
            .bind(&report.other_barrier)
            .bind(now_ms)
            .execute(&mut *tx)
            .await?;
        }
        finish_completing(tx, follow_up, statements, now_ms).await
    }

    /// A booster's recorded answers, in the order asked.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn booster_answers(&self, follow_up: i64) -> Result<Vec<RecordedBoosterAnswer>, sqlx::Error> {
        #[derive(sqlx::FromRow)]
        struct Row {
            item: String,
            answer: String,
            correct: i64,
            certainty: i64,
            option_order: String,
        }
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT item, answer, correct, certainty, option_order FROM follow_up_answers \
             WHERE follow_up_id = $1 ORDER BY id",
        )
        .bind(follow_up)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| RecordedBoosterAnswer {
                item: r.item,
                answer: r.answer,
                correct: r.correct != 0,
                certainty: r.certainty,
                option_order: r.option_order,
            })
            .collect())
    }

    /// The answered boosters of an attempt, in schedule order, for retention.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn answered_boosters(&self, attempt: i64) -> Result<Vec<AnsweredBooster>, sqlx::Error> {
        #[derive(sqlx::FromRow)]
        struct Row {
            after_days: i64,
            item: String,
            correct: i64,
            certainty: i64,
        }
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT f.after_days, x.item, x.correct, x.certainty FROM follow_ups f \
             JOIN follow_up_answers x ON x.follow_up_id = f.id \
             WHERE f.attempt_id = $1 AND f.kind = 'booster' ORDER BY f.after_days, x.id",
        )
        .bind(attempt)
        .fetch_all(&self.pool)
        .await?;
        let mut boosters: Vec<AnsweredBooster> = Vec::new();
        for row in rows {
            let after_days = u32::try_from(row.after_days).unwrap_or_default();
            let Some(certainty) = Certainty::from_level(row.certainty) else { continue };
            let answer = StageAnswer { item: row.item, correct: row.correct != 0, certainty };
            match boosters.last_mut() {
                Some(last) if last.after_days == after_days => last.answers.push(answer),
                _ => boosters.push(AnsweredBooster { after_days, answers: vec![answer] }),
            }
        }
        Ok(boosters)
    }

    /// An attempt's commitments to change, in the order written, each with what became of it.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn commitments_with_outcomes(
        &self,
        attempt: i64,
    ) -> Result<Vec<CommitmentWithOutcome>, sqlx::Error> {
        Ok(self.outcomes_where("c.attempt_id = $1", attempt).await?.into_iter().map(|(_, c)| c).collect())
    }

    /// Every commitment of a learner with what became of it, each with its attempt's id.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn commitment_outcomes_by(
        &self,
        person: PersonId,
    ) -> Result<Vec<(i64, CommitmentWithOutcome)>, sqlx::Error> {
        self.outcomes_where("c.person_id = $1", person.0).await
    }

    async fn outcomes_where(
        &self,
        condition: &str,
        value: i64,
    ) -> Result<Vec<(i64, CommitmentWithOutcome)>, sqlx::Error> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: i64,
            attempt_id: i64,
            what: String,
            patients: String,
            due_by: String,
            outcome: Option<String>,
            what_happened: Option<String>,
            barriers: Option<String>,
            other_barrier: Option<String>,
        }
        let rows: Vec<Row> = sqlx::query_as(&format!(
            "SELECT c.id, c.attempt_id, c.what, c.patients, c.due_by, o.outcome, o.what_happened, o.barriers, \
             o.other_barrier FROM commitments c LEFT JOIN commitment_outcomes o ON o.commitment_id = c.id \
             WHERE {condition} ORDER BY c.attempt_id, c.position"
        ))
        .bind(value)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let report = r.outcome.as_deref().and_then(Outcome::parse).map(|outcome| CommitmentReport {
                    outcome,
                    what_happened: r.what_happened.unwrap_or_default(),
                    barriers: stored_barriers(r.barriers.as_deref().unwrap_or_default()),
                    other_barrier: r.other_barrier.unwrap_or_default(),
                });
                let commitment = Commitment { what: r.what, patients: r.patients, by: r.due_by };
                (r.attempt_id, CommitmentWithOutcome { id: r.id, commitment, report })
            })
            .collect())
    }
}

/// The statements a follow-up's answers make, written with them; then the transaction commits.
async fn finish_completing(
    mut tx: Transaction<'static, Any>,
    follow_up: &FollowUp,
    statements: &[NewStatement],
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    insert_statements(&mut tx, statements, follow_up.person, follow_up.attempt_id, now_ms).await?;
    tx.commit().await?;
    Ok(true)
}
