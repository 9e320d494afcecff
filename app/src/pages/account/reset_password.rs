//! `/reset-password?token=…`: choose a new password with the link from a reset email.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::account::reset_link_is_open::reset_link_is_open;
use crate::api::account::reset_password::ResetPassword;
use crate::components::form_page::FormPage;
use crate::components::forms::{SubmitButton, TextField, message};
use crate::pages::loaded::loaded_with_messages;

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let token = use_query_map().with_untracked(|q| q.get("token")).unwrap_or_default();
    let open = Resource::new(
        {
            let token = token.clone();
            move || token.clone()
        },
        reset_link_is_open,
    );
    loaded_with_messages(open, move |open, messages| {
        let error = messages.error_for::<ResetPassword>();
        if !open {
            return view! {
                <Title text="This link has expired" />
                <h1>"This link has expired or been used"</h1>
                <p>
                    "Reset links work once, for one hour. "
                    <a href="/forgot-password">"Ask for a new link"</a> "."
                </p>
            }
            .into_any();
        }
        let token = token.clone();
        view! {
            <FormPage title="Choose a new password".into() error=error.clone()>
                <h1>"Choose a new password"</h1>
                <form method="post" action=ResetPassword::PATH novalidate>
                    <input type="hidden" name="token" value=token.clone() />
                    <TextField
                        name="new_password"
                        label="New password"
                        input_type="password"
                        autocomplete="new-password"
                        hint="At least 12 characters. A few unrelated words make a strong password you can remember."
                        error=message(&error, "new_password")
                    />
                    <SubmitButton text="Save new password" />
                </form>
            </FormPage>
        }
                                .into_any()
    })
}
