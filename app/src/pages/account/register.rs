//! `/register`: a GP or GP trainee creates their own learner account.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::account::register::Register;
use crate::api::account::view_registration_form::view_registration_form;
use crate::components::form_page::FormPage;
use crate::components::forms::{SubmitButton, TextField, message, value_or};
use crate::components::learner_fields::{GmcNumberField, PracticeAndStageFields};
use crate::pages::loaded::loaded_with_messages;

#[component]
pub fn RegisterPage() -> impl IntoView {
    let organisations = Resource::new(|| (), |_| view_registration_form());
    loaded_with_messages(organisations, move |organisations, messages| {
        let error = messages.error_for::<Register>();
        view! {
            <FormPage title="Create an account".into() error=error.clone()>
                <h1>"Create an account"</h1>
                <p>
                    "Create a learner account to take Casebook's modules. Trainers, deanery leads and \
                     administrators are invited by an administrator."
                </p>
                <form method="post" action=Register::PATH novalidate>
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
                    <PracticeAndStageFields
                        error=error.clone()
                        practices=organisations.practice_choices()
                        practice=""
                        stage=""
                    />
                    <SubmitButton text="Create account" />
                </form>
                <p>"Already have an account? " <a href="/sign-in">"Sign in"</a></p>
            </FormPage>
        }
        .into_any()
    })
}
