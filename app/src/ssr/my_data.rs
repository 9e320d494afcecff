//! "Download everything held about me" (UK GDPR right of access): the person's account details,
//! roles, every audit event they did or that was done to them, and their learning record (attempts,
//! answers and reflections), as JSON. As later features land, their records join this export.

use axum::extract::State;
use axum::response::Response;
use serde::Serialize;

use crate::domain::audit::{AuditAction, AuditEntry};
use crate::domain::person::Profile;
use crate::error::AppError;
use crate::ssr::auth::backend::AuthSession;
use crate::ssr::db::audit::{AuditFilter, AuditRecord};
use crate::ssr::db::learning_record::AttemptRecord;
use crate::ssr::download::{attachment, refusal};
use crate::ssr::request::ClientAddress;
use crate::ssr::state::AppState;

#[derive(Serialize)]
struct MyData {
    exported_at_ms: i64,
    account: Profile,
    audit_events: Vec<AuditEntry>,
    /// Every attempt at a module, with every answer and the reflection written at the end.
    learning: Vec<AttemptRecord>,
}

/// `GET /account/my-data`: the signed-in person's own data, as a file download.
pub async fn download_my_data(
    State(state): State<AppState>,
    auth: AuthSession,
    address: Option<axum::Extension<ClientAddress>>,
) -> Response {
    match my_data(&state, &auth, address.map(|a| a.0.0)).await {
        Ok(json) => attachment("application/json; charset=utf-8", "casebook-my-data.json", json),
        Err(error) => refusal(error, "/account"),
    }
}

async fn my_data(state: &AppState, auth: &AuthSession, address: Option<String>) -> Result<String, AppError> {
    let person = auth.user.as_ref().ok_or(AppError::NotSignedIn)?.current.principal.person;
    let now = state.clock.now_ms();
    let account = state.db.profile(person).await?.ok_or(AppError::NotFound)?;
    let filter = AuditFilter { involving: Some(person), ..AuditFilter::default() };
    let audit_events = state.db.list_audit(&filter, i64::MAX, 0).await?.entries;
    let learning = state.db.learning_record_of(person).await?;
    let json = serde_json::to_string_pretty(&MyData { exported_at_ms: now, account, audit_events, learning })
        .map_err(|e| {
            tracing::error!(%e, "could not encode the personal data export");
            AppError::Internal
        })?;
    let record = AuditRecord {
        action: AuditAction::DataExported,
        actor: Some(person),
        subject: Some(person),
        detail: "own personal data",
        client_address: address.as_deref(),
    };
    state.db.audit(&record, now).await?;
    Ok(json)
}
