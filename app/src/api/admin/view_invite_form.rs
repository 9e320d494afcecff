use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::organisation::PracticeChoice;
use crate::error::AppError;

/// What the invite form offers: the regions a new lead could lead (admins), and the practice
/// chooser, limited to the practices the inviter may invite learners to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteForm {
    /// Open regions as choices (id, name): every one for an admin, none for a lead.
    pub regions: Vec<(String, String)>,
    pub practice_choice: PracticeChoice,
}

/// The invite form: all regions and practices for an admin, their own region's practices for a
/// deanery lead; `practice_search` and `practice` drive its practice chooser.
#[server(endpoint = "admin/view_invite_form")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "view_invite_form", skip_all))]
pub async fn view_invite_form(
    practice_search: Option<String>,
    practice: Option<String>,
) -> Result<InviteForm, AppError> {
    let request = crate::ssr::request::Request::current().await?;
    let principal = request.user()?.principal.clone();
    if !principal.is_admin() && principal.led_regions().next().is_none() {
        return Err(AppError::Forbidden);
    }
    let db = &request.state.db;
    let regions = if principal.is_admin() { db.organisations().await?.region_choices() } else { Vec::new() };
    let practice_choice = crate::ssr::ods::practice_choice(
        db,
        practice_search.as_deref(),
        practice.as_deref(),
        None,
        |region| principal.oversees(region),
    )
    .await?;
    Ok(InviteForm { regions, practice_choice })
}
