//! `/admin/modules`: every module version, with its status and a download of its module file, and a
//! form to import a module file as a new draft (admins only).

use leptos::prelude::*;

use crate::api::admin::import_module::ImportModule;
use crate::api::admin::list_module_versions::list_module_versions;
use crate::components::form_page::FormPage;
use crate::components::module_import::ImportForm;
use crate::components::table::Table;
use crate::domain::curriculum::module::VersionSummary;
use crate::pages::loaded::loaded_with_messages;

#[component]
pub fn ModulesPage() -> impl IntoView {
    let versions = Resource::new(|| (), |_| list_module_versions());
    loaded_with_messages(versions, move |versions, messages| {
        let error = messages.error_for::<ImportModule>();
        view! {
            <FormPage title="Modules".into() error=error.clone() notice=messages.notice.clone()>
                <h1>"Modules"</h1>
                <VersionTable versions />
                <ImportForm error />
                <h2>"Learning records"</h2>
                <p>
                    "Every learning event (launched, answered, commented, completed) as xAPI 1.0.3 \
                     statements, for a learning record store. Learners appear by account number, never \
                     by email, and reflections are not included. The download is recorded in the audit log."
                </p>
                <p>
                    <a href="/admin/xapi-statements.json" download="casebook-xapi-statements.json">
                        "Download all learning records (xAPI, JSON)"
                    </a>
                </p>
            </FormPage>
        }
        .into_any()
    })
}

#[component]
fn VersionTable(versions: Vec<VersionSummary>) -> impl IntoView {
    if versions.is_empty() {
        return view! { <p>"No modules yet. Import a module file below."</p> }.into_any();
    }
    let rows = versions
        .into_iter()
        .map(|v| {
            let download = format!("/author/modules/{}/export?version={}", v.slug, v.number);
            view! {
                <tr class="nhsuk-table__row">
                    <td class="nhsuk-table__cell">
                        {v.title.clone()}<br /><span class="nhsuk-body-s">{v.slug.clone()}</span>
                    </td>
                    <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{v.number}</td>
                    <td class="nhsuk-table__cell">{v.status.label()}</td>
                    <td class="nhsuk-table__cell">
                        <a href=download download=format!("{}.toml", v.slug)>
                            "Download"
                            <span class="nhsuk-u-visually-hidden">
                                {format!(" {} version {}", v.title, v.number)}
                            </span>
                        </a>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Table
            caption="Module versions"
            headers=vec![("Module", false), ("Version", true), ("Status", false), ("Module file", false)]
        >
            {rows}
        </Table>
    }
    .into_any()
}
