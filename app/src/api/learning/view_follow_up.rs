use leptos::prelude::*;

use crate::error::AppError;
use crate::wire::follow_up_view::FollowUpView;

/// The signed-in learner's own follow-up: a booster's questions (chosen the first time it is
/// opened) or their marked answers, or the commitments to report on.
#[server(endpoint = "learning/view_follow_up")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "view_follow_up", skip_all))]
pub async fn view_follow_up(follow_up: String) -> Result<FollowUpView, AppError> {
    use crate::ssr::learning::follow_ups::{own_follow_up, view};

    let request = crate::ssr::request::Request::current().await?;
    let (found, version) = own_follow_up(&request, &follow_up).await?;
    view(&request, &found, &version).await
}
