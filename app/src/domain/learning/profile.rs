//! A learner's knowledge profile across modules: how they did on each theme in their latest
//! post-test of every module they have finished, how well their certainty matched their accuracy
//! (calibration), and which module to take next to work on their weakest theme.

use serde::{Deserialize, Serialize};

use super::marking::{self, Certainty};
use crate::domain::curriculum::theme::THEMES;

/// One post-test answer: the item's themes, whether it was right and at what certainty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileAnswer {
    pub themes: Vec<String>,
    pub correct: bool,
    pub certainty: Certainty,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeStanding {
    pub code: String,
    pub title: String,
    pub answered: usize,
    pub correct: usize,
    pub marks: i64,
    pub maximum: i64,
}

impl ThemeStanding {
    /// The share of answers right, as a whole percentage.
    pub fn percent_correct(&self) -> usize {
        (self.correct * 100).checked_div(self.answered).unwrap_or(0)
    }
}

/// How often the learner was right at one level of certainty.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalibrationRow {
    pub certainty: Certainty,
    pub answered: usize,
    pub correct: usize,
}

impl CalibrationRow {
    pub fn percent_correct(&self) -> usize {
        (self.correct * 100).checked_div(self.answered).unwrap_or(0)
    }

    /// How the learner's accuracy at this certainty compares with the accuracy it suits (`None`
    /// until they have used it).
    pub fn verdict(&self) -> Option<Verdict> {
        let right = self.correct as f64 / self.answered as f64;
        let calibrated = |c: Certainty| c.is_calibrated(right);
        (self.answered > 0).then(|| {
            if calibrated(self.certainty) {
                Verdict::AboutRight
            } else if Certainty::ALL.into_iter().any(|c| c > self.certainty && calibrated(c)) {
                Verdict::CouldBeSurer
            } else {
                Verdict::TooSure
            }
        })
    }
}

/// Calibration at one level of certainty.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    AboutRight,
    /// Right often enough that a higher certainty would score more.
    CouldBeSurer,
    /// Wrong often enough that a lower certainty would score more.
    TooSure,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::AboutRight => "About right",
            Verdict::CouldBeSurer => "You could be surer",
            Verdict::TooSure => "Too sure",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnowledgeProfile {
    /// The themes answered, in the review's order.
    pub themes: Vec<ThemeStanding>,
    pub calibration: Vec<CalibrationRow>,
    /// The code of the theme with the lowest share right (then the lowest marks).
    pub weakest: Option<String>,
}

/// Builds the profile from the post-test answers of each module's latest finished attempt.
pub fn build(answers: &[ProfileAnswer]) -> KnowledgeProfile {
    let themes: Vec<ThemeStanding> = THEMES
        .iter()
        .filter_map(|theme| {
            let tagged: Vec<&ProfileAnswer> =
                answers.iter().filter(|a| a.themes.iter().any(|t| t == theme.code)).collect();
            (!tagged.is_empty()).then(|| ThemeStanding {
                code: theme.code.to_owned(),
                title: theme.title.to_owned(),
                answered: tagged.len(),
                correct: tagged.iter().filter(|a| a.correct).count(),
                marks: tagged.iter().map(|a| marking::mark(a.correct, a.certainty)).sum(),
                maximum: marking::maximum(tagged.len()),
            })
        })
        .collect();
    let calibration = Certainty::ALL
        .into_iter()
        .map(|certainty| {
            let at: Vec<&ProfileAnswer> = answers.iter().filter(|a| a.certainty == certainty).collect();
            CalibrationRow { certainty, answered: at.len(), correct: at.iter().filter(|a| a.correct).count() }
        })
        .collect();
    let weakest = themes
        .iter()
        .min_by(|a, b| {
            let share = |t: &ThemeStanding| t.correct as f64 / t.answered as f64;
            let marks = |t: &ThemeStanding| t.marks as f64 / t.maximum as f64;
            share(a).total_cmp(&share(b)).then(marks(a).total_cmp(&marks(b)))
        })
        .map(|t| t.code.clone());
    KnowledgeProfile { themes, calibration, weakest }
}

