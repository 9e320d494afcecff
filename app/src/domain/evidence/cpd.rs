//! One line of a learner's CPD log: a finished module, how long it took by their own records, what
//! it covered and what they will do differently.

use serde::{Deserialize, Serialize};

use crate::domain::learning::commitment::Commitment;
use crate::domain::learning::practice_report::CommitmentReport;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CpdEntry {
    pub module_title: String,
    pub version_number: i64,
    pub completed_at: i64,
    pub minutes_spent: i64,
    pub outcomes: Vec<String>,
    pub reflection: String,
    /// The changes the learner committed to with the reflection, each with what became of it once
    /// reported at twelve weeks: the impact an appraisal asks about.
    #[serde(default)]
    pub commitments: Vec<(Commitment, Option<CommitmentReport>)>,
    /// The certificate's verification code, as shown (`XXXX-XXXX-XXXX`).
    pub certificate_code: String,
}
