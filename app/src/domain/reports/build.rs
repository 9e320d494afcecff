//! Builds a report's rows from exact facts (attempts, and the database's totals), applying
//! disclosure control to every figure as it is made.

use std::collections::BTreeMap;

use super::disclosure::{breakdown, count, over_enough};
use super::report::{AttitudeRow, DecisionRow, PracticeRow, ThemeRow, UptakeRow};
use super::stats::mean_with_interval_from_sums;
use super::theme_scores::Sitting;
use super::uptake::Counts;
use crate::domain::curriculum::theme::{THEMES, theme};
use crate::domain::ids::{ModuleId, PersonId, PracticeId};

/// One attempt started in scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttemptFact {
    pub person: PersonId,
    pub module: ModuleId,
    pub practice: Option<PracticeId>,
    pub started_at: i64,
    /// When the attempt was finished, if it was.
    pub completed_at: Option<i64>,
    /// Time spent by the learner's records, for finished attempts.
    pub minutes: Option<i64>,
}

/// One theme's totals over the learners who answered its items both before and after the cases in
/// scope (each learner's answers added up over their finished attempts first), as the database
/// adds them up: sums of each learner's share right and paired gain, and the answers' totals.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct ThemeTotals {
    pub theme: String,
    pub learners: i64,
    pub share_right_before: f64,
    pub share_right_after: f64,
    /// The sums of each learner's gain (share right after minus before) and of its square.
    pub gain: f64,
    pub gain_squared: f64,
    pub before: Sitting,
    pub after: Sitting,
}

/// A practice's learners with answers before and after the cases, and the sum of their gains
/// (over every theme's items together).
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct PracticeGains {
    pub learners: i64,
    pub gain: f64,
}

/// Agreement with one attitude statement, added up over attempts in scope (agreement 1 to 5).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct AttitudeTotals {
    pub module: ModuleId,
    pub statement: String,
    pub learners: i64,
    /// Attempts that rated the statement before and after.
    pub pairs: i64,
    pub before: i64,
    pub after: i64,
    /// The sums of (after − before) and of its square.
    pub shift: i64,
    pub shift_squared: i64,
}

/// One case decision, added up over attempts in scope.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct DecisionTotals {
    pub module: ModuleId,
    pub case: String,
    pub node: String,
    pub learners: i64,
    pub taken: i64,
    pub poor_or_unsafe: i64,
}

/// Attitude shift per statement; `text` names a statement (module, key) in words.
pub fn attitudes(
    totals: &[AttitudeTotals],
    text: impl Fn(ModuleId, &str) -> (String, String),
) -> Vec<AttitudeRow> {
    totals
        .iter()
        .map(|t| {
            let (module, statement) = text(t.module, &t.statement);
            let enough = t.learners >= super::disclosure::MIN_PEOPLE_FOR_RATES;
            AttitudeRow {
                module,
                statement,
                learners: count(t.learners),
                before: over_enough(t.learners, share(t.before, t.pairs)),
                after: over_enough(t.learners, share(t.after, t.pairs)),
                shift: if enough {
                    mean_with_interval_from_sums(t.pairs, t.shift as f64, t.shift_squared as f64)
                } else {
                    None
                },
            }
        })
        .collect()
}

/// The case decisions, those where most learners chose a poor or unsafe option first.
pub fn decisions(
    totals: &[DecisionTotals],
    text: impl Fn(ModuleId, &str, &str) -> (String, String),
) -> Vec<DecisionRow> {
    let mut rows: Vec<DecisionRow> = totals
        .iter()
        .map(|t| {
            let (module, question) = text(t.module, &t.case, &t.node);
            DecisionRow {
                module,
                question,
                learners: count(t.learners),
                poor_or_unsafe: over_enough(t.learners, share(t.poor_or_unsafe, t.taken)),
            }
        })
        .collect();
    rows.sort_by(|a, b| b.poor_or_unsafe.unwrap_or(-1.0).total_cmp(&a.poor_or_unsafe.unwrap_or(-1.0)));
    rows
}

