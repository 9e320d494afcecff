//! Sends the account emails the job queue holds (`ssr::db::account_emails`): a confirmation link,
//! made fresh when the email goes (only its hash is kept), or the note to an address's owner that
//! someone tried to register with it.

use crate::ssr::auth::tokens::new_token;
use crate::ssr::db::account_emails::AccountEmailPurpose;
use crate::ssr::state::AppState;

/// Sends account email `id`, unless the account has closed or (for a link) is confirmed already.
pub async fn account_email(state: &AppState, id: i64) -> Result<(), &'static str> {
    let db = &state.db;
    let unavailable = |_| "the database was unavailable";
    let Some(email) = db.account_email_to_send(id).await.map_err(unavailable)? else { return Ok(()) };
    let Some(address) = email.email else { return Ok(()) };
    let (subject, body) = match email.purpose {
        AccountEmailPurpose::Confirm if email.confirmed => return Ok(()),
        AccountEmailPurpose::Confirm => {
            let (token, token_hash) = new_token();
            db.set_account_email_token(id, &token_hash).await.map_err(unavailable)?;
            let link = state.site.link(&format!("/confirm-email?token={token}"));
            ("Confirm your email address for Casebook", confirm_text(&link))
        }
        AccountEmailPurpose::AlreadyRegistered => {
            let sign_in = state.site.link("/sign-in");
            let reset = state.site.link("/forgot-password");
            ("Someone tried to register with your address", already_registered_text(&sign_in, &reset))
        }
    };
    state.mailer.send(&address, subject, body).await.map_err(|_| "the email could not be sent")
}

fn confirm_text(link: &str) -> String {
    format!(
        "Thank you for creating a Casebook account.\n\n\
         To confirm that this is your email address and start learning, open this link within 24 hours:\n\n\
         {link}\n\n\
         The link works once. If you did not create an account, ignore this email: without the link the \
         account cannot be used to take modules.\n"
    )
}

fn already_registered_text(sign_in: &str, reset: &str) -> String {
    format!(
        "Someone (we hope you) tried to create a Casebook account with this email address, which \
         already has one. No new account was made.\n\n\
         To sign in:\n{sign_in}\n\n\
         Forgotten your password? Choose a new one here:\n{reset}\n\n\
         If this was not you, ignore this email: nothing has changed.\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_confirmation_email_carries_its_link_and_says_how_long_it_lasts() {
        let text = confirm_text("https://casebook.example/confirm-email?token=abc");
        assert!(text.contains("https://casebook.example/confirm-email?token=abc"));
        assert!(text.contains("24 hours"));
    }

    #[test]
    fn the_owner_is_told_nothing_changed_and_how_to_get_in() {
        let text = already_registered_text("https://c.example/sign-in", "https://c.example/forgot-password");
        assert!(text.contains("No new account was made"));
        assert!(text.contains("https://c.example/forgot-password"));
    }
}
