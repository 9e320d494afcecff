//! `/modules/<slug>`: what a module covers, and a button to start it or resume where the learner
//! left off.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::learning::start_module::StartModule;
use crate::api::learning::view_module::{ModuleOverview, view_module};
use crate::components::forms::ErrorSummary;
use crate::domain::navigation::{encode_query_value, sign_in_then};
use crate::domain::time::format_uk_datetime;
use crate::pages::loaded::loaded_with_messages;

#[component]
pub fn ModulePage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let module = Resource::new(slug, view_module);
    loaded_with_messages(module, move |module, messages| {
        let error = messages.error_for::<StartModule>();
        view! {
            <Title text=module.title.clone() />
            <ErrorSummary error />
            <Overview module />
        }
        .into_any()
    })
}

#[component]
fn Overview(module: ModuleOverview) -> impl IntoView {
    let themes = module.themes.into_iter().map(|t| view! { <li>{t.title}</li> }).collect_view();
    let outcomes = module.outcomes.into_iter().map(|o| view! { <li>{o}</li> }).collect_view();
    let again = !module.completed.is_empty();
    let here = format!("/modules/{}", module.slug);
    let action = match (module.open_attempt, module.can_start) {
        _ if !module.signed_in => view! {
            <p>"Sign in to start this module, or create a free account. You will come back to this page."</p>
            <div class="nhsuk-button-group">
                <a class="nhsuk-button" href=sign_in_then(&here)>
                    "Sign in to start"
                </a>
                <a
                    class="nhsuk-button nhsuk-button--secondary"
                    href=format!("/register?next={}", encode_query_value(&here))
                >
                    "Create an account"
                </a>
            </div>
        }
        .into_any(),
        (Some(attempt), _) => view! {
            <a class="nhsuk-button" href=format!("/attempts/{attempt}")>
                "Resume where you left off"
            </a>
        }
        .into_any(),
        (None, true) => view! {
            <form method="post" action=StartModule::PATH>
                <input type="hidden" name="slug" value=module.slug.clone() />
                <button class="nhsuk-button" type="submit">
                    {if again { "Take the module again" } else { "Start the module" }}
                </button>
            </form>
        }
        .into_any(),
        (None, false) => {
            view! { <p>"Modules are taken by learners. Ask an administrator for the learner role."</p> }
                .into_any()
        }
    };
    let past = again.then(|| {
        let rows = module
            .completed
            .into_iter()
            .map(|(attempt, at)| {
                view! {
                    <li>
                        <a href=format!(
                            "/attempts/{attempt}/results",
                        )>{format!("Results of {}", format_uk_datetime(at))}</a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <h2>"Your finished attempts"</h2>
            <ul>{rows}</ul>
        }
    });
    view! {
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <span class="nhsuk-caption-l">"Module"</span>
                <h1>{module.title}</h1>
                <div class="nhsuk-lede-text" inner_html=module.summary_html></div>
                <dl class="nhsuk-summary-list">
                    <div class="nhsuk-summary-list__row">
                        <dt class="nhsuk-summary-list__key">"For"</dt>
                        <dd class="nhsuk-summary-list__value">{module.audience}</dd>
                    </div>
                    <div class="nhsuk-summary-list__row">
                        <dt class="nhsuk-summary-list__key">"Time"</dt>
                        <dd class="nhsuk-summary-list__value">
                            {format!("About {} minutes", module.minutes)}
                        </dd>
                    </div>
                    <div class="nhsuk-summary-list__row">
                        <dt class="nhsuk-summary-list__key">"Version"</dt>
                        <dd class="nhsuk-summary-list__value">{module.version_number}</dd>
                    </div>
                </dl>
                <h2>"What you will be able to do"</h2>
                <ul>{outcomes}</ul>
                <h2>"Themes"</h2>
                <p>
                    "The themes of the systematic review of GPs' benzodiazepine prescribing that this module addresses:"
                </p>
                <ul>{themes}</ul>
                {action}
                {past}
            </div>
        </div>
    }
}
