//! Latency figures from a set of timings.

use std::time::Duration;

/// Median and 99th percentile, in milliseconds.
pub struct Latency {
    pub count: usize,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

impl Latency {
    pub fn of(mut timings: Vec<Duration>) -> Latency {
        timings.sort();
        let at = |q: f64| {
            let index = ((timings.len() as f64 - 1.0) * q).round() as usize;
            timings.get(index).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
        };
        Latency { count: timings.len(), p50_ms: at(0.50), p99_ms: at(0.99) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_come_from_the_sorted_timings() {
        let timings = (1..=100).rev().map(Duration::from_millis).collect();
        let latency = Latency::of(timings);
        assert_eq!(latency.count, 100);
        assert!((latency.p50_ms - 51.0).abs() < 1e-9 || (latency.p50_ms - 50.0).abs() < 1e-9);
        assert!((latency.p99_ms - 99.0).abs() < 1e-9);
    }
}
