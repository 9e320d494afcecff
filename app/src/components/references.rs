//! The sources behind a piece of clinical content: every statement a module makes carries them.

use leptos::prelude::*;

use crate::domain::curriculum::module::Reference;

/// A short list of sources under its own heading, linked where they are online.
#[component]
pub fn References(references: Vec<Reference>) -> impl IntoView {
    (!references.is_empty()).then(|| {
        view! {
            <div class="casebook-references">
                <h2 class="nhsuk-heading-xs nhsuk-u-margin-bottom-1">"Sources"</h2>
                <SourceList references />
            </div>
        }
    })
}

/// The sources of one passage among several (such as the feedback on a choice not made), under a
/// label rather than a heading, so the page's outline is not crowded with "Sources".
#[component]
pub fn InlineReferences(references: Vec<Reference>) -> impl IntoView {
    (!references.is_empty()).then(|| {
        view! {
            <div class="casebook-references">
                <p class="nhsuk-body-s nhsuk-u-margin-bottom-1">"Sources:"</p>
                <SourceList references />
            </div>
        }
    })
}

#[component]
fn SourceList(references: Vec<Reference>) -> impl IntoView {
    let items = references
        .into_iter()
        .map(|r| {
            let citation = match r.url {
                Some(url) => view! {
                    <a href=url rel="noopener noreferrer">
                        {r.citation}
                    </a>
                }
                .into_any(),
                None => r.citation.into_any(),
            };
            view! { <li>"[" {r.key} "] " {citation}</li> }
        })
        .collect_view();
    view! { <ul class="nhsuk-list nhsuk-body-s">{items}</ul> }
}
