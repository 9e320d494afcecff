//! What the campaign pages show: the list of a lead's campaigns, one campaign with its targets,
//! funnel and prescribing change, and the choices the creation form offers.

use serde::{Deserialize, Serialize};

use crate::domain::campaign::funnel::FunnelRow;
use crate::domain::reports::prescribing::change::{ChartMonth, Estimate};

/// One campaign in the list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignSummary {
    pub public_id: String,
    pub name: String,
    pub region: String,
    pub status: String,
    pub practices: usize,
    pub closes_on: String,
}

/// A target practice with the people a campaign can reach there.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TargetPractice {
    pub id: i64,
    pub ods_code: String,
    pub name: String,
    /// GPs registered on Casebook at the practice.
    pub registered_gps: i64,
    /// Uploaded addresses not yet registered.
    pub addresses: i64,
}

/// A practice a search found, which the lead may add.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PracticeMatch {
    pub id: i64,
    pub ods_code: String,
    pub name: String,
}

/// Did prescribing change: the estimate (or why there is none) and the monthly chart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChangeView {
    pub measure: String,
    pub measure_label: String,
    pub months: i32,
    /// The start month, `YYYY-MM`; `None` before the campaign starts.
    pub start: Option<String>,
    pub estimate: Option<Estimate>,
    /// Why there is no estimate, in words.
    pub no_estimate: Option<String>,
    pub chart: Vec<ChartMonth>,
    /// Places after the point the measure's figures are shown to.
    pub places: usize,
}

/// One campaign, as its page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignView {
    pub public_id: String,
    pub name: String,
    pub region: String,
    pub status: String,
    pub status_label: String,
    pub message: String,
    pub closes_on: String,
    pub reminder_days: i64,
    pub targeted_by: String,
    pub started: Option<String>,
    /// (title, slug) of each module.
    pub modules: Vec<(String, String)>,
    pub practices: Vec<TargetPractice>,
    /// (code, label) of each action open now.
    pub actions: Vec<(String, String)>,
    pub targets_open: bool,
    pub addresses_open: bool,
    pub search: String,
    pub matches: Vec<PracticeMatch>,
    pub funnel_total: FunnelRow,
    pub funnel: Vec<FunnelRow>,
    pub change: ChangeView,
}

/// What the form to create a campaign offers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignFormView {
    /// (id, name) of each region the viewer may run a campaign in.
    pub regions: Vec<(String, String)>,
    /// (slug, title) of each published module.
    pub modules: Vec<(String, String)>,
    /// The default months for the high-prescriber flags, `YYYY-MM`: the twelve ending last month.
    pub from: String,
    pub to: String,
}

/// Did prescribing change where GPs completed a module, with the choices the form offers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrescribingChangeView {
    /// (id, name) of each region the viewer may choose.
    pub regions: Vec<(String, String)>,
    pub region: String,
    pub region_name: String,
    pub change: ChangeView,
}
