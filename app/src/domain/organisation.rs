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
    /// Practices as choices for a drop-down list: "Name (ODS code), Region", by name.
    pub fn practice_choices(&self) -> Vec<(String, String)> {
        self.practices
            .iter()
            .filter(|p| !p.retired)
            .map(|p| {
                let region = self.region(p.region_id).map(|r| r.name.as_str()).unwrap_or_default();
                (p.id.to_string(), format!("{} ({}), {region}", p.name, p.ods_code))
            })
            .collect()
    }

    /// Open regions as choices for a drop-down list.
    pub fn region_choices(&self) -> Vec<(String, String)> {
        self.regions.iter().filter(|r| !r.retired).map(|r| (r.id.to_string(), r.name.clone())).collect()
    }
}
