//! The order of a module's steps, and what each accepts. The outline is linear: the introduction,
//! the pre-test, the attitude statements, each case, the post-test, the attitude statements again,
//! the reflection. Inside a case the path branches on the learner's decisions, and every decision
//! is followed by feedback on the option chosen.

use super::commitment::Commitment;
use super::step::Step;
use crate::domain::curriculum::case::{Case, NodeKind};
use crate::domain::curriculum::item::KnowledgeItem;
use crate::domain::curriculum::module::ModuleDefinition;

/// The most a reflection may hold, in characters (about two pages).
pub const REFLECTION_MAX_CHARS: usize = 5000;

/// Agreement with an attitude statement, on a five-point Likert scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Agreement(u8);

impl Agreement {
    pub const LABELS: [&'static str; 5] =
        ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"];

    /// Parses the agreement a form submitted ("1" to "5").
    pub fn parse(raw: &str) -> Result<Agreement, String> {
        match raw.trim() {
            "" => Err("Select how much you agree with the statement".into()),
            raw => raw
                .parse::<u8>()
                .ok()
                .filter(|n| (1..=5).contains(n))
                .map(Agreement)
                .ok_or_else(|| "Select one of the five answers".into()),
        }
    }

    pub fn value(self) -> u8 {
        self.0
    }

    pub fn label_of(value: i64) -> &'static str {
        usize::try_from(value - 1).ok().and_then(|i| Self::LABELS.get(i)).copied().unwrap_or("No answer")
    }
}

/// What a learner submitted at a step, once its fields have been read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// "Continue", on a step that only informs.
    Continue,
    /// A knowledge item's option, and how sure the learner is.
    Item {
        option: String,
        certainty: super::marking::Certainty,
    },
    Attitude(Agreement),
    Decision {
        option: String,
    },
    /// The reflection's text and the changes the learner commits to (possibly none).
    Reflection {
        text: String,
        commitments: Vec<Commitment>,
    },
}

/// The step every attempt starts on.
pub fn first_step() -> Step {
    Step::Intro
}

/// The linear skeleton of a module: each case appears as its starting node.
fn outline(module: &ModuleDefinition) -> Vec<Step> {
    let mut steps = vec![Step::Intro];
    steps.extend(module.items.iter().map(|i| Step::Pre(i.key.clone())));
    steps.extend(module.attitudes.iter().map(|a| Step::AttitudePre(a.key.clone())));
    steps.extend(module.cases.iter().map(|c| Step::Case { case: c.key.clone(), node: c.start.clone() }));
    steps.extend(module.items.iter().map(|i| Step::Post(i.key.clone())));
    steps.extend(module.attitudes.iter().map(|a| Step::AttitudePost(a.key.clone())));
    steps.extend([Step::Reflection, Step::Done]);
    steps
}

/// The outline step after `entry` (which must be in the outline).
fn following(module: &ModuleDefinition, entry: &Step) -> Option<Step> {
    let outline = outline(module);
    let position = outline.iter().position(|s| s == entry)?;
    outline.get(position + 1).cloned()
}

fn case<'a>(module: &'a ModuleDefinition, key: &str) -> Option<&'a Case> {
    module.cases.iter().find(|c| c.key == key)
}

fn node_kind<'a>(module: &'a ModuleDefinition, case_key: &str, node: &str) -> Option<&'a NodeKind> {
    case(module, case_key)?.node(node).map(|n| &n.kind)
}

/// The knowledge item a test step asks, as worded there: the item's own wording before the cases,
/// its post-test variant after (see `KnowledgeItem::post_test_variant`); `None` for other steps.
pub fn asked_at(module: &ModuleDefinition, step: &Step) -> Option<KnowledgeItem> {
    let item = |key: &str| module.items.iter().find(|i| i.key == key);
    match step {
        Step::Pre(key) => item(key).map(|i| i.as_asked(None)),
        Step::Post(key) => item(key).map(|i| i.as_asked(i.post_test_variant())),
        _ => None,
    }
}

/// Whether `step` is a step of this module (a tampered step id is not).
pub fn exists(module: &ModuleDefinition, step: &Step) -> bool {
    let item = |key: &str| module.items.iter().any(|i| i.key == key);
    let attitude = |key: &str| module.attitudes.iter().any(|a| a.key == key);
    match step {
        Step::Intro | Step::Reflection | Step::Done => true,
        Step::Pre(key) | Step::Post(key) => item(key),
        Step::AttitudePre(key) | Step::AttitudePost(key) => attitude(key),
        Step::Case { case, node } => node_kind(module, case, node).is_some(),
        Step::Feedback { case, node, option } => matches!(
            node_kind(module, case, node),
            Some(NodeKind::Decision { options, .. }) if options.iter().any(|o| o.key == *option)
        ),
    }
}

