use leptos::prelude::*;

use crate::error::AppError;

/// Ends the session on the server (not only in the browser) and goes home. Posted by the header's
/// "Sign out" button to `/sign-out`.
#[server(prefix = "", endpoint = "sign-out")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "sign_out", skip_all))]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::domain::audit::AuditAction;
    use crate::ssr::account::sign_in::auth_error;

    let mut request = crate::ssr::request::Request::current().await?;
    if let Some(user) = request.auth.user.clone() {
        let person = user.current.principal.person;
        let now = request.now_ms();
        request.state.db.audit(&request.audit(AuditAction::SignOut, Some(person), ""), now).await?;
        request.auth.logout().await.map_err(auth_error)?;
    }
    leptos_axum::redirect("/");
    Ok(())
}
