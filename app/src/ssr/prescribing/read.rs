//! Reading a prescribing file: a CSV file in Casebook's own shape (one row per practice and month)
//! or in the shape of the NHS Business Services Authority's practice-level extracts (one row per
//! practice, month and BNF presentation): the English Prescribing Dataset as published now (27
//! columns, with `BNF_PRESENTATION_CODE`, `ADQ_USAGE` and `SNOMED_CODE`) and in its older shape
//! (`BNF_CODE`, `ADQUSAGE`). Every problem is reported with its line, and a file with any problem
//! is refused whole.

use std::collections::{BTreeMap, BTreeSet};

use super::substances::{Class, classify, is_oral};
use crate::domain::ods_code::OdsCode;

/// The largest file accepted: a year of a region's NHS extract, filtered to BNF section 4.1.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
/// At most this many problems are listed; the rest are counted.
const MAX_PROBLEMS_LISTED: usize = 50;
const MAX_ITEMS: i64 = 10_000_000;
const MAX_LIST_SIZE: i64 = 1_000_000;
const MAX_ADQ: f64 = 1.0e9;

/// One practice's prescribing in one month.
#[derive(Clone, Debug, PartialEq)]
pub struct PracticeMonth {
    pub practice: i64,
    /// `YYYY-MM`.
    pub month: String,
    pub benzodiazepine_items: i64,
    pub z_drug_items: i64,
    pub list_size: Option<i64>,
    pub rate_per_1000: Option<f64>,
    /// Average daily quantities prescribed, when the file gives them.
    pub adq_usage: Option<f64>,
}

/// Which shape a file was read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Casebook,
    NhsExtract,
}

/// A file read without problems.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadFile {
    pub shape: Shape,
    pub months: Vec<PracticeMonth>,
    /// NHS extracts cover every practice in England: rows for practices outside the importer's
    /// scope are passed over, and their codes listed.
    pub other_practices: BTreeSet<String>,
    /// Lines of an NHS extract for other medicines, passed over.
    pub other_medicines: usize,
}

/// A problem with a line of the file (line 1 is the column names).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineProblem {
    pub line: u64,
    pub message: String,
}

impl std::fmt::Display for LineProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            0 => f.write_str(&self.message),
            line => write!(f, "Line {line}: {}", self.message),
        }
    }
}

/// Where a file is read: the practices it may name (ODS code → practice id), the scope's name
/// for messages, and the latest month a file may hold (`YYYY-MM`, this month).
pub struct Context<'a> {
    pub practices: &'a BTreeMap<String, i64>,
    pub scope: &'a str,
    pub latest_month: &'a str,
}

/// Reads `text`, or lists every problem in it.
pub fn read_prescribing(text: &str, context: &Context) -> Result<ReadFile, Vec<LineProblem>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = match reader.headers() {
        Ok(headers) => headers.iter().map(column_key).collect::<Vec<_>>(),
        Err(error) => return Err(vec![problem(1, format!("The column names cannot be read: {error}"))]),
    };
    let columns = Columns::find(&headers).map_err(|message| vec![problem(1, message)])?;
    let mut state = Reading::new(context, columns);
    for record in reader.records() {
        match record {
            Ok(record) => {
                let line = record.position().map_or(0, csv::Position::line);
                if record.len() != headers.len() {
                    state.fail(
                        line,
                        format!(
                            "has {} values but the first line names {} columns",
                            record.len(),
                            headers.len()
                        ),
                    );
                } else if record.iter().any(|v| !v.is_empty()) {
                    state.row(line, &record);
                }
            }
            Err(error) => {
                let line = error.position().map_or(0, csv::Position::line);
                state.fail(line, format!("cannot be read as CSV: {error}"));
            }
        }
    }
    state.finish()
}

/// A column name compared without case, spaces or hyphens: `Practice code` is `PRACTICE_CODE`.
pub(super) fn column_key(name: &str) -> String {
    name.trim().to_uppercase().replace([' ', '-'], "_")
}

pub(crate) fn problem(line: u64, message: String) -> LineProblem {
    LineProblem { line, message }
}

