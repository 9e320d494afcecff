//! Module files: one human-readable TOML file per module, which trainers and deaneries keep in
//! version control and send by email. `read` turns a file into a validated module definition,
//! reporting every problem with its line and field; `write` turns a definition back into a file that
//! reads back to the same definition.
//!
//! Why TOML: it has no significant indentation (an author cannot break a case by mis-indenting a
//! line), no surprising type conversions (YAML reads `no` as false and `1.10` as 1.1), triple-quoted
//! strings that hold Markdown verbatim, and a well-kept parser that gives exact error positions. The
//! format is documented, with a worked example, in `curriculum/README.md`.

pub mod read;
mod write;

pub use read::{FileProblem, read_module};
pub use write::write_module;

/// The format version this code reads and writes (the `format` key at the top of every file).
pub const FORMAT: i64 = 1;

#[cfg(test)]
mod curriculum_paths;
#[cfg(test)]
mod tests;
