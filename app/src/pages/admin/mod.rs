//! Administration pages: people and roles, invitations, organisations and the audit log.

pub mod audit;
pub mod invite;
pub mod modules;
pub mod ods;
pub mod organisation;
pub mod organisations;
pub mod people;
pub mod person;
