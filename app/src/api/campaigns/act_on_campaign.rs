use leptos::prelude::*;

use crate::error::AppError;

/// Starts, pauses, resumes or closes a campaign (`action`), once.
#[server(endpoint = "campaigns/act_on_campaign")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "act_on_campaign", skip_all))]
pub async fn act_on_campaign(campaign: String, action: String) -> Result<(), AppError> {
    use crate::domain::campaign::CampaignAction;

    let request = crate::ssr::request::Request::current().await?;
    let who = request.require_reporter()?;
    let campaign = crate::ssr::campaigns::authorised(&request.state.db, who, &campaign).await?;
    let action = CampaignAction::parse(action.trim())
        .ok_or_else(|| AppError::BadRequest("Choose start, pause, resume or close".into()))?;
    crate::ssr::campaigns::act(&request, &campaign, action).await?;
    request.finish_form(action.done(), &format!("/campaigns/{}", campaign.public_id)).await;
    Ok(())
}
