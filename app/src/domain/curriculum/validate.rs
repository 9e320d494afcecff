//! The rules every module version must meet before it can be imported, sent for review or
//! published. Each problem names where it is, both as a path into the file (which the file parser
//! turns into a line number) and in plain words.

use std::collections::{HashMap, HashSet};

use super::case::{Case, ChoiceMade, Node, NodeKind, Rating};
use super::item::{ItemOption, KnowledgeItem};
use super::module::{ModuleDefinition, Valence};
use super::pair::mismatch;
use super::theme::theme;
use crate::domain::learning::follow_up::schedule_problem;

/// One thing wrong with a module.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    /// Where, as a path into the module file, such as `items[2].options[1].feedback`.
    pub path: String,
    /// What is wrong and what to do, in plain words, naming the part by its key.
    pub message: String,
}

/// Every problem with the module; empty if it is sound.
pub fn validate(module: &ModuleDefinition) -> Vec<Problem> {
    let mut check = Checker { module, problems: Vec::new() };
    check.header();
    check.references();
    check.items();
    check.attitudes();
    check.cases();
    check.pairs();
    check.reflections();
    check.booster_days();
    check.problems
}

const MIN_MINUTES: u32 = 5;
const MAX_MINUTES: u32 = 240;

struct Checker<'a> {
    module: &'a ModuleDefinition,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn fail(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem { path: path.into(), message: message.into() });
    }

    fn required(&mut self, path: &str, what: &str, value: &str) {
        if value.trim().is_empty() {
            self.fail(path, format!("{what} is missing: write it"));
        }
    }

    fn header(&mut self) {
        let m = self.module;
        if !valid_slug(&m.slug) {
            self.fail(
                "slug",
                "The slug must be 3 to 60 lower-case letters, digits and hyphens, starting with a letter",
            );
        }
        self.required("title", "The title", &m.title);
        self.required("summary", "The summary", &m.summary);
        self.required("audience", "The audience", &m.audience);
        if !(MIN_MINUTES..=MAX_MINUTES).contains(&m.estimated_minutes) {
            self.fail(
                "estimated_minutes",
                format!("The estimated time must be {MIN_MINUTES} to {MAX_MINUTES} minutes"),
            );
        }
        if m.outcomes.iter().all(|o| o.trim().is_empty()) {
            self.fail("outcomes", "List at least one learning outcome");
        }
        self.themes("themes", "The module", &m.themes);
    }

    /// Theme tags: at least one, each a known theme or recommendation.
    fn themes(&mut self, path: &str, owner: &str, themes: &[String]) {
        if themes.is_empty() {
            self.fail(path, format!("{owner} needs at least one theme"));
        }
        for (i, code) in themes.iter().enumerate() {
            if theme(code).is_none() {
                self.fail(format!("{path}[{i}]"), format!("{owner} names an unknown theme '{code}'"));
            }
        }
    }

    /// Citations: each a reference the module defines; `at_least_one` for clinical statements.
    fn cites(&mut self, path: &str, owner: &str, references: &[String], at_least_one: bool) {
        if at_least_one && references.is_empty() {
            self.fail(path, format!("{owner} makes a clinical statement: cite at least one reference"));
        }
        for (i, key) in references.iter().enumerate() {
            if self.module.reference(key).is_none() {
                self.fail(
                    format!("{path}[{i}]"),
                    format!("{owner} cites '{key}', which is not in the references"),
                );
            }
        }
    }

    fn references(&mut self) {
        let mut seen = HashSet::new();
        for (i, reference) in self.module.references.iter().enumerate() {
            let path = format!("references[{i}]");
            if !seen.insert(reference.key.as_str()) {
                self.fail(format!("{path}.key"), format!("Reference '{}' is defined twice", reference.key));
            }
            self.required(&format!("{path}.key"), "The reference's key", &reference.key);
            self.required(
                &format!("{path}.citation"),
                &format!("Reference '{}''s citation", reference.key),
                &reference.citation,
            );
            if let Some(url) = &reference.url
                && !(url.starts_with("https://") || url.starts_with("http://"))
            {
                self.fail(
                    format!("{path}.url"),
                    format!("Reference '{}''s link must start with https://", reference.key),
                );
            }
        }
    }

    fn items(&mut self) {
        if self.module.items.is_empty() {
            self.fail("items", "Add at least one knowledge item for the tests before and after the cases");
        }
        let mut seen = HashSet::new();
        for (i, item) in self.module.items.iter().enumerate() {
            if !seen.insert(item.key.as_str()) {
                self.fail(
                    format!("items[{i}].key"),
                    format!("Two knowledge items have the key '{}'", item.key),
                );
            }
            self.item(i, item);
        }
    }

    fn item(&mut self, i: usize, item: &KnowledgeItem) {
        let path = format!("items[{i}]");
        let owner = format!("Knowledge item '{}'", item.key);
        self.required(&format!("{path}.stem"), &format!("{owner}'s question"), &item.stem);
        self.themes(&format!("{path}.themes"), &owner, &item.themes);
        self.cites(&format!("{path}.references"), &owner, &item.references, true);
        self.options(&path, &owner, &item.options);
        let mut variant_keys = HashSet::from([item.key.as_str()]);
        for (j, variant) in item.variants.iter().enumerate() {
            let variant_path = format!("{path}.variants[{j}]");
            let variant_owner = format!("{owner}, variant '{}'", variant.key);
            let slug_like =
                variant.key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if variant.key.is_empty() || !slug_like {
                self.fail(
                    format!("{variant_path}.key"),
                    format!("{variant_owner}: a variant's key is lower-case letters, digits and hyphens"),
                );
            }
            if !variant_keys.insert(variant.key.as_str()) {
                self.fail(
                    format!("{variant_path}.key"),
                    format!(
                        "{owner} has two variants (or a variant and the item) with the key '{}'",
                        variant.key
                    ),
                );
            }
            self.required(
                &format!("{variant_path}.stem"),
                &format!("{variant_owner}'s question"),
                &variant.stem,
            );
            self.options(&variant_path, &variant_owner, &variant.options);
        }
    }

    /// The rules of a question's options: four or five, exactly one correct, each with its own key,
    /// text and feedback.
    fn options(&mut self, path: &str, owner: &str, options: &[ItemOption]) {
        if !(4..=5).contains(&options.len()) {
            self.fail(
                format!("{path}.options"),
                format!("{owner} needs 4 or 5 options (it has {})", options.len()),
            );
        }
        let correct = options.iter().filter(|o| o.correct).count();
        if correct != 1 {
            self.fail(
                format!("{path}.options"),
                format!("{owner} needs exactly one correct option (it has {correct})"),
            );
        }
        let mut keys = HashSet::new();
        for (j, option) in options.iter().enumerate() {
            let option_path = format!("{path}.options[{j}]");
            if !keys.insert(option.key.as_str()) {
                self.fail(
                    format!("{option_path}.key"),
                    format!("{owner} has two options with the key '{}'", option.key),
                );
            }
            self.required(
                &format!("{option_path}.text"),
                &format!("{owner}, option '{}': the text", option.key),
                &option.text,
            );
            if option.feedback.trim().is_empty() {
                self.fail(
                    format!("{option_path}.feedback"),
                    format!("{owner}, option '{}': write feedback for this option", option.key),
                );
            }
        }
    }

    fn attitudes(&mut self) {
        let mut seen = HashSet::new();
        for (i, attitude) in self.module.attitudes.iter().enumerate() {
            let path = format!("attitudes[{i}]");
            if !seen.insert(attitude.key.as_str()) {
                self.fail(
                    format!("{path}.key"),
                    format!("Two attitude statements have the key '{}'", attitude.key),
                );
            }
            let owner = format!("Attitude statement '{}'", attitude.key);
            self.required(&format!("{path}.statement"), &format!("{owner}'s statement"), &attitude.statement);
            self.themes(&format!("{path}.themes"), &owner, &attitude.themes);
        }
        self.evaluations();
    }

    /// An ambivalence measure needs exactly one positive and one negative evaluation question.
    fn evaluations(&mut self) {
        let count = |valence| self.module.attitudes.iter().filter(|a| a.evaluates == Some(valence)).count();
        let (positive, negative) = (count(Valence::Positive), count(Valence::Negative));
        if (positive, negative) != (0, 0) && (positive, negative) != (1, 1) {
            self.fail(
                "attitudes",
                format!(
                    "An ambivalence measure needs one positive and one negative evaluation question (this module has \
                     {positive} positive and {negative} negative)"
                ),
            );
        }
    }

    fn cases(&mut self) {
        if self.module.cases.is_empty() {
            self.fail("cases", "Add at least one case");
        }
        let mut seen = HashSet::new();
        for (i, case) in self.module.cases.iter().enumerate() {
            if !seen.insert(case.key.as_str()) {
                self.fail(format!("cases[{i}].key"), format!("Two cases have the key '{}'", case.key));
            }
            self.case(i, case);
        }
    }

    fn case(&mut self, i: usize, case: &Case) {
        let path = format!("cases[{i}]");
        let owner = format!("Case '{}'", case.key);
        self.required(&format!("{path}.title"), &format!("{owner}'s title"), &case.title);
        let keys: HashSet<&str> = case.nodes.iter().map(|n| n.key.as_str()).collect();
        if keys.len() != case.nodes.len() {
            self.fail(format!("{path}.nodes"), format!("{owner} has two nodes with the same key"));
        }
        if !keys.contains(case.start.as_str()) {
            self.fail(
                format!("{path}.start"),
                format!("{owner} starts at '{}', which is not one of its nodes", case.start),
            );
        }
        for (j, node) in case.nodes.iter().enumerate() {
            let node_path = format!("{path}.nodes[{j}]");
            let node_owner = format!("{owner}, node '{}'", node.key);
            match &node.kind {
                NodeKind::Narrative { body, references, next } => {
                    self.required(&format!("{node_path}.body"), &format!("{node_owner}: the text"), body);
                    self.cites(&format!("{node_path}.references"), &node_owner, references, false);
                    self.leads_to(&keys, &format!("{node_path}.next"), &node_owner, next);
                }
                NodeKind::Decision { question, options, .. } => {
                    self.required(
                        &format!("{node_path}.question"),
                        &format!("{node_owner}: the question"),
                        question,
                    );
                    if !(2..=5).contains(&options.len()) {
                        self.fail(
                            format!("{node_path}.options"),
                            format!("{node_owner} needs 2 to 5 options (it has {})", options.len()),
                        );
                    }
                    let mut option_keys = HashSet::new();
                    for (k, option) in options.iter().enumerate() {
                        let option_path = format!("{node_path}.options[{k}]");
                        let option_owner = format!("{node_owner}, option '{}'", option.key);
                        if !option_keys.insert(option.key.as_str()) {
                            self.fail(
                                format!("{option_path}.key"),
                                format!("{node_owner} has two options with the key '{}'", option.key),
                            );
                        }
                        self.required(
                            &format!("{option_path}.text"),
                            &format!("{option_owner}: the text"),
                            &option.text,
                        );
                        if option.feedback.trim().is_empty() {
                            let message = if option.rating == Rating::Unsafe {
                                format!("{option_owner} is unsafe: explain why in its feedback")
                            } else {
                                format!("{option_owner}: write feedback for this option")
                            };
                            self.fail(format!("{option_path}.feedback"), message);
                        }
                        self.themes(&format!("{option_path}.themes"), &option_owner, &option.themes);
                        self.cites(
                            &format!("{option_path}.references"),
                            &option_owner,
                            &option.references,
                            true,
                        );
                        self.leads_to(&keys, &format!("{option_path}.next"), &option_owner, &option.next);
                    }
                }
                NodeKind::End { body, references } => {
                    self.required(&format!("{node_path}.body"), &format!("{node_owner}: the outcome"), body);
                    self.cites(&format!("{node_path}.references"), &node_owner, references, false);
                }
            }
            self.passages(&node_path, &node_owner, case, node);
        }
        self.graph(&path, &owner, case);
    }

    /// Each passage has its text, references the module defines, and choices that name an option
    /// of a decision of this case which can lead to the node (else the passage is never shown).
    fn passages(&mut self, path: &str, owner: &str, case: &Case, node: &Node) {
        for (k, passage) in node.passages.iter().enumerate() {
            let path = format!("{path}.passages[{k}]");
            let owner = format!("{owner}, passage {}", k + 1);
            self.required(&format!("{path}.body"), &format!("{owner}: the text"), &passage.body);
            self.cites(&format!("{path}.references"), &owner, &passage.references, false);
            if matches!(node.kind, NodeKind::Decision { .. }) && !passage.references.is_empty() {
                self.fail(
                    format!("{path}.references"),
                    format!(
                        "{owner} replaces a decision's context, which shows no sources: cite them in the \
                         options' feedback instead"
                    ),
                );
            }
            if passage.when.is_empty() {
                self.fail(
                    format!("{path}.when"),
                    format!("{owner}: say after which choices it is shown, such as \"reframe:accept\""),
                );
            }
            for choice in &passage.when {
                if let Some(message) = unreachable_choice(case, node, choice) {
                    self.fail(
                        format!("{path}.when"),
                        format!("{owner} is shown after '{choice}', but {message}"),
                    );
                }
            }
        }
    }

    fn leads_to(&mut self, keys: &HashSet<&str>, path: &str, owner: &str, next: &str) {
        if !keys.contains(next) {
            self.fail(path, format!("{owner} leads to '{next}', which is not a node of this case"));
        }
    }

    /// Every node reachable from the start, and an ending reachable from every node (which also
    /// rules out loops with no way out).
    fn graph(&mut self, path: &str, owner: &str, case: &Case) {
        let index: HashMap<&str, usize> =
            case.nodes.iter().enumerate().map(|(i, n)| (n.key.as_str(), i)).collect();
        let reachable = case.reachable();
        let finishing = case.finishing();
        if !case.nodes.iter().any(|n| n.is_end()) {
            self.fail(format!("{path}.nodes"), format!("{owner} has no ending: add a node of kind \"end\""));
        }
        for node in &case.nodes {
            let node_path = format!("{path}.nodes[{}]", index[node.key.as_str()]);
            if index.contains_key(case.start.as_str()) && !reachable.contains(node.key.as_str()) {
                self.fail(
                    format!("{node_path}.key"),
                    format!("{owner}, node '{}' cannot be reached from the start", node.key),
                );
            }
            if !finishing.contains(node.key.as_str()) && case.nodes.iter().any(|n| n.is_end()) {
                self.fail(
                    format!("{node_path}.key"),
                    format!(
                        "{owner}, node '{}' never leads to an ending (a dead end, or a loop with no way out)",
                        node.key
                    ),
                );
            }
        }
    }

    /// Each pair names two different cases of the module, in no other pair, whose decisions match,
    /// says what differs, and is tagged with themes.
    fn pairs(&mut self) {
        let mut paired: HashSet<&str> = HashSet::new();
        let mut keys = HashSet::new();
        for (i, pair) in self.module.pairs.iter().enumerate() {
            let path = format!("pairs[{i}]");
            let owner = format!("Pair '{}'", pair.key);
            if !keys.insert(pair.key.as_str()) {
                self.fail(format!("{path}.key"), format!("Two pairs have the key '{}'", pair.key));
            }
            self.required(
                &format!("{path}.differs"),
                &format!("{owner}: what differs between the patients"),
                &pair.differs,
            );
            self.themes(&format!("{path}.themes"), &owner, &pair.themes);
            let distinct = pair.cases.len() == 2 && pair.cases[0] != pair.cases[1];
            if !distinct {
                self.fail(format!("{path}.cases"), format!("{owner} must name two different cases"));
                continue;
            }
            for key in &pair.cases {
                if !paired.insert(key) {
                    self.fail(
                        format!("{path}.cases"),
                        format!("{owner}: case '{key}' is already in another pair"),
                    );
                }
            }
            match pair.cases_in(self.module) {
                None => self
                    .fail(format!("{path}.cases"), format!("{owner} names a case this module does not have")),
                Some((first, second)) => {
                    if let Some(why) = mismatch(first, second) {
                        self.fail(format!("{path}.cases"), format!("{owner}: {why}"));
                    }
                }
            }
        }
    }

    fn booster_days(&mut self) {
        if let Some(problem) = self.module.booster_days.as_deref().and_then(schedule_problem) {
            self.fail("booster_days", problem);
        }
    }

    fn reflections(&mut self) {
        if self.module.reflections.iter().all(|r| r.trim().is_empty()) {
            self.fail("reflections", "Add at least one reflection prompt");
        }
    }
}

