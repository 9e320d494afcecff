//! Commitments to change: at the end of a module the learner may write up to three concrete
//! changes they intend (what, for which patients, by when). Stating an intention to change, and
//! being asked later what became of it, is the standard way to see whether learning changed
//! practice (Shershneva et al. 2010); each commitment is optional.

use serde::{Deserialize, Serialize};

use crate::domain::time::parse_uk_date_start;

/// The most commitments a reflection may hold.
pub const MOST_COMMITMENTS: usize = 3;
/// The most characters in what a commitment says or whom it is for.
pub const COMMITMENT_MAX_CHARS: usize = 300;

/// A commitment as the form sends it: any field may be blank.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentDraft {
    #[serde(default)]
    pub what: String,
    #[serde(default)]
    pub patients: String,
    /// A date, `YYYY-MM-DD` (what a date input sends).
    #[serde(default)]
    pub by: String,
}

/// A change the learner intends to make in their practice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commitment {
    pub what: String,
    pub patients: String,
    /// The date it is to be done by, `YYYY-MM-DD`.
    pub by: String,
}

/// The form field holding `part` of the commitment at `index` (from 0).
pub fn field_name(index: usize, part: &str) -> String {
    format!("commitments[{index}][{part}]")
}

/// The commitments written, blank ones left out; or every problem, by field. `today` is the
/// learner's date (`YYYY-MM-DD`): a commitment cannot be due before it.
pub fn parse_commitments(
    drafts: &[CommitmentDraft],
    today: &str,
) -> Result<Vec<Commitment>, Vec<(String, String)>> {
    let mut problems = Vec::new();
    let mut commitments = Vec::new();
    if drafts.len() > MOST_COMMITMENTS {
        problems.push((
            field_name(MOST_COMMITMENTS, "what"),
            format!("Write at most {MOST_COMMITMENTS} changes"),
        ));
    }
    for (index, draft) in drafts.iter().enumerate().take(MOST_COMMITMENTS) {
        let (what, patients, by) = (draft.what.trim(), draft.patients.trim(), draft.by.trim());
        if what.is_empty() && patients.is_empty() && by.is_empty() {
            continue;
        }
        let n = index + 1;
        let mut fail = |part: &str, message: String| problems.push((field_name(index, part), message));
        let text = |value: &str, missing: String| match value.chars().count() {
            0 => Err(missing),
            length if length > COMMITMENT_MAX_CHARS => Err(format!(
                "Change {n} must be {COMMITMENT_MAX_CHARS} characters or fewer here; it has {length}"
            )),
            _ => Ok(value.to_owned()),
        };
        let what = text(what, format!("Say what you will do differently in change {n}"));
        let patients = text(patients, format!("Say which patients change {n} is for"));
        let by = match by {
            "" => Err(format!("Enter the date you mean to have made change {n} by")),
            raw => match parse_uk_date_start(raw) {
                Err(message) => Err(message),
                Ok(_) if raw < today => Err(format!("The date for change {n} must be today or later")),
                Ok(_) => Ok(raw.to_owned()),
            },
        };
        match (what, patients, by) {
            (Ok(what), Ok(patients), Ok(by)) => commitments.push(Commitment { what, patients, by }),
            (what, patients, by) => {
                for (part, result) in [("what", what), ("patients", patients), ("by", by)] {
                    if let Err(message) = result {
                        fail(part, message);
                    }
                }
            }
        }
    }
    if problems.is_empty() { Ok(commitments) } else { Err(problems) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(what: &str, patients: &str, by: &str) -> CommitmentDraft {
        CommitmentDraft { what: what.into(), patients: patients.into(), by: by.into() }
    }

    #[test]
    fn blank_commitments_are_left_out_and_whole_ones_kept() {
        let drafts = [
            draft(" Offer CBT-I first ", "adults with insomnia", "2027-03-31"),
            draft("", "", ""),
            draft("Review repeats", "over-65s on a Z-drug", "2026-12-04"),
        ];
        let parsed = parse_commitments(&drafts, "2026-12-04").expect("valid");
        assert_eq!(parsed.len(), 2);
        assert_eq!(
            parsed[0],
            Commitment {
                what: "Offer CBT-I first".into(),
                patients: "adults with insomnia".into(),
                by: "2027-03-31".into()
            }
        );
        assert_eq!(parse_commitments(&[], "2026-12-04"), Ok(vec![]));
    }

    #[test]
    fn every_problem_is_named_by_its_field() {
        let drafts = [
            draft("Review repeats", "", "2026-01-01"),
            draft("", "", "31/03/2027"),
            draft(&"x".repeat(301), "GPs", "2027-01-01"),
        ];
        let problems = parse_commitments(&drafts, "2026-12-04").expect_err("three bad changes");
        assert_eq!(
            problems,
            [
                ("commitments[0][patients]".to_owned(), "Say which patients change 1 is for".to_owned()),
                ("commitments[0][by]".to_owned(), "The date for change 1 must be today or later".to_owned()),
                (
                    "commitments[1][what]".to_owned(),
                    "Say what you will do differently in change 2".to_owned()
                ),
                ("commitments[1][patients]".to_owned(), "Say which patients change 2 is for".to_owned()),
                ("commitments[1][by]".to_owned(), "Enter a real date, like 2026-11-24".to_owned()),
                (
                    "commitments[2][what]".to_owned(),
                    "Change 3 must be 300 characters or fewer here; it has 301".to_owned()
                ),
            ]
        );
        let four = vec![draft("a", "b", "2027-01-01"); 4];
        assert!(parse_commitments(&four, "2026-12-04").is_err_and(|p| p[0].1 == "Write at most 3 changes"));
    }
}
