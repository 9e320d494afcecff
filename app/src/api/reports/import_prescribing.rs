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
    use crate::ssr::upload::read_upload;

    let request = crate::ssr::request::Request::current().await?;
    let who = request.require_reporter()?.clone();
    let limit = MAX_FILE_BYTES / (1024 * 1024);
    let too_large =
        format!("The file is larger than {limit} MB: keep only BNF section 4.1 and your practices");
    let text = read_upload(data, MAX_FILE_BYTES, &too_large).await?.csv_text()?;
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
