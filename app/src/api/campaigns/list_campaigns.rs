use leptos::prelude::*;

use crate::error::AppError;
use crate::wire::campaign_view::CampaignSummary;

/// The campaigns of the regions the viewer leads (every region, for admins).
#[server(endpoint = "campaigns/list_campaigns")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "list_campaigns", skip_all))]
pub async fn list_campaigns() -> Result<Vec<CampaignSummary>, AppError> {
    let request = crate::ssr::request::Request::current().await?;
    let who = request.require_reporter()?;
    crate::ssr::campaigns::view::summaries(&request.state.db, who, request.now_ms()).await
}
