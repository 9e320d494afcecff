//! Attempts and the answers recorded in them.
//!
//! An answer is recorded in one transaction with the attempt's move to its next step. The move is a
//! compare-and-set on the step the learner answered (`WHERE current_step = …`): of any number of
//! identical submissions racing, exactly one moves the attempt and records; the rest find the step
//! already answered and record nothing. The idempotency key then tells a repeat of a recorded answer
//! (a double click, a retry, the back button) from an answer to a step left behind in another tab.
//! The xAPI statements an answer makes, and the certificate when it finishes the attempt, are
//! written in the same transaction.

use super::curriculum::decode;
use super::evidence::{NewCertificate, NewStatement, insert_certificate, insert_statements};
use super::follow_ups::{NewFollowUp, insert_follow_ups};
use super::month_totals::mark_attempt_months;
use super::reports::insert_report_record;
use super::{Db, is_unique_violation};
use crate::domain::ids::{ModuleId, PersonId, VersionId};
use crate::domain::learning::attempt::{AttemptStatus, AttemptSummary};
use crate::domain::learning::commitment::Commitment;
use crate::domain::learning::marking::maximum;
use crate::domain::learning::results::RecordedAnswer;
use crate::domain::learning::step::Step;
use crate::domain::reports::record::ReportRecord;

/// An attempt as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attempt {
    pub id: i64,
    pub public_id: String,
    pub person: PersonId,
    pub module: ModuleId,
    pub version: VersionId,
    pub status: AttemptStatus,
    pub current_step: String,
    pub step_started_at: i64,
    pub started_at: i64,
    pub completed_at: Option<i64>,
}

/// A new attempt: who, at which version, where it starts, and its "launched" statement.
pub struct NewAttempt<'a> {
    pub public_id: &'a str,
    pub person: PersonId,
    pub module: ModuleId,
    pub version: VersionId,
    pub first_step: &'a str,
    pub launched: &'a NewStatement,
}

/// One answer to record, and where it moves the attempt.
pub struct NewAnswer<'a> {
    pub attempt: &'a Attempt,
    pub step: &'a Step,
    pub next_step: &'a Step,
    pub kind: &'a str,
    pub answer: Option<&'a str>,
    pub correct: Option<bool>,
    pub certainty: Option<i64>,
    pub score: Option<i64>,
    pub rating: Option<&'a str>,
    /// For items and decisions, the option keys in the order shown (`c,a,d,b`).
    pub option_order: Option<&'a str>,
    /// The reflection's text, kept apart from the responses that reports read.
    pub reflection: Option<&'a str>,
    /// The changes committed to with the reflection, kept privately like it.
    pub commitments: &'a [Commitment],
    pub idempotency_key: &'a str,
    pub time_on_step_ms: i64,
    /// The xAPI statements the answer makes.
    pub statements: &'a [NewStatement],
    /// The certificate, when this answer finishes the attempt.
    pub certificate: Option<&'a NewCertificate>,
    /// The attempt's summary for the reports, when this answer finishes it.
    pub report_record: Option<&'a ReportRecord>,
    /// The follow-ups that fall due later, when this answer finishes it.
    pub follow_ups: &'a [NewFollowUp],
}

/// A post-test answer of a learner's latest finished attempt at a module.
pub struct PostTestAnswer {
    pub version: VersionId,
    /// The knowledge item's key.
    pub item: String,
    pub correct: bool,
    pub certainty: i64,
}

/// What became of an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recorded {
    Saved,
    /// This very submission was recorded before; nothing more was written.
    AlreadyRecorded,
    /// The attempt had moved on from the step answered; nothing was written.
    StepAlreadyAnswered,
    /// The key was used before for another answer: a tampered form. Nothing was written.
    KeyReused,
}

/// An `attempts` row, as `ATTEMPT_COLUMNS` selects it.
#[derive(sqlx::FromRow)]
struct AttemptRow {
    id: i64,
    public_id: String,
    person_id: i64,
    module_id: i64,
    version_id: i64,
    status: String,
    current_step: String,
    step_started_at: i64,
    started_at: i64,
    completed_at: Option<i64>,
}

