//! What a finished attempt adds to the reports, kept beside the attempt when it finishes.

use super::choices::{
    AttitudePair, DecisionTaken, PairOutcome, attitude_pairs, decisions_taken, pair_outcomes,
};
use super::theme_scores::{ThemeScore, theme_scores};
use crate::domain::curriculum::module::ModuleDefinition;
use crate::domain::learning::ambivalence::{Evaluations, ambivalence};
use crate::domain::learning::results::RecordedAnswer;

/// What a finished attempt adds to the reports: its scores by theme, its attitude ratings before
/// and after, the decisions it took and whether its matched pairs were decided alike.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportRecord {
    pub themes: Vec<ThemeScore>,
    pub attitudes: Vec<AttitudePair>,
    pub decisions: Vec<DecisionTaken>,
    pub pairs: Vec<PairOutcome>,
    /// The evaluations behind the ambivalence index, when the module asks them before and after.
    pub ambivalence: Option<(Evaluations, Evaluations)>,
}

/// The report record of an attempt of `module` with these `answers`.
pub fn report_record(module: &ModuleDefinition, answers: &[RecordedAnswer]) -> ReportRecord {
    ReportRecord {
        themes: theme_scores(module, answers),
        attitudes: attitude_pairs(module, answers),
        decisions: decisions_taken(module, answers),
        pairs: pair_outcomes(module, answers),
        ambivalence: ambivalence(module, answers).and_then(|c| c.before.zip(c.after)),
    }
}
