//! Certificate verification codes: twelve random characters of Crockford's base32 (no I, L, O or
//! U, so nothing is misread), shown as `XXXX-XXXX-XXXX`. Sixty bits of randomness make guessing a
//! valid code hopeless, so a code can be public on a certificate and its verify page.

use std::fmt;

use serde::{Deserialize, Serialize};

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const LENGTH: usize = 12;

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct VerificationCode(String);

impl VerificationCode {
    /// A new code from twelve random numbers (each taken modulo 32).
    pub fn from_random(random: [u8; LENGTH]) -> Self {
        VerificationCode(random.iter().map(|b| ALPHABET[usize::from(b % 32)] as char).collect())
    }

    /// Reads a code as a person might type it: any case, with or without hyphens and spaces, and
    /// with the letters Crockford's scheme reads as digits (O for 0, I and L for 1).
    pub fn parse(raw: &str) -> Result<Self, String> {
        let cleaned: String = raw
            .chars()
            .filter(|c| !matches!(c, '-' | ' '))
            .map(|c| match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                other => other,
            })
            .collect();
        if cleaned.is_empty() {
            return Err("Enter the verification code from the certificate".into());
        }
        if cleaned.len() != LENGTH || !cleaned.bytes().all(|b| ALPHABET.contains(&b)) {
            return Err("This is not a Casebook verification code: it has 12 letters and numbers, like 7K2M-Q9XD-4RTB".into());
        }
        Ok(VerificationCode(cleaned))
    }

    /// The code as stored: twelve characters, no hyphens.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for VerificationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (a, rest) = self.0.split_at(4);
        let (b, c) = rest.split_at(4);
        write!(f, "{a}-{b}-{c}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn codes_are_shown_in_three_groups() {
        let code = VerificationCode::from_random([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 31]);
        assert_eq!(code.to_string(), "0123-4567-89AZ");
        assert_eq!(code.as_str(), "0123456789AZ");
    }

    #[test]
    fn typed_codes_are_forgiven_case_hyphens_and_look_alike_letters() {
        let code = VerificationCode::parse("7k2m q9xd-4rtb").expect("a code");
        assert_eq!(code.to_string(), "7K2M-Q9XD-4RTB");
        assert_eq!(
            VerificationCode::parse("O1IL-0000-0000").map(|c| c.to_string()),
            Ok("0111-0000-0000".into())
        );
    }

    #[test]
    fn anything_else_is_not_a_code() {
        assert_eq!(
            VerificationCode::parse(" "),
            Err("Enter the verification code from the certificate".into())
        );
        for bad in
            ["7K2M-Q9XD", "7K2M-Q9XD-4RTBX", "7K2M-Q9XD-4RTU", "<script>alert</script>", "../../etc/passwd"]
        {
            assert!(VerificationCode::parse(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn every_generated_code_reads_back(random in proptest::array::uniform12(any::<u8>())) {
            let code = VerificationCode::from_random(random);
            prop_assert_eq!(VerificationCode::parse(&code.to_string()), Ok(code));
        }
    }
}
