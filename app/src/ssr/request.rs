//! What a server function knows about the request it serves: the application state, the session,
//! the signed-in person (if any) and the client's address. Every server function starts here and
//! checks authorisation before anything else.

use axum::Extension;
use leptos::prelude::use_context;

use crate::domain::audit::AuditAction;
use crate::domain::ids::PersonId;
use crate::domain::person::CurrentUser;
use crate::domain::role::{Principal, Role};
use crate::error::AppError;
use crate::ssr::auth::backend::AuthSession;
use crate::ssr::db::audit::AuditRecord;
use crate::ssr::state::AppState;

/// The client's address, as the server's middleware determined it (see `TRUST_FORWARDED_FOR`).
#[derive(Clone, Debug)]
pub struct ClientAddress(pub String);

pub struct Request {
    pub state: AppState,
    pub auth: AuthSession,
    pub client_address: Option<String>,
}

impl Request {
    /// The current request, from the server function's context.
    pub async fn current() -> Result<Self, AppError> {
        let state = use_context::<AppState>().ok_or_else(|| {
            tracing::error!("application state missing from the server function context");
            AppError::Internal
        })?;
        let auth: AuthSession = leptos_axum::extract().await.map_err(|error| {
            tracing::error!(%error, "session layer missing");
            AppError::Internal
        })?;
        let client_address = leptos_axum::extract::<Option<Extension<ClientAddress>>>()
            .await
            .ok()
            .flatten()
            .map(|Extension(ClientAddress(address))| address);
        Ok(Request { state, auth, client_address })
    }

    /// The signed-in person, or `NotSignedIn`.
    pub fn user(&self) -> Result<&CurrentUser, AppError> {
        self.auth.user.as_ref().map(|u| &u.current).ok_or(AppError::NotSignedIn)
    }

    /// The signed-in person, who must hold `role` (admins hold every permission).
    pub fn require(&self, role: Role) -> Result<&Principal, AppError> {
        let principal = &self.user()?.principal;
        if principal.has(role) || principal.is_admin() { Ok(principal) } else { Err(AppError::Forbidden) }
    }

    /// The signed-in person, who must be an admin.
    pub fn require_admin(&self) -> Result<&Principal, AppError> {
        let principal = &self.user()?.principal;
        if principal.is_admin() { Ok(principal) } else { Err(AppError::Forbidden) }
    }

    /// The signed-in person, who must see reports: an admin, or the lead of some region.
    pub fn require_reporter(&self) -> Result<&Principal, AppError> {
        let principal = &self.user()?.principal;
        if principal.is_admin() || principal.led_regions().next().is_some() {
            Ok(principal)
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Whether this is a form the browser posted itself (without JavaScript), which expects a
    /// redirect to a page, rather than a call from the page's script, which expects data.
    pub fn is_plain_form(&self) -> bool {
        use_context::<axum::http::request::Parts>().is_some_and(|parts| {
            parts
                .headers
                .get(axum::http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|accept| accept.contains("text/html"))
        })
    }

    /// Sends a form posted without JavaScript on to `path`; a script's call gets its data instead
    /// (redirecting it would make the page navigate away).
    pub fn redirect_form(&self, path: &str) {
        if self.is_plain_form() {
            leptos_axum::redirect(path);
        }
    }

    /// How a form that changed something ends: the notice kept for the next page view (the page
    /// shows it once), and the browser sent on to `path`, so that reloading it posts nothing again.
    pub async fn finish_form(&self, notice: &str, path: &str) {
        crate::ssr::flash::keep_notice(&self.auth.session, notice).await;
        leptos_axum::redirect(path);
    }

    pub fn now_ms(&self) -> i64 {
        self.state.clock.now_ms()
    }

    /// An audit event by the signed-in person (or by nobody yet, before sign-in).
    pub fn audit<'a>(
        &'a self,
        action: AuditAction,
        subject: Option<PersonId>,
        detail: &'a str,
    ) -> AuditRecord<'a> {
        AuditRecord {
            action,
            actor: self.auth.user.as_ref().map(|u| u.current.principal.person),
            subject,
            detail,
            client_address: self.client_address.as_deref(),
        }
    }
}
