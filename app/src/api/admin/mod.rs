//! Administration: people and their roles, invitations, organisations and the audit log.

pub mod change_roles;
pub mod create_practice;
pub mod create_region;
pub mod import_module;
pub mod import_ods_practices;
pub mod invite_person;
pub mod list_audit;
pub mod list_module_versions;
pub mod list_people;
pub mod rename_organisation;
pub mod set_account_active;
pub mod set_commissioner_region;
pub mod set_organisation_retired;
pub mod view_invite_form;
pub mod view_ods_import;
pub mod view_organisations;
pub mod view_person;
