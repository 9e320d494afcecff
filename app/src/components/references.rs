//! The sources behind a piece of clinical content: every statement a module makes carries them.

use leptos::prelude::*;

use crate::domain::curriculum::module::Reference;

/// A short list of sources, linked where they are online.
#[component]
pub fn References(references: Vec<Reference>) -> impl IntoView {
    (!references.is_empty()).then(|| {
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
        view! {
            <div class="casebook-references">
                <h2 class="nhsuk-heading-xs nhsuk-u-margin-bottom-1">"Sources"</h2>
                <ul class="nhsuk-list nhsuk-body-s">{items}</ul>
            </div>
        }
    })
}
