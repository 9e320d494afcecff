//! Where a learner is in a module: one step per page, named by a step id that the player's forms
//! carry and the attempt records (`pre:duration`, `case:margaret:review`, `reflection`).

use std::fmt;

/// One page of the player.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    /// What the module covers, and how certainty-based marking works (explained once, here).
    Intro,
    /// A knowledge item before the cases.
    Pre(String),
    /// An attitude statement before the cases.
    AttitudePre(String),
    /// A node of a case: narrative, decision or ending.
    Case { case: String, node: String },
    /// Feedback on the option chosen at a decision.
    Feedback { case: String, node: String, option: String },
    /// A knowledge item after the cases (options in another order).
    Post(String),
    /// An attitude statement after the cases.
    AttitudePost(String),
    /// "What will you do differently?"
    Reflection,
    /// Nothing left to answer.
    Done,
}

impl Step {
    /// Parses a step id; `None` for anything that is not one (a tampered form).
    pub fn parse(id: &str) -> Option<Step> {
        let parts: Vec<&str> = id.split(':').collect();
        if parts.iter().any(|p| p.is_empty()) {
            return None;
        }
        let owned = |s: &str| s.to_owned();
        Some(match parts.as_slice() {
            ["intro"] => Step::Intro,
            ["pre", item] => Step::Pre(owned(item)),
            ["attitude-pre", key] => Step::AttitudePre(owned(key)),
            ["case", case, node] => Step::Case { case: owned(case), node: owned(node) },
            ["feedback", case, node, option] => {
                Step::Feedback { case: owned(case), node: owned(node), option: owned(option) }
            }
            ["post", item] => Step::Post(owned(item)),
            ["attitude-post", key] => Step::AttitudePost(owned(key)),
            ["reflection"] => Step::Reflection,
            ["done"] => Step::Done,
            _ => return None,
        })
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::Intro => write!(f, "intro"),
            Step::Pre(item) => write!(f, "pre:{item}"),
            Step::AttitudePre(key) => write!(f, "attitude-pre:{key}"),
            Step::Case { case, node } => write!(f, "case:{case}:{node}"),
            Step::Feedback { case, node, option } => write!(f, "feedback:{case}:{node}:{option}"),
            Step::Post(item) => write!(f, "post:{item}"),
            Step::AttitudePost(key) => write!(f, "attitude-post:{key}"),
            Step::Reflection => write!(f, "reflection"),
            Step::Done => write!(f, "done"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_ids_round_trip() {
        let steps = [
            Step::Intro,
            Step::Pre("duration".into()),
            Step::AttitudePre("deserve".into()),
            Step::Case { case: "margaret".into(), node: "review".into() },
            Step::Feedback { case: "margaret".into(), node: "review".into(), option: "b".into() },
            Step::Post("duration".into()),
            Step::AttitudePost("deserve".into()),
            Step::Reflection,
            Step::Done,
        ];
        for step in steps {
            assert_eq!(Step::parse(&step.to_string()), Some(step));
        }
    }

    #[test]
    fn anything_else_is_not_a_step() {
        for id in ["", "pre", "pre:", "pre:a:b", "case:x", "feedback:a:b", "intro:x", "posttest:a", "::"] {
            assert_eq!(Step::parse(id), None, "{id}");
        }
    }
}
