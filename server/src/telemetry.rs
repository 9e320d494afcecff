//! Structured logs: human-readable by default, JSON for log collectors. `RUST_LOG` sets the filter.

use tracing_subscriber::{EnvFilter, fmt};

use crate::config::LogFormat;

/// Installs the global subscriber. Call once, before anything logs.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let builder = fmt().with_env_filter(filter).with_target(false);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => {
            // The span list keeps the request's span (and its id) on every line, also on lines
            // written inside a server function's or a query's own span.
            builder.json().flatten_event(true).with_current_span(true).with_span_list(true).init()
        }
    }
}
