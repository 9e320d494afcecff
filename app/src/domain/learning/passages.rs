//! The choices a learner made earlier in a case, which decide the passages its later nodes show
//! (see `Node::passages`): where two paths meet again, the story still follows the one taken.

use super::results::RecordedAnswer;
use super::step::Step;
use crate::domain::curriculum::case::ChoiceMade;
use crate::domain::curriculum::module::ModuleDefinition;

/// Whether `step` is a node with passages, the only steps that need the earlier choices.
pub fn needs_choices(module: &ModuleDefinition, step: &Step) -> bool {
    let Step::Case { case, node } = step else { return false };
    let case = module.cases.iter().find(|c| c.key == *case);
    case.and_then(|c| c.node(node)).is_some_and(|n| !n.passages.is_empty())
}

/// Choices as a preview carries them in its address: `reframe:accept,taper:quick`.
pub fn format_choices(made: &[ChoiceMade]) -> String {
    made.iter().map(ToString::to_string).collect::<Vec<_>>().join(",")
}

/// The choices in a preview's address; anything that is not a choice is ignored (an address
/// typed by hand only changes which passages the preview shows).
pub fn parse_choices(raw: &str) -> Vec<ChoiceMade> {
    raw.split(',').filter_map(ChoiceMade::parse).collect()
}

/// The options chosen at the decisions of `case`, from an attempt's recorded answers.
pub fn choices_made(answers: &[RecordedAnswer], case: &str) -> Vec<ChoiceMade> {
    answers
        .iter()
        .filter_map(|answer| match Step::parse(&answer.step)? {
            Step::Case { case: answered, node } if answered == case => {
                Some(ChoiceMade { decision: node, option: answer.answer.clone()? })
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::learning::fixture::unmarked as recorded;

    #[test]
    fn only_this_cases_decisions_count_as_choices() {
        let answers = [
            recorded("pre:taper", Some("a")),
            recorded("case:jim:visit", None),
            recorded("case:jim:reframe", Some("accept")),
            recorded("feedback:jim:reframe:accept", None),
            recorded("case:other:reframe", Some("explain")),
            recorded("case:jim:alcohol", Some("assess")),
        ];
        let made: Vec<String> = choices_made(&answers, "jim").iter().map(ToString::to_string).collect();
        assert_eq!(made, ["reframe:accept", "alcohol:assess"]);
    }

    #[test]
    fn a_previews_choices_survive_its_address() {
        let made = parse_choices("reframe:accept,,nonsense,taper:quick");
        assert_eq!(format_choices(&made), "reframe:accept,taper:quick");
        assert!(parse_choices("").is_empty());
    }
}
