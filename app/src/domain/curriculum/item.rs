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
    /// Other wordings of the same question (same outcome, themes and references, a different stem
    /// and options), so a booster weeks later can ask what the learner has not seen word for word.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<ItemVariant>,
}

/// Another wording of a knowledge item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemVariant {
    pub key: String,
    /// The question (Markdown).
    pub stem: String,
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

    /// The variant the post-test asks: the first, when there are two or more, so that the boosters
    /// still have one the learner has not seen; with one variant (or none) the post-test asks the
    /// item's own wording, its options in a new order, and the boosters get the variant.
    pub fn post_test_variant(&self) -> Option<&str> {
        (self.variants.len() >= 2).then(|| self.variants[0].key.as_str())
    }

    /// The item as asked in its variant `variant` (`None`, or a key it does not have, is the item
    /// itself): the same key, themes and references, the variant's stem and options.
    pub fn as_asked(&self, variant: Option<&str>) -> KnowledgeItem {
        let chosen = variant.and_then(|key| self.variants.iter().find(|v| v.key == key));
        match chosen {
            Some(v) => KnowledgeItem {
                stem: v.stem.clone(),
                options: v.options.clone(),
                variants: Vec::new(),
                ..self.clone()
            },
            None => KnowledgeItem { variants: Vec::new(), ..self.clone() },
        }
    }
}
