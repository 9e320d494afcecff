//! A finished attempt's results: the certainty-based score before and after the case, the change
//! by theme, the answers given wrongly with high certainty ('confidently wrong', the misconceptions
//! most worth fixing), the attitude statements before and after, and the path taken through the
//! case beside the best path.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::ambivalence::{AmbivalenceChange, ambivalence};
use super::journey::asked_at;
use super::marking::{self, Certainty};
use super::matched_pairs::{PairCompared, compare_pairs};
use super::step::Step;
use crate::domain::curriculum::case::{Case, NodeKind, Rating};
use crate::domain::curriculum::item::KnowledgeItem;
use crate::domain::curriculum::module::{ModuleDefinition, Reference};
use crate::domain::curriculum::theme::THEMES;

/// Makes the step of a test (pre or post) for an item key.
type StepOf = fn(String) -> Step;

/// One recorded answer, as the results need it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedAnswer {
    pub step: String,
    pub answer: Option<String>,
    pub correct: Option<bool>,
    pub certainty: Option<i64>,
    pub score: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestScore {
    /// The certainty-based marks, out of `maximum`.
    pub marks: i64,
    pub maximum: i64,
    pub correct: usize,
    pub items: usize,
}

/// How the learner did on one theme's items, before and after the case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeChange {
    pub code: String,
    pub title: String,
    pub items: usize,
    pub pre: TestScore,
    pub post: TestScore,
}

/// An item answered wrongly at the highest certainty, with what would have been right and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfidentlyWrong {
    /// "Before the case" or "After the case".
    pub when: String,
    pub stem_html: String,
    pub chosen: String,
    pub chosen_feedback_html: String,
    pub correct: String,
    pub correct_feedback_html: String,
    pub references: Vec<Reference>,
}

/// A decision on a path through a case, and the choice made (or the best one).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathChoice {
    pub case: String,
    pub question: String,
    pub choice: String,
    pub rating: Rating,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttitudeChange {
    pub statement: String,
    /// Agreement from 1 (strongly disagree) to 5 (strongly agree).
    pub before: Option<i64>,
    pub after: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Results {
    pub pre: TestScore,
    pub post: TestScore,
    pub themes: Vec<ThemeChange>,
    pub confidently_wrong: Vec<ConfidentlyWrong>,
    pub path: Vec<PathChoice>,
    pub best_path: Vec<PathChoice>,
    pub attitudes: Vec<AttitudeChange>,
    /// How favourable and how unfavourable the learner found benzodiazepines, each alone, before
    /// and after, for a module that asks (see `ambivalence`).
    #[serde(default)]
    pub ambivalence: Option<AmbivalenceChange>,
    /// Matched pairs: where the same story, with one thing changed, got different decisions.
    pub pairs: Vec<PairCompared>,
}

/// An item's answer in one test: right or not, at what certainty, for what mark.
#[derive(Clone, Copy, Debug)]
struct Marked {
    correct: bool,
    mark: i64,
}

fn marked(answer: &RecordedAnswer) -> Option<Marked> {
    Some(Marked { correct: answer.correct?, mark: answer.score? })
}

fn answer_at<'a>(answers: &'a [RecordedAnswer], step: &Step) -> Option<&'a RecordedAnswer> {
    let id = step.to_string();
    answers.iter().find(|a| a.step == id)
}

fn score(marks: impl Iterator<Item = Option<Marked>>, items: usize) -> TestScore {
    let given: Vec<Marked> = marks.flatten().collect();
    TestScore {
        marks: given.iter().map(|m| m.mark).sum(),
        maximum: marking::maximum(items),
        correct: given.iter().filter(|m| m.correct).count(),
        items,
    }
}

/// The certainty-based score of the post-test so far.
pub fn post_test(module: &ModuleDefinition, answers: &[RecordedAnswer]) -> TestScore {
    let marks = module.items.iter().map(|i| answer_at(answers, &Step::Post(i.key.clone())).and_then(marked));
    score(marks, module.items.len())
}

