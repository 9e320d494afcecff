//! Invitations: an admin invites anyone with any roles; a deanery lead invites learners to the
//! practices of their own region. The emailed link is single-use and lasts a week.

use std::time::Duration;

use secrecy::SecretString;

use crate::domain::audit::AuditAction;
use crate::domain::career_stage::CareerStage;
use crate::domain::email::EmailAddress;
use crate::domain::gmc_number::GmcNumber;
use crate::domain::ids::{PersonId, PracticeId, RegionId};
use crate::domain::person_name::PersonName;
use crate::domain::role::Role;
use crate::error::AppError;
use crate::ssr::account::sign_in::start_session_for;
use crate::ssr::auth::tokens::{hash_token, new_session_key, new_token};
use crate::ssr::clock::millis;
use crate::ssr::db::invitations::{NewInvitation, OpenInvitation};
use crate::ssr::db::{NewPerson, is_unique_violation};
use crate::ssr::request::Request;

/// An invitation's address is known to its holder, so saying it is taken reveals nothing new.
const EMAIL_TAKEN: &str = "An account already exists for this email address: sign in, or reset your password";

pub const INVITATION_LIFETIME: Duration = Duration::from_secs(7 * 24 * 3600);

/// Who to invite, with what.
pub struct Invitation {
    pub email: EmailAddress,
    pub roles: Vec<Role>,
    /// The region a deanery lead will cover.
    pub region: Option<RegionId>,
    /// The practice a learner will belong to.
    pub practice: Option<PracticeId>,
}

/// Checks that the signed-in person may send this invitation, then creates and emails it.
pub async fn invite(request: &Request, invitation: Invitation) -> Result<(), AppError> {
    let principal = request.user()?.principal.clone();
    let db = &request.state.db;
    let practice_region = match invitation.practice {
        Some(practice) => Some(
            db.open_practice_region(practice)
                .await?
                .ok_or_else(|| AppError::field("practice", "Select a practice"))?,
        ),
        None => None,
    };
    if !principal.is_admin() {
        let lead_may_invite = invitation.roles == [Role::Learner]
            && practice_region.is_some_and(|region| principal.oversees(region));
        if !lead_may_invite {
            return Err(AppError::Forbidden);
        }
    }
    if invitation.roles.contains(&Role::DeaneryLead) {
        let region =
            invitation.region.ok_or_else(|| AppError::field("region", "Select the region they will lead"))?;
        if !db.region_is_open(region).await? {
            return Err(AppError::field("region", "Select the region they will lead"));
        }
    }
    if db.email_taken(&invitation.email).await? {
        return Err(AppError::field("email", "An account already exists for this email address"));
    }

    let (token, token_hash) = new_token();
    let now = request.now_ms();
    let roles: Vec<&str> = invitation.roles.iter().map(|r| r.label()).collect();
    let detail = format!("as {}", roles.join(", "));
    let new = NewInvitation {
        email: &invitation.email,
        roles: &invitation.roles,
        region: invitation.region.filter(|_| invitation.roles.contains(&Role::DeaneryLead)),
        practice: invitation.practice,
        token_hash: &token_hash,
        invited_by: principal.person,
        expires_ms: now + millis(INVITATION_LIFETIME),
    };
    db.create_invitation(&new, &request.audit(AuditAction::Invited, None, &detail), now).await?;
    let inviter = request.user()?.name.clone();
    let link = request.state.site.link(&format!("/invitations/accept?token={token}"));
    let text = format!(
        "{inviter} has invited you to Casebook, case-based learning for general practice, {detail}.\n\n\
         To accept, open this link within the next 7 days and choose your password:\n\n{link}\n\n\
         The link works once. If you were not expecting this, you can ignore this email.\n"
    );
    request.state.mailer.send(invitation.email.as_str(), "You are invited to Casebook", text).await
}

/// The invitation a link opens, if it can still be accepted.
pub async fn open_invitation(request: &Request, token: &str) -> Result<Option<OpenInvitation>, AppError> {
    Ok(request.state.db.open_invitation(&hash_token(token), request.now_ms()).await?)
}

/// What the invited person tells us about themselves.
pub struct Acceptance {
    pub name: PersonName,
    pub password: SecretString,
    pub gmc_number: Option<GmcNumber>,
    pub practice: Option<PracticeId>,
    pub career_stage: Option<CareerStage>,
}

/// Creates the account the invitation describes, and signs the person in.
pub async fn accept(
    request: &mut Request,
    invitation: OpenInvitation,
    acceptance: Acceptance,
) -> Result<PersonId, AppError> {
    let db = request.state.db.clone();
    let learner = invitation.roles.contains(&Role::Learner);
    let practice = if learner {
        let practice =
            acceptance.practice.ok_or_else(|| AppError::field("practice", "Select your practice"))?;
        db.open_practice_region(practice)
            .await?
            .ok_or_else(|| AppError::field("practice", "Select your practice"))?;
        Some(practice)
    } else {
        None
    };
    let career_stage = match (learner, acceptance.career_stage) {
        (true, None) => return Err(AppError::field("career_stage", "Select your career stage")),
        (true, stage) => stage,
        (false, _) => None,
    };
    let password_hash = request.state.hasher.hash(acceptance.password).await?;
    let session_key = new_session_key();
    let email = EmailAddress::from_trusted(invitation.email.clone());
    let grants = invitation.grants();
    let person = NewPerson {
        email: &email,
        name: acceptance.name.as_str(),
        password_hash: &password_hash,
        session_key: &session_key,
        gmc_number: acceptance.gmc_number.as_ref().map(GmcNumber::as_str),
        practice,
        career_stage,
        grants: &grants,
        granted_by: Some(invitation.invited_by),
        email_confirmed: true,
    };
    let audit = request.audit(AuditAction::InvitationAccepted, None, "");
    let gone = || AppError::field("full_name", "This invitation has expired or been used. Ask for a new one");
    let id = match db.accept_invitation(invitation.id, &person, &audit, request.now_ms()).await {
        Ok(Some(id)) => id,
        Ok(None) => return Err(gone()),
        Err(error) if is_unique_violation(&error) => return Err(AppError::field("full_name", EMAIL_TAKEN)),
        Err(error) => return Err(error.into()),
    };
    start_session_for(request, id).await?;
    Ok(id)
}
