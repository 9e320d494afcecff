//! `/reminders/off/<token>` and `/reminders/on/<token>`: the link in every follow-up email that
//! turns those emails off in one click, without signing in, and the way back on. The token names
//! the person and does nothing else.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::account::set_reminders_by_link::{SetRemindersByLink, set_reminders_by_link};
use crate::components::forms::SubmitButton;
use crate::pages::outcome::page_or_problem;

#[component]
pub fn RemindersByLinkPage() -> impl IntoView {
    let params = use_params_map();
    // Any state but "on" or "off" is not an address here: an empty token is refused as not found.
    let wanted = move || {
        params.with(|p| match p.get("state").as_deref() {
            Some(state @ ("on" | "off")) => (p.get("token").unwrap_or_default(), state == "on"),
            _ => (String::new(), false),
        })
    };
    let changed = Resource::new(wanted, |(token, on)| set_reminders_by_link(token, on));
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let (token, _) = wanted();
                page_or_problem(
                    changed.await,
                    move |on| view! { <Changed token=token.clone() on /> }.into_any(),
                )
            })}
        </Suspense>
    }
}

#[component]
fn Changed(token: String, on: bool) -> impl IntoView {
    let (title, said, button) = if on {
        (
            "Follow-up emails are on",
            "We will email you when a booster or follow-up is due, and once more a week later if it is still waiting.",
            "Turn them off",
        )
    } else {
        (
            "Follow-up emails are off",
            "We will not email you about boosters or follow-ups. They still appear on My learning when they are due.",
            "Turn them back on",
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
                    <SubmitButton text=button secondary=true />
                </form>
                <p>"You can also change this in your account when you are signed in."</p>
            </div>
        </div>
    }
}
