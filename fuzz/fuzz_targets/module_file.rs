//! Any text as a module file: read it, or list its problems, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = app::ssr::module_file::read_module(text);
    }
});
