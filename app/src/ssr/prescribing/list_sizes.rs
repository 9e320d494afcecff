//! Reading NHS Digital's "Patients registered at a GP practice" file: one extract a month, each
//! practice's registered patients (the rows for all ages and both sexes together). The whole of
//! England is in one file, so rows for other practices are passed over; every problem with one of
//! the importer's rows is reported with its line, and a file with any problem is refused whole.

use std::collections::{BTreeMap, BTreeSet};

use super::read::{LineProblem, Problems, column_key, parse_list_size, problem, shorten};

/// One practice's registered patients in the month of an extract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListSize {
    pub practice: i64,
    /// The month of the extract, `YYYY-MM`.
    pub month: String,
    pub patients: i64,
}

/// A list-size file read without problems.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListSizeFile {
    pub sizes: Vec<ListSize>,
    pub other_practices: BTreeSet<String>,
}

/// Where the needed values are in a row; the filters are read where the file has them.
struct Columns {
    code: usize,
    date: usize,
    patients: usize,
    /// `(column, the value a counted row has)`: practices only, all sexes, all ages.
    filters: Vec<(usize, &'static str)>,
}

/// Whether `text`'s first line names the columns of a list-size file.
pub fn is_list_size_file(text: &str) -> bool {
    let first = text.trim_start_matches('\u{feff}').lines().next().unwrap_or("");
    let names: Vec<String> = first.split(',').map(|n| column_key(n.trim_matches('"'))).collect();
    names.iter().any(|n| n == "NUMBER_OF_PATIENTS") && names.iter().any(|n| n == "EXTRACT_DATE")
}

/// Reads a list-size file for `practices` (ODS code → practice id); `this_month` (`YYYY-MM`) is the
/// latest month an extract may be of.
pub fn read_list_sizes(
    text: &str,
    practices: &BTreeMap<String, i64>,
    this_month: &str,
) -> Result<ListSizeFile, Vec<LineProblem>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(headers) => headers.iter().map(column_key).collect(),
        Err(error) => return Err(vec![problem(1, format!("The column names cannot be read: {error}"))]),
    };
    let columns = find_columns(&headers).map_err(|message| vec![problem(1, message)])?;
    let mut problems = Problems::default();
    let mut sizes: BTreeMap<(i64, String), (u64, ListSize)> = BTreeMap::new();
    let mut other_practices = BTreeSet::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error.position().map_or(0, csv::Position::line);
                problems.add(line, format!("cannot be read as CSV: {error}"));
                continue;
            }
        };
        let line = record.position().map_or(0, csv::Position::line);
        let value = |i: usize| record.get(i).unwrap_or("");
        if record.len() != headers.len() {
            let message =
                format!("has {} values but the first line names {} columns", record.len(), headers.len());
            problems.add(line, message);
            continue;
        }
        if columns.filters.iter().any(|(i, wanted)| !value(*i).eq_ignore_ascii_case(wanted)) {
            continue;
        }
        let code = value(columns.code).to_uppercase();
        let Some(&practice) = practices.get(&code) else {
            other_practices.insert(code);
            continue;
        };
        let read = parse_extract_month(value(columns.date), this_month)
            .and_then(|month| Ok((month, parse_list_size(value(columns.patients))?)));
        match read {
            Ok((month, patients)) => match sizes.get(&(practice, month.clone())) {
                Some((first, _)) => {
                    problems.add(line, format!("{code} is already given for {month} on line {first}"))
                }
                None => {
                    sizes.insert((practice, month.clone()), (line, ListSize { practice, month, patients }));
                }
            },
            Err(message) => problems.add(line, message),
        }
    }
    problems.finish()?;
    if sizes.is_empty() {
        return Err(vec![problem(0, "The file has no list sizes for your practices".into())]);
    }
    Ok(ListSizeFile { sizes: sizes.into_values().map(|(_, size)| size).collect(), other_practices })
}

fn find_columns(headers: &[String]) -> Result<Columns, String> {
    let at = |names: &[&str]| names.iter().find_map(|n| headers.iter().position(|h| h == n));
    let (Some(code), Some(date), Some(patients)) =
        (at(&["CODE", "PRACTICE_CODE", "ORG_CODE"]), at(&["EXTRACT_DATE"]), at(&["NUMBER_OF_PATIENTS"]))
    else {
        return Err("A list-size file names the columns CODE, EXTRACT_DATE and NUMBER_OF_PATIENTS".into());
    };
    let filters = [(&["TYPE", "ORG_TYPE"][..], "GP"), (&["SEX"][..], "ALL"), (&["AGE"][..], "ALL")]
        .into_iter()
        .filter_map(|(names, wanted)| at(names).map(|i| (i, wanted)))
        .collect();
    Ok(Columns { code, date, patients, filters })
}