/// Works out the results of an attempt from its recorded answers. `markdown` turns the module's
/// Markdown into safe HTML.
pub fn compute(
    module: &ModuleDefinition,
    answers: &[RecordedAnswer],
    markdown: &dyn Fn(&str) -> String,
) -> Results {
    let test = |items: &[&KnowledgeItem], step: StepOf| {
        let marks = items.iter().map(|i| answer_at(answers, &step(i.key.clone())).and_then(marked));
        score(marks, items.len())
    };
    let all: Vec<&KnowledgeItem> = module.items.iter().collect();
    let themes = THEMES
        .iter()
        .filter_map(|theme| {
            let tagged: Vec<&KnowledgeItem> =
                module.items.iter().filter(|i| i.themes.iter().any(|t| t == theme.code)).collect();
            (!tagged.is_empty()).then(|| ThemeChange {
                code: theme.code.to_owned(),
                title: theme.title.to_owned(),
                items: tagged.len(),
                pre: test(&tagged, Step::Pre),
                post: test(&tagged, Step::Post),
            })
        })
        .collect();
    Results {
        pre: test(&all, Step::Pre),
        post: post_test(module, answers),
        themes,
        confidently_wrong: confidently_wrong(module, answers, markdown),
        path: path_taken(module, answers),
        best_path: module.cases.iter().flat_map(best_path).collect(),
        pairs: compare_pairs(module, answers),
        ambivalence: ambivalence(module, answers),
        attitudes: module
            .attitudes
            .iter()
            .filter(|a| a.evaluates.is_none())
            .map(|a| AttitudeChange {
                statement: a.statement.clone(),
                before: agreement(answers, &Step::AttitudePre(a.key.clone())),
                after: agreement(answers, &Step::AttitudePost(a.key.clone())),
            })
            .collect(),
    }
}

fn agreement(answers: &[RecordedAnswer], step: &Step) -> Option<i64> {
    answer_at(answers, step)?.answer.as_deref()?.parse().ok()
}

fn confidently_wrong(
    module: &ModuleDefinition,
    answers: &[RecordedAnswer],
    markdown: &dyn Fn(&str) -> String,
) -> Vec<ConfidentlyWrong> {
    let tests: [(StepOf, &str); 2] = [(Step::Pre, "Before the case"), (Step::Post, "After the case")];
    tests
        .iter()
        .flat_map(|(step, when)| {
            module.items.iter().filter_map(move |item| {
                let here = step(item.key.clone());
                let answer = answer_at(answers, &here)?;
                // The item as it was worded at this step (the post-test may ask a variant).
                let item = &asked_at(module, &here)?;
                let sure = answer.certainty.and_then(Certainty::from_level) == Some(Certainty::High);
                if !sure || answer.correct != Some(false) {
                    return None;
                }
                let chosen = item.options.iter().find(|o| Some(&o.key) == answer.answer.as_ref())?;
                let correct = item.correct_option()?;
                Some(ConfidentlyWrong {
                    when: (*when).to_owned(),
                    stem_html: markdown(&item.stem),
                    chosen: chosen.text.clone(),
                    chosen_feedback_html: markdown(&chosen.feedback),
                    correct: correct.text.clone(),
                    correct_feedback_html: markdown(&correct.feedback),
                    references: item.references.iter().filter_map(|k| module.reference(k)).cloned().collect(),
                })
            })
        })
        .collect()
}

/// The decisions the learner made, in the order they made them.
fn path_taken(module: &ModuleDefinition, answers: &[RecordedAnswer]) -> Vec<PathChoice> {
    answers
        .iter()
        .filter_map(|answer| {
            let Some(Step::Case { case, node }) = Step::parse(&answer.step) else { return None };
            let case = module.cases.iter().find(|c| c.key == case)?;
            let NodeKind::Decision { question, options, .. } = &case.node(&node)?.kind else { return None };
            let option = options.iter().find(|o| Some(&o.key) == answer.answer.as_ref())?;
            Some(PathChoice {
                case: case.title.clone(),
                question: question.clone(),
                choice: option.text.clone(),
                rating: option.rating,
            })
        })
        .collect()
}

/// The path through a case that takes the best-rated option at every decision.
fn best_path(case: &Case) -> Vec<PathChoice> {
    let mut path = Vec::new();
    let mut visited = HashSet::new();
    let mut at = case.node(&case.start);
    while let Some(node) = at.filter(|n| visited.insert(n.key.as_str())) {
        at = match &node.kind {
            NodeKind::Narrative { next, .. } => case.node(next),
            NodeKind::Decision { question, options, .. } => {
                let Some(best) = options.iter().min_by_key(|o| o.rating) else { break };
                path.push(PathChoice {
                    case: case.title.clone(),
                    question: question.clone(),
                    choice: best.text.clone(),
                    rating: best.rating,
                });
                case.node(&best.next)
            }
            NodeKind::End { .. } => None,
        };
    }
    path
}

#[cfg(test)]
#[path = "results_tests.rs"]
mod tests;
