//! `/author`: the authoring studio's front page. Every module with its versions and their states,
//! the versions waiting for this trainer's review, versions past their review-by date, starting a
//! new module and importing a module file.

use leptos::prelude::*;

use crate::api::admin::import_module::ImportModule;
use crate::api::authoring::view_studio::view_studio;
use crate::components::form_page::FormPage;
use crate::components::module_import::ImportForm;
use crate::components::status_tag::StatusTag;
use crate::components::table::Table;
use crate::domain::authoring::studio::{StudioModule, StudioVersion};
use crate::domain::time::format_uk_date;
use crate::pages::loaded::loaded_with_messages;

#[component]
pub fn StudioPage() -> impl IntoView {
    let studio = Resource::new(|| (), |_| view_studio());
    loaded_with_messages(studio, move |studio, messages| {
        let error = messages.error_for::<ImportModule>();
        let now = studio.now_ms;
        view! {
            <FormPage title="Authoring studio".into() error=error.clone() notice=messages.notice.clone()>
                <h1>"Authoring studio"</h1>
                <p>
                    "Write and improve modules, send them to a second trainer for clinical sign-off, \
                     publish them, and see how each question and decision performs."
                </p>
                <VersionList heading="Waiting for your review" versions=studio.awaiting_review now />
                <VersionList heading="Due for review" versions=studio.overdue now />
                <a class="nhsuk-button" href="/author/new">
                    "Start a new module"
                </a>
                <Modules modules=studio.modules now />
                <ImportForm error />
            </FormPage>
        }
        .into_any()
    })
}

/// A short list of versions that need attention; nothing when there are none.
#[component]
fn VersionList(heading: &'static str, versions: Vec<StudioVersion>, now: i64) -> impl IntoView {
    (!versions.is_empty()).then(|| {
        let items = versions
            .into_iter()
            .map(|v| {
                let due = v.overdue(now).then(|| {
                    format!(" (review was due {})", v.review_by.map(format_uk_date).unwrap_or_default())
                });
                view! {
                    <li>
                        <a href=format!(
                            "/author/versions/{}",
                            v.id,
                        )>{format!("{}, version {}", v.title, v.number)}</a>
                        {due}
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="nhsuk-warning-callout">
                <h2 class="nhsuk-warning-callout__label">{heading}</h2>
                <ul>{items}</ul>
            </div>
        }
    })
}

#[component]
fn Modules(modules: Vec<StudioModule>, now: i64) -> impl IntoView {
    if modules.is_empty() {
        return view! { <p>"No modules yet: start one, or import a module file."</p> }.into_any();
    }
    let rows = modules
        .into_iter()
        .flat_map(|module| module.versions.into_iter().map(move |v| (module.title.clone(), v)))
        .map(|(module, v)| {
            let review = match (v.review_by, v.overdue(now)) {
                (Some(by), true) => format!("Overdue since {}", format_uk_date(by)),
                (Some(by), false) => format_uk_date(by),
                (None, _) => String::new(),
            };
            view! {
                <tr class="nhsuk-table__row">
                    <td class="nhsuk-table__cell">{module}</td>
                    <td class="nhsuk-table__cell">
                        <a href=format!(
                            "/author/versions/{}",
                            v.id,
                        )>
                            {format!("Version {}", v.number)}
                            <span class="nhsuk-u-visually-hidden">{format!(" of {}", v.title)}</span>
                        </a>
                    </td>
                    <td class="nhsuk-table__cell">
                        <StatusTag status=v.status />
                    </td>
                    <td class="nhsuk-table__cell">{review}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Table
            caption="Modules and their versions"
            headers=vec![("Module", false), ("Version", false), ("Status", false), ("Review by", false)]
        >
            {rows}
        </Table>
    }
    .into_any()
}
