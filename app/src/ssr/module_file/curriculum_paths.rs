//! Every path through every case of the first curriculum, walked choice by choice: each reaches an
//! ending, each passage is shown on some path, and the cases branch as the review of the curriculum
//! asked (two or more endings each, at least half the decisions leading to different places).

use std::collections::{BTreeSet, HashSet};

use super::read_module;
use crate::domain::curriculum::case::{Case, ChoiceMade, NodeKind};
use crate::ssr::curriculum::FIRST_CURRICULUM;

/// What walking a case found.
#[derive(Default)]
struct Walked {
    /// Each path's ending, with the choices made on the way.
    endings: Vec<(String, Vec<ChoiceMade>)>,
    /// The passages shown, as (node, index).
    passages_shown: HashSet<(String, usize)>,
}

/// Follows every choice from `node`, never taking a decision twice on one path (a loop is walked
/// once round, which is enough to see every node and passage on it).
fn walk(case: &Case, node: &str, made: &mut Vec<ChoiceMade>, walked: &mut Walked) {
    let found =
        case.node(node).unwrap_or_else(|| panic!("{}: a path leads to '{node}', which is missing", case.key));
    if let Some(index) = found.passage_for(made).and_then(|p| found.passages.iter().position(|q| q == p)) {
        walked.passages_shown.insert((node.to_owned(), index));
    }
    match &found.kind {
        NodeKind::End { .. } => walked.endings.push((node.to_owned(), made.clone())),
        NodeKind::Narrative { next, .. } => walk(case, next, made, walked),
        NodeKind::Decision { options, .. } => {
            for option in options {
                if made.iter().any(|c| c.decision == node) {
                    continue;
                }
                made.push(ChoiceMade { decision: node.to_owned(), option: option.key.clone() });
                walk(case, &option.next, made, walked);
                made.pop();
            }
        }
    }
}

#[test]
fn every_path_of_every_case_ends_and_every_passage_is_shown() {
    let (mut decisions, mut branching) = (0, 0);
    for text in FIRST_CURRICULUM {
        let module = read_module(text).expect("the module reads");
        for case in &module.cases {
            let mut walked = Walked::default();
            walk(case, &case.start, &mut Vec::new(), &mut walked);
            assert!(!walked.endings.is_empty(), "{}: no path ends", case.key);
            let endings: BTreeSet<&str> = walked.endings.iter().map(|(end, _)| end.as_str()).collect();
            assert!(endings.len() >= 2, "{}: one ending ({endings:?})", case.key);
            for node in &case.nodes {
                for index in 0..node.passages.len() {
                    assert!(
                        walked.passages_shown.contains(&(node.key.clone(), index)),
                        "{}: passage {} of '{}' is never shown",
                        case.key,
                        index + 1,
                        node.key
                    );
                }
            }
            for (_, options) in case.decisions() {
                decisions += 1;
                let places: BTreeSet<&str> = options.iter().map(|o| o.next.as_str()).collect();
                branching += usize::from(places.len() > 1);
            }
        }
    }
    assert!(branching * 2 >= decisions, "only {branching} of {decisions} decisions branch");
}

#[test]
fn a_passage_follows_the_choice_that_led_to_it() {
    let jim = FIRST_CURRICULUM.iter().filter_map(|t| read_module(t).ok()).find(|m| m.slug.starts_with("jim"));
    let case = &jim.expect("the Jim module").cases[0];
    let made = |pairs: &[(&str, &str)]| -> Vec<ChoiceMade> {
        pairs.iter().map(|(d, o)| ChoiceMade { decision: (*d).into(), option: (*o).into() }).collect()
    };
    let taper = case.node("taper").expect("the taper decision");
    assert_eq!(taper.passage_for(&made(&[("reframe", "explain")])), None, "the node's own text");
    let after_insisting = taper.passage_for(&made(&[("reframe", "insist")])).expect("a passage");
    assert!(after_insisting.body.contains("pull the rug out"), "{}", after_insisting.body);
}
