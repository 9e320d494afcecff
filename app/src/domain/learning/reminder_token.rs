//! The token in a follow-up email's link that lets its reader turn the emails off without signing
//! in: 128 random bits as 32 hexadecimal digits. It names the person and does nothing else.

/// Whether `token` has the shape of a reminder token (so anything else is refused unread).
pub fn is_reminder_token(token: &str) -> bool {
    token.len() == 32 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_thirty_two_hexadecimal_digits_pass() {
        assert!(is_reminder_token("0123456789abcdef0123456789abcdef"));
        assert!(!is_reminder_token("0123456789abcdef"));
        assert!(!is_reminder_token("0123456789abcdef0123456789abcdeg"));
        assert!(!is_reminder_token("'; DROP TABLE people; --xxxxxxxxx"));
    }
}
