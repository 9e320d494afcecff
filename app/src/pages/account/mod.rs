//! Pages for signing in, registering, passwords, invitations and a person's own account.

pub mod accept_invitation;
pub mod confirm_email;
pub mod forgot_password;
pub mod overview;
pub mod register;
pub mod reminders;
pub mod reset_password;
pub mod sign_in;
