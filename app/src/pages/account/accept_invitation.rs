//! `/invitations/accept?token=…`: someone invited by an admin or deanery lead sets up their account.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::account::accept_invitation::AcceptInvitation;
use crate::api::account::view_invitation::view_invitation;
use crate::components::form_page::FormPage;
use crate::components::forms::{SubmitButton, TextField, message, value_or};
use crate::components::learner_fields::{CareerStageField, GmcNumberField};
use crate::components::practice_chooser::{ChosenPractice, PracticeSearch};
use crate::domain::role::Role;
use crate::pages::loaded::loaded_with_messages;

#[component]
pub fn AcceptInvitationPage() -> impl IntoView {
    let query = use_query_map();
    let token = query.with_untracked(|q| q.get("token")).unwrap_or_default();
    let invitation = Resource::new(
        {
            let token = token.clone();
            move || (token.clone(), query.with(|q| (q.get("practice_search"), q.get("practice"))))
        },
        |(token, (search, practice))| view_invitation(token, search, practice),
    );
    loaded_with_messages(invitation, move |invitation, messages| {
        let error = messages.error_for::<AcceptInvitation>();
        let token = token.clone();
        let Some(invitation) = invitation else {
            return view! {
                <Title text="This invitation has expired" />
                <h1>"This invitation has expired or been used"</h1>
                <p>
                    "Invitations work once, for 7 days. Ask the person who invited you to send a new one, \
                     or " <a href="/sign-in">"sign in"</a> " if you already have an account."
                </p>
            }
            .into_any();
        };
        let roles: Vec<&str> = invitation.roles.iter().map(|r| r.label()).collect();
        let learner = invitation.roles.contains(&Role::Learner);
        let keep = vec![("token".to_owned(), token.clone())];
        let choice = invitation.practice_choice;
        if learner && choice.searching() {
            return view! {
                <FormPage title="Accept your invitation".into()>
                    <h1>"Accept your invitation"</h1>
                    <PracticeSearch choice path="/invitations/accept" keep heading="Your practice" />
                </FormPage>
            }
            .into_any();
        }
        let learner_fields = learner.then(|| {
            view! {
                <GmcNumberField error=error.clone() current="" />
                {choice
                    .chosen
                    .map(|practice| {
                        view! {
                            <ChosenPractice
                                practice
                                path="/invitations/accept"
                                keep=keep.clone()
                                label="Your practice"
                                error=message(&error, "practice")
                            />
                        }
                    })}
                <CareerStageField error=error.clone() stage="" />
            }
        });
        view! {
            <FormPage title="Accept your invitation".into() error=error.clone()>
                <h1>"Accept your invitation"</h1>
                <p>
                    "You have been invited to Casebook as " {roles.join(", ")} ", with the email address "
                    <strong>{invitation.email}</strong> "."
                </p>
                <form method="post" action=AcceptInvitation::PATH novalidate>
                    <input type="hidden" name="token" value=token />
                    <TextField
                        name="full_name"
                        label="Full name"
                        autocomplete="name"
                        value=value_or(&error, "full_name", "")
                        error=message(&error, "full_name")
                    />
                    <TextField
                        name="password"
                        label="Create a password"
                        input_type="password"
                        autocomplete="new-password"
                        hint="At least 12 characters. A few unrelated words make a strong password you can remember."
                        error=message(&error, "password")
                    />
                    {learner_fields}
                    <SubmitButton text="Create account" />
                </form>
            </FormPage>
        }
                                .into_any()
    })
}
