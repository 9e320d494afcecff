//! My learning's list of boosters and follow-ups: what is due now (with a link straight to it),
//! what is to come and when, and what is done.

use leptos::prelude::*;

use crate::components::table::Table;
use crate::wire::follow_up_view::FollowUpSummary;

#[component]
pub fn FollowUpList(follow_ups: Vec<FollowUpSummary>) -> impl IntoView {
    let (due, rest): (Vec<_>, Vec<_>) = follow_ups.into_iter().partition(|f| f.due && !f.done);
    let due = (!due.is_empty()).then(|| {
        let items = due
            .into_iter()
            .map(|f| {
                view! {
                    <li>
                        <a href=format!(
                            "/follow-ups/{}",
                            f.public_id,
                        )>{format!("{}: {}", f.module_title, f.title)}</a>
                        {format!(" (due {})", f.due_date)}
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="nhsuk-card nhsuk-card--feature casebook-due">
                <div class="nhsuk-card__content nhsuk-card__content--feature">
                    <h2 class="nhsuk-card__heading nhsuk-card__heading--feature nhsuk-heading-m">
                        "Due now"
                    </h2>
                    <ul class="nhsuk-list">{items}</ul>
                </div>
            </div>
        }
    });
    let rest = (!rest.is_empty()).then(|| {
        let rows = rest
            .into_iter()
            .map(|f| {
                let state = if f.done { "Done" } else { "Coming up" };
                let name = format!("{}: {}", f.module_title, f.title);
                let name = if f.done {
                    view! { <a href=format!("/follow-ups/{}", f.public_id)>{name}</a> }.into_any()
                } else {
                    name.into_any()
                };
                view! {
                    <tr class="nhsuk-table__row">
                        <td class="nhsuk-table__cell">{name}</td>
                        <td class="nhsuk-table__cell">{f.due_date}</td>
                        <td class="nhsuk-table__cell">{state}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <Table
                caption="Your boosters and follow-ups"
                headers=vec![("What", false), ("Due", false), ("State", false)]
            >
                {rows}
            </Table>
        }
    });
    view! {
        {due}
        {rest}
    }
}
