//! The twelve-week follow-up: for each commitment to change, did the learner make it (yes, partly,
//! no), what happened, and what got in the way, with the review's themes offered as barriers.

use serde::{Deserialize, Serialize};

use super::follow_up::{Barrier, Outcome};

/// The most characters in what happened.
pub const HAPPENED_MAX_CHARS: usize = 1000;
/// The most characters in a barrier the learner names themselves.
pub const OTHER_BARRIER_MAX_CHARS: usize = 300;

/// One commitment's report as the form sends it: any field may be blank. Each barrier ticked is
/// sent under its index in `Barrier::ALL`, so the list may have gaps.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportDraft {
    #[serde(default)]
    pub outcome: Option<String>,
    #[serde(default)]
    pub happened: String,
    #[serde(default)]
    pub barriers: Vec<String>,
    #[serde(default)]
    pub other: String,
}

/// What became of one commitment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentReport {
    pub outcome: Outcome,
    pub what_happened: String,
    pub barriers: Vec<Barrier>,
    pub other_barrier: String,
}

/// The form field holding `part` of the report on the commitment at `index` (from 0).
pub fn field_name(index: usize, part: &str) -> String {
    format!("reports[{index}][{part}]")
}

/// The checkbox of one barrier on the report at `index`.
pub fn barrier_field(index: usize, barrier: Barrier) -> String {
    let position = Barrier::ALL.iter().position(|b| *b == barrier).unwrap_or_default();
    format!("reports[{index}][barriers][{position}]")
}

/// A report for each of `commitments` commitments, or every problem by field.
pub fn read_reports(
    commitments: usize,
    drafts: &[ReportDraft],
) -> Result<Vec<CommitmentReport>, Vec<(String, String)>> {
    let mut problems = Vec::new();
    let mut reports = Vec::new();
    for index in 0..commitments {
        let draft = drafts.get(index).cloned().unwrap_or_default();
        let n = index + 1;
        let mut fail = |part: &str, message: String| problems.push((field_name(index, part), message));
        let outcome = match draft.outcome.as_deref().map(str::trim).unwrap_or_default() {
            "" => None,
            code => Outcome::parse(code),
        };
        if outcome.is_none() {
            fail("outcome", format!("Say whether you made change {n}: yes, partly or no"));
        }
        let happened = draft.happened.trim();
        if happened.chars().count() > HAPPENED_MAX_CHARS {
            fail(
                "happened",
                format!("What happened with change {n} must be {HAPPENED_MAX_CHARS} characters or fewer"),
            );
        }
        let other = draft.other.trim();
        if other.chars().count() > OTHER_BARRIER_MAX_CHARS {
            fail(
                "other",
                format!(
                    "The other barrier to change {n} must be {OTHER_BARRIER_MAX_CHARS} characters or fewer"
                ),
            );
        }
        let barriers: Option<Vec<Barrier>> = draft.barriers.iter().map(|code| Barrier::parse(code)).collect();
        if barriers.is_none() {
            fail("barriers", format!("Choose barriers to change {n} from the list"));
        }
        if let (Some(outcome), Some(mut barriers)) = (outcome, barriers) {
            barriers.dedup();
            reports.push(CommitmentReport {
                outcome,
                what_happened: happened.to_owned(),
                barriers,
                other_barrier: other.to_owned(),
            });
        }
    }
    if problems.is_empty() { Ok(reports) } else { Err(problems) }
}

/// Barrier codes joined as the record keeps them (codes are slugs, never commas).
pub fn recorded_barriers(barriers: &[Barrier]) -> String {
    barriers.iter().map(|b| b.code()).collect::<Vec<_>>().join(",")
}

/// The barriers a record holds, skipping any this release does not know.
pub fn stored_barriers(recorded: &str) -> Vec<Barrier> {
    recorded.split(',').filter_map(Barrier::parse).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(outcome: &str, barriers: &[&str]) -> ReportDraft {
        ReportDraft {
            outcome: Some(outcome.into()),
            happened: " Talked it through. ".into(),
            barriers: barriers.iter().map(|b| (*b).into()).collect(),
            other: String::new(),
        }
    }

    #[test]
    fn every_commitment_needs_an_outcome() {
        let problems = read_reports(2, &[draft("done", &[])]).expect_err("refused");
        assert_eq!(
            problems,
            [(
                "reports[1][outcome]".to_owned(),
                "Say whether you made change 2: yes, partly or no".to_owned()
            )]
        );
        let reports = read_reports(2, &[draft("done", &[]), draft("not_done", &["time", "no-alternative"])])
            .expect("both reported");
        assert_eq!(reports[0].what_happened, "Talked it through.");
        assert_eq!(reports[1].barriers, [Barrier::Time, Barrier::NoAlternative]);
    }

    #[test]
    fn unknown_outcomes_and_barriers_and_long_text_are_refused() {
        let problems = read_reports(1, &[draft("maybe", &["bribery"])]).expect_err("refused");
        let fields: Vec<&str> = problems.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, ["reports[0][outcome]", "reports[0][barriers]"]);
        let long = ReportDraft { happened: "x".repeat(HAPPENED_MAX_CHARS + 1), ..draft("done", &[]) };
        assert_eq!(read_reports(1, &[long]).expect_err("refused")[0].0, "reports[0][happened]");
    }

    #[test]
    fn barriers_round_trip_through_the_record() {
        let barriers = [Barrier::PatientExpectations, Barrier::Time];
        assert_eq!(stored_barriers(&recorded_barriers(&barriers)), barriers);
        assert_eq!(stored_barriers(""), []);
        assert_eq!(barrier_field(0, Barrier::Time), "reports[0][barriers][7]");
    }
}
