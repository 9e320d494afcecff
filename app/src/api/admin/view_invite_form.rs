use leptos::prelude::*;

use crate::domain::organisation::Organisations;
use crate::error::AppError;

/// The regions and practices the signed-in person may invite people to: all of them for an admin,
/// their own region's for a deanery lead.
#[server(endpoint = "admin/view_invite_form")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "view_invite_form", skip_all))]
pub async fn view_invite_form() -> Result<Organisations, AppError> {
    let request = crate::ssr::request::Request::current().await?;
    let principal = request.user()?.principal.clone();
    if !principal.is_admin() && principal.led_regions().next().is_none() {
        return Err(AppError::Forbidden);
    }
    let all = request.state.db.organisations().await?;
    let visible = |region| principal.oversees(region);
    Ok(Organisations {
        regions: all.regions.iter().filter(|r| !r.retired && visible(r.id)).cloned().collect(),
        practices: all.practices.iter().filter(|p| !p.retired && visible(p.region_id)).cloned().collect(),
    })
}
