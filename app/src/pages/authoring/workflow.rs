//! The workflow part of a version's page: the actions open to the viewer as plain forms (send for
//! review; sign off or send back, with comments; publish with a review-by date; retire; start the
//! next version), why the main next step is not open when it is not, and the reviews so far.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::editor::VersionAndRevision;
use crate::api::authoring::move_version::MoveVersion;
use crate::api::authoring::view_version::VersionView;
use crate::components::forms::{TextArea, TextField, message, value_or};
use crate::components::table::Table;
use crate::domain::authoring::review::Review;
use crate::domain::authoring::workflow::Action;
use crate::domain::curriculum::module::VersionStatus;
use crate::domain::time::format_uk_date;
use crate::error::AppError;

#[component]
pub fn WorkflowPanel(v: VersionView, error: Option<AppError>) -> impl IntoView {
    let next = match v.status {
        VersionStatus::Draft => Some(Action::SendForReview),
        VersionStatus::InReview => Some(Action::Publish),
        _ => None,
    };
    let blocked = next.and_then(|a| v.actions.iter().find(|(x, _)| *x == a)).and_then(|(_, why)| why.clone());
    view! {
        <h2>"Review and publication"</h2>
        {blocked.map(|why| view! { <p class="nhsuk-body">{why}</p> })}
        {v
            .may(Action::SendForReview)
            .then(|| {
                view! { <ActionForm v=v.clone() action=Action::SendForReview button="Send for review" /> }
            })}
        {(v.may(Action::SignOff) || v.may(Action::RequestChanges))
            .then(|| view! { <ReviewForm v=v.clone() error=error.clone() /> })}
        {v.may(Action::Publish).then(|| view! { <PublishForm v=v.clone() error=error.clone() /> })}
        {v
            .may(Action::Retire)
            .then(|| {
                view! {
                    <ActionForm
                        v=v.clone()
                        action=Action::Retire
                        button="Retire this version"
                        secondary=true
                    />
                }
            })}
        {v
            .may(Action::NewDraft)
            .then(|| {
                view! {
                    <ActionForm
                        v=v.clone()
                        action=Action::NewDraft
                        button="Start a new draft from this version"
                        secondary=true
                    />
                }
            })}
        <Reviews reviews=v.reviews.clone() />
        <Compare v />
    }
}

/// The hidden fields every workflow form carries: which version, and the revision on screen.
#[component]
fn Hidden(v: VersionView) -> impl IntoView {
    view! { <VersionAndRevision version=v.id revision=v.revision /> }
}

#[component]
fn ActionForm(
    v: VersionView,
    action: Action,
    button: &'static str,
    #[prop(optional)] secondary: bool,
) -> impl IntoView {
    let class = if secondary { "nhsuk-button nhsuk-button--secondary" } else { "nhsuk-button" };
    view! {
        <form method="post" action=MoveVersion::PATH>
            <Hidden v />
            <button class=class type="submit" name="action" value=action.code()>
                {button}
            </button>
        </form>
    }
}

/// Clinical review by a second trainer: one set of comments, and a button for each decision.
#[component]
fn ReviewForm(v: VersionView, error: Option<AppError>) -> impl IntoView {
    view! {
        <form method="post" action=MoveVersion::PATH novalidate>
            <Hidden v />
            <TextArea
                name="comments"
                label="Your comments as clinical reviewer"
                hint="Needed when you send it back: say what must change. Kept with the version and shown to its authors."
                value=value_or(&error, "comments", "")
                error=message(&error, "comments")
            />
            <div class="nhsuk-button-group">
                <button class="nhsuk-button" type="submit" name="action" value=Action::SignOff.code()>
                    "Sign off"
                </button>
                <button
                    class="nhsuk-button nhsuk-button--secondary"
                    type="submit"
                    name="action"
                    value=Action::RequestChanges.code()
                >
                    "Send back for changes"
                </button>
            </div>
        </form>
    }
}

#[component]
fn PublishForm(v: VersionView, error: Option<AppError>) -> impl IntoView {
    view! {
        <form method="post" action=MoveVersion::PATH novalidate>
            <Hidden v />
            <TextField
                name="review_by"
                label="Review by"
                width="nhsuk-input--width-10"
                hint="The date by which this version must be checked against current guidance, like 2027-11-30. Leave empty for a year from today."
                value=value_or(&error, "review_by", "")
                error=message(&error, "review_by")
            />
            <button class="nhsuk-button" type="submit" name="action" value=Action::Publish.code()>
                "Publish"
            </button>
        </form>
    }
}

#[component]
fn Reviews(reviews: Vec<Review>) -> impl IntoView {
    (!reviews.is_empty()).then(|| {
        let rows = reviews
            .into_iter()
            .map(|r| {
                view! {
                    <tr class="nhsuk-table__row">
                        <td class="nhsuk-table__cell">{format_uk_date(r.decided_at)}</td>
                        <td class="nhsuk-table__cell">{r.reviewer_name}</td>
                        <td class="nhsuk-table__cell">{r.decision.label()}</td>
                        <td class="nhsuk-table__cell casebook-reflection">{r.comments}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <Table
                caption="Clinical reviews"
                headers=vec![("Date", false), ("Reviewer", false), ("Decision", false), ("Comments", false)]
            >
                {rows}
            </Table>
        }
    })
}

/// Compare with another version of the module (a plain GET form).
#[component]
fn Compare(v: VersionView) -> impl IntoView {
    (!v.siblings.is_empty()).then(|| {
        let options = v
            .siblings
            .iter()
            .map(|s| view! {
                <option value=s
                    .number>{format!("Version {} ({})", s.number, s.status.label().to_lowercase())}</option>
            })
            .collect_view();
        view! {
            <h2>"Compare versions"</h2>
            <form method="get" action=format!("/author/versions/{}/compare", v.id)>
                <div class="nhsuk-form-group">
                    <label class="nhsuk-label" for="with">
                        "Compare this version with"
                    </label>
                    <select class="nhsuk-select" id="with" name="with">
                        {options}
                    </select>
                </div>
                <button class="nhsuk-button nhsuk-button--secondary" type="submit">
                    "Show what changed"
                </button>
            </form>
        }
    })
}
