use leptos::prelude::*;

use crate::error::AppError;

/// Starts the latest published version of a module, or resumes the attempt in progress (so a
/// double click starts one attempt). Returns the attempt's address; a form posted without
/// JavaScript is redirected there.
#[server(endpoint = "learning/start_module")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "start_module", skip_all))]
pub async fn start_module(slug: String) -> Result<String, AppError> {
    use crate::domain::learning::journey::first_step;
    use crate::domain::role::Role;
    use crate::ssr::db::attempts::NewAttempt;
    use crate::ssr::evidence::xapi::{Situation, launched};

    let request = crate::ssr::request::Request::current().await?;
    let person = request.require(Role::Learner)?.person;
    let db = &request.state.db;
    if !db.email_confirmed(person).await? {
        return Err(AppError::field(
            "slug",
            "Confirm your email address before you start a module: open the link we emailed you, \
             or ask for a new one at /confirm-email",
        ));
    }
    let version = db.published_version(&slug).await?.ok_or(AppError::NotFound)?;
    let attempt = match db.open_attempt(person, version.summary.module).await? {
        Some(open) => open,
        None => {
            let public_id = uuid::Uuid::new_v4().to_string();
            let first = first_step().to_string();
            let situation = Situation {
                site: &request.state.site.public_url,
                person,
                registration: &public_id,
                module: &version.definition,
                version_number: version.summary.number,
                now_ms: request.now_ms(),
            };
            let new = NewAttempt {
                public_id: &public_id,
                person,
                module: version.summary.module,
                version: version.summary.version,
                first_step: &first,
                launched: &launched(&situation),
            };
            db.start_attempt(&new, request.now_ms()).await?
        }
    };
    let path = format!("/attempts/{}", attempt.public_id);
    request.redirect_form(&path);
    Ok(path)
}
