//! The two session timeouts ASVS asks for. The idle one is the session's expiry, pushed forward by
//! activity; the absolute one ends a session this long after its sign-in, however active.

use std::time::Duration;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use tower_sessions::Session;

use crate::ssr::account::sign_in::SIGNED_IN_AT;
use crate::ssr::auth::backend::AuthSession;
use crate::ssr::clock::millis;
use crate::ssr::state::AppState;

pub async fn end_sessions_past_their_limit(
    State(state): State<AppState>,
    mut auth: AuthSession,
    mut request: Request,
    next: Next,
) -> Response {
    if auth.user.is_some() {
        let signed_in_at: Option<i64> = auth.session.get(SIGNED_IN_AT).await.ok().flatten();
        let limit = millis(state.site.absolute_timeout);
        let expired = signed_in_at.is_none_or(|at| state.clock.now_ms() - at >= limit);
        if expired {
            tracing::info!("session reached its absolute limit");
            if let Err(error) = auth.logout().await {
                tracing::error!(%error, "could not end an expired session");
            }
            // Later extractors must see the request as signed out too.
            request.extensions_mut().insert(auth);
        }
    }
    next.run(request).await
}

/// How often activity pushes a session's idle expiry forward. Saving on every request made every
/// signed-in page, asset and probe a database write; saving at most once a minute lets a session
/// end up to a minute before the idle timeout after its last request, which no one notices.
pub const IDLE_EXTENSION_INTERVAL: Duration = Duration::from_secs(60);

/// When the session's expiry was last pushed forward (application clock, milliseconds).
const EXTENDED_AT: &str = "extended_at";

/// Marks a session that holds anything as changed when its expiry was last pushed forward at least
/// [`IDLE_EXTENSION_INTERVAL`] ago, so the session layer saves it (with a fresh expiry and cookie)
/// after this request. Sessions are otherwise saved only when a request changes them.
pub async fn extend_idle_expiry(
    State(state): State<AppState>,
    session: Session,
    request: Request,
    next: Next,
) -> Response {
    // After the request, so a session that sign-in has just filled notes its start, and one that
    // sign-out has just emptied is left empty.
    let response = next.run(request).await;
    let now = state.clock.now_ms();
    let extended_at: Option<i64> = session.get(EXTENDED_AT).await.ok().flatten();
    if extension_due(extended_at, now)
        && !session.is_empty().await
        && let Err(error) = session.insert(EXTENDED_AT, now).await
    {
        tracing::warn!(%error, "could not note a session's activity");
    }
    response
}

/// Whether a session last extended at `extended_at` (never, if `None`) is due another extension.
fn extension_due(extended_at: Option<i64>, now_ms: i64) -> bool {
    extended_at.is_none_or(|at| now_ms.saturating_sub(at) >= millis(IDLE_EXTENSION_INTERVAL))
}

#[cfg(test)]
mod tests {
    use super::extension_due;

    #[test]
    fn a_session_is_extended_at_most_once_a_minute() {
        assert!(extension_due(None, 1_000), "never extended");
        assert!(!extension_due(Some(1_000), 1_000));
        assert!(!extension_due(Some(1_000), 60_999));
        assert!(extension_due(Some(1_000), 61_000));
        assert!(!extension_due(Some(90_000), 1_000), "a clock that went back waits");
    }
}
