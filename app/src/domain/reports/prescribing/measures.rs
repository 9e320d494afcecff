//! The prescribing measures, computed as OpenPrescribing computes its measures for oral hypnotics
//! and anxiolytics: items per 1,000 patients (Casebook's first measure), average daily quantities
//! (ADQs) per item (`bdzadq`, which OpenPrescribing's 2026 review rates much less influenced by a
//! practice's case mix) and ADQs per 1,000 patients (`bdzper1000`). A lead chooses which one flags
//! the high prescribers.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::MonthRate;
use crate::domain::ids::PracticeId;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Measure {
    #[default]
    ItemsPer1000,
    AdqPerItem,
    AdqPer1000,
}

impl Measure {
    pub const ALL: [Measure; 3] = [Measure::ItemsPer1000, Measure::AdqPerItem, Measure::AdqPer1000];

    /// The value a form and a link use.
    pub fn code(self) -> &'static str {
        match self {
            Measure::ItemsPer1000 => "items-per-1000",
            Measure::AdqPerItem => "adq-per-item",
            Measure::AdqPer1000 => "adq-per-1000",
        }
    }

    pub fn parse(code: &str) -> Option<Measure> {
        Self::ALL.into_iter().find(|m| m.code() == code.trim())
    }

    /// The measure a report's form asked for: empty is the default, anything else must be one of
    /// the codes.
    pub fn from_form(raw: &str) -> Result<Measure, String> {
        match raw.trim() {
            "" => Ok(Measure::default()),
            code => {
                Measure::parse(code).ok_or_else(|| "Choose a prescribing measure from the list".to_owned())
            }
        }
    }

    /// What a table's column says its figures are.
    pub fn label(self) -> &'static str {
        match self {
            Measure::ItemsPer1000 => "Items per 1,000 patients a month",
            Measure::AdqPerItem => "ADQs per item",
            Measure::AdqPer1000 => "ADQs per 1,000 patients a month",
        }
    }

    /// Places after the point the figures are shown to.
    pub fn places(self) -> usize {
        match self {
            Measure::ItemsPer1000 | Measure::AdqPerItem => 1,
            Measure::AdqPer1000 => 0,
        }
    }
}

/// One practice's prescribing in one month, as stored, with its list size resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct PracticeMonthFigures {
    pub practice: PracticeId,
    /// `YYYY-MM`.
    pub month: String,
    /// Benzodiazepine and Z-drug items.
    pub items: i64,
    /// Their average daily quantities, where the file gave them.
    pub adq_usage: Option<f64>,
    /// Registered patients: the month's own, else the nearest list-size extract.
    pub list_size: Option<i64>,
    /// Items per 1,000 patients given directly by a file without list sizes.
    pub rate_given: Option<f64>,
}

impl PracticeMonthFigures {
    /// The month's value of `measure`, where its figures allow: a month without items has no
    /// ADQ per item (nothing was prescribed to divide by).
    pub fn value(&self, measure: Measure) -> Option<f64> {
        let per_1000 = |count: f64| self.list_size.map(|size| count * 1000.0 / size as f64);
        match measure {
            Measure::ItemsPer1000 => self.rate_given.or_else(|| per_1000(self.items as f64)),
            Measure::AdqPerItem => {
                self.adq_usage.filter(|_| self.items > 0).map(|adq| adq / self.items as f64)
            }
            Measure::AdqPer1000 => self.adq_usage.and_then(per_1000),
        }
    }
}

/// Each month's value of `measure`, for the reports' practice figures, trend and estimates.
pub fn month_values(figures: &[PracticeMonthFigures], measure: Measure) -> Vec<MonthRate> {
    figures
        .iter()
        .filter_map(|f| {
            f.value(measure).map(|rate| MonthRate { practice: f.practice, month: f.month.clone(), rate })
        })
        .collect()
}

/// Each practice's decile among `values` as OpenPrescribing places practices (its percentile is
/// the rank below, over the practices less one, ×100): the 1st decile is the lowest tenth, the
/// 10th the highest; a lone practice is in the 1st. Ties share the lower decile.
pub fn deciles(values: &BTreeMap<PracticeId, f64>) -> BTreeMap<PracticeId, u8> {
    let n = values.len();
    values
        .iter()
        .map(|(practice, value)| {
            let below = values.values().filter(|other| *other < value).count();
            let percentile = if n > 1 { below as f64 / (n - 1) as f64 * 100.0 } else { 0.0 };
            let decile = ((percentile / 10.0).floor() as u8 + 1).min(10);
            (*practice, decile)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(items: i64, adq: Option<f64>, list: Option<i64>, given: Option<f64>) -> PracticeMonthFigures {
        PracticeMonthFigures {
            practice: PracticeId(1),
            month: "2026-03".into(),
            items,
            adq_usage: adq,
            list_size: list,
            rate_given: given,
        }
    }

    #[test]
    fn each_measure_is_computed_from_its_own_figures() {
        let figures = month(82, Some(1876.0), Some(4000), None);
        assert_eq!(figures.value(Measure::ItemsPer1000), Some(20.5));
        assert!((figures.value(Measure::AdqPerItem).expect("adq") - 22.878_048_780_487_8).abs() < 1e-9);
        assert_eq!(figures.value(Measure::AdqPer1000), Some(469.0));
        let no_list = month(82, Some(1876.0), None, Some(3.5));
        assert_eq!(no_list.value(Measure::ItemsPer1000), Some(3.5), "a rate given stands");
        assert_eq!(no_list.value(Measure::AdqPer1000), None, "ADQs need a list size");
        assert_eq!(month(0, Some(0.0), Some(10), None).value(Measure::AdqPerItem), None);
        assert_eq!(month(5, None, Some(10), None).value(Measure::AdqPerItem), None);
    }

    #[test]
    fn a_form_asks_for_a_measure_by_its_code_or_for_the_default() {
        assert_eq!(Measure::from_form(""), Ok(Measure::ItemsPer1000));
        assert_eq!(Measure::from_form(" adq-per-item "), Ok(Measure::AdqPerItem));
        assert_eq!(Measure::from_form("cost"), Err("Choose a prescribing measure from the list".to_owned()));
    }

    #[test]
    fn deciles_match_a_hand_ranking() {
        // Eleven practices valued 0..10: practice k has k below it, percentile k·10, decile k+1,
        // and the highest (percentile 100) stays in the 10th.
        let values: BTreeMap<PracticeId, f64> = (0..11).map(|k| (PracticeId(k), k as f64)).collect();
        let found = deciles(&values);
        let expected: Vec<u8> = vec![1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10];
        assert_eq!(found.values().copied().collect::<Vec<_>>(), expected);
        let tied: BTreeMap<PracticeId, f64> =
            [(PracticeId(1), 2.0), (PracticeId(2), 2.0), (PracticeId(3), 9.0)].into_iter().collect();
        assert_eq!(deciles(&tied).values().copied().collect::<Vec<_>>(), vec![1, 1, 10]);
        let one: BTreeMap<PracticeId, f64> = [(PracticeId(4), 7.0)].into_iter().collect();
        assert_eq!(deciles(&one).get(&PracticeId(4)), Some(&1));
    }
}