/// Uptake over one group's counts.
pub fn uptake(label: String, counts: &Counts) -> UptakeRow {
    let Counts { learners, started, completed, .. } = *counts;
    UptakeRow {
        label,
        learners: count(learners),
        started: count(started),
        completed: count(completed),
        completion_rate: over_enough(learners, (started > 0).then(|| completed as f64 / started as f64)),
        median_minutes: over_enough(learners, counts.median_minutes()),
    }
}

/// Uptake by groups (months, modules), in the order given. The counts of the groups add up to
/// the overall row's, so each column is protected as a breakdown.
pub fn grouped(groups: &[(String, &Counts)]) -> Vec<UptakeRow> {
    let mut rows: Vec<UptakeRow> =
        groups.iter().map(|(label, counts)| uptake(label.clone(), counts)).collect();
    let column = |measure: fn(&Counts) -> i64| {
        breakdown(&groups.iter().map(|(_, counts)| measure(counts)).collect::<Vec<_>>()).0
    };
    let (learners, started, completed) =
        (column(|c| c.learners), column(|c| c.started), column(|c| c.completed));
    for (i, row) in rows.iter_mut().enumerate() {
        (row.learners, row.started, row.completed) = (learners[i], started[i], completed[i]);
    }
    rows
}

fn share(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// Learning by theme, in the themes' own order.
pub fn themes(totals: &[ThemeTotals]) -> Vec<ThemeRow> {
    let mut themes: Vec<ThemeRow> = totals.iter().filter(|t| t.learners > 0).map(theme_row).collect();
    themes.sort_by_key(|t| THEMES.iter().position(|known| known.code == t.code).unwrap_or(usize::MAX));
    themes
}

fn theme_row(totals: &ThemeTotals) -> ThemeRow {
    let n = totals.learners;
    let enough = n >= super::disclosure::MIN_PEOPLE_FOR_RATES;
    let calibration = |s: &Sitting| {
        (
            over_enough(n, share(s.certainty_right, s.right)),
            over_enough(n, share(s.certainty_wrong, s.answered - s.right)),
        )
    };
    ThemeRow {
        code: totals.theme.clone(),
        title: theme(&totals.theme).map_or_else(|| totals.theme.clone(), |t| t.title.to_owned()),
        learners: count(n),
        right_before: over_enough(n, Some(totals.share_right_before / n as f64)),
        right_after: over_enough(n, Some(totals.share_right_after / n as f64)),
        gain: if enough { mean_with_interval_from_sums(n, totals.gain, totals.gain_squared) } else { None },
        sure_wrong_before: over_enough(n, share(totals.before.sure_wrong, totals.before.answered)),
        sure_wrong_after: over_enough(n, share(totals.after.sure_wrong, totals.after.answered)),
        calibration_before: calibration(&totals.before),
        calibration_after: calibration(&totals.after),
    }
}

/// What the practices table shows of each practice: its name and ODS code, and its prescribing
/// rate and flag when its figures have been imported.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PracticeFacts {
    pub name: String,
    pub ods_code: String,
    pub rate: Option<f64>,
    /// The practice's decile by the same measure among the scope's practices with figures.
    pub decile: Option<u8>,
    pub high_prescriber: bool,
}

