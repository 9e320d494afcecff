use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

use crate::error::AppError;

/// Imports an uploaded prescribing file (deanery leads for their regions' practices, admins for
/// any) and goes back to the import page with what was stored. Every problem in the file comes
/// back with its line, and nothing is stored.
#[server(endpoint = "reports/import_prescribing", input = MultipartFormData)]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "import_prescribing", skip_all))]
pub async fn import_prescribing(data: MultipartData) -> Result<(), AppError> {
    use crate::error::FieldError;
    use crate::ssr::prescribing::read::MAX_FILE_BYTES;
    use crate::ssr::prescribing::{ImportError, import_prescribing};

    let request = crate::ssr::request::Request::current().await?;
    let who = request.require_reporter()?.clone();
    let unreadable = |_| AppError::BadRequest("The upload could not be read: try again".into());
    let mut multipart = data.into_inner().ok_or_else(|| AppError::BadRequest("Upload a CSV file".into()))?;
    let mut file: Option<Vec<u8>> = None;
    while let Some(mut field) = multipart.next_field().await.map_err(unreadable)? {
        if field.name() != Some("file") {
            continue;
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
            if bytes.len() + chunk.len() > MAX_FILE_BYTES {
                let limit = MAX_FILE_BYTES / (1024 * 1024);
                let message = format!(
                    "The file is larger than {limit} MB: keep only BNF section 4.1 and your practices"
                );
                return Err(AppError::field("file", message));
            }
            bytes.extend_from_slice(&chunk);
        }
        file = Some(bytes);
    }
    let bytes = file
        .filter(|b| !b.is_empty())
        .ok_or_else(|| AppError::field("file", "Choose a CSV file to upload"))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| AppError::field("file", "The file must be CSV text in UTF-8: save it as 'CSV UTF-8'"))?;
    let address = request.client_address.as_deref();
    match import_prescribing(&request.state.db, &who, &text, address, request.now_ms()).await {
        Ok(imported) => {
            request.finish_form(&imported.summary(), "/reports/prescribing").await;
            Ok(())
        }
        Err(ImportError::File(problems)) => Err(AppError::Invalid {
            errors: problems.iter().map(|p| FieldError::new("file", p.to_string())).collect(),
            values: Vec::new(),
        }),
        Err(ImportError::Failed(error)) => Err(error),
    }
}
