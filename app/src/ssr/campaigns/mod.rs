//! Campaigns on the server: who may see and run one (the lead of its region, or an admin; the
//! object is checked as well as the role), creating one with its targets (by default the region's
//! high prescribers by the lead's chosen measure and months), changing it, and the emails its jobs
//! send.

pub mod addresses;
pub mod change;
pub mod download;
pub mod emails;
pub mod view;

use crate::domain::audit::AuditAction;
use crate::domain::campaign::{CampaignAction, CampaignSettings};
use crate::domain::ids::{ModuleId, PracticeId, RegionId};
use crate::domain::reports::prescribing::measures::{Measure, month_values};
use crate::domain::reports::prescribing::{high_prescribers, month_index, practice_rates};
use crate::domain::role::Principal;
use crate::error::{AppError, FieldError};
use crate::ssr::db::Db;
use crate::ssr::db::campaigns::{CampaignRecord, NewCampaign};
use crate::ssr::request::Request;

/// The campaign at `public_id`, if `who` may see and run it. An address that is not a UUID names
/// no campaign, and is not looked up.
pub async fn authorised(db: &Db, who: &Principal, public_id: &str) -> Result<CampaignRecord, AppError> {
    let public_id = uuid::Uuid::parse_str(public_id.trim()).map_err(|_| AppError::NotFound)?;
    let campaign = db.campaign(&public_id.hyphenated().to_string()).await?.ok_or(AppError::NotFound)?;
    if !who.oversees(campaign.region_id) {
        return Err(AppError::Forbidden);
    }
    Ok(campaign)
}

/// How a new campaign's practices are chosen.
pub enum Targets {
    /// The high prescribers flagged by `measure` over the months `from` to `to` (`YYYY-MM`).
    Flagged { measure: Measure, from: String, to: String },
    /// None yet: the lead adds them by hand.
    Chosen,
}

/// What the form asks for, checked.
pub struct NewCampaignForm {
    pub region: RegionId,
    pub settings: CampaignSettings,
    pub modules: Vec<ModuleId>,
    pub targets: Targets,
}

/// Creates a draft campaign; its address.
pub async fn create(request: &Request, form: NewCampaignForm) -> Result<String, AppError> {
    let who = request.require_reporter()?;
    if !who.oversees(form.region) {
        return Err(AppError::Forbidden);
    }
    let db = &request.state.db;
    if !db.region_is_open(form.region).await? {
        return Err(AppError::field("region", "Select an open region"));
    }
    let (practices, targeted_by) = match &form.targets {
        Targets::Flagged { measure, from, to } => {
            let flagged = flagged_practices(db, form.region, *measure, from, to).await?;
            if flagged.is_empty() {
                return Err(AppError::field(
                    "targets",
                    format!(
                        "No practice in the region has figures for {} in those months: import them (ADQs come \
                         from the English Prescribing Dataset), choose another measure, or choose practices by hand",
                        measure.label().to_lowercase()
                    ),
                ));
            }
            (flagged, format!("High prescribers by {}, {from} to {to}", measure.label().to_lowercase()))
        }
        Targets::Chosen => (Vec::new(), "Chosen by hand".to_owned()),
    };
    let public_id = uuid::Uuid::new_v4().to_string();
    let detail = format!("created campaign {public_id} with {} practices", practices.len());
    let audit = request.audit(AuditAction::CampaignChanged, None, &detail);
    let new = NewCampaign {
        public_id: &public_id,
        region: form.region,
        name: &form.settings.name,
        message: &form.settings.message,
        closes_on: &form.settings.closes_on,
        reminder_days: form.settings.reminder_days,
        targeted_by: &targeted_by,
        modules: &form.modules,
        practices: &practices,
        created_by: who.person,
    };
    db.create_campaign(&new, &audit, request.now_ms()).await?;
    Ok(public_id)
}

/// The region's practices flagged as high prescribers by `measure` from `from` to `to`.
pub async fn flagged_practices(
    db: &Db,
    region: RegionId,
    measure: Measure,
    from: &str,
    to: &str,
) -> Result<Vec<PracticeId>, AppError> {
    let figures = db.prescribing_figures(Some(region), from, to).await?;
    let rates = practice_rates(&month_values(&figures, measure));
    Ok(high_prescribers(&rates).into_iter().collect())
}

/// Checks a `YYYY-MM` month typed on the form.
pub fn parse_month(raw: &str, field: &'static str) -> Result<String, FieldError> {
    let month = raw.trim();
    month_index(month)
        .filter(|_| month.len() == 7)
        .map(|_| month.to_owned())
        .ok_or_else(|| FieldError::new(field, "Enter a month like 2026-03"))
}

/// Adds or removes a target practice of a draft campaign; only the region's own practices.
pub async fn set_practice(
    request: &Request,
    campaign: &CampaignRecord,
    practice: PracticeId,
    target: bool,
) -> Result<(), AppError> {
    let db = &request.state.db;
    let region = db.open_practice_region(practice).await?;
    if region != Some(campaign.region_id) {
        return Err(AppError::Forbidden);
    }
    let detail = format!(
        "{} practice {practice} in campaign {}",
        if target { "added" } else { "removed" },
        campaign.public_id
    );
    let audit = request.audit(AuditAction::CampaignChanged, None, &detail);
    if !db.set_campaign_practice(campaign.id, practice, target, &audit, request.now_ms()).await? {
        return Err(AppError::BadRequest(
            "The campaign has started: its practices can no longer change".into(),
        ));
    }
    Ok(())
}

/// Starts, pauses, resumes or closes a campaign, once.
pub async fn act(
    request: &Request,
    campaign: &CampaignRecord,
    action: CampaignAction,
) -> Result<(), AppError> {
    let from = campaign.status();
    let Some(to) = from.after(action) else {
        return Err(AppError::BadRequest(format!(
            "A {} campaign cannot be {}",
            from.label().to_lowercase(),
            match action {
                CampaignAction::Start => "started",
                CampaignAction::Pause => "paused",
                CampaignAction::Resume => "resumed",
                CampaignAction::Close => "closed",
            }
        )));
    };
    if campaign.past_closing(request.now_ms()) && action != CampaignAction::Close {
        return Err(AppError::BadRequest(
            "The campaign's closing date has passed: it can only be closed".into(),
        ));
    }
    let db = &request.state.db;
    if action == CampaignAction::Start {
        let (modules, practices) = db.campaign_targets(campaign.id).await?;
        if practices.is_empty() || modules.is_empty() {
            return Err(AppError::BadRequest(
                "Add at least one practice before starting the campaign".into(),
            ));
        }
    }
    let detail = format!("{} campaign {}", action.code(), campaign.public_id);
    let audit = request.audit(AuditAction::CampaignChanged, None, &detail);
    if !db.move_campaign(campaign.id, from, to, &audit, request.now_ms()).await? {
        return Err(AppError::BadRequest("The campaign changed meanwhile: look again".into()));
    }
    Ok(())
}
