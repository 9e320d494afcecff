//! Item and decision analysis: how each knowledge item and case decision of a published version
//! performs with real learners. Classical test theory: facility (the share answering right),
//! discrimination (the point-biserial correlation of an item with the rest of the test, so an item
//! that strong learners get wrong stands out), how often each option was chosen, and certainty
//! calibration. Flags wait for [`MIN_ATTEMPTS_FOR_FLAGS`] answers, since a handful proves nothing.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::curriculum::item::KnowledgeItem;

/// Answers an item needs before it is flagged.
pub const MIN_ATTEMPTS_FOR_FLAGS: usize = 20;
/// Above this facility an item teaches or measures little.
pub const EASY_FACILITY: f64 = 0.9;
/// Below this discrimination an item does not separate stronger from weaker learners.
pub const WEAK_DISCRIMINATION: f64 = 0.2;

/// One answer to a knowledge item, in one sitting of the test (before or after the cases).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemAnswer {
    /// Identifies the sitting: the attempt and whether it was the pre- or post-test.
    pub sitting: (i64, bool),
    pub item: String,
    pub option: String,
    pub correct: bool,
    /// 1, 2 or 3.
    pub certainty: i64,
}

/// How one item performed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemStats {
    pub item: String,
    pub answers: usize,
    /// The share answering right, 0 to 1.
    pub facility: Option<f64>,
    /// The point-biserial correlation with the rest score, −1 to 1; `None` when everyone scored
    /// alike or everyone got the item right (or wrong).
    pub discrimination: Option<f64>,
    /// How many chose each option, by option key.
    pub chosen: BTreeMap<String, usize>,
    pub certainty_when_right: Option<f64>,
    pub certainty_when_wrong: Option<f64>,
    pub flags: Vec<Flag>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Flag {
    TooEasy,
    PoorDiscrimination,
}

impl Flag {
    pub fn label(self) -> &'static str {
        match self {
            Flag::TooEasy => "Too easy (facility above 0.9)",
            Flag::PoorDiscrimination => "Discriminates poorly (below 0.2)",
        }
    }
}

/// The statistics of each item in `items` (by key, in that order) from `answers`.
pub fn item_stats(items: &[String], answers: &[ItemAnswer]) -> Vec<ItemStats> {
    let totals = sitting_totals(answers);
    items.iter().map(|item| one_item(item, answers, &totals)).collect()
}

fn sitting_totals(answers: &[ItemAnswer]) -> BTreeMap<(i64, bool), f64> {
    let mut totals = BTreeMap::new();
    for answer in answers {
        *totals.entry(answer.sitting).or_insert(0.0) += f64::from(u8::from(answer.correct));
    }
    totals
}

fn one_item(item: &str, answers: &[ItemAnswer], totals: &BTreeMap<(i64, bool), f64>) -> ItemStats {
    let mine: Vec<&ItemAnswer> = answers.iter().filter(|a| a.item == item).collect();
    let right = mine.iter().filter(|a| a.correct).count();
    let facility = (!mine.is_empty()).then(|| right as f64 / mine.len() as f64);
    let scored: Vec<(bool, f64)> = mine
        .iter()
        .map(|a| (a.correct, totals.get(&a.sitting).copied().unwrap_or(0.0) - f64::from(u8::from(a.correct))))
        .collect();
    let discrimination = point_biserial(&scored);
    let mut chosen = BTreeMap::new();
    for answer in &mine {
        *chosen.entry(answer.option.clone()).or_insert(0) += 1;
    }
    let certainty =
        |right: bool| mean(mine.iter().filter(|a| a.correct == right).map(|a| a.certainty as f64));
    let mut flags = Vec::new();
    if mine.len() >= MIN_ATTEMPTS_FOR_FLAGS {
        if facility.is_some_and(|f| f > EASY_FACILITY) {
            flags.push(Flag::TooEasy);
        }
        if discrimination.is_none_or(|d| d < WEAK_DISCRIMINATION) {
            flags.push(Flag::PoorDiscrimination);
        }
    }
    ItemStats {
        item: item.to_owned(),
        answers: mine.len(),
        facility,
        discrimination,
        chosen,
        certainty_when_right: certainty(true),
        certainty_when_wrong: certainty(false),
        flags,
    }
}

