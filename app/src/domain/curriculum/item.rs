//! Knowledge items: single-best-answer questions with feedback on every option, asked before and
//! after the cases with a certainty rating (certainty-based marking).

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnowledgeItem {
    pub key: String,
    /// The question (Markdown).
    pub stem: String,
    pub themes: Vec<String>,
    pub references: Vec<String>,
    /// Four or five, exactly one correct.
    pub options: Vec<ItemOption>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemOption {
    pub key: String,
    pub text: String,
    pub correct: bool,
    /// Why this option is right or wrong (Markdown).
    pub feedback: String,
}

impl KnowledgeItem {
    /// The option marked correct (validation guarantees exactly one).
    pub fn correct_option(&self) -> Option<&ItemOption> {
        self.options.iter().find(|o| o.correct)
    }
}
