use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::ids::PracticeId;
use crate::domain::organisation::Organisations;
use crate::domain::role::Role;
use crate::error::AppError;

/// An invitation as its acceptance page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    pub email: String,
    pub roles: Vec<Role>,
    pub practice: Option<PracticeId>,
    /// For learners choosing their practice.
    pub organisations: Organisations,
}

/// The invitation a link opens, or `None` if it has expired or been used.
#[server(endpoint = "account/view_invitation")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "view_invitation", skip_all))]
pub async fn view_invitation(token: String) -> Result<Option<InvitationView>, AppError> {
    let request = crate::ssr::request::Request::current().await?;
    let Some(invitation) = crate::ssr::account::invitations::open_invitation(&request, &token).await? else {
        return Ok(None);
    };
    let organisations = request.state.db.organisations().await?;
    Ok(Some(InvitationView {
        email: invitation.email,
        roles: invitation.roles,
        practice: invitation.practice,
        organisations,
    }))
}
