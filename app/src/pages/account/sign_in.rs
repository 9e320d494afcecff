//! `/sign-in`: email address and password.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

use crate::api::account::sign_in::SignIn;
use crate::api::account::take_page_messages::take_page_messages;
use crate::components::form_page::FormPage;
use crate::components::forms::{SubmitButton, TextField, message, value_or};

#[component]
pub fn SignInPage() -> impl IntoView {
    let next = use_query_map().with_untracked(|q| q.get("next")).unwrap_or_default();
    let messages = Resource::new(|| (), |_| take_page_messages());
    view! {
        <Suspense>
            {move || {
                let next = next.clone();
                Suspend::new(async move {
                    let messages = messages.await.unwrap_or_default();
                    let error = messages.error_for::<SignIn>();
                    view! {
                        <FormPage title="Sign in".into() error=error.clone() notice=messages.notice>
                            <h1>"Sign in"</h1>
                            <form method="post" action=SignIn::PATH novalidate>
                                <input type="hidden" name="next" value=next />
                                <TextField
                                    name="email"
                                    label="Email address"
                                    input_type="email"
                                    autocomplete="email"
                                    value=value_or(&error, "email", "")
                                    error=message(&error, "email")
                                />
                                <TextField
                                    name="password"
                                    label="Password"
                                    input_type="password"
                                    autocomplete="current-password"
                                    error=message(&error, "password")
                                />
                                <SubmitButton text="Sign in" />
                            </form>
                            <p>
                                <a href="/forgot-password">"Forgotten your password?"</a>
                            </p>
                            <p>"New to Casebook? " <a href="/register">"Create an account"</a></p>
                        </FormPage>
                    }
                })
            }}
        </Suspense>
    }
}
