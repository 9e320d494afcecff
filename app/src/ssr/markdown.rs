//! Module text is written in Markdown by trainers. It is rendered to HTML on the server and then
//! cleaned by ammonia's allow-list, so a module file can never put a script, a style or a
//! `javascript:` link on a learner's page, whoever wrote it.

use pulldown_cmark::{Options, Parser, html};

/// Markdown to safe HTML.
pub fn to_html(markdown: &str) -> String {
    let parser = Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH);
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, parser);
    ammonia::Builder::default().link_rel(Some("noopener noreferrer")).clean(&raw).to_string()
}

/// What in sanitised HTML could run script, if anything: a script-bearing element, an event
/// handler attribute, or a script address in a link or source. Text is not looked at (ammonia
/// escapes `<` in text, so every `<` starts a tag), so prose that merely mentions
/// `src="javascript:` passes. The fuzz target and the unit tests hold `to_html` to this.
#[cfg(any(test, fuzzing))]
pub fn script_risk(html: &str) -> Option<String> {
    const ELEMENTS: [&str; 6] = ["script", "style", "iframe", "object", "embed", "base"];
    const ADDRESSES: [&str; 5] = ["href", "src", "action", "formaction", "xlink:href"];
    for tag in tags(html) {
        let (name, attributes) = parse_tag(&tag);
        if ELEMENTS.contains(&name.as_str()) {
            return Some(format!("a <{name}> element"));
        }
        for (attribute, value) in attributes {
            let address: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            let scripted =
                ["javascript:", "vbscript:", "data:text/html"].iter().any(|s| address.starts_with(s));
            if attribute.starts_with("on") || (ADDRESSES.contains(&attribute.as_str()) && scripted) {
                return Some(format!("{attribute}={value:?} in <{tag}>"));
            }
        }
    }
    None
}

/// A tag's name and its attributes (names lower-cased, values unquoted).
#[cfg(any(test, fuzzing))]
fn parse_tag(tag: &str) -> (String, Vec<(String, String)>) {
    let mut chars = tag.trim_start_matches('/').chars().peekable();
    let word = |chars: &mut std::iter::Peekable<std::str::Chars<'_>>| {
        let mut word = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() || c == '=' || c == '/' {
                break;
            }
            word.push(c.to_ascii_lowercase());
            chars.next();
        }
        word
    };
    let name = word(&mut chars);
    let mut attributes = Vec::new();
    loop {
        while chars.next_if(|c| c.is_whitespace() || *c == '/').is_some() {}
        if chars.peek().is_none() {
            break;
        }
        let attribute = word(&mut chars);
        let mut value = String::new();
        if chars.next_if_eq(&'=').is_some() {
            match chars.next_if(|c| *c == '"' || *c == '\'') {
                Some(quote) => value.extend(chars.by_ref().take_while(|c| *c != quote)),
                None => {
                    while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                        value.push(c);
                    }
                }
            }
        } else if attribute.is_empty() {
            chars.next();
        }
        attributes.push((attribute, value));
    }
    (name, attributes)
}

/// The inside of every tag, reading quoted attribute values whole (they may hold `>`).
#[cfg(any(test, fuzzing))]
fn tags(html: &str) -> Vec<String> {
    let (mut found, mut current, mut inside, mut quote) = (Vec::new(), String::new(), false, None);
    for c in html.chars() {
        match (inside, quote, c) {
            (false, _, '<') => inside = true,
            (false, _, _) => {}
            (true, None, '>') => {
                found.push(std::mem::take(&mut current));
                inside = false;
            }
            (true, None, '"' | '\'') => {
                quote = Some(c);
                current.push(c);
            }
            (true, Some(open), _) if open == c => {
                quote = None;
                current.push(c);
            }
            (true, _, _) => current.push(c),
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::{script_risk, to_html};

    #[test]
    fn markdown_becomes_html() {
        assert_eq!(
            to_html("Reduce by *one eighth* every **two weeks**."),
            "<p>Reduce by <em>one eighth</em> every <strong>two weeks</strong>.</p>\n"
        );
        assert!(to_html("- one\n- two").contains("<li>one</li>"));
    }

    #[test]
    fn scripts_styles_and_script_links_are_removed() {
        let html = to_html(
            "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)> <style>p{}</style>",
        );
        for banned in ["<script", "javascript:", "onerror", "<style"] {
            assert!(!html.contains(banned), "{banned} in {html}");
        }
        assert_eq!(script_risk(&html), None);
    }

    #[test]
    fn script_risks_are_found_in_tags_not_in_text() {
        assert_eq!(script_risk("<p>Reduce every src=\"javascript: (</p>"), None);
        assert!(script_risk("<a title=\"a>b\" href=\"javascript:alert(1)\">x</a>").is_some());
        assert!(script_risk("<img src=x onerror=alert(1)>").is_some());
        assert!(script_risk("<SCRIPT>x</SCRIPT>").is_some());
        assert_eq!(script_risk("<a href=\"https://www.nice.org.uk\" rel=\"noopener\">NICE</a>"), None);
        assert_eq!(script_risk("<a href=\"javas='javascript:\" rel=\"noopener\">y</a>"), None);
        assert!(script_risk("<a href=\" java\tscript:alert(1)\">x</a>").is_some());
        assert!(script_risk("<a href=JavaScript:alert(1)>x</a>").is_some());
    }

    #[test]
    fn links_open_safely() {
        let html = to_html("[NICE](https://www.nice.org.uk/guidance/ng215)");
        assert!(html.contains(r#"href="https://www.nice.org.uk/guidance/ng215""#), "{html}");
        assert!(html.contains("noopener"), "{html}");
    }
}
