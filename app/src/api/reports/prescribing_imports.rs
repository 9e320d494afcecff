use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// What has been imported for one practice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PracticeImports {
    pub practice: String,
    pub ods_code: String,
    pub months: i64,
    pub first_month: String,
    pub last_month: String,
    /// The list size of the latest month that has one.
    pub list_size: Option<i64>,
}

/// The prescribing figures imported so far for the practices the viewer oversees (deanery leads
/// their regions', admins every practice's).
#[server(endpoint = "reports/prescribing_imports")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "prescribing_imports", skip_all))]
pub async fn prescribing_imports() -> Result<Vec<PracticeImports>, AppError> {
    let request = crate::ssr::request::Request::current().await?;
    let who = request.require_reporter()?.clone();
    let organisations = request.state.db.organisations().await?;
    let mut imports = Vec::new();
    for summary in request.state.db.prescribing_imports().await? {
        let Some(practice) = organisations.practices.iter().find(|p| p.id.0 == summary.practice_id) else {
            continue;
        };
        if who.oversees(practice.region_id) {
            imports.push(PracticeImports {
                practice: practice.name.clone(),
                ods_code: practice.ods_code.clone(),
                months: summary.months,
                first_month: summary.first_month,
                last_month: summary.last_month,
                list_size: summary.list_size,
            });
        }
    }
    imports.sort_by(|a, b| a.practice.cmp(&b.practice));
    Ok(imports)
}
