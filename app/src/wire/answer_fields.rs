//! The fields of the player's form as they cross the wire: whichever the step shows (a choice and
//! a certainty, an agreement, or a reflection with commitments to change). The learning player and
//! the studio's preview take them flattened, so the form posts plain field names.

use serde::{Deserialize, Serialize};

use crate::domain::learning::commitment::CommitmentDraft;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerFields {
    #[serde(default)]
    pub choice: Option<String>,
    #[serde(default)]
    pub certainty: Option<String>,
    #[serde(default)]
    pub agreement: Option<String>,
    #[serde(default)]
    pub reflection: Option<String>,
    #[serde(default)]
    pub commitments: Vec<CommitmentDraft>,
}
