//! A learner's whole learning record, for their own data export: each attempt with its answers,
//! its reflection and the changes they committed to.

use super::Db;
use crate::domain::ids::PersonId;
use crate::domain::learning::commitment::Commitment;

/// A commitment with the internal id of the attempt it was written in.
pub(super) struct AttemptCommitment {
    attempt: i64,
    commitment: Commitment,
}

/// The commitments written in one attempt, in order.
pub(super) fn of_attempt(all: &[AttemptCommitment], attempt: i64) -> Vec<Commitment> {
    all.iter().filter(|c| c.attempt == attempt).map(|c| c.commitment.clone()).collect()
}

impl Db {
    /// Every commitment a person has written, by attempt and then in order.
    pub(super) async fn commitments_by(
        &self,
        person: PersonId,
    ) -> Result<Vec<AttemptCommitment>, sqlx::Error> {
        #[derive(sqlx::FromRow)]
        struct Row {
            attempt_id: i64,
            what: String,
            patients: String,
            due_by: String,
        }
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT attempt_id, what, patients, due_by FROM commitments WHERE person_id = $1 \
             ORDER BY attempt_id, position",
        )
        .bind(person.0)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| AttemptCommitment {
                attempt: r.attempt_id,
                commitment: Commitment { what: r.what, patients: r.patients, by: r.due_by },
            })
            .collect())
    }

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
        let commitments = self.commitments_by(person).await?;
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
                commitments: of_attempt(&commitments, attempt.id),
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
    pub commitments: Vec<Commitment>,
    pub answers: Vec<AnswerRecord>,
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
