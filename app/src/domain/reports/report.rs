//! A report as it is shown: its rows, each figure already through disclosure control, and its
//! tables as text for the page and the CSV downloads.

use serde::{Deserialize, Serialize};

use super::ambivalence::AmbivalenceRow;
use super::disclosure::Shown;
use super::follow_ups::{BarrierRow, OutcomeRow, RetentionRow};
use super::pairs::PairThemeRow;
use super::prescribing::measures::Measure;
use super::prescribing::{EngagementRow, TrendRow};
use super::stats::MeanWithInterval;

/// One row of uptake: a month, a module, or everything in scope.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UptakeRow {
    pub label: String,
    /// Learners who started at least one attempt.
    pub learners: Shown,
    pub started: Shown,
    pub completed: Shown,
    /// Completed over started, 0 to 1.
    pub completion_rate: Option<f64>,
    /// The median time spent on a finished attempt, in minutes, by the learners' records.
    pub median_minutes: Option<f64>,
}

/// Knowledge and certainty on one theme, before and after the cases, over learners with both.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThemeRow {
    pub code: String,
    pub title: String,
    pub learners: Shown,
    /// The mean share of items right before and after, 0 to 1.
    pub right_before: Option<f64>,
    pub right_after: Option<f64>,
    /// The mean paired gain (after minus before) with its 95% confidence interval.
    pub gain: Option<MeanWithInterval>,
    /// The share of answers wrong at certainty 3, before and after.
    pub sure_wrong_before: Option<f64>,
    pub sure_wrong_after: Option<f64>,
    /// Mean certainty (1 to 3) of right and of wrong answers: (right, wrong), before and after.
    pub calibration_before: (Option<f64>, Option<f64>),
    pub calibration_after: (Option<f64>, Option<f64>),
}

/// Agreement with one attitude statement before and after the cases (1 strongly disagree to 5
/// strongly agree), over learners who rated it both times.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttitudeRow {
    pub module: String,
    pub statement: String,
    pub learners: Shown,
    pub before: Option<f64>,
    pub after: Option<f64>,
    pub shift: Option<MeanWithInterval>,
}

/// A case decision and the share of choices that were poor or unsafe.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DecisionRow {
    pub module: String,
    pub question: String,
    pub learners: Shown,
    pub poor_or_unsafe: Option<f64>,
}

/// One practice's engagement and gain.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PracticeRow {
    pub name: String,
    pub ods_code: String,
    pub learners: Shown,
    pub completed: Shown,
    /// The mean paired gain across every theme, 0 to 1 either way.
    pub gain: Option<f64>,
    /// The report's prescribing measure over the period (a mean of monthly values), if imported.
    pub rate: Option<f64>,
    /// Its decile among the scope's practices with figures (10 is the highest tenth).
    #[serde(default)]
    pub decile: Option<u8>,
    pub high_prescriber: bool,
}

/// A whole report, every figure disclosure-controlled.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The region's name, or "All regions".
    pub scope: String,
    /// Added up from the kept months (a date range, or every region): whole months, and a learner
    /// once in each month they took part.
    #[serde(default)]
    pub by_months: bool,
    /// The prescribing measure the practices' figures, flags and trend use.
    #[serde(default)]
    pub measure: Measure,
    pub registered: Shown,
    pub overall: UptakeRow,
    pub by_month: Vec<UptakeRow>,
    pub by_module: Vec<UptakeRow>,
    pub themes: Vec<ThemeRow>,
    pub attitudes: Vec<AttitudeRow>,
    pub decisions: Vec<DecisionRow>,
    /// Mixed feelings about benzodiazepines before and after, by module.
    #[serde(default)]
    pub ambivalence: Vec<AmbivalenceRow>,
    /// Matched pairs decided differently, by theme.
    pub pairs: Vec<PairThemeRow>,
    /// After the module: retention by theme at each booster, commitments' outcomes, and barriers.
    #[serde(default)]
    pub retention: Vec<RetentionRow>,
    #[serde(default)]
    pub commitment_outcomes: Vec<OutcomeRow>,
    #[serde(default)]
    pub barriers: Vec<BarrierRow>,
    pub practices: Vec<PracticeRow>,
    /// High prescribers against the other practices with prescribing figures.
    pub engagement: Vec<EngagementRow>,
    /// Prescribing around each practice's first completion.
    pub trend: Vec<TrendRow>,
}

/// The tables a report exports, by the name its CSV download uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Table {
    Months,
    Modules,
    Themes,
    Attitudes,
    Ambivalence,
    Decisions,
    Pairs,
    Retention,
    CommitmentOutcomes,
    Barriers,
    Practices,
    HighPrescribers,
    Trend,
}

