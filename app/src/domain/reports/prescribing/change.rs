//! Did prescribing change? A difference-in-differences estimate of the change in a measure at a
//! group of practices (a campaign's, or those where a GP completed a module) against the other
//! practices of the region, over a window of months before and after a start month.
//!
//! Each practice contributes one number, the mean of its months after the start less the mean of
//! its months before (the start month itself, part before and part after, is left out). The
//! estimate is the mean change in the group less the mean change in the others; its 95% interval
//! comes from the spread of the practices' changes (Welch's standard error with Satterthwaite's
//! degrees of freedom). Collapsing each practice's months to one before-and-after change is how
//! Bertrand, Duflo and Mullainathan (2004) advise clustering by practice when months within a
//! practice are correlated; it equals the HC2 robust standard error of a regression of the changes
//! on group. Observational: the groups were not chosen at random.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::{MonthRate, month_index, month_text};
use crate::domain::ids::PracticeId;
use crate::domain::reports::stats::t_975;

/// A group of fewer practices than this is not shown: its mean would come close to one
/// practice's published figures.
pub const MIN_PRACTICES: usize = 3;
/// The change the power note is about: a tenth of the group's level before the start.
pub const DETECTABLE_SHARE: f64 = 0.10;
/// z for a two-sided 5% test and for 80% power.
const Z_ALPHA: f64 = 1.959_964;
const Z_POWER: f64 = 0.841_621;

/// What to compare: the start month (`YYYY-MM`) and how many months either side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Window {
    pub start: String,
    pub months: i32,
}

/// One group's means over its practices.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupLevels {
    pub practices: usize,
    pub before: f64,
    pub after: f64,
}

/// The estimate and what stands behind it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    pub group: GroupLevels,
    pub others: GroupLevels,
    /// The group's change less the others' change, in the measure's units.
    pub effect: f64,
    pub interval: (f64, f64),
    /// The effect as a share of the group's level before, where that is not zero.
    pub relative: Option<f64>,
    /// Practices needed in each group to detect a change of a tenth with 80% power at the 5% level,
    /// given the spread of changes seen here; `None` when there is no spread or no level.
    pub practices_for_a_tenth: Option<usize>,
}

/// One month of the chart: each group's mean, hidden under `MIN_PRACTICES` practices.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChartMonth {
    pub month: String,
    /// Months from the start (0 is the start month).
    pub offset: i32,
    pub group: Option<f64>,
    pub others: Option<f64>,
}

/// Why there is no estimate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoEstimate {
    /// A group has fewer than `MIN_PRACTICES` practices with figures both before and after.
    TooFewPractices { group: usize, others: usize },
}

/// The estimate for `group` against `others` from `months` (any measure's monthly values).
pub fn estimate(
    months: &[MonthRate],
    group: &BTreeSet<PracticeId>,
    others: &BTreeSet<PracticeId>,
    window: &Window,
) -> Result<Estimate, NoEstimate> {
    let changes = practice_changes(months, window);
    let of = |members: &BTreeSet<PracticeId>| -> Vec<(f64, f64)> {
        changes.iter().filter(|(p, _)| members.contains(p)).map(|(_, levels)| *levels).collect()
    };
    let (mine, theirs) = (of(group), of(others));
    if mine.len() < MIN_PRACTICES || theirs.len() < MIN_PRACTICES {
        return Err(NoEstimate::TooFewPractices { group: mine.len(), others: theirs.len() });
    }
    let differences = |levels: &[(f64, f64)]| levels.iter().map(|(b, a)| a - b).collect::<Vec<_>>();
    let (d_mine, d_theirs) = (differences(&mine), differences(&theirs));
    let effect = mean(&d_mine) - mean(&d_theirs);
    let (a, b) = (variance(&d_mine) / d_mine.len() as f64, variance(&d_theirs) / d_theirs.len() as f64);
    let standard_error = (a + b).sqrt();
    let half = t_975(satterthwaite(a, b, d_mine.len(), d_theirs.len())) * standard_error;
    let levels = |l: &[(f64, f64)]| GroupLevels {
        practices: l.len(),
        before: mean(&l.iter().map(|x| x.0).collect::<Vec<_>>()),
        after: mean(&l.iter().map(|x| x.1).collect::<Vec<_>>()),
    };
    let (group, others) = (levels(&mine), levels(&theirs));
    let pooled = pooled_variance(&d_mine, &d_theirs);
    let tenth = DETECTABLE_SHARE * group.before;
    Ok(Estimate {
        group,
        others,
        effect,
        interval: (effect - half, effect + half),
        relative: (group.before != 0.0).then(|| effect / group.before),
        practices_for_a_tenth: (pooled > 0.0 && tenth != 0.0)
            .then(|| (2.0 * (Z_ALPHA + Z_POWER).powi(2) * pooled / (tenth * tenth)).ceil() as usize),
    })
}

