//! Reading a lead's list of further GPs' addresses for a campaign: a CSV file with a practice's
//! ODS code and an email address on each line. The practice must be one of the campaign's
//! targets. Every problem is listed with its line, and a file with any problem adds nobody.

use std::collections::{BTreeMap, HashMap};

use crate::domain::email::EmailAddress;
use crate::domain::ids::PracticeId;
use crate::domain::ods_code::OdsCode;
use crate::ssr::prescribing::read::LineProblem;

/// The most addresses one file may hold: more than any region's GPs.
pub const MAX_ADDRESSES: usize = 5_000;
/// At most this many problems are listed.
const MAX_PROBLEMS: usize = 50;

/// Reads `text` for a campaign whose targets are `targets` (ODS code → practice).
pub fn read_addresses(
    text: &str,
    targets: &BTreeMap<String, PracticeId>,
) -> Result<Vec<(PracticeId, EmailAddress)>, Vec<LineProblem>> {
    let problem = |line: u64, message: String| LineProblem { line, message };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(headers) => headers.iter().map(|h| h.to_lowercase().replace([' ', '-'], "_")).collect(),
        Err(error) => return Err(vec![problem(1, format!("The column names cannot be read: {error}"))]),
    };
    let at = |names: &[&str]| names.iter().find_map(|n| headers.iter().position(|h| h == n));
    let (Some(code), Some(email)) = (at(&["practice_code", "ods_code"]), at(&["email", "email_address"]))
    else {
        return Err(vec![problem(1, "The first line must name the columns practice_code and email".into())]);
    };
    let mut problems = Vec::new();
    let mut found: Vec<(PracticeId, EmailAddress)> = Vec::new();
    let mut first_line: HashMap<String, u64> = HashMap::new();
    for record in reader.records() {
        let (line, read) = match record {
            Ok(record) => {
                let line = record.position().map_or(0, csv::Position::line);
                if record.iter().all(str::is_empty) {
                    continue;
                }
                (line, read_line(&record, code, email, targets))
            }
            Err(error) => (
                error.position().map_or(0, csv::Position::line),
                Err(format!("cannot be read as CSV: {error}")),
            ),
        };
        match read {
            Ok((practice, address)) => match first_line.get(address.as_str()) {
                Some(first) => {
                    problems.push(problem(line, format!("{} is already on line {first}", address.as_str())))
                }
                None => {
                    first_line.insert(address.as_str().to_owned(), line);
                    found.push((practice, address));
                }
            },
            Err(message) => problems.push(problem(line, message)),
        }
    }
    if found.len() > MAX_ADDRESSES {
        problems.insert(0, problem(0, format!("A file may hold {MAX_ADDRESSES} addresses at most")));
    }
    if found.is_empty() && problems.is_empty() {
        problems.push(problem(0, "The file has no addresses".into()));
    }
    if problems.is_empty() {
        return Ok(found);
    }
    let more = problems.len().saturating_sub(MAX_PROBLEMS);
    problems.truncate(MAX_PROBLEMS);
    if more > 0 {
        problems.push(problem(0, format!("…and {more} more problems")));
    }
    Err(problems)
}

fn read_line(
    record: &csv::StringRecord,
    code: usize,
    email: usize,
    targets: &BTreeMap<String, PracticeId>,
) -> Result<(PracticeId, EmailAddress), String> {
    let ods = OdsCode::parse(record.get(code).unwrap_or("")).map_err(|m| format!("practice_code: {m}"))?;
    let practice =
        *targets.get(ods.as_str()).ok_or_else(|| format!("{ods} is not one of the campaign's practices"))?;
    let address = EmailAddress::parse(record.get(email).unwrap_or("")).map_err(|m| format!("email: {m}"))?;
    Ok((practice, address))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets() -> BTreeMap<String, PracticeId> {
        [("A81001".to_owned(), PracticeId(1)), ("A81002".to_owned(), PracticeId(2))].into_iter().collect()
    }

    #[test]
    fn a_good_list_is_read() {
        let found = read_addresses(
            "Practice code,Email\nA81001,Ann@Example.org\n\na81002,bo@example.org\n",
            &targets(),
        )
        .expect("a good file");
        let found: Vec<(i64, &str)> = found.iter().map(|(p, e)| (p.0, e.as_str())).collect();
        assert_eq!(found, [(1, "ann@example.org"), (2, "bo@example.org")]);
    }

    #[test]
    fn a_bad_list_is_refused_whole_with_every_line() {
        let problems: Vec<String> = read_addresses(
            "practice_code,email\nA81001,ann@example.org\nB00001,cy@example.org\nA81002,not an address\n\
             A8100,di@example.org\nA81002,ANN@example.org\n",
            &targets(),
        )
        .expect_err("problems")
        .iter()
        .map(ToString::to_string)
        .collect();
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert_eq!(problems[0], "Line 3: B00001 is not one of the campaign's practices");
        assert!(problems[1].starts_with("Line 4: email: "), "{problems:?}");
        assert!(problems[2].starts_with("Line 5: practice_code: "), "{problems:?}");
        assert_eq!(problems[3], "Line 6: ann@example.org is already on line 2");
        let wrong = read_addresses("name,address\n", &targets()).expect_err("no columns");
        assert_eq!(wrong[0].line, 1);
        let empty = read_addresses("practice_code,email\n", &targets()).expect_err("empty");
        assert_eq!(empty[0].message, "The file has no addresses");
    }
}
