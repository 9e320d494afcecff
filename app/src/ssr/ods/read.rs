//! Reading NHS ODS's GP practice file, `epraccur`: one practice a line, no header, 27 columns of
//! which Casebook reads the code (1), name (2), address lines (5 to 9), postcode (10), open and
//! close dates (11, 12, `YYYYMMDD`), status (13: active, closed, dormant or proposed), commissioner
//! (15) and prescribing setting (26: 4 is a GP practice; other settings, such as out-of-hours or
//! walk-in centres, are passed over). The whole file is read first; any problem is reported with
//! its line and the file is refused whole.

use std::collections::BTreeSet;

use crate::domain::ods_code::OdsCode;
use crate::domain::organisation::MAX_NAME_CHARS;
use crate::ssr::prescribing::read::{LineProblem, Problems, shorten};

/// The columns a line must have to reach the commissioner; the published file has 27.
const MIN_COLUMNS: usize = 15;
/// The prescribing setting of a GP practice.
const GP_PRACTICE_SETTING: &str = "4";

/// A practice's status in ODS.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OdsStatus {
    Active,
    /// Closed: the practice is closed in Casebook too (its records stay).
    Closed,
    /// Dormant: not seeing patients for now, but not closed.
    Dormant,
    /// Proposed: not open yet, so not created.
    Proposed,
}

/// One practice as the file gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OdsPractice {
    pub line: u64,
    pub code: OdsCode,
    pub name: String,
    /// The address lines that are filled in, joined with commas.
    pub address: String,
    pub postcode: String,
    /// `YYYY-MM-DD`.
    pub opened_on: Option<String>,
    pub closed_on: Option<String>,
    pub status: OdsStatus,
    /// The commissioner's ODS code, upper-case.
    pub commissioner: String,
}

/// A GP practice file read without problems.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OdsFile {
    pub practices: Vec<OdsPractice>,
    /// Lines for other prescribing settings (not GP practices), passed over.
    pub other_settings: usize,
}

/// Reads an `epraccur` file, refusing it whole (with every problem's line) if any line is wrong.
pub fn read_epraccur(text: &str) -> Result<OdsFile, Vec<LineProblem>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut problems = Problems::default();
    let mut practices = Vec::new();
    let mut seen = BTreeSet::new();
    let mut other_settings = 0;
    for (index, record) in reader.records().enumerate() {
        let line = index as u64 + 1;
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                problems.add(line, format!("the line cannot be read as CSV: {error}"));
                continue;
            }
        };
        let fields: Vec<&str> = record.iter().collect();
        if fields.iter().all(|f| f.is_empty()) || (line == 1 && is_header(&fields)) {
            continue;
        }
        if fields.get(25).is_some_and(|setting| !setting.is_empty() && *setting != GP_PRACTICE_SETTING) {
            other_settings += 1;
            continue;
        }
        match read_line(line, &fields) {
            Ok(practice) if !seen.insert(practice.code.clone()) => {
                problems.add(line, format!("practice {} is in the file twice", practice.code));
            }
            Ok(practice) => practices.push(practice),
            Err(message) => problems.add(line, message),
        }
    }
    problems.finish()?;
    if practices.is_empty() {
        return Err(vec![LineProblem { line: 0, message: "The file holds no GP practices".into() }]);
    }
    Ok(OdsFile { practices, other_settings })
}

/// A first line naming columns (a file saved with headings), which is skipped.
fn is_header(fields: &[&str]) -> bool {
    fields.first().is_some_and(|first| first.to_lowercase().contains("code"))
}

fn read_line(line: u64, fields: &[&str]) -> Result<OdsPractice, String> {
    if fields.len() < MIN_COLUMNS {
        return Err(format!(
            "the line has {} columns: the GP practice file (epraccur) has 27, with the commissioner in the 15th",
            fields.len()
        ));
    }
    let code = OdsCode::parse(fields[0]).map_err(|_| {
        format!("'{}' is not a practice's ODS code (one letter and five digits)", shorten(fields[0]))
    })?;
    let name = fields[1].to_owned();
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS || name.chars().any(char::is_control) {
        return Err(format!("practice {code} needs a name of 1 to {MAX_NAME_CHARS} characters"));
    }
    let address = fields[4..9].iter().filter(|part| !part.is_empty()).copied().collect::<Vec<_>>().join(", ");
    let postcode = fields[9].to_uppercase();
    if postcode.chars().count() > 10 || !postcode.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ') {
        return Err(format!("practice {code}'s postcode '{}' is not a postcode", shorten(fields[9])));
    }
    let opened_on = ods_date(fields[10]).map_err(|m| format!("practice {code}'s open date {m}"))?;
    let closed_on = ods_date(fields[11]).map_err(|m| format!("practice {code}'s close date {m}"))?;
    let status = match fields[12] {
        "A" => OdsStatus::Active,
        "C" => OdsStatus::Closed,
        "D" => OdsStatus::Dormant,
        "P" => OdsStatus::Proposed,
        other => {
            return Err(format!(
                "practice {code}'s status '{}' is not A (active), C (closed), D (dormant) or P (proposed)",
                shorten(other)
            ));
        }
    };
    let commissioner = fields[14].to_uppercase();
    if commissioner.is_empty()
        || commissioner.len() > 10
        || !commissioner.chars().all(|c| c.is_ascii_alphanumeric())
    {
        return Err(format!("practice {code}'s commissioner '{}' is not an ODS code", shorten(fields[14])));
    }
    Ok(OdsPractice { line, code, name, address, postcode, opened_on, closed_on, status, commissioner })
}