/// The monthly chart from `window.months` before the start to as many after.
pub fn chart(
    months: &[MonthRate],
    group: &BTreeSet<PracticeId>,
    others: &BTreeSet<PracticeId>,
    window: &Window,
) -> Vec<ChartMonth> {
    let Some(start) = month_index(&window.start) else { return Vec::new() };
    let mut at: BTreeMap<i32, (Vec<f64>, Vec<f64>)> = BTreeMap::new();
    for month in months {
        let Some(index) = month_index(&month.month) else { continue };
        let offset = index - start;
        if offset.abs() > window.months {
            continue;
        }
        let entry = at.entry(offset).or_default();
        if group.contains(&month.practice) {
            entry.0.push(month.rate);
        } else if others.contains(&month.practice) {
            entry.1.push(month.rate);
        }
    }
    let shown = |values: &[f64]| (values.len() >= MIN_PRACTICES).then(|| mean(values));
    (-window.months..=window.months)
        .map(|offset| {
            let (mine, theirs) = at.get(&offset).cloned().unwrap_or_default();
            ChartMonth {
                month: month_text(start + offset),
                offset,
                group: shown(&mine),
                others: shown(&theirs),
            }
        })
        .collect()
}

/// Each practice's mean before and mean after, for practices with months in both.
fn practice_changes(months: &[MonthRate], window: &Window) -> BTreeMap<PracticeId, (f64, f64)> {
    let Some(start) = month_index(&window.start) else { return BTreeMap::new() };
    let mut sides: BTreeMap<PracticeId, (Vec<f64>, Vec<f64>)> = BTreeMap::new();
    for month in months {
        let Some(offset) = month_index(&month.month).map(|i| i - start) else { continue };
        let entry = sides.entry(month.practice).or_default();
        if (-window.months..0).contains(&offset) {
            entry.0.push(month.rate);
        } else if (1..=window.months).contains(&offset) {
            entry.1.push(month.rate);
        }
    }
    sides
        .into_iter()
        .filter(|(_, (before, after))| !before.is_empty() && !after.is_empty())
        .map(|(practice, (before, after))| (practice, (mean(&before), mean(&after))))
        .collect()
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len().max(1) as f64
}

/// The sample variance (n − 1).
fn variance(values: &[f64]) -> f64 {
    let m = mean(values);
    values.iter().map(|v| (v - m).powi(2)).sum::<f64>() / (values.len().max(2) - 1) as f64
}

fn pooled_variance(a: &[f64], b: &[f64]) -> f64 {
    let (na, nb) = (a.len() as f64, b.len() as f64);
    ((na - 1.0) * variance(a) + (nb - 1.0) * variance(b)) / (na + nb - 2.0)
}

/// Welch–Satterthwaite degrees of freedom from the two groups' squared standard errors, rounded
/// down (the table's wider interval); the smaller group's n − 1 when there is no spread at all.
fn satterthwaite(a: f64, b: f64, na: usize, nb: usize) -> usize {
    let denominator = a * a / (na - 1) as f64 + b * b / (nb - 1) as f64;
    if denominator <= 0.0 {
        return na.min(nb) - 1;
    }
    ((a + b).powi(2) / denominator).floor() as usize
}

#[cfg(test)]
mod tests;
