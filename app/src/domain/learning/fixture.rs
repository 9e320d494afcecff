//! A small module for the learning tests: two knowledge items, one attitude statement and one case
//! whose single decision leads to a good or a bad ending; and recorded answers.

use crate::domain::curriculum::case::{Case, DecisionOption, Node, NodeKind, Rating};
use crate::domain::curriculum::item::{ItemOption, KnowledgeItem};
use crate::domain::curriculum::module::{AttitudeStatement, ModuleDefinition, Reference};
use crate::domain::learning::results::RecordedAnswer;

fn option(key: &str, correct: bool) -> ItemOption {
    ItemOption {
        key: key.into(),
        text: format!("Option {key}"),
        correct,
        feedback: format!("Because {key}."),
    }
}

fn item(key: &str, themes: &[&str]) -> KnowledgeItem {
    KnowledgeItem {
        variants: Vec::new(),
        key: key.into(),
        stem: format!("Question {key}?"),
        themes: themes.iter().map(|t| (*t).to_owned()).collect(),
        references: vec!["G1".into()],
        options: vec![option("a", true), option("b", false), option("c", false), option("d", false)],
    }
}

fn decision(key: &str, rating: Rating, next: &str) -> DecisionOption {
    DecisionOption {
        key: key.into(),
        text: format!("Choose {key}"),
        rating,
        feedback: format!("Choosing {key} is {}.", rating.code()),
        themes: vec!["gp-role".into()],
        references: vec!["G1".into()],
        next: next.into(),
    }
}

fn node(key: &str, kind: NodeKind) -> Node {
    Node { key: key.into(), kind, passages: Vec::new() }
}

pub fn module() -> ModuleDefinition {
    let end = |body: &str| NodeKind::End { body: body.into(), references: vec![] };
    ModuleDefinition {
        booster_days: None,
        slug: "test-module".into(),
        title: "Test module".into(),
        summary: "A module for tests.".into(),
        audience: "Tests".into(),
        estimated_minutes: 10,
        themes: vec!["gp-role".into(), "deserving-patient".into()],
        outcomes: vec!["Pass the tests.".into()],
        notice: None,
        references: vec![Reference { key: "G1".into(), citation: "A guideline.".into(), url: None }],
        items: vec![item("one", &["gp-role"]), item("two", &["gp-role", "deserving-patient"])],
        attitudes: vec![AttitudeStatement {
            key: "earned".into(),
            statement: "Some patients have earned their tablets.".into(),
            themes: vec!["deserving-patient".into()],
            evaluates: None,
        }],
        pairs: vec![],
        cases: vec![Case {
            key: "case".into(),
            title: "The case".into(),
            start: "meet".into(),
            nodes: vec![
                node(
                    "meet",
                    NodeKind::Narrative {
                        body: "You meet her.".into(),
                        references: vec![],
                        next: "choose".into(),
                    },
                ),
                node(
                    "choose",
                    NodeKind::Decision {
                        body: None,
                        question: "What now?".into(),
                        options: vec![
                            decision("talk", Rating::Best, "good"),
                            decision("repeat", Rating::Unsafe, "bad"),
                        ],
                    },
                ),
                node("good", end("It went well.")),
                node("bad", end("It went badly.")),
            ],
        }],
        reflections: vec!["What will you change?".into()],
    }
}

/// A recorded answer with nothing to mark: a step's "continue", a decision, an attitude.
pub fn unmarked(step: &str, answer: Option<&str>) -> RecordedAnswer {
    RecordedAnswer {
        step: step.into(),
        answer: answer.map(Into::into),
        correct: None,
        certainty: None,
        score: None,
    }
}
