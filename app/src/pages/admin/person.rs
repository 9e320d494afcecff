//! `/admin/people/{id}`: one person's details, roles and account status (admins only).

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

use crate::api::admin::change_roles::ChangeRoles;
use crate::api::admin::set_account_active::SetAccountActive;
use crate::api::admin::view_person::{PersonDetail, view_person};
use crate::components::form_page::FormPage;
use crate::components::forms::{RoleCheckboxes, SelectField, SubmitButton, message};
use crate::domain::ids::PersonId;
use crate::domain::role::Role;
use crate::error::AppError;
use crate::pages::loaded::loaded_with_messages;
use crate::pages::outcome::problem;

#[component]
pub fn PersonPage() -> impl IntoView {
    let id: Option<PersonId> =
        use_params_map().with_untracked(|p| p.get("id")).and_then(|id| id.parse().ok());
    let detail = Resource::new(
        move || id,
        |id| async move {
            match id {
                Some(id) => view_person(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    loaded_with_messages(detail, move |detail, messages| {
        let roles_error = messages.error_for::<ChangeRoles>();
        let status_error = messages.error_for::<SetAccountActive>();
        let error = roles_error.clone().or(status_error);
        if let Some(error @ (AppError::Forbidden | AppError::NotFound)) = &error {
            return problem(error.clone());
        }
        let title = detail.profile.name.clone();
        view! {
            <FormPage title=title.clone() error=error.clone() notice=messages.notice>
                <span class="nhsuk-caption-l">"Person"</span>
                <h1>{title}</h1>
                <p>{detail.profile.email.clone()}</p>
                <RolesForm detail=detail.clone() error=roles_error />
                <StatusForm detail />
                <p>
                    <a href="/admin/people">"Back to people"</a>
                </p>
            </FormPage>
        }
        .into_any()
    })
}

#[component]
fn RolesForm(detail: PersonDetail, error: Option<AppError>) -> impl IntoView {
    let grants = &detail.profile.grants;
    let lead_region = grants.iter().find(|g| g.role == Role::DeaneryLead).and_then(|g| g.region);
    let chosen = grants.iter().map(|g| g.role.code().to_owned()).collect::<Vec<_>>();
    let roles_message = message(&error, "learner").or_else(|| message(&error, "admin"));
    view! {
        <h2>"Roles"</h2>
        <form method="post" action=ChangeRoles::PATH novalidate>
            <input type="hidden" name="person" value=detail.profile.id.to_string() />
            <RoleCheckboxes
                legend="Roles this person holds"
                chosen
                hint="Changing roles signs the person out, so the change applies at once."
                error=roles_message
            />
            <SelectField
                name="lead_region"
                label="Region they lead (deanery leads only)"
                placeholder="No region"
                choices=detail.organisations.region_choices()
                selected=lead_region.map(|r| r.to_string()).unwrap_or_default()
                error=message(&error, "lead_region")
            />
            <SubmitButton text="Save roles" />
        </form>
    }
}

#[component]
fn StatusForm(detail: PersonDetail) -> impl IntoView {
    if detail.is_self {
        return view! {
            <h2>"Account"</h2>
            <p>"This is your own account."</p>
        }
        .into_any();
    }
    let active = detail.profile.active;
    let (status, button, next) = if active {
        ("This account is active.", "Deactivate account", "false")
    } else {
        ("This account is deactivated: the person cannot sign in.", "Reactivate account", "true")
    };
    view! {
        <h2>"Account"</h2>
        <p>{status}</p>
        <form method="post" action=SetAccountActive::PATH>
            <input type="hidden" name="person" value=detail.profile.id.to_string() />
            <input type="hidden" name="active" value=next />
            <button
                class=if active {
                    "nhsuk-button nhsuk-button--warning"
                } else {
                    "nhsuk-button nhsuk-button--secondary"
                }
                type="submit"
            >
                {button}
            </button>
        </form>
    }
    .into_any()
}
