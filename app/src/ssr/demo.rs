//! Demonstration data for trying Casebook on a laptop: two fictional regions with practices, and one
//! account for each role (listed in the README). Created only on an empty embedded (SQLite) database
//! in development; never in production or on PostgreSQL.

use secrecy::SecretString;

use crate::domain::career_stage::CareerStage;
use crate::domain::role::Role;
use crate::error::AppError;
use crate::ssr::state::AppState;

/// The password of every demo account (printed in the README; demo only).
pub const DEMO_PASSWORD: &str = "casebook-demo-2026";

pub struct DemoRegion {
    pub name: &'static str,
    /// ODS codes and names. Codes starting with Z are not used by real English practices.
    pub practices: &'static [(&'static str, &'static str)],
}

pub struct DemoPerson {
    pub email: &'static str,
    pub name: &'static str,
    pub roles: &'static [Role],
    /// Index into [`REGIONS`] of the region a deanery lead covers.
    pub leads_region: Option<usize>,
    pub practice: Option<&'static str>,
    pub career_stage: Option<CareerStage>,
    pub gmc_number: Option<&'static str>,
}

pub const REGIONS: &[DemoRegion] = &[
    DemoRegion {
        name: "Northshire Training Hub",
        practices: &[("Z00001", "Riverside Surgery"), ("Z00002", "Castle Street Medical Centre")],
    },
    DemoRegion {
        name: "Southvale Deanery",
        practices: &[("Z00003", "Harbour View Practice"), ("Z00004", "Meadowbank Health Centre")],
    },
];

pub const PEOPLE: &[DemoPerson] = &[
    DemoPerson {
        email: "learner@casebook.example",
        name: "Dr Sam Okafor",
        roles: &[Role::Learner],
        leads_region: None,
        practice: Some("Z00001"),
        career_stage: Some(CareerStage::Gp),
        gmc_number: Some("7000001"),
    },
    DemoPerson {
        email: "trainee@casebook.example",
        name: "Dr Jo Evans",
        roles: &[Role::Learner],
        leads_region: None,
        practice: Some("Z00003"),
        career_stage: Some(CareerStage::GpTrainee),
        gmc_number: None,
    },
    DemoPerson {
        email: "trainer@casebook.example",
        name: "Dr Helen Marsh",
        roles: &[Role::Trainer, Role::Learner],
        leads_region: None,
        practice: Some("Z00002"),
        career_stage: Some(CareerStage::Gp),
        gmc_number: Some("7000003"),
    },
    DemoPerson {
        email: "reviewer@casebook.example",
        name: "Dr Samuel Okafor",
        roles: &[Role::Trainer],
        leads_region: None,
        practice: None,
        career_stage: None,
        gmc_number: None,
    },
    DemoPerson {
        email: "lead.north@casebook.example",
        name: "Dr Ravi Menon",
        roles: &[Role::DeaneryLead],
        leads_region: Some(0),
        practice: None,
        career_stage: None,
        gmc_number: None,
    },
    DemoPerson {
        email: "lead.south@casebook.example",
        name: "Dr Claire Doyle",
        roles: &[Role::DeaneryLead],
        leads_region: Some(1),
        practice: None,
        career_stage: None,
        gmc_number: None,
    },
    DemoPerson {
        email: "admin@casebook.example",
        name: "Alex Morgan",
        roles: &[Role::Admin],
        leads_region: None,
        practice: None,
        career_stage: None,
        gmc_number: None,
    },
];

/// The demo password, hashed (demo and generated accounts share it).
pub async fn demo_password_hash(
    hasher: &crate::ssr::auth::password::PasswordHasher,
) -> Result<String, AppError> {
    hasher.hash(SecretString::from(DEMO_PASSWORD.to_owned())).await
}

/// Adds the demo organisations and accounts if nobody has an account yet. Returns whether it did.
pub async fn seed_if_empty(state: &AppState) -> Result<bool, AppError> {
    if state.db.has_people().await? {
        return Ok(false);
    }
    let hash = demo_password_hash(&state.hasher).await?;
    state.db.seed_demo(REGIONS, PEOPLE, &hash, state.clock.now_ms()).await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{email::EmailAddress, gmc_number::GmcNumber, ods_code::OdsCode};
    use crate::ssr::auth::password_policy::parse_new_password;

    #[test]
    fn demo_data_obeys_the_rules_real_data_must() {
        assert!(parse_new_password(DEMO_PASSWORD.into(), &[]).is_ok());
        for region in REGIONS {
            for (code, _) in region.practices {
                assert!(OdsCode::parse(code).is_ok(), "{code}");
            }
        }
        for person in PEOPLE {
            assert!(EmailAddress::parse(person.email).is_ok(), "{}", person.email);
            assert!(
                person.gmc_number.is_none_or(|n| GmcNumber::parse_optional(n).is_ok_and(|n| n.is_some()))
            );
            assert_eq!(person.roles.contains(&Role::DeaneryLead), person.leads_region.is_some());
        }
        for role in Role::ALL {
            assert!(PEOPLE.iter().any(|p| p.roles.contains(&role)), "a demo account for {role:?}");
        }
    }
}
