//! NHS Organisation Data Service (ODS) codes for GP practices: one letter and five digits, such as
//! A81001.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct OdsCode(String);

impl OdsCode {
    /// Accepts the code in either case, with surrounding spaces; stores it upper-case.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let code = raw.trim().to_uppercase();
        if code.is_empty() {
            return Err("Enter the practice's ODS code".into());
        }
        let mut chars = code.chars();
        let letter = chars.next().is_some_and(|c| c.is_ascii_uppercase());
        let digits: Vec<char> = chars.collect();
        if letter && digits.len() == 5 && digits.iter().all(char::is_ascii_digit) {
            Ok(OdsCode(code))
        } else {
            Err("Enter an ODS code of one letter and five digits, like A81001".into())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A code as it was stored, for values read back from the database.
    pub fn from_trusted(stored: String) -> Self {
        OdsCode(stored)
    }
}

impl std::fmt::Display for OdsCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_codes_are_normalised_to_upper_case() {
        assert_eq!(OdsCode::parse("a81001").map(|c| c.0), Ok("A81001".into()));
        assert_eq!(OdsCode::parse(" Y02345 ").map(|c| c.0), Ok("Y02345".into()));
    }

    #[test]
    fn anything_else_is_refused() {
        for bad in ["", "81001", "AA1001", "A8100", "A810012", "A8100X", "Ä81001", "A 81001", "A8100١"] {
            assert!(OdsCode::parse(bad).is_err(), "{bad:?}");
        }
    }
}
