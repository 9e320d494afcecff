//! `GET /admin/modules/{slug}/export?version=N`: a module version as a file download (admins).

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::error::AppError;
use crate::ssr::auth::backend::AuthSession;
use crate::ssr::curriculum::export_module_file;
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
    let Some(user) = &auth.user else {
        let next = crate::domain::navigation::sign_in_then(&format!("/admin/modules/{slug}/export"));
        return (StatusCode::SEE_OTHER, [(header::LOCATION, next)]).into_response();
    };
    if !user.current.principal.is_admin() {
        return (StatusCode::FORBIDDEN, AppError::Forbidden.to_string()).into_response();
    }
    match export_module_file(&state.db, &slug, which.version).await {
        Ok(text) => {
            let name = format!("attachment; filename=\"{slug}.toml\"");
            (
                [
                    (header::CONTENT_TYPE, "text/plain; charset=utf-8".to_owned()),
                    (header::CONTENT_DISPOSITION, name),
                ],
                text,
            )
                .into_response()
        }
        Err(error) => {
            let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, error.to_string()).into_response()
        }
    }
}
