use leptos::prelude::*;

use crate::domain::ids::VersionId;
use crate::error::AppError;

/// Adds a case to a draft, starting with one node to write.
#[server(endpoint = "authoring/add_case")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "add_case", skip_all))]
pub async fn add_case(version: VersionId, revision: i64, key: String, title: String) -> Result<(), AppError> {
    use crate::domain::authoring::workflow::Action;
    use crate::error::FormCheck;
    use crate::ssr::authoring::{load_for, save};

    let request = crate::ssr::request::Request::current().await?;
    let (authoring, who) = load_for(&request, version, Action::Edit).await?;
    let mut definition = authoring.record.stored.definition.clone();
    let keep = [("key", key.as_str()), ("title", title.as_str())];
    let mut check = FormCheck::default();
    crate::domain::authoring::edit_case::add_case(&key, &title, &mut definition, &mut check);
    check.finish(&keep)?;
    save(&request, &authoring, revision, &who, &definition).await.map_err(|e| e.with_values(&keep))?;
    request
        .finish_form(
            "Case added: write its first node",
            &format!("/author/versions/{version}/cases/{}/nodes/start", key.trim()),
        )
        .await;
    Ok(())
}
