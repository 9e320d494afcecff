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
    use crate::domain::reports::prescribing::measures::Measure;
    use crate::ssr::campaigns::change::{DEFAULT_MONTHS, MAX_MONTHS};
    use crate::ssr::campaigns::view::{Shown, campaign_view};

    let request = crate::ssr::request::Request::current().await?;
    let who = request.require_reporter()?;
    let db = &request.state.db;
    let campaign = crate::ssr::campaigns::authorised(db, who, &campaign).await?;
    let measure = match measure.as_deref().map(str::trim).unwrap_or("") {
        "" => Measure::default(),
        code => Measure::parse(code)
            .ok_or_else(|| AppError::field("measure", "Choose a measure from the list"))?,
    };
    let months = match months.as_deref().map(str::trim).unwrap_or("") {
        "" => DEFAULT_MONTHS,
        raw => raw.parse::<i32>().ok().filter(|m| (1..=MAX_MONTHS).contains(m)).ok_or_else(|| {
            AppError::field("months", format!("Enter a number of months from 1 to {MAX_MONTHS}"))
        })?,
    };
    let search: String = search.unwrap_or_default().chars().take(100).collect();
    campaign_view(db, campaign, &Shown { search, measure, months }).await
}
