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

#[cfg(test)]
mod tests {
    use super::to_html;

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
    }

    #[test]
    fn links_open_safely() {
        let html = to_html("[NICE](https://www.nice.org.uk/guidance/ng215)");
        assert!(html.contains(r#"href="https://www.nice.org.uk/guidance/ng215""#), "{html}");
        assert!(html.contains("noopener"), "{html}");
    }
}