/// One row per practice with attempts in scope or prescribing figures (`facts`: id → facts), by
/// name, from each practice's uptake. Practices' counts add up to the region's, so each column is
/// protected as a breakdown.
pub fn practices(
    uptake: &BTreeMap<PracticeId, Counts>,
    gains: &BTreeMap<PracticeId, PracticeGains>,
    facts: &BTreeMap<PracticeId, PracticeFacts>,
) -> Vec<PracticeRow> {
    let mut found: Vec<(PracticeRow, i64, i64)> = facts
        .iter()
        .filter_map(|(&id, facts)| {
            let mine = uptake.get(&id).cloned().unwrap_or_default();
            if mine.started == 0 && facts.rate.is_none() {
                return None;
            }
            let gained = gains.get(&id).copied().unwrap_or_default();
            let row = PracticeRow {
                name: facts.name.clone(),
                ods_code: facts.ods_code.clone(),
                learners: count(0),
                completed: count(0),
                gain: over_enough(gained.learners, Some(gained.gain / gained.learners.max(1) as f64)),
                rate: facts.rate,
                decile: facts.decile,
                high_prescriber: facts.high_prescriber,
            };
            Some((row, mine.learners, mine.completed))
        })
        .collect();
    found.sort_by(|a, b| a.0.name.cmp(&b.0.name));
    let learners = breakdown(&found.iter().map(|f| f.1).collect::<Vec<_>>()).0;
    let completed = breakdown(&found.iter().map(|f| f.2).collect::<Vec<_>>()).0;
    found
        .into_iter()
        .enumerate()
        .map(|(i, (row, _, _))| PracticeRow { learners: learners[i], completed: completed[i], ..row })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::PersonId;
    use crate::domain::reports::disclosure::Shown;
    use crate::domain::reports::uptake::Uptake;

    fn attempt(person: i64, practice: i64, completed: bool, minutes: i64) -> AttemptFact {
        AttemptFact {
            person: PersonId(person),
            module: ModuleId(1),
            practice: Some(PracticeId(practice)),
            started_at: 0,
            completed_at: completed.then_some(1),
            minutes: completed.then_some(minutes),
        }
    }

    fn counted(attempts: &[AttemptFact]) -> Counts {
        Uptake::of_attempts(attempts, |_| String::new()).overall
    }

    /// A theme's totals over learners who each got (right, answered) before and after, added up
    /// as the database does.
    /// (right, answered) before and after the cases.
    type Sittings = ((i64, i64), (i64, i64));

    fn totals(learners: &[Sittings]) -> ThemeTotals {
        let share = |(right, answered): (i64, i64)| right as f64 / answered as f64;
        let add = |total: Sitting, (right, answered): (i64, i64)| Sitting {
            right: total.right + right,
            answered: total.answered + answered,
            ..total
        };
        learners.iter().fold(
            ThemeTotals { theme: "gp-role".into(), ..ThemeTotals::default() },
            |t, &(b, a)| {
                let gain = share(a) - share(b);
                ThemeTotals {
                    learners: t.learners + 1,
                    share_right_before: t.share_right_before + share(b),
                    share_right_after: t.share_right_after + share(a),
                    gain: t.gain + gain,
                    gain_squared: t.gain_squared + gain * gain,
                    before: add(t.before, b),
                    after: add(t.after, a),
                    ..t
                }
            },
        )
    }

    #[test]
    fn uptake_counts_and_rates_are_disclosure_controlled() {
        let ten: Vec<AttemptFact> = (0..10).map(|p| attempt(p, 1, p < 8, 20 + p)).collect();
        let row = uptake("All".into(), &counted(&ten));
        assert_eq!(
            (row.learners, row.started, row.completed),
            (Shown::Count(10), Shown::Count(10), Shown::Count(10))
        );
        assert_eq!(row.completion_rate, Some(0.8));
        // Minutes 20..27: the median of eight is (23 + 24) / 2.
        assert_eq!(row.median_minutes, Some(23.5));
        let few = uptake("Few".into(), &counted(&ten[..5]));
        assert_eq!(few.started, Shown::Suppressed);
        assert_eq!((few.completion_rate, few.median_minutes), (None, None), "five learners are too few");
    }

    #[test]
    fn a_breakdown_hides_a_cell_that_would_give_another_away() {
        // Months with 8, 1 and 8 attempts: shown alone as 10, *, 10 beside a total of 15, the
        // second month could only be 1, so the smallest month shown is hidden too.
        let months: Vec<AttemptFact> = [(0, 8), (1, 1), (2, 8)]
            .into_iter()
            .flat_map(|(month, n)| {
                (0..n)
                    .map(move |p| AttemptFact { started_at: month, ..attempt(month * 100 + p, 1, false, 0) })
            })
            .collect();
        let by_month = Uptake::of_attempts(&months, |at| at.to_string()).by_month;
        let groups: Vec<(String, &Counts)> = by_month.iter().map(|(m, c)| (m.clone(), c)).collect();
        let rows = grouped(&groups);
        let started: Vec<Shown> = rows.iter().map(|r| r.started).collect();
        assert_eq!(started, [Shown::Suppressed, Shown::Suppressed, Shown::Count(10)]);
    }

    #[test]
    fn paired_gain_by_theme_matches_a_hand_computation() {
        // Eight learners: four go from 1 of 4 to 3 of 4 (gain 0.5), four from 2 of 4 to 2 of 4 (0).
        let rows: Vec<_> = (0..8).map(|p| if p < 4 { ((1, 4), (3, 4)) } else { ((2, 4), (2, 4)) }).collect();
        let themes = themes(&[totals(&rows)]);
        assert_eq!(themes.len(), 1);
        let row = &themes[0];
        assert_eq!(row.learners, Shown::Count(10));
        assert_eq!(row.right_before, Some(0.375));
        assert_eq!(row.right_after, Some(0.625));
        let gain = row.gain.expect("a gain");
        assert!((gain.mean - 0.25).abs() < 1e-12);
        // s = √(8 · 0.25² / 7) = 0.267261; t(7) = 2.365; half-width 2.365 · 0.267261 / √8 = 0.223473.
        let (low, high) = gain.interval.expect("an interval");
        assert!(
            (low - (0.25 - 0.223473)).abs() < 1e-5 && (high - (0.25 + 0.223473)).abs() < 1e-5,
            "{low} {high}"
        );
        let seven = themes_of(&rows[..7]);
        assert_eq!((seven.learners, seven.gain, seven.right_before), (Shown::Suppressed, None, None));
    }

    fn themes_of(rows: &[Sittings]) -> ThemeRow {
        themes(&[totals(rows)]).remove(0)
    }

    #[test]
    fn attitude_shift_and_risky_decisions_are_shown_only_over_enough_learners() {
        // Ten learners: agreement 4 → 2 for six, 3 → 3 for four. Mean shift −12/10 = −1.2.
        let totals = AttitudeTotals {
            module: ModuleId(1),
            statement: "earned".into(),
            learners: 10,
            pairs: 10,
            before: 36,
            after: 24,
            shift: -12,
            shift_squared: 24,
        };
        let text = |_: ModuleId, key: &str| ("Margaret".to_owned(), key.to_owned());
        let rows = attitudes(std::slice::from_ref(&totals), text);
        assert_eq!(rows[0].before, Some(3.6));
        assert_eq!(rows[0].after, Some(2.4));
        let shift = rows[0].shift.expect("a shift");
        assert!((shift.mean + 1.2).abs() < 1e-12);
        let few = attitudes(&[AttitudeTotals { learners: 7, ..totals }], text);
        assert_eq!((few[0].learners, few[0].before, few[0].shift), (Shown::Suppressed, None, None));

        let decision = |node: &str, poor| DecisionTotals {
            module: ModuleId(1),
            case: "c".into(),
            node: node.into(),
            learners: 10,
            taken: 10,
            poor_or_unsafe: poor,
        };
        let rows =
            decisions(&[decision("safe", 1), decision("risky", 7)], |_, _, node| ("M".into(), node.into()));
        assert_eq!(rows.iter().map(|r| r.question.as_str()).collect::<Vec<_>>(), ["risky", "safe"]);
        assert_eq!(rows[0].poor_or_unsafe, Some(0.7));
    }

    #[test]
    fn practices_show_engagement_and_gain_only_over_enough_learners() {
        let facts = |name: &str, ods: &str, rate| PracticeFacts {
            name: name.into(),
            ods_code: ods.into(),
            rate,
            decile: rate.map(|_| 10),
            high_prescriber: rate.is_some(),
        };
        let names = BTreeMap::from([
            (PracticeId(1), facts("Riverside", "Z00001", None)),
            (PracticeId(2), facts("Quiet", "Z00002", None)),
            (PracticeId(3), facts("Busy", "Z00003", Some(31.5))),
        ]);
        let attempts: Vec<AttemptFact> = (0..9).map(|p| attempt(p, 1, true, 20)).collect();
        let gains = BTreeMap::from([(PracticeId(1), PracticeGains { learners: 9, gain: 4.5 })]);
        let practices =
            practices(&Uptake::of_attempts(&attempts, |_| String::new()).by_practice, &gains, &names);
        let listed: Vec<&str> = practices.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            listed,
            ["Busy", "Riverside"],
            "a practice with neither attempts nor prescribing has no row"
        );
        assert_eq!(
            (practices[0].learners, practices[0].rate, practices[0].high_prescriber),
            (Shown::Count(0), Some(31.5), true)
        );
        assert_eq!(practices[1].learners, Shown::Count(10));
        assert_eq!(practices[1].gain, Some(0.5));
    }
}
