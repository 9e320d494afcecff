//! Any text as one of the CSV files a lead uploads (prescribing, list sizes, a campaign's
//! addresses): read it, or list its problems by line, never panic.
#![no_main]

use std::collections::BTreeMap;

use app::domain::ids::PracticeId;
use app::ssr::campaigns::addresses::read_addresses;
use app::ssr::prescribing::list_sizes::read_list_sizes;
use app::ssr::prescribing::read::{Context, read_prescribing};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let practices = BTreeMap::from([("A00001".to_owned(), 1), ("B00002".to_owned(), 2)]);
        let context = Context { practices: &practices, scope: "Region A", latest_month: "2026-10" };
        let _ = read_prescribing(text, &context);
        let _ = read_list_sizes(text, &practices, "2026-11");
        let targets = BTreeMap::from([("A00001".to_owned(), PracticeId(1))]);
        let _ = read_addresses(text, &targets);
    }
});
