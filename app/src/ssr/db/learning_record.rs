//! A learner's whole learning record, for their own data export: each attempt with its answers,
//! its reflection, the changes they committed to and what became of them, and its follow-ups.

use super::Db;
use crate::domain::ids::PersonId;
use crate::domain::learning::commitment::Commitment;
use crate::domain::learning::practice_report::CommitmentReport;

impl Db {
    /// Everything recorded in a learner's attempts, for their own data export: each attempt with
    /// its answers, reflection and commitments.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn learning_record_of(&self, person: PersonId) -> Result<Vec<AttemptRecord>, sqlx::Error> {
        #[derive(sqlx::FromRow)]
        struct AttemptRow {
            id: i64,
            public_id: String,
            slug: String,
            number: i64,
            status: String,
            started_at: i64,
            completed_at: Option<i64>,
            body: Option<String>,
        }
        let attempts: Vec<AttemptRow> = sqlx::query_as(
            "SELECT a.id, a.public_id, m.slug, v.number, a.status, a.started_at, a.completed_at, f.body \
             FROM attempts a JOIN modules m ON m.id = a.module_id JOIN module_versions v ON v.id = a.version_id \
             LEFT JOIN reflections f ON f.attempt_id = a.id WHERE a.person_id = $1 ORDER BY a.started_at, a.id",
        )
        .bind(person.0)
        .fetch_all(&self.pool)
        .await?;
        #[derive(sqlx::FromRow)]
        struct ResponseRow {
            attempt_id: i64,
            step: String,
            kind: String,
            answer: Option<String>,
            correct: Option<i64>,
            certainty: Option<i64>,
            score: Option<i64>,
            rating: Option<String>,
            option_order: Option<String>,
            time_on_step_ms: i64,
            recorded_at: i64,
        }
        let responses: Vec<ResponseRow> = sqlx::query_as(
            "SELECT attempt_id, step, kind, answer, correct, certainty, score, rating, option_order, \
             time_on_step_ms, recorded_at FROM responses WHERE person_id = $1 ORDER BY id",
        )
        .bind(person.0)
        .fetch_all(&self.pool)
        .await?;
        let commitments = self.commitment_outcomes_by(person).await?;
        let follow_ups = self.follow_up_records_of(person).await?;
        Ok(attempts
            .into_iter()
            .map(|attempt| AttemptRecord {
                answers: responses
                    .iter()
                    .filter(|r| r.attempt_id == attempt.id)
                    .map(|r| AnswerRecord {
                        step: r.step.clone(),
                        kind: r.kind.clone(),
                        answer: r.answer.clone(),
                        correct: r.correct.map(|c| c != 0),
                        certainty: r.certainty,
                        score: r.score,
                        rating: r.rating.clone(),
                        option_order: r.option_order.clone(),
                        time_on_step_ms: r.time_on_step_ms,
                        recorded_at: r.recorded_at,
                    })
                    .collect(),
                public_id: attempt.public_id,
                module: attempt.slug,
                version: attempt.number,
                status: attempt.status,
                started_at: attempt.started_at,
                completed_at: attempt.completed_at,
                commitments: commitments
                    .iter()
                    .filter(|(a, _)| *a == attempt.id)
                    .map(|(_, c)| CommitmentRecord {
                        commitment: c.commitment.clone(),
                        what_became_of_it: c.report.clone(),
                    })
                    .collect(),
                follow_ups: follow_ups
                    .iter()
                    .filter(|(a, _)| *a == attempt.id)
                    .map(|(_, f)| f.clone())
                    .collect(),
                reflection: attempt.body,
            })
            .collect())
    }
}

/// An attempt as the learner's own data export holds it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct AttemptRecord {
    pub public_id: String,
    pub module: String,
    pub version: i64,
    pub status: String,
    pub started_at: i64,
    pub completed_at: Option<i64>,
    pub reflection: Option<String>,
    pub commitments: Vec<CommitmentRecord>,
    pub answers: Vec<AnswerRecord>,
    pub follow_ups: Vec<FollowUpRecord>,
}

/// A commitment to change, and what the learner said became of it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct CommitmentRecord {
    #[serde(flatten)]
    pub commitment: Commitment,
    pub what_became_of_it: Option<CommitmentReport>,
}

/// A follow-up of an attempt, with a booster's answers.
#[derive(Clone, Debug, serde::Serialize)]
pub struct FollowUpRecord {
    pub kind: String,
    pub after_days: i64,
    pub due_at: i64,
    pub completed_at: Option<i64>,
    pub answers: Vec<BoosterAnswerRecord>,
}

/// A booster answer, as the export holds it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct BoosterAnswerRecord {
    pub item: String,
    pub answer: String,
    pub correct: bool,
    pub certainty: i64,
    pub score: i64,
    pub option_order: String,
    pub recorded_at: i64,
}

/// One answer as the learner's own data export holds it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct AnswerRecord {
    pub step: String,
    pub kind: String,
    pub answer: Option<String>,
    pub correct: Option<bool>,
    pub certainty: Option<i64>,
    pub score: Option<i64>,
    pub rating: Option<String>,
    /// The options' keys in the order they were shown (`c,a,d,b`), for items and decisions.
    pub option_order: Option<String>,
    pub time_on_step_ms: i64,
    pub recorded_at: i64,
}

impl Db {
    /// A learner's follow-ups with their booster answers, each with its attempt's internal id.
    async fn follow_up_records_of(
        &self,
        person: PersonId,
    ) -> Result<Vec<(i64, FollowUpRecord)>, sqlx::Error> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: i64,
            attempt_id: i64,
            kind: String,
            after_days: i64,
            due_at: i64,
            completed_at: Option<i64>,
        }
        #[derive(sqlx::FromRow)]
        struct AnswerRow {
            follow_up_id: i64,
            item: String,
            answer: String,
            correct: i64,
            certainty: i64,
            score: i64,
            option_order: String,
            recorded_at: i64,
        }
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT id, attempt_id, kind, after_days, due_at, completed_at FROM follow_ups WHERE person_id = $1 \
             ORDER BY due_at, id",
        )
        .bind(person.0)
        .fetch_all(&self.pool)
        .await?;
        let answers: Vec<AnswerRow> = sqlx::query_as(
            "SELECT follow_up_id, item, answer, correct, certainty, score, option_order, recorded_at \
             FROM follow_up_answers WHERE person_id = $1 ORDER BY id",
        )
        .bind(person.0)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| {
                let answers = answers
                    .iter()
                    .filter(|a| a.follow_up_id == row.id)
                    .map(|a| BoosterAnswerRecord {
                        item: a.item.clone(),
                        answer: a.answer.clone(),
                        correct: a.correct != 0,
                        certainty: a.certainty,
                        score: a.score,
                        option_order: a.option_order.clone(),
                        recorded_at: a.recorded_at,
                    })
                    .collect();
                let record = FollowUpRecord {
                    kind: row.kind,
                    after_days: row.after_days,
                    due_at: row.due_at,
                    completed_at: row.completed_at,
                    answers,
                };
                (row.attempt_id, record)
            })
            .collect())
    }
}
