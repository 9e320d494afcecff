//! Where a form may send someone next. Only paths on this site are followed, so a crafted link cannot
//! use Casebook's sign-in page to send people elsewhere (an open redirect).

/// `next` if it is a path on this site, otherwise `fallback`.
pub fn local_path_or(next: Option<&str>, fallback: &str) -> String {
    match next.map(str::trim) {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && path.chars().all(|c| c.is_ascii_graphic())
                && path.len() <= 2000 =>
        {
            path.to_owned()
        }
        _ => fallback.to_owned(),
    }
}

/// Percent-encodes text for a query-string value (everything but unreserved characters).
pub fn encode_query_value(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => char::from(b).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// The sign-in page, coming back to `path` afterwards.
pub fn sign_in_then(path: &str) -> String {
    format!("/sign-in?next={}", encode_query_value(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(
            encode_query_value("/admin/people?page=2&q=a b"),
            "%2Fadmin%2Fpeople%3Fpage%3D2%26q%3Da%20b"
        );
        assert_eq!(sign_in_then("/account"), "/sign-in?next=%2Faccount");
        assert_eq!(encode_query_value("é"), "%C3%A9");
    }

    #[test]
    fn local_paths_are_followed() {
        assert_eq!(local_path_or(Some("/admin/people?page=2"), "/"), "/admin/people?page=2");
    }

    #[test]
    fn anything_that_could_leave_the_site_is_not() {
        for next in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "javascript:alert(1)",
            "",
            "admin",
            "/\u{0}x",
            "/caf\u{e9}",
            "/a b",
        ] {
            assert_eq!(local_path_or(Some(next), "/"), "/", "{next:?}");
        }
        assert_eq!(local_path_or(None, "/account"), "/account");
    }
}
