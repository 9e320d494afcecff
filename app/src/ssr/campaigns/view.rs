//! Building what the campaign pages show, from the stored campaign and its region.

use std::collections::BTreeSet;

use super::change::change_view;
use crate::domain::campaign::CampaignStatus;
use crate::domain::campaign::funnel::funnel;
use crate::domain::ids::PracticeId;
use crate::domain::organisation::Organisations;
use crate::domain::reports::prescribing::measures::Measure;
use crate::domain::reports::prescribing::{month_before, month_index, month_text};
use crate::domain::role::Principal;
use crate::domain::time::{format_iso_date, format_uk_date};
use crate::error::AppError;
use crate::ssr::db::Db;
use crate::ssr::db::campaigns::CampaignRecord;
use crate::wire::campaign_view::{
    CampaignFormView, CampaignSummary, CampaignView, PracticeMatch, TargetPractice,
};

/// At most this many practices a search lists.
const MAX_MATCHES: usize = 20;

/// What the lead asked the campaign page to show besides the campaign.
pub struct Shown {
    pub search: String,
    pub measure: Measure,
    pub months: i32,
    pub now_ms: i64,
}

/// Whether a campaign that has not been closed is past its closing day, so sends nothing more.
fn past_closing(campaign: &CampaignRecord, now_ms: i64) -> bool {
    campaign.status() != CampaignStatus::Closed && campaign.past_closing(now_ms)
}

/// How the campaign's status reads: a campaign past its closing day says so.
fn status_label(campaign: &CampaignRecord, now_ms: i64) -> String {
    if past_closing(campaign, now_ms) {
        "Over: its closing date has passed".to_owned()
    } else {
        campaign.status().label().to_owned()
    }
}

/// The campaigns of every region `who` oversees, newest first.
pub async fn summaries(db: &Db, who: &Principal, now_ms: i64) -> Result<Vec<CampaignSummary>, AppError> {
    let organisations = db.organisations().await?;
    let mut found = Vec::new();
    for campaign in db.campaigns(None).await?.into_iter().filter(|c| who.oversees(c.region_id)) {
        let (_, practices) = db.campaign_targets(campaign.id).await?;
        found.push(CampaignSummary {
            region: organisations.region(campaign.region_id).map(|r| r.name.clone()).unwrap_or_default(),
            status: status_label(&campaign, now_ms),
            practices: practices.len(),
            public_id: campaign.public_id,
            name: campaign.name,
            closes_on: campaign.closes_on,
        });
    }
    Ok(found)
}

/// The choices the creation form offers `who`, at `now_ms`.
pub async fn form(db: &Db, who: &Principal, now_ms: i64) -> Result<CampaignFormView, AppError> {
    let organisations = db.organisations().await?;
    let regions = organisations
        .regions
        .iter()
        .filter(|r| who.oversees(r.id) && !r.retired)
        .map(|r| (r.id.0.to_string(), r.name.clone()))
        .collect();
    let modules = db.published_modules().await?.into_iter().map(|m| (m.slug, m.title)).collect();
    let to = month_before(&format_iso_date(now_ms));
    let from = month_text(month_index(&to).unwrap_or_default() - 11);
    Ok(CampaignFormView { regions, modules, from, to })
}

/// One campaign's page.
pub async fn campaign_view(
    db: &Db,
    campaign: CampaignRecord,
    shown: &Shown,
) -> Result<CampaignView, AppError> {
    let organisations = db.organisations().await?;
    let (module_ids, practice_ids) = db.campaign_targets(campaign.id).await?;
    let modules = db
        .published_modules()
        .await?
        .into_iter()
        .filter(|m| module_ids.contains(&m.module))
        .map(|m| (m.title, m.slug))
        .collect();
    let counts = db.campaign_practice_counts(campaign.id).await?;
    let mut practices: Vec<TargetPractice> = practice_ids
        .iter()
        .filter_map(|id| organisations.practice(*id))
        .map(|p| {
            let (gps, addresses) =
                counts.iter().find(|(id, _, _)| *id == p.id).map_or((0, 0), |(_, g, a)| (*g, *a));
            TargetPractice {
                id: p.id.0,
                ods_code: p.ods_code.clone(),
                name: p.name.clone(),
                registered_gps: gps,
                addresses,
            }
        })
        .collect();
    practices.sort_by(|a, b| a.name.cmp(&b.name));
    let listed: Vec<(PracticeId, String, String)> =
        practices.iter().map(|p| (PracticeId(p.id), p.name.clone(), p.ods_code.clone())).collect();
    let (funnel_total, funnel_rows) = funnel(&db.campaign_progress(campaign.id).await?, &listed);
    let group: BTreeSet<PracticeId> = practice_ids.iter().copied().collect();
    let others: BTreeSet<PracticeId> = organisations
        .practices_in(campaign.region_id)
        .map(|p| p.id)
        .filter(|id| !group.contains(id))
        .collect();
    let start = campaign.started_at.map(|at| format_iso_date(at)[..7].to_owned());
    let change =
        change_view(db, campaign.region_id, &group, &others, start, shown.measure, shown.months).await?;
    let status = campaign.status();
    let over = past_closing(&campaign, shown.now_ms);
    let actions = status
        .actions()
        .into_iter()
        .filter(|a| !over || *a == crate::domain::campaign::CampaignAction::Close);
    Ok(CampaignView {
        region: organisations.region(campaign.region_id).map(|r| r.name.clone()).unwrap_or_default(),
        status: status.code().to_owned(),
        status_label: status_label(&campaign, shown.now_ms),
        started: campaign.started_at.map(format_uk_date),
        actions: actions.map(|a| (a.code().to_owned(), a.label().to_owned())).collect(),
        targets_open: status.targets_open() && !over,
        addresses_open: status.addresses_open() && !over,
        matches: if status.targets_open() {
            matches(&organisations, &campaign, &group, &shown.search)
        } else {
            Vec::new()
        },
        search: shown.search.clone(),
        modules,
        practices,
        funnel_total,
        funnel: funnel_rows,
        change,
        public_id: campaign.public_id,
        name: campaign.name,
        message: campaign.message,
        closes_on: campaign.closes_on,
        reminder_days: campaign.reminder_days,
        targeted_by: campaign.targeted_by,
    })
}

/// The region's open practices, not yet targets, whose name or ODS code holds `search`.
fn matches(
    organisations: &Organisations,
    campaign: &CampaignRecord,
    targets: &BTreeSet<PracticeId>,
    search: &str,
) -> Vec<PracticeMatch> {
    let wanted = search.trim().to_lowercase();
    if wanted.is_empty() {
        return Vec::new();
    }
    organisations
        .practices_in(campaign.region_id)
        .filter(|p| !p.retired && !targets.contains(&p.id))
        .filter(|p| p.name.to_lowercase().contains(&wanted) || p.ods_code.to_lowercase().contains(&wanted))
        .take(MAX_MATCHES)
        .map(|p| PracticeMatch { id: p.id.0, ods_code: p.ods_code.clone(), name: p.name.clone() })
        .collect()
}
