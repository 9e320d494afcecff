//! The seven themes of Sirdifield et al.'s explanatory model of GPs' benzodiazepine prescribing, and
//! the review's four recommendations (BMC Family Practice 2013;14:191, and the authors' 2013
//! presentation). Every case, decision, question and report is tagged with them.

use serde::{Deserialize, Serialize};

/// Whether a tag is one of the review's themes or one of its recommendations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ThemeKind {
    Theme,
    Recommendation,
}

/// A theme or recommendation: its stable code (used in module files and the database), title and
/// a short description.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Theme {
    pub code: &'static str,
    pub kind: ThemeKind,
    pub title: &'static str,
    pub description: &'static str,
}

pub const THEMES: &[Theme] = &[
    Theme {
        code: "changing-context",
        kind: ThemeKind::Theme,
        title: "A changing context",
        description: "Prescribing culture has moved from optimism about benzodiazepines to caution, and GPs now \
                      look after patients whose treatment once stayed in secondary care.",
    },
    Theme {
        code: "gp-role",
        kind: ThemeKind::Theme,
        title: "The GP's role and responsibility",
        description: "Whether the GP sees their job as correcting past prescribing or as continuing it, and the \
                      pull between prescribing less and wanting to help the person in front of them.",
    },
    Theme {
        code: "deserving-patient",
        kind: ThemeKind::Theme,
        title: "The 'deserving' patient",
        description: "Judgements about who deserves a prescription, or deserves to be left on one: older people, \
                      long-term users, people with many conditions or hard lives, people who elicit sympathy.",
    },
    Theme {
        code: "patient-expectations",
        kind: ThemeKind::Theme,
        title: "Perceived patient expectations",
        description: "Choosing what to do from assumptions about what the patient wants, rather than asking them.",
    },
    Theme {
        code: "attitudes-to-alternatives",
        kind: ThemeKind::Theme,
        title: "Attitudes to different interventions",
        description: "Views of benzodiazepines and Z-drugs, and how much GPs know about (and trust) the \
                      alternatives, such as psychological treatment for insomnia and anxiety.",
    },
    Theme {
        code: "starting-vs-withdrawing",
        kind: ThemeKind::Theme,
        title: "Starting versus withdrawing",
        description: "Starting, continuing and stopping pose different problems: the same 'deserving' traits feed \
                      all three, and withdrawal meets its own barriers (fear of losing the patient, past failures, \
                      a lack of alternatives).",
    },
    Theme {
        code: "ambivalence-rules",
        kind: ThemeKind::Theme,
        title: "Ambivalence and inconsistent 'rules'",
        description: "GPs hold personal rules (use as little as possible, short courses only, educate the \
                      patient) but apply them inconsistently, between patients and from day to day.",
    },
    Theme {
        code: "r1-education",
        kind: ThemeKind::Recommendation,
        title: "Education for doctors",
        description: "Education and training for primary and secondary care doctors, particularly high \
                      prescribers, to correct knowledge deficits.",
    },
    Theme {
        code: "r2-shared-care",
        kind: ThemeKind::Recommendation,
        title: "Responsibility across services",
        description: "GPs take responsibility for deciding whether or not to continue prescriptions started in \
                      secondary care (continuing can be the right decision), with better communication between \
                      services.",
    },
    Theme {
        code: "r3-attitudes-to-alternatives",
        kind: ThemeKind::Recommendation,
        title: "Attitudes to alternatives",
        description: "Change attitudes to, and understanding of, alternative treatments.",
    },
    Theme {
        code: "r4-access-to-alternatives",
        kind: ThemeKind::Recommendation,
        title: "Access to alternatives",
        description: "Make alternatives more available and accessible, such as computerised CBT for insomnia.",
    },
];

/// The theme or recommendation with this code.
pub fn theme(code: &str) -> Option<&'static Theme> {
    THEMES.iter().find(|t| t.code == code)
}

/// The seven themes of the explanatory model, in the review's order.
pub fn review_themes() -> impl Iterator<Item = &'static Theme> {
    THEMES.iter().filter(|t| t.kind == ThemeKind::Theme)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_seven_themes_and_four_recommendations_with_unique_codes() {
        assert_eq!(review_themes().count(), 7);
        assert_eq!(THEMES.iter().filter(|t| t.kind == ThemeKind::Recommendation).count(), 4);
        let mut codes: Vec<_> = THEMES.iter().map(|t| t.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), THEMES.len());
        assert!(
            THEMES
                .iter()
                .all(|t| t.code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
        );
    }

    #[test]
    fn themes_are_found_by_code() {
        assert_eq!(theme("deserving-patient").map(|t| t.title), Some("The 'deserving' patient"));
        assert_eq!(theme("nonsense"), None);
    }
}
