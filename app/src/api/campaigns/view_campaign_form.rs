use leptos::prelude::*;

use crate::error::AppError;
use crate::wire::campaign_view::CampaignFormView;

/// The regions and modules a new campaign may have, and the default months for its flags.
#[server(endpoint = "campaigns/view_campaign_form")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "view_campaign_form", skip_all))]
pub async fn view_campaign_form() -> Result<CampaignFormView, AppError> {
    let request = crate::ssr::request::Request::current().await?;
    let who = request.require_reporter()?;
    crate::ssr::campaigns::view::form(&request.state.db, who, request.now_ms()).await
}
