//! A person's name as they want it shown on certificates: free text, within reason.

use serde::{Deserialize, Serialize};

use super::text::short_text;

const MAX_CHARS: usize = 100;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(raw: &str) -> Result<Self, String> {
        short_text(raw, "your full name", MAX_CHARS).map(PersonName)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_any_script_are_accepted() {
        for name in ["Dr Siân Ó Briain", "李明", "Nnamdi Okonkwo-Adeyemi"] {
            assert_eq!(PersonName::parse(name).map(|n| n.0), Ok(name.to_owned()));
        }
    }

    #[test]
    fn blank_and_overlong_names_are_refused() {
        assert_eq!(PersonName::parse(""), Err("Enter your full name".into()));
        assert!(PersonName::parse(&"a".repeat(101)).is_err());
    }
}
