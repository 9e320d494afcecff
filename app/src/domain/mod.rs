//! Casebook's vocabulary, shared by server and browser: identifiers, and values parsed once at the
//! edge ("parse, don't validate") so the rest of the code can trust them.

pub mod audit;
pub mod authoring;
pub mod campaign;
pub mod career_stage;
pub mod curriculum;
pub mod email;
pub mod evidence;
pub mod gmc_number;
pub mod ids;
pub mod learning;
pub mod navigation;
pub mod ods_code;
pub mod organisation;
pub mod person;
pub mod person_name;
pub mod reports;
pub mod role;
pub mod text;
pub mod time;
