use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::organisation::Organisations;
use crate::domain::person::{LeadContact, Profile};
use crate::error::AppError;

/// Everything the account page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub profile: Profile,
    pub organisations: Organisations,
    /// The leads of the person's region, who see their records in aggregate only.
    pub leads: Vec<LeadContact>,
    /// Whether follow-up emails (boosters, the twelve-week follow-up, reminders) are on.
    pub reminders_on: bool,
}

/// The signed-in person's own account.
#[server(endpoint = "account/view_account")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "view_account", skip_all))]
pub async fn view_account() -> Result<AccountView, AppError> {
    let request = crate::ssr::request::Request::current().await?;
    let person = request.user()?.principal.person;
    let db = &request.state.db;
    let profile = db.profile(person).await?.ok_or(AppError::NotFound)?;
    let leads = match profile.region_id {
        Some(region) => db.leads_of_region(region).await?,
        None => Vec::new(),
    };
    let reminders_on = db.reminders_on(person).await?;
    Ok(AccountView { profile, organisations: db.organisations().await?, leads, reminders_on })
}
