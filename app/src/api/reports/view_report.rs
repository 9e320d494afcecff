use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::reports::Report;
use crate::error::AppError;

/// A report with what the viewer may choose: the regions they oversee (and every region together,
/// for admins), and the filters it was made with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportView {
    pub report: Report,
    /// (id, name) of each region the viewer may report on.
    pub regions: Vec<(i64, String)>,
    pub all_regions: bool,
    /// The region shown, or `None` for every region.
    pub region: Option<i64>,
    pub from: String,
    pub to: String,
}

/// The report for a region and date range: deanery leads see their own region, admins any region
/// or all together.
#[server(endpoint = "reports/view_report")]
pub async fn view_report(
    region: Option<String>,
    from: Option<String>,
    to: Option<String>,
) -> Result<ReportView, AppError> {
    use crate::ssr::reports::{Wanted, report_for};

    let request = crate::ssr::request::Request::current().await?;
    let who = request.user()?.principal.clone();
    report_for(&request.state.db, &who, &Wanted { region, from, to }, request.now_ms()).await
}
