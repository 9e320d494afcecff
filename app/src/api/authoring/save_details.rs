// A server function takes one argument per form field, and this form has many.
#![allow(clippy::too_many_arguments)]

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::domain::ids::VersionId;
use crate::error::AppError;

/// Saves a draft's details: title, summary, audience, time, themes, outcomes and notice. Refused
/// without overwriting when someone else saved the draft since `revision`.
#[server(endpoint = "authoring/save_details")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "save_details", skip_all))]
pub async fn save_details(
    version: VersionId,
    revision: i64,
    title: String,
    summary: String,
    audience: String,
    estimated_minutes: String,
    themes: Option<BTreeMap<String, String>>,
    outcomes: String,
    notice: String,
) -> Result<(), AppError> {
    use crate::domain::authoring::draft::{DetailsForm, apply_details};
    use crate::domain::authoring::workflow::Action;
    use crate::error::FormCheck;
    use crate::ssr::authoring::{load_for, save};

    let request = crate::ssr::request::Request::current().await?;
    let (authoring, who) = load_for(&request, version, Action::Edit).await?;
    let form = DetailsForm {
        title,
        summary,
        audience,
        estimated_minutes,
        themes: themes.unwrap_or_default(),
        outcomes,
        notice,
    };
    let theme_values: Vec<(String, String)> =
        form.themes.keys().map(|code| (format!("themes[{code}]"), "on".to_owned())).collect();
    let mut keep = vec![
        ("title", form.title.as_str()),
        ("summary", form.summary.as_str()),
        ("audience", form.audience.as_str()),
        ("estimated_minutes", form.estimated_minutes.as_str()),
        ("outcomes", form.outcomes.as_str()),
        ("notice", form.notice.as_str()),
        ("themes", "submitted"),
    ];
    keep.extend(theme_values.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let mut definition = authoring.record.stored.definition.clone();
    let mut check = FormCheck::default();
    apply_details(&form, &mut definition, &mut check);
    check.finish(&keep)?;
    save(&request, &authoring, revision, &who, &definition).await.map_err(|e| e.with_values(&keep))?;
    request.finish_form("Details saved", &format!("/author/versions/{version}")).await;
    Ok(())
}
