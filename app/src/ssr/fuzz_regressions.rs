//! Every input the fuzz targets (`fuzz/`) ever crashed on is kept in `fuzz/regressions/<target>/`
//! and read back here by the ordinary test run, beside the targets' seed inputs, through the same
//! checks the targets make: so a fixed crash stays fixed without nightly or cargo-fuzz.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::domain::ids::PracticeId;
use crate::ssr::campaigns::addresses::read_addresses;
use crate::ssr::prescribing::list_sizes::read_list_sizes;
use crate::ssr::prescribing::read::{Context, read_prescribing};

fn inputs(target: &str) -> Vec<(PathBuf, String)> {
    let fuzz = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut found = Vec::new();
    for folder in [fuzz.join("regressions").join(target), fuzz.join("seeds").join(target)] {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for path in entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_file()) {
            if let Ok(bytes) = std::fs::read(&path) {
                found.push((path, String::from_utf8_lossy(&bytes).into_owned()));
            }
        }
    }
    found
}

#[test]
fn module_files_that_crashed_the_reader_are_read_or_refused() {
    for (path, text) in inputs("module_file") {
        let read = std::panic::catch_unwind(|| crate::ssr::module_file::read_module(&text).is_ok());
        assert!(read.is_ok(), "{} panicked", path.display());
    }
}

#[test]
fn markdown_that_crashed_the_sanitiser_is_rendered_safely() {
    for (path, text) in inputs("markdown") {
        let html = crate::ssr::markdown::to_html(&text);
        let risk = crate::ssr::markdown::script_risk(&html);
        assert_eq!(risk, None, "{}: {html}", path.display());
    }
}

#[test]
fn uploaded_csv_files_that_crashed_a_reader_are_read_or_refused() {
    let practices = BTreeMap::from([("A00001".to_owned(), 1), ("B00002".to_owned(), 2)]);
    let context = Context { practices: &practices, scope: "Region A", latest_month: "2026-10" };
    let inputs = inputs("prescribing_csv");
    assert!(inputs.len() >= 2, "the seed files are found");
    let targets = BTreeMap::from([("A00001".to_owned(), PracticeId(1))]);
    for (path, text) in inputs {
        let read = std::panic::catch_unwind(|| {
            (
                read_prescribing(&text, &context).is_ok(),
                read_list_sizes(&text, &practices, "2026-11").is_ok(),
                read_addresses(&text, &targets).is_ok(),
            )
        });
        assert!(read.is_ok(), "{} panicked", path.display());
    }
}
