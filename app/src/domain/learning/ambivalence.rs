//! Ambivalence about benzodiazepines, measured as Thompson, Zanna and Griffin (1995) proposed: the
//! learner rates, separately, how favourable and how unfavourable they find them, each considered
//! alone, and the two combine into an index that is high when both are strong and close (mixed
//! feelings) and low when one dominates. The review found GPs' prescribing shaped by exactly this
//! ambivalence; an agree–disagree statement scores it as neutrality.

use serde::{Deserialize, Serialize};

use super::results::RecordedAnswer;
use super::step::Step;
use crate::domain::curriculum::module::{ModuleDefinition, Valence};

/// The labels of an evaluation's five answers, recorded as 1 to 5 like agreement.
pub const EVALUATION_LABELS: [&str; 5] = ["Not at all", "Slightly", "Moderately", "Very", "Extremely"];

/// One sitting's two evaluations, each 0 (not at all) to 4 (extremely).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluations {
    pub positive: i64,
    pub negative: i64,
}

impl Evaluations {
    /// The Griffin index, (P + N) / 2 − |P − N|: from −2 (wholly one-sided) to 4 (both extreme).
    pub fn index(self) -> f64 {
        self.doubled_index() as f64 / 2.0
    }

    /// Twice the index, a whole number, so sums stay exact in the database.
    pub fn doubled_index(self) -> i64 {
        self.positive + self.negative - 2 * (self.positive - self.negative).abs()
    }
}

/// The learner's evaluations before and after the cases.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmbivalenceChange {
    pub before: Option<Evaluations>,
    pub after: Option<Evaluations>,
}

/// The keys of a module's positive and negative evaluation questions, when it asks both.
pub fn evaluation_keys(module: &ModuleDefinition) -> Option<(&str, &str)> {
    let key =
        |valence| module.attitudes.iter().find(|a| a.evaluates == Some(valence)).map(|a| a.key.as_str());
    Some((key(Valence::Positive)?, key(Valence::Negative)?))
}

/// Whether `key` names one of the module's evaluation questions rather than an attitude statement.
pub fn is_evaluation(module: &ModuleDefinition, key: &str) -> bool {
    module.attitudes.iter().any(|a| a.key == key && a.evaluates.is_some())
}

/// The learner's evaluations before and after, for a module that asks them.
pub fn ambivalence(module: &ModuleDefinition, answers: &[RecordedAnswer]) -> Option<AmbivalenceChange> {
    let (positive, negative) = evaluation_keys(module)?;
    let rated = |step: Step| -> Option<i64> {
        let wanted = step.to_string();
        let answer = answers.iter().rev().find(|a| a.step == wanted)?.answer.as_deref()?;
        answer.parse::<i64>().ok().filter(|n| (1..=5).contains(n)).map(|n| n - 1)
    };
    let sitting = |of: fn(String) -> Step| {
        Some(Evaluations {
            positive: rated(of(positive.to_owned()))?,
            negative: rated(of(negative.to_owned()))?,
        })
    };
    Some(AmbivalenceChange { before: sitting(Step::AttitudePre), after: sitting(Step::AttitudePost) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::curriculum::module::AttitudeStatement;
    use crate::domain::learning::fixture::{self, unmarked};

    fn module() -> ModuleDefinition {
        let mut module = fixture::module();
        let evaluation = |key: &str, valence| AttitudeStatement {
            key: key.into(),
            statement: format!("How {key}?"),
            themes: vec!["ambivalence-rules".into()],
            evaluates: Some(valence),
        };
        module.attitudes.push(evaluation("favourable", Valence::Positive));
        module.attitudes.push(evaluation("unfavourable", Valence::Negative));
        module
    }

    #[test]
    fn the_index_is_high_for_strong_mixed_feelings_and_low_for_one_sided_ones() {
        let index = |positive, negative| Evaluations { positive, negative }.index();
        assert_eq!(index(4, 4), 4.0, "both extreme");
        assert_eq!(index(4, 0), -2.0, "wholly favourable");
        assert_eq!(index(0, 0), 0.0, "indifferent is not ambivalent");
        assert_eq!(index(3, 1), 0.0);
        assert_eq!(index(2, 3), 1.5);
    }

    #[test]
    fn both_evaluations_before_and_after_are_read_from_the_answers() {
        let answers = [
            unmarked("attitude-pre:favourable", Some("4")),
            unmarked("attitude-pre:unfavourable", Some("2")),
            unmarked("attitude-post:favourable", Some("3")),
            unmarked("attitude-post:unfavourable", Some("5")),
        ];
        let change = ambivalence(&module(), &answers).expect("the module asks both");
        assert_eq!(change.before, Some(Evaluations { positive: 3, negative: 1 }));
        assert_eq!(change.after, Some(Evaluations { positive: 2, negative: 4 }));
        assert!(
            ambivalence(&module(), &answers[..1]).is_some_and(|c| c.before.is_none()),
            "one of two is no index"
        );
        assert_eq!(ambivalence(&fixture::module(), &answers), None, "a module without evaluations");
        assert!(is_evaluation(&module(), "favourable") && !is_evaluation(&module(), "earned"));
    }
}
