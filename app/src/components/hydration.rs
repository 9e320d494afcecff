//! A marker that the browser client is running, for people debugging and for the browser tests.

use std::time::Duration;

use leptos::prelude::*;

/// Sets `data-hydrated="true"` on `<body>` once every island on the page has hydrated. The islands
/// loader hydrates them in the microtasks after [`crate::hydrate`] returns; a zero-delay timer runs
/// after those.
pub fn mark_when_islands_hydrated() {
    set_timeout(
        || {
            if let Some(body) = document().body() {
                let _ = body.set_attribute("data-hydrated", "true");
            }
        },
        Duration::ZERO,
    );
}
