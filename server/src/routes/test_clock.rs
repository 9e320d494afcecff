//! `POST /test/clock?seconds=N`: moves this server's clock forward, so a browser test or a test of
//! several app servers can see what falls due weeks later without waiting. Mounted only when
//! `TEST_CLOCK` is set, which production refuses (see `config`).

use std::time::Duration;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use serde::Deserialize;

use app::ssr::state::AppState;

#[derive(Deserialize)]
pub struct Advance {
    seconds: u64,
}

pub async fn advance_clock(State(state): State<AppState>, Query(advance): Query<Advance>) -> StatusCode {
    state.clock.advance(Duration::from_secs(advance.seconds));
    tracing::warn!(seconds = advance.seconds, "the test clock was moved forward");
    StatusCode::NO_CONTENT
}
