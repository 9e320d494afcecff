//! The NHS.UK tabs component, progressively enhanced.
//!
//! The server renders a list of in-page links followed by every panel, which is what the design
//! system prescribes without JavaScript (and on narrow screens). Once the island hydrates on a screen
//! at least tablet-wide, the list becomes an ARIA tab list showing one panel at a time, and the arrow
//! keys move between tabs. Panels are server-rendered children, so the island shows and hides them
//! through the DOM, as the design system's own script does.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A tab's label and the id of the panel it shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TabLabel {
    pub panel_id: String,
    pub label: String,
}

/// The NHS.UK design system's tablet breakpoint (641px), below which tabs stay a plain list.
const TABLET_AND_UP: &str = "(min-width: 40.0625em)";
const HIDDEN_PANEL: &str = "nhsuk-tabs__panel--hidden";

/// A set of tabs; `children` are the panels, each a [`TabPanel`] whose id matches a label.
#[island]
pub fn Tabs(
    /// A heading for the list, read by screen readers and shown when the tabs are not enhanced.
    title: String,
    tabs: Vec<TabLabel>,
    children: Children,
) -> impl IntoView {
    let ids: Vec<String> = tabs.iter().map(|tab| tab.panel_id.clone()).collect();
    let selected = RwSignal::new(ids.first().cloned().unwrap_or_default());
    let enhanced = enhance_when_wide_enough();
    show_only_the_selected_panel(ids.clone(), selected, enhanced);

    let list_items = tabs
        .into_iter()
        .map(|TabLabel { panel_id, label }| {
            let id = panel_id.clone();
            let is_selected = Memo::new(move |_| selected.with(|s| *s == id));
            let on_keydown = {
                let (ids, panel_id) = (ids.clone(), panel_id.clone());
                move |ev: leptos::ev::KeyboardEvent| {
                    if let Some(next) = neighbour(&ids, &panel_id, &ev.key()) {
                        ev.prevent_default();
                        focus_element(&tab_id(&next));
                        selected.set(next);
                    }
                }
            };
            let on_click = {
                let panel_id = panel_id.clone();
                move |ev: leptos::ev::MouseEvent| {
                    if enhanced.get_untracked() {
                        ev.prevent_default();
                        selected.set(panel_id.clone());
                    }
                }
            };
            let when_enhanced = move |value: String| move || enhanced.get().then(|| value.clone());
            view! {
                <li
                    class="nhsuk-tabs__list-item"
                    class:nhsuk-tabs__list-item--selected=is_selected
                    role=move || enhanced.get().then_some("presentation")
                >
                    <a
                        class="nhsuk-tabs__tab"
                        href=format!("#{panel_id}")
                        id=when_enhanced(tab_id(&panel_id))
                        role=move || enhanced.get().then_some("tab")
                        aria-controls=when_enhanced(panel_id.clone())
                        aria-selected=move || enhanced.get().then(|| is_selected.get().to_string())
                        tabindex=move || enhanced.get().then(|| if is_selected.get() { "0" } else { "-1" })
                        on:click=on_click
                        on:keydown=on_keydown
                    >
                        {label}
                    </a>
                </li>
            }
        })
        .collect_view();

    // The design system styles tabs only inside `.nhsuk-frontend-supported`; scoping the class to
    // this wrapper enables them without switching on behaviours of components we do not script.
    view! {
        <div class=move || enhanced.get().then_some("nhsuk-frontend-supported")>
            <div class="nhsuk-tabs">
                <h2 class="nhsuk-tabs__heading">{title}</h2>
                <ul class="nhsuk-tabs__list" role=move || enhanced.get().then_some("tablist")>
                    {list_items}
                </ul>
                {children()}
            </div>
        </div>
    }
}

/// One panel of a [`Tabs`] island, rendered on the server.
#[component]
pub fn TabPanel(id: &'static str, children: Children) -> impl IntoView {
    view! {
        <div class="nhsuk-tabs__panel" id=id>
            {children()}
        </div>
    }
}

fn tab_id(panel_id: &str) -> String {
    format!("tab_{panel_id}")
}

/// The tab an arrow key moves to, wrapping at both ends.
fn neighbour(ids: &[String], current: &str, key: &str) -> Option<String> {
    let position = ids.iter().position(|id| id == current)?;
    let count = ids.len();
    match key {
        "ArrowRight" => ids.get((position + 1) % count).cloned(),
        "ArrowLeft" => ids.get((position + count - 1) % count).cloned(),
        _ => None,
    }
}

/// A signal that is true once hydrated on a screen at least tablet-wide, following resizes.
fn enhance_when_wide_enough() -> RwSignal<bool> {
    let enhanced = RwSignal::new(false);
    Effect::new(move |_| {
        let check = move || {
            let wide =
                window().match_media(TABLET_AND_UP).ok().flatten().is_some_and(|query| query.matches());
            enhanced.set(wide);
        };
        check();
        let handle = window_event_listener(leptos::ev::resize, move |_| check());
        on_cleanup(move || handle.remove());
    });
    enhanced
}

/// Keeps the panels' visibility and ARIA attributes in step with the selected tab.
fn show_only_the_selected_panel(ids: Vec<String>, selected: RwSignal<String>, enhanced: RwSignal<bool>) {
    Effect::new(move |_| {
        let enhanced = enhanced.get();
        let selected = selected.get();
        for id in &ids {
            let Some(panel) = document().get_element_by_id(id) else { continue };
            let hide = enhanced && *id != selected;
            let _ = if hide {
                panel.class_list().add_1(HIDDEN_PANEL)
            } else {
                panel.class_list().remove_1(HIDDEN_PANEL)
            };
            if enhanced {
                let _ = panel.set_attribute("role", "tabpanel");
                let _ = panel.set_attribute("aria-labelledby", &tab_id(id));
            } else {
                let _ = panel.remove_attribute("role");
                let _ = panel.remove_attribute("aria-labelledby");
            }
        }
    });
}

fn focus_element(id: &str) {
    use leptos::wasm_bindgen::JsCast;
    if let Some(element) = document().get_element_by_id(id)
        && let Ok(element) = element.dyn_into::<leptos::web_sys::HtmlElement>()
    {
        let _ = element.focus();
    }
}

#[cfg(test)]
mod tests {
    use super::neighbour;

    fn ids() -> Vec<String> {
        ["a", "b", "c"].map(String::from).to_vec()
    }

    #[test]
    fn arrow_keys_move_to_the_next_and_previous_tab_and_wrap() {
        assert_eq!(neighbour(&ids(), "a", "ArrowRight").as_deref(), Some("b"));
        assert_eq!(neighbour(&ids(), "c", "ArrowRight").as_deref(), Some("a"));
        assert_eq!(neighbour(&ids(), "a", "ArrowLeft").as_deref(), Some("c"));
        assert_eq!(neighbour(&ids(), "b", "ArrowLeft").as_deref(), Some("a"));
    }

    #[test]
    fn other_keys_and_unknown_tabs_move_nowhere() {
        assert_eq!(neighbour(&ids(), "a", "Enter"), None);
        assert_eq!(neighbour(&ids(), "z", "ArrowRight"), None);
        assert_eq!(neighbour(&[], "a", "ArrowRight"), None);
    }
}
