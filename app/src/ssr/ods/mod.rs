//! Practices from NHS ODS: an admin uploads the GP practice file (`epraccur`); every practice is
//! placed in the region its commissioner is mapped to, and the file is imported whole or not at
//! all (a line with a problem, or a commissioner with no region, refuses it).

pub mod read;

use std::collections::BTreeMap;

use crate::domain::audit::AuditAction;
use crate::domain::ids::{PracticeId, RegionId};
use crate::domain::organisation::{PracticeChoice, PracticeMatch};
use crate::error::{AppError, FieldError};
use crate::ssr::db::Db;
use crate::ssr::db::ods::{OdsImportCounts, PracticeRecord};
use crate::ssr::prescribing::read::LineProblem;
use crate::ssr::request::Request;
use read::{OdsFile, OdsStatus, read_epraccur};

/// A practice chooser's state: the practice `chosen` in the address (else `held`, the one already
/// kept), and the matches for `search` when the person is searching. Only open practices are
/// offered, and with `within`, only those its test accepts (such as a lead's own region).
pub async fn practice_choice(
    db: &Db,
    search: Option<&str>,
    chosen: Option<&str>,
    held: Option<PracticeId>,
    within: impl Fn(RegionId) -> bool,
) -> Result<PracticeChoice, AppError> {
    let chosen_id = chosen.and_then(|raw| raw.trim().parse().ok().map(PracticeId)).or(held);
    let chosen = match chosen_id {
        Some(id) => db.practice_match(id).await?,
        None => None,
    };
    let (mut matches, mut search_error) = (Vec::new(), None);
    match search.map(str::trim) {
        None | Some("") => {}
        Some(text) => match search_text(text) {
            Ok(text) => matches = db.find_practices(&text).await?,
            Err(error) => search_error = error.message_for("practice_search").map(str::to_owned),
        },
    }
    let allowed = |m: &PracticeMatch| within(m.region_id);
    Ok(PracticeChoice {
        search: search.map(str::to_owned),
        matches: matches.into_iter().filter(|m| allowed(m)).collect(),
        search_error,
        chosen: chosen.filter(|m| allowed(m)),
    })
}

/// A practice search's text, checked: 2 to 60 characters, no control characters.
pub fn search_text(raw: &str) -> Result<String, AppError> {
    let text = raw.trim();
    let length = text.chars().count();
    if !(2..=60).contains(&length) || text.chars().any(char::is_control) {
        return Err(AppError::field(
            "practice_search",
            "Enter 2 to 60 letters or numbers of the practice's name, ODS code or postcode",
        ));
    }
    Ok(text.to_owned())
}

/// What an import did, in words for the page.
pub fn summary(counts: &OdsImportCounts, file: &OdsFile, proposed: usize) -> String {
    format!(
        "Imported the GP practice file: {} practices created, {} updated, {} closed, {} reopened. \
         Passed over: {} closed practices never used here, {} proposed practices, {} lines of other settings.",
        counts.created,
        counts.updated,
        counts.closed,
        counts.reopened,
        counts.closed_unknown,
        proposed,
        file.other_settings
    )
}

/// Reads and imports an `epraccur` file; the summary, or every problem as a form error.
pub async fn import_epraccur(request: &Request, text: &str) -> Result<String, AppError> {
    let as_errors = |problems: Vec<LineProblem>| AppError::Invalid {
        errors: problems.iter().map(|p| FieldError::new("file", p.to_string())).collect(),
        values: Vec::new(),
    };
    let file = read_epraccur(text).map_err(as_errors)?;
    let db = &request.state.db;
    let regions = db.commissioner_regions().await?;
    let open_regions: Vec<RegionId> =
        db.organisations().await?.regions.iter().filter(|r| !r.retired).map(|r| r.id).collect();
    let records = place(&file, &regions, &open_regions).map_err(as_errors)?;
    let proposed = file.practices.iter().filter(|p| p.status == OdsStatus::Proposed).count();
    let detail = format!("{} practices from the GP practice file", records.len());
    let audit = request.audit(AuditAction::PracticesImported, None, &detail);
    let counts = db.import_ods_practices(&records, &audit, request.now_ms()).await?;
    Ok(summary(&counts, &file, proposed))
}

/// Each practice to import (proposed ones are not) with its region, or a problem for every
/// commissioner with no open region (at the first line that names it).
fn place<'f>(
    file: &'f OdsFile,
    regions: &BTreeMap<String, RegionId>,
    open_regions: &[RegionId],
) -> Result<Vec<PracticeRecord<'f>>, Vec<LineProblem>> {
    let mut unmapped: BTreeMap<&str, u64> = BTreeMap::new();
    let mut records = Vec::new();
    for practice in file.practices.iter().filter(|p| p.status != OdsStatus::Proposed) {
        let region = regions.get(&practice.commissioner).filter(|r| open_regions.contains(r));
        let Some(region) = region else {
            unmapped.entry(&practice.commissioner).or_insert(practice.line);
            continue;
        };
        records.push(PracticeRecord {
            ods_code: practice.code.as_str(),
            name: &practice.name,
            address: &practice.address,
            postcode: &practice.postcode,
            commissioner: &practice.commissioner,
            opened_on: practice.opened_on.as_deref(),
            closed_on: practice.closed_on.as_deref(),
            closed: practice.status == OdsStatus::Closed,
            region: *region,
        });
    }
    if unmapped.is_empty() {
        return Ok(records);
    }
    let mut problems: Vec<LineProblem> = unmapped
        .into_iter()
        .map(|(code, line)| LineProblem {
            line,
            message: format!("commissioner {code} has no region: choose its region above, then upload again"),
        })
        .collect();
    problems.sort_by_key(|p| p.line);
    Err(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(lines: &[(&str, &str, &str)]) -> OdsFile {
        let text: Vec<String> = lines
            .iter()
            .map(|(code, status, commissioner)| {
                format!(
                    "{code},A PRACTICE,Y56,QMJ,1 STREET,,,,,AB1 2CD,20000101,,{status},B,{commissioner},,,,,,,,,,,4,"
                )
            })
            .collect();
        read_epraccur(&text.join("\n")).expect("a good file")
    }

    #[test]
    fn practices_go_to_their_commissioners_regions_and_proposed_ones_wait() {
        let file = file(&[("Y00001", "A", "15N"), ("Y00002", "P", "15N"), ("Y00003", "C", "99X")]);
        let regions = BTreeMap::from([("15N".to_owned(), RegionId(1)), ("99X".to_owned(), RegionId(2))]);
        let records = place(&file, &regions, &[RegionId(1), RegionId(2)]).expect("placed");
        let placed: Vec<(&str, i64, bool)> =
            records.iter().map(|r| (r.ods_code, r.region.0, r.closed)).collect();
        assert_eq!(placed, [("Y00001", 1, false), ("Y00003", 2, true)]);
    }

    #[test]
    fn a_commissioner_with_no_open_region_refuses_the_file_at_its_first_line() {
        let file = file(&[
            ("Y00001", "A", "15N"),
            ("Y00002", "A", "QWE"),
            ("Y00003", "A", "QWE"),
            ("Y00004", "A", "RET"),
        ]);
        let regions = BTreeMap::from([("15N".to_owned(), RegionId(1)), ("RET".to_owned(), RegionId(3))]);
        let problems = place(&file, &regions, &[RegionId(1)]).expect_err("refused");
        let found: Vec<(u64, bool)> =
            problems.iter().map(|p| (p.line, p.message.contains("has no region"))).collect();
        assert_eq!(found, [(2, true), (4, true)]);
    }
}
