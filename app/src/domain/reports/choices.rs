//! What a finished attempt adds to the reports beyond knowledge: the learner's agreement with each
//! attitude statement before and after the cases, and the option they chose at each case decision
//! with its rating. Kept as summary rows when the attempt finishes, like the theme scores.

use crate::domain::curriculum::case::{NodeKind, Rating};
use crate::domain::curriculum::module::ModuleDefinition;
use crate::domain::learning::ambivalence::is_evaluation;
use crate::domain::learning::matched_pairs::compare_pairs;
use crate::domain::learning::results::RecordedAnswer;
use crate::domain::learning::step::Step;

/// Agreement (1 strongly disagree to 5 strongly agree) with one statement, before and after.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttitudePair {
    pub statement: String,
    pub before: i64,
    pub after: i64,
}

/// The option chosen at one decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecisionTaken {
    pub case: String,
    pub node: String,
    pub option: String,
    pub rating: Rating,
}

/// Whether the learner decided alike for both patients of a matched pair, once per theme the pair
/// speaks to (a lead reads the share of inconsistent pairs by theme).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PairOutcome {
    pub pair: String,
    pub theme: String,
    pub consistent: bool,
}

/// Each matched pair the learner decided for both patients, once per theme.
pub fn pair_outcomes(module: &ModuleDefinition, answers: &[RecordedAnswer]) -> Vec<PairOutcome> {
    compare_pairs(module, answers)
        .into_iter()
        .flat_map(|pair| {
            let consistent = pair.consistent();
            pair.themes.into_iter().map(move |theme| PairOutcome {
                pair: pair.key.clone(),
                theme,
                consistent,
            })
        })
        .collect()
}

/// Each statement the learner rated both before and after the cases (the evaluation questions of
/// an ambivalence measure are reported as its index instead).
pub fn attitude_pairs(module: &ModuleDefinition, answers: &[RecordedAnswer]) -> Vec<AttitudePair> {
    let agreement = |want_before: bool, key: &str| {
        answers.iter().find_map(|a| match Step::parse(&a.step)? {
            Step::AttitudePre(k) if want_before && k == key => a.answer.as_deref()?.parse().ok(),
            Step::AttitudePost(k) if !want_before && k == key => a.answer.as_deref()?.parse().ok(),
            _ => None,
        })
    };
    answers
        .iter()
        .filter_map(|a| match Step::parse(&a.step)? {
            Step::AttitudePre(key) if !is_evaluation(module, &key) => Some(key),
            _ => None,
        })
        .filter_map(|key| {
            Some(AttitudePair {
                before: agreement(true, &key)?,
                after: agreement(false, &key)?,
                statement: key,
            })
        })
        .collect()
}

/// Every decision the learner took, with the rating of the option chosen.
pub fn decisions_taken(module: &ModuleDefinition, answers: &[RecordedAnswer]) -> Vec<DecisionTaken> {
    answers
        .iter()
        .filter_map(|a| {
            let Step::Case { case, node } = Step::parse(&a.step)? else { return None };
            let option = a.answer.clone()?;
            let found = module.cases.iter().find(|c| c.key == case)?.node(&node)?;
            let NodeKind::Decision { options, .. } = &found.kind else { return None };
            let rating = options.iter().find(|o| o.key == option)?.rating;
            Some(DecisionTaken { case, node, option, rating })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::learning::fixture::module;

    fn answer(step: &str, answer: &str) -> RecordedAnswer {
        RecordedAnswer {
            step: step.into(),
            answer: Some(answer.into()),
            correct: None,
            certainty: None,
            score: None,
        }
    }

    #[test]
    fn statements_rated_before_and_after_are_paired() {
        let answers = [
            answer("attitude-pre:earned", "4"),
            answer("attitude-pre:lonely", "2"),
            answer("attitude-post:earned", "2"),
        ];
        assert_eq!(
            attitude_pairs(&module(), &answers),
            [AttitudePair { statement: "earned".into(), before: 4, after: 2 }]
        );
    }

    #[test]
    fn a_pair_decided_differently_is_one_inconsistent_outcome_per_theme() {
        let mut module = crate::domain::learning::matched_pairs::tests::module();
        module.pairs[0].themes.push("ambivalence-rules".into());
        let answers = [answer("case:ruth:first", "a"), answer("case:colin:first", "b")];
        let outcomes = pair_outcomes(&module, &answers);
        assert_eq!(
            outcomes.iter().map(|o| (o.theme.as_str(), o.consistent)).collect::<Vec<_>>(),
            [("deserving-patient", false), ("ambivalence-rules", false)]
        );
        assert!(pair_outcomes(&module, &answers[..1]).is_empty(), "a pair met once is not an outcome");
    }

    #[test]
    fn decisions_carry_the_rating_of_the_option_chosen() {
        let module = module();
        let case = &module.cases[0];
        let (node, options) = case.decisions().next().expect("a decision");
        let chosen = &options[options.len() - 1];
        let answers =
            [answer(&format!("case:{}:{}", case.key, node.key), &chosen.key), answer("case:x:y", "a")];
        let taken = decisions_taken(&module, &answers);
        assert_eq!(taken.len(), 1);
        assert_eq!((taken[0].option.as_str(), taken[0].rating), (chosen.key.as_str(), chosen.rating));
    }
}
