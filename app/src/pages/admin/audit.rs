//! `/admin/audit`: the append-only audit log, filtered by event, person and dates (admins only).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::admin::list_audit::{PAGE_SIZE, list_audit};
use crate::components::forms::{ErrorSummary, SelectField, SubmitButton, TextField};
use crate::components::pagination::Pagination;
use crate::components::table::Table;
use crate::domain::audit::{AuditAction, AuditEntry};
use crate::domain::time::format_uk_datetime;
use crate::error::AppError;
use crate::pages::outcome::page_or_problem;

const FILTERS: [&str; 4] = ["action", "person", "from", "to"];

#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let filters: Vec<(String, String)> =
        FILTERS.iter().map(|key| ((*key).to_owned(), query.get(key).unwrap_or_default())).collect();
    let page: i64 = query.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    let log = Resource::new(
        {
            let filters = filters.clone();
            move || (filters.clone(), page)
        },
        |(filters, page)| {
            let value = |key: &str| {
                filters.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default()
            };
            list_audit(value("action"), value("person"), value("from"), value("to"), page)
        },
    );
    view! {
        <Title text="Audit log" />
        <h1>"Audit log"</h1>
        <Suspense>
            {move || {
                let filters = filters.clone();
                Suspend::new(async move {
                    let result = log.await;
                    let error = match &result {
                        Err(error @ AppError::Invalid { .. }) => Some(error.clone()),
                        _ => None,
                    };
                    let form = view! {
                        <ErrorSummary error=error.clone() />
                        <Filters filters=filters.clone() error />
                    };
                    let result = result
                        .or_else(|e| {
                            if matches!(e, AppError::Invalid { .. }) {
                                Ok(Default::default())
                            } else {
                                Err(e)
                            }
                        });
                    page_or_problem(
                        result,
                        move |log: crate::domain::audit::AuditPage| {
                            let total = log.total;
                            view! {
                                {form}
                                <p>
                                    {format!("{total} {} found", if total == 1 { "event" } else { "events" })}
                                </p>
                                <Table
                                    caption="Audit events, newest first"
                                    hidden_caption=true
                                    headers=vec![
                                        ("When", false),
                                        ("Event", false),
                                        ("By", false),
                                        ("About", false),
                                        ("Detail", false),
                                        ("From address", false),
                                    ]
                                >
                                    {log
                                        .entries
                                        .into_iter()
                                        .map(|entry| view! { <EntryRow entry /> })
                                        .collect_view()}
                                </Table>
                                <Pagination path="/admin/audit" filters page total per_page=PAGE_SIZE />
                            }
                                .into_any()
                        },
                    )
                })
            }}
        </Suspense>
    }
}

#[component]
fn Filters(filters: Vec<(String, String)>, error: Option<AppError>) -> impl IntoView {
    let value =
        |key: &str| filters.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default();
    let message = |field: &str| error.as_ref().and_then(|e| e.message_for(field)).map(str::to_owned);
    let actions = AuditAction::ALL.iter().map(|a| (a.code().to_owned(), a.label().to_owned())).collect();
    view! {
        <form method="get" action="/admin/audit" class="nhsuk-u-margin-bottom-5">
            <SelectField
                name="action"
                label="Event"
                placeholder="Any event"
                choices=actions
                selected=value("action")
                error=message("action")
            />
            <TextField
                name="person"
                label="Person (part of an email address)"
                value=value("person")
                error=message("person")
            />
            <TextField
                name="from"
                label="From (YYYY-MM-DD)"
                width="nhsuk-input--width-10"
                value=value("from")
                error=message("from")
            />
            <TextField
                name="to"
                label="To (YYYY-MM-DD)"
                width="nhsuk-input--width-10"
                value=value("to")
                error=message("to")
            />
            <SubmitButton text="Filter" secondary=true />
        </form>
    }
}

#[component]
fn EntryRow(entry: AuditEntry) -> impl IntoView {
    let action =
        AuditAction::parse(&entry.action).map(AuditAction::label).unwrap_or("Unknown event").to_owned();
    let person = |p: Option<(crate::domain::ids::PersonId, String)>| {
        p.map(|(id, name)| view! { <a href=format!("/admin/people/{id}")>{name}</a> }.into_any())
            .unwrap_or_else(|| view! { "–" }.into_any())
    };
    view! {
        <tr class="nhsuk-table__row">
            <td class="nhsuk-table__cell">{format_uk_datetime(entry.at_ms)}</td>
            <td class="nhsuk-table__cell">{action}</td>
            <td class="nhsuk-table__cell">{person(entry.actor)}</td>
            <td class="nhsuk-table__cell">{person(entry.subject)}</td>
            <td class="nhsuk-table__cell">{entry.detail}</td>
            <td class="nhsuk-table__cell">{entry.client_address.unwrap_or_default()}</td>
        </tr>
    }
}
