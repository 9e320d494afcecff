//! The account flows behind the account server functions: signing in, registering, passwords and
//! invitations. Each checks its own rules and records its audit events.

pub mod emails;
pub mod invitations;
pub mod passwords;
pub mod register;
pub mod sign_in;
