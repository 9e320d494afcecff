//! `/admin/organisations`: the regions, how many practices each has, and forms to add regions and
//! practices (admins only). Each region and practice has its own page for renaming and retiring.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::account::take_page_messages::PageMessages;
use crate::api::admin::create_practice::CreatePractice;
use crate::api::admin::create_region::CreateRegion;
use crate::api::admin::view_organisations::view_organisations;
use crate::components::form_page::FormPage;
use crate::components::forms::{SelectField, SubmitButton, TextField, message, value_or};
use crate::components::table::Table;
use crate::domain::organisation::Organisations;
use crate::pages::loaded::loaded_with_messages;

#[component]
pub fn OrganisationsPage() -> impl IntoView {
    let organisations = Resource::new(|| (), |_| view_organisations());
    loaded_with_messages(organisations, move |organisations, messages| {
        let error = messages.error_for::<CreateRegion>().or_else(|| messages.error_for::<CreatePractice>());
        view! {
            <FormPage title="Organisations".into() error notice=messages.notice.clone()>
                <h1>"Organisations"</h1>
                <p>
                    "Regions (deaneries, NHS England regions or training hubs) and their general practices. \
                     Retired ones stay, because learning records point at them."
                </p>
                <p>
                    <a href="/admin/organisations/ods">"Import practices from NHS ODS"</a>
                    " (the GP practice file), each to its commissioner's region."
                </p>
                <RegionTable organisations=organisations.clone() />
                <AddRegion messages=messages.clone() />
                <AddPractice organisations messages=messages.clone() />
            </FormPage>
        }
        .into_any()
    })
}

#[component]
fn RegionTable(organisations: Organisations) -> impl IntoView {
    let rows = organisations
        .regions
        .iter()
        .map(|region| {
            let practices = organisations.practices_in(region.id).filter(|p| !p.retired).count();
            view! {
                <tr class="nhsuk-table__row">
                    <td class="nhsuk-table__cell">
                        <a href=format!(
                            "/admin/organisations/regions/{}",
                            region.id,
                        )>{region.name.clone()}</a>
                    </td>
                    <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{practices}</td>
                    <td class="nhsuk-table__cell">{if region.retired { "Retired" } else { "Open" }}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Table caption="Regions" headers=vec![("Region", false), ("Open practices", true), ("Status", false)]>
            {rows}
        </Table>
    }
}

#[component]
fn AddRegion(messages: PageMessages) -> impl IntoView {
    let error = messages.error_for::<CreateRegion>();
    view! {
        <h2>"Add a region"</h2>
        <form method="post" action=CreateRegion::PATH novalidate>
            <TextField
                name="name"
                label="Region name"
                value=value_or(&error, "name", "")
                error=message(&error, "name")
            />
            <SubmitButton text="Add region" />
        </form>
    }
}

#[component]
fn AddPractice(organisations: Organisations, messages: PageMessages) -> impl IntoView {
    let error = messages.error_for::<CreatePractice>();
    view! {
        <h2>"Add a practice"</h2>
        <form method="post" action=CreatePractice::PATH novalidate>
            <SelectField
                name="region"
                label="Region"
                placeholder="Choose a region"
                choices=organisations.region_choices()
                selected=value_or(&error, "region", "")
                error=message(&error, "region")
            />
            <TextField
                name="ods_code"
                label="ODS code"
                hint="One letter and five digits, like A81001"
                width="nhsuk-input--width-10"
                value=value_or(&error, "ods_code", "")
                error=message(&error, "ods_code")
            />
            <TextField
                name="practice_name"
                label="Practice name"
                value=value_or(&error, "practice_name", "")
                error=message(&error, "practice_name")
            />
            <SubmitButton text="Add practice" />
        </form>
    }
}
