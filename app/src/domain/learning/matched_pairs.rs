//! Where a learner's decisions differed between the two patients of a matched pair (see
//! `curriculum::pair`): the same story, one thing changed, and what the learner chose for each.

use serde::{Deserialize, Serialize};

use super::results::RecordedAnswer;
use super::step::Step;
use crate::domain::curriculum::case::{Case, DecisionOption, NodeKind};
use crate::domain::curriculum::module::ModuleDefinition;
use crate::domain::curriculum::pair::shared_decisions;

/// One matched pair, as the learner met it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairCompared {
    pub key: String,
    /// The two cases' titles.
    pub first: String,
    pub second: String,
    /// What differs between the two patients.
    pub differs: String,
    pub themes: Vec<String>,
    /// The decisions the learner made in both cases.
    pub decisions: Vec<DecidedTwice>,
}

impl PairCompared {
    /// Whether the learner made the same choice at every decision of the pair.
    pub fn consistent(&self) -> bool {
        self.decisions.iter().all(|d| d.same)
    }
}

/// A decision the learner made for both patients of a pair.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecidedTwice {
    pub question: String,
    /// The text of the option chosen for each patient.
    pub first: String,
    pub second: String,
    pub same: bool,
}

/// The module's matched pairs with the learner's choices; a pair with no decision answered for both
/// patients (an attempt not that far on) is left out.
pub fn compare_pairs(module: &ModuleDefinition, answers: &[RecordedAnswer]) -> Vec<PairCompared> {
    module
        .pairs
        .iter()
        .filter_map(|pair| {
            let (first, second) = pair.cases_in(module)?;
            let decisions: Vec<DecidedTwice> = shared_decisions(first, second)
                .into_iter()
                .filter_map(|(node, first_options, second_options)| {
                    let chosen_first = chosen(answers, &first.key, node, first_options)?;
                    let chosen_second = chosen(answers, &second.key, node, second_options)?;
                    Some(DecidedTwice {
                        question: question_of(first, node),
                        first: chosen_first.text.clone(),
                        second: chosen_second.text.clone(),
                        same: chosen_first.key == chosen_second.key,
                    })
                })
                .collect();
            (!decisions.is_empty()).then(|| PairCompared {
                key: pair.key.clone(),
                first: first.title.clone(),
                second: second.title.clone(),
                differs: pair.differs.clone(),
                themes: pair.themes.clone(),
                decisions,
            })
        })
        .collect()
}

/// The option last chosen at decision `node` of `case`.
fn chosen<'a>(
    answers: &[RecordedAnswer],
    case: &str,
    node: &str,
    options: &'a [DecisionOption],
) -> Option<&'a DecisionOption> {
    let step = Step::Case { case: case.to_owned(), node: node.to_owned() }.to_string();
    let answer = answers.iter().rev().find(|a| a.step == step)?.answer.as_deref()?;
    options.iter().find(|o| o.key == answer)
}

fn question_of(case: &Case, node: &str) -> String {
    match case.node(node).map(|n| &n.kind) {
        Some(NodeKind::Decision { question, .. }) => question.clone(),
        _ => String::new(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::curriculum::case::{Node, Rating};
    use crate::domain::curriculum::pair::CasePair;
    use crate::domain::learning::fixture::{self, unmarked};

    fn twin(key: &str) -> Case {
        let option = |k: &str| DecisionOption {
            key: k.into(),
            text: format!("{k} for {key}"),
            rating: Rating::Best,
            feedback: "Why.".into(),
            themes: vec!["deserving-patient".into()],
            references: vec!["G1".into()],
            next: "end".into(),
        };
        let decision = |node: &str| Node {
            key: node.into(),
            kind: NodeKind::Decision {
                body: None,
                question: format!("{node}?"),
                options: vec![option("a"), option("b")],
            },
            passages: vec![],
        };
        Case {
            key: key.into(),
            title: key.to_uppercase(),
            start: "first".into(),
            nodes: vec![decision("first"), decision("second")],
        }
    }

    /// A module whose two cases make a pair on one theme.
    pub(crate) fn module() -> ModuleDefinition {
        let mut module = fixture::module();
        module.cases = vec![twin("ruth"), twin("colin")];
        module.pairs = vec![CasePair {
            key: "bereaved".into(),
            cases: vec!["ruth".into(), "colin".into()],
            differs: "Age and sex".into(),
            themes: vec!["deserving-patient".into()],
        }];
        module
    }

    #[test]
    fn a_different_choice_for_the_twin_patient_is_shown() {
        let answers = [
            unmarked("case:ruth:first", Some("a")),
            unmarked("case:ruth:second", Some("a")),
            unmarked("case:colin:first", Some("b")),
            unmarked("case:colin:second", Some("a")),
        ];
        let compared = compare_pairs(&module(), &answers);
        assert_eq!(compared.len(), 1);
        let pair = &compared[0];
        assert_eq!((pair.first.as_str(), pair.second.as_str()), ("RUTH", "COLIN"));
        assert!(!pair.consistent());
        assert_eq!(
            pair.decisions.iter().map(|d| (d.first.as_str(), d.second.as_str(), d.same)).collect::<Vec<_>>(),
            [("a for ruth", "b for colin", false), ("a for ruth", "a for colin", true)]
        );
    }

    #[test]
    fn a_pair_not_yet_met_twice_is_left_out_and_the_same_choices_are_consistent() {
        let half = [unmarked("case:ruth:first", Some("a"))];
        assert!(compare_pairs(&module(), &half).is_empty());
        let same = [unmarked("case:ruth:first", Some("b")), unmarked("case:colin:first", Some("b"))];
        let compared = compare_pairs(&module(), &same);
        assert!(compared[0].consistent());
        assert_eq!(compared[0].decisions.len(), 1, "only decisions made for both patients");
    }
}
