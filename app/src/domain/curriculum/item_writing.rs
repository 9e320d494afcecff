//! Item-writing flaws: ways a knowledge item or a case decision gives its answer away or tests
//! less than it seems to. They are warnings for the author, shown beside the rules' problems but
//! never stopping a version: each is a judgement (a right answer may have to be the longest), and
//! test-wise guessing is what they guard against. Found in the content alone; how learners answer
//! is the item analysis's business.

use super::case::{NodeKind, Rating};
use super::module::ModuleDefinition;
use super::validate::Problem;

/// The right (or best) option counts as "clearly the longest" when it is this many times as long
/// as the longest of the others: a small difference is noise, a large one is a cue.
const LONGEST_CUE_RATIO: f64 = 1.2;

/// Words that make a statement easy to rule out (or in) without knowing the subject.
const ABSOLUTE_WORDS: [&str; 6] = ["always", "never", "completely", "absolutely", "invariably", "guaranteed"];

/// Every item-writing flaw in the module, in the order of the file.
pub fn item_writing_warnings(module: &ModuleDefinition) -> Vec<Problem> {
    let mut warnings = Vec::new();
    for (i, item) in module.items.iter().enumerate() {
        let path = format!("items[{i}]");
        let owner = format!("Question '{}'", item.key);
        let texts: Vec<&str> = item.options.iter().map(|o| o.text.as_str()).collect();
        let right: Vec<bool> = item.options.iter().map(|o| o.correct).collect();
        options_warnings(&mut warnings, &path, &owner, &texts, &right, "right answer");
        for (j, variant) in item.variants.iter().enumerate() {
            let texts: Vec<&str> = variant.options.iter().map(|o| o.text.as_str()).collect();
            let right: Vec<bool> = variant.options.iter().map(|o| o.correct).collect();
            let (path, owner) =
                (format!("{path}.variants[{j}]"), format!("{owner}, variant '{}'", variant.key));
            options_warnings(&mut warnings, &path, &owner, &texts, &right, "right answer");
        }
    }
    for (i, case) in module.cases.iter().enumerate() {
        for (j, node) in case.nodes.iter().enumerate() {
            let NodeKind::Decision { options, .. } = &node.kind else { continue };
            let path = format!("cases[{i}].nodes[{j}]");
            let owner = format!("Case '{}', decision '{}'", case.key, node.key);
            if options.len() == 2 {
                warnings.push(Problem {
                    path: format!("{path}.options"),
                    message: format!(
                        "{owner} offers only two options: a learner guesses right half the time, and one of \
                         two is usually plainly the answer. Add the realistic choice a colleague might make"
                    ),
                });
            }
            let texts: Vec<&str> = options.iter().map(|o| o.text.as_str()).collect();
            let best: Vec<bool> = options.iter().map(|o| o.rating == Rating::Best).collect();
            options_warnings(&mut warnings, &path, &owner, &texts, &best, "best option");
        }
    }
    warnings
}

/// The flaws of one set of options; `keyed` marks the right (or best) ones, `what` names them.
fn options_warnings(
    warnings: &mut Vec<Problem>,
    path: &str,
    owner: &str,
    texts: &[&str],
    keyed: &[bool],
    what: &str,
) {
    if let Some(j) = clearly_longest(texts, keyed) {
        warnings.push(Problem {
            path: format!("{path}.options[{j}]"),
            message: format!(
                "{owner}: the {what} is clearly the longest option, so learners can pick it by its length. \
                 Give the other options the same detail, or trim this one"
            ),
        });
    }
    for (j, text) in texts.iter().enumerate() {
        let lower = text.to_lowercase();
        if lower.contains("all of the above") || lower.contains("none of the above") {
            warnings.push(Problem {
                path: format!("{path}.options[{j}]"),
                message: format!(
                    "{owner}: option {} says 'all' or 'none of the above', which tests reading the other \
                     options rather than knowing the answer. Write a complete option instead",
                    j + 1
                ),
            });
        }
        if let Some(word) = absolute_word(&lower) {
            warnings.push(Problem {
                path: format!("{path}.options[{j}]"),
                message: format!(
                    "{owner}: option {} says '{word}'; absolute words let a learner rule an option in or out \
                     without knowing the subject. Say what is true, with its conditions",
                    j + 1
                ),
            });
        }
    }
}

