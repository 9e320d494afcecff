//! `/confirm-email?token=…`: confirm a new account's address with the emailed link (opening the
//! page changes nothing; its button does). An expired, used or unknown link says so; without a
//! token (or with `?sent`) the page offers, or confirms, a new link.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::account::confirm_email::ConfirmEmail;
use crate::api::account::resend_confirmation::ResendConfirmation;
use crate::api::account::view_confirmation_link::{LinkState, view_confirmation_link};
use crate::components::form_page::FormPage;
use crate::components::forms::{SubmitButton, TextField, message, value_or};
use crate::error::AppError;
use crate::pages::loaded::loaded_with_messages;

#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let (token, sent) =
        use_query_map().with_untracked(|q| (q.get("token").unwrap_or_default(), q.get("sent").is_some()));
    if sent {
        return view! { <NewLinkSent /> }.into_any();
    }
    let state = Resource::new(
        {
            let token = token.clone();
            move || token.clone()
        },
        view_confirmation_link,
    );
    loaded_with_messages(state, move |state, messages| {
        let confirm_error = messages.error_for::<ConfirmEmail>();
        let resend_error = messages.error_for::<ResendConfirmation>();
        match (token.is_empty(), state) {
            (false, LinkState::Open) => view! { <Confirm token=token.clone() error=confirm_error /> }.into_any(),
            (false, LinkState::Used) => view! {
                <Title text="Your address is confirmed" />
                <h1>"Your address is confirmed"</h1>
                <p>
                    "This link has been used already. " <a href="/sign-in">"Sign in"</a> " to start learning."
                </p>
            }
            .into_any(),
            (false, LinkState::Expired) => view! {
                <NewLink
                    heading="This link has expired"
                    lede="Confirmation links work for 24 hours. Enter your email address and we will send you a new one."
                    error=resend_error
                />
            }
            .into_any(),
            _ => view! {
                <NewLink
                    heading="Get a new confirmation link"
                    lede="Enter the email address you registered with and we will send you a new link to confirm it."
                    error=resend_error
                />
            }
            .into_any(),
        }
    })
    .into_any()
}

#[component]
fn Confirm(token: String, error: Option<AppError>) -> impl IntoView {
    view! {
        <FormPage title="Confirm your email address".into() error=error>
            <h1>"Confirm your email address"</h1>
            <p>"Confirm that this address is yours to finish creating your account and start the modules."</p>
            <form method="post" action=ConfirmEmail::PATH novalidate>
                <input type="hidden" name="token" value=token />
                <SubmitButton text="Confirm my email address" />
            </form>
        </FormPage>
    }
}

#[component]
fn NewLink(heading: &'static str, lede: &'static str, error: Option<AppError>) -> impl IntoView {
    view! {
        <FormPage title=heading.into() error=error.clone()>
            <h1>{heading}</h1>
            <p>{lede}</p>
            <form method="post" action=ResendConfirmation::PATH novalidate>
                <TextField
                    name="email"
                    label="Email address"
                    input_type="email"
                    autocomplete="email"
                    value=value_or(&error, "email", "")
                    error=message(&error, "email")
                />
                <SubmitButton text="Send a new link" />
            </form>
        </FormPage>
    }
}

#[component]
fn NewLinkSent() -> impl IntoView {
    view! {
        <Title text="Check your email" />
        <h1>"Check your email"</h1>
        <p>
            "If an account is waiting for that address to be confirmed, we have sent it a new link. \
             It works once, for 24 hours."
        </p>
        <p>"Already confirmed? " <a href="/sign-in">"Sign in"</a> "."</p>
    }
}