/// The kind of answer given, as the `responses.kind` column holds it: a choice at a case node is a
/// decision, anything else there only moves on.
pub fn response_kind(step: &Step, answer: &Answer) -> &'static str {
    match (step, answer) {
        (_, Answer::Decision { .. }) => "decision",
        (Step::Pre(_), _) => "pre_item",
        (Step::Post(_), _) => "post_item",
        (Step::AttitudePre(_), _) => "attitude_pre",
        (Step::AttitudePost(_), _) => "attitude_post",
        (Step::Reflection, _) => "reflection",
        _ => "continue",
    }
}

/// The step after `step` given `answer`, or `None` when the answer does not fit the step (the
/// wrong kind, or an option the step does not offer).
pub fn advance(module: &ModuleDefinition, step: &Step, answer: &Answer) -> Option<Step> {
    match (step, answer) {
        (Step::Intro, Answer::Continue) | (Step::Reflection, Answer::Reflection { .. }) => {
            following(module, step)
        }
        (Step::Pre(_) | Step::Post(_), Answer::Item { option, .. }) => {
            let item = asked_at(module, step)?;
            item.options.iter().any(|o| o.key == *option).then(|| following(module, step))?
        }
        (Step::AttitudePre(_) | Step::AttitudePost(_), Answer::Attitude(_)) => following(module, step),
        (Step::Case { case, node }, answer) => advance_in_case(module, case, node, answer),
        (Step::Feedback { case, node, option }, Answer::Continue) => match node_kind(module, case, node)? {
            NodeKind::Decision { options, .. } => {
                let chosen = options.iter().find(|o| o.key == *option)?;
                Some(Step::Case { case: case.clone(), node: chosen.next.clone() })
            }
            _ => None,
        },
        _ => None,
    }
}

fn advance_in_case(module: &ModuleDefinition, case_key: &str, node: &str, answer: &Answer) -> Option<Step> {
    let case = case(module, case_key)?;
    match (&case.node(node)?.kind, answer) {
        (NodeKind::Narrative { next, .. }, Answer::Continue) => {
            Some(Step::Case { case: case.key.clone(), node: next.clone() })
        }
        (NodeKind::Decision { options, .. }, Answer::Decision { option }) => {
            options.iter().any(|o| o.key == *option).then(|| Step::Feedback {
                case: case.key.clone(),
                node: node.to_owned(),
                option: option.clone(),
            })
        }
        (NodeKind::End { .. }, Answer::Continue) => {
            following(module, &Step::Case { case: case.key.clone(), node: case.start.clone() })
        }
        _ => None,
    }
}

/// Where a step sits in the module, for the learner's bearings ("Before the case", question 2 of 6).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bearings {
    pub section: Section,
    /// The position within the section and its length, where the section is a list.
    pub position: Option<(usize, usize)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Introduction,
    PreTest,
    AttitudesBefore,
    Case,
    PostTest,
    AttitudesAfter,
    Reflection,
    Finished,
}

impl Section {
    pub fn title(self) -> &'static str {
        match self {
            Section::Introduction => "Introduction",
            Section::PreTest => "Before the case: what you know",
            Section::AttitudesBefore => "Before the case: what you think",
            Section::Case => "The case",
            Section::PostTest => "After the case: what you know",
            Section::AttitudesAfter => "After the case: what you think",
            Section::Reflection => "Reflection",
            Section::Finished => "Finished",
        }
    }
}

/// The section a step belongs to and its place in it.
pub fn bearings(module: &ModuleDefinition, step: &Step) -> Bearings {
    let in_list =
        |keys: Vec<&String>, key: &String| keys.iter().position(|k| *k == key).map(|i| (i + 1, keys.len()));
    let items = || module.items.iter().map(|i| &i.key).collect::<Vec<_>>();
    let attitudes = || module.attitudes.iter().map(|a| &a.key).collect::<Vec<_>>();
    let (section, position) = match step {
        Step::Intro => (Section::Introduction, None),
        Step::Pre(key) => (Section::PreTest, in_list(items(), key)),
        Step::Post(key) => (Section::PostTest, in_list(items(), key)),
        Step::AttitudePre(key) => (Section::AttitudesBefore, in_list(attitudes(), key)),
        Step::AttitudePost(key) => (Section::AttitudesAfter, in_list(attitudes(), key)),
        Step::Case { case, .. } | Step::Feedback { case, .. } => {
            let cases = module.cases.iter().map(|c| &c.key).collect::<Vec<_>>();
            (Section::Case, in_list(cases, case).filter(|(_, of)| *of > 1))
        }
        Step::Reflection => (Section::Reflection, None),
        Step::Done => (Section::Finished, None),
    };
    Bearings { section, position }
}

#[cfg(test)]
#[path = "journey_tests.rs"]
mod tests;
