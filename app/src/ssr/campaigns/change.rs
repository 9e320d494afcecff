//! Did prescribing change at a group of practices: the difference-in-differences estimate and
//! monthly chart (`domain::reports::prescribing::change`) for a group against the region's other
//! practices, around a start month.

use std::collections::BTreeSet;

use crate::domain::ids::{PracticeId, RegionId};
use crate::domain::reports::prescribing::change::{MIN_PRACTICES, NoEstimate, Window, chart, estimate};
use crate::domain::reports::prescribing::measures::{Measure, month_values};
use crate::domain::reports::prescribing::{month_index, month_text};
use crate::error::AppError;
use crate::ssr::db::Db;
use crate::wire::campaign_view::ChangeView;

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
