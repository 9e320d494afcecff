//! Did prescribing change at a group of practices: the difference-in-differences estimate and
//! monthly chart (`domain::reports::prescribing::change`) for a group against the region's other
//! practices, around a start month: a campaign's practices, or those where a GP had completed a
//! module by the start.

use std::collections::BTreeSet;

use crate::domain::ids::{PracticeId, RegionId};
use crate::domain::reports::prescribing::change::{MIN_PRACTICES, NoEstimate, Window, chart, estimate};
use crate::domain::reports::prescribing::measures::{Measure, month_values};
use crate::domain::reports::prescribing::{month_index, month_text};
use crate::domain::role::Principal;
use crate::domain::time::{format_iso_date, parse_uk_date_start};
use crate::error::{AppError, FieldError};
use crate::ssr::db::Db;
use crate::wire::campaign_view::{ChangeView, PrescribingChangeView};

/// Months either side of the start, when the lead does not choose.
pub const DEFAULT_MONTHS: i32 = 6;
/// The widest window: two years either side.
pub const MAX_MONTHS: i32 = 24;

/// The estimate for `group` against the rest of `region`'s practices, `window.months` either
/// side of `window.start` (`None` before there is a start).
pub async fn change_view(
    db: &Db,
    region: RegionId,
    group: &BTreeSet<PracticeId>,
    others: &BTreeSet<PracticeId>,
    start: Option<String>,
    measure: Measure,
    months: i32,
) -> Result<ChangeView, AppError> {
    let mut view = ChangeView {
        measure: measure.code().to_owned(),
        measure_label: measure.label().to_owned(),
        months,
        start: start.clone(),
        estimate: None,
        no_estimate: None,
        chart: Vec::new(),
        places: measure.places(),
    };
    let Some(start_index) = start.as_deref().and_then(month_index) else {
        view.no_estimate = Some("There is nothing to compare until the campaign starts.".into());
        return Ok(view);
    };
    let window = Window { start: month_text(start_index), months };
    let figures = db
        .prescribing_figures(
            Some(region),
            &month_text(start_index - months),
            &month_text(start_index + months),
        )
        .await?;
    let values = month_values(&figures, measure);
    view.chart = chart(&values, group, others, &window);
    match estimate(&values, group, others, &window) {
        Ok(found) => view.estimate = Some(found),
        Err(NoEstimate::TooFewPractices { group, others }) => {
            view.no_estimate = Some(format!(
                "An estimate needs at least {MIN_PRACTICES} practices in each group with {} figures both before \
                 and after the start; there are {group} in the group and {others} among the others.",
                measure.label().to_lowercase()
            ));
        }
    }
    Ok(view)
}

/// What the comparison of completers against the rest is asked for; each part may be empty.
pub struct ChangeWanted {
    pub region: Option<String>,
    /// `YYYY-MM`; empty for six months before last month.
    pub start: Option<String>,
    pub months: Option<String>,
    pub measure: Option<String>,
}

/// The measure a form asked for (empty for the default).
pub fn wanted_measure(raw: Option<&str>) -> Result<Measure, AppError> {
    Measure::from_form(raw.unwrap_or("")).map_err(|message| AppError::field("measure", message))
}

/// The window a form asked for (empty for `DEFAULT_MONTHS`).
pub fn wanted_months(raw: Option<&str>) -> Result<i32, AppError> {
    match raw.map(str::trim).unwrap_or("") {
        "" => Ok(DEFAULT_MONTHS),
        raw => raw.parse::<i32>().ok().filter(|m| (1..=MAX_MONTHS).contains(m)).ok_or_else(|| {
            AppError::field("months", format!("Enter a number of months from 1 to {MAX_MONTHS}"))
        }),
    }
}

/// Practices of a region where a GP had completed a module by the end of the start month, against
/// the region's other practices.
pub async fn completers_against_the_rest(
    db: &Db,
    who: &Principal,
    wanted: &ChangeWanted,
    now_ms: i64,
) -> Result<PrescribingChangeView, AppError> {
    let organisations = db.organisations().await?;
    let regions: Vec<(String, String)> = organisations
        .regions
        .iter()
        .filter(|r| who.oversees(r.id))
        .map(|r| (r.id.0.to_string(), r.name.clone()))
        .collect();
    let region = match wanted.region.as_deref().map(str::trim).unwrap_or("") {
        "" => regions.first().map(|r| r.0.clone()).ok_or(AppError::Forbidden)?,
        id => id.to_owned(),
    };
    let region_id = region.parse::<i64>().map(RegionId).map_err(|_| AppError::NotFound)?;
    if !who.oversees(region_id) {
        return Err(AppError::Forbidden);
    }
    let measure = wanted_measure(wanted.measure.as_deref())?;
    let months = wanted_months(wanted.months.as_deref())?;
    let last = month_index(&crate::domain::reports::prescribing::month_before(&format_iso_date(now_ms)))
        .unwrap_or_default();
    let start = match wanted.start.as_deref().map(str::trim).unwrap_or("") {
        "" => month_text(last - DEFAULT_MONTHS),
        raw => super::parse_month(raw, "start")
            .map_err(|e: FieldError| AppError::Invalid { errors: vec![e], values: Vec::new() })?,
    };
    let next_month = month_text(month_index(&start).unwrap_or_default() + 1);
    let start_ends = parse_uk_date_start(&format!("{next_month}-01")).unwrap_or(now_ms);
    let group = db.practices_with_completion_before(region_id, start_ends).await?;
    let others: BTreeSet<PracticeId> =
        organisations.practices_in(region_id).map(|p| p.id).filter(|id| !group.contains(id)).collect();
    let change = change_view(db, region_id, &group, &others, Some(start), measure, months).await?;
    Ok(PrescribingChangeView {
        region_name: organisations.region(region_id).map(|r| r.name.clone()).unwrap_or_default(),
        regions,
        region,
        change,
    })
}
