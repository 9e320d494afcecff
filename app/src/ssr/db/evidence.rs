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

type CertificateRow = (String, Option<String>, String, i64, i64, i64, String, String);

const CERTIFICATE_COLUMNS: &str = "p.full_name, p.gmc_number, v.title, v.number, a.completed_at, c.minutes_spent, \
                                   v.content, c.code";
const CERTIFICATE_JOINS: &str = "certificates c JOIN attempts a ON a.id = c.attempt_id \
                                 JOIN people p ON p.id = c.person_id JOIN module_versions v ON v.id = a.version_id";

fn certificate_from(row: CertificateRow) -> Result<Certificate, sqlx::Error> {
    let (learner_name, gmc_number, module_title, version_number, completed_at, minutes_spent, content, code) =
        row;
    Ok(Certificate {
        learner_name,
        gmc_number,
        module_title,
        version_number,
        completed_at,
        minutes_spent,
        outcomes: decode(&content)?.outcomes,
        code: VerificationCode::parse(&code).map(|c| c.to_string()).unwrap_or(code),
    })
}

impl Db {
    /// The step times of an attempt, to measure the time spent.
    pub async fn step_times(&self, attempt: i64) -> Result<Vec<i64>, sqlx::Error> {
        sqlx::query_scalar("SELECT time_on_step_ms FROM responses WHERE attempt_id = $1")
            .bind(attempt)
            .fetch_all(&self.pool)
            .await
    }

    /// The certificate of a person's finished attempt (by the attempt's public id).
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
    pub async fn verify_certificate(&self, code: &VerificationCode) -> Result<Option<Verified>, sqlx::Error> {
        let row: Option<(String, String, i64)> = sqlx::query_as(
            "SELECT p.full_name, v.title, a.completed_at FROM certificates c JOIN attempts a ON a.id = c.attempt_id \
             JOIN people p ON p.id = c.person_id JOIN module_versions v ON v.id = a.version_id WHERE c.code = $1",
        )
        .bind(code.as_str())
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(learner_name, module_title, completed_at)| Verified {
            learner_name,
            module_title,
            completed_at,
        }))
    }

    /// The learner's CPD log: every finished attempt, oldest first.
    pub async fn cpd_log(&self, person: PersonId) -> Result<Vec<CpdEntry>, sqlx::Error> {
        let rows: Vec<CpdRow> = sqlx::query_as(
            "SELECT v.title, v.number, a.completed_at, c.minutes_spent, v.content, f.body, c.code \
             FROM certificates c JOIN attempts a ON a.id = c.attempt_id JOIN module_versions v ON v.id = a.version_id \
             LEFT JOIN reflections f ON f.attempt_id = a.id WHERE c.person_id = $1 ORDER BY a.completed_at, a.id",
        )
        .bind(person.0)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(module_title, version_number, completed_at, minutes_spent, content, reflection, code)| {
                Ok(CpdEntry {
                    module_title,
                    version_number,
                    completed_at,
                    minutes_spent,
                    outcomes: decode(&content)?.outcomes,
                    reflection: reflection.unwrap_or_default(),
                    certificate_code: VerificationCode::parse(&code).map(|c| c.to_string()).unwrap_or(code),
                })
            })
            .collect()
    }

    /// A page of xAPI statements after the one with row id `after`, of one person or of everyone:
    /// (row id, statement JSON), in the order they were made.
    pub async fn statements_after(
        &self,
        person: Option<PersonId>,
        after: i64,
        limit: i64,
    ) -> Result<Vec<(i64, String)>, sqlx::Error> {
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

/// Title, version number, completed at, minutes, content, reflection, certificate code.
type CpdRow = (String, i64, i64, i64, String, Option<String>, String);
