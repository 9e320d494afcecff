//! Certificates, the CPD log and xAPI statements.

use sqlx::{Any, Transaction};

use super::Db;
use super::curriculum::decode;
use crate::domain::evidence::certificate::{Certificate, Verified};
use crate::domain::evidence::cpd::CpdEntry;
use crate::domain::evidence::verification::VerificationCode;
use crate::domain::ids::PersonId;

/// An xAPI statement to keep.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewStatement {
    pub statement_id: String,
    pub verb: &'static str,
    pub body: String,
}

/// A certificate to issue when an attempt is finished.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewCertificate {
    pub code: VerificationCode,
    pub minutes_spent: i64,
}

/// Keeps statements within a transaction that records what they describe.
pub(super) async fn insert_statements(
    tx: &mut Transaction<'static, Any>,
    statements: &[NewStatement],
    person: PersonId,
    attempt: i64,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    for statement in statements {
        sqlx::query(
            "INSERT INTO statements (statement_id, person_id, attempt_id, verb, stored_at, body) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&statement.statement_id)
        .bind(person.0)
        .bind(attempt)
        .bind(statement.verb)
        .bind(now_ms)
        .bind(&statement.body)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Issues a certificate within the transaction that finishes the attempt.
pub(super) async fn insert_certificate(
    tx: &mut Transaction<'static, Any>,
    certificate: &NewCertificate,
    person: PersonId,
    attempt: i64,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO certificates (attempt_id, person_id, code, issued_at, minutes_spent) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(attempt)
    .bind(person.0)
    .bind(certificate.code.as_str())
    .bind(now_ms)
    .bind(certificate.minutes_spent)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A certificate's facts, as `CERTIFICATE_COLUMNS` reads them; `content` is the module version's
/// definition, for its outcomes.
#[derive(sqlx::FromRow)]
struct CertificateRow {
    learner_name: String,
    gmc_number: Option<String>,
    module_title: String,
    version_number: i64,
    completed_at: i64,
    minutes_spent: i64,
    content: String,
    code: String,
}

const CERTIFICATE_COLUMNS: &str = "p.full_name AS learner_name, p.gmc_number, v.title AS module_title, \
                                   v.number AS version_number, a.completed_at, c.minutes_spent, v.content, c.code";
const CERTIFICATE_JOINS: &str = "certificates c JOIN attempts a ON a.id = c.attempt_id \
                                 JOIN people p ON p.id = c.person_id JOIN module_versions v ON v.id = a.version_id";

fn certificate_from(row: CertificateRow) -> Result<Certificate, sqlx::Error> {
    Ok(Certificate {
        outcomes: decode(&row.content)?.outcomes,
        code: printed_code(row.code),
        learner_name: row.learner_name,
        gmc_number: row.gmc_number,
        module_title: row.module_title,
        version_number: row.version_number,
        completed_at: row.completed_at,
        minutes_spent: row.minutes_spent,
    })
}

/// A stored verification code as certificates print it (grouped for reading aloud).
fn printed_code(code: String) -> String {
    VerificationCode::parse(&code).map(|c| c.to_string()).unwrap_or(code)
}

impl Db {
    /// The step times of an attempt, to measure the time spent.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn step_times(&self, attempt: i64) -> Result<Vec<i64>, sqlx::Error> {
        sqlx::query_scalar("SELECT time_on_step_ms FROM responses WHERE attempt_id = $1")
            .bind(attempt)
            .fetch_all(&self.pool)
            .await
    }

    /// The certificate of a person's finished attempt (by the attempt's public id).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn certificate_of(
        &self,
        attempt: &str,
        person: PersonId,
    ) -> Result<Option<Certificate>, sqlx::Error> {
        let row: Option<CertificateRow> = sqlx::query_as(&format!(
            "SELECT {CERTIFICATE_COLUMNS} FROM {CERTIFICATE_JOINS} WHERE a.public_id = $1 AND c.person_id = $2"
        ))
        .bind(attempt)
        .bind(person.0)
        .fetch_optional(&self.pool)
        .await?;
        row.map(certificate_from).transpose()
    }

    /// What a verification code confirms, if it is a certificate's.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn verify_certificate(&self, code: &VerificationCode) -> Result<Option<Verified>, sqlx::Error> {
        #[derive(sqlx::FromRow)]
        struct Row {
            learner_name: String,
            module_title: String,
            completed_at: i64,
        }
        let row: Option<Row> = sqlx::query_as(
            "SELECT p.full_name AS learner_name, v.title AS module_title, a.completed_at \
             FROM certificates c JOIN attempts a ON a.id = c.attempt_id \
             JOIN people p ON p.id = c.person_id JOIN module_versions v ON v.id = a.version_id WHERE c.code = $1",
        )
        .bind(code.as_str())
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|row| Verified {
            learner_name: row.learner_name,
            module_title: row.module_title,
            completed_at: row.completed_at,
        }))
    }

    /// The learner's CPD log: every finished attempt, oldest first.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn cpd_log(&self, person: PersonId) -> Result<Vec<CpdEntry>, sqlx::Error> {
        let rows: Vec<CpdRow> = sqlx::query_as(
            "SELECT a.id AS attempt_id, v.title AS module_title, v.number AS version_number, a.completed_at, \
             c.minutes_spent, v.content, f.body AS reflection, c.code \
             FROM certificates c JOIN attempts a ON a.id = c.attempt_id JOIN module_versions v ON v.id = a.version_id \
             LEFT JOIN reflections f ON f.attempt_id = a.id WHERE c.person_id = $1 ORDER BY a.completed_at, a.id",
        )
        .bind(person.0)
        .fetch_all(&self.pool)
        .await?;
        let commitments = self.commitment_outcomes_by(person).await?;
        let of_attempt = |attempt: i64| {
            commitments
                .iter()
                .filter(|(a, _)| *a == attempt)
                .map(|(_, c)| (c.commitment.clone(), c.report.clone()))
                .collect()
        };
        rows.into_iter()
            .map(|row| {
                Ok(CpdEntry {
                    outcomes: decode(&row.content)?.outcomes,
                    commitments: of_attempt(row.attempt_id),
                    reflection: row.reflection.unwrap_or_default(),
                    certificate_code: printed_code(row.code),
                    module_title: row.module_title,
                    version_number: row.version_number,
                    completed_at: row.completed_at,
                    minutes_spent: row.minutes_spent,
                })
            })
            .collect()
    }

    /// A page of xAPI statements after the one with row id `after`, of one person or of everyone,
    /// in the order they were made.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn statements_after(
        &self,
        person: Option<PersonId>,
        after: i64,
        limit: i64,
    ) -> Result<Vec<StoredStatement>, sqlx::Error> {
        sqlx::query_as(
            "SELECT id, body FROM statements WHERE id > $1 AND ($2 = 0 OR person_id = $2) ORDER BY id LIMIT $3",
        )
        .bind(after)
        .bind(person.map_or(0, |p| p.0))
        .bind(limit)
        .fetch_all(&self.pool)
        .await
    }
}

/// An xAPI statement as stored: its row id (the export pages by it) and its JSON.
#[derive(sqlx::FromRow)]
pub struct StoredStatement {
    pub id: i64,
    pub body: String,
}

/// A finished attempt as the CPD log lists it; `content` is the version's definition.
#[derive(sqlx::FromRow)]
struct CpdRow {
    attempt_id: i64,
    module_title: String,
    version_number: i64,
    completed_at: i64,
    minutes_spent: i64,
    content: String,
    reflection: Option<String>,
    code: String,
}
