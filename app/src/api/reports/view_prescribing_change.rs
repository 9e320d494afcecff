use leptos::prelude::*;

use crate::error::AppError;
use crate::wire::campaign_view::PrescribingChangeView;

/// Did prescribing change where GPs took part: practices of a region (one the viewer leads, or
/// any for admins) where a GP had completed a module by the end of the `start` month, against the
/// region's other practices, by `measure` over `months` either side.
#[server(endpoint = "reports/view_prescribing_change")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "view_prescribing_change", skip_all))]
pub async fn view_prescribing_change(
    region: Option<String>,
    start: Option<String>,
    months: Option<String>,
    measure: Option<String>,
) -> Result<PrescribingChangeView, AppError> {
    use crate::ssr::campaigns::change::{ChangeWanted, completers_against_the_rest};

    let request = crate::ssr::request::Request::current().await?;
    let who = request.require_reporter()?;
    let wanted = ChangeWanted { region, start, months, measure };
    completers_against_the_rest(&request.state.db, who, &wanted, request.now_ms()).await
}
