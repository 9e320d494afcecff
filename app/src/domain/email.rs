//! Email addresses, the sign-in identifier. Stored lower-case so one person cannot hold two accounts
//! that differ only in capitals.

use serde::{Deserialize, Serialize};

/// The longest address SMTP allows (RFC 5321: 254 characters in a path).
const MAX_LENGTH: usize = 254;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EmailAddress(String);

impl EmailAddress {
    /// Accepts `local@domain.tld` with no spaces or control characters, lower-cased.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let email = raw.trim().to_lowercase();
        if email.is_empty() {
            return Err("Enter your email address".into());
        }
        if email.len() > MAX_LENGTH {
            return Err(format!("Email address must be {MAX_LENGTH} characters or fewer"));
        }
        let invalid = || "Enter an email address in the correct format, like name@example.com".to_owned();
        if email.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid());
        }
        let (local, domain) = email.split_once('@').ok_or_else(invalid)?;
        let domain_ok = !domain.contains('@')
            && domain.contains('.')
            && domain.split('.').all(|label| {
                !label.is_empty()
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_alphanumeric() || c == '-')
            });
        if local.is_empty() || local.len() > 64 || !domain_ok {
            return Err(invalid());
        }
        Ok(EmailAddress(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The address as it was stored, for values read back from the database.
    pub fn from_trusted(stored: String) -> Self {
        EmailAddress(stored)
    }
}

impl std::fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_trimmed_and_lower_cased() {
        assert_eq!(
            EmailAddress::parse(" Dr.Ada@Example.NHS.uk ").map(|e| e.0),
            Ok("dr.ada@example.nhs.uk".into())
        );
    }

    #[test]
    fn malformed_addresses_are_refused() {
        for bad in [
            "",
            "   ",
            "ada",
            "ada@",
            "@nhs.net",
            "ada@nhs",
            "a da@nhs.net",
            "ada@@nhs.net",
            "ada@nhs..net",
            "ada@-nhs.net",
            "ada@nh\ns.net",
            "ada@nh\u{0}s.net",
        ] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad:?}");
        }
        assert!(EmailAddress::parse(&format!("{}@nhs.net", "a".repeat(65))).is_err());
        assert!(EmailAddress::parse(&format!("a@{}.net", "b".repeat(260))).is_err());
    }

    #[test]
    fn messages_say_what_to_do() {
        assert_eq!(EmailAddress::parse(""), Err("Enter your email address".into()));
        assert_eq!(
            EmailAddress::parse("ada"),
            Err("Enter an email address in the correct format, like name@example.com".into())
        );
    }
}
