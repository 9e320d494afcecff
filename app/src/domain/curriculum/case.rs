//! Branching patient cases: a graph of narrative steps, decisions and endings. Each decision option
//! carries feedback, a rating and the theme tags and references behind it, and leads to the next node.
//! A node may also hold passages that replace its text when the learner made certain choices
//! earlier in the case: paths can meet again without the story contradicting what was chosen.

use std::collections::{HashSet, VecDeque};

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub key: String,
    pub title: String,
    /// The key of the first node.
    pub start: String,
    pub nodes: Vec<Node>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    pub key: String,
    pub kind: NodeKind,
    /// Text shown instead of the node's own (a narrative's or ending's text, a decision's context)
    /// after certain earlier choices; the first passage that applies is shown. Versions stored
    /// before passages existed have none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub passages: Vec<Passage>,
}

/// A passage a node shows when the learner made any one of the choices in `when`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passage {
    pub when: Vec<ChoiceMade>,
    /// Markdown, like the text it replaces.
    pub body: String,
    pub references: Vec<String>,
}

/// An option chosen at a decision of the same case; `decision:option` in a module file.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ChoiceMade {
    pub decision: String,
    pub option: String,
}

impl ChoiceMade {
    /// Reads `decision:option`; `None` for anything else.
    pub fn parse(text: &str) -> Option<ChoiceMade> {
        let (decision, option) = text.trim().split_once(':')?;
        let part = |s: &str| (!s.is_empty() && !s.contains(':')).then(|| s.to_owned());
        Some(ChoiceMade { decision: part(decision)?, option: part(option)? })
    }
}

impl std::fmt::Display for ChoiceMade {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.decision, self.option)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NodeKind {
    /// Part of the story: history, examination, a letter, the patient's words (Markdown).
    Narrative { body: String, references: Vec<String>, next: String },
    /// A choice the learner makes, with optional context before the question.
    Decision { body: Option<String>, question: String, options: Vec<DecisionOption> },
    /// How things turned out (Markdown).
    End { body: String, references: Vec<String> },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionOption {
    pub key: String,
    pub text: String,
    pub rating: Rating,
    /// Why this choice is good or not (Markdown).
    pub feedback: String,
    pub themes: Vec<String>,
    pub references: Vec<String>,
    /// The node this choice leads to.
    pub next: String,
}

/// How good a decision option is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Rating {
    Best,
    Acceptable,
    Poor,
    Unsafe,
}

impl Rating {
    pub const ALL: [Rating; 4] = [Rating::Best, Rating::Acceptable, Rating::Poor, Rating::Unsafe];

    pub fn code(self) -> &'static str {
        match self {
            Rating::Best => "best",
            Rating::Acceptable => "acceptable",
            Rating::Poor => "poor",
            Rating::Unsafe => "unsafe",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Rating::Best => "Best choice",
            Rating::Acceptable => "Acceptable",
            Rating::Poor => "Poor choice",
            Rating::Unsafe => "Unsafe",
        }
    }

    pub fn parse(code: &str) -> Option<Rating> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

impl Node {
    /// The nodes this one leads to.
    pub fn successors(&self) -> Vec<&str> {
        match &self.kind {
            NodeKind::Narrative { next, .. } => vec![next.as_str()],
            NodeKind::Decision { options, .. } => options.iter().map(|o| o.next.as_str()).collect(),
            NodeKind::End { .. } => Vec::new(),
        }
    }

    pub fn is_end(&self) -> bool {
        matches!(self.kind, NodeKind::End { .. })
    }

    /// The passage to show after the choices `made` in this case, if any applies.
    pub fn passage_for(&self, made: &[ChoiceMade]) -> Option<&Passage> {
        self.passages.iter().find(|p| p.when.iter().any(|choice| made.contains(choice)))
    }
}

impl Case {
    pub fn node(&self, key: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.key == key)
    }

    /// The keys of the nodes a learner can reach from the start.
    pub fn reachable(&self) -> HashSet<&str> {
        self.reachable_from(&self.start)
    }

    /// The keys of the nodes a learner can reach from `key`, itself included.
    pub fn reachable_from<'a>(&'a self, key: &'a str) -> HashSet<&'a str> {
        self.reach(std::iter::once(key), |key| self.node(key).map(|n| n.successors()).unwrap_or_default())
    }

    /// The keys of the nodes from which an ending can be reached (the rest are dead ends, or loops
    /// with no way out).
    pub fn finishing(&self) -> HashSet<&str> {
        let ends = self.nodes.iter().filter(|n| n.is_end()).map(|n| n.key.as_str());
        self.reach(ends, |key| {
            self.nodes.iter().filter(|n| n.successors().contains(&key)).map(|n| n.key.as_str()).collect()
        })
    }

    /// The nodes reachable from `from` by following `step`.
    fn reach<'a>(
        &'a self,
        from: impl Iterator<Item = &'a str>,
        step: impl Fn(&'a str) -> Vec<&'a str>,
    ) -> HashSet<&'a str> {
        let mut seen: HashSet<&str> = HashSet::new();
        let mut queue: VecDeque<&str> = from.collect();
        while let Some(node) = queue.pop_front() {
            if self.node(node).is_some() && seen.insert(node) {
                queue.extend(step(node));
            }
        }
        seen
    }

    /// The decisions of this case, in order.
    pub fn decisions(&self) -> impl Iterator<Item = (&Node, &[DecisionOption])> {
        self.nodes.iter().filter_map(|node| match &node.kind {
            NodeKind::Decision { options, .. } => Some((node, options.as_slice())),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_choice_reads_as_decision_and_option() {
        let choice = ChoiceMade::parse(" reframe:accept ").expect("a choice");
        assert_eq!((choice.decision.as_str(), choice.option.as_str()), ("reframe", "accept"));
        assert_eq!(choice.to_string(), "reframe:accept");
        for text in ["", "reframe", "reframe:", ":accept", "a:b:c"] {
            assert_eq!(ChoiceMade::parse(text), None, "{text}");
        }
    }

    #[test]
    fn the_first_passage_whose_choice_was_made_is_shown() {
        let passage = |when: &[&str], body: &str| Passage {
            when: when.iter().filter_map(|w| ChoiceMade::parse(w)).collect(),
            body: body.into(),
            references: Vec::new(),
        };
        let node = Node {
            key: "later".into(),
            kind: NodeKind::End { body: "default".into(), references: Vec::new() },
            passages: vec![passage(&["d:a", "d:b"], "first"), passage(&["d:b", "e:x"], "second")],
        };
        let made = |choices: &[&str]| choices.iter().filter_map(|c| ChoiceMade::parse(c)).collect::<Vec<_>>();
        let shown = |choices: &[&str]| node.passage_for(&made(choices)).map(|p| p.body.clone());
        assert_eq!(shown(&[]), None);
        assert_eq!(shown(&["d:c"]), None);
        assert_eq!(shown(&["d:b"]).as_deref(), Some("first"));
        assert_eq!(shown(&["d:c", "e:x"]).as_deref(), Some("second"));
    }

    #[test]
    fn rating_codes_round_trip() {
        for rating in Rating::ALL {
            assert_eq!(Rating::parse(rating.code()), Some(rating));
        }
        assert_eq!(Rating::parse("dangerous"), None);
    }
}
