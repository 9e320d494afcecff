//! Builds what the player shows for a step of an attempt (see `api::learning::step_view`).

use crate::domain::curriculum::case::{ChoiceMade, DecisionOption, NodeKind};
use crate::domain::curriculum::item::ItemOption;
use crate::domain::curriculum::module::{ModuleDefinition, Reference};
use crate::domain::learning::journey::{self, REFLECTION_MAX_CHARS};
use crate::domain::learning::step::Step;
use crate::ssr::learning::option_order::{arrange, shown_order};
use crate::ssr::markdown::to_html;
use crate::wire::step_view::{Choice, OtherChoice, StepContent, StepView};

/// The view of `step` in the attempt `attempt` (its public id), with a fresh submission key;
/// `made` holds the choices made earlier in the step's case, which some nodes' passages follow.
pub fn step_view(
    attempt: &str,
    module: &ModuleDefinition,
    step: &Step,
    made: &[ChoiceMade],
    notice: Option<String>,
) -> StepView {
    let bearings = journey::bearings(module, step);
    let (heading, content) = heading_and_content(attempt, module, step, made);
    StepView {
        attempt: attempt.to_owned(),
        module_title: module.title.clone(),
        step: step.to_string(),
        submission: uuid::Uuid::new_v4().to_string(),
        section: bearings.section.title().to_owned(),
        position: bearings.position,
        heading,
        content,
        notice,
    }
}

fn heading_and_content(
    attempt: &str,
    module: &ModuleDefinition,
    step: &Step,
    made: &[ChoiceMade],
) -> (String, StepContent) {
    let place = |step: &Step| journey::bearings(module, step).position.unwrap_or((1, 1));
    match step {
        Step::Intro => (module.title.clone(), intro(module)),
        Step::Pre(_) | Step::Post(_) => {
            let after_case = matches!(step, Step::Post(_));
            let (n, of) = place(step);
            let asked = journey::asked_at(module, step);
            let content = asked.as_ref().map(|item| {
                let options =
                    in_shown_order(attempt, module, step, item.options.iter().collect(), |o| &o.key);
                StepContent::Item {
                    stem_html: to_html(&item.stem),
                    options: options.into_iter().map(choice_of_item).collect(),
                    first_of_test: n == 1,
                    after_case,
                }
            });
            (format!("Question {n} of {of}"), content.unwrap_or_else(|| finished(attempt)))
        }
        Step::AttitudePre(key) | Step::AttitudePost(key) => {
            let (n, of) = place(step);
            let statement = module.attitudes.iter().find(|a| a.key == *key);
            let content = StepContent::Attitude {
                statement: statement.map(|a| a.statement.clone()).unwrap_or_default(),
                first: n == 1,
                after_case: matches!(step, Step::AttitudePost(_)),
                evaluation: statement.is_some_and(|a| a.evaluates.is_some()),
            };
            (format!("Statement {n} of {of}"), content)
        }
        Step::Case { case, node } | Step::Feedback { case, node, .. } => {
            case_step(attempt, module, (step, made), case, node)
                .unwrap_or_else(|| ("Finished".into(), finished(attempt)))
        }
        Step::Reflection => (
            "What will you do differently?".into(),
            StepContent::Reflection { prompts: module.reflections.clone(), max_chars: REFLECTION_MAX_CHARS },
        ),
        Step::Done => ("Finished".into(), finished(attempt)),
    }
}

fn finished(attempt: &str) -> StepContent {
    StepContent::Finished { results_path: format!("/attempts/{attempt}/results") }
}

fn intro(module: &ModuleDefinition) -> StepContent {
    StepContent::Intro {
        summary_html: to_html(&module.summary),
        notice_html: module.notice.as_deref().map(to_html),
        outcomes: module.outcomes.clone(),
        minutes: module.estimated_minutes,
        items: module.items.len(),
    }
}

fn choice_of_item(option: &ItemOption) -> Choice {
    Choice { key: option.key.clone(), text: option.text.clone() }
}

fn choice_of_decision(option: &DecisionOption) -> Choice {
    Choice { key: option.key.clone(), text: option.text.clone() }
}

/// `options` in the order this attempt is shown them at `step` (see `option_order`).
fn in_shown_order<T>(
    attempt: &str,
    module: &ModuleDefinition,
    step: &Step,
    options: Vec<T>,
    key: impl Fn(&T) -> &str,
) -> Vec<T> {
    match shown_order(attempt, module, step) {
        Some(order) => arrange(options, &order, key),
        None => options,
    }
}

fn cited(module: &ModuleDefinition, keys: &[String]) -> Vec<Reference> {
    keys.iter().filter_map(|key| module.reference(key)).cloned().collect()
}