impl Table {
    pub const ALL: [Table; 13] = [
        Table::Months,
        Table::Modules,
        Table::Themes,
        Table::Attitudes,
        Table::Ambivalence,
        Table::Decisions,
        Table::Pairs,
        Table::Retention,
        Table::CommitmentOutcomes,
        Table::Barriers,
        Table::Practices,
        Table::HighPrescribers,
        Table::Trend,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Table::Months => "uptake-by-month",
            Table::Modules => "uptake-by-module",
            Table::Themes => "learning-by-theme",
            Table::Attitudes => "attitudes",
            Table::Ambivalence => "ambivalence",
            Table::Decisions => "decisions",
            Table::Pairs => "matched-pairs",
            Table::Retention => "retention",
            Table::CommitmentOutcomes => "commitment-outcomes",
            Table::Barriers => "barriers",
            Table::Practices => "practices",
            Table::HighPrescribers => "high-prescribers",
            Table::Trend => "prescribing-trend",
        }
    }

    pub fn parse(code: &str) -> Option<Table> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }

    /// The table as text: its column headings, then one row of cells per row.
    pub fn cells(self, report: &Report) -> (Vec<&'static str>, Vec<Vec<String>>) {
        match self {
            Table::Months | Table::Modules => {
                let rows = if self == Table::Months { &report.by_month } else { &report.by_module };
                let headings = vec![
                    if self == Table::Months { "Month" } else { "Module" },
                    "Learners",
                    "Started",
                    "Completed",
                    "Completion rate",
                    "Median minutes",
                ];
                (headings, rows.iter().map(uptake_cells).collect())
            }
            Table::Themes => (
                vec![
                    "Theme",
                    "Learners",
                    "Right before",
                    "Right after",
                    "Mean gain",
                    "95% CI low",
                    "95% CI high",
                    "Very sure and wrong before",
                    "Very sure and wrong after",
                    "Certainty when right before",
                    "Certainty when wrong before",
                    "Certainty when right after",
                    "Certainty when wrong after",
                ],
                report.themes.iter().map(theme_cells).collect(),
            ),
            Table::Attitudes => (
                vec![
                    "Statement",
                    "Module",
                    "Learners",
                    "Agreement before",
                    "Agreement after",
                    "Mean shift",
                    "95% CI low",
                    "95% CI high",
                ],
                report.attitudes.iter().map(attitude_cells).collect(),
            ),
            Table::Ambivalence => (
                vec![
                    "Module",
                    "Learners",
                    "Favourable before",
                    "Unfavourable before",
                    "Mixed feelings before",
                    "Favourable after",
                    "Unfavourable after",
                    "Mixed feelings after",
                    "Mean change",
                    "95% CI low",
                    "95% CI high",
                ],
                report.ambivalence.iter().map(ambivalence_cells).collect(),
            ),
            Table::Decisions => (
                vec!["Decision", "Module", "Learners", "Poor or unsafe choices"],
                report
                    .decisions
                    .iter()
                    .map(|d| {
                        vec![
                            d.question.clone(),
                            d.module.clone(),
                            d.learners.text(),
                            percent(d.poor_or_unsafe),
                        ]
                    })
                    .collect(),
            ),
            Table::Pairs => (
                vec!["Theme", "Learners", "Pairs decided for both patients", "Decided differently"],
                report
                    .pairs
                    .iter()
                    .map(|p| {
                        vec![p.title.clone(), p.learners.text(), p.pairs.text(), percent(p.inconsistent)]
                    })
                    .collect(),
            ),
            Table::Retention => (
                vec![
                    "Theme",
                    "Booster",
                    "Learners",
                    "Right after the module",
                    "Right at the booster",
                    "Mean change",
                    "95% CI low",
                    "95% CI high",
                ],
                report.retention.iter().map(retention_cells).collect(),
            ),
            Table::CommitmentOutcomes => (
                vec!["Outcome", "Commitments", "Share"],
                report
                    .commitment_outcomes
                    .iter()
                    .map(|r| vec![r.outcome.clone(), r.commitments.text(), percent(r.share)])
                    .collect(),
            ),
            Table::Barriers => (
                vec!["Barrier", "Theme", "Named", "Share of changes not fully made"],
                report
                    .barriers
                    .iter()
                    .map(|b| vec![b.barrier.clone(), b.theme.clone(), b.named.text(), percent(b.share)])
                    .collect(),
            ),
            Table::Practices => (
                vec![
                    "Practice",
                    "ODS code",
                    "Learners",
                    "Completed",
                    "Mean gain",
                    report.measure.label(),
                    "Decile in scope",
                    "High prescriber",
                ],
                report.practices.iter().map(|row| practice_cells(row, report.measure)).collect(),
            ),
            Table::HighPrescribers => (
                vec![
                    "Practices",
                    "Number of practices",
                    report.measure.label(),
                    "Learners registered",
                    "Learners who started",
                    "Learners who completed",
                    "Share of registered learners who completed",
                ],
                report.engagement.iter().map(|row| engagement_cells(row, report.measure)).collect(),
            ),
            Table::Trend => (
                vec!["Months from the first completion", "Practices", report.measure.label()],
                report
                    .trend
                    .iter()
                    .map(|t| {
                        vec![
                            format!("{:+}", t.offset),
                            t.practices.to_string(),
                            figure(t.mean_rate, report.measure.places()),
                        ]
                    })
                    .collect(),
            ),
        }
    }
}

