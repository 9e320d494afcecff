//! Practices' prescribing beside their GPs' engagement: the high prescribers (the top fifth of the
//! practices in scope by benzodiazepine and Z-drug items per 1,000 patients), how much their GPs
//! take part compared with the rest, and a descriptive trend of prescribing in the months around
//! the first completion of a module at each practice. The trend describes; it cannot show that the
//! modules changed prescribing (other things change at the same time).

pub mod change;
pub mod measures;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::disclosure::{Shown, breakdown, over_enough};
use super::uptake::Counts;
use crate::domain::ids::PracticeId;

/// Fewer practices than this at a point of the trend and its mean is not shown: a single
/// practice's published prescribing would otherwise tell when its GPs completed a module.
pub const MIN_PRACTICES_FOR_TREND: usize = 3;
/// The trend covers this many months either side of the first completion.
pub const TREND_MONTHS: i32 = 6;

/// One practice's rate in one month.
#[derive(Clone, Debug, PartialEq)]
pub struct MonthRate {
    pub practice: PracticeId,
    /// `YYYY-MM`.
    pub month: String,
    /// Benzodiazepine and Z-drug items per 1,000 registered patients.
    pub rate: f64,
}

/// A practice's learners: registered, who started an attempt, and who completed one (exact).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PracticeLearners {
    pub registered: i64,
    pub started: i64,
    pub completed: i64,
}

/// Engagement of one group of practices.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EngagementRow {
    pub group: String,
    /// Practices are organisations, not people: their number is shown exactly.
    pub practices: usize,
    /// The group's mean monthly rate (items per 1,000 patients).
    pub mean_rate: Option<f64>,
    pub registered: Shown,
    pub started: Shown,
    pub completed: Shown,
    /// Learners who completed a module over learners registered, 0 to 1.
    pub completed_share: Option<f64>,
}

/// The mean rate of the practices that had their first completion `offset` months before (negative)
/// or after.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrendRow {
    pub offset: i32,
    pub practices: usize,
    pub mean_rate: Option<f64>,
}

/// Each practice's mean monthly rate over `months`.
pub fn practice_rates(months: &[MonthRate]) -> BTreeMap<PracticeId, f64> {
    let mut sums: BTreeMap<PracticeId, (f64, usize)> = BTreeMap::new();
    for month in months {
        let entry = sums.entry(month.practice).or_default();
        entry.0 += month.rate;
        entry.1 += 1;
    }
    sums.into_iter().map(|(practice, (sum, n))| (practice, sum / n as f64)).collect()
}

/// The top fifth of practices by rate (rounded up, so one practice as soon as any has a rate);
/// ties at the boundary go to the lower practice id, so the result is stable.
pub fn high_prescribers(rates: &BTreeMap<PracticeId, f64>) -> BTreeSet<PracticeId> {
    let mut ranked: Vec<(&PracticeId, &f64)> = rates.iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(a.1).then(a.0.cmp(b.0)));
    ranked.into_iter().take(rates.len().div_ceil(5)).map(|(practice, _)| *practice).collect()
}

/// Engagement of the high prescribers and of the other practices with a rate. The two groups'
/// counts are protected together, as a breakdown.
pub fn engagement(
    rates: &BTreeMap<PracticeId, f64>,
    high: &BTreeSet<PracticeId>,
    learners: &BTreeMap<PracticeId, PracticeLearners>,
) -> Vec<EngagementRow> {
    if rates.is_empty() {
        return Vec::new();
    }
    let groups: [(&str, Vec<PracticeId>); 2] = [
        ("High prescribers (top fifth)", rates.keys().filter(|p| high.contains(p)).copied().collect()),
        ("Other practices", rates.keys().filter(|p| !high.contains(p)).copied().collect()),
    ];
    let totals: Vec<PracticeLearners> = groups
        .iter()
        .map(|(_, practices)| {
            practices.iter().filter_map(|p| learners.get(p)).fold(PracticeLearners::default(), |sum, l| {
                PracticeLearners {
                    registered: sum.registered + l.registered,
                    started: sum.started + l.started,
                    completed: sum.completed + l.completed,
                }
            })
        })
        .collect();
    let column =
        |pick: fn(&PracticeLearners) -> i64| breakdown(&totals.iter().map(pick).collect::<Vec<_>>()).0;
    let (registered, started, completed) =
        (column(|t| t.registered), column(|t| t.started), column(|t| t.completed));
    groups
        .iter()
        .enumerate()
        .map(|(i, (name, practices))| EngagementRow {
            group: (*name).to_owned(),
            practices: practices.len(),
            mean_rate: mean(practices.iter().filter_map(|p| rates.get(p).copied())),
            registered: registered[i],
            started: started[i],
            completed: completed[i],
            completed_share: over_enough(
                totals[i].registered,
                (totals[i].registered > 0).then(|| totals[i].completed as f64 / totals[i].registered as f64),
            ),
        })
        .collect()
}

