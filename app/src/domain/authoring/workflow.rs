//! The life of a module version, and who may move it on. A draft is written and edited by trainers;
//! sending it for review needs it to pass validation; a second trainer, who neither wrote nor sent
//! it, signs it off (or sends it back with comments); a signed-off version is published, with a date
//! by which it must be reviewed again; a published version is retired when it should no longer be
//! started. A published version is never edited: a new draft is made from it.

use serde::{Deserialize, Serialize};

use crate::domain::curriculum::module::VersionStatus;
use crate::domain::ids::PersonId;
use crate::domain::role::{Principal, Role};

/// Something an author or reviewer does to a version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    Edit,
    SendForReview,
    SignOff,
    RequestChanges,
    Publish,
    Retire,
    /// Start the next version as a draft copy of this one.
    NewDraft,
}

impl Action {
    pub const ALL: [Action; 7] = [
        Action::Edit,
        Action::SendForReview,
        Action::SignOff,
        Action::RequestChanges,
        Action::Publish,
        Action::Retire,
        Action::NewDraft,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Action::Edit => "edit",
            Action::SendForReview => "send-for-review",
            Action::SignOff => "sign-off",
            Action::RequestChanges => "request-changes",
            Action::Publish => "publish",
            Action::Retire => "retire",
            Action::NewDraft => "new-draft",
        }
    }

    pub fn parse(code: &str) -> Option<Action> {
        Self::ALL.into_iter().find(|a| a.code() == code)
    }
}

/// What the rules need to know about a version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionFacts {
    pub status: VersionStatus,
    /// Who made the version (imported it, or started the draft).
    pub created_by: Option<PersonId>,
    /// Who sent it for review, while it is in review.
    pub submitted_by: Option<PersonId>,
    /// Whether a reviewer has signed off the version as it now stands.
    pub signed_off: bool,
    /// Whether it passes every rule of the curriculum model.
    pub valid: bool,
    /// Whether the module already has a draft or a version in review (only one at a time).
    pub module_has_open_version: bool,
}

/// Why an action is not allowed, in words for the person who tried.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal(pub &'static str);

/// Whether `who` may take `action` on a version with these `facts`.
pub fn check(action: Action, who: &Principal, facts: &VersionFacts) -> Result<(), Refusal> {
    let author = who.has(Role::Trainer) || who.is_admin();
    if !author {
        return Err(Refusal("Only trainers and admins write and review modules"));
    }
    use VersionStatus::*;
    match (action, facts.status) {
        (Action::Edit, Draft) => Ok(()),
        (Action::Edit, InReview) => {
            Err(Refusal("This version is in review: ask the reviewer to send it back first"))
        }
        (Action::Edit, _) => {
            Err(Refusal("A published or retired version never changes: start a new draft from it"))
        }
        (Action::SendForReview, Draft) if !facts.valid => {
            Err(Refusal("Fix the problems listed before sending this version for review"))
        }
        (Action::SendForReview, Draft) => Ok(()),
        (Action::SignOff | Action::RequestChanges, InReview) => reviewer(who, facts),
        (Action::Publish, InReview) if facts.signed_off => Ok(()),
        (Action::Publish, InReview) => {
            Err(Refusal("A second trainer must sign this version off before it is published"))
        }
        (Action::Retire, Published) => Ok(()),
        (Action::NewDraft, Published | Retired) if facts.module_has_open_version => {
            Err(Refusal("This module already has a draft or a version in review: work on that one"))
        }
        (Action::NewDraft, Published | Retired) => Ok(()),
        _ => Err(Refusal(wrong_state(action))),
    }
}

/// Clinical sign-off is a second trainer's judgement: not the version's author, nor whoever sent it.
fn reviewer(who: &Principal, facts: &VersionFacts) -> Result<(), Refusal> {
    if !who.has(Role::Trainer) {
        return Err(Refusal("Only a trainer can give clinical sign-off"));
    }
    if facts.created_by == Some(who.person) || facts.submitted_by == Some(who.person) {
        return Err(Refusal("Sign-off must come from a trainer other than the version's author"));
    }
    Ok(())
}

fn wrong_state(action: Action) -> &'static str {
    match action {
        Action::Edit => "Only a draft can be edited",
        Action::SendForReview => "Only a draft can be sent for review",
        Action::SignOff | Action::RequestChanges => "Only a version in review can be signed off or sent back",
        Action::Publish => "Only a version in review, once signed off, can be published",
        Action::Retire => "Only a published version can be retired",
        Action::NewDraft => "A new draft is made from a published or retired version",
    }
}

