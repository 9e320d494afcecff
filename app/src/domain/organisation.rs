//! Regions and the practices in them, as pages show them.

use serde::{Deserialize, Serialize};

use super::ids::{PracticeId, RegionId};

/// Longest region or practice name accepted.
pub const MAX_NAME_CHARS: usize = 120;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    pub id: RegionId,
    pub name: String,
    pub retired: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Practice {
    pub id: PracticeId,
    pub region_id: RegionId,
    pub ods_code: String,
    pub name: String,
    pub retired: bool,
}

/// A practice as a practice chooser lists it: enough to tell two of the same name apart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeMatch {
    pub id: PracticeId,
    pub ods_code: String,
    pub name: String,
    /// Empty for a practice made by hand.
    pub postcode: String,
    pub region_id: RegionId,
    pub region: String,
}

impl PracticeMatch {
    /// "Riverside Surgery (Z00001), NT1 2AB, Northshire Training Hub".
    pub fn label(&self) -> String {
        let postcode = if self.postcode.is_empty() { String::new() } else { format!(", {}", self.postcode) };
        format!("{} ({}){postcode}, {}", self.name, self.ods_code, self.region)
    }
}

/// A practice chooser's state, from its page's address: what was searched for and found (GET
/// `practice_search`), and the practice chosen (`practice`, or the one already held).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeChoice {
    /// The search, if the person is searching (possibly empty, for a fresh search).
    pub search: Option<String>,
    pub matches: Vec<PracticeMatch>,
    /// Why the search could not run.
    pub search_error: Option<String>,
    pub chosen: Option<PracticeMatch>,
}

impl PracticeChoice {
    /// Whether the page should show the search step rather than its form.
    pub fn searching(&self) -> bool {
        self.search.is_some() || self.chosen.is_none()
    }
}

/// Every region with its practices, for the organisations page and practice pickers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisations {
    pub regions: Vec<Region>,
    pub practices: Vec<Practice>,
}

impl Organisations {
    pub fn practices_in(&self, region: RegionId) -> impl Iterator<Item = &Practice> {
        self.practices.iter().filter(move |p| p.region_id == region)
    }

    pub fn region(&self, id: RegionId) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }

    pub fn practice(&self, id: PracticeId) -> Option<&Practice> {
        self.practices.iter().find(|p| p.id == id)
    }
}

impl Organisations {
    /// Open regions as choices for a drop-down list.
    pub fn region_choices(&self) -> Vec<(String, String)> {
        self.regions.iter().filter(|r| !r.retired).map(|r| (r.id.to_string(), r.name.clone())).collect()
    }
}
