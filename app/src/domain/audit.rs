//! The audit log's vocabulary: what happened, to whom, by whom.

use serde::{Deserialize, Serialize};

use super::ids::PersonId;

macro_rules! actions {
    ($($variant:ident => $code:literal, $label:literal;)+) => {
        /// Every kind of event the audit log records.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum AuditAction { $($variant),+ }

        impl AuditAction {
            pub const ALL: &[AuditAction] = &[$(AuditAction::$variant),+];

            /// The value stored in the database and used in filters.
            pub fn code(self) -> &'static str {
                match self { $(AuditAction::$variant => $code),+ }
            }

            pub fn label(self) -> &'static str {
                match self { $(AuditAction::$variant => $label),+ }
            }

            pub fn parse(code: &str) -> Option<Self> {
                match code { $($code => Some(AuditAction::$variant),)+ _ => None }
            }
        }
    };
}

actions! {
    SignIn => "sign_in", "Signed in";
    SignInFailed => "sign_in_failed", "Failed sign-in";
    SignOut => "sign_out", "Signed out";
    Registered => "registered", "Registered";
    EmailConfirmed => "email_confirmed", "Confirmed email address";
    PasswordChanged => "password_changed", "Changed password";
    PasswordResetRequested => "password_reset_requested", "Asked to reset password";
    PasswordReset => "password_reset", "Reset password";
    ProfileUpdated => "profile_updated", "Updated profile";
    Invited => "invited", "Invited someone";
    InvitationAccepted => "invitation_accepted", "Accepted an invitation";
    RolesChanged => "roles_changed", "Changed roles";
    Deactivated => "deactivated", "Deactivated an account";
    Reactivated => "reactivated", "Reactivated an account";
    OrganisationChanged => "organisation_changed", "Changed an organisation";
    PracticesImported => "practices_imported", "Imported practices from NHS ODS";
    DataExported => "data_exported", "Exported data";
    ModuleImported => "module_imported", "Imported a module";
    StatementsExported => "statements_exported", "Exported learning records (xAPI)";
    VersionMovedOn => "version_moved_on", "Moved a module version through review";
    ModuleStarted => "module_started", "Started a new module";
    PrescribingImported => "prescribing_imported", "Imported practices' prescribing";
    ListSizesImported => "list_sizes_imported", "Imported practices' list sizes";
    CampaignChanged => "campaign_changed", "Created or changed a campaign";
}

/// One event, as the audit page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at_ms: i64,
    pub action: String,
    pub actor: Option<(PersonId, String)>,
    pub subject: Option<(PersonId, String)>,
    pub detail: String,
    pub client_address: Option<String>,
}

/// A page of the audit log and how many events match in all.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub total: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_unique() {
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::parse(action.code()), Some(*action));
        }
        let mut codes: Vec<_> = AuditAction::ALL.iter().map(|a| a.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), AuditAction::ALL.len());
    }
}
