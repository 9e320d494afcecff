//! The document shell and the route table: the one place that lists every page.

use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::{
    StaticSegment,
    components::{Route, Router, Routes},
};

use crate::components::layout::{Page, StaticHead};
use crate::pages::{accessibility::AccessibilityStatement, home::HomePage, not_found::NotFound};

/// Renders the whole HTML document on the server; in the browser only the islands inside it hydrate.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en-GB">
            <head>
                <StaticHead />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The application: metadata context, the page frame and the routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title formatter=|page: String| format!("{page} – Casebook") />
        <Router>
            <Page>
                <Routes fallback=NotFound>
                    <Route path=StaticSegment("") view=HomePage />
                    <Route path=StaticSegment("accessibility") view=AccessibilityStatement />
                </Routes>
            </Page>
        </Router>
    }
}
