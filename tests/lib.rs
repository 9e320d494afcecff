//! Helpers for the integration tests, by kind: the whole application started against a fresh
//! database of either engine (`test_app`), the HTTP client (`http`), the test databases (`database`), the
//! people and places most tests start from (`world`), emails (`email`) and HTML (`page`); and the
//! peers some tests start (`nginx`, `server_process`, `tcp_proxy`).

mod database;
mod email;
mod http;
pub mod nginx;
mod page;
pub mod server_process;
pub mod smtp;
pub mod tcp_proxy;
mod test_app;
mod world;

pub use app::ssr::db::Engine;
pub use database::{TestDatabase, site_root};
pub use email::{Email, emails_in};
pub use http::{app_error, new_client, session_cookie};
pub use page::Page;
pub use test_app::TestApp;
pub use world::{ADMIN, LEAD_A, LEAD_B, LEARNER_A, LEARNER_B, PASSWORD, TRAINER, World};

/// Runs each named test once on SQLite and once on PostgreSQL, as `name::sqlite` and
/// `name::postgres`. Each test is an `async fn(Engine) -> anyhow::Result<()>`.
#[macro_export]
macro_rules! on_both_engines {
    ($($name:ident),+ $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() -> anyhow::Result<()> {
                super::$name($crate::Engine::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() -> anyhow::Result<()> {
                super::$name($crate::Engine::Postgres).await
            }
        }
    )+};
}