/// Why a passage of `node` that follows `choice` could never be shown, if it could not.
fn unreachable_choice(case: &Case, node: &Node, choice: &ChoiceMade) -> Option<String> {
    let options = match case.node(&choice.decision).map(|d| &d.kind) {
        Some(NodeKind::Decision { options, .. }) => options,
        _ => return Some(format!("the case has no decision '{}'", choice.decision)),
    };
    let Some(option) = options.iter().find(|o| o.key == choice.option) else {
        return Some(format!("decision '{}' has no option '{}'", choice.decision, choice.option));
    };
    (!case.reachable_from(&option.next).contains(node.key.as_str()))
        .then(|| "that choice never leads to this node".to_owned())
}

/// The problems with the parts at `prefixes` (paths such as `items[2]` or `title`), for the editor
/// of those parts to show beside its form.
pub fn problems_under<'a>(problems: &'a [Problem], prefixes: &[String]) -> Vec<&'a Problem> {
    problems
        .iter()
        .filter(|p| {
            prefixes.iter().any(|prefix| {
                p.path == *prefix
                    || p.path.starts_with(&format!("{prefix}."))
                    || p.path.starts_with(&format!("{prefix}["))
            })
        })
        .collect()
}

/// 3 to 60 characters of a–z, 0–9 and hyphens, starting with a letter.
pub fn valid_slug(slug: &str) -> bool {
    (3..=60).contains(&slug.len())
        && slug.starts_with(|c: char| c.is_ascii_lowercase())
        && slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_are_found_under_their_part() {
        let problem = |path: &str| Problem { path: path.into(), message: path.into() };
        let all = [problem("items[1].stem"), problem("items[10].key"), problem("title"), problem("titles")];
        let paths = |prefixes: &[&str]| {
            let prefixes: Vec<String> = prefixes.iter().map(|p| (*p).to_owned()).collect();
            problems_under(&all, &prefixes).into_iter().map(|p| p.path.clone()).collect::<Vec<_>>()
        };
        assert_eq!(paths(&["items[1]"]), ["items[1].stem"]);
        assert_eq!(paths(&["title"]), ["title"]);
        assert_eq!(paths(&["items"]), ["items[1].stem", "items[10].key"]);
    }
}
