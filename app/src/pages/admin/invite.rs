//! `/admin/people/invite`: invite someone by email. Admins choose any roles; deanery leads invite
//! learners to the practices of their own region.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::account::get_current_user::get_current_user;
use crate::api::account::take_page_messages::take_page_messages;
use crate::api::admin::invite_person::InvitePerson;
use crate::api::admin::view_invite_form::view_invite_form;
use crate::components::form_page::FormPage;
use crate::components::forms::{RoleCheckboxes, SelectField, SubmitButton, TextField, message, value_or};
use crate::pages::outcome::page_or_problem;

#[component]
pub fn InvitePage() -> impl IntoView {
    let organisations = Resource::new(|| (), |_| view_invite_form());
    let user = Resource::new(|| (), |_| get_current_user());
    let messages = Resource::new(|| (), |_| take_page_messages());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let messages = messages.await.unwrap_or_default();
                let error = messages.error_for::<InvitePerson>();
                let is_admin = user.await.ok().flatten().is_some_and(|u| u.principal.is_admin());
                page_or_problem(
                    organisations.await,
                    move |organisations| {
                        let roles = if is_admin {
                            view! {
                                <RoleCheckboxes
                                    legend="Their roles"
                                    chosen=Vec::new()
                                    error=message(&error, "learner")
                                />
                            }
                                .into_any()
                        } else {
                            view! {
                                <input type="hidden" name="learner" value="on" />
                                <p>"You can invite learners to the practices of your region."</p>
                            }
                                .into_any()
                        };
                        let region = is_admin
                            .then(|| {
                                view! {
                                    <SelectField
                                        name="region"
                                        label="Region they will lead (deanery leads only)"
                                        placeholder="No region"
                                        choices=organisations.region_choices()
                                        selected=value_or(&error, "region", "")
                                        error=message(&error, "region")
                                    />
                                }
                            });
                        view! {
                            <FormPage
                                title="Invite someone".into()
                                error=error.clone()
                                notice=messages.notice
                            >
                                <h1>"Invite someone"</h1>
                                <p>
                                    "We will email them a link to set up their account. The link works once, for 7 days."
                                </p>
                                <form method="post" action=InvitePerson::PATH novalidate>
                                    <TextField
                                        name="email"
                                        label="Their email address"
                                        input_type="email"
                                        value=value_or(&error, "email", "")
                                        error=message(&error, "email")
                                    />
                                    {roles}
                                    {region}
                                    <SelectField
                                        name="practice"
                                        label="Their practice (learners)"
                                        placeholder="Choose a practice"
                                        choices=organisations.practice_choices()
                                        selected=value_or(&error, "practice", "")
                                        error=message(&error, "practice")
                                    />
                                    <SubmitButton text="Send invitation" />
                                </form>
                            </FormPage>
                        }
                            .into_any()
                    },
                )
            })}
        </Suspense>
    }
}
