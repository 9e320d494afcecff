use leptos::prelude::*;

use crate::domain::ids::VersionId;
use crate::error::AppError;

/// Moves a version through the workflow: send for review, sign off, request changes, publish,
/// retire, or start a new draft from it. `revision` is the revision the person was looking at, so
/// nothing is signed off or published that they have not seen.
#[server(endpoint = "authoring/move_version")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "move_version", skip_all))]
pub async fn move_version(
    version: VersionId,
    action: String,
    revision: i64,
    comments: Option<String>,
    review_by: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::authoring::workflow::{Move, move_version};

    let request = crate::ssr::request::Request::current().await?;
    let asked = Move { version, action, revision, comments, review_by };
    let moved = move_version(&request, asked).await?;
    request.finish_form(&moved.notice, &format!("/author/versions/{}", moved.version)).await;
    Ok(())
}
