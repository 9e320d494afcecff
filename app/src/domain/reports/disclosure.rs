//! Statistical disclosure control for every figure below national level, by the NHS Digital rule:
//! a count of 0 stays 0, a count from 1 to 7 is shown as `*`, any other count is rounded to the
//! nearest 5; a rate or mean from fewer than 8 learners is not shown.
//!
//! Rounding alone does not stop differencing: a breakdown shown as 10, *, 10 with a total of 15
//! gives the hidden cell away (each 10 stands for at least 8, the total for at most 17, so the
//! hidden cell is 1). So a breakdown and its total are shown together by [`breakdown`], which adds
//! secondary suppression: while a hidden cell could be worked out, the smallest cell still shown is
//! hidden too. The property tests below check, by trying every table that would look the same,
//! that no hidden cell can be pinned down from the total and the other cells.

use serde::{Deserialize, Serialize};

/// Fewer people than this and a rate or mean is not shown.
pub const MIN_PEOPLE_FOR_RATES: i64 = 8;
const ROUND_TO: i64 = 5;

/// A count as it may be shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shown {
    /// 0, or a multiple of 5 from 10 up.
    Count(i64),
    #[default]
    /// 1 to 7: shown as `*`.
    Suppressed,
}

impl Shown {
    /// How the figure is written in a table or a CSV file.
    pub fn text(self) -> String {
        match self {
            Shown::Count(n) => n.to_string(),
            Shown::Suppressed => "*".into(),
        }
    }
}

/// A count made safe to show.
pub fn count(n: i64) -> Shown {
    match n {
        i64::MIN..=0 => Shown::Count(0),
        1..=7 => Shown::Suppressed,
        _ => Shown::Count((n + ROUND_TO / 2) / ROUND_TO * ROUND_TO),
    }
}

/// The cells of a breakdown and their total, made safe to show together (see the module notes).
pub fn breakdown(cells: &[i64]) -> (Vec<Shown>, Shown) {
    let mut shown: Vec<Shown> = cells.iter().map(|&c| count(c)).collect();
    let total = count(cells.iter().sum());
    while exposed(&shown, total) {
        let smallest = cells
            .iter()
            .enumerate()
            .filter(|(i, _)| matches!(shown[*i], Shown::Count(n) if n > 0))
            .min_by_key(|(_, c)| **c)
            .map(|(i, _)| i);
        match smallest {
            Some(i) => shown[i] = Shown::Suppressed,
            None => break,
        }
    }
    (shown, total)
}

/// The counts a shown figure may stand for, knowing the rule (and that a hidden cell may be hidden
/// to protect another, so it may be any positive count).
fn range(shown: Shown) -> (i64, i64) {
    match shown {
        Shown::Count(0) => (0, 0),
        Shown::Count(n) => ((n - ROUND_TO / 2).max(8), n + ROUND_TO / 2),
        Shown::Suppressed => (1, i64::MAX / 4),
    }
}

/// Whether some hidden cell has only one count from 1 to 7 left once the total and the other
/// cells are taken into account.
fn exposed(cells: &[Shown], total: Shown) -> bool {
    let (total_low, total_high) = range(total);
    (0..cells.len()).filter(|&i| cells[i] == Shown::Suppressed).any(|i| {
        let others = cells.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, c)| range(*c));
        let (low_sum, high_sum) = others.fold((0i64, 0i64), |(l, h), (a, b)| (l + a, h.saturating_add(b)));
        let low = (total_low - high_sum).max(1);
        let high = (total_high - low_sum).min(7);
        high <= low
    })
}

