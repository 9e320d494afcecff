//! The absolute session limit: however active, a session ends this long after its sign-in (ASVS
//! asks for both an idle and an absolute timeout; the idle one is the session cookie's expiry).

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::ssr::accounts::sign_in::SIGNED_IN_AT;
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
