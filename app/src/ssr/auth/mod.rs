//! Who is asking: password hashing and policy, sessions kept in the database, the sign-in backend,
//! throttling of failed sign-ins, and single-use tokens for email links.

pub mod backend;
pub mod password;
pub mod password_policy;
pub mod session_store;
pub mod throttle;
pub mod timeouts;
pub mod tokens;
