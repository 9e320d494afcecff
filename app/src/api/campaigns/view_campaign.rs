use leptos::prelude::*;

use crate::error::AppError;
use crate::wire::campaign_view::CampaignView;

/// One campaign (its lead or an admin): its targets, a search for practices to add while it is a
/// draft, its funnel, and whether prescribing changed by `measure` over `months` either side of
/// its start.
#[server(endpoint = "campaigns/view_campaign")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "view_campaign", skip_all))]
pub async fn view_campaign(
    campaign: String,
    search: Option<String>,
    measure: Option<String>,
    months: Option<String>,
) -> Result<CampaignView, AppError> {
    use crate::ssr::campaigns::change::{wanted_measure, wanted_months};
    use crate::ssr::campaigns::view::{Shown, campaign_view};

    let request = crate::ssr::request::Request::current().await?;
    let who = request.require_reporter()?;
    let db = &request.state.db;
    let campaign = crate::ssr::campaigns::authorised(db, who, &campaign).await?;
    let measure = wanted_measure(measure.as_deref())?;
    let months = wanted_months(months.as_deref())?;
    let search: String = search.unwrap_or_default().chars().take(100).collect();
    campaign_view(db, campaign, &Shown { search, measure, months, now_ms: request.now_ms() }).await
}
