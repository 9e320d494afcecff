//! Settings, read from environment variables with documented defaults (see the README's table).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use leptos::prelude::LeptosOptions;

/// The name wasm-bindgen gives the client bundle (`pkg/casebook.js`, `pkg/casebook_bg.wasm`).
const OUTPUT_NAME: &str = "casebook";

#[derive(Clone, Debug)]
pub struct Settings {
    pub database_url: String,
    pub database_max_connections: u32,
    pub site_addr: SocketAddr,
    pub site_root: String,
    pub log_format: LogFormat,
    /// Apply pending migrations at start-up. Deployments that migrate in a separate step set this
    /// to false; the server then reports not ready until the schema is current.
    pub migrate_on_start: bool,
    /// The address people reach Casebook at: links in emails, and the origin forms must come from.
    /// Unset, it is `http://` and the address actually bound (which may have been port 0).
    pub public_url: Option<String>,
    /// Send the session cookie only over HTTPS (and name it with the `__Host-` prefix).
    pub secure_cookies: bool,
    pub session_idle: Duration,
    pub session_absolute: Duration,
    /// Take the client's address from the last `X-Forwarded-For` entry (behind a trusted proxy).
    pub trust_forwarded_for: bool,
    /// Tell browsers how long the server spent on each response (`Server-Timing`): the session, then
    /// the page or handler. Off by default, since timings can hint at what the server did.
    pub server_timing: bool,
    pub smtp_url: Option<String>,
    pub mail_from: String,
    pub outbox_dir: PathBuf,
    pub environment: Environment,
    /// How long the job worker sleeps when no job is due, and how long it waits before retrying a
    /// failed one the first time (each retry after doubles it).
    pub job_poll: Duration,
    pub job_retry: Duration,
    /// Let `POST /test/clock?seconds=N` move this server's clock forward, for browser and
    /// multi-server tests of what falls due weeks later. Never allowed in production.
    pub test_clock: bool,
    /// On the demo's first start, also generate a population of learners and prescribing so the
    /// demo leads' dashboards show real figures (`DEMO_POPULATION=false` leaves only the accounts,
    /// as the browser tests want: their expectations are about a handful of people).
    pub demo_population: bool,
}

/// Development creates demo accounts on an empty embedded database; production never does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Environment {
    Development,
    Production,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} is not valid: {reason}")]
    Invalid { name: &'static str, reason: String },
}

impl Settings {
    /// Reads the settings from the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the settings through `lookup`, so tests can supply their own environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str, default: &str| lookup(name).unwrap_or_else(|| default.to_owned());
        let site_addr: SocketAddr = parse("LEPTOS_SITE_ADDR", &get("LEPTOS_SITE_ADDR", "127.0.0.1:3000"))?;
        let public_url = lookup("PUBLIC_URL").map(|url| url.trim_end_matches('/').to_owned());
        if public_url.as_ref().is_some_and(|url| !(url.starts_with("http://") || url.starts_with("https://")))
        {
            return Err(ConfigError::Invalid {
                name: "PUBLIC_URL",
                reason: "must start with http:// or https://".into(),
            });
        }
        let https = public_url.as_ref().is_some_and(|url| url.starts_with("https://"));
        let minutes = |name: &'static str, default: &str| -> Result<Duration, ConfigError> {
            let value: u64 = parse(name, &get(name, default))?;
            if value == 0 {
                return Err(ConfigError::Invalid { name, reason: "must be at least 1".into() });
            }
            Ok(Duration::from_secs(value * 60))
        };
        let settings = Settings {
            public_url,
            secure_cookies: parse(
                "SECURE_COOKIES",
                &get("SECURE_COOKIES", if https { "true" } else { "false" }),
            )?,
            session_idle: minutes("SESSION_IDLE_MINUTES", "30")?,
            session_absolute: minutes("SESSION_ABSOLUTE_MINUTES", "720")?,
            trust_forwarded_for: parse("TRUST_FORWARDED_FOR", &get("TRUST_FORWARDED_FOR", "false"))?,
            server_timing: parse("SERVER_TIMING", &get("SERVER_TIMING", "false"))?,
            smtp_url: lookup("SMTP_URL").filter(|url| !url.is_empty()),
            mail_from: get("MAIL_FROM", "Casebook <no-reply@casebook.localhost>"),
            outbox_dir: PathBuf::from(get("OUTBOX_DIR", "data/outbox")),
            environment: match get("CASEBOOK_ENV", "development").as_str() {
                "development" => Environment::Development,
                "production" => Environment::Production,
                other => {
                    return Err(ConfigError::Invalid {
                        name: "CASEBOOK_ENV",
                        reason: format!("expected development or production, found {other:?}"),
                    });
                }
            },
            job_poll: Duration::from_millis(parse("JOB_POLL_MS", &get("JOB_POLL_MS", "5000"))?),
            job_retry: Duration::from_secs(parse("JOB_RETRY_SECONDS", &get("JOB_RETRY_SECONDS", "60"))?),
            test_clock: parse("TEST_CLOCK", &get("TEST_CLOCK", "false"))?,
            demo_population: parse("DEMO_POPULATION", &get("DEMO_POPULATION", "true"))?,
            database_url: get("DATABASE_URL", "sqlite://data/casebook.db"),
            database_max_connections: parse(
                "DATABASE_MAX_CONNECTIONS",
                &get("DATABASE_MAX_CONNECTIONS", "10"),
            )?,
            site_addr,
            site_root: get("LEPTOS_SITE_ROOT", "target/site"),
            migrate_on_start: parse("MIGRATE_ON_START", &get("MIGRATE_ON_START", "true"))?,
            log_format: match get("LOG_FORMAT", "text").as_str() {
                "text" => LogFormat::Text,
                "json" => LogFormat::Json,
                other => {
                    return Err(ConfigError::Invalid {
                        name: "LOG_FORMAT",
                        reason: format!("expected text or json, found {other:?}"),
                    });
                }
            },
        };
        if settings.test_clock && settings.environment == Environment::Production {
            return Err(ConfigError::Invalid {
                name: "TEST_CLOCK",
                reason: "is for tests, never production".into(),
            });
        }
        Ok(settings)
    }

    /// The options Leptos needs to render pages and find the client bundle.
    pub fn leptos_options(&self) -> LeptosOptions {
        LeptosOptions::builder()
            .output_name(OUTPUT_NAME)
            .site_root(self.site_root.as_str())
            .site_pkg_dir("pkg")
            .site_addr(self.site_addr)
            .build()
    }
}