/// Where each needed value is in a row, by shape.
#[derive(Clone, Copy)]
enum Columns {
    Casebook {
        code: usize,
        month: usize,
        benzodiazepines: usize,
        z_drugs: usize,
        list: Option<usize>,
        rate: Option<usize>,
        adq: Option<usize>,
    },
    Nhs {
        code: usize,
        month: usize,
        items: usize,
        substance: usize,
        bnf: Option<usize>,
        presentation: Option<usize>,
        list: Option<usize>,
        adq: Option<usize>,
    },
}

impl Columns {
    fn find(headers: &[String]) -> Result<Columns, String> {
        let at = |names: &[&str]| names.iter().find_map(|n| headers.iter().position(|h| h == n));
        let code = at(&["PRACTICE_CODE", "PRACTICE"]);
        let list = at(&["LIST_SIZE", "NUMBER_OF_PATIENTS", "TOTAL_LIST_SIZE"]);
        let adq = at(&["ADQ_USAGE", "ADQUSAGE"]);
        if let (Some(code), Some(month), Some(benzodiazepines), Some(z_drugs)) =
            (code, at(&["MONTH"]), at(&["BENZODIAZEPINE_ITEMS"]), at(&["Z_DRUG_ITEMS"]))
        {
            let rate = at(&["ITEMS_PER_1000_PATIENTS"]);
            if list.is_none() && rate.is_none() {
                return Err("Add a list_size or an items_per_1000_patients column".into());
            }
            return Ok(Columns::Casebook { code, month, benzodiazepines, z_drugs, list, rate, adq });
        }
        let month = at(&["YEAR_MONTH", "PERIOD", "MONTH"]);
        let items = at(&["ITEMS", "TOTAL_ITEMS", "ALL_ITEM_COUNT"]);
        let substance = at(&[
            "CHEMICAL_SUBSTANCE_BNF_DESCR",
            "BNF_DESCRIPTION",
            "BNF_NAME",
            "BNF_PRESENTATION",
            "BNF_CHEMICAL_SUBSTANCE",
        ]);
        let bnf = at(&["BNF_CODE", "BNF_PRESENTATION_CODE", "BNF_CHEMICAL_SUBSTANCE_CODE"]);
        let presentation = at(&["BNF_DESCRIPTION", "BNF_PRESENTATION_NAME", "BNF_NAME"]);
        match (code, month, items, substance) {
            (Some(code), Some(month), Some(items), Some(substance)) => {
                Ok(Columns::Nhs { code, month, items, substance, bnf, presentation, list, adq })
            }
            _ => Err("The first line must name the columns: practice_code, month, benzodiazepine_items, \
                      z_drug_items and list_size (or items_per_1000_patients), or those of an NHS practice-level \
                      extract (PRACTICE_CODE, YEAR_MONTH, a BNF chemical substance or description, and ITEMS)"
                .into()),
        }
    }
}

/// A file part-way through reading.
struct Reading<'a> {
    context: &'a Context<'a>,
    columns: Columns,
    months: BTreeMap<(i64, String), (u64, PracticeMonth)>,
    other_practices: BTreeSet<String>,
    other_medicines: usize,
    problems: Problems,
}

impl<'a> Reading<'a> {
    fn new(context: &'a Context<'a>, columns: Columns) -> Self {
        Reading {
            context,
            columns,
            months: BTreeMap::new(),
            other_practices: BTreeSet::new(),
            other_medicines: 0,
            problems: Problems::default(),
        }
    }

    fn fail(&mut self, line: u64, message: String) {
        self.problems.add(line, message);
    }

