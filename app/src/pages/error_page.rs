//! Friendly pages for when the service itself fails, in the NHS.UK wording. They never show what went
//! wrong inside: that goes to the log, under the request id the response carries.

use leptos::prelude::*;

/// What kind of failure to explain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// A fault in Casebook (HTTP 500).
    Internal,
    /// A dependency, usually the database, is out of reach (HTTP 503).
    Unavailable,
    /// An address no page could have (one holding a NUL character, say), refused before routing
    /// (HTTP 404).
    NotFound,
}

impl Failure {
    pub fn title(self) -> &'static str {
        match self {
            Failure::Internal => "Sorry, there is a problem with the service",
            Failure::Unavailable => "Sorry, the service is unavailable",
            Failure::NotFound => "Page not found",
        }
    }
}

/// The explanation shown inside the page frame.
#[component]
pub fn FailureMessage(failure: Failure) -> impl IntoView {
    let advice = match failure {
        Failure::Internal => "Try again later. Anything you had already saved is safe.",
        Failure::Unavailable => {
            "You will be able to use the service later. Anything you had already saved is safe."
        }
        Failure::NotFound => "If you typed the web address, check it is correct.",
    };
    let persists = (failure != Failure::NotFound)
        .then_some("If the problem continues, contact the organisation that gave you access to Casebook.");
    view! {
        <h1>{failure.title()}</h1>
        <p>{advice}</p>
        {persists.map(|text| view! { <p>{text}</p> })}
    }
}

/// A complete HTML document for a failure, rendered without the router or database, so it can be
/// served when either is the thing that failed.
#[cfg(feature = "ssr")]
pub fn render(failure: Failure) -> String {
    use crate::components::layout::{BareFrame, StaticHead};

    let owner = Owner::new();
    owner.with(|| {
        let title = format!("{} – Casebook", failure.title());
        view! {
            <!DOCTYPE html>
            <html lang="en-GB">
                <head>
                    <StaticHead />
                    // A text child would carry a hydration marker into the title;
                    // the text is ours, not a user's.
                    <title inner_html=title></title>
                </head>
                <body>
                    <BareFrame>
                        <FailureMessage failure />
                    </BareFrame>
                </body>
            </html>
        }
        .to_html()
    })
}