/// r = (M₁ − M₀) / s · √(p·q), with s the population standard deviation of the rest scores.
fn point_biserial(scored: &[(bool, f64)]) -> Option<f64> {
    let n = scored.len() as f64;
    let all = mean(scored.iter().map(|(_, s)| *s))?;
    let variance = scored.iter().map(|(_, s)| (s - all).powi(2)).sum::<f64>() / n;
    let right = mean(scored.iter().filter(|(c, _)| *c).map(|(_, s)| *s))?;
    let wrong = mean(scored.iter().filter(|(c, _)| !*c).map(|(_, s)| *s))?;
    if variance <= f64::EPSILON {
        return None;
    }
    let p = scored.iter().filter(|(c, _)| *c).count() as f64 / n;
    Some((right - wrong) / variance.sqrt() * (p * (1.0 - p)).sqrt())
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, count) = values.fold((0.0, 0usize), |(s, c), v| (s + v, c + 1));
    (count > 0).then(|| sum / count as f64)
}

/// How often each option of one case decision was chosen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DecisionStats {
    pub case: String,
    pub node: String,
    pub answers: usize,
    /// (option key, times chosen), in the option order given.
    pub chosen: Vec<(String, usize)>,
}

/// The wrong options of `item` that nobody chose, once there are enough answers to say so: a
/// distractor no one finds plausible only makes the question easier to guess.
pub fn unchosen_distractors(item: &KnowledgeItem, stats: &ItemStats) -> Vec<String> {
    if stats.answers < MIN_ATTEMPTS_FOR_FLAGS {
        return Vec::new();
    }
    item.options
        .iter()
        .filter(|o| !o.correct && stats.chosen.get(&o.key).copied().unwrap_or(0) == 0)
        .map(|o| o.key.clone())
        .collect()
}

impl DecisionStats {
    /// Whether nobody chose `option`, among enough learners to say so.
    pub fn never_chosen(&self, option: &str) -> bool {
        self.answers >= MIN_ATTEMPTS_FOR_FLAGS && self.chosen.iter().any(|(o, n)| o == option && *n == 0)
    }

    /// The share choosing `option`, 0 to 1.
    pub fn share(&self, option: &str) -> Option<f64> {
        let count = self.chosen.iter().find(|(o, _)| o == option)?.1;
        (self.answers > 0).then(|| count as f64 / self.answers as f64)
    }
}

