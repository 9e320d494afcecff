use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::organisation::{PracticeChoice, PracticeMatch, Region};
use crate::domain::person::{LeadContact, Profile};
use crate::error::AppError;

/// Everything the account page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub profile: Profile,
    /// Every region, to name the regions of the person's roles.
    pub regions: Vec<Region>,
    /// The practice they are registered at.
    pub practice: Option<PracticeMatch>,
    /// The practice chooser of the details form (learners).
    pub practice_choice: PracticeChoice,
    /// The leads of the person's region, who see their records in aggregate only.
    pub leads: Vec<LeadContact>,
    /// Whether follow-up emails (boosters, the twelve-week follow-up, reminders) are on.
    pub reminders_on: bool,
}

/// The signed-in person's own account; `practice_search` and `practice` drive the details form's
/// practice chooser.
#[server(endpoint = "account/view_account")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "view_account", skip_all))]
pub async fn view_account(
    practice_search: Option<String>,
    practice: Option<String>,
) -> Result<AccountView, AppError> {
    let request = crate::ssr::request::Request::current().await?;
    let person = request.user()?.principal.person;
    let db = &request.state.db;
    let profile = db.profile(person).await?.ok_or(AppError::NotFound)?;
    let leads = match profile.region_id {
        Some(region) => db.leads_of_region(region).await?,
        None => Vec::new(),
    };
    let reminders_on = db.reminders_on(person).await?;
    let saved = match profile.practice_id {
        Some(id) => db.practice_match(id).await?,
        None => None,
    };
    let held = profile.practice_id;
    let practice_choice =
        crate::ssr::ods::practice_choice(db, practice_search.as_deref(), practice.as_deref(), held, |_| true)
            .await?;
    let regions = db.organisations().await?.regions;
    Ok(AccountView { profile, regions, practice: saved, practice_choice, leads, reminders_on })
}