fn parse<T: std::str::FromStr>(name: &'static str, value: &str) -> Result<T, ConfigError>
where
    T::Err: std::fmt::Display,
{
    value.parse().map_err(|e: T::Err| ConfigError::Invalid { name, reason: e.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(vars: &[(&str, &str)]) -> Result<Settings, ConfigError> {
        Settings::from_lookup(|name| vars.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v).to_owned()))
    }

    #[test]
    fn defaults_serve_the_embedded_database_on_port_3000() -> Result<(), ConfigError> {
        let s = settings(&[])?;
        assert_eq!(s.database_url, "sqlite://data/casebook.db");
        assert_eq!(s.site_addr.to_string(), "127.0.0.1:3000");
        assert_eq!(s.site_root, "target/site");
        assert_eq!(s.log_format, LogFormat::Text);
        assert_eq!(s.public_url, None);
        assert!(!s.secure_cookies);
        assert_eq!(s.session_idle, Duration::from_secs(30 * 60));
        assert_eq!(s.session_absolute, Duration::from_secs(12 * 3600));
        assert_eq!(s.environment, Environment::Development);
        Ok(())
    }

    #[test]
    fn an_https_public_url_makes_cookies_secure() -> Result<(), ConfigError> {
        let s = settings(&[("PUBLIC_URL", "https://casebook.example.nhs.uk/")])?;
        assert_eq!(s.public_url.as_deref(), Some("https://casebook.example.nhs.uk"));
        assert!(s.secure_cookies);
        Ok(())
    }

    #[test]
    fn the_test_clock_is_never_allowed_in_production() -> Result<(), ConfigError> {
        assert!(settings(&[("TEST_CLOCK", "true")])?.test_clock);
        assert!(!settings(&[])?.test_clock, "off unless asked for");
        let err =
            settings(&[("TEST_CLOCK", "true"), ("CASEBOOK_ENV", "production")]).err().map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.starts_with("TEST_CLOCK is not valid")));
        Ok(())
    }

    #[test]
    fn bad_values_name_the_variable_at_fault() {
        let err = settings(&[("LEPTOS_SITE_ADDR", "nowhere")]).err().map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.starts_with("LEPTOS_SITE_ADDR is not valid")));
        let err = settings(&[("LOG_FORMAT", "xml")]).err().map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("expected text or json")));
        let err = settings(&[("DATABASE_MAX_CONNECTIONS", "-1")]).err().map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.starts_with("DATABASE_MAX_CONNECTIONS")));
        let err = settings(&[("SESSION_IDLE_MINUTES", "0")]).err().map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.starts_with("SESSION_IDLE_MINUTES")));
        let err = settings(&[("PUBLIC_URL", "casebook.example")]).err().map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.starts_with("PUBLIC_URL")));
        let err = settings(&[("CASEBOOK_ENV", "staging")]).err().map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.starts_with("CASEBOOK_ENV")));
    }
}
