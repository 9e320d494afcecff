use leptos::prelude::*;

use crate::domain::ids::VersionId;
use crate::error::AppError;

/// Saves a draft's references, attitude statements, reflection prompts and matched pairs, each
/// written one per line. A form from before pairs could be edited sends none, and keeps none.
#[server(endpoint = "authoring/save_lists")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "save_lists", skip_all))]
pub async fn save_lists(
    version: VersionId,
    revision: i64,
    references: String,
    attitudes: String,
    reflections: String,
    #[server(default)] pairs: String,
) -> Result<(), AppError> {
    use crate::domain::authoring::edit_lists::{parse_attitudes, parse_references, parse_reflections};
    use crate::domain::authoring::edit_pairs::parse_pairs;
    use crate::domain::authoring::workflow::Action;
    use crate::error::FormCheck;
    use crate::ssr::authoring::{load_for, save};

    let request = crate::ssr::request::Request::current().await?;
    let (authoring, who) = load_for(&request, version, Action::Edit).await?;
    let keep = [
        ("references", references.as_str()),
        ("attitudes", attitudes.as_str()),
        ("reflections", reflections.as_str()),
        ("pairs", pairs.as_str()),
    ];
    let mut check = FormCheck::default();
    let references = check.field("references", parse_references(&references));
    let attitudes = check.field("attitudes", parse_attitudes(&attitudes));
    let reflections = check.field("reflections", parse_reflections(&reflections));
    let pairs = check.field("pairs", parse_pairs(&pairs));
    check.finish(&keep)?;
    let (Some(references), Some(attitudes), Some(reflections), Some(pairs)) =
        (references, attitudes, reflections, pairs)
    else {
        return Err(AppError::Internal);
    };
    let definition = crate::domain::curriculum::module::ModuleDefinition {
        references,
        attitudes,
        reflections,
        pairs,
        ..authoring.record.stored.definition.clone()
    };
    save(&request, &authoring, revision, &who, &definition).await.map_err(|e| e.with_values(&keep))?;
    request.finish_form("Saved", &format!("/author/versions/{version}")).await;
    Ok(())
}