    fn row(&mut self, line: u64, record: &csv::StringRecord) {
        let value = |i: usize| record.get(i).unwrap_or("");
        match self.columns {
            Columns::Casebook { code, month, benzodiazepines, z_drugs, list, rate, adq } => {
                let read = (|| {
                    let ods = OdsCode::parse(value(code)).map_err(|m| format!("practice_code: {m}"))?;
                    let practice = *self.context.practices.get(ods.as_str()).ok_or_else(|| {
                        format!("there is no practice with ODS code {ods} in {}", self.context.scope)
                    })?;
                    let month = parse_month(value(month), self.context.latest_month)?;
                    let benzodiazepine_items =
                        parse_count(value(benzodiazepines), "benzodiazepine_items", MAX_ITEMS)?;
                    let z_drug_items = parse_count(value(z_drugs), "z_drug_items", MAX_ITEMS)?;
                    let list_size = optional(list.map(value), parse_list_size)?;
                    let rate_per_1000 = optional(rate.map(value), parse_rate)?;
                    let adq_usage = optional(adq.map(value), parse_adq)?;
                    if list_size.is_none() && rate_per_1000.is_none() {
                        return Err("give the list size or the items per 1,000 patients".to_owned());
                    }
                    Ok(PracticeMonth {
                        practice,
                        month,
                        benzodiazepine_items,
                        z_drug_items,
                        list_size,
                        rate_per_1000,
                        adq_usage,
                    })
                })();
                match read {
                    Ok(figures) => self.add_once(line, figures),
                    Err(message) => self.fail(line, message),
                }
            }
            Columns::Nhs { code, month, items, substance, bnf, presentation, list, adq } => {
                let ods = value(code).to_uppercase();
                let Some(&practice) = self.context.practices.get(&ods) else {
                    self.other_practices.insert(ods);
                    return;
                };
                let class = classify(value(substance), bnf.map(value))
                    .filter(|_| is_oral(bnf.map(value), presentation.map(value)));
                let Some(class) = class else {
                    self.other_medicines += 1;
                    return;
                };
                let read = (|| {
                    let month = parse_month(value(month), self.context.latest_month)?;
                    let items = parse_count(value(items), "ITEMS", MAX_ITEMS)?;
                    let list_size = optional(list.map(value), parse_list_size)?;
                    let adq = match adq {
                        Some(column) => Some(parse_adq(value(column))?),
                        None => None,
                    };
                    Ok::<_, String>(Line { month, class, items, list_size, adq })
                })();
                match read {
                    Ok(figures) => self.add_to(practice, figures),
                    Err(message) => self.fail(line, message),
                }
            }
        }
    }

    /// A row of Casebook's shape: each practice and month once.
    fn add_once(&mut self, line: u64, figures: PracticeMonth) {
        let key = (figures.practice, figures.month.clone());
        if let Some((first, _)) = self.months.get(&key) {
            let message = format!("{} is already given for this practice on line {first}", figures.month);
            self.fail(line, message);
        } else {
            self.months.insert(key, (line, figures));
        }
    }

    /// A line of an NHS extract: added to its practice's month.
    fn add_to(&mut self, practice: i64, line: Line) {
        let (_, figures) = self.months.entry((practice, line.month.clone())).or_insert_with(|| {
            (
                0,
                PracticeMonth {
                    practice,
                    month: line.month,
                    benzodiazepine_items: 0,
                    z_drug_items: 0,
                    list_size: None,
                    rate_per_1000: None,
                    adq_usage: None,
                },
            )
        });
        match line.class {
            Class::Benzodiazepine => figures.benzodiazepine_items += line.items,
            Class::ZDrug => figures.z_drug_items += line.items,
        }
        figures.list_size = figures.list_size.max(line.list_size);
        if let Some(adq) = line.adq {
            figures.adq_usage = Some(figures.adq_usage.unwrap_or(0.0) + adq);
        }
    }

    fn finish(self) -> Result<ReadFile, Vec<LineProblem>> {
        self.problems.finish()?;
        if self.months.is_empty() {
            let message = match self.columns {
                Columns::Casebook { .. } => "The file has no rows of figures".to_owned(),
                Columns::Nhs { .. } => format!(
                    "The file has no benzodiazepine or Z-drug prescribing for practices in {}",
                    self.context.scope
                ),
            };
            return Err(vec![problem(0, message)]);
        }
        let shape = match self.columns {
            Columns::Casebook { .. } => Shape::Casebook,
            Columns::Nhs { .. } => Shape::NhsExtract,
        };
        Ok(ReadFile {
            shape,
            months: self.months.into_values().map(|(_, figures)| figures).collect(),
            other_practices: self.other_practices,
            other_medicines: self.other_medicines,
        })
    }
}

