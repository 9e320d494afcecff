//! A follow-up as its page shows it: a booster's questions or their marked answers, or the
//! commitments to report on or the report made; and the learner's list of follow-ups.

use serde::{Deserialize, Serialize};

use super::step_view::Choice;
use crate::domain::curriculum::module::Reference;
use crate::domain::learning::commitment::Commitment;
use crate::domain::learning::practice_report::CommitmentReport;
use crate::domain::learning::results::TestScore;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpView {
    /// The follow-up's address.
    pub public_id: String,
    pub module_title: String,
    /// What it is, such as "2-week booster" or "12-week follow-up".
    pub title: String,
    /// Where the learner's results for the module are.
    pub results_path: String,
    pub content: FollowUpContent,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FollowUpContent {
    /// Not open yet: it falls due on this date (a UK date).
    NotDue {
        due_date: String,
    },
    Booster {
        questions: Vec<BoosterQuestion>,
    },
    BoosterMarked {
        questions: Vec<MarkedQuestion>,
        score: TestScore,
    },
    Practice {
        commitments: Vec<Commitment>,
    },
    PracticeReported {
        commitments: Vec<(Commitment, Option<CommitmentReport>)>,
    },
}

/// A booster question, its options in the order this follow-up shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoosterQuestion {
    pub stem_html: String,
    pub options: Vec<Choice>,
}

/// A booster answer marked, with the feedback and the sources behind it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkedQuestion {
    pub stem_html: String,
    pub chosen: String,
    pub correct: bool,
    /// The certainty given, as its label ("3 – Very sure").
    pub certainty: String,
    pub mark: i64,
    pub chosen_feedback_html: String,
    /// The right answer and why, when the one chosen was wrong.
    pub right: Option<(String, String)>,
    pub references: Vec<Reference>,
}

/// A follow-up in the learner's list: what, for which module, when, and whether done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpSummary {
    pub public_id: String,
    pub module_title: String,
    pub title: String,
    pub due_date: String,
    pub due: bool,
    pub done: bool,
}
