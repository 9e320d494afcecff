//! General Medical Council reference numbers: seven digits.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct GmcNumber(String);

impl GmcNumber {
    /// An optional field: blank means "not given".
    pub fn parse_optional(raw: &str) -> Result<Option<Self>, String> {
        let number = raw.trim();
        if number.is_empty() {
            return Ok(None);
        }
        if number.len() == 7 && number.chars().all(|c| c.is_ascii_digit()) {
            Ok(Some(GmcNumber(number.to_owned())))
        } else {
            Err("Enter a GMC number of 7 digits, like 1234567, or leave it blank".into())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A number as it was stored, for values read back from the database.
    pub fn from_trusted(stored: String) -> Self {
        GmcNumber(stored)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_is_none_and_seven_digits_are_kept() {
        assert_eq!(GmcNumber::parse_optional("  "), Ok(None));
        assert_eq!(GmcNumber::parse_optional(" 1234567 "), Ok(Some(GmcNumber("1234567".into()))));
    }

    #[test]
    fn other_numbers_are_refused() {
        for bad in ["123456", "12345678", "123456a", "1234 567", "١٢٣٤٥٦٧"] {
            assert!(GmcNumber::parse_optional(bad).is_err(), "{bad:?}");
        }
    }
}
