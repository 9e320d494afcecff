//! The steps of one pass through a module, as the generator replays them for every synthetic
//! attempt: the knowledge items and attitude statements before and after the cases, and each case
//! walked along its best choices. Each decision keeps every option, so the generator can pick a
//! different one per attempt (and so per rating).

use crate::domain::curriculum::case::{NodeKind, Rating};
use crate::domain::curriculum::module::{ModuleDefinition, Valence};
use crate::domain::learning::journey::asked_at;
use crate::domain::learning::step::Step;

/// One step of the walk, with what the generator needs to answer it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateStep {
    pub ordinal: i64,
    pub step: String,
    /// As `responses.kind` holds it.
    pub kind: &'static str,
    pub answer: TemplateAnswer,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemplateAnswer {
    None,
    /// A knowledge item: its correct option, a wrong one, and the themes it is tagged with.
    Item {
        right: String,
        wrong: String,
        themes: Vec<String>,
    },
    /// An attitude statement, or an evaluation question of an ambivalence measure.
    Attitude {
        statement: String,
        evaluates: Option<Valence>,
    },
    /// Every option of a decision with its rating.
    Decision {
        case: String,
        node: String,
        options: Vec<(String, Rating)>,
    },
}

/// The walk through `module`, every step in order.
pub fn template(module: &ModuleDefinition) -> Vec<TemplateStep> {
    let mut steps: Vec<(Step, &'static str, TemplateAnswer)> =
        vec![(Step::Intro, "continue", TemplateAnswer::None)];
    let items = |before: bool| {
        module.items.iter().filter_map(move |item| {
            let step = if before { Step::Pre(item.key.clone()) } else { Step::Post(item.key.clone()) };
            // The options of the wording this step asks (the post-test may ask a variant).
            let asked = asked_at(module, &step)?;
            let right = asked.options.iter().find(|o| o.correct)?.key.clone();
            let wrong = asked.options.iter().find(|o| !o.correct)?.key.clone();
            let kind = if before { "pre_item" } else { "post_item" };
            Some((step, kind, TemplateAnswer::Item { right, wrong, themes: item.themes.clone() }))
        })
    };
    let attitudes = |before: bool| {
        module.attitudes.iter().map(move |a| {
            let (step, kind) = if before {
                (Step::AttitudePre(a.key.clone()), "attitude_pre")
            } else {
                (Step::AttitudePost(a.key.clone()), "attitude_post")
            };
            (step, kind, TemplateAnswer::Attitude { statement: a.key.clone(), evaluates: a.evaluates })
        })
    };
    steps.extend(items(true));
    steps.extend(attitudes(true));
    for case in &module.cases {
        walk(case, &mut steps);
    }
    steps.extend(items(false));
    steps.extend(attitudes(false));
    steps.push((Step::Reflection, "reflection", TemplateAnswer::None));
    steps
        .into_iter()
        .enumerate()
        .map(|(i, (step, kind, answer))| TemplateStep {
            ordinal: i as i64,
            step: step.to_string(),
            kind,
            answer,
        })
        .collect()
}

/// A case from its start along the best option at each decision, to its end.
fn walk(case: &crate::domain::curriculum::case::Case, steps: &mut Vec<(Step, &'static str, TemplateAnswer)>) {
    let mut at = case.start.clone();
    for _ in 0..case.nodes.len() {
        let Some(node) = case.node(&at) else { return };
        let here = Step::Case { case: case.key.clone(), node: at.clone() };
        match &node.kind {
            NodeKind::Narrative { next, .. } => {
                steps.push((here, "continue", TemplateAnswer::None));
                at = next.clone();
            }
            NodeKind::Decision { options, .. } => {
                let Some(best) = options.iter().min_by_key(|o| o.rating) else { return };
                let choices = options.iter().map(|o| (o.key.clone(), o.rating)).collect();
                let answer =
                    TemplateAnswer::Decision { case: case.key.clone(), node: at.clone(), options: choices };
                steps.push((here, "decision", answer));
                let feedback =
                    Step::Feedback { case: case.key.clone(), node: at.clone(), option: best.key.clone() };
                steps.push((feedback, "continue", TemplateAnswer::None));
                at = best.next.clone();
            }
            NodeKind::End { .. } => {
                steps.push((here, "continue", TemplateAnswer::None));
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::learning::journey::{Answer, advance, first_step};
    use crate::domain::learning::marking::Certainty;

    /// The template is the path a real learner takes choosing the best option every time.
    #[test]
    fn the_template_follows_the_journey() {
        for text in crate::ssr::curriculum::FIRST_CURRICULUM {
            let module = crate::ssr::module_file::read_module(text).expect("the first curriculum reads");
            let steps = template(&module);
            let mut step = first_step();
            for expected in &steps {
                assert_eq!(step.to_string(), expected.step);
                let answer = match &expected.answer {
                    TemplateAnswer::None if expected.kind == "reflection" => {
                        Answer::Reflection { text: "x".into(), commitments: vec![] }
                    }
                    TemplateAnswer::None => Answer::Continue,
                    TemplateAnswer::Item { right, .. } => {
                        Answer::Item { option: right.clone(), certainty: Certainty::High }
                    }
                    TemplateAnswer::Attitude { .. } => {
                        Answer::Attitude(crate::domain::learning::journey::Agreement::parse("3").expect("3"))
                    }
                    TemplateAnswer::Decision { options, .. } => {
                        let best = options.iter().min_by_key(|o| o.1).expect("options");
                        Answer::Decision { option: best.0.clone() }
                    }
                };
                step = advance(&module, &step, &answer).expect("each step leads on");
            }
            assert_eq!(step, Step::Done);
        }
    }
}
