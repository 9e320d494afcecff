//! Probes for load balancers and orchestrators: `/healthz` says the process is alive, `/readyz` that it
//! can serve (the database answers and has every migration this binary expects).

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;

use app::ssr::db::{Db, Readiness};

const NO_STORE: (header::HeaderName, &str) = (header::CACHE_CONTROL, "no-store");

/// Always 200 while the process can answer HTTP.
pub async fn alive() -> impl IntoResponse {
    (StatusCode::OK, [NO_STORE], "ok")
}

/// 200 when the database is reachable and migrated, 503 otherwise.
pub async fn ready(State(db): State<Db>) -> impl IntoResponse {
    let (status, body) = match db.readiness().await {
        Readiness::Ready => (StatusCode::OK, "ready"),
        Readiness::NotMigrated => {
            (StatusCode::SERVICE_UNAVAILABLE, "not ready: database migrations not applied")
        }
        Readiness::Unreachable => (StatusCode::SERVICE_UNAVAILABLE, "not ready: database unreachable"),
    };
    (status, [NO_STORE], body)
}
