//! The evidence downloads: a finished attempt's certificate, the CPD log (CSV and PDF), and xAPI
//! statements (a learner's own, or everyone's for an admin). Each is the signed-in person's own:
//! another learner's attempt is not found.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::response::Response;

use super::certificate::certificate_pdf;
use super::cpd_log::{cpd_csv, cpd_pdf};
use crate::domain::audit::AuditAction;
use crate::domain::evidence::cpd::CpdEntry;
use crate::domain::ids::PersonId;
use crate::domain::learning::attempt::is_public_id;
use crate::error::AppError;
use crate::ssr::auth::backend::AuthSession;
use crate::ssr::db::audit::AuditRecord;
use crate::ssr::download::{attachment, refusal};
use crate::ssr::state::AppState;

/// How many statements are read from the database at a time while streaming them out.
const STATEMENT_PAGE: i64 = 500;

fn signed_in(auth: &AuthSession) -> Result<PersonId, AppError> {
    auth.user.as_ref().map(|u| u.current.principal.person).ok_or(AppError::NotSignedIn)
}

fn document_failed(error: impl std::fmt::Display) -> AppError {
    tracing::error!(%error, "could not make a document");
    AppError::Internal
}

/// `GET /attempts/{id}/certificate.pdf`
pub async fn download_certificate(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(attempt): Path<String>,
) -> Response {
    let here = format!("/attempts/{attempt}/certificate.pdf");
    match certificate(&state, &auth, &attempt).await {
        Ok(pdf) => attachment("application/pdf", "casebook-certificate.pdf", pdf),
        Err(error) => refusal(error, &here),
    }
}

async fn certificate(state: &AppState, auth: &AuthSession, attempt: &str) -> Result<Vec<u8>, AppError> {
    let person = signed_in(auth)?;
    if !is_public_id(attempt) {
        return Err(AppError::NotFound);
    }
    let Some(certificate) = state.db.certificate_of(attempt, person).await? else {
        // The learner's own attempt, not finished yet, says so; anyone else's is not found.
        return Err(match state.db.attempt_of(attempt, person).await? {
            Some(_) => AppError::Conflict("You have not finished this module yet".into()),
            None => AppError::NotFound,
        });
    };
    let verify_url = state.site.link(&format!("/verify/{}", certificate.code));
    certificate_pdf(&certificate, &verify_url).map_err(document_failed)
}

async fn cpd_entries(state: &AppState, auth: &AuthSession) -> Result<(String, Vec<CpdEntry>), AppError> {
    let person = signed_in(auth)?;
    let name = auth.user.as_ref().map(|u| u.current.name.clone()).unwrap_or_default();
    Ok((name, state.db.cpd_log(person).await?))
}

/// `GET /me/cpd-log.csv`
pub async fn download_cpd_csv(State(state): State<AppState>, auth: AuthSession) -> Response {
    let csv =
        cpd_entries(&state, &auth).await.and_then(|(_, entries)| cpd_csv(&entries).map_err(document_failed));
    match csv {
        Ok(csv) => attachment("text/csv; charset=utf-8", "casebook-cpd-log.csv", csv),
        Err(error) => refusal(error, "/me"),
    }
}

/// `GET /me/cpd-log.pdf`
pub async fn download_cpd_pdf(State(state): State<AppState>, auth: AuthSession) -> Response {
    let pdf = cpd_entries(&state, &auth)
        .await
        .and_then(|(name, entries)| cpd_pdf(&name, &entries).map_err(document_failed));
    match pdf {
        Ok(pdf) => attachment("application/pdf", "casebook-cpd-log.pdf", pdf),
        Err(error) => refusal(error, "/me"),
    }
}

/// `GET /me/xapi-statements.json`: the learner's own statements.
pub async fn download_my_statements(State(state): State<AppState>, auth: AuthSession) -> Response {
    match signed_in(&auth) {
        Ok(person) => {
            attachment("application/json", "casebook-xapi-statements.json", statements(state, Some(person)))
        }
        Err(error) => refusal(error, "/me"),
    }
}

/// `GET /admin/xapi-statements.json`: every statement (admins; the export is audited).
pub async fn download_all_statements(State(state): State<AppState>, auth: AuthSession) -> Response {
    let allowed = match &auth.user {
        None => Err(AppError::NotSignedIn),
        Some(user) if !user.current.principal.is_admin() => Err(AppError::Forbidden),
        Some(user) => Ok(user.current.principal.person),
    };
    let audited = match allowed {
        Ok(admin) => {
            let record = AuditRecord {
                action: AuditAction::StatementsExported,
                actor: Some(admin),
                subject: None,
                detail: "all xAPI statements",
                client_address: None,
            };
            state.db.audit(&record, state.clock.now_ms()).await.map_err(AppError::from)
        }
        Err(error) => Err(error),
    };
    match audited {
        Ok(()) => attachment("application/json", "casebook-xapi-statements.json", statements(state, None)),
        Err(error) => refusal(error, "/admin/modules"),
    }
}

/// The statements as a JSON array, streamed a page at a time so that any number can be exported
/// in constant memory. A database failure part-way ends the stream early (the body is then not
/// valid JSON, which the client will notice); it is logged.
fn statements(state: AppState, person: Option<PersonId>) -> Body {
    let (sender, receiver) = tokio::sync::mpsc::channel::<String>(4);
    tokio::spawn(async move {
        let mut after = 0;
        let mut first = true;
        if sender.send("[".into()).await.is_err() {
            return;
        }
        loop {
            let page = match state.db.statements_after(person, after, STATEMENT_PAGE).await {
                Ok(page) => page,
                Err(error) => {
                    tracing::error!(%error, "statement export stopped");
                    return;
                }
            };
            let Some(last) = page.last() else { break };
            after = last.id;
            let mut chunk = String::new();
            for statement in &page {
                if !std::mem::take(&mut first) {
                    chunk.push(',');
                }
                chunk.push_str(&statement.body);
            }
            if sender.send(chunk).await.is_err() {
                return;
            }
        }
        let _ = sender.send("]".into()).await;
    });
    let stream = futures::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|chunk| (Ok::<_, std::convert::Infallible>(chunk), receiver))
    });
    Body::from_stream(stream)
}
