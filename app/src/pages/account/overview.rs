//! `/account`: a person's own details, password, personal data download, and who can see their
//! learning records.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::account::change_password::ChangePassword;
use crate::api::account::set_reminders::SetReminders;
use crate::api::account::update_profile::UpdateProfile;
use crate::api::account::view_account::{AccountView, view_account};
use crate::components::form_page::FormPage;
use crate::components::forms::{SubmitButton, TextField, message, value_or};
use crate::components::learner_fields::{CareerStageField, GmcNumberField};
use crate::components::practice_chooser::{ChosenPractice, PracticeSearch};
use crate::components::summary_list::SummaryList;
use crate::domain::role::Role;
use crate::error::AppError;
use crate::pages::loaded::loaded_with_messages;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AccountPage() -> impl IntoView {
    let query = use_query_map();
    let wanted = move || query.with(|q| (q.get("practice_search"), q.get("practice")));
    let account = Resource::new(wanted, |(search, practice)| view_account(search, practice));
    loaded_with_messages(account, move |account, messages| {
        let profile_error = messages.error_for::<UpdateProfile>();
        let password_error = messages.error_for::<ChangePassword>();
        let summary_error = profile_error.clone().or_else(|| password_error.clone());
        view! {
            <FormPage title="Your account".into() error=summary_error notice=messages.notice>
                <h1>"Your account"</h1>
                {(!account.profile.email_confirmed)
                    .then(|| {
                        view! {
                            <div class="nhsuk-warning-callout">
                                <h2 class="nhsuk-warning-callout__label">
                                    <span role="text">
                                        <span class="nhsuk-u-visually-hidden">"Important: "</span>
                                        "Confirm your email address"
                                    </span>
                                </h2>
                                <p>
                                    "Open the link we emailed you to confirm your address before you start a module. "
                                    <a href="/confirm-email">"Get a new link"</a> "."
                                </p>
                            </div>
                        }
                    })}
                <Summary account=account.clone() />
                <ProfileForm account=account.clone() error=profile_error />
                <PasswordForm error=password_error />
                <FollowUpEmails on=account.reminders_on />
                <h2>"Your data"</h2>
                <p>
                    <a href="/account/my-data" download="casebook-my-data.json">
                        "Download everything Casebook holds about you"
                    </a>
                    " (a JSON file)."
                </p>
                <WhoCanSee account />
            </FormPage>
        }
        .into_any()
    })
}

#[component]
fn Summary(account: AccountView) -> impl IntoView {
    let profile = account.profile;
    let roles = profile
        .grants
        .iter()
        .map(|grant| match grant.region.and_then(|r| account.regions.iter().find(|region| region.id == r)) {
            Some(region) => format!("{} for {}", grant.role.label(), region.name),
            None => grant.role.label().to_owned(),
        })
        .collect::<Vec<_>>()
        .join(", ");
    let practice = account.practice.map(|p| p.label()).unwrap_or_else(|| "Not given".into());
    let rows = [
        ("Email address", profile.email),
        ("Roles", roles),
        ("Practice", practice),
        ("GMC number", profile.gmc_number.unwrap_or_else(|| "Not given".into())),
    ];
    view! { <SummaryList rows=rows.into_iter().collect() /> }
}

#[component]
fn ProfileForm(account: AccountView, error: Option<AppError>) -> impl IntoView {
    let profile = account.profile;
    let learner = profile.grants.iter().any(|g| g.role == Role::Learner);
    let stage = profile.career_stage.map(|s| s.code().to_owned()).unwrap_or_default();
    let choice = account.practice_choice;
    if learner && choice.searching() {
        return view! {
            <PracticeSearch
                choice
                path="/account"
                keep=Vec::new()
                heading="Your details: choose your practice"
            />
        }
        .into_any();
    }
    let learner_fields = learner.then(|| {
        view! {
            {choice
                .chosen
                .map(|practice| {
                    view! {
                        <ChosenPractice
                            practice
                            path="/account"
                            keep=Vec::new()
                            label="Your practice"
                            error=message(&error, "practice")
                        />
                    }
                })}
            <CareerStageField error=error.clone() stage=stage />
        }
    });
    view! {
        <h2>"Your details"</h2>
        <form method="post" action=UpdateProfile::PATH novalidate>
            <TextField
                name="full_name"
                label="Full name"
                autocomplete="name"
                hint="As you would like it on your certificates"
                value=value_or(&error, "full_name", &profile.name)
                error=message(&error, "full_name")
            />
            <GmcNumberField error=error.clone() current=profile.gmc_number.clone().unwrap_or_default() />
            {learner_fields}
            <SubmitButton text="Save details" />
        </form>
    }
    .into_any()
}

/// Follow-up emails: on or off, and the button that changes it.
#[component]
fn FollowUpEmails(on: bool) -> impl IntoView {
    let (state, button) = if on {
        (
            "on: we email you when a booster or follow-up is due, and once more a week later if it is still waiting.",
            "Turn follow-up emails off",
        )
    } else {
        (
            "off. Boosters and follow-ups still appear on My learning when they are due.",
            "Turn follow-up emails on",
        )
    };
    view! {
        <h2 id="follow-up-emails">"Follow-up emails"</h2>
        <p>{format!("Follow-up emails are {state}")}</p>
        <form method="post" action=SetReminders::PATH>
            <input type="hidden" name="on" value=(!on).to_string() />
            <SubmitButton text=button secondary=true />
        </form>
    }
}

#[component]
fn PasswordForm(error: Option<AppError>) -> impl IntoView {
    view! {
        <h2>"Change your password"</h2>
        <p>"Changing your password signs you out everywhere else."</p>
        <form method="post" action=ChangePassword::PATH novalidate>
            <TextField
                name="current_password"
                label="Current password"
                input_type="password"
                autocomplete="current-password"
                error=message(&error, "current_password")
            />
            <TextField
                name="new_password"
                label="New password"
                input_type="password"
                autocomplete="new-password"
                hint="At least 12 characters. A few unrelated words make a strong password you can remember."
                error=message(&error, "new_password")
            />
            <SubmitButton text="Change password" secondary=true />
        </form>
    }
}

#[component]
fn WhoCanSee(account: AccountView) -> impl IntoView {
    let leads = if account.leads.is_empty() {
        view! { <li>"Your region has no deanery lead on Casebook at the moment."</li> }.into_any()
    } else {
        account
            .leads
            .into_iter()
            .map(|lead| view! { <li>{lead.name} ", deanery lead for " {lead.region}</li> })
            .collect_view()
            .into_any()
    };
    view! {
        <h2>"Who can see your learning records"</h2>
        <p>"Your answers, scores and reflections are yours. Others see them only as follows."</p>
        <ul>
            <li>
                "Deanery leads see figures for groups of learners in their region, never yours alone, \
                and numbers too small to hide who is who are suppressed. Your region's leads:"
                <ul>{leads}</ul>
            </li>
            <li>
                "Trainers see how each question and decision performs across all learners, never who answered."
            </li>
            <li>"Casebook administrators can see your account details, to support you."</li>
            <li>"Your reflections are never shown to anyone unless you export them yourself."</li>
        </ul>
    }
}
