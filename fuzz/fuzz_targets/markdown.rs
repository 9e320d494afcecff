//! Any text as Markdown: rendered without panicking, and the sanitised HTML never holds anything
//! that could run script (`app::ssr::markdown::script_risk`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let html = app::ssr::markdown::to_html(text);
        if let Some(risk) = app::ssr::markdown::script_risk(&html) {
            panic!("{risk} survived sanitising: {html}");
        }
    }
});
