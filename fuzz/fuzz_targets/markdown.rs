//! Any text as Markdown: rendered without panicking, and the sanitised HTML never holds a script,
//! a style or a `javascript:` link.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let html = app::ssr::markdown::to_html(text).to_ascii_lowercase();
        for banned in ["<script", "<style", "<iframe", "href=\"javascript:", "src=\"javascript:"] {
            assert!(!html.contains(banned), "{banned} survived sanitising");
        }
    }
});