/// The position of the keyed option when there is one and it is clearly longer than every other.
fn clearly_longest(texts: &[&str], keyed: &[bool]) -> Option<usize> {
    let length = |text: &str| text.trim().chars().count() as f64;
    let mut keyed_options = keyed.iter().enumerate().filter(|(_, k)| **k).map(|(j, _)| j);
    let (Some(j), None) = (keyed_options.next(), keyed_options.next()) else { return None };
    let others = texts.iter().enumerate().filter(|(o, _)| *o != j).map(|(_, t)| length(t));
    let longest_other = others.fold(None, |most: Option<f64>, l| Some(most.map_or(l, |m| m.max(l))))?;
    (length(texts[j]) >= longest_other * LONGEST_CUE_RATIO).then_some(j)
}

/// The first absolute word in `lower` (already lower case), as a whole word.
fn absolute_word(lower: &str) -> Option<&'static str> {
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).collect();
    ABSOLUTE_WORDS.into_iter().find(|word| words.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::curriculum::case::{Case, DecisionOption, Node};
    use crate::domain::curriculum::item::{ItemOption, KnowledgeItem};

    fn item(options: &[(&str, bool)]) -> KnowledgeItem {
        KnowledgeItem {
            variants: Vec::new(),
            key: "q1".into(),
            stem: "Which?".into(),
            themes: Vec::new(),
            references: Vec::new(),
            options: options
                .iter()
                .enumerate()
                .map(|(j, (text, correct))| ItemOption {
                    key: format!("o{j}"),
                    text: (*text).into(),
                    correct: *correct,
                    feedback: "Because.".into(),
                })
                .collect(),
        }
    }

    fn decision(options: &[(&str, Rating)]) -> Case {
        let options = options
            .iter()
            .enumerate()
            .map(|(j, (text, rating))| DecisionOption {
                key: format!("d{j}"),
                text: (*text).into(),
                rating: *rating,
                feedback: "Because.".into(),
                themes: Vec::new(),
                references: Vec::new(),
                next: "end".into(),
            })
            .collect();
        Case {
            key: "jim".into(),
            title: "Jim".into(),
            start: "d1".into(),
            nodes: vec![Node {
                key: "d1".into(),
                kind: NodeKind::Decision { body: None, question: "What now?".into(), options },
                passages: Vec::new(),
            }],
        }
    }

    fn module(items: Vec<KnowledgeItem>, cases: Vec<Case>) -> ModuleDefinition {
        ModuleDefinition { items, cases, ..crate::domain::learning::fixture::module() }
    }

    fn paths(module: &ModuleDefinition) -> Vec<String> {
        item_writing_warnings(module).into_iter().map(|w| w.path).collect()
    }

    #[test]
    fn a_right_answer_clearly_longer_than_the_rest_is_a_cue() {
        let cued = item(&[
            ("Reduce by about a tenth every two weeks, guided by symptoms", true),
            ("Stop at once", false),
            ("Halve the dose", false),
        ]);
        assert_eq!(paths(&module(vec![cued], Vec::new())), ["items[0].options[0]"]);
        let balanced = item(&[
            ("Reduce by about a tenth every two weeks", true),
            ("Stop at once and review in a month", false),
            ("Halve the dose each week until stopped", false),
        ]);
        assert!(paths(&module(vec![balanced], Vec::new())).is_empty(), "within a fifth of the longest other");
    }

    #[test]
    fn absolute_words_and_above_options_are_named_by_option() {
        let flawed = item(&[
            ("Diazepam", true),
            ("Benzodiazepines are never needed", false),
            ("None of the above", false),
            ("Zopiclone", false),
        ]);
        let warnings = item_writing_warnings(&module(vec![flawed], Vec::new()));
        let found: Vec<(&str, bool)> =
            warnings.iter().map(|w| (w.path.as_str(), w.message.contains("option"))).collect();
        assert_eq!(found, [("items[0].options[1]", true), ("items[0].options[2]", true)]);
        assert!(warnings[0].message.contains("'never'"));
        assert!(warnings[1].message.contains("of the above"));
        assert!(absolute_word("neverthelessly fine").is_none(), "whole words only");
    }

    #[test]
    fn a_two_way_decision_and_a_longest_best_option_are_warned_about() {
        let two = decision(&[
            ("Explore what she expects from the consultation and agree a plan together", Rating::Best),
            ("Prescribe", Rating::Unsafe),
        ]);
        assert_eq!(
            paths(&module(Vec::new(), vec![two])),
            ["cases[0].nodes[0].options", "cases[0].nodes[0].options[0]"]
        );
        let fair = decision(&[
            ("Ask what she hopes for today", Rating::Best),
            ("Prescribe a week of zopiclone", Rating::Unsafe),
            ("Refer to the practice pharmacist", Rating::Acceptable),
        ]);
        assert!(paths(&module(Vec::new(), vec![fair])).is_empty());
    }
}
