use leptos::prelude::*;

use crate::error::AppError;

/// Moves a version through the workflow: send for review, sign off, request changes, publish,
/// retire, or start a new draft from it. `revision` is the revision the person was looking at, so
/// nothing is signed off or published that they have not seen.
#[server(endpoint = "authoring/move_version")]
pub async fn move_version(
    version: i64,
    action: String,
    revision: i64,
    comments: Option<String>,
    review_by: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::audit::AuditAction;
    use crate::domain::authoring::review::COMMENTS_MAX_CHARS;
    use crate::domain::authoring::workflow::Action;
    use crate::domain::text::long_text;
    use crate::ssr::authoring::load_for;
    use crate::ssr::db::authoring::StatusChange;

    let request = crate::ssr::request::Request::current().await?;
    let action = Action::parse(&action).filter(|a| *a != Action::Edit).ok_or_else(|| {
        AppError::BadRequest("Unknown action: use the buttons on the version's page".into())
    })?;
    let (authoring, who) = load_for(&request, version, action).await?;
    let stored = &authoring.record.stored;
    let now = request.now_ms();
    let comments = comments.unwrap_or_default();
    let keep = [("comments", comments.as_str()), ("review_by", review_by.as_deref().unwrap_or(""))];
    let comments = match action {
        Action::RequestChanges => long_text(&comments, "what needs to change", COMMENTS_MAX_CHARS)
            .map_err(|m| AppError::field("comments", m).with_values(&keep))?,
        Action::SignOff if comments.trim().is_empty() => String::new(),
        Action::SignOff => long_text(&comments, "your comments", COMMENTS_MAX_CHARS)
            .map_err(|m| AppError::field("comments", m).with_values(&keep))?,
        _ => String::new(),
    };
    let review_by = match action {
        Action::Publish => Some(
            crate::domain::authoring::review::review_date(review_by.as_deref().unwrap_or(""), now)
                .map_err(|m| AppError::field("review_by", m).with_values(&keep))?,
        ),
        _ => None,
    };
    let detail = format!("{} version {} of {}", action.code(), stored.summary.number, stored.summary.slug);
    let audit = request.audit(AuditAction::VersionMovedOn, None, &detail);
    let db = &request.state.db;
    let destination = if action == Action::NewDraft {
        let created = db.new_draft_from(stored, who.person, &audit, now).await?;
        let (draft, number) = created.ok_or_else(|| {
            AppError::Conflict(
                "This module already has a draft or a version in review: work on that one".into(),
            )
        })?;
        crate::ssr::flash::keep_notice(
            &request.auth.session,
            &format!("Version {number} started as a draft"),
        )
        .await;
        draft.0
    } else {
        let change = StatusChange {
            version: stored.summary.version,
            action,
            seen: (stored.summary.status, revision),
            by: who.person,
            now_ms: now,
            review_by,
            comments: &comments,
            audit: &audit,
        };
        if !db.change_status(&change).await? {
            return Err(AppError::Conflict(
                "This version changed while you were looking at it. Check it as it stands now, then try again."
                    .into(),
            ));
        }
        crate::ssr::flash::keep_notice(&request.auth.session, done(action)).await;
        version
    };
    leptos_axum::redirect(&format!("/author/versions/{destination}"));
    Ok(())
}

#[cfg(feature = "ssr")]
fn done(action: crate::domain::authoring::workflow::Action) -> &'static str {
    use crate::domain::authoring::workflow::Action;
    match action {
        Action::SendForReview => "Sent for review: another trainer can now sign it off",
        Action::SignOff => "Signed off: it can now be published",
        Action::RequestChanges => "Sent back to its authors with your comments",
        Action::Publish => "Published: new attempts now take this version",
        Action::Retire => "Retired: learners can no longer start this version",
        Action::Edit | Action::NewDraft => "Saved",
    }
}
