//! Moving a version through the review workflow: send for review, sign off, request changes,
//! publish, retire, or start a new draft from it.

use crate::domain::audit::AuditAction;
use crate::domain::authoring::review::{COMMENTS_MAX_CHARS, review_date};
use crate::domain::authoring::workflow::Action;
use crate::domain::ids::VersionId;
use crate::domain::text::long_text;
use crate::error::AppError;
use crate::ssr::authoring::load_for;
use crate::ssr::db::authoring::StatusChange;
use crate::ssr::request::Request;

/// What the person asked for, as the version's page posts it.
pub struct Move {
    pub version: VersionId,
    pub action: String,
    /// The revision the person was looking at, so nothing is signed off or published that they
    /// have not seen.
    pub revision: i64,
    pub comments: Option<String>,
    pub review_by: Option<String>,
}

/// What a move did: the version to show next (a new draft's, or this one) and the notice for it.
pub struct Moved {
    pub version: VersionId,
    pub notice: String,
}

/// Makes the move once it is allowed and its comments and review date are valid.
pub async fn move_version(request: &Request, asked: Move) -> Result<Moved, AppError> {
    let action = Action::parse(&asked.action).filter(|a| *a != Action::Edit).ok_or_else(|| {
        AppError::BadRequest("Unknown action: use the buttons on the version's page".into())
    })?;
    let (authoring, who) = load_for(request, asked.version, action).await?;
    let stored = &authoring.record.stored;
    let now = request.now_ms();
    let comments = asked.comments.unwrap_or_default();
    let review_by = asked.review_by.unwrap_or_default();
    let keep = [("comments", comments.as_str()), ("review_by", review_by.as_str())];
    let comments =
        checked_comments(action, &comments).map_err(|m| AppError::field("comments", m).with_values(&keep))?;
    let review_by = match action {
        Action::Publish => Some(
            review_date(&review_by, now).map_err(|m| AppError::field("review_by", m).with_values(&keep))?,
        ),
        _ => None,
    };
    let detail = format!("{} version {} of {}", action.code(), stored.summary.number, stored.summary.slug);
    let audit = request.audit(AuditAction::VersionMovedOn, None, &detail);
    let db = &request.state.db;
    if action == Action::NewDraft {
        let created = db.new_draft_from(stored, who.person, &audit, now).await?;
        let (draft, number) = created.ok_or_else(|| {
            AppError::Conflict(
                "This module already has a draft or a version in review: work on that one".into(),
            )
        })?;
        return Ok(Moved { version: draft, notice: format!("Version {number} started as a draft") });
    }
    let change = StatusChange {
        version: stored.summary.version,
        action,
        seen: (stored.summary.status, asked.revision),
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
    Ok(Moved { version: asked.version, notice: done(action).to_owned() })
}

/// The comments a move keeps: required to request changes, optional when signing off, and
/// ignored otherwise.
fn checked_comments(action: Action, comments: &str) -> Result<String, String> {
    match action {
        Action::RequestChanges => long_text(comments, "what needs to change", COMMENTS_MAX_CHARS),
        Action::SignOff if comments.trim().is_empty() => Ok(String::new()),
        Action::SignOff => long_text(comments, "your comments", COMMENTS_MAX_CHARS),
        _ => Ok(String::new()),
    }
}

/// The notice the version's page shows after a move.
fn done(action: Action) -> &'static str {
    match action {
        Action::SendForReview => "Sent for review: another trainer can now sign it off",
        Action::SignOff => "Signed off: it can now be published",
        Action::RequestChanges => "Sent back to its authors with your comments",
        Action::Publish => "Published: new attempts now take this version",
        Action::Retire => "Retired: learners can no longer start this version",
        Action::Edit | Action::NewDraft => "Saved",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_need_comments_and_a_sign_off_may_have_none() {
        assert!(checked_comments(Action::RequestChanges, "  ").is_err());
        assert_eq!(checked_comments(Action::SignOff, " "), Ok(String::new()));
        assert_eq!(checked_comments(Action::Publish, "ignored"), Ok(String::new()));
    }
}
