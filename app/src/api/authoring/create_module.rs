use leptos::prelude::*;

use crate::error::AppError;

/// Starts a new module as an empty draft (version 1) and opens it in the studio.
#[server(endpoint = "authoring/create_module")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "create_module", skip_all))]
pub async fn create_module(slug: String, title: String) -> Result<(), AppError> {
    use crate::domain::audit::AuditAction;
    use crate::domain::authoring::draft::{TITLE_MAX_CHARS, empty_module};
    use crate::domain::curriculum::module::VersionStatus;
    use crate::domain::curriculum::validate::valid_slug;
    use crate::domain::text::short_text;
    use crate::error::FormCheck;

    let request = crate::ssr::request::Request::current().await?;
    let who = crate::ssr::authoring::require_author(&request)?.person;
    let keep = [("slug", slug.as_str()), ("title", title.as_str())];
    let mut check = FormCheck::default();
    let slug = slug.trim().to_owned();
    let slug = check.field(
        "slug",
        if slug.is_empty() {
            Err("Enter the module's address, such as sleep-problems-in-older-people".to_owned())
        } else if valid_slug(&slug) {
            Ok(slug)
        } else {
            Err("The address must be 3 to 60 lower-case letters, digits and hyphens, starting with a letter"
                .into())
        },
    );
    let title = check.field("title", short_text(&title, "the title", TITLE_MAX_CHARS));
    check.finish(&keep)?;
    let (Some(slug), Some(title)) = (slug, title) else { return Err(AppError::Internal) };
    let db = &request.state.db;
    if db.module_version(&slug, None).await?.is_some() {
        return Err(
            AppError::field("slug", "A module already has this address: choose another").with_values(&keep)
        );
    }
    let detail = format!("started module {slug}");
    let audit = request.audit(AuditAction::ModuleStarted, None, &detail);
    let module = empty_module(&slug, &title);
    let (version, _) =
        db.store_module_version(&module, VersionStatus::Draft, Some(who), &audit, request.now_ms()).await?;
    request
        .finish_form(
            "Module started: fill in each part, then send it for review",
            &format!("/author/versions/{version}"),
        )
        .await;
    Ok(())
}
