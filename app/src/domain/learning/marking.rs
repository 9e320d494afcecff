//! Certainty-based marking (Gardner-Medwin): the learner says how sure they are of each answer, and
//! the mark rewards honest certainty. A correct answer scores 1, 2 or 3 at certainty 1, 2 or 3; a
//! wrong one scores 0, −2 or −6. The best strategy is to state the certainty you really have, so the
//! marks show both what a GP knows and whether they know what they do not know.

use serde::{Deserialize, Serialize};

/// How sure the learner is of an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Certainty {
    Low = 1,
    Medium = 2,
    High = 3,
}

impl Certainty {
    pub const ALL: [Certainty; 3] = [Certainty::Low, Certainty::Medium, Certainty::High];

    pub fn level(self) -> i64 {
        self as i64
    }

    pub fn from_level(level: i64) -> Option<Certainty> {
        Self::ALL.into_iter().find(|c| c.level() == level)
    }

    /// Parses the certainty a form submitted ("1", "2" or "3").
    pub fn parse(raw: &str) -> Result<Certainty, String> {
        match raw.trim() {
            "" => Err("Select how sure you are of your answer".into()),
            raw => raw
                .parse()
                .ok()
                .and_then(Certainty::from_level)
                .ok_or_else(|| "Select a certainty of 1, 2 or 3".into()),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Certainty::Low => "1 – Not sure",
            Certainty::Medium => "2 – Fairly sure",
            Certainty::High => "3 – Very sure",
        }
    }

    /// The marks at stake, as a hint beside the choice.
    pub fn stakes(self) -> &'static str {
        match self {
            Certainty::Low => "Scores 1 if right, 0 if wrong",
            Certainty::Medium => "Scores 2 if right, −2 if wrong",
            Certainty::High => "Scores 3 if right, −6 if wrong",
        }
    }

    /// The proportion of answers that must be right for this certainty to score best on average:
    /// above 80% for certainty 3, 67–80% for 2, below 67% for 1.
    pub fn best_when_right(self) -> &'static str {
        match self {
            Certainty::Low => "less than 67%",
            Certainty::Medium => "67% to 80%",
            Certainty::High => "more than 80%",
        }
    }

    /// Whether being right this often makes this certainty the one that scores best.
    pub fn is_calibrated(self, proportion_right: f64) -> bool {
        match self {
            Certainty::Low => proportion_right < 2.0 / 3.0,
            Certainty::Medium => (2.0 / 3.0..=0.8).contains(&proportion_right),
            Certainty::High => proportion_right > 0.8,
        }
    }
}

/// The mark for one answer.
pub fn mark(correct: bool, certainty: Certainty) -> i64 {
    match (correct, certainty) {
        (true, c) => c.level(),
        (false, Certainty::Low) => 0,
        (false, Certainty::Medium) => -2,
        (false, Certainty::High) => -6,
    }
}

/// The most a set of `items` answers can score.
pub fn maximum(items: usize) -> i64 {
    3 * items as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_follow_the_gardner_medwin_scheme() {
        let table = [(1, 1, 0), (2, 2, -2), (3, 3, -6)];
        for (level, right, wrong) in table {
            let certainty = Certainty::from_level(level).expect("a level");
            assert_eq!(mark(true, certainty), right);
            assert_eq!(mark(false, certainty), wrong);
        }
    }

    #[test]
    fn honest_certainty_scores_best_on_average() {
        // At each rate of being right, the certainty whose band holds that rate has the highest
        // expected mark: the property that makes the scheme reward honesty.
        for percent in 0..=100 {
            let p = f64::from(percent) / 100.0;
            let expected = |c: Certainty| p * mark(true, c) as f64 + (1.0 - p) * mark(false, c) as f64;
            let top = Certainty::ALL.map(expected).into_iter().fold(f64::MIN, f64::max);
            let calibrated =
                Certainty::ALL.into_iter().find(|c| c.is_calibrated(p)).expect("the bands cover 0–100%");
            assert!((expected(calibrated) - top).abs() < 1e-9, "{percent}%: {calibrated:?}");
        }
    }

    #[test]
    fn certainty_parsing_names_the_problem() {
        assert_eq!(Certainty::parse("3"), Ok(Certainty::High));
        assert_eq!(Certainty::parse(" 1 "), Ok(Certainty::Low));
        assert_eq!(Certainty::parse(""), Err("Select how sure you are of your answer".into()));
        for bad in ["0", "4", "high", "-1", "2.5"] {
            assert_eq!(Certainty::parse(bad), Err("Select a certainty of 1, 2 or 3".into()), "{bad}");
        }
    }

    #[test]
    fn the_maximum_is_three_per_item() {
        assert_eq!(maximum(0), 0);
        assert_eq!(maximum(6), 18);
    }
}
