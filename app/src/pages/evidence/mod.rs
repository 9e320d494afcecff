//! Evidence anyone can check: the certificate verification page.

pub mod verify;
