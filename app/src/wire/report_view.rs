//! What the dashboard shows: a report and the choices its viewer has.

use serde::{Deserialize, Serialize};

use crate::domain::reports::report::Report;

/// A report with what the viewer may choose: the regions they oversee (and every region together,
/// for admins), and the filters it was made with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportView {
    pub report: Report,
    /// (id, name) of each region the viewer may report on.
    pub regions: Vec<(i64, String)>,
    pub all_regions: bool,
    /// The region shown, or `None` for every region.
    pub region: Option<i64>,
    pub from: String,
    pub to: String,
    /// The prescribing measure's code.
    pub measure: String,
}
