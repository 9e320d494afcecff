use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::organisation::Organisations;
use crate::domain::person::PeoplePage;
use crate::error::AppError;

/// People per page of the list.
pub const PAGE_SIZE: i64 = 25;

/// A page of the people list, and the regions to filter by.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleList {
    pub page: PeoplePage,
    pub organisations: Organisations,
}

/// Lists and searches people (admins only). Filters left blank match everyone; unknown values are
/// refused rather than ignored, so a filter never silently shows more than asked.
#[server(endpoint = "admin/list_people")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "list_people", skip_all))]
pub async fn list_people(
    text: String,
    role: String,
    region: String,
    status: String,
    page: i64,
) -> Result<PeopleList, AppError> {
    use crate::domain::{ids::RegionId, role::Role};
    use crate::ssr::db::{AccountStatus, PeopleFilter};

    let request = crate::ssr::request::Request::current().await?;
    request.require_admin()?;
    let role = match role.as_str() {
        "" => None,
        code => Some(Role::parse(code).map_err(|m| AppError::field("role", m))?),
    };
    let region = match region.as_str() {
        "" => None,
        id => Some(RegionId(
            id.parse().map_err(|_| AppError::field("region", "Select a region from the list"))?,
        )),
    };
    let status = match status.as_str() {
        "" => None,
        "active" => Some(AccountStatus::Active),
        "unconfirmed" => Some(AccountStatus::Unconfirmed),
        "deactivated" => Some(AccountStatus::Deactivated),
        _ => return Err(AppError::field("status", "Select a status from the list")),
    };
    if text.chars().count() > 100 {
        return Err(AppError::field("text", "Search for 100 characters or fewer"));
    }
    let filter = PeopleFilter { text: Some(text), role, region, status };
    let offset = page.clamp(1, 1_000_000).saturating_sub(1) * PAGE_SIZE;
    let db = &request.state.db;
    Ok(PeopleList {
        page: db.list_people(&filter, PAGE_SIZE, offset).await?,
        organisations: db.organisations().await?,
    })
}
