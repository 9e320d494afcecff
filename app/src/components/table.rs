//! The NHS.UK table: a caption, column headers and rows of cells.

use leptos::prelude::*;

/// A table whose rows are built by the caller (each a `<tr class="nhsuk-table__row">`).
#[component]
pub fn Table(
    #[prop(into)] caption: String,
    /// Column headers; numeric columns are right-aligned.
    headers: Vec<(&'static str, bool)>,
    /// Keep the caption for screen readers only.
    #[prop(optional)]
    hidden_caption: bool,
    children: Children,
) -> impl IntoView {
    let caption_class =
        if hidden_caption { "nhsuk-table__caption nhsuk-u-visually-hidden" } else { "nhsuk-table__caption" };
    let headers = headers
        .into_iter()
        .map(|(text, numeric)| {
            let class = if numeric {
                "nhsuk-table__header nhsuk-table__header--numeric"
            } else {
                "nhsuk-table__header"
            };
            view! {
                <th scope="col" class=class>
                    {text}
                </th>
            }
        })
        .collect_view();
    view! {
        <table class="nhsuk-table">
            <caption class=caption_class>{caption}</caption>
            <thead class="nhsuk-table__head">
                <tr class="nhsuk-table__row">{headers}</tr>
            </thead>
            <tbody class="nhsuk-table__body">{children()}</tbody>
        </table>
    }
}
