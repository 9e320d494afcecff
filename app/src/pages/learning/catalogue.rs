//! `/modules`: the published modules, filtered by theme, each with its time and the learner's status.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::StatusTag;
use crate::api::learning::list_modules::{Catalogue, CatalogueEntry, list_modules};
use crate::pages::loaded::loaded;

#[component]
pub fn CataloguePage() -> impl IntoView {
    let query = use_query_map();
    let theme = move || query.with(|q| q.get("theme"));
    let catalogue = Resource::new(theme, list_modules);
    view! {
        <Title text="Modules" />
        <h1>"Modules"</h1>
        {loaded(catalogue, |catalogue| view! { <CatalogueView catalogue /> }.into_any())}
    }
}

#[component]
fn CatalogueView(catalogue: Catalogue) -> impl IntoView {
    let selected = catalogue.selected.clone().unwrap_or_default();
    let options = catalogue
        .themes
        .iter()
        .map(|t| {
            view! {
                <option value=t.code.clone() selected=t.code == selected>
                    {t.title.clone()}
                </option>
            }
        })
        .collect_view();
    let count = catalogue.modules.len();
    let listed = if catalogue.modules.is_empty() {
        view! { <p>"No modules cover this theme yet."</p> }.into_any()
    } else {
        let signed_in = catalogue.signed_in;
        let items =
            catalogue.modules.into_iter().map(|entry| view! { <Entry entry signed_in /> }).collect_view();
        view! { <ul class="nhsuk-list">{items}</ul> }.into_any()
    };
    view! {
        <p class="nhsuk-lede-text">
            "Each module is one patient's story, with questions before and after it."
        </p>
        {(!catalogue.signed_in)
            .then(|| {
                view! {
                    <p>
                        "Anyone can look at the modules. To take one, "
                        <a href="/sign-in?next=%2Fmodules">"sign in"</a> " or "
                        <a href="/register?next=%2Fmodules">"create an account"</a> "."
                    </p>
                }
            })}
        <form method="get" action="/modules" class="nhsuk-u-margin-bottom-5">
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="theme">
                    "Show modules about"
                </label>
                <select class="nhsuk-select" id="theme" name="theme">
                    <option value="">"All themes"</option>
                    {options}
                </select>
                " "
                <button class="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">
                    "Show"
                </button>
            </div>
        </form>
        <p role="status">{if count == 1 { "1 module".to_owned() } else { format!("{count} modules") }}</p>
        {listed}
    }
}

#[component]
fn Entry(entry: CatalogueEntry, signed_in: bool) -> impl IntoView {
    let themes = entry.themes.into_iter().map(|t| view! { <li>{t.title}</li> }).collect_view();
    view! {
        <li class="nhsuk-card nhsuk-card--clickable">
            <div class="nhsuk-card__content">
                <h2 class="nhsuk-card__heading nhsuk-heading-m">
                    <a class="nhsuk-card__link" href=format!("/modules/{}", entry.slug)>
                        {entry.title}
                    </a>
                </h2>
                <p class="nhsuk-card__description">
                    {signed_in
                        .then(|| {
                            view! {
                                <StatusTag status=entry.status />
                                " "
                            }
                        })} {format!("About {} minutes", entry.minutes)}
                </p>
                <p class="nhsuk-body-s nhsuk-u-margin-bottom-1">"Themes:"</p>
                <ul class="nhsuk-body-s">{themes}</ul>
            </div>
        </li>
    }
}