const ATTEMPT_COLUMNS: &str = "id, public_id, person_id, module_id, version_id, status, current_step, \
                               step_started_at, started_at, completed_at";

fn status_of(code: &str) -> Result<AttemptStatus, sqlx::Error> {
    AttemptStatus::parse(code)
        .ok_or_else(|| sqlx::Error::Decode(format!("unknown attempt status {code:?}").into()))
}

fn attempt_from(row: AttemptRow) -> Result<Attempt, sqlx::Error> {
    Ok(Attempt {
        id: row.id,
        public_id: row.public_id,
        person: PersonId(row.person_id),
        module: ModuleId(row.module_id),
        version: VersionId(row.version_id),
        status: status_of(&row.status)?,
        current_step: row.current_step,
        step_started_at: row.step_started_at,
        started_at: row.started_at,
        completed_at: row.completed_at,
    })
}

impl Db {
    /// The learner's attempt at this module that is still in progress, if any.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn open_attempt(
        &self,
        person: PersonId,
        module: ModuleId,
    ) -> Result<Option<Attempt>, sqlx::Error> {
        let row: Option<AttemptRow> = sqlx::query_as(&format!(
            "SELECT {ATTEMPT_COLUMNS} FROM attempts WHERE person_id = $1 AND module_id = $2 AND status = 'in_progress'"
        ))
        .bind(person.0)
        .bind(module.0)
        .fetch_optional(&self.pool)
        .await?;
        row.map(attempt_from).transpose()
    }

    /// Starts an attempt, with the learner's practice and region as they are now, and keeps its
    /// "launched" statement, in one transaction. Starting twice (a double click, two tabs) returns
    /// the attempt already in progress.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn start_attempt(&self, new: &NewAttempt<'_>, now_ms: i64) -> Result<Attempt, sqlx::Error> {
        let mut tx = self.begin().await?;
        let inserted: Result<i64, sqlx::Error> = sqlx::query_scalar(
            "INSERT INTO attempts (public_id, person_id, module_id, version_id, practice_id, region_id, status, \
             current_step, step_started_at, started_at) \
             SELECT $1, p.id, $3, $4, p.practice_id, pr.region_id, 'in_progress', $5, $6, $6 \
             FROM people p LEFT JOIN practices pr ON pr.id = p.practice_id WHERE p.id = $2 RETURNING id",
        )
        .bind(new.public_id)
        .bind(new.person.0)
        .bind(new.module.0)
        .bind(new.version.0)
        .bind(new.first_step)
        .bind(now_ms)
        .fetch_one(&mut *tx)
        .await;
        match inserted {
            Ok(id) => {
                insert_statements(&mut tx, std::slice::from_ref(new.launched), new.person, id, now_ms)
                    .await?;
                mark_attempt_months(&mut tx, id).await?;
                tx.commit().await?;
            }
            Err(error) if is_unique_violation(&error) => tx.rollback().await?,
            Err(error) => return Err(error),
        }
        self.open_attempt(new.person, new.module).await?.ok_or(sqlx::Error::RowNotFound)
    }

    /// An attempt by its public id, only if it is this person's: anyone else's is not found.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn attempt_of(
        &self,
        public_id: &str,
        person: PersonId,
    ) -> Result<Option<Attempt>, sqlx::Error> {
        let row: Option<AttemptRow> = sqlx::query_as(&format!(
            "SELECT {ATTEMPT_COLUMNS} FROM attempts WHERE public_id = $1 AND person_id = $2"
        ))
        .bind(public_id)
        .bind(person.0)
        .fetch_optional(&self.pool)
        .await?;
        row.map(attempt_from).transpose()
    }

    /// Records an answer and moves the attempt on, in one transaction (see the module's notes).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn record_answer(&self, new: &NewAnswer<'_>, now_ms: i64) -> Result<Recorded, sqlx::Error> {
        let attempt = new.attempt;
        let finished = *new.next_step == Step::Done;
        let (step, next_step) = (new.step.to_string(), new.next_step.to_string());
        let mut tx = self.begin().await?;
        let moved = sqlx::query(
            "UPDATE attempts SET current_step = $1, step_started_at = $2, status = $3, completed_at = $4 \
             WHERE id = $5 AND current_step = $6 AND status = 'in_progress'",
        )
        .bind(&next_step)
        .bind(now_ms)
        .bind(if finished { AttemptStatus::Completed } else { AttemptStatus::InProgress }.code())
        .bind(finished.then_some(now_ms))
        .bind(attempt.id)
        .bind(&step)
        .execute(&mut *tx)
        .await?;
        if moved.rows_affected() == 0 {
            tx.rollback().await?;
            return self.why_not_moved(attempt.id, new.idempotency_key).await;
        }
        let inserted = sqlx::query(
            "INSERT INTO responses (attempt_id, person_id, version_id, step, kind, answer, correct, certainty, \
             score, rating, option_order, time_on_step_ms, recorded_at, idempotency_key) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        )
        .bind(attempt.id)
        .bind(attempt.person.0)
        .bind(attempt.version.0)
        .bind(&step)
        .bind(new.kind)
        .bind(new.answer)
        .bind(new.correct.map(i64::from))
        .bind(new.certainty)
        .bind(new.score)
        .bind(new.rating)
        .bind(new.option_order)
        .bind(new.time_on_step_ms)
        .bind(now_ms)
        .bind(new.idempotency_key)
        .execute(&mut *tx)
        .await;
        match inserted {
            Ok(_) => {}
            Err(error) if is_unique_violation(&error) => {
                tx.rollback().await?;
                return Ok(Recorded::KeyReused);
            }
            Err(error) => return Err(error),
        }
        if let Some(body) = new.reflection {
            sqlx::query(
                "INSERT INTO reflections (attempt_id, person_id, body, recorded_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(attempt.id)
            .bind(attempt.person.0)
            .bind(body)
            .bind(now_ms)
            .execute(&mut *tx)
            .await?;
        }
        for (position, commitment) in new.commitments.iter().enumerate() {
            sqlx::query(
                "INSERT INTO commitments (attempt_id, person_id, position, what, patients, due_by, recorded_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(attempt.id)
            .bind(attempt.person.0)
            .bind(position as i64 + 1)
            .bind(&commitment.what)
            .bind(&commitment.patients)
            .bind(&commitment.by)
            .bind(now_ms)
            .execute(&mut *tx)
            .await?;
        }
        insert_statements(&mut tx, new.statements, attempt.person, attempt.id, now_ms).await?;
        if let Some(certificate) = new.certificate {
            insert_certificate(&mut tx, certificate, attempt.person, attempt.id, now_ms).await?;
        }
        if let Some(record) = new.report_record {
            insert_report_record(&mut tx, attempt.id, record, now_ms).await?;
        }
        insert_follow_ups(&mut tx, attempt.id, attempt.person, new.follow_ups).await?;
        if finished {
            mark_attempt_months(&mut tx, attempt.id).await?;
        }
        tx.commit().await?;
        Ok(Recorded::Saved)
    }

    async fn why_not_moved(&self, attempt: i64, key: &str) -> Result<Recorded, sqlx::Error> {
        let seen: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM responses WHERE attempt_id = $1 AND idempotency_key = $2",
        )
        .bind(attempt)
        .bind(key)
        .fetch_one(&self.pool)
        .await?;
        Ok(if seen > 0 { Recorded::AlreadyRecorded } else { Recorded::StepAlreadyAnswered })
    }

    /// The answers recorded in an attempt, in the order they were given.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn answers_in(&self, attempt: i64) -> Result<Vec<RecordedAnswer>, sqlx::Error> {
        #[derive(sqlx::FromRow)]
        struct Row {
            step: String,
            answer: Option<String>,
            correct: Option<i64>,
            certainty: Option<i64>,
            score: Option<i64>,
        }
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT step, answer, correct, certainty, score FROM responses WHERE attempt_id = $1 ORDER BY id",
        )
        .bind(attempt)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| RecordedAnswer {
                step: row.step,
                answer: row.answer,
                correct: row.correct.map(|c| c != 0),
                certainty: row.certainty,
                score: row.score,
            })
            .collect())
    }

    /// The reflection written at the end of an attempt.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn reflection_of(&self, attempt: i64) -> Result<Option<String>, sqlx::Error> {
        sqlx::query_scalar("SELECT body FROM reflections WHERE attempt_id = $1")
            .bind(attempt)
            .fetch_optional(&self.pool)
            .await
    }

    /// Every attempt of a learner, newest first, with the marks of each test so far.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn attempts_by(&self, person: PersonId) -> Result<Vec<AttemptSummary>, sqlx::Error> {
        #[derive(sqlx::FromRow)]
        struct Row {
            public_id: String,
            slug: String,
            title: String,
            number: i64,
            status: String,
            started_at: i64,
            completed_at: Option<i64>,
            pre_marks: i64,
            post_marks: i64,
            content: String,
        }
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT a.public_id, m.slug, v.title, v.number, a.status, a.started_at, a.completed_at, \
             (SELECT CAST(COALESCE(SUM(r.score), 0) AS BIGINT) FROM responses r \
              WHERE r.attempt_id = a.id AND r.kind = 'pre_item') AS pre_marks, \
             (SELECT CAST(COALESCE(SUM(r.score), 0) AS BIGINT) FROM responses r \
              WHERE r.attempt_id = a.id AND r.kind = 'post_item') AS post_marks, \
             v.content \
             FROM attempts a JOIN modules m ON m.id = a.module_id JOIN module_versions v ON v.id = a.version_id \
             WHERE a.person_id = $1 \
             ORDER BY a.started_at DESC, a.id DESC",
        )
        .bind(person.0)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(AttemptSummary {
                    status: status_of(&row.status)?,
                    maximum: maximum(decode(&row.content)?.items.len()),
                    public_id: row.public_id,
                    slug: row.slug,
                    title: row.title,
                    version_number: row.number,
                    started_at: row.started_at,
                    completed_at: row.completed_at,
                    pre_marks: row.pre_marks,
                    post_marks: row.post_marks,
                })
            })
            .collect()
    }

    /// The status of the learner's latest attempt at each module they have started.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn latest_attempt_statuses(
        &self,
        person: PersonId,
    ) -> Result<Vec<(ModuleId, AttemptStatus)>, sqlx::Error> {
        #[derive(sqlx::FromRow)]
        struct Row {
            module_id: i64,
            status: String,
        }
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT module_id, status FROM attempts WHERE person_id = $1 ORDER BY started_at, id",
        )
        .bind(person.0)
        .fetch_all(&self.pool)
        .await?;
        let mut latest: Vec<(ModuleId, AttemptStatus)> = Vec::new();
        for row in rows {
            let Some(status) = AttemptStatus::parse(&row.status) else { continue };
            latest.retain(|(m, _)| m.0 != row.module_id);
            latest.push((ModuleId(row.module_id), status));
        }
        Ok(latest)
    }

    /// The post-test answers of the learner's latest finished attempt at each module.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn latest_post_test_answers(
        &self,
        person: PersonId,
    ) -> Result<Vec<PostTestAnswer>, sqlx::Error> {
        #[derive(sqlx::FromRow)]
        struct Row {
            version_id: i64,
            step: String,
            correct: i64,
            certainty: i64,
        }
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT a.version_id, r.step, r.correct, r.certainty FROM responses r \
             JOIN attempts a ON a.id = r.attempt_id \
             WHERE a.person_id = $1 AND r.kind = 'post_item' AND a.id = ( \
                SELECT b.id FROM attempts b WHERE b.person_id = a.person_id AND b.module_id = a.module_id \
                AND b.status = 'completed' ORDER BY b.completed_at DESC, b.id DESC LIMIT 1) \
             ORDER BY r.id",
        )
        .bind(person.0)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|row| match Step::parse(&row.step)? {
                Step::Post(item) => Some(PostTestAnswer {
                    version: VersionId(row.version_id),
                    item,
                    correct: row.correct != 0,
                    certainty: row.certainty,
                }),
                _ => None,
            })
            .collect())
    }
}
