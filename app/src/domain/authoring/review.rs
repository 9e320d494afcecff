//! Clinical review: a second trainer signs a version off, or sends it back with comments. The
//! sign-off is kept with the reviewer's name, the date and the revision they saw, and shown with the
//! version for as long as it exists.

use serde::{Deserialize, Serialize};

use super::workflow::Action;
use crate::domain::ids::PersonId;
use crate::domain::time::parse_uk_date_start;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReviewDecision {
    SignedOff,
    ChangesRequested,
}

impl ReviewDecision {
    pub fn code(self) -> &'static str {
        match self {
            ReviewDecision::SignedOff => "signed_off",
            ReviewDecision::ChangesRequested => "changes_requested",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ReviewDecision::SignedOff => "Signed off",
            ReviewDecision::ChangesRequested => "Changes requested",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [ReviewDecision::SignedOff, ReviewDecision::ChangesRequested].into_iter().find(|d| d.code() == code)
    }

    /// The decision a workflow action records, if it records one.
    pub fn of(action: Action) -> Option<Self> {
        match action {
            Action::SignOff => Some(ReviewDecision::SignedOff),
            Action::RequestChanges => Some(ReviewDecision::ChangesRequested),
            _ => None,
        }
    }
}

/// One review of a version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub reviewer: PersonId,
    pub reviewer_name: String,
    pub decision: ReviewDecision,
    pub comments: String,
    /// The revision of the version the reviewer saw.
    pub revision: i64,
    pub decided_at: i64,
}

/// Whether the latest review signs off the version as it now stands (`revision`).
pub fn signed_off(reviews: &[Review], revision: i64) -> bool {
    reviews.last().is_some_and(|r| r.decision == ReviewDecision::SignedOff && r.revision == revision)
}

const DAY_MS: i64 = 86_400_000;
/// Unless the publisher names a date, a version is due for review a year after it is published.
const DEFAULT_REVIEW_DAYS: i64 = 365;
/// Guidance moves: no version goes more than three years without review.
const LONGEST_REVIEW_DAYS: i64 = 3 * 365 + 1;

/// The review-by date a publisher gives (`YYYY-MM-DD`, or empty for a year from `now_ms`).
pub fn review_date(raw: &str, now_ms: i64) -> Result<i64, String> {
    if raw.trim().is_empty() {
        return Ok(now_ms + DEFAULT_REVIEW_DAYS * DAY_MS);
    }
    let date = parse_uk_date_start(raw)?;
    if date <= now_ms {
        Err("The review date must be in the future".into())
    } else if date > now_ms + LONGEST_REVIEW_DAYS * DAY_MS {
        Err("The review date must be within three years".into())
    } else {
        Ok(date)
    }
}

/// Longest a reviewer's comments may be.
pub const COMMENTS_MAX_CHARS: usize = 5000;

#[cfg(test)]
mod tests {
    use super::*;

    fn review(decision: ReviewDecision, revision: i64) -> Review {
        Review {
            reviewer: PersonId(2),
            reviewer_name: "Dr Second".into(),
            decision,
            comments: String::new(),
            revision,
            decided_at: 0,
        }
    }

    #[test]
    fn only_the_latest_sign_off_of_the_current_revision_counts() {
        assert!(!signed_off(&[], 3));
        assert!(signed_off(&[review(ReviewDecision::SignedOff, 3)], 3));
        assert!(!signed_off(&[review(ReviewDecision::SignedOff, 2)], 3), "signed off before an edit");
        let sent_back = [review(ReviewDecision::SignedOff, 3), review(ReviewDecision::ChangesRequested, 3)];
        assert!(!signed_off(&sent_back, 3));
    }

    #[test]
    fn review_dates_default_to_a_year_and_stay_within_three() {
        let now = parse_uk_date_start("2026-11-24").expect("a date");
        assert_eq!(review_date("", now), Ok(now + 365 * DAY_MS));
        assert_eq!(review_date("2027-06-01", now), parse_uk_date_start("2027-06-01"));
        assert_eq!(review_date("2026-11-24", now), Err("The review date must be in the future".into()));
        assert_eq!(review_date("2030-01-01", now), Err("The review date must be within three years".into()));
        assert!(review_date("next year", now).is_err());
    }

    #[test]
    fn decisions_round_trip_and_follow_actions() {
        for decision in [ReviewDecision::SignedOff, ReviewDecision::ChangesRequested] {
            assert_eq!(ReviewDecision::parse(decision.code()), Some(decision));
        }
        assert_eq!(ReviewDecision::of(Action::SignOff), Some(ReviewDecision::SignedOff));
        assert_eq!(ReviewDecision::of(Action::Publish), None);
    }
}
