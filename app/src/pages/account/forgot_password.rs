//! `/forgot-password`: ask for a reset link by email. The confirmation is the same whether or not
//! the address has an account.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::account::request_password_reset::RequestPasswordReset;
use crate::api::account::take_page_messages::take_page_messages;
use crate::components::form_page::FormPage;
use crate::components::forms::{SubmitButton, TextField, message, value_or};

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let sent = use_query_map().with_untracked(|q| q.get("sent").is_some());
    let messages = Resource::new(|| (), |_| take_page_messages());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let messages = messages.await.unwrap_or_default();
                if sent {
                    return view! {
                        <Title text="Check your email" />
                        <h1>"Check your email"</h1>
                        <p>
                            "If an account uses that address, we have sent it a link to reset the password. \
                             The link works once, for one hour."
                        </p>
                        <p>
                            "No email? Check your spam folder, or " <a href="/forgot-password">"ask again"</a>
                            "."
                        </p>
                    }
                        .into_any();
                }
                let error = messages.error_for::<RequestPasswordReset>();
                view! {
                    <FormPage title="Reset your password".into() error=error.clone()>
                        <h1>"Reset your password"</h1>
                        <p>
                            "Enter the email address you sign in with and we will send you a link to choose a new password."
                        </p>
                        <form method="post" action=RequestPasswordReset::PATH novalidate>
                            <TextField
                                name="email"
                                label="Email address"
                                input_type="email"
                                autocomplete="email"
                                value=value_or(&error, "email", "")
                                error=message(&error, "email")
                            />
                            <SubmitButton text="Send reset link" />
                        </form>
                    </FormPage>
                }
                    .into_any()
            })}
        </Suspense>
    }
}
