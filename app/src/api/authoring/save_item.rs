// A server function takes one argument per form field, and this form has many.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::domain::authoring::edit_case::OptionRow;
use crate::domain::ids::VersionId;
use crate::error::AppError;

/// Adds a knowledge item to a draft (`item` is `new`), changes one, or removes it (`remove`).
#[server(endpoint = "authoring/save_item")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "save_item", skip_all))]
pub async fn save_item(
    version: VersionId,
    revision: i64,
    item: String,
    key: Option<String>,
    stem: String,
    themes: String,
    references: String,
    correct: Option<String>,
    options: Option<Vec<OptionRow>>,
    remove: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::authoring::edit_case::{ItemForm, apply_item};
    use crate::domain::authoring::workflow::Action;
    use crate::error::FormCheck;
    use crate::ssr::authoring::{load_for, save};

    let request = crate::ssr::request::Request::current().await?;
    let (authoring, who) = load_for(&request, version, Action::Edit).await?;
    let mut definition = authoring.record.stored.definition.clone();
    let editing = (item != "new").then_some(item.as_str());
    if editing.is_some_and(|k| !definition.items.iter().any(|i| i.key == k)) {
        return Err(AppError::NotFound);
    }
    let form = ItemForm {
        key: key.unwrap_or_default(),
        stem,
        themes,
        references,
        options: options.unwrap_or_default(),
        correct: correct.unwrap_or_default(),
    };
    let values = form.values();
    let keep: Vec<(&str, &str)> = values.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let notice = match (editing, remove) {
        (Some(key), Some(_)) => {
            definition.items.retain(|i| i.key != key);
            "Question removed"
        }
        _ => {
            let mut check = FormCheck::default();
            apply_item(&form, &mut definition, editing, &mut check);
            check.finish(&keep)?;
            "Question saved"
        }
    };
    save(&request, &authoring, revision, &who, &definition).await.map_err(|e| e.with_values(&keep))?;
    request.finish_form(notice, &format!("/author/versions/{version}")).await;
    Ok(())
}
