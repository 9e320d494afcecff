//! An uploaded CSV file from a page's form (multipart): its `file` field, held to a size limit,
//! and any other fields as text. Every upload form reads its file the same way and refuses an
//! empty, oversized or non-UTF-8 one with the same words.

use std::collections::BTreeMap;

use leptos::server_fn::codec::MultipartData;

use crate::error::AppError;

/// A form's uploaded file and its other fields.
pub struct Upload {
    pub file: Vec<u8>,
    pub fields: BTreeMap<String, String>,
}

impl Upload {
    /// The value of an ordinary field, empty if it was not sent.
    pub fn field(&self, name: &str) -> &str {
        self.fields.get(name).map(String::as_str).unwrap_or_default()
    }

    /// The file as CSV text: refused if empty or not UTF-8.
    pub fn csv_text(self) -> Result<String, AppError> {
        if self.file.is_empty() {
            return Err(AppError::field("file", "Choose a CSV file to upload"));
        }
        String::from_utf8(self.file).map_err(|_| {
            AppError::field("file", "The file must be CSV text in UTF-8: save it as 'CSV UTF-8'")
        })
    }
}

/// Reads an upload whose file may be at most `max_bytes`; `too_large` says so when it is bigger.
pub async fn read_upload(data: MultipartData, max_bytes: usize, too_large: &str) -> Result<Upload, AppError> {
    let unreadable = |_| AppError::BadRequest("The upload could not be read: try again".into());
    let mut multipart = data.into_inner().ok_or_else(|| AppError::BadRequest("Upload a CSV file".into()))?;
    let mut upload = Upload { file: Vec::new(), fields: BTreeMap::new() };
    while let Some(mut field) = multipart.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or_default().to_owned();
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
            if bytes.len() + chunk.len() > max_bytes {
                return Err(AppError::field("file", too_large));
            }
            bytes.extend_from_slice(&chunk);
        }
        if name == "file" {
            upload.file = bytes;
        } else {
            upload.fields.insert(name, String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    Ok(upload)
}
