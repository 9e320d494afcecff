//! Where a learner is in their career, which reports cut by.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CareerStage {
    Gp,
    GpTrainee,
    Other,
}

impl CareerStage {
    pub const ALL: [CareerStage; 3] = [CareerStage::Gp, CareerStage::GpTrainee, CareerStage::Other];

    /// The value stored in the database and submitted by forms.
    pub fn code(self) -> &'static str {
        match self {
            CareerStage::Gp => "gp",
            CareerStage::GpTrainee => "gp_trainee",
            CareerStage::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CareerStage::Gp => "GP",
            CareerStage::GpTrainee => "GP trainee or registrar",
            CareerStage::Other => "Other clinician",
        }
    }

    pub fn parse(code: &str) -> Result<Self, String> {
        Self::ALL.into_iter().find(|s| s.code() == code).ok_or_else(|| "Select your career stage".to_owned())
    }
}

/// Career stages as choices for radios.
pub fn career_stage_choices() -> Vec<(String, String)> {
    CareerStage::ALL.iter().map(|s| (s.code().to_owned(), s.label().to_owned())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for stage in CareerStage::ALL {
            assert_eq!(CareerStage::parse(stage.code()), Ok(stage));
        }
        assert!(CareerStage::parse("consultant").is_err());
        assert!(CareerStage::parse("").is_err());
    }
}
