use leptos::prelude::*;

use crate::error::AppError;

/// Changes the signed-in person's password (their current one required). Every other session of
/// theirs ends.
#[server(endpoint = "account/change_password")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "change_password", skip_all))]
pub async fn change_password(current_password: String, new_password: String) -> Result<(), AppError> {
    use crate::error::FormCheck;
    use crate::ssr::account::passwords::change_password;

    let mut request = crate::ssr::request::Request::current().await?;
    request.user()?;
    let mut check = FormCheck::default();
    if current_password.is_empty() {
        check.fail("current_password", "Enter your current password");
    }
    if new_password.is_empty() {
        check.fail("new_password", "Enter a new password");
    }
    check.finish(&[])?;
    change_password(&mut request, secrecy::SecretString::from(current_password), new_password).await?;
    request.finish_form("Your password has been changed", "/account").await;
    Ok(())
}
