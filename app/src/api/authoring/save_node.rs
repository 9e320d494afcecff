// A server function takes one argument per form field, and this form has many.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::domain::authoring::edit_case::{OptionRow, PassageRow};
use crate::domain::ids::VersionId;
use crate::error::AppError;

/// Adds a node to a case of a draft (`node` is `new`), changes one, or removes it (`remove`).
#[server(endpoint = "authoring/save_node")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "save_node", skip_all))]
pub async fn save_node(
    version: VersionId,
    revision: i64,
    case: String,
    node: String,
    key: Option<String>,
    kind: Option<String>,
    body: Option<String>,
    question: Option<String>,
    references: Option<String>,
    next: Option<String>,
    options: Option<Vec<OptionRow>>,
    passages: Option<Vec<PassageRow>>,
    remove: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::authoring::edit_case::{NodeForm, apply_node, remove_node};
    use crate::domain::authoring::workflow::Action;
    use crate::error::FormCheck;
    use crate::ssr::authoring::{load_for, save};

    let request = crate::ssr::request::Request::current().await?;
    let (authoring, who) = load_for(&request, version, Action::Edit).await?;
    let mut definition = authoring.record.stored.definition.clone();
    let target = definition.cases.iter_mut().find(|c| c.key == case).ok_or(AppError::NotFound)?;
    let editing = (node != "new").then_some(node.as_str());
    if editing.is_some_and(|k| target.node(k).is_none()) {
        return Err(AppError::NotFound);
    }
    let form = NodeForm {
        key: key.unwrap_or_default(),
        kind: kind.unwrap_or_default(),
        body: body.unwrap_or_default(),
        question: question.unwrap_or_default(),
        references: references.unwrap_or_default(),
        next: next.unwrap_or_default(),
        options: options.unwrap_or_default(),
        passages: passages.unwrap_or_default(),
    };
    let values = form.values();
    let keep: Vec<(&str, &str)> = values.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let notice = match (editing, remove) {
        (Some(key), Some(_)) => {
            remove_node(target, key);
            "Node removed"
        }
        _ => {
            let mut check = FormCheck::default();
            apply_node(&form, target, editing, &mut check);
            check.finish(&keep)?;
            "Node saved"
        }
    };
    save(&request, &authoring, revision, &who, &definition).await.map_err(|e| e.with_values(&keep))?;
    request.finish_form(notice, &format!("/author/versions/{version}#map-{case}-title")).await;
    Ok(())
}
