//! Settings, read from environment variables with documented defaults (see the README's table).

use std::net::SocketAddr;

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
        Ok(Settings {
            database_url: get("DATABASE_URL", "sqlite://data/casebook.db"),
            database_max_connections: parse(
                "DATABASE_MAX_CONNECTIONS",
                &get("DATABASE_MAX_CONNECTIONS", "10"),
            )?,
            site_addr: parse("LEPTOS_SITE_ADDR", &get("LEPTOS_SITE_ADDR", "127.0.0.1:3000"))?,
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
        })
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
    }
}
