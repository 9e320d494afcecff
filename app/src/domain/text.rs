//! Rules every piece of short free text obeys: trimmed, not empty, within a length, and free of
//! control characters (which have no place in a name and can forge log lines or break exports).

/// Trims `raw` and checks it; the error message names the field in plain words.
pub fn short_text(raw: &str, what: &str, max_chars: usize) -> Result<String, String> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(format!("Enter {what}"));
    }
    if text.chars().count() > max_chars {
        return Err(format!("{} must be {max_chars} characters or fewer", capitalise(what)));
    }
    if text.chars().any(char::is_control) {
        return Err(format!(
            "{} must not contain special characters such as tabs or line breaks",
            capitalise(what)
        ));
    }
    Ok(text.to_owned())
}

/// Trims text written over several lines (Markdown, comments) and checks it: not empty, within a
/// length, and free of control characters other than line breaks and tabs. Line endings become
/// `\n`, so the same text typed on any system is stored alike.
pub fn long_text(raw: &str, what: &str, max_chars: usize) -> Result<String, String> {
    let text = raw.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.trim();
    if text.is_empty() {
        return Err(format!("Enter {what}"));
    }
    if text.chars().count() > max_chars {
        return Err(format!("{} must be {max_chars} characters or fewer", capitalise(what)));
    }
    if text.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(format!("{} must not contain special characters", capitalise(what)));
    }
    Ok(text.to_owned())
}

/// "a name" → "Name", "the practice name" → "Practice name": the subject of an error sentence.
fn capitalise(what: &str) -> String {
    let bare = what
        .trim_start_matches("a ")
        .trim_start_matches("an ")
        .trim_start_matches("the ")
        .trim_start_matches("your ");
    let mut chars = bare.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_and_kept() {
        assert_eq!(short_text("  Dr Ada Lovelace ", "your full name", 100), Ok("Dr Ada Lovelace".into()));
    }

    #[test]
    fn empty_long_and_control_text_is_refused_in_plain_words() {
        assert_eq!(short_text("  ", "your full name", 100), Err("Enter your full name".into()));
        assert_eq!(
            short_text("abcd", "a region name", 3),
            Err("Region name must be 3 characters or fewer".into())
        );
        assert_eq!(
            short_text("a\u{0}b", "a region name", 30),
            Err("Region name must not contain special characters such as tabs or line breaks".into())
        );
        assert!(short_text("line\nbreak", "x", 30).is_err());
    }

    #[test]
    fn long_text_keeps_lines_and_refuses_other_control_characters() {
        assert_eq!(long_text(" one\r\ntwo\r ", "the summary", 100), Ok("one\ntwo".into()));
        assert_eq!(long_text("\n", "the summary", 100), Err("Enter the summary".into()));
        assert_eq!(long_text("abcd", "the summary", 3), Err("Summary must be 3 characters or fewer".into()));
        assert!(long_text("bell\u{7}", "the summary", 30).is_err());
    }
}