const MONTHS: [&str; 12] =
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

/// The month of an extract date, written `2026-04-01` or `01APR2026` (the file has used both),
/// as `2026-04`, from January 2000 to `this_month`.
fn parse_extract_month(raw: &str, this_month: &str) -> Result<String, String> {
    let wrong = || format!("the extract date '{}' is not a date like 2026-04-01 or 01APR2026", shorten(raw));
    let compact: String =
        raw.chars().filter(|c| !matches!(c, '-' | ' ' | '/')).collect::<String>().to_uppercase();
    let (year, month) = if compact.len() == 8 && compact.chars().all(|c| c.is_ascii_digit()) {
        (compact[..4].to_owned(), compact[4..6].parse::<usize>().map_err(|_| wrong())?)
    } else if compact.len() == 9 && compact.is_char_boundary(5) {
        let number = MONTHS.iter().position(|m| *m == &compact[2..5]).ok_or_else(wrong)? + 1;
        (compact[5..].to_owned(), number)
    } else {
        return Err(wrong());
    };
    if !(1..=12).contains(&month) || !year.chars().all(|c| c.is_ascii_digit()) || year.as_str() < "2000" {
        return Err(wrong());
    }
    let month = format!("{year}-{month:02}");
    if month.as_str() > this_month {
        return Err(format!("the extract date {} is in the future", shorten(raw)));
    }
    Ok(month)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn practices() -> BTreeMap<String, i64> {
        [("A81001".to_owned(), 1), ("A81002".to_owned(), 2)].into_iter().collect()
    }

    const HEADER: &str = "PUBLICATION,EXTRACT_DATE,TYPE,CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS\n";

    #[test]
    fn the_published_shape_is_read_for_the_importers_practices() {
        let text = format!(
            "\u{feff}{HEADER}GP_PRAC_PAT_LIST,01APR2026,GP,A81001,TS18 1HU,ALL,ALL,4012\n\
             GP_PRAC_PAT_LIST,01APR2026,GP,A81001,TS18 1HU,MALE,ALL,1990\n\
             GP_PRAC_PAT_LIST,01APR2026,GP,a81002,TS18 2AA,ALL,ALL,10250\n\
             GP_PRAC_PAT_LIST,01APR2026,GP,F84001,E1 1AA,ALL,ALL,9000\n\
             GP_PRAC_PAT_LIST,01APR2026,PCN,U12345,,ALL,ALL,50000\n"
        );
        let file = read_list_sizes(&text, &practices(), "2026-11").expect("a good file");
        assert_eq!(
            file.sizes,
            vec![
                ListSize { practice: 1, month: "2026-04".into(), patients: 4012 },
                ListSize { practice: 2, month: "2026-04".into(), patients: 10_250 },
            ]
        );
        assert_eq!(file.other_practices.into_iter().collect::<Vec<_>>(), vec!["F84001"], "not the PCN's row");
        assert!(is_list_size_file(&text));
        assert!(!is_list_size_file("practice_code,month,benzodiazepine_items\n"));
    }

    #[test]
    fn a_bad_file_is_refused_with_its_lines() {
        let text = format!(
            "{HEADER}GP_PRAC_PAT_LIST,2026-04-01,GP,A81001,X,ALL,ALL,4012\n\
             GP_PRAC_PAT_LIST,01XYZ2026,GP,A81002,X,ALL,ALL,100\n\
             GP_PRAC_PAT_LIST,2026-04-01,GP,A81002,X,ALL,ALL,0\n\
             GP_PRAC_PAT_LIST,2026-04-01,GP,A81001,X,ALL,ALL,4013\n\
             GP_PRAC_PAT_LIST,2027-01-01,GP,A81002,X,ALL,ALL,10\n\
             GP_PRAC_PAT_LIST,2026-04-01,GP,A81002\n"
        );
        let problems: Vec<String> = read_list_sizes(&text, &practices(), "2026-11")
            .expect_err("problems")
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            problems,
            vec![
                "Line 3: the extract date '01XYZ2026' is not a date like 2026-04-01 or 01APR2026",
                "Line 4: the list size must be at least 1",
                "Line 5: A81001 is already given for 2026-04 on line 2",
                "Line 6: the extract date 2027-01-01 is in the future",
                "Line 7: has 4 values but the first line names 8 columns",
            ]
        );
        let none =
            read_list_sizes(&format!("{HEADER}X,01APR2026,GP,F84001,X,ALL,ALL,9\n"), &practices(), "2026-11");
        assert_eq!(
            none.expect_err("none of ours")[0].message,
            "The file has no list sizes for your practices"
        );
        let wrong = read_list_sizes("EXTRACT_DATE,NUMBER_OF_PATIENTS\n", &practices(), "2026-11");
        assert_eq!(wrong.expect_err("no code column")[0].line, 1);
    }
}
