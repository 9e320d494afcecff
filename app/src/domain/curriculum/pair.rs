//! Matched pairs: two cases of a module whose patients differ in one respect only (age, sex, social
//! circumstances), met apart in the module with the same decisions to make. Afterwards the learner
//! sees whether the same story got the same decisions. The review found GPs' rules applied
//! differently to patients judged more or less 'deserving'; a pair lets learners see their own.

use serde::{Deserialize, Serialize};

use super::case::{Case, DecisionOption, NodeKind};
use super::module::ModuleDefinition;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CasePair {
    pub key: String,
    /// The keys of the two cases, in the order the module presents them.
    pub cases: Vec<String>,
    /// What differs between the two patients, told to the learner afterwards ("Age: Ruth is 79,
    /// Colin 41").
    pub differs: String,
    /// Theme codes the pair speaks to, for the reports.
    pub themes: Vec<String>,
}

impl CasePair {
    /// The two cases, when the module has both.
    pub fn cases_in<'a>(&self, module: &'a ModuleDefinition) -> Option<(&'a Case, &'a Case)> {
        let case = |key: &String| module.cases.iter().find(|c| c.key == *key);
        match self.cases.as_slice() {
            [first, second] => Some((case(first)?, case(second)?)),
            _ => None,
        }
    }
}

/// The decisions two cases share, by node key, with each case's options: the decisions a pair
/// compares. A pair's cases must share every decision (see `validate`).
pub fn shared_decisions<'a>(
    first: &'a Case,
    second: &'a Case,
) -> Vec<(&'a str, &'a [DecisionOption], &'a [DecisionOption])> {
    first
        .decisions()
        .filter_map(|(node, options)| match &second.node(&node.key)?.kind {
            NodeKind::Decision { options: others, .. } => {
                Some((node.key.as_str(), options, others.as_slice()))
            }
            _ => None,
        })
        .collect()
}

/// Why two cases cannot be compared as a pair: the decisions (and each decision's options) must be
/// the same, so that a choice in one has its twin in the other.
pub fn mismatch(first: &Case, second: &Case) -> Option<String> {
    let keys = |case: &Case| -> Vec<(String, Vec<String>)> {
        case.decisions()
            .map(|(node, options)| (node.key.clone(), options.iter().map(|o| o.key.clone()).collect()))
            .collect()
    };
    let (a, b) = (keys(first), keys(second));
    if a.is_empty() {
        return Some(format!("case '{}' has no decisions to compare", first.key));
    }
    let names =
        |k: &[(String, Vec<String>)]| k.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(", ");
    if a.iter().map(|(n, _)| n).ne(b.iter().map(|(n, _)| n)) {
        return Some(format!(
            "cases '{}' and '{}' must have the same decisions (they have {} and {})",
            first.key,
            second.key,
            names(&a),
            names(&b)
        ));
    }
    a.iter().zip(&b).find(|((_, x), (_, y))| x != y).map(|((node, _), _)| {
        format!("decision '{node}' must offer the same option keys in '{}' and '{}'", first.key, second.key)
    })
}
