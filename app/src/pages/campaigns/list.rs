//! `/campaigns`: the campaigns of the regions the viewer leads, newest first.

use leptos::prelude::*;

use crate::api::campaigns::list_campaigns::list_campaigns;
use crate::components::form_page::FormPage;
use crate::components::table::Table;
use crate::pages::loaded::loaded_with_messages;

#[component]
pub fn CampaignsPage() -> impl IntoView {
    let campaigns = Resource::new(|| (), |_| list_campaigns());
    loaded_with_messages(campaigns, move |campaigns, messages| {
        let rows = campaigns
            .into_iter()
            .map(|c| {
                view! {
                    <tr class="nhsuk-table__row">
                        <td class="nhsuk-table__cell">
                            <a href=format!("/campaigns/{}", c.public_id)>{c.name}</a>
                        </td>
                        <td class="nhsuk-table__cell">{c.region}</td>
                        <td class="nhsuk-table__cell">{c.status}</td>
                        <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{c.practices}</td>
                        <td class="nhsuk-table__cell">{c.closes_on}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <FormPage title="Campaigns".into() notice=messages.notice.clone()>
                <h1>"Campaigns"</h1>
                <p>
                    "Invite the GPs of chosen practices (by default your region's high prescribers) to chosen modules, \
                     remind those who have not started, follow them through to their follow-ups, and see whether \
                     prescribing changed."
                </p>
                <a class="nhsuk-button" href="/campaigns/new">
                    "Create a campaign"
                </a>
                <Table
                    caption="Your campaigns"
                    headers=vec![
                        ("Campaign", false),
                        ("Region", false),
                        ("Status", false),
                        ("Practices", true),
                        ("Closes", false),
                    ]
                >
                    {rows}
                </Table>
            </FormPage>
        }
        .into_any()
    })
}
