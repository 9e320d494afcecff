//! `/reminders/<token>`: where the link in every follow-up email leads. Without signing in, it says
//! whether those emails are on and offers one button to turn them off (or back on). Opening the
//! link changes nothing, so a mail scanner that follows it cannot unsubscribe anyone; mail clients
//! that offer their own unsubscribe button post to the one-click address the email's
//! `List-Unsubscribe` header names (RFC 8058).

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::account::set_reminders_by_link::SetRemindersByLink;
use crate::api::account::view_reminders_by_link::view_reminders_by_link;
use crate::components::forms::SubmitButton;
use crate::pages::outcome::page_or_problem;

#[component]
pub fn RemindersByLinkPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let state = Resource::new(token, view_reminders_by_link);
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let token = token();
                page_or_problem(
                    state.await,
                    move |on| view! { <Reminders token=token.clone() on /> }.into_any(),
                )
            })}
        </Suspense>
    }
}

#[component]
fn Reminders(token: String, on: bool) -> impl IntoView {
    let (title, said, button) = if on {
        (
            "Follow-up emails are on",
            "We email you when a booster or a follow-up on your changes is due, and once more a week later if it is still waiting.",
            "Turn follow-up emails off",
        )
    } else {
        (
            "Follow-up emails are off",
            "We will not email you about boosters or follow-ups. They still appear on My learning when they are due.",
            "Turn follow-up emails back on",
        )
    };
    view! {
        <Title text=title />
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <h1>{title}</h1>
                <p>{said}</p>
                <form method="post" action=SetRemindersByLink::PATH>
                    <input type="hidden" name="token" value=token />
                    <input type="hidden" name="on" value=(!on).to_string() />
                    <SubmitButton text=button />
                </form>
                <p>"You can also change this in your account when you are signed in."</p>
            </div>
        </div>
    }
}
