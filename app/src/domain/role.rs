//! Roles and what they allow. A person may hold several; a deanery lead's role is tied to one region.

use serde::{Deserialize, Serialize};

use super::ids::{PersonId, RegionId};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Role {
    /// A GP or GP trainee taking modules.
    Learner,
    /// Writes and reviews content.
    Trainer,
    /// Sees reports for one region, and invites learners to it.
    DeaneryLead,
    /// Manages organisations, people and roles; sees everything.
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Learner, Role::Trainer, Role::DeaneryLead, Role::Admin];

    pub fn code(self) -> &'static str {
        match self {
            Role::Learner => "learner",
            Role::Trainer => "trainer",
            Role::DeaneryLead => "deanery_lead",
            Role::Admin => "admin",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Learner => "Learner",
            Role::Trainer => "Trainer",
            Role::DeaneryLead => "Deanery lead",
            Role::Admin => "Administrator",
        }
    }

    pub fn parse(code: &str) -> Result<Self, String> {
        Self::ALL.into_iter().find(|r| r.code() == code).ok_or_else(|| format!("Unknown role {code:?}"))
    }
}

/// The roles whose checkboxes were ticked: one optional form field per role (see
/// `RoleCheckboxes`), present when ticked.
pub fn ticked_roles(
    learner: Option<String>,
    trainer: Option<String>,
    lead: Option<String>,
    admin: Option<String>,
) -> Vec<Role> {
    [(learner, Role::Learner), (trainer, Role::Trainer), (lead, Role::DeaneryLead), (admin, Role::Admin)]
        .into_iter()
        .filter_map(|(ticked, role)| ticked.map(|_| role))
        .collect()
}

/// One role held by a person; a deanery lead's grant names the region it covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RoleGrant {
    pub role: Role,
    pub region: Option<RegionId>,
}

/// Who is making a request: their id and every role they hold.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Principal {
    pub person: PersonId,
    pub grants: Vec<RoleGrant>,
}

impl Principal {
    pub fn has(&self, role: Role) -> bool {
        self.grants.iter().any(|g| g.role == role)
    }

    pub fn is_admin(&self) -> bool {
        self.has(Role::Admin)
    }

    /// The regions this person leads.
    pub fn led_regions(&self) -> impl Iterator<Item = RegionId> + '_ {
        self.grants.iter().filter(|g| g.role == Role::DeaneryLead).filter_map(|g| g.region)
    }

    /// Whether this person may see a region's people and reports: its lead, or an admin.
    pub fn oversees(&self, region: RegionId) -> bool {
        self.is_admin() || self.led_regions().any(|r| r == region)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn principal(grants: &[(Role, Option<i64>)]) -> Principal {
        Principal {
            person: PersonId(1),
            grants: grants
                .iter()
                .map(|(role, region)| RoleGrant { role: *role, region: region.map(RegionId) })
                .collect(),
        }
    }

    #[test]
    fn a_lead_oversees_only_their_own_region() {
        let lead = principal(&[(Role::DeaneryLead, Some(1)), (Role::Learner, None)]);
        assert!(lead.oversees(RegionId(1)));
        assert!(!lead.oversees(RegionId(2)));
        assert!(!lead.is_admin());
    }

    #[test]
    fn an_admin_oversees_every_region_and_a_learner_none() {
        assert!(principal(&[(Role::Admin, None)]).oversees(RegionId(7)));
        assert!(!principal(&[(Role::Learner, None)]).oversees(RegionId(7)));
    }

    #[test]
    fn ticked_boxes_become_roles_in_order() {
        let on = || Some("on".to_owned());
        assert_eq!(ticked_roles(None, on(), None, on()), [Role::Trainer, Role::Admin]);
        assert!(ticked_roles(None, None, None, None).is_empty());
    }

    #[test]
    fn role_codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.code()), Ok(role));
        }
        assert!(Role::parse("superuser").is_err());
    }
}