/// The problems found in a file so far: the first `MAX_PROBLEMS_LISTED`, then a count.
#[derive(Default)]
pub(crate) struct Problems {
    listed: Vec<LineProblem>,
    more: usize,
}

impl Problems {
    pub(crate) fn add(&mut self, line: u64, message: String) {
        if self.listed.len() < MAX_PROBLEMS_LISTED {
            self.listed.push(problem(line, message));
        } else {
            self.more += 1;
        }
    }

    /// Every problem, or nothing when there were none.
    pub(crate) fn finish(mut self) -> Result<(), Vec<LineProblem>> {
        if self.more > 0 {
            self.listed.push(problem(0, format!("…and {} more problems", self.more)));
        }
        if self.listed.is_empty() { Ok(()) } else { Err(self.listed) }
    }
}

/// One counted line of an NHS extract.
struct Line {
    month: String,
    class: Class,
    items: i64,
    list_size: Option<i64>,
    adq: Option<f64>,
}

fn optional<T>(raw: Option<&str>, parse: impl Fn(&str) -> Result<T, String>) -> Result<Option<T>, String> {
    match raw {
        None | Some("") => Ok(None),
        Some(raw) => parse(raw).map(Some),
    }
}

/// `2026-03`, `202603` or `2026-03-01`, as `2026-03`, from January 2000 to `latest`.
fn parse_month(raw: &str, latest: &str) -> Result<String, String> {
    let digits: String = raw.chars().filter(|c| *c != '-').collect();
    let wrong = || format!("the month '{}' is not a month like 2026-03", shorten(raw));
    if !(digits.len() == 6 || digits.len() == 8) || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(wrong());
    }
    let (year, month) = (&digits[..4], &digits[4..6]);
    let month_number: u32 = month.parse().map_err(|_| wrong())?;
    if !(1..=12).contains(&month_number) || year < "2000" {
        return Err(wrong());
    }
    let canonical = format!("{year}-{month}");
    if canonical.as_str() > latest {
        return Err(format!("the month {canonical} has not ended yet"));
    }
    Ok(canonical)
}

pub(super) fn parse_count(raw: &str, column: &str, max: i64) -> Result<i64, String> {
    match raw.parse::<i64>() {
        Ok(n) if (0..=max).contains(&n) => Ok(n),
        Ok(_) => Err(format!("{column} must be from 0 to {max}")),
        Err(_) => Err(format!("{column} must be a whole number, not '{}'", shorten(raw))),
    }
}

pub(super) fn parse_list_size(raw: &str) -> Result<i64, String> {
    match parse_count(raw, "the list size", MAX_LIST_SIZE)? {
        0 => Err("the list size must be at least 1".into()),
        n => Ok(n),
    }
}

fn parse_rate(raw: &str) -> Result<f64, String> {
    match raw.parse::<f64>() {
        Ok(rate) if rate.is_finite() && (0.0..=100_000.0).contains(&rate) => Ok(rate),
        _ => {
            Err(format!("items_per_1000_patients must be a number from 0 to 100000, not '{}'", shorten(raw)))
        }
    }
}

/// Average daily quantities: the extracts give them to several decimal places.
fn parse_adq(raw: &str) -> Result<f64, String> {
    match raw.parse::<f64>() {
        Ok(adq) if adq.is_finite() && (0.0..=MAX_ADQ).contains(&adq) => Ok(adq),
        _ => Err(format!("the ADQ usage must be a number from 0 to {MAX_ADQ}, not '{}'", shorten(raw))),
    }
}

/// A value quoted in a message, cut short.
pub(crate) fn shorten(raw: &str) -> String {
    let cut: String = raw.chars().filter(|c| !c.is_control()).take(20).collect();
    if raw.chars().count() > 20 { format!("{cut}…") } else { cut }
}

#[cfg(test)]
mod tests;
