//! People as pages show them: in lists, on their own account page, and in the audit log.

use serde::{Deserialize, Serialize};

use super::career_stage::CareerStage;
use super::ids::{PersonId, PracticeId, RegionId};
use super::role::{Principal, RoleGrant};

/// The signed-in person, as every page's header and every permission check sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub principal: Principal,
    pub name: String,
}

/// One row of the people list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonSummary {
    pub id: PersonId,
    pub name: String,
    pub email: String,
    pub grants: Vec<RoleGrant>,
    pub practice: Option<String>,
    pub region: Option<String>,
    pub active: bool,
    /// Whether they have confirmed their email address (self-registered accounts must).
    pub email_confirmed: bool,
}

/// A page of the people list and how many match in all.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeoplePage {
    pub people: Vec<PersonSummary>,
    pub total: i64,
}

/// What a person can see and change about themselves.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub id: PersonId,
    pub name: String,
    pub email: String,
    pub gmc_number: Option<String>,
    pub practice_id: Option<PracticeId>,
    pub career_stage: Option<CareerStage>,
    pub grants: Vec<RoleGrant>,
    /// The region of the person's practice, whose lead sees their records in aggregate.
    pub region_id: Option<RegionId>,
    pub active: bool,
    /// Whether they have confirmed their email address (self-registered accounts must).
    pub email_confirmed: bool,
}

/// A deanery lead, as listed to the learners whose records they can see in aggregate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadContact {
    pub name: String,
    pub region: String,
}
