//! `/admin/organisations/ods`: practices from NHS ODS (admins only). First each commissioner's
//! region, set once; then the GP practice file (`epraccur`), imported whole or not at all.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::admin::import_ods_practices::ImportOdsPractices;
use crate::api::admin::set_commissioner_region::SetCommissionerRegion;
use crate::api::admin::view_ods_import::{OdsImportView, view_ods_import};
use crate::components::form_page::FormPage;
use crate::components::forms::{FileField, SelectField, SubmitButton, TextField, message, value_or};
use crate::components::table::Table;
use crate::error::AppError;
use crate::pages::loaded::loaded_with_messages;

#[component]
pub fn OdsImportPage() -> impl IntoView {
    let view = Resource::new(|| (), |_| view_ods_import());
    loaded_with_messages(view, move |view, messages| {
        let mapping_error = messages.error_for::<SetCommissionerRegion>();
        let file_error = messages.error_for::<ImportOdsPractices>();
        let summary_error = file_error.clone().or_else(|| mapping_error.clone());
        view! {
            <FormPage
                title="Practices from NHS ODS".into()
                error=summary_error
                notice=messages.notice.clone()
            >
                <span class="nhsuk-caption-l">"Organisations"</span>
                <h1>"Practices from NHS ODS"</h1>
                <p>
                    "Import NHS ODS's GP practice file (epraccur.csv, from the ODS data downloads) to create and \
                     update practices. Each practice goes to the region its commissioner (its sub-ICB location) \
                     is mapped to. A practice the file marks closed is closed here too; its records stay."
                </p>
                <Commissioners view=view.clone() error=mapping_error />
                <h2>"Import the GP practice file"</h2>
                <form method="post" action=ImportOdsPractices::PATH enctype="multipart/form-data">
                    <FileField
                        label="GP practice file (epraccur.csv)"
                        hint="As ODS publishes it: no column names, 27 columns. Only GP practices (prescribing setting 4) \
                        are read. If any line has a problem, or names a commissioner with no region, nothing is \
                        imported and every problem is listed with its line."
                        accept=".csv,text/csv"
                        error=message(&file_error, "file")
                    />
                    <SubmitButton text="Import" />
                </form>
                <p>
                    <a href="/admin/organisations">"Back to organisations"</a>
                </p>
            </FormPage>
        }
        .into_any()
    })
}

/// Each commissioner's region, and the form that maps another.
#[component]
fn Commissioners(view: OdsImportView, error: Option<AppError>) -> impl IntoView {
    let rows = view
        .commissioners
        .iter()
        .map(|(code, region)| {
            view! {
                <tr class="nhsuk-table__row">
                    <td class="nhsuk-table__cell">{code.clone()}</td>
                    <td class="nhsuk-table__cell">{region.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let table = if view.commissioners.is_empty() {
        view! { <p>"No commissioner has a region yet."</p> }.into_any()
    } else {
        view! {
            <Table
                caption="Commissioners and their regions"
                headers=vec![("Commissioner", false), ("Region", false)]
            >
                {rows}
            </Table>
        }
        .into_any()
    };
    view! {
        <h2>"Commissioners and regions"</h2>
        {table}
        <form method="post" action=SetCommissionerRegion::PATH novalidate>
            <TextField
                name="commissioner"
                label="Commissioner's ODS code"
                hint="Column 15 of the file, such as 15N. Setting a code again moves its practices at the next import."
                width="nhsuk-input--width-10"
                value=value_or(&error, "commissioner", "")
                error=message(&error, "commissioner")
            />
            <SelectField
                name="region"
                label="Region"
                placeholder="Choose a region"
                choices=view.regions
                selected=value_or(&error, "region", "")
                error=message(&error, "region")
            />
            <SubmitButton text="Set region" secondary=true />
        </form>
    }
}
