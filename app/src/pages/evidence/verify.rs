//! `/verify` and `/verify/<code>`: anyone (an appraiser, a deanery) can confirm a Casebook
//! certificate from its code. The page confirms the name, the module and the date, and nothing
//! else about the learner.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::evidence::verify_certificate::verify_certificate;
use crate::components::forms::{ErrorSummary, TextField, message};
use crate::domain::evidence::certificate::Verified;
use crate::domain::time::format_uk_date;
use crate::error::AppError;

#[component]
pub fn VerifyPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let code = move || params.with(|p| p.get("code")).or_else(|| query.with(|q| q.get("code")));
    let outcome = Resource::new(code, |code| async move {
        match code {
            Some(code) => Some((code.clone(), verify_certificate(code).await)),
            None => None,
        }
    });
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match outcome.await {
                    None => view! { <Lookup error=None code=String::new() /> }.into_any(),
                    Some((_, Ok(verified))) => view! { <Confirmed verified /> }.into_any(),
                    Some((code, Err(AppError::NotFound))) => view! { <Unknown code /> }.into_any(),
                    Some((code, Err(error))) => view! { <Lookup error=Some(error) code /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Lookup(error: Option<AppError>, code: String) -> impl IntoView {
    if error.is_some() {
        crate::pages::outcome::set_status(404);
    }
    let title = if error.is_some() { "Error: Check a certificate" } else { "Check a certificate" };
    view! {
        <Title text=title />
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <ErrorSummary error=error.clone() />
                <h1>"Check a certificate"</h1>
                <p>
                    "Every Casebook certificate has a verification code. Enter it to confirm who completed which module, and when."
                </p>
                <form method="get" action="/verify" novalidate>
                    <TextField
                        name="code"
                        label="Verification code"
                        hint="12 letters and numbers, like 7K2M-Q9XD-4RTB"
                        width="nhsuk-input--width-20"
                        autocomplete="off"
                        value=code
                        error=message(&error, "code")
                    />
                    <button class="nhsuk-button" type="submit">
                        "Check certificate"
                    </button>
                </form>
            </div>
        </div>
    }
}

#[component]
fn Confirmed(verified: Verified) -> impl IntoView {
    view! {
        <Title text="Certificate confirmed" />
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <div class="nhsuk-card nhsuk-card--feature" role="status">
                    <div class="nhsuk-card__content nhsuk-card__content--feature">
                        <h1 class="nhsuk-card__heading nhsuk-card__heading--feature nhsuk-heading-l">
                            "Certificate confirmed"
                        </h1>
                        <dl class="nhsuk-summary-list nhsuk-u-margin-bottom-0">
                            <div class="nhsuk-summary-list__row">
                                <dt class="nhsuk-summary-list__key">"Name"</dt>
                                <dd class="nhsuk-summary-list__value">{verified.learner_name}</dd>
                            </div>
                            <div class="nhsuk-summary-list__row">
                                <dt class="nhsuk-summary-list__key">"Module"</dt>
                                <dd class="nhsuk-summary-list__value">{verified.module_title}</dd>
                            </div>
                            <div class="nhsuk-summary-list__row">
                                <dt class="nhsuk-summary-list__key">"Completed"</dt>
                                <dd class="nhsuk-summary-list__value">
                                    {format_uk_date(verified.completed_at)}
                                </dd>
                            </div>
                        </dl>
                    </div>
                </div>
                <p>
                    <a href="/verify">"Check another certificate"</a>
                </p>
            </div>
        </div>
    }
}

#[component]
fn Unknown(code: String) -> impl IntoView {
    crate::pages::outcome::set_status(404);
    view! {
        <Title text="No certificate has this code" />
        <h1>"No certificate has this code"</h1>
        <p>{format!("Casebook has issued no certificate with the code {code}.")}</p>
        <p>
            "Check the code against the certificate. If it is right, the certificate was not issued by this Casebook."
        </p>
        <p>
            <a href="/verify">"Check another code"</a>
        </p>
    }
}
