//! The append-only audit log (the database refuses updates and deletes of its rows).

use sqlx::AnyConnection;

use super::Db;
use crate::domain::audit::{AuditAction, AuditEntry, AuditPage};
use crate::domain::ids::PersonId;

/// One event to record.
#[derive(Clone, Debug)]
pub struct AuditRecord<'a> {
    pub action: AuditAction,
    pub actor: Option<PersonId>,
    pub subject: Option<PersonId>,
    /// A short description; never a password, token or anything a person wrote in free text.
    pub detail: &'a str,
    pub client_address: Option<&'a str>,
}

/// Which events to list.
#[derive(Clone, Debug, Default)]
pub struct AuditFilter {
    pub action: Option<AuditAction>,
    /// Part of the actor's or subject's email address.
    pub person: Option<String>,
    pub from_ms: Option<i64>,
    pub to_ms: Option<i64>,
    /// Only events this person did or that were done to them.
    pub involving: Option<PersonId>,
}

/// Records an event inside the transaction of the change it describes.
pub(crate) async fn insert_audit(
    conn: &mut AnyConnection,
    record: &AuditRecord<'_>,
    at_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_events (at, action, actor_id, subject_id, detail, client_address) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(at_ms)
    .bind(record.action.code())
    .bind(record.actor.map(|p| p.0))
    .bind(record.subject.map(|p| p.0))
    .bind(record.detail)
    .bind(record.client_address)
    .execute(conn)
    .await?;
    Ok(())
}

type AuditRow =
    (i64, i64, String, Option<i64>, Option<String>, Option<i64>, Option<String>, String, Option<String>);

impl Db {
    /// Records an event that is not part of a larger change.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn audit(&self, record: &AuditRecord<'_>, at_ms: i64) -> Result<(), sqlx::Error> {
        let mut conn = self.pool.acquire().await?;
        insert_audit(&mut conn, record, at_ms).await
    }

    /// Events matching the filter, newest first.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn list_audit(
        &self,
        filter: &AuditFilter,
        limit: i64,
        offset: i64,
    ) -> Result<AuditPage, sqlx::Error> {
        let conditions = "($1 = '' OR e.action = $1) \
             AND ($2 = '' OR actor.email LIKE $2 ESCAPE '\\' OR subject.email LIKE $2 ESCAPE '\\') \
             AND e.at >= $3 AND e.at < $4 \
             AND ($5 = 0 OR e.actor_id = $5 OR e.subject_id = $5)";
        let from = "FROM audit_events e \
             LEFT JOIN people actor ON actor.id = e.actor_id \
             LEFT JOIN people subject ON subject.id = e.subject_id";
        let action = filter.action.map(AuditAction::code).unwrap_or_default();
        let person = filter.person.as_deref().map(like_pattern).unwrap_or_default();
        let (from_ms, to_ms) = (filter.from_ms.unwrap_or(i64::MIN), filter.to_ms.unwrap_or(i64::MAX));
        let involving = filter.involving.map_or(0, |p| p.0);

        let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) {from} WHERE {conditions}"))
            .bind(action)
            .bind(&person)
            .bind(from_ms)
            .bind(to_ms)
            .bind(involving)
            .fetch_one(&self.pool)
            .await?;
        let rows: Vec<AuditRow> = sqlx::query_as(&format!(
            "SELECT e.id, e.at, e.action, e.actor_id, actor.full_name, e.subject_id, subject.full_name, \
             e.detail, e.client_address {from} WHERE {conditions} ORDER BY e.at DESC, e.id DESC LIMIT $6 OFFSET $7"
        ))
        .bind(action)
        .bind(&person)
        .bind(from_ms)
        .bind(to_ms)
        .bind(involving)
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        let entries = rows
            .into_iter()
            .map(
                |(
                    id,
                    at_ms,
                    action,
                    actor_id,
                    actor_name,
                    subject_id,
                    subject_name,
                    detail,
                    client_address,
                )| {
                    AuditEntry {
                        id,
                        at_ms,
                        action,
                        actor: actor_id.map(|id| (PersonId(id), actor_name.unwrap_or_default())),
                        subject: subject_id.map(|id| (PersonId(id), subject_name.unwrap_or_default())),
                        detail,
                        client_address,
                    }
                },
            )
            .collect();
        Ok(AuditPage { entries, total })
    }
}

/// A `LIKE` pattern matching text that contains `needle` literally (its `%` and `_` escaped).
pub(crate) fn like_pattern(needle: &str) -> String {
    let escaped: String = needle
        .trim()
        .to_lowercase()
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    if escaped.is_empty() { String::new() } else { format!("%{escaped}%") }
}

#[cfg(test)]
mod tests {
    use super::like_pattern;

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_pattern(" Ada "), "%ada%");
        assert_eq!(like_pattern("50%_off"), "%50\\%\\_off%");
        assert_eq!(like_pattern("   "), "");
    }
}
