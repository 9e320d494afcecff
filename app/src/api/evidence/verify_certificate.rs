use leptos::prelude::*;

use crate::domain::evidence::certificate::Verified;
use crate::error::AppError;

/// What a certificate's verification code confirms: the learner's name, the module and the date,
/// and nothing more. Anyone may ask; an unknown code is not found, a malformed one says why.
#[server(endpoint = "evidence/verify_certificate")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "verify_certificate", skip_all))]
pub async fn verify_certificate(code: String) -> Result<Verified, AppError> {
    use crate::domain::evidence::verification::VerificationCode;

    let request = crate::ssr::request::Request::current().await?;
    let code = VerificationCode::parse(&code)
        .map_err(|message| AppError::field("code", message).with_values(&[("code", &code)]))?;
    request.state.db.verify_certificate(&code).await?.ok_or(AppError::NotFound)
}