/// A rate or mean over `people` learners, or `None` when they are too few to show it.
pub fn over_enough(people: i64, value: Option<f64>) -> Option<f64> {
    if people >= MIN_PEOPLE_FOR_RATES { value } else { None }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use proptest::prelude::*;

    use super::*;

    #[test]
    fn the_nhs_digital_rule() {
        assert_eq!(count(0), Shown::Count(0));
        for n in 1..=7 {
            assert_eq!(count(n), Shown::Suppressed, "{n}");
        }
        assert_eq!(count(8), Shown::Count(10));
        assert_eq!(count(12), Shown::Count(10));
        assert_eq!(count(13), Shown::Count(15));
        assert_eq!(count(1002), Shown::Count(1000));
        assert_eq!(count(1003), Shown::Count(1005));
        assert_eq!(Shown::Suppressed.text(), "*");
        assert_eq!(over_enough(7, Some(0.5)), None);
        assert_eq!(over_enough(8, Some(0.5)), Some(0.5));
    }

    /// What a table of cells with its total shows.
    fn shown(cells: &[i64]) -> (Vec<Shown>, Shown) {
        breakdown(cells)
    }

    #[test]
    fn a_cell_that_would_give_another_away_is_hidden_too() {
        // 8, 1, 8 would show as 10, *, 10 with a total of 15: the hidden cell could only be 1.
        assert_eq!(
            breakdown(&[8, 1, 8]),
            (vec![Shown::Suppressed, Shown::Suppressed, Shown::Count(10)], Shown::Count(15))
        );
        assert_eq!(
            breakdown(&[20, 3, 0]),
            (vec![Shown::Count(20), Shown::Suppressed, Shown::Count(0)], Shown::Count(25))
        );
    }

    /// Every table of `cells.len()` cells (each 0 to `max`) that shows exactly what `cells` shows:
    /// what someone who sees the table, and knows how it was made, cannot tell apart.
    fn indistinguishable(cells: &[i64], max: i64) -> Vec<Vec<i64>> {
        let target = shown(cells);
        let mut found = Vec::new();
        let mut candidate = vec![0; cells.len()];
        loop {
            if shown(&candidate) == target {
                found.push(candidate.clone());
            }
            let mut i = 0;
            loop {
                if i == candidate.len() {
                    return found;
                }
                candidate[i] += 1;
                if candidate[i] <= max {
                    break;
                }
                candidate[i] = 0;
                i += 1;
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn no_shown_count_is_between_1_and_7_and_all_are_multiples_of_5(n in 0i64..1_000_000) {
            match count(n) {
                Shown::Count(shown) => {
                    prop_assert!(shown == 0 || shown >= 10);
                    prop_assert_eq!(shown % 5, 0);
                    prop_assert!((shown - n).abs() <= 2);
                }
                Shown::Suppressed => prop_assert!((1..=7).contains(&n)),
            }
        }

        /// A breakdown and its total (say practices in a region, or May and June against the two
        /// months together): every suppressed cell could still be at least two different counts.
        #[test]
        fn a_suppressed_cell_is_never_recoverable_from_the_total_and_the_other_cells(
            cells in proptest::collection::vec(prop_oneof![0i64..=9, 0i64..=24], 2..=3)
        ) {
            // A shown 25 may stand for up to 27: enumerate that far, past the largest generated cell.
            let alternatives = indistinguishable(&cells, 27);
            let (display, _) = breakdown(&cells);
            for (i, &cell) in cells.iter().enumerate() {
                if display[i] == Shown::Suppressed && (1..=7).contains(&cell) {
                    let possible: BTreeSet<i64> = alternatives.iter().map(|t| t[i]).collect();
                    prop_assert!(possible.len() >= 2, "cell {} of {:?} is pinned to {:?}", i, cells, possible);
                }
            }
        }

        /// Two overlapping filters (say September to November, and September to October): the
        /// count only in the wider one is their difference. Knowing the rule, someone who sees both
        /// figures can narrow it to the counts consistent with both; a difference of 1 to 7 must
        /// always keep at least two candidates.
        #[test]
        fn a_small_count_is_never_recoverable_from_two_overlapping_filters(
            narrower in 0i64..=60,
            extra in 0i64..=12,
        ) {
            let (wide, narrow) = (count(narrower + extra), count(narrower));
            let candidates: BTreeSet<i64> = (0..=80)
                .flat_map(|n| (0..=80).map(move |d| (n, d)))
                .filter(|&(n, d)| count(n) == narrow && count(n + d) == wide)
                .map(|(_, d)| d)
                .collect();
            prop_assert!(candidates.contains(&extra));
            if (1..=7).contains(&extra) {
                prop_assert!(candidates.len() >= 2, "{} + {} pins the difference to {:?}", narrower, extra, candidates);
            }
        }
    }
}
