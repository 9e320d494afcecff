//! The NHS.UK tabs component, progressively enhanced.
//!
//! The server renders a list of in-page links followed by every panel, which is what the design
//! system prescribes without JavaScript (and on narrow screens). `tabs.js`, beside this file, turns
//! the list into an ARIA tab list on screens at least tablet-wide. That script is a few hundred
//! bytes; as an island, the same behaviour cost the home page the whole WebAssembly client.

use leptos::prelude::*;

use crate::components::client_assets::{Enhancement, EnhancementScript};

/// A tab's label and the id of the panel it shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TabLabel {
    pub panel_id: String,
    pub label: String,
}

/// A set of tabs; `children` are the panels, each a [`TabPanel`] whose id matches a label.
#[component]
pub fn Tabs(
    /// A heading for the list, read by screen readers and shown when the tabs are not enhanced.
    title: String,
    tabs: Vec<TabLabel>,
    children: Children,
) -> impl IntoView {
    let list_items = tabs
        .into_iter()
        .enumerate()
        .map(|(position, TabLabel { panel_id, label })| {
            view! {
                <li class="nhsuk-tabs__list-item" class:nhsuk-tabs__list-item--selected=position == 0>
                    <a class="nhsuk-tabs__tab" href=format!("#{panel_id}")>{label}</a>
                </li>
            }
        })
        .collect_view();
    // The design system styles tabs only inside `.nhsuk-frontend-supported`; the script sets that
    // class on this wrapper, so behaviours of components we do not script stay off.
    view! {
        <div data-casebook-tabs="">
            <div class="nhsuk-tabs">
                <h2 class="nhsuk-tabs__heading">{title}</h2>
                <ul class="nhsuk-tabs__list">{list_items}</ul>
                {children()}
            </div>
        </div>
        <EnhancementScript which=Enhancement::Tabs />
    }
}

/// One panel of a [`Tabs`] set, rendered on the server.
#[component]
pub fn TabPanel(id: &'static str, children: Children) -> impl IntoView {
    view! {
        <div class="nhsuk-tabs__panel" id=id>
            {children()}
        </div>
    }
}
