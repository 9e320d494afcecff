use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The ODS import page: each commissioner's region, and the open regions to choose from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OdsImportView {
    /// (commissioner code, region name), by code.
    pub commissioners: Vec<(String, String)>,
    /// Open regions as choices: (id, name).
    pub regions: Vec<(String, String)>,
}

/// What the ODS import page shows (admins only).
#[server(endpoint = "admin/view_ods_import")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "view_ods_import", skip_all))]
pub async fn view_ods_import() -> Result<OdsImportView, AppError> {
    let request = crate::ssr::request::Request::current().await?;
    request.require_admin()?;
    let db = &request.state.db;
    let organisations = db.organisations().await?;
    let commissioners = db
        .commissioner_regions()
        .await?
        .into_iter()
        .map(|(code, region)| {
            let name = organisations.region(region).map(|r| r.name.clone()).unwrap_or_default();
            (code, name)
        })
        .collect();
    Ok(OdsImportView { commissioners, regions: organisations.region_choices() })
}
