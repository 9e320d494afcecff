//! `/admin/organisations/regions/{id}` and `/admin/organisations/practices/{id}`: rename, retire or
//! reinstate one region or practice (admins only); a region's page lists its practices.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

use crate::api::account::take_page_messages::PageMessages;
use crate::api::admin::rename_organisation::RenameOrganisation;
use crate::api::admin::set_organisation_retired::SetOrganisationRetired;
use crate::api::admin::view_organisations::view_organisations;
use crate::components::form_page::FormPage;
use crate::components::forms::{SubmitButton, TextField, message, value_or};
use crate::components::table::Table;
use crate::domain::ids::{PracticeId, RegionId};
use crate::domain::organisation::Organisations;
use crate::error::AppError;
use crate::pages::loaded::loaded_with_messages;
use crate::pages::outcome::page_or_problem;

/// What a region's or practice's page shows: the organisation, anything more (a region's
/// practices), and the way back.
struct Found {
    shown: Shown,
    extra: AnyView,
    back: AnyView,
}

/// One region or practice, as its page shows it.
struct Shown {
    kind: &'static str,
    id: String,
    name: String,
    caption: String,
    retired: bool,
}

#[component]
pub fn RegionPage() -> impl IntoView {
    view! {
        <OrganisationPage find=|all, id| {
            let region = all.region(RegionId(id))?;
            let shown = Shown {
                kind: "region",
                id: id.to_string(),
                name: region.name.clone(),
                caption: "Region".into(),
                retired: region.retired,
            };
            let practices = view! { <PracticeTable organisations=all.clone() region=region.id /> }.into_any();
            let back = view! {
                <p>
                    <a href="/admin/organisations">"Back to organisations"</a>
                </p>
            }
                .into_any();
            Some(Found {
                shown,
                extra: practices,
                back,
            })
        } />
    }
}

#[component]
pub fn PracticePage() -> impl IntoView {
    view! {
        <OrganisationPage find=|all, id| {
            let practice = all.practice(PracticeId(id))?;
            let region = all.region(practice.region_id)?;
            let shown = Shown {
                kind: "practice",
                id: id.to_string(),
                name: practice.name.clone(),
                caption: format!("Practice {} in {}", practice.ods_code, region.name),
                retired: practice.retired,
            };
            let back = view! {
                <p>
                    <a href=format!(
                        "/admin/organisations/regions/{}",
                        region.id,
                    )>{format!("Back to {}", region.name)}</a>
                </p>
            }
                .into_any();
            Some(Found {
                shown,
                extra: ().into_any(),
                back,
            })
        } />
    }
}

/// The page of the organisation `find` picks out of all of them by the id in the address.
#[component]
fn OrganisationPage(find: fn(&Organisations, i64) -> Option<Found>) -> impl IntoView {
    let id: Option<i64> = use_params_map().with_untracked(|p| p.get("id")).and_then(|id| id.parse().ok());
    let organisations = Resource::new(|| (), |_| view_organisations());
    loaded_with_messages(organisations, move |all, messages| {
        let found = id.and_then(|id| find(&all, id)).ok_or(AppError::NotFound);
        page_or_problem(found, |Found { shown, extra, back }| {
            view! {
                <Editor shown messages />
                {extra}
                {back}
            }
            .into_any()
        })
    })
}

#[component]
fn Editor(shown: Shown, messages: PageMessages) -> impl IntoView {
    let error = messages.error_for::<RenameOrganisation>();
    let (status, label, next) = if shown.retired {
        (
            format!(
                "This {} is retired: it is kept for existing records, and cannot be chosen for new ones.",
                shown.kind
            ),
            format!("Reinstate {}", shown.kind),
            "false",
        )
    } else {
        (format!("This {} is open.", shown.kind), format!("Retire {}", shown.kind), "true")
    };
    view! {
        <FormPage title=shown.name.clone() error=error.clone() notice=messages.notice>
            <span class="nhsuk-caption-l">{shown.caption}</span>
            <h1>{shown.name.clone()}</h1>
            <form method="post" action=RenameOrganisation::PATH novalidate>
                <input type="hidden" name="kind" value=shown.kind />
                <input type="hidden" name="id" value=shown.id.clone() />
                <TextField
                    name="name"
                    label="Name"
                    value=value_or(&error, "name", &shown.name)
                    error=message(&error, "name")
                />
                <SubmitButton text="Save name" secondary=true />
            </form>
            <h2>"Status"</h2>
            <p>{status}</p>
            <form method="post" action=SetOrganisationRetired::PATH>
                <input type="hidden" name="kind" value=shown.kind />
                <input type="hidden" name="id" value=shown.id />
                <input type="hidden" name="retired" value=next />
                <button class="nhsuk-button nhsuk-button--secondary" type="submit">
                    {label}
                </button>
            </form>
        </FormPage>
    }
}

#[component]
fn PracticeTable(organisations: Organisations, region: RegionId) -> impl IntoView {
    let rows = organisations
        .practices_in(region)
        .map(|practice| {
            view! {
                <tr class="nhsuk-table__row">
                    <td class="nhsuk-table__cell">{practice.ods_code.clone()}</td>
                    <td class="nhsuk-table__cell">
                        <a href=format!(
                            "/admin/organisations/practices/{}",
                            practice.id,
                        )>{practice.name.clone()}</a>
                    </td>
                    <td class="nhsuk-table__cell">{if practice.retired { "Retired" } else { "Open" }}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Table caption="Practices" headers=vec![("ODS code", false), ("Name", false), ("Status", false)]>
            {rows}
        </Table>
    }
}
