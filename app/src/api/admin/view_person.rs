use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::ids::PersonId;
use crate::domain::organisation::Organisations;
use crate::domain::person::Profile;
use crate::error::AppError;

/// One person as an admin manages them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonDetail {
    pub profile: Profile,
    pub organisations: Organisations,
    /// Whether this is the admin looking at themselves (who may not remove their own access).
    pub is_self: bool,
}

/// One person's details and roles (admins only).
#[server(endpoint = "admin/view_person")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "view_person", skip_all))]
pub async fn view_person(person: PersonId) -> Result<PersonDetail, AppError> {
    let request = crate::ssr::request::Request::current().await?;
    let admin = request.require_admin()?.person;
    let db = &request.state.db;
    let profile = db.profile(person).await?.ok_or(AppError::NotFound)?;
    Ok(PersonDetail { is_self: profile.id == admin, profile, organisations: db.organisations().await? })
}
