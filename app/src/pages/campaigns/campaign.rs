//! `/campaigns/<id>?search=&measure=&months=`: one campaign for its lead: its settings and the
//! actions open now, its target practices (searched and added while it is a draft), further GPs'
//! addresses uploaded as CSV, the funnel with its CSV download, and whether prescribing changed.
//! Every part is a plain form or a plain GET.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::change::{ChangeSection, WindowFields};
use crate::api::account::take_page_messages::{PageMessages, take_page_messages};
use crate::api::campaigns::act_on_campaign::ActOnCampaign;
use crate::api::campaigns::set_campaign_practice::SetCampaignPractice;
use crate::api::campaigns::upload_campaign_addresses::UploadCampaignAddresses;
use crate::api::campaigns::view_campaign::view_campaign;
use crate::components::form_page::FormPage;
use crate::components::forms::{FileField, SubmitButton, TextField, message};
use crate::components::summary_list::SummaryList;
use crate::components::table::Table;
use crate::domain::campaign::funnel::{FunnelRow, STAGES};
use crate::error::AppError;
use crate::pages::outcome::page_or_problem;
use crate::wire::campaign_view::{CampaignView, PracticeMatch, TargetPractice};

#[component]
pub fn CampaignPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let wanted = move || {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        query.with(|q| (id, q.get("search"), q.get("measure"), q.get("months")))
    };
    let campaign =
        Resource::new(wanted, |(id, search, measure, months)| view_campaign(id, search, measure, months));
    let messages = Resource::new(|| (), |_| take_page_messages());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let messages = messages.await.unwrap_or_default();
                page_or_problem(campaign.await, move |view| view! { <Campaign view messages /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Campaign(view: CampaignView, messages: PageMessages) -> impl IntoView {
    let error = messages
        .error_for::<ActOnCampaign>()
        .or_else(|| messages.error_for::<SetCampaignPractice>())
        .or_else(|| messages.error_for::<UploadCampaignAddresses>());
    let modules = view.modules.iter().map(|(title, _)| title.clone()).collect::<Vec<_>>().join("; ");
    let summary = vec![
        ("Status", view.status_label.clone()),
        ("Region", view.region.clone()),
        ("Modules", modules),
        ("Closes", view.closes_on.clone()),
        ("Reminder", format!("After {} days, once, to those who have not started", view.reminder_days)),
        ("Practices chosen", view.targeted_by.clone()),
        ("Started", view.started.clone().unwrap_or_else(|| "Not yet".into())),
    ];
    let path = format!("/campaigns/{}", view.public_id);
    view! {
        <FormPage title=view.name.clone() error=error.clone() notice=messages.notice.clone()>
            <a class="nhsuk-back-link" href="/campaigns">
                "Back to campaigns"
            </a>
            <span class="nhsuk-caption-l">{view.region.clone()}</span>
            <h1>{view.name.clone()}</h1>
            <SummaryList rows=summary />
            <h2 class="nhsuk-heading-s">"The message that opens each invitation"</h2>
            <div class="nhsuk-inset-text casebook-reflection">
                <p>{view.message.clone()}</p>
            </div>
            <Actions campaign=view.public_id.clone() actions=view.actions.clone() />
            <h2>"Practices"</h2>
            <Targets
                campaign=view.public_id.clone()
                practices=view.practices.clone()
                open=view.targets_open
            />
            {view
                .targets_open
                .then(|| {
                    view! {
                        <AddPractice
                            campaign=view.public_id.clone()
                            path=path.clone()
                            search=view.search.clone()
                            matches=view.matches.clone()
                        />
                    }
                })}
            {view
                .addresses_open
                .then(|| view! { <Addresses campaign=view.public_id.clone() error=error.clone() /> })}
            <h2>"Funnel"</h2>
            <p>
                "Everyone invited, and how many then registered, started one of the campaign's modules, completed one, \
                 and did a follow-up afterwards. Counts from 1 to 7 are shown as *, other counts are rounded to the \
                 nearest 5, and a few more are hidden where they would give a hidden count away."
            </p>
            <Funnel total=view.funnel_total.clone() rows=view.funnel.clone() />
            <p>
                <a href=format!("{path}/funnel.csv")>"Download the funnel (CSV)"</a>
            </p>
            <h2 id="change">"Did prescribing change?"</h2>
            <ChangeForm path=path.clone() measure=view.change.measure.clone() months=view.change.months />
            <ChangeSection
                change=view.change.clone()
                group="the campaign's practices"
                others="the region's other practices"
            />
        </FormPage>
    }
}

/// A button for each action open now.
#[component]
fn Actions(campaign: String, actions: Vec<(String, String)>) -> impl IntoView {
    actions
        .into_iter()
        .map(|(code, label)| {
            let class = if code == "start" || code == "resume" {
                "nhsuk-button"
            } else {
                "nhsuk-button nhsuk-button--secondary"
            };
            view! {
                <form method="post" action=ActOnCampaign::PATH class="casebook-inline-form">
                    <input type="hidden" name="campaign" value=campaign.clone() />
                    <input type="hidden" name="action" value=code />
                    <button class=class type="submit">
                        {label}
                    </button>
                </form>
            }
        })
        .collect_view()
}

#[component]
fn Targets(campaign: String, practices: Vec<TargetPractice>, open: bool) -> impl IntoView {
    if practices.is_empty() {
        return view! { <p>"No practices yet. Find them below and add them."</p> }.into_any();
    }
    let mut headers =
        vec![("Practice", false), ("ODS code", false), ("GPs registered", true), ("Further addresses", true)];
    if open {
        headers.push(("Change", false));
    }
    let rows = practices
        .into_iter()
        .map(|p| {
            let remove = open.then(|| {
                view! {
                    <td class="nhsuk-table__cell">
                        <form method="post" action=SetCampaignPractice::PATH>
                            <input type="hidden" name="campaign" value=campaign.clone() />
                            <input type="hidden" name="practice" value=p.id.to_string() />
                            <input type="hidden" name="change" value="remove" />
                            <button
                                class="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0"
                                type="submit"
                            >
                                "Remove"
                                <span class="nhsuk-u-visually-hidden">{format!(" {}", p.name)}</span>
                            </button>
                        </form>
                    </td>
                }
            });
            view! {
                <tr class="nhsuk-table__row">
                    <td class="nhsuk-table__cell">{p.name}</td>
                    <td class="nhsuk-table__cell">{p.ods_code}</td>
                    <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{p.registered_gps}</td>
                    <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{p.addresses}</td>
                    {remove}
                </tr>
            }
        })
        .collect_view();
    view! {
        <Table caption="Target practices" headers>
            {rows}
        </Table>
    }
    .into_any()
}

/// A GET search for the region's practices by name or ODS code, then a button to add each match.
#[component]
fn AddPractice(campaign: String, path: String, search: String, matches: Vec<PracticeMatch>) -> impl IntoView {
    let searched = !search.trim().is_empty();
    let results = matches
        .into_iter()
        .map(|m| {
            view! {
                <li>
                    <form method="post" action=SetCampaignPractice::PATH class="casebook-inline-form">
                        <input type="hidden" name="campaign" value=campaign.clone() />
                        <input type="hidden" name="practice" value=m.id.to_string() />
                        <input type="hidden" name="change" value="add" />
                        {format!("{} ({}) ", m.name, m.ods_code)}
                        <button
                            class="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0"
                            type="submit"
                        >
                            "Add"
                            <span class="nhsuk-u-visually-hidden">{format!(" {}", m.name)}</span>
                        </button>
                    </form>
                </li>
            }
        })
        .collect::<Vec<_>>();
    let found = match (searched, results.is_empty()) {
        (false, _) => None,
        (true, true) => {
            Some(view! { <p>"No practice of the region not already chosen matches."</p> }.into_any())
        }
        (true, false) => Some(view! { <ul class="nhsuk-list">{results}</ul> }.into_any()),
    };
    view! {
        <h3>"Add a practice"</h3>
        <form method="get" action=path role="search">
            <TextField name="search" label="Practice name or ODS code" input_type="search" value=search />
            <SubmitButton text="Search" secondary=true />
        </form>
        {found}
    }
}

#[component]
fn Addresses(campaign: String, error: Option<AppError>) -> impl IntoView {
    view! {
        <h3>"Invite further GPs by email"</h3>
        <form method="post" action=UploadCampaignAddresses::PATH enctype="multipart/form-data">
            <input type="hidden" name="campaign" value=campaign />
            <FileField
                label="A list of addresses (CSV)"
                hint="Two columns, practice_code and email, one GP a line, at the campaign's practices. They are \
                invited to register (and a GP already registered, to the modules). If any line has a \
                problem, nobody is added and every problem is listed with its line."
                accept=".csv,text/csv"
                error=message(&error, "file")
            />
            <SubmitButton text="Add the addresses" secondary=true />
        </form>
    }
}

#[component]
fn Funnel(total: FunnelRow, rows: Vec<FunnelRow>) -> impl IntoView {
    let mut headers = vec![("Practice", false)];
    headers.extend(STAGES.iter().map(|s| (*s, true)));
    let row = |r: FunnelRow, strong: bool| {
        let name =
            if r.ods_code.is_empty() { r.practice } else { format!("{} ({})", r.practice, r.ods_code) };
        let cells = r
            .stages
            .iter()
            .map(|s| view! { <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{s.text()}</td> })
            .collect_view();
        let class = if strong { "nhsuk-table__cell nhsuk-u-font-weight-bold" } else { "nhsuk-table__cell" };
        view! {
            <tr class="nhsuk-table__row">
                <td class=class>{name}</td>
                {cells}
            </tr>
        }
    };
    let body =
        std::iter::once(row(total, true)).chain(rows.into_iter().map(|r| row(r, false))).collect_view();
    view! {
        <div class="casebook-wide-table" tabindex="0" role="region" aria-label="Funnel">
            <Table caption="Funnel by practice" headers>
                {body}
            </Table>
        </div>
    }
}

/// The measure and window the estimate uses: a plain GET form.
#[component]
fn ChangeForm(path: String, measure: String, months: i32) -> impl IntoView {
    view! {
        <form method="get" action=format!("{path}#change")>
            <WindowFields months measure />
            <SubmitButton text="Show" secondary=true />
        </form>
    }
}
