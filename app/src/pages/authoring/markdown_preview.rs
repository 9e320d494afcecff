//! The rendered preview beside a Markdown field: the text as learners will see it, rendered by the
//! server's sanitiser. Without JavaScript it shows the text as it stood when the page loaded; with
//! it, the island asks the server to render the text again whenever the author leaves the field.

use leptos::prelude::*;

use crate::api::authoring::render_markdown::RenderMarkdown;

/// Markdown rendered as learners will see it. Only the server renders Markdown (the browser build
/// has no renderer), and every page is rendered there first.
pub fn rendered(markdown: &str) -> String {
    #[cfg(feature = "ssr")]
    let html = crate::ssr::markdown::to_html(markdown);
    #[cfg(not(feature = "ssr"))]
    let html = {
        let _ = markdown;
        String::new()
    };
    html
}

/// The preview of the field whose id is `field`, starting from `rendered`.
#[island]
pub fn MarkdownPreview(field: String, rendered: String) -> impl IntoView {
    let html = RwSignal::new(rendered);
    let render = ServerAction::<RenderMarkdown>::new();
    Effect::new(move |_| {
        if let Some(Ok(fresh)) = render.value().get() {
            html.set(fresh);
        }
    });
    let watched = field.clone();
    Effect::new(move |_| {
        let watched = watched.clone();
        // A change event bubbles up from the field when the author leaves it.
        let handle = window_event_listener(leptos::ev::change, move |ev| {
            let from_field = event_target::<web_sys::Element>(&ev).id() == watched;
            if from_field {
                render.dispatch(RenderMarkdown { text: event_target_value(&ev) });
            }
        });
        on_cleanup(move || handle.remove());
    });
    view! {
        <div class="casebook-markdown-preview" id=format!("{field}-preview") aria-live="polite">
            <p class="nhsuk-body-s casebook-markdown-preview__label">"As learners will see it"</p>
            <div inner_html=move || html.get()></div>
        </div>
    }
}
