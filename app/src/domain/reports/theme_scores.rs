//! What a finished attempt adds to the reports, theme by theme: how many knowledge items tagged
//! with the theme the learner got right before and after the cases, how many they got wrong while
//! very sure, and their certainty when right and when wrong. Kept as one summary row per attempt
//! and theme when the attempt finishes, so reports add up summaries instead of scanning every answer.

use std::collections::BTreeMap;

use crate::domain::curriculum::module::ModuleDefinition;
use crate::domain::learning::results::RecordedAnswer;
use crate::domain::learning::step::Step;

/// One sitting of the test (before or after the cases), for one theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Sitting {
    pub right: i64,
    pub answered: i64,
    /// Wrong at certainty 3 ("very sure").
    pub sure_wrong: i64,
    /// The sum of the certainties (1 to 3) of the right answers, and of the wrong ones.
    pub certainty_right: i64,
    pub certainty_wrong: i64,
}

/// An attempt's record on one theme.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ThemeScore {
    pub theme: String,
    pub before: Sitting,
    pub after: Sitting,
}

/// The attempt's score on every theme its knowledge items are tagged with, by theme code.
pub fn theme_scores(module: &ModuleDefinition, answers: &[RecordedAnswer]) -> Vec<ThemeScore> {
    let mut scores: BTreeMap<String, ThemeScore> = BTreeMap::new();
    for answer in answers {
        let (key, before) = match Step::parse(&answer.step) {
            Some(Step::Pre(key)) => (key, true),
            Some(Step::Post(key)) => (key, false),
            _ => continue,
        };
        let (Some(item), Some(correct), Some(certainty)) =
            (module.items.iter().find(|i| i.key == key), answer.correct, answer.certainty)
        else {
            continue;
        };
        for theme in &item.themes {
            let score = scores
                .entry(theme.clone())
                .or_insert_with(|| ThemeScore { theme: theme.clone(), ..ThemeScore::default() });
            let sitting = if before { &mut score.before } else { &mut score.after };
            sitting.answered += 1;
            if correct {
                sitting.right += 1;
                sitting.certainty_right += certainty;
            } else {
                sitting.certainty_wrong += certainty;
                sitting.sure_wrong += i64::from(certainty == 3);
            }
        }
    }
    scores.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::learning::fixture::module;

    fn answer(step: &str, correct: bool, certainty: i64) -> RecordedAnswer {
        RecordedAnswer {
            step: step.into(),
            answer: Some("a".into()),
            correct: Some(correct),
            certainty: Some(certainty),
            score: None,
        }
    }

    #[test]
    fn each_theme_adds_up_its_items_before_and_after() {
        let module = module();
        let (first, second) = (&module.items[0], &module.items[1]);
        let answers = [
            answer(&format!("pre:{}", first.key), false, 3),
            answer(&format!("pre:{}", second.key), true, 2),
            answer(&format!("post:{}", first.key), true, 3),
            answer(&format!("post:{}", second.key), true, 1),
            RecordedAnswer {
                step: "case:c:n".into(),
                answer: Some("a".into()),
                correct: None,
                certainty: None,
                score: None,
            },
        ];
        let scores = theme_scores(&module, &answers);
        let of = |theme: &str| scores.iter().find(|s| s.theme == theme).cloned().unwrap_or_default();
        for theme in &first.themes {
            let score = of(theme);
            let expected_before_right = i64::from(second.themes.contains(theme));
            assert_eq!(score.before.right, expected_before_right, "{theme}");
            assert_eq!(score.before.sure_wrong, 1, "{theme}");
            assert_eq!(score.before.certainty_wrong, 3, "{theme}");
            assert_eq!(score.after.right, score.after.answered, "{theme}");
        }
        assert!(scores.iter().all(|s| s.before.answered == s.after.answered));
    }
}