/// A figure to `places` decimal places, or `*` where too few learners stand behind it.
pub fn figure(value: Option<f64>, places: usize) -> String {
    value.map_or_else(|| "*".to_owned(), |v| format!("{v:.places$}"))
}

/// A share as a whole percentage, or `*`.
pub fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "*".to_owned(), |v| format!("{:.0}%", v * 100.0))
}

fn ambivalence_cells(row: &AmbivalenceRow) -> Vec<String> {
    let mut cells = vec![row.module.clone(), row.learners.text()];
    for (sitting, index) in [(row.before, row.index_before), (row.after, row.index_after)] {
        cells.extend([figure(sitting.map(|s| s.0), 1), figure(sitting.map(|s| s.1), 1), figure(index, 2)]);
    }
    let interval = row.shift.and_then(|s| s.interval);
    cells.extend([
        figure(row.shift.map(|s| s.mean), 2),
        figure(interval.map(|i| i.0), 2),
        figure(interval.map(|i| i.1), 2),
    ]);
    cells
}

fn uptake_cells(row: &UptakeRow) -> Vec<String> {
    vec![
        row.label.clone(),
        row.learners.text(),
        row.started.text(),
        row.completed.text(),
        percent(row.completion_rate),
        figure(row.median_minutes, 0),
    ]
}

fn practice_cells(row: &PracticeRow, measure: Measure) -> Vec<String> {
    vec![
        row.name.clone(),
        row.ods_code.clone(),
        row.learners.text(),
        row.completed.text(),
        figure(row.gain, 2),
        row.rate.map_or_else(|| "Not imported".to_owned(), |r| format!("{r:.*}", measure.places())),
        row.decile.map_or_else(String::new, |d| d.to_string()),
        if row.high_prescriber { "Yes" } else { "No" }.to_owned(),
    ]
}

fn engagement_cells(row: &EngagementRow, measure: Measure) -> Vec<String> {
    vec![
        row.group.clone(),
        row.practices.to_string(),
        figure(row.mean_rate, measure.places()),
        row.registered.text(),
        row.started.text(),
        row.completed.text(),
        percent(row.completed_share),
    ]
}

fn retention_cells(row: &RetentionRow) -> Vec<String> {
    let interval = row.change.and_then(|c| c.interval);
    vec![
        row.title.clone(),
        row.after.clone(),
        row.learners.text(),
        percent(row.right_after),
        percent(row.right_then),
        figure(row.change.map(|c| c.mean), 2),
        figure(interval.map(|i| i.0), 2),
        figure(interval.map(|i| i.1), 2),
    ]
}

fn attitude_cells(row: &AttitudeRow) -> Vec<String> {
    let interval = row.shift.and_then(|s| s.interval);
    vec![
        row.statement.clone(),
        row.module.clone(),
        row.learners.text(),
        figure(row.before, 1),
        figure(row.after, 1),
        figure(row.shift.map(|s| s.mean), 2),
        figure(interval.map(|i| i.0), 2),
        figure(interval.map(|i| i.1), 2),
    ]
}

fn theme_cells(row: &ThemeRow) -> Vec<String> {
    let interval = row.gain.and_then(|g| g.interval);
    vec![
        row.title.clone(),
        row.learners.text(),
        percent(row.right_before),
        percent(row.right_after),
        figure(row.gain.map(|g| g.mean), 2),
        figure(interval.map(|i| i.0), 2),
        figure(interval.map(|i| i.1), 2),
        percent(row.sure_wrong_before),
        percent(row.sure_wrong_after),
        figure(row.calibration_before.0, 2),
        figure(row.calibration_before.1, 2),
        figure(row.calibration_after.0, 2),
        figure(row.calibration_after.1, 2),
    ]
}
