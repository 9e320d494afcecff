//! The accessibility statement, as UK public-sector bodies that deploy Casebook must publish one.

use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AccessibilityStatement() -> impl IntoView {
    view! {
        <Title text="Accessibility statement" />
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <h1>"Accessibility statement for Casebook"</h1>
                <p>
                    "We want as many people as possible to be able to use Casebook. You should be able to \
                     change colours, contrast levels and fonts, zoom in up to 400% without the text spilling \
                     off the screen, and navigate the whole service using just a keyboard or speech \
                     recognition software, or listen to it using a screen reader."
                </p>
                <h2>"How accessible this service is"</h2>
                <p>
                    "Casebook is built with the NHS.UK design system and aims to meet the Web Content \
                     Accessibility Guidelines (WCAG) version 2.2 at level AA. Every page works without \
                     JavaScript."
                </p>
                <h2>"How we test this service"</h2>
                <p>
                    "Every page is checked automatically in a real browser, with and without JavaScript, \
                     against WCAG 2.0, 2.1 and 2.2 levels A and AA, each time the code changes. Journeys \
                     are also tested using only a keyboard."
                </p>
                <h2>"Reporting accessibility problems"</h2>
                <p>
                    "If you find a problem that is not listed here, or need information in a different \
                     format, contact the organisation that gave you access to Casebook (usually your \
                     deanery or training hub)."
                </p>
            </div>
        </div>
    }
}
