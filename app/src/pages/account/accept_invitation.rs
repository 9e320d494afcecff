//! `/invitations/accept?token=…`: someone invited by an admin or deanery lead sets up their account.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::account::accept_invitation::AcceptInvitation;
use crate::api::account::view_invitation::view_invitation;
use crate::components::form_page::FormPage;
use crate::components::forms::{SubmitButton, TextField, message, value_or};
use crate::components::learner_fields::{GmcNumberField, PracticeAndStageFields};
use crate::domain::role::Role;
use crate::pages::loaded::loaded_with_messages;

#[component]
pub fn AcceptInvitationPage() -> impl IntoView {
    let token = use_query_map().with_untracked(|q| q.get("token")).unwrap_or_default();
    let invitation = Resource::new(
        {
            let token = token.clone();
            move || token.clone()
        },
        view_invitation,
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
        let practice = invitation.practice.map(|p| p.to_string()).unwrap_or_default();
        let learner_fields = learner.then(|| {
            view! {
                <GmcNumberField error=error.clone() current="" />
                <PracticeAndStageFields
                    error=error.clone()
                    practices=invitation.organisations.practice_choices()
                    practice=practice
                    stage=""
                />
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