/// An ODS date, `YYYYMMDD`, as `YYYY-MM-DD`; empty is none.
fn ods_date(raw: &str) -> Result<Option<String>, String> {
    if raw.is_empty() {
        return Ok(None);
    }
    let iso = match (raw.len(), raw.chars().all(|c| c.is_ascii_digit())) {
        (8, true) => format!("{}-{}-{}", &raw[..4], &raw[4..6], &raw[6..]),
        _ => return Err(format!("'{}' is not a date written YYYYMMDD", shorten(raw))),
    };
    match crate::domain::time::parse_uk_date_start(&iso) {
        Ok(_) => Ok(Some(iso)),
        Err(_) => Err(format!("'{raw}' is not a real date")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line in epraccur's shape (27 columns), with the given code, status, commissioner and setting.
    fn line(code: &str, name: &str, status: &str, commissioner: &str, setting: &str) -> String {
        format!(
            "\"{code}\",\"{name}\",\"Y56\",\"QMJ\",\"1 HIGH STREET\",\"\",\"NORTHTOWN\",\"\",\"\",\"NT1 2AB\",\
             \"19740401\",\"{close}\",\"{status}\",\"B\",\"{commissioner}\",\"20130401\",\"\",\"01234 567890\",\
             \"\",\"\",\"\",\"0\",\"\",\"{commissioner}\",\"\",\"{setting}\",\"\"",
            close = if status == "C" { "20250331" } else { "" }
        )
    }

    #[test]
    fn the_published_shape_is_read_by_position() {
        let text = [
            line("Y00001", "RIVERSIDE SURGERY", "A", "15n", "4"),
            line("Y00002", "OLD MILL PRACTICE", "C", "15N", "4"),
            line("Y00003", "NORTHTOWN WALK-IN CENTRE", "A", "15N", "1"),
        ]
        .join("\r\n");
        let file = read_epraccur(&text).expect("a good file");
        assert_eq!(file.other_settings, 1);
        assert_eq!(file.practices.len(), 2);
        let first = &file.practices[0];
        assert_eq!(first.code.as_str(), "Y00001");
        assert_eq!(first.name, "RIVERSIDE SURGERY");
        assert_eq!(first.address, "1 HIGH STREET, NORTHTOWN");
        assert_eq!(first.postcode, "NT1 2AB");
        assert_eq!(first.opened_on.as_deref(), Some("1974-04-01"));
        assert_eq!(first.closed_on, None);
        assert_eq!((first.status, first.commissioner.as_str()), (OdsStatus::Active, "15N"));
        assert_eq!(file.practices[1].status, OdsStatus::Closed);
        assert_eq!(file.practices[1].closed_on.as_deref(), Some("2025-03-31"));
    }

    #[test]
    fn every_bad_line_is_listed_and_nothing_is_read() {
        let text = [
            line("Y00001", "RIVERSIDE SURGERY", "A", "15N", "4"),
            line("NOT-A-CODE", "X", "A", "15N", "4"),
            line("Y00003", "", "A", "15N", "4"),
            line("Y00004", "THE PRACTICE", "X", "15N", "4"),
            line("Y00001", "RIVERSIDE AGAIN", "A", "15N", "4"),
            "\"Y00006\",\"SHORT LINE\"".to_owned(),
            line("Y00007", "BAD DATE", "A", "15N", "4").replace("19740401", "19741341"),
        ]
        .join("\n");
        let problems = read_epraccur(&text).expect_err("refused");
        let lines: Vec<u64> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2, 3, 4, 5, 6, 7]);
        assert!(problems[0].message.contains("not a practice's ODS code"));
        assert!(problems[2].message.contains("status 'X'"));
        assert!(problems[3].message.contains("twice"));
        assert!(problems[4].message.contains("has 2 columns"));
        assert!(problems[5].message.contains("not a real date"));
    }

    #[test]
    fn a_header_line_and_blank_lines_are_skipped_but_an_empty_file_is_refused() {
        let text = format!("Organisation Code,Name\n\n{}\n", line("Y00001", "A SURGERY", "A", "15N", "4"));
        assert_eq!(read_epraccur(&text).expect("read").practices.len(), 1);
        assert!(read_epraccur("").is_err());
    }
}
