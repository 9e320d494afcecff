//! The password rules of OWASP ASVS 5.0: at least 12 characters, at most 128, no composition rules,
//! and passwords that are common or trivially guessable refused. Guessability is judged by zxcvbn,
//! which knows the common-password lists and patterns such as keyboard runs, repeats and dates, and
//! also refuses passwords built from the person's own name or email address.

use secrecy::SecretString;
use zxcvbn::{Score, zxcvbn};

pub const MIN_CHARS: usize = 12;
pub const MAX_CHARS: usize = 128;

/// Checks a proposed password; `personal` holds the person's name and email, which it must not lean on.
pub fn parse_new_password(raw: String, personal: &[&str]) -> Result<SecretString, String> {
    let length = raw.chars().count();
    if length == 0 {
        return Err("Enter a password".into());
    }
    if length < MIN_CHARS {
        return Err(format!("Password must be {MIN_CHARS} characters or more"));
    }
    if length > MAX_CHARS {
        return Err(format!("Password must be {MAX_CHARS} characters or fewer"));
    }
    let words: Vec<&str> = personal.iter().flat_map(|p| p.split(|c: char| !c.is_alphanumeric())).collect();
    let estimate = zxcvbn(&raw, &words);
    if estimate.score() < Score::Two {
        let reason =
            estimate.feedback().and_then(|f| f.warning()).map(|w| format!(": {w}")).unwrap_or_default();
        return Err(format!("Choose a password that is harder to guess{reason}"));
    }
    Ok(SecretString::from(raw))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_unusual_passphrases_are_accepted_without_composition_rules() {
        for ok in ["purple tractor orbits quietly", "all lower case but long enough", "ψυχή και σώμα μαζί"]
        {
            assert!(parse_new_password(ok.into(), &[]).is_ok(), "{ok}");
        }
    }

    #[test]
    fn length_limits_count_characters() {
        assert_eq!(parse_new_password("".into(), &[]).err().as_deref(), Some("Enter a password"));
        assert_eq!(
            parse_new_password("short pass!".into(), &[]).err().as_deref(),
            Some("Password must be 12 characters or more")
        );
        assert!(parse_new_password("a".repeat(129), &[]).is_err());
        // 12 characters that take more than 12 bytes still count as 12.
        assert!(
            parse_new_password("ünïcødé wörd".into(), &[]).err().is_none_or(|e| !e.contains("12 characters"))
        );
    }

    #[test]
    fn common_and_patterned_passwords_are_refused() {
        for bad in ["password1234", "123456789012", "qwertyuiopas", "aaaaaaaaaaaa", "iloveyou1234"] {
            let refused = parse_new_password(bad.into(), &[]);
            assert!(
                refused.as_ref().is_err_and(|e| e.starts_with("Choose a password that is harder to guess")),
                "{bad}"
            );
        }
    }

    #[test]
    fn passwords_made_of_the_persons_own_details_are_refused() {
        let personal = ["Margaret Okonkwo", "margaret.okonkwo@nhs.net"];
        assert!(parse_new_password("margaretokonkwo".into(), &personal).is_err());
    }
}
