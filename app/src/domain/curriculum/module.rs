//! A module: what it is for, and the content of one version of it, in the order a learner meets it
//! (pre-test, attitude statements, cases, post-test, attitude statements again, reflection).

use serde::{Deserialize, Serialize};

use super::case::Case;
use super::item::KnowledgeItem;
use super::pair::CasePair;
use crate::domain::ids::{ModuleId, VersionId};

/// One version of a module, as a module file describes it. A published version never changes;
/// learners' records point at it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleDefinition {
    /// The module's address (`/modules/<slug>`): lower-case letters, digits and hyphens.
    pub slug: String,
    pub title: String,
    /// Markdown.
    pub summary: String,
    pub audience: String,
    pub estimated_minutes: u32,
    /// Theme codes (see `theme::THEMES`).
    pub themes: Vec<String>,
    pub outcomes: Vec<String>,
    /// Shown before the module starts (Markdown), such as a note that doses are teaching figures.
    pub notice: Option<String>,
    pub references: Vec<Reference>,
    /// Asked before and after the cases (options shuffled the second time).
    pub items: Vec<KnowledgeItem>,
    /// Asked before and after the cases, on a five-point scale from strongly disagree to strongly agree.
    pub attitudes: Vec<AttitudeStatement>,
    pub cases: Vec<Case>,
    /// Matched pairs among the cases; versions stored before pairs existed have none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pairs: Vec<CasePair>,
    pub reflections: Vec<String>,
    /// Days after the module is finished when booster questions fall due; `None` means the
    /// default (see `learning::follow_up`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booster_days: Option<Vec<u32>>,
}

/// A source that clinical statements cite, by its key (such as "G1").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    pub key: String,
    pub citation: String,
    pub url: Option<String>,
}

/// A statement the learner agrees or disagrees with, before and after the cases, to see whether
/// attitudes tied to a theme shift; or one of the two evaluations an ambivalence measure needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttitudeStatement {
    pub key: String,
    pub statement: String,
    pub themes: Vec<String>,
    /// Set on the two questions that ask how favourable, then how unfavourable, the learner finds
    /// benzodiazepines, each considered alone (rated from 'not at all' to 'extremely'); see
    /// `learning::ambivalence`. A single agree–disagree statement cannot tell mixed feelings from
    /// none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluates: Option<Valence>,
}

/// Which side of an attitude an evaluation question asks about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Valence {
    Positive,
    Negative,
}

impl Valence {
    pub fn code(self) -> &'static str {
        match self {
            Valence::Positive => "positive",
            Valence::Negative => "negative",
        }
    }

    pub fn parse(code: &str) -> Option<Valence> {
        [Valence::Positive, Valence::Negative].into_iter().find(|v| v.code() == code)
    }
}

impl ModuleDefinition {
    /// The reference with this key.
    pub fn reference(&self, key: &str) -> Option<&Reference> {
        self.references.iter().find(|r| r.key == key)
    }
}

/// Where a version is in its life: written, checked by a second clinician, in use, withdrawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum VersionStatus {
    Draft,
    InReview,
    Published,
    Retired,
}

impl VersionStatus {
    pub const ALL: [VersionStatus; 4] =
        [VersionStatus::Draft, VersionStatus::InReview, VersionStatus::Published, VersionStatus::Retired];

    pub fn code(self) -> &'static str {
        match self {
            VersionStatus::Draft => "draft",
            VersionStatus::InReview => "in_review",
            VersionStatus::Published => "published",
            VersionStatus::Retired => "retired",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            VersionStatus::Draft => "Draft",
            VersionStatus::InReview => "In review",
            VersionStatus::Published => "Published",
            VersionStatus::Retired => "Retired",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// One version of a module, as lists show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionSummary {
    pub module: ModuleId,
    pub slug: String,
    pub version: VersionId,
    pub number: i64,
    pub status: VersionStatus,
    pub title: String,
    pub estimated_minutes: i64,
    pub themes: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_codes_round_trip() {
        for status in VersionStatus::ALL {
            assert_eq!(VersionStatus::parse(status.code()), Some(status));
        }
        assert_eq!(VersionStatus::parse("live"), None);
    }
}