/// A published module as the suggestion weighs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModuleChoice<'a> {
    pub slug: &'a str,
    pub themes: &'a [String],
    pub completed: bool,
}

/// The module to take next: one not yet finished that covers the weakest theme; failing that, one
/// that revisits it; failing that, the first not yet finished.
pub fn suggest<'a>(profile: &KnowledgeProfile, modules: &[ModuleChoice<'a>]) -> Option<&'a str> {
    let covers_weakest =
        |m: &&ModuleChoice<'_>| profile.weakest.as_ref().is_some_and(|w| m.themes.iter().any(|t| t == w));
    let unfinished = |m: &&ModuleChoice<'_>| !m.completed;
    modules
        .iter()
        .find(|m| covers_weakest(m) && unfinished(m))
        .or_else(|| modules.iter().find(covers_weakest))
        .or_else(|| modules.iter().find(unfinished))
        .map(|m| m.slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(themes: &[&str], correct: bool, certainty: Certainty) -> ProfileAnswer {
        ProfileAnswer { themes: themes.iter().map(|t| (*t).to_owned()).collect(), correct, certainty }
    }

    fn sample() -> KnowledgeProfile {
        build(&[
            answer(&["gp-role"], true, Certainty::High),
            answer(&["gp-role", "deserving-patient"], false, Certainty::High),
            answer(&["deserving-patient"], false, Certainty::Low),
            answer(&["ambivalence-rules"], true, Certainty::Medium),
        ])
    }

    #[test]
    fn themes_gather_every_answer_tagged_with_them() {
        let profile = sample();
        let rows: Vec<(&str, usize, usize, i64)> =
            profile.themes.iter().map(|t| (t.code.as_str(), t.answered, t.correct, t.marks)).collect();
        assert_eq!(
            rows,
            [("gp-role", 2, 1, -3), ("deserving-patient", 2, 0, -6), ("ambivalence-rules", 1, 1, 2)]
        );
        assert_eq!(profile.themes[0].percent_correct(), 50);
    }

    #[test]
    fn the_weakest_theme_has_the_lowest_share_right() {
        assert_eq!(sample().weakest.as_deref(), Some("deserving-patient"));
        assert_eq!(build(&[]).weakest, None);
    }

    #[test]
    fn calibration_compares_accuracy_with_certainty() {
        let calibration = sample().calibration;
        let high = &calibration[2];
        assert_eq!((high.certainty, high.answered, high.correct), (Certainty::High, 2, 1));
        assert_eq!(high.verdict(), Some(Verdict::TooSure), "right half the time is too few for certainty 3");
        assert_eq!(
            calibration[1].verdict(),
            Some(Verdict::CouldBeSurer),
            "right every time suits certainty 3"
        );
        assert_eq!(calibration[0].verdict(), Some(Verdict::AboutRight));
        assert_eq!(build(&[]).calibration[0].verdict(), None);
    }

    #[test]
    fn the_suggestion_targets_the_weakest_theme_and_prefers_unfinished_modules() {
        let (role, deserving) = (vec!["gp-role".to_owned()], vec!["deserving-patient".to_owned()]);
        let modules = [
            ModuleChoice { slug: "done-deserving", themes: &deserving, completed: true },
            ModuleChoice { slug: "role", themes: &role, completed: false },
            ModuleChoice { slug: "new-deserving", themes: &deserving, completed: false },
        ];
        assert_eq!(suggest(&sample(), &modules), Some("new-deserving"));
        assert_eq!(suggest(&sample(), &modules[..2]), Some("done-deserving"));
        assert_eq!(suggest(&KnowledgeProfile::default(), &modules), Some("role"));
        assert_eq!(suggest(&sample(), &[]), None);
    }
}
