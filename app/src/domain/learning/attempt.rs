//! An attempt: one learner's pass through one version of a module, addressed by a UUID.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AttemptStatus {
    InProgress,
    Completed,
}

impl AttemptStatus {
    pub fn code(self) -> &'static str {
        match self {
            AttemptStatus::InProgress => "in_progress",
            AttemptStatus::Completed => "completed",
        }
    }

    pub fn parse(code: &str) -> Option<AttemptStatus> {
        [AttemptStatus::InProgress, AttemptStatus::Completed].into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            AttemptStatus::InProgress => "In progress",
            AttemptStatus::Completed => "Completed",
        }
    }
}

/// An attempt as the learner's history lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptSummary {
    pub public_id: String,
    pub slug: String,
    pub title: String,
    pub version_number: i64,
    pub status: AttemptStatus,
    pub started_at: i64,
    pub completed_at: Option<i64>,
    /// Certainty-based marks in the pre-test and post-test so far.
    pub pre_marks: i64,
    pub post_marks: i64,
    /// The most either test can score.
    pub maximum: i64,
}

/// Whether a string is an attempt's public id (a UUID in its hyphenated form). Anything else is
/// refused before it reaches the database.
pub fn is_public_id(raw: &str) -> bool {
    raw.len() == 36
        && raw.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_codes_round_trip() {
        for status in [AttemptStatus::InProgress, AttemptStatus::Completed] {
            assert_eq!(AttemptStatus::parse(status.code()), Some(status));
        }
        assert_eq!(AttemptStatus::parse("abandoned"), None);
    }

    #[test]
    fn only_hyphenated_uuids_are_public_ids() {
        assert!(is_public_id("67e55044-10b1-426f-9247-bb680e5fe0c8"));
        for bad in [
            "",
            "67e55044",
            "67e5504410b1426f9247bb680e5fe0c8",
            "67e55044-10b1-426f-9247-bb680e5fe0cg",
            "67e55044_10b1-426f-9247-bb680e5fe0c8",
            "../../../../etc/passwd/xxxxxxxxxxxxxxx",
        ] {
            assert!(!is_public_id(bad), "{bad}");
        }
    }
}
