//! Signing in and out, registering, passwords, invitations and the signed-in person's own account.

pub mod accept_invitation;
pub mod change_password;
pub mod confirm_email;
pub mod find_practices;
pub mod get_current_user;
pub mod register;
pub mod request_password_reset;
pub mod resend_confirmation;
pub mod reset_link_is_open;
pub mod reset_password;
pub mod set_reminders;
pub mod set_reminders_by_link;
pub mod sign_in;
pub mod sign_out;
pub mod take_page_messages;
pub mod update_profile;
pub mod view_account;
pub mod view_confirmation_link;
pub mod view_invitation;
pub mod view_registration_form;
pub mod view_reminders_by_link;
