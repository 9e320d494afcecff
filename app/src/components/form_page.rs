//! The frame of a page built around a form: its title (prefixed "Error:" when the last submission
//! failed, as the NHS.UK error summary pattern asks), a one-time confirmation, the error summary, and
//! a two-thirds column.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::forms::ErrorSummary;
use crate::error::AppError;

#[component]
pub fn FormPage(
    title: String,
    #[prop(optional_no_strip)] error: Option<AppError>,
    #[prop(optional_no_strip)] notice: Option<String>,
    children: Children,
) -> impl IntoView {
    let page_title = if error.is_some() { format!("Error: {title}") } else { title };
    view! {
        <Title text=page_title />
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <NoticeBanner notice />
                <ErrorSummary error />
                {children()}
            </div>
        </div>
    }
}

/// The NHS.UK success notification banner, for a one-time confirmation.
#[component]
pub fn NoticeBanner(notice: Option<String>) -> impl IntoView {
    notice.map(|notice| {
        view! {
            <div
                class="nhsuk-notification-banner nhsuk-notification-banner--success"
                role="alert"
                aria-labelledby="notice-title"
            >
                <div class="nhsuk-notification-banner__header">
                    <h2 class="nhsuk-notification-banner__title" id="notice-title">
                        "Success"
                    </h2>
                </div>
                <div class="nhsuk-notification-banner__content">
                    <p class="nhsuk-notification-banner__heading">{notice}</p>
                </div>
            </div>
        }
    })
}
