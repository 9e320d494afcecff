//! `/admin/people`: search and filter everyone with an account (admins only).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::admin::list_people::{PAGE_SIZE, PeopleList, list_people};
use crate::components::forms::{ErrorSummary, SelectField, SubmitButton, TextField};
use crate::components::pagination::Pagination;
use crate::components::table::Table;
use crate::domain::person::PersonSummary;
use crate::domain::role::Role;
use crate::error::AppError;
use crate::pages::outcome::page_or_problem;

/// The list's filters, as they appear in the address.
const FILTERS: [&str; 4] = ["text", "role", "region", "status"];

#[component]
pub fn PeoplePage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let filters: Vec<(String, String)> =
        FILTERS.iter().map(|key| ((*key).to_owned(), query.get(key).unwrap_or_default())).collect();
    let page: i64 = query.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    let list = Resource::new(
        {
            let filters = filters.clone();
            move || (filters.clone(), page)
        },
        |(filters, page)| {
            let value = |key: &str| {
                filters.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default()
            };
            list_people(value("text"), value("role"), value("region"), value("status"), page)
        },
    );
    view! {
        <Title text="People" />
        <h1>"People"</h1>
        <p>
            <a href="/admin/people/invite">"Invite someone"</a>
        </p>
        <Suspense>
            {move || {
                let filters = filters.clone();
                Suspend::new(async move {
                    match list.await {
                        Err(error @ AppError::Invalid { .. }) => {
                            view! {
                                <ErrorSummary error=Some(error) />
                                <p>
                                    <a href="/admin/people">"Clear the filters"</a>
                                </p>
                            }
                                .into_any()
                        }
                        result => {
                            page_or_problem(
                                result,
                                move |list| {
                                    view! {
                                        <Filters list=list.clone() filters=filters.clone() />
                                        <Results list filters page />
                                    }
                                        .into_any()
                                },
                            )
                        }
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Filters(list: PeopleList, filters: Vec<(String, String)>) -> impl IntoView {
    let value =
        |key: &str| filters.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default();
    let roles = Role::ALL.iter().map(|r| (r.code().to_owned(), r.label().to_owned())).collect();
    let statuses = vec![
        ("active".into(), "Active".into()),
        ("unconfirmed".into(), "Email not confirmed".into()),
        ("deactivated".into(), "Deactivated".into()),
    ];
    view! {
        <form method="get" action="/admin/people" class="nhsuk-u-margin-bottom-5">
            <TextField name="text" label="Name or email address" value=value("text") />
            <SelectField
                name="role"
                label="Role"
                placeholder="Any role"
                choices=roles
                selected=value("role")
            />
            <SelectField
                name="region"
                label="Region"
                placeholder="Any region"
                choices=list.organisations.region_choices()
                selected=value("region")
            />
            <SelectField
                name="status"
                label="Status"
                placeholder="Any status"
                choices=statuses
                selected=value("status")
            />
            <SubmitButton text="Search" secondary=true />
        </form>
    }
}

#[component]
fn Results(list: PeopleList, filters: Vec<(String, String)>, page: i64) -> impl IntoView {
    let total = list.page.total;
    let rows = list.page.people.into_iter().map(|person| view! { <PersonRow person /> }).collect_view();
    view! {
        <p>{format!("{total} {} found", if total == 1 { "person" } else { "people" })}</p>
        <Table
            caption="People matching the search"
            hidden_caption=true
            headers=vec![
                ("Name", false),
                ("Email address", false),
                ("Roles", false),
                ("Practice", false),
                ("Status", false),
            ]
        >
            {rows}
        </Table>
        <Pagination path="/admin/people" filters page total per_page=PAGE_SIZE />
    }
}

#[component]
fn PersonRow(person: PersonSummary) -> impl IntoView {
    let roles: Vec<&str> = person.grants.iter().map(|g| g.role.label()).collect();
    let practice = person.practice.unwrap_or_default();
    let (status, tag) = match (person.active, person.email_confirmed) {
        (false, _) => ("Deactivated", "nhsuk-tag nhsuk-tag--grey"),
        (true, false) => ("Email not confirmed", "nhsuk-tag nhsuk-tag--yellow"),
        (true, true) => ("Active", "nhsuk-tag nhsuk-tag--green"),
    };
    view! {
        <tr class="nhsuk-table__row">
            <td class="nhsuk-table__cell">
                <a href=format!("/admin/people/{}", person.id)>{person.name}</a>
            </td>
            <td class="nhsuk-table__cell">{person.email}</td>
            <td class="nhsuk-table__cell">{roles.join(", ")}</td>
            <td class="nhsuk-table__cell">{practice}</td>
            <td class="nhsuk-table__cell">
                <strong class=tag>{status}</strong>
            </td>
        </tr>
    }
}
