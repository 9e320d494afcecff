use leptos::prelude::*;

use crate::domain::audit::AuditPage;
use crate::error::AppError;

/// Events per page of the audit log.
pub const PAGE_SIZE: i64 = 50;

/// The audit log, newest first, filtered by action, person (part of an email address) and dates
/// (`YYYY-MM-DD`, inclusive, UK time) — admins only.
#[server(endpoint = "admin/list_audit")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "list_audit", skip_all))]
pub async fn list_audit(
    action: String,
    person: String,
    from: String,
    to: String,
    page: i64,
) -> Result<AuditPage, AppError> {
    use crate::domain::audit::AuditAction;
    use crate::domain::time::{parse_uk_date_end, parse_uk_date_start};
    use crate::error::FormCheck;
    use crate::ssr::db::audit::AuditFilter;

    let request = crate::ssr::request::Request::current().await?;
    request.require_admin()?;
    let mut check = FormCheck::default();
    let action = match action.as_str() {
        "" => None,
        code => check
            .field("action", AuditAction::parse(code).ok_or_else(|| "Select an event from the list".into())),
    };
    let from_ms =
        (!from.trim().is_empty()).then(|| check.field("from", parse_uk_date_start(&from))).flatten();
    let to_ms = (!to.trim().is_empty()).then(|| check.field("to", parse_uk_date_end(&to))).flatten();
    if person.chars().count() > 254 {
        check.fail("person", "Search for 254 characters or fewer");
    }
    check.finish(&[])?;
    let filter = AuditFilter { action, person: Some(person), from_ms, to_ms, involving: None };
    let offset = page.clamp(1, 1_000_000).saturating_sub(1) * PAGE_SIZE;
    Ok(request.state.db.list_audit(&filter, PAGE_SIZE, offset).await?)
}
