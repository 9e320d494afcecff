//! What a certificate states, and the little its public verify page confirms.

use serde::{Deserialize, Serialize};

/// A certificate of completion, as the PDF shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certificate {
    pub learner_name: String,
    pub gmc_number: Option<String>,
    pub module_title: String,
    pub version_number: i64,
    pub completed_at: i64,
    pub minutes_spent: i64,
    pub outcomes: Vec<String>,
    /// The verification code, as shown (`XXXX-XXXX-XXXX`).
    pub code: String,
}

/// What `/verify/<code>` confirms: who, what and when, and nothing more.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verified {
    pub learner_name: String,
    pub module_title: String,
    pub completed_at: i64,
}
