//! `/register`: a GP or GP trainee creates their own learner account, then confirms their address
//! by the emailed link. First they find their practice (`?practice_search=`, then `?practice=`),
//! then fill in their details. `?sent` is the page after the form, the same whether or not the
//! address was new; `?next` is where the confirmation link leads.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::account::register::Register;
use crate::api::account::view_registration_form::view_registration_form;
use crate::components::form_page::FormPage;
use crate::components::forms::{SubmitButton, TextField, message, value_or};
use crate::components::learner_fields::{CareerStageField, GmcNumberField};
use crate::components::practice_chooser::{ChosenPractice, PracticeSearch};
use crate::domain::organisation::PracticeChoice;
use crate::error::AppError;
use crate::pages::loaded::loaded_with_messages;

#[component]
pub fn RegisterPage() -> impl IntoView {
    let query = use_query_map();
    let (sent, next) = query.with_untracked(|q| (q.get("sent").is_some(), q.get("next").unwrap_or_default()));
    if sent {
        return view! { <CheckYourEmail /> }.into_any();
    }
    let wanted = move || query.with(|q| (q.get("practice_search"), q.get("practice")));
    let choice = Resource::new(wanted, |(search, practice)| view_registration_form(search, practice));
    loaded_with_messages(choice, move |choice, messages| {
        let error = messages.error_for::<Register>();
        let next = value_or(&error, "next", &next);
        let keep: Vec<(String, String)> =
            (!next.is_empty()).then(|| ("next".to_owned(), next.clone())).into_iter().collect();
        view! {
            <FormPage title="Create an account".into() error=error.clone()>
                <h1>"Create an account"</h1>
                <p>
                    "Create a learner account to take Casebook's modules. Trainers, deanery leads and \
                     administrators are invited by an administrator."
                </p>
                <Steps choice keep error />
                <p>"Already have an account? " <a href="/sign-in">"Sign in"</a></p>
            </FormPage>
        }
        .into_any()
    })
    .into_any()
}

/// Step 1, finding the practice; then step 2, the details, with the practice chosen.
#[component]
fn Steps(choice: PracticeChoice, keep: Vec<(String, String)>, error: Option<AppError>) -> impl IntoView {
    let Some(practice) = choice.chosen.clone().filter(|_| !choice.searching()) else {
        return view! { <PracticeSearch choice path="/register" keep heading="Step 1 of 2: your practice" /> }
            .into_any();
    };
    let next = keep.first().map(|(_, next)| next.clone());
    view! {
        <h2>"Step 2 of 2: your details"</h2>
        <form method="post" action=Register::PATH novalidate>
            {next.map(|next| view! { <input type="hidden" name="next" value=next /> })}
            <ChosenPractice
                practice
                path="/register"
                keep=keep
                label="Your practice"
                error=message(&error, "practice")
            />
            <TextField
                name="full_name"
                label="Full name"
                autocomplete="name"
                hint="As you would like it on your certificates, for example Dr Sam Okafor"
                value=value_or(&error, "full_name", "")
                error=message(&error, "full_name")
            />
            <TextField
                name="email"
                label="Email address"
                input_type="email"
                autocomplete="email"
                hint="You will use this to sign in"
                value=value_or(&error, "email", "")
                error=message(&error, "email")
            />
            <TextField
                name="password"
                label="Create a password"
                input_type="password"
                autocomplete="new-password"
                hint="At least 12 characters. A few unrelated words make a strong password you can remember."
                error=message(&error, "password")
            />
            <GmcNumberField error=error.clone() current="" />
            <CareerStageField error=error.clone() stage="" />
            <SubmitButton text="Create account" />
        </form>
    }
    .into_any()
}

/// After the form: what happens next, whether or not the address was new (the owner of a
/// registered address is emailed instead, so this page reveals nothing).
#[component]
fn CheckYourEmail() -> impl IntoView {
    view! {
        <Title text="Check your email" />
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <h1>"Check your email"</h1>
                <p>
                    "We have sent an email to the address you gave. Open the link in it within 24 hours \
                     to confirm your address; then you can start the modules."
                </p>
                <p>
                    "If that address already has a Casebook account, the email says so instead and tells \
                     you how to sign in."
                </p>
                <p>
                    "No email? Check your spam folder, or " <a href="/confirm-email">"ask for a new link"</a>
                    "."
                </p>
            </div>
        </div>
    }
}
