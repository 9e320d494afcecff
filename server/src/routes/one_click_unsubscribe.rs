//! `/reminders/<token>/one-click`: the address a follow-up email's `List-Unsubscribe` header names
//! (RFC 8058). A mail client's own unsubscribe button posts `List-Unsubscribe=One-Click` here, from
//! its servers, with no cookie and no Origin, so this route sits outside the cross-site check: the
//! token is the whole of its authority, and it can only turn follow-up emails off. Opened in a
//! browser, it leads to the page at the email's link, which changes nothing until its button is
//! pressed.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use app::domain::learning::reminder_token::is_reminder_token;
use app::ssr::state::AppState;

pub async fn unsubscribe(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    if !is_reminder_token(&token) {
        return StatusCode::NOT_FOUND.into_response();
    }
    match state.db.set_reminders_by_token(&token, false, state.clock.now_ms()).await {
        Ok(true) => (StatusCode::OK, "Follow-up emails are off.").into_response(),
        Ok(false) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, "reminders could not be turned off");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

pub async fn show_page(Path(token): Path<String>) -> Response {
    if !is_reminder_token(&token) {
        return StatusCode::NOT_FOUND.into_response();
    }
    Redirect::to(&format!("/reminders/{token}")).into_response()
}