/// The status a version moves to after `action` (the same one for actions that do not move it).
pub fn next_status(action: Action, status: VersionStatus) -> VersionStatus {
    match action {
        Action::SendForReview => VersionStatus::InReview,
        Action::RequestChanges => VersionStatus::Draft,
        Action::Publish => VersionStatus::Published,
        Action::Retire => VersionStatus::Retired,
        Action::Edit | Action::SignOff | Action::NewDraft => status,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::RegionId;
    use crate::domain::role::RoleGrant;

    fn person(id: i64, roles: &[Role]) -> Principal {
        Principal {
            person: PersonId(id),
            grants: roles.iter().map(|&role| RoleGrant { role, region: None::<RegionId> }).collect(),
        }
    }

    fn facts(status: VersionStatus) -> VersionFacts {
        VersionFacts {
            status,
            created_by: Some(PersonId(1)),
            submitted_by: (status == VersionStatus::InReview).then_some(PersonId(1)),
            signed_off: false,
            valid: true,
            module_has_open_version: false,
        }
    }

    #[test]
    fn learners_and_leads_take_no_authoring_action() {
        for roles in [&[Role::Learner][..], &[Role::DeaneryLead]] {
            for action in Action::ALL {
                for status in VersionStatus::ALL {
                    assert!(
                        check(action, &person(9, roles), &facts(status)).is_err(),
                        "{action:?} {status:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn only_drafts_are_edited_and_only_valid_drafts_go_for_review() {
        let trainer = person(1, &[Role::Trainer]);
        assert!(check(Action::Edit, &trainer, &facts(VersionStatus::Draft)).is_ok());
        for status in [VersionStatus::InReview, VersionStatus::Published, VersionStatus::Retired] {
            assert!(check(Action::Edit, &trainer, &facts(status)).is_err(), "{status:?}");
        }
        let invalid = VersionFacts { valid: false, ..facts(VersionStatus::Draft) };
        assert_eq!(
            check(Action::SendForReview, &trainer, &invalid),
            Err(Refusal("Fix the problems listed before sending this version for review"))
        );
        assert!(check(Action::SendForReview, &trainer, &facts(VersionStatus::Draft)).is_ok());
    }

    #[test]
    fn sign_off_needs_a_second_trainer() {
        let in_review = facts(VersionStatus::InReview);
        let author = person(1, &[Role::Trainer]);
        let second = person(2, &[Role::Trainer]);
        let admin = person(3, &[Role::Admin]);
        assert!(check(Action::SignOff, &author, &in_review).is_err());
        assert!(
            check(Action::SignOff, &admin, &in_review).is_err(),
            "sign-off is clinical, not administrative"
        );
        assert!(check(Action::SignOff, &second, &in_review).is_ok());
        assert!(check(Action::RequestChanges, &second, &in_review).is_ok());
        let sent_by_second = VersionFacts { submitted_by: Some(PersonId(2)), ..in_review };
        assert!(check(Action::SignOff, &second, &sent_by_second).is_err());
    }

    #[test]
    fn publishing_needs_a_sign_off() {
        let author = person(1, &[Role::Trainer]);
        assert!(check(Action::Publish, &author, &facts(VersionStatus::InReview)).is_err());
        let signed = VersionFacts { signed_off: true, ..facts(VersionStatus::InReview) };
        assert!(check(Action::Publish, &author, &signed).is_ok());
        assert!(check(Action::Publish, &author, &facts(VersionStatus::Draft)).is_err());
    }

    #[test]
    fn published_versions_are_retired_or_copied_into_one_new_draft() {
        let trainer = person(1, &[Role::Trainer]);
        assert!(check(Action::Retire, &trainer, &facts(VersionStatus::Published)).is_ok());
        assert!(check(Action::Retire, &trainer, &facts(VersionStatus::Draft)).is_err());
        assert!(check(Action::NewDraft, &trainer, &facts(VersionStatus::Published)).is_ok());
        let open = VersionFacts { module_has_open_version: true, ..facts(VersionStatus::Published) };
        assert!(check(Action::NewDraft, &trainer, &open).is_err());
    }

    #[test]
    fn statuses_move_as_the_workflow_says() {
        use VersionStatus::*;
        assert_eq!(next_status(Action::SendForReview, Draft), InReview);
        assert_eq!(next_status(Action::RequestChanges, InReview), Draft);
        assert_eq!(next_status(Action::SignOff, InReview), InReview);
        assert_eq!(next_status(Action::Publish, InReview), Published);
        assert_eq!(next_status(Action::Retire, Published), Retired);
    }

    #[test]
    fn action_codes_round_trip() {
        for action in Action::ALL {
            assert_eq!(Action::parse(action.code()), Some(action));
        }
        assert_eq!(Action::parse("delete"), None);
    }
}
