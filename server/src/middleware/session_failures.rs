//! axum-login answers a bare 500 when it cannot read the session, and the only way that fails is
//! the database: out of reach (PostgreSQL stopped, the network gone) or broken. Here such an answer
//! becomes what every other database failure gets: 503 and the friendly page (or the `AppError`
//! for a server function) while the database is unreachable, the friendly 500 page otherwise.

use axum::body::HttpBody as _;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::server_fn::error::FromServerFnError;

use app::error::AppError;
use app::pages::error_page::Failure;
use app::ssr::db::{Db, Readiness};

use super::panic::failure_page;

pub async fn explain_session_failures(State(db): State<Db>, request: Request, next: Next) -> Response {
    let server_function = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    let bare = response.status() == StatusCode::INTERNAL_SERVER_ERROR
        && response.body().size_hint().exact() == Some(0);
    if !bare {
        return response;
    }
    let (status, error, failure) = match db.readiness().await {
        Readiness::Unreachable => {
            (StatusCode::SERVICE_UNAVAILABLE, AppError::Unavailable, Failure::Unavailable)
        }
        _ => (StatusCode::INTERNAL_SERVER_ERROR, AppError::Internal, Failure::Internal),
    };
    if !server_function {
        return failure_page(status, failure);
    }
    let mut response = (status, error.ser()).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}