/// A node of a case; `made` is the choices made so far in it, for a node with passages.
fn case_step(
    attempt: &str,
    module: &ModuleDefinition,
    (step, made): (&Step, &[ChoiceMade]),
    case: &str,
    node: &str,
) -> Option<(String, StepContent)> {
    let case = module.cases.iter().find(|c| c.key == case)?;
    let found = case.node(node)?;
    let passage = found.passage_for(made);
    // A passage replaces the node's text and the references that text cites.
    let text = |body: &str, references: &[String]| match passage {
        Some(p) => (to_html(&p.body), cited(module, &p.references)),
        None => (to_html(body), cited(module, references)),
    };
    let content = match (&found.kind, step) {
        (NodeKind::Narrative { body, references, .. }, Step::Case { .. }) => {
            let (body_html, references) = text(body, references);
            StepContent::Narrative { body_html, references }
        }
        (NodeKind::Decision { body, question, options }, Step::Case { .. }) => StepContent::Decision {
            body_html: passage.map(|p| to_html(&p.body)).or_else(|| body.as_deref().map(to_html)),
            question: question.clone(),
            options: in_shown_order(attempt, module, step, options.iter().collect(), |o| &o.key)
                .into_iter()
                .map(choice_of_decision)
                .collect(),
        },
        (NodeKind::Decision { question, options, .. }, Step::Feedback { option, .. }) => {
            let chosen = options.iter().find(|o| o.key == *option)?;
            let decision = Step::Case { case: case.key.clone(), node: node.to_owned() };
            let shown = in_shown_order(attempt, module, &decision, options.iter().collect(), |o| &o.key);
            StepContent::Feedback {
                question: question.clone(),
                chosen: chosen.text.clone(),
                rating: chosen.rating,
                feedback_html: to_html(&chosen.feedback),
                references: cited(module, &chosen.references),
                others: shown
                    .into_iter()
                    .filter(|o| o.key != *option)
                    .map(|o| OtherChoice {
                        text: o.text.clone(),
                        rating: o.rating,
                        feedback_html: to_html(&o.feedback),
                        references: cited(module, &o.references),
                    })
                    .collect(),
            }
        }
        (NodeKind::End { body, references }, Step::Case { .. }) => {
            let (body_html, references) = text(body, references);
            StepContent::Ending { body_html, references }
        }
        _ => return None,
    };
    let heading = match content {
        StepContent::Decision { .. } => format!("{}: your decision", case.title),
        StepContent::Feedback { .. } => format!("{}: feedback on your decision", case.title),
        _ => case.title.clone(),
    };
    Some((heading, content))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssr::curriculum::FIRST_CURRICULUM;
    use crate::ssr::module_file::read_module;

    fn margaret() -> ModuleDefinition {
        read_module(FIRST_CURRICULUM[0]).expect("the first module reads")
    }

    #[test]
    fn items_and_decisions_are_shown_in_the_attempts_order() {
        let module = margaret();
        let attempt = "67e55044-10b1-426f-9247-bb680e5fe0c8";
        let item = &module.items[0];
        for step in [Step::Pre(item.key.clone()), Step::Post(item.key.clone())] {
            let StepContent::Item { options, .. } = step_view(attempt, &module, &step, &[], None).content
            else {
                panic!("not an item")
            };
            let keys: Vec<String> = options.into_iter().map(|c| c.key).collect();
            assert_eq!(Some(keys), shown_order(attempt, &module, &step));
        }
        let case = &module.cases[0];
        let (node, _) = case.decisions().next().expect("a decision");
        let step = Step::Case { case: case.key.clone(), node: node.key.clone() };
        let StepContent::Decision { options, .. } = step_view(attempt, &module, &step, &[], None).content
        else {
            panic!("not a decision")
        };
        let keys: Vec<String> = options.into_iter().map(|c| c.key).collect();
        assert_eq!(Some(keys), shown_order(attempt, &module, &step));
    }

    #[test]
    fn every_step_of_the_first_module_has_a_view() {
        let module = margaret();
        let case = &module.cases[0];
        let mut steps = vec![Step::Intro, Step::Reflection];
        steps.extend(module.items.iter().flat_map(|i| [Step::Pre(i.key.clone()), Step::Post(i.key.clone())]));
        for node in &case.nodes {
            steps.push(Step::Case { case: case.key.clone(), node: node.key.clone() });
            if let NodeKind::Decision { options, .. } = &node.kind {
                steps.extend(options.iter().map(|o| Step::Feedback {
                    case: case.key.clone(),
                    node: node.key.clone(),
                    option: o.key.clone(),
                }));
            }
        }
        for step in steps {
            let view = step_view("67e55044-10b1-426f-9247-bb680e5fe0c8", &module, &step, &[], None);
            assert!(!matches!(view.content, StepContent::Finished { .. }), "{step} has no view");
            assert_eq!(view.step, step.to_string());
        }
    }

    #[test]
    fn feedback_shows_the_choice_made_and_the_others() {
        let module = margaret();
        let case = &module.cases[0];
        let (node, options) = case.decisions().next().expect("a decision");
        let step =
            Step::Feedback { case: case.key.clone(), node: node.key.clone(), option: options[1].key.clone() };
        let StepContent::Feedback { chosen, others, .. } = step_view("x", &module, &step, &[], None).content
        else {
            panic!("not feedback")
        };
        assert_eq!(chosen, options[1].text);
        assert_eq!(others.len(), options.len() - 1);
        for other in &others {
            let option = options.iter().find(|o| o.text == other.text).expect("an option of the decision");
            let keys: Vec<&String> = other.references.iter().map(|r| &r.key).collect();
            assert_eq!(keys, option.references.iter().collect::<Vec<_>>(), "each choice shows its sources");
        }
    }

    #[test]
    fn each_rendering_has_its_own_submission_key() {
        let module = margaret();
        let a = step_view("x", &module, &Step::Intro, &[], None);
        let b = step_view("x", &module, &Step::Intro, &[], None);
        assert_ne!(a.submission, b.submission);
    }
}
