use leptos::prelude::*;

use crate::error::AppError;

/// Adds a practice of the campaign's own region to a draft campaign, or removes one
/// (`change=add` or `change=remove`).
#[server(endpoint = "campaigns/set_campaign_practice")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "set_campaign_practice", skip_all))]
pub async fn set_campaign_practice(
    campaign: String,
    practice: String,
    change: String,
) -> Result<(), AppError> {
    use crate::domain::ids::PracticeId;

    let request = crate::ssr::request::Request::current().await?;
    let who = request.require_reporter()?;
    let campaign = crate::ssr::campaigns::authorised(&request.state.db, who, &campaign).await?;
    let practice = practice.trim().parse::<i64>().map(PracticeId).map_err(|_| AppError::NotFound)?;
    let target = match change.as_str() {
        "add" => true,
        "remove" => false,
        _ => return Err(AppError::BadRequest("Choose to add or remove the practice".into())),
    };
    crate::ssr::campaigns::set_practice(&request, &campaign, practice, target).await?;
    let notice = if target { "Practice added" } else { "Practice removed" };
    request.finish_form(notice, &format!("/campaigns/{}", campaign.public_id)).await;
    Ok(())
}
