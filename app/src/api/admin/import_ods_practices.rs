use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

use crate::error::AppError;

/// Imports NHS ODS's GP practice file (`epraccur`): creates, updates, closes and reopens practices,
/// each in its commissioner's region, all or none (admins only).
#[server(endpoint = "admin/import_ods_practices", input = MultipartFormData)]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "import_ods_practices", skip_all))]
pub async fn import_ods_practices(data: MultipartData) -> Result<(), AppError> {
    /// The national file is about 2.5 MB.
    const MAX_BYTES: usize = 20 * 1024 * 1024;

    let request = crate::ssr::request::Request::current().await?;
    request.require_admin()?;
    let upload = crate::ssr::upload::read_upload(data, MAX_BYTES, "The file is larger than 20 MB").await?;
    let summary = crate::ssr::ods::import_epraccur(&request, &upload.csv_text()?).await?;
    request.finish_form(&summary, "/admin/organisations/ods").await;
    Ok(())
}
