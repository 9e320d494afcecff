use leptos::prelude::*;

use crate::error::AppError;

/// Markdown an author is writing, rendered as learners will see it (for the editors' preview).
#[server(endpoint = "authoring/render_markdown")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "render_markdown", skip_all))]
pub async fn render_markdown(text: String) -> Result<String, AppError> {
    use crate::domain::authoring::draft::MARKDOWN_MAX_CHARS;

    let request = crate::ssr::request::Request::current().await?;
    crate::ssr::authoring::require_author(&request)?;
    if text.chars().count() > MARKDOWN_MAX_CHARS {
        return Err(AppError::field(
            "text",
            format!("The text must be {MARKDOWN_MAX_CHARS} characters or fewer"),
        ));
    }
    Ok(crate::ssr::markdown::to_html(&text))
}
