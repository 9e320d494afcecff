//! `GET /author/modules/{slug}/export?version=N`: a module version as a file download (trainers
//! and admins).

use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;

use crate::domain::role::Role;
use crate::error::AppError;
use crate::ssr::auth::backend::AuthSession;
use crate::ssr::curriculum::export_module_file;
use crate::ssr::download::{attachment, refusal};
use crate::ssr::state::AppState;

#[derive(Deserialize)]
pub struct Which {
    version: Option<i64>,
}

pub async fn download_module(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(slug): Path<String>,
    Query(which): Query<Which>,
) -> Response {
    match export(&state, &auth, &slug, which.version).await {
        Ok(text) => attachment("text/plain; charset=utf-8", &format!("{slug}.toml"), text),
        Err(error) => refusal(error, &format!("/author/modules/{slug}/export")),
    }
}

async fn export(
    state: &AppState,
    auth: &AuthSession,
    slug: &str,
    version: Option<i64>,
) -> Result<String, AppError> {
    let user = auth.user.as_ref().ok_or(AppError::NotSignedIn)?;
    let who = &user.current.principal;
    if !(who.has(Role::Trainer) || who.is_admin()) {
        return Err(AppError::Forbidden);
    }
    export_module_file(&state.db, slug, version).await
}
