use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

use crate::error::AppError;

/// Imports an uploaded module file as a new draft version (trainers and admins) and opens it in the
/// studio. Every problem in the file comes back with its line.
#[server(endpoint = "admin/import_module", input = MultipartFormData)]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "import_module", skip_all))]
pub async fn import_module(data: MultipartData) -> Result<(), AppError> {
    use crate::domain::curriculum::module::VersionStatus;
    use crate::error::FieldError;
    use crate::ssr::curriculum::{ImportError, import_module_file};
    use crate::ssr::module_file::read::MAX_FILE_BYTES;

    let request = crate::ssr::request::Request::current().await?;
    let author = crate::ssr::authoring::require_author(&request)?.person;
    let unreadable = |_| AppError::BadRequest("The upload could not be read: try again".into());
    let mut multipart =
        data.into_inner().ok_or_else(|| AppError::BadRequest("Upload a module file".into()))?;
    let mut file = None;
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        if field.name() == Some("file") {
            let bytes = field.bytes().await.map_err(unreadable)?;
            if bytes.len() > MAX_FILE_BYTES {
                return Err(AppError::field("file", "The file is larger than 1 MB: is it a module file?"));
            }
            file = Some(bytes);
        }
    }
    let bytes = file
        .filter(|b| !b.is_empty())
        .ok_or_else(|| AppError::field("file", "Choose a module file to upload"))?;
    let text = String::from_utf8(bytes.to_vec())
        .map_err(|_| AppError::field("file", "The file must be plain text (a .toml module file)"))?;
    let now = request.now_ms();
    let address = request.client_address.as_deref();
    match import_module_file(&request.state.db, &text, VersionStatus::Draft, Some(author), address, now).await
    {
        Ok(imported) => {
            let notice = format!("Imported '{}' as version {}, a draft", imported.title, imported.number);
            request.finish_form(&notice, &format!("/author/versions/{}", imported.version)).await;
            Ok(())
        }
        Err(ImportError::File(problems)) => Err(AppError::Invalid {
            errors: problems.iter().map(|p| FieldError::new("file", p.to_string())).collect(),
            values: Vec::new(),
        }),
        Err(ImportError::Failed(error)) => Err(error),
    }
}