/// Counts the choices at a decision; `options` in their order, `choices` the option keys chosen.
pub fn decision_stats(case: &str, node: &str, options: &[String], choices: &[String]) -> DecisionStats {
    DecisionStats {
        case: case.to_owned(),
        node: node.to_owned(),
        answers: choices.len(),
        chosen: options.iter().map(|o| (o.clone(), choices.iter().filter(|c| *c == o).count())).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(attempt: i64, item: &str, option: &str, correct: bool, certainty: i64) -> ItemAnswer {
        ItemAnswer { sitting: (attempt, true), item: item.into(), option: option.into(), correct, certainty }
    }

    /// Four learners, three items. Rest scores for item q1: learner 1 (q1 right) 2, learner 2
    /// (right) 1, learner 3 (wrong) 1, learner 4 (wrong) 0.
    fn four_learners() -> Vec<ItemAnswer> {
        vec![
            answer(1, "q1", "a", true, 3),
            answer(1, "q2", "a", true, 2),
            answer(1, "q3", "a", true, 3),
            answer(2, "q1", "a", true, 2),
            answer(2, "q2", "a", true, 1),
            answer(2, "q3", "b", false, 1),
            answer(3, "q1", "b", false, 3),
            answer(3, "q2", "a", true, 2),
            answer(3, "q3", "c", false, 1),
            answer(4, "q1", "c", false, 1),
            answer(4, "q2", "b", false, 1),
            answer(4, "q3", "b", false, 2),
        ]
    }

    #[test]
    fn facility_discrimination_choices_and_calibration_match_hand_computed_values() {
        let items = ["q1".to_owned(), "q2".to_owned(), "q3".to_owned()];
        let stats = item_stats(&items, &four_learners());
        let q1 = &stats[0];
        assert_eq!(q1.answers, 4);
        assert_eq!(q1.facility, Some(0.5));
        // Rest scores 2, 1 | 1, 0: M₁ = 1.5, M₀ = 0.5, mean 1, s = √0.5, p = q = 0.5.
        let expected = (1.5 - 0.5) / 0.5_f64.sqrt() * 0.5;
        assert!((q1.discrimination.expect("a figure") - expected).abs() < 1e-12);
        assert!((expected - std::f64::consts::FRAC_1_SQRT_2).abs() < 1e-12);
        assert_eq!(q1.chosen, BTreeMap::from([("a".into(), 2), ("b".into(), 1), ("c".into(), 1)]));
        assert_eq!(q1.certainty_when_right, Some(2.5));
        assert_eq!(q1.certainty_when_wrong, Some(2.0));
        assert_eq!(stats[1].facility, Some(0.75));
        assert!(q1.flags.is_empty(), "four answers are too few to flag");
    }

    #[test]
    fn an_item_everyone_gets_right_has_no_discrimination_and_is_flagged_once_there_are_enough_answers() {
        let answers: Vec<ItemAnswer> = (0..MIN_ATTEMPTS_FOR_FLAGS as i64)
            .flat_map(|a| [answer(a, "easy", "a", true, 3), answer(a, "other", "a", a % 2 == 0, 2)])
            .collect();
        let stats = item_stats(&["easy".into()], &answers);
        assert_eq!(stats[0].facility, Some(1.0));
        assert_eq!(stats[0].discrimination, None);
        assert_eq!(stats[0].flags, vec![Flag::TooEasy, Flag::PoorDiscrimination]);
        let too_few = item_stats(&["easy".into()], &answers[..answers.len() - 2]);
        assert!(too_few[0].flags.is_empty());
    }

    #[test]
    fn an_unanswered_item_has_no_figures() {
        let stats = item_stats(&["q9".into()], &four_learners());
        assert_eq!(stats[0].answers, 0);
        assert_eq!((stats[0].facility, stats[0].discrimination), (None, None));
    }

    #[test]
    fn decision_shares_count_each_option() {
        let options = ["best".to_owned(), "poor".to_owned(), "unsafe".to_owned()];
        let choices: Vec<String> = ["best", "best", "poor", "best"].iter().map(|c| (*c).to_owned()).collect();
        let stats = decision_stats("case", "d1", &options, &choices);
        assert_eq!(stats.answers, 4);
        assert_eq!(stats.share("best"), Some(0.75));
        assert_eq!(stats.share("unsafe"), Some(0.0));
        assert_eq!(stats.share("missing"), None);
    }

    #[test]
    fn a_distractor_nobody_chooses_is_named_once_there_are_enough_answers() {
        let item = crate::domain::learning::fixture::module().items.remove(0);
        let answers: Vec<ItemAnswer> = (0..20)
            .map(|learner| {
                let option = if learner % 2 == 0 { "a" } else { "b" };
                answer(learner, "one", option, option == "a", 2)
            })
            .collect();
        let stats = item_stats(&["one".into()], &answers).remove(0);
        assert_eq!(unchosen_distractors(&item, &stats), ["c", "d"]);
        let few = item_stats(&["one".into()], &answers[..19]).remove(0);
        assert!(unchosen_distractors(&item, &few).is_empty(), "19 answers prove nothing");

        let options = ["best".to_owned(), "poor".to_owned(), "unsafe".to_owned()];
        let choices: Vec<String> = (0..20).map(|n| options[n % 2].clone()).collect();
        let stats = decision_stats("case", "d1", &options, &choices);
        assert!(stats.never_chosen("unsafe"));
        assert!(!stats.never_chosen("poor"));
        assert!(!decision_stats("case", "d1", &options, &choices[..19]).never_chosen("unsafe"));
    }
}
