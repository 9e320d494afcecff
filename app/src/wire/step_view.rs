//! What the player shows for one step: everything the page needs, with the module's Markdown
//! already rendered to safe HTML on the server. The player's page and an author's preview render it;
//! `answer_step` returns it to a script that calls it for data.

use serde::{Deserialize, Serialize};

use crate::domain::curriculum::case::Rating;
use crate::domain::curriculum::module::Reference;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepView {
    /// The attempt's public id.
    pub attempt: String,
    pub module_title: String,
    /// The step's id, sent back with the answer.
    pub step: String,
    /// A fresh key for this rendering of the step: the answer carries it, so a repeat of the same
    /// submission is recognised and recorded once.
    pub submission: String,
    /// Where the learner is ("Before the case: what you know") and the place in that list.
    pub section: String,
    pub position: Option<(usize, usize)>,
    pub heading: String,
    pub content: StepContent,
    /// A message about the last submission, such as an answer that had already been recorded.
    pub notice: Option<String>,
}

/// A choice offered at a step: its key (sent back) and its text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub key: String,
    pub text: String,
}

/// Another option of a decision, shown with the feedback on the one chosen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherChoice {
    pub text: String,
    pub rating: Rating,
    pub feedback_html: String,
    /// The sources behind this choice's feedback, shown even though it was not chosen.
    pub references: Vec<Reference>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepContent {
    /// Before anything is asked: the module's notice and how certainty-based marking works.
    Intro {
        summary_html: String,
        notice_html: Option<String>,
        outcomes: Vec<String>,
        minutes: u32,
        items: usize,
    },
    /// A knowledge item: choose one option and say how sure you are.
    Item {
        stem_html: String,
        options: Vec<Choice>,
        first_of_test: bool,
        after_case: bool,
    },
    /// An attitude statement, on a five-point scale of agreement; or an evaluation question (how
    /// favourable, or how unfavourable), on a five-point scale from 'not at all' to 'extremely'.
    Attitude {
        statement: String,
        first: bool,
        after_case: bool,
        evaluation: bool,
    },
    Narrative {
        body_html: String,
        references: Vec<Reference>,
    },
    Decision {
        body_html: Option<String>,
        question: String,
        options: Vec<Choice>,
    },
    /// Why the option chosen at a decision was good or not, and what the others would have meant.
    Feedback {
        question: String,
        chosen: String,
        rating: Rating,
        feedback_html: String,
        references: Vec<Reference>,
        others: Vec<OtherChoice>,
    },
    Ending {
        body_html: String,
        references: Vec<Reference>,
    },
    Reflection {
        prompts: Vec<String>,
        max_chars: usize,
    },
    /// Nothing left: the results are ready.
    Finished {
        results_path: String,
    },
}
