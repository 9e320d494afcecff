//! Retention: how the learner did on each theme before the cases, straight after, and at each
//! booster since, and how well their certainty matched their accuracy at each of those times. The
//! post-test shows what was learnt; the boosters show what was kept.

use serde::{Deserialize, Serialize};

use super::marking::Certainty;
use crate::domain::curriculum::module::ModuleDefinition;
use crate::domain::curriculum::theme::THEMES;

/// An answer to a knowledge item at some stage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageAnswer {
    pub item: String,
    pub correct: bool,
    pub certainty: Certainty,
}

/// The answers of one stage ("Before", "After", "2 weeks" …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stage {
    pub label: String,
    pub answers: Vec<StageAnswer>,
}

/// Answers right out of those asked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Share {
    pub right: usize,
    pub asked: usize,
}

impl Share {
    pub fn percent(self) -> usize {
        (self.right * 100).checked_div(self.asked).unwrap_or(0)
    }

    fn add(&mut self, correct: bool) {
        self.right += usize::from(correct);
        self.asked += 1;
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeRetention {
    pub code: String,
    pub title: String,
    /// One per stage; `None` where the stage asked nothing on this theme (a booster asks a few).
    pub cells: Vec<Option<Share>>,
}

/// How sure answers fared at one stage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageCalibration {
    pub stage: String,
    pub all: Share,
    /// The answers given at certainty 3, 'very sure'.
    pub very_sure: Share,
    /// Whether being right that often makes 'very sure' the certainty that scores best.
    pub very_sure_calibrated: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retention {
    pub stages: Vec<String>,
    pub themes: Vec<ThemeRetention>,
    pub calibration: Vec<StageCalibration>,
}

impl Retention {
    /// Whether there is anything beyond the module itself to show (at least one booster answered).
    pub fn has_follow_ups(&self) -> bool {
        self.stages.len() > 2
    }
}

/// Retention by theme and calibration, stage by stage, in the module's theme order.
pub fn retention(module: &ModuleDefinition, stages: &[Stage]) -> Retention {
    let themes_of = |key: &str| module.items.iter().find(|i| i.key == key).map(|i| i.themes.as_slice());
    let themes = THEMES
        .iter()
        .filter(|t| module.items.iter().any(|i| i.themes.iter().any(|c| c == t.code)))
        .map(|t| ThemeRetention {
            code: t.code.to_owned(),
            title: t.title.to_owned(),
            cells: stages
                .iter()
                .map(|stage| {
                    let mut share = Share::default();
                    for answer in &stage.answers {
                        if themes_of(&answer.item).is_some_and(|themes| themes.iter().any(|c| c == t.code)) {
                            share.add(answer.correct);
                        }
                    }
                    (share.asked > 0).then_some(share)
                })
                .collect(),
        })
        .collect();
    let calibration = stages
        .iter()
        .map(|stage| {
            let (mut all, mut very_sure) = (Share::default(), Share::default());
            for answer in &stage.answers {
                all.add(answer.correct);
                if answer.certainty == Certainty::High {
                    very_sure.add(answer.correct);
                }
            }
            let right = very_sure.right as f64 / very_sure.asked.max(1) as f64;
            StageCalibration {
                stage: stage.label.clone(),
                all,
                very_sure,
                very_sure_calibrated: (very_sure.asked > 0).then(|| Certainty::High.is_calibrated(right)),
            }
        })
        .collect();
    Retention { stages: stages.iter().map(|s| s.label.clone()).collect(), themes, calibration }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::learning::fixture;

    fn answer(item: &str, correct: bool, certainty: Certainty) -> StageAnswer {
        StageAnswer { item: item.into(), correct, certainty }
    }

    #[test]
    fn each_theme_is_counted_at_each_stage_from_the_items_asked() {
        // The fixture: item "one" is gp-role; "two" is gp-role and deserving-patient.
        let module = fixture::module();
        let stages = [
            Stage {
                label: "Before".into(),
                answers: vec![answer("one", false, Certainty::High), answer("two", false, Certainty::Low)],
            },
            Stage {
                label: "After".into(),
                answers: vec![answer("one", true, Certainty::High), answer("two", true, Certainty::High)],
            },
            Stage { label: "2 weeks".into(), answers: vec![answer("one", true, Certainty::High)] },
        ];
        let found = retention(&module, &stages);
        assert_eq!(found.stages, ["Before", "After", "2 weeks"]);
        let gp = &found.themes[0];
        assert_eq!(gp.code, "gp-role");
        assert_eq!(
            gp.cells,
            [
                Some(Share { right: 0, asked: 2 }),
                Some(Share { right: 2, asked: 2 }),
                Some(Share { right: 1, asked: 1 })
            ]
        );
        let deserving = &found.themes[1];
        assert_eq!(deserving.cells[2], None, "the booster asked nothing on this theme");
        assert!(found.has_follow_ups());
    }

    #[test]
    fn calibration_counts_the_very_sure_answers_at_each_stage() {
        let module = fixture::module();
        let stages = [Stage {
            label: "After".into(),
            answers: vec![answer("one", false, Certainty::High), answer("two", true, Certainty::High)],
        }];
        let found = retention(&module, &stages);
        let after = &found.calibration[0];
        assert_eq!(after.very_sure, Share { right: 1, asked: 2 });
        assert_eq!(after.very_sure_calibrated, Some(false), "right half the time is too sure");
        assert_eq!(after.all.percent(), 50);
        assert!(!found.has_follow_ups());
    }
}