/// Prescribing in the months around each practice's first completion (`first_completion`:
/// practice → `YYYY-MM`), from `TREND_MONTHS` before to as many after; empty when no practice
/// with a completion has any prescribing figures.
pub fn trend(months: &[MonthRate], first_completion: &BTreeMap<PracticeId, String>) -> Vec<TrendRow> {
    let mut at: BTreeMap<i32, Vec<f64>> = BTreeMap::new();
    for month in months {
        let Some(first) = first_completion.get(&month.practice).and_then(|m| month_index(m)) else {
            continue;
        };
        let Some(index) = month_index(&month.month) else { continue };
        let offset = index - first;
        if offset.abs() <= TREND_MONTHS {
            at.entry(offset).or_default().push(month.rate);
        }
    }
    if at.is_empty() {
        return Vec::new();
    }
    (-TREND_MONTHS..=TREND_MONTHS)
        .map(|offset| {
            let rates = at.get(&offset).cloned().unwrap_or_default();
            let enough = rates.len() >= MIN_PRACTICES_FOR_TREND;
            TrendRow {
                offset,
                practices: rates.len(),
                mean_rate: enough.then(|| mean(rates.into_iter())).flatten(),
            }
        })
        .collect()
}

/// Each practice's registered learners (`registered`: practice → learners) and, from its uptake,
/// the learners who started and who finished a module.
pub fn practice_learners(
    uptake: &BTreeMap<PracticeId, Counts>,
    registered: &[(PracticeId, i64)],
) -> BTreeMap<PracticeId, PracticeLearners> {
    let mut learners: BTreeMap<PracticeId, PracticeLearners> = registered
        .iter()
        .map(|&(practice, registered)| {
            (practice, PracticeLearners { registered, ..PracticeLearners::default() })
        })
        .collect();
    for (practice, counts) in uptake {
        let row = learners.entry(*practice).or_default();
        row.started += counts.learners;
        row.completed += counts.completers;
    }
    learners
}

/// The month (`month_of`) each practice's first attempt was finished, from its uptake.
pub fn first_completions(
    uptake: &BTreeMap<PracticeId, Counts>,
    month_of: impl Fn(i64) -> String,
) -> BTreeMap<PracticeId, String> {
    uptake
        .iter()
        .filter_map(|(practice, counts)| Some((*practice, month_of(counts.first_completed_at?))))
        .collect()
}

/// A month (`YYYY-MM`) as a count of months, so that months can be subtracted.
pub fn month_index(month: &str) -> Option<i32> {
    let (year, number) = month.split_once('-')?;
    let (year, number): (i32, i32) = (year.parse().ok()?, number.parse().ok()?);
    (1..=12).contains(&number).then_some(year * 12 + number - 1)
}

/// A count of months (see [`month_index`]) as `YYYY-MM`.
pub fn month_text(index: i32) -> String {
    format!("{:04}-{:02}", index.div_euclid(12), index.rem_euclid(12) + 1)
}

/// The month before the one `iso_date` (`YYYY-MM-DD`) falls in, as `YYYY-MM`.
pub fn month_before(iso_date: &str) -> String {
    month_text(month_index(iso_date.get(..7).unwrap_or_default()).unwrap_or(0) - 1)
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

#[cfg(test)]
mod tests;
