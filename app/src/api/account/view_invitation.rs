use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::ids::PracticeId;
use crate::domain::organisation::PracticeChoice;
use crate::domain::role::Role;
use crate::error::AppError;

/// An invitation as its acceptance page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    pub email: String,
    pub roles: Vec<Role>,
    pub practice: Option<PracticeId>,
    /// For learners choosing their practice (the invitation's, unless they choose another).
    pub practice_choice: PracticeChoice,
}

/// The invitation a link opens, or `None` if it has expired or been used; `practice_search` and
/// `practice` drive its practice chooser.
#[server(endpoint = "account/view_invitation")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "view_invitation", skip_all))]
pub async fn view_invitation(
    token: String,
    practice_search: Option<String>,
    practice: Option<String>,
) -> Result<Option<InvitationView>, AppError> {
    let request = crate::ssr::request::Request::current().await?;
    let Some(invitation) = crate::ssr::account::invitations::open_invitation(&request, &token).await? else {
        return Ok(None);
    };
    let db = &request.state.db;
    let held = invitation.practice;
    let practice_choice =
        crate::ssr::ods::practice_choice(db, practice_search.as_deref(), practice.as_deref(), held, |_| true)
            .await?;
    Ok(Some(InvitationView {
        email: invitation.email,
        roles: invitation.roles,
        practice: invitation.practice,
        practice_choice,
    }))
}
