use leptos::prelude::*;

use crate::domain::organisation::Organisations;
use crate::error::AppError;

/// The open regions and practices a new learner can choose from (public: practice names and ODS
/// codes are published by the NHS).
#[server(endpoint = "account/view_registration_form")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "view_registration_form", skip_all))]
pub async fn view_registration_form() -> Result<Organisations, AppError> {
    let request = crate::ssr::request::Request::current().await?;
    let all = request.state.db.organisations().await?;
    Ok(Organisations {
        regions: all.regions.into_iter().filter(|r| !r.retired).collect(),
        practices: all.practices.into_iter().filter(|p| !p.retired).collect(),
    })
}
