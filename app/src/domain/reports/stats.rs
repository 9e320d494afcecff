//! The arithmetic of the learning reports: the mean of paired gains (post-test minus pre-test, per
//! learner) with its 95% confidence interval from Student's t distribution.

use serde::{Deserialize, Serialize};

/// A mean with its 95% confidence interval.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeanWithInterval {
    pub n: usize,
    pub mean: f64,
    /// `None` for a single value, whose spread is unknown.
    pub interval: Option<(f64, f64)>,
}

/// The mean of `values` and its 95% confidence interval: mean ± t(0.975, n−1) · s / √n, with s
/// the sample standard deviation. `None` for no values.
pub fn mean_with_interval(values: &[f64]) -> Option<MeanWithInterval> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let mean = values.iter().sum::<f64>() / n as f64;
    if n == 1 {
        return Some(MeanWithInterval { n, mean, interval: None });
    }
    let variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
    let half = t_975(n - 1) * variance.sqrt() / (n as f64).sqrt();
    Some(MeanWithInterval { n, mean, interval: Some((mean - half, mean + half)) })
}

/// The same from running totals: `n` values, their sum and the sum of their squares (as the
/// database adds them up). The variance is (Σx² − n·mean²) / (n − 1).
pub fn mean_with_interval_from_sums(n: i64, sum: f64, sum_of_squares: f64) -> Option<MeanWithInterval> {
    if n <= 0 {
        return None;
    }
    let count = n as usize;
    let mean = sum / n as f64;
    if n == 1 {
        return Some(MeanWithInterval { n: count, mean, interval: None });
    }
    let variance = ((sum_of_squares - n as f64 * mean * mean) / (n - 1) as f64).max(0.0);
    let half = t_975(count - 1) * variance.sqrt() / (n as f64).sqrt();
    Some(MeanWithInterval { n: count, mean, interval: Some((mean - half, mean + half)) })
}

/// The 97.5th percentile of Student's t distribution with `df` degrees of freedom (the two-sided
/// 95% critical value), from the standard table; between tabulated values the next smaller
/// number of degrees of freedom is used, which errs towards a wider interval.
pub fn t_975(df: usize) -> f64 {
    const TABLE: [(usize, f64); 35] = [
        (1, 12.706),
        (2, 4.303),
        (3, 3.182),
        (4, 2.776),
        (5, 2.571),
        (6, 2.447),
        (7, 2.365),
        (8, 2.306),
        (9, 2.262),
        (10, 2.228),
        (11, 2.201),
        (12, 2.179),
        (13, 2.160),
        (14, 2.145),
        (15, 2.131),
        (16, 2.120),
        (17, 2.110),
        (18, 2.101),
        (19, 2.093),
        (20, 2.086),
        (21, 2.080),
        (22, 2.074),
        (23, 2.069),
        (24, 2.064),
        (25, 2.060),
        (26, 2.056),
        (27, 2.052),
        (28, 2.048),
        (29, 2.045),
        (30, 2.042),
        (40, 2.021),
        (60, 2.000),
        (80, 1.990),
        (100, 1.984),
        (120, 1.980),
    ];
    if df > 1000 {
        return 1.960;
    }
    TABLE.iter().rev().find(|(d, _)| *d <= df.max(1)).map_or(12.706, |(_, t)| *t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_interval_matches_a_hand_computation() {
        // Gains 0.1, 0.2, 0.3, 0.4: mean 0.25, s = √(0.05/3) = 0.129099, t(3) = 3.182,
        // half-width 3.182 · 0.129099 / 2 = 0.205396.
        let result = mean_with_interval(&[0.1, 0.2, 0.3, 0.4]).expect("values");
        assert_eq!(result.n, 4);
        assert!((result.mean - 0.25).abs() < 1e-12);
        let (low, high) = result.interval.expect("an interval");
        assert!((low - (0.25 - 0.205396)).abs() < 1e-5, "{low}");
        assert!((high - (0.25 + 0.205396)).abs() < 1e-5, "{high}");
    }

    #[test]
    fn one_value_has_no_interval_and_none_has_no_mean() {
        assert_eq!(mean_with_interval(&[]), None);
        assert_eq!(mean_with_interval(&[0.5]), Some(MeanWithInterval { n: 1, mean: 0.5, interval: None }));
        let same = mean_with_interval(&[0.2; 10]).expect("values");
        let (low, high) = same.interval.expect("an interval");
        assert!((high - low).abs() < 1e-12, "no spread, no width");
    }

    #[test]
    fn sums_give_the_same_interval_as_the_values() {
        let values = [2.0, -1.0, 0.0, 1.0, 3.0, 1.0];
        let sum: f64 = values.iter().sum();
        let squares: f64 = values.iter().map(|v| v * v).sum();
        let direct = mean_with_interval(&values).expect("values");
        let from_sums = mean_with_interval_from_sums(6, sum, squares).expect("values");
        assert!((direct.mean - from_sums.mean).abs() < 1e-12);
        let (a, b) = (direct.interval.expect("interval"), from_sums.interval.expect("interval"));
        assert!((a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9);
        assert_eq!(mean_with_interval_from_sums(0, 0.0, 0.0), None);
    }

    #[test]
    fn critical_values_come_from_the_table() {
        assert_eq!(t_975(1), 12.706);
        assert_eq!(t_975(30), 2.042);
        assert_eq!(t_975(35), 2.042, "between rows, the wider interval");
        assert_eq!(t_975(5000), 1.960);
    }
}
