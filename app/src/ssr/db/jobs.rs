//! The job queue every app server shares: rows in `jobs`, each run at its time by whichever server
//! claims it first. A claim takes a lease (`locked_until`) in one statement; on PostgreSQL the row
//! is picked `FOR UPDATE SKIP LOCKED`, so servers polling together never wait on or take the same
//! job, and on SQLite the single writer does the same. Only the holder of the lease may finish a
//! job or put it back, so a server that stalls past its lease cannot finish a job another has
//! taken over. A job whose server died mid-run is taken again when its lease runs out.

use super::{Db, Engine};

/// A job this server has claimed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimedJob {
    pub id: i64,
    pub kind: String,
    pub subject: i64,
    /// How many times it has been claimed, this time included.
    pub tries: i64,
    /// The lease this claim holds, which finishing or retrying must show.
    pub lease: i64,
}

impl Db {
    /// Claims the job most overdue, if any is due at `now_ms`, until `lease_until`.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn claim_job(&self, now_ms: i64, lease_until: i64) -> Result<Option<ClaimedJob>, sqlx::Error> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: i64,
            kind: String,
            subject_id: i64,
            tries: i64,
        }
        let skip_locked = match self.engine {
            Engine::Sqlite => "",
            Engine::Postgres => " FOR UPDATE SKIP LOCKED",
        };
        let row: Option<Row> = sqlx::query_as(&format!(
            "UPDATE jobs SET locked_until = $1, tries = tries + 1 WHERE id = (\
             SELECT id FROM jobs WHERE done_at IS NULL AND run_at <= $2 \
             AND (locked_until IS NULL OR locked_until < $2) ORDER BY run_at, id LIMIT 1{skip_locked}) \
             RETURNING id, kind, subject_id, tries"
        ))
        .bind(lease_until)
        .bind(now_ms)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| ClaimedJob {
            id: r.id,
            kind: r.kind,
            subject: r.subject_id,
            tries: r.tries,
            lease: lease_until,
        }))
    }

    /// Marks a claimed job done; `false` if the claim had lapsed and another server holds it.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn finish_job(&self, job: &ClaimedJob, now_ms: i64) -> Result<bool, sqlx::Error> {
        let done = sqlx::query(
            "UPDATE jobs SET done_at = $1, locked_until = NULL WHERE id = $2 AND locked_until = $3",
        )
        .bind(now_ms)
        .bind(job.id)
        .bind(job.lease)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Puts a claimed job back to run again at `run_at`, noting why it failed (never personal data).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn retry_job(&self, job: &ClaimedJob, run_at: i64, error: &str) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE jobs SET run_at = $1, locked_until = NULL, last_error = $2 WHERE id = $3 AND locked_until = $4",
        )
        .bind(run_at)
        .bind(error)
        .bind(job.id)
        .bind(job.lease)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}

/// Queues a job of `kind` about `subject` to run at `run_at`, inside the caller's transaction;
/// once only: the queue holds one job of each kind per subject, so queuing it again does nothing.
pub(super) async fn queue_job(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    kind: &str,
    subject: i64,
    run_at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO jobs (kind, subject_id, run_at) VALUES ($1, $2, $3) ON CONFLICT (kind, subject_id) DO NOTHING")
        .bind(kind)
        .bind(subject)
        .bind(run_at)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
