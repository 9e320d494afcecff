use crate::error::AppError;
use crate::wire::report_view::ReportView;
use leptos::prelude::*;

/// The report for a region and date range, its prescribing figures by `measure`: deanery leads
/// see their own region, admins any region or all together.
#[server(endpoint = "reports/view_report")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "view_report", skip_all))]
pub async fn view_report(
    region: Option<String>,
    from: Option<String>,
    to: Option<String>,
    measure: Option<String>,
) -> Result<ReportView, AppError> {
    use crate::ssr::reports::{Wanted, report_for};

    let request = crate::ssr::request::Request::current().await?;
    let who = request.user()?.principal.clone();
    report_for(&request.state.db, &who, &Wanted { region, from, to, measure }, request.now_ms()).await
}
