//! `/admin/people/invite`: invite someone by email. Admins choose any roles; deanery leads invite
//! learners to the practices of their own region.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

use crate::api::account::get_current_user::get_current_user;
use crate::api::account::take_page_messages::take_page_messages;
use crate::api::admin::invite_person::InvitePerson;
use crate::api::admin::view_invite_form::view_invite_form;
use crate::components::form_page::FormPage;
use crate::components::forms::{
    ErrorMessage, RoleCheckboxes, SelectField, SubmitButton, TextField, group_class, message, value_or,
};
use crate::components::practice_chooser::{ChosenPractice, PracticeSearch};
use crate::pages::outcome::page_or_problem;

#[component]
pub fn InvitePage() -> impl IntoView {
    let query = use_query_map();
    let wanted = move || query.with(|q| (q.get("practice_search"), q.get("practice")));
    let form = Resource::new(wanted, |(search, practice)| view_invite_form(search, practice));
    let user = Resource::new(|| (), |_| get_current_user());
    let messages = Resource::new(|| (), |_| take_page_messages());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let messages = messages.await.unwrap_or_default();
                let error = messages.error_for::<InvitePerson>();
                let is_admin = user.await.ok().flatten().is_some_and(|u| u.principal.is_admin());
                page_or_problem(
                    form.await,
                    move |form| {
                        let choice = form.practice_choice;
                        if choice.search.is_some() {
                            return view! {
                                <FormPage title="Invite someone".into()>
                                    <h1>"Invite someone"</h1>
                                    <PracticeSearch
                                        choice
                                        path="/admin/people/invite"
                                        keep=Vec::new()
                                        heading="Their practice (learners)"
                                    />
                                </FormPage>
                            }
                                .into_any();
                        }
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
                                        choices=form.regions.clone()
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
                                    {match choice.chosen {
                                        Some(practice) => {
                                            view! {
                                                <ChosenPractice
                                                    practice
                                                    path="/admin/people/invite"
                                                    keep=Vec::new()
                                                    label="Their practice (learners)"
                                                    error=message(&error, "practice")
                                                />
                                            }
                                                .into_any()
                                        }
                                        None => {
                                            view! { <NoPracticeYet error=message(&error, "practice") /> }
                                                .into_any()
                                        }
                                    }}
                                    <TextField
                                        name="email"
                                        label="Their email address"
                                        input_type="email"
                                        value=value_or(&error, "email", "")
                                        error=message(&error, "email")
                                    />
                                    {roles}
                                    {region}
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

/// The invite form before a practice is chosen: learners need one, found by a search.
#[component]
fn NoPracticeYet(error: Option<String>) -> impl IntoView {
    let has_error = error.is_some();
    view! {
        <div class=group_class(has_error) id="practice">
            <p class="nhsuk-label nhsuk-u-font-weight-bold">"Their practice (learners)"</p>
            {error.map(|message| view! { <ErrorMessage id="practice-error".to_owned() message /> })}
            <p>
                "A learner is invited to a practice. "
                <a href="/admin/people/invite?practice_search=">"Find their practice"</a>
            </p>
        </div>
    }
}
