//! A synthetic population for benchmarks (`server generate`): regions of practices with their
//! deanery leads, learners, and attempts at the published modules with every response and report
//! summary, sized by the number of responses wanted and reproducible from a seed; and two years of
//! the practices' prescribing, with a past campaign in each region whose effect is planted
//! (`prescribing`).

pub mod demo;
pub mod prescribing;
pub mod template;

use crate::domain::audit::AuditAction;
use crate::domain::email::EmailAddress;
use crate::domain::ids::{PersonId, PracticeId, RegionId};
use crate::domain::ods_code::OdsCode;
use crate::domain::role::{Role, RoleGrant};
use crate::error::AppError;
use crate::ssr::curriculum::load_first_curriculum_if_empty;
use crate::ssr::db::audit::AuditRecord;
use crate::ssr::db::generate::Population;
use crate::ssr::db::month_totals::month_of;
use crate::ssr::db::{Db, NewPerson};
use prescribing::PlantedCampaign;

/// How big a population to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plan {
    pub responses: i64,
    pub seed: i64,
    pub regions: i64,
    pub practices_per_region: i64,
}

/// What was made.
#[derive(Clone, Debug, PartialEq)]
pub struct Generated {
    pub regions: Vec<RegionId>,
    pub practices: usize,
    pub learners: i64,
    pub attempts: i64,
    pub responses: i64,
    /// Each region's past campaign, with the effect planted in its practices' prescribing.
    pub campaigns: Vec<PlantedCampaign>,
}

/// Generated accounts' addresses: learner `n`, the lead of generated region `r` (from 1), the admin.
pub fn learner_email(n: i64) -> String {
    format!("learner{n}@generated.example")
}

pub fn lead_email(region: usize) -> String {
    format!("lead{region}@generated.example")
}

pub const ADMIN_EMAIL: &str = "admin@generated.example";

/// Generated attempt `n`'s public id: a UUID of a fixed shape, so the pages' id checks accept it.
pub fn attempt_public_id(n: i64) -> String {
    format!("00000000-0000-4000-8000-{}", 100_000_000_000 + n)
}

/// Fills `db` by `plan`; every generated account has the password whose hash is `password_hash`.
pub async fn generate(
    db: &Db,
    plan: Plan,
    password_hash: &str,
    now_ms: i64,
    progress: impl Fn(i64),
) -> Result<Generated, AppError> {
    let first = EmailAddress::parse(&learner_email(0)).map_err(AppError::BadRequest)?;
    if db.email_taken(&first).await? {
        return Err(AppError::BadRequest("This database already holds a generated population".into()));
    }
    load_first_curriculum_if_empty(db, now_ms).await.map_err(|_| AppError::Internal)?;
    let (leads, practices) = organisations(db, plan, password_hash, now_ms).await?;
    let into = Into { leads: &leads, practices: &practices };
    populate(db, plan.seed, plan.responses, into, password_hash, now_ms, progress).await
}

/// Where a population goes: each region with the deanery lead who runs its past campaign, and
/// the practices learners are spread over.
#[derive(Clone, Copy)]
pub struct Into<'a> {
    pub leads: &'a [(RegionId, PersonId)],
    pub practices: &'a [(PracticeId, RegionId)],
}

/// Learners, their attempts (about `responses` answers in all) and the practices' prescribing,
/// spread over `into`, reproducible from `seed`.
pub async fn populate(
    db: &Db,
    seed: i64,
    responses: i64,
    into: Into<'_>,
    password_hash: &str,
    now_ms: i64,
    progress: impl Fn(i64),
) -> Result<Generated, AppError> {
    let (leads, practices) = (into.leads, into.practices);
    let mut modules = Vec::new();
    for summary in db.published_modules().await? {
        if let Some(stored) = db.module_version(&summary.slug, Some(summary.number)).await? {
            modules.push((summary.module.0, summary.version.0, template::template(&stored.definition)));
        }
    }
    let regions: Vec<RegionId> = leads.iter().map(|(region, _)| *region).collect();
    let mean_steps = modules.iter().map(|m| m.2.len() as f64).sum::<f64>() / modules.len().max(1) as f64;
    // Three attempts in four are finished (every step); the rest stop about half-way.
    let per_attempt = (mean_steps * (0.75 + 0.25 * 0.5)).max(1.0);
    let attempts = (responses as f64 / per_attempt).ceil() as i64;
    let learners = attempts.div_euclid(modules.len().clamp(1, 2) as i64) + 1;
    let population = Population {
        seed,
        now_ms,
        password_hash,
        practices,
        learners,
        attempts,
        modules: &modules,
        chunk: 2_000,
    };
    let responses = db.generate(&population, progress).await?;
    refresh_report_months(db, &regions, now_ms).await?;
    let campaigns = prescribing::prescribing(db, seed, practices, leads, now_ms).await?;
    Ok(Generated { regions, practices: practices.len(), learners, attempts, responses, campaigns })
}

/// Makes the reports' kept months of generated records (started over the past year and a bit),
/// which are written in bulk rather than by the transactions that mark their months.
pub async fn refresh_report_months(db: &Db, regions: &[RegionId], now_ms: i64) -> Result<(), AppError> {
    let (first, last) = (month_of(now_ms - 400 * 86_400_000), month_of(now_ms));
    db.mark_months_due(regions, &first, &last).await?;
    db.refresh_due_months(now_ms, 3_600_000).await?;
    Ok(())
}

/// The regions with their deanery leads, their practices (ODS codes beginning X, which real
/// English practices do not use), and one admin.
async fn organisations(
    db: &Db,
    plan: Plan,
    password_hash: &str,
    now_ms: i64,
) -> Result<(Vec<(RegionId, PersonId)>, Vec<(PracticeId, RegionId)>), AppError> {
    let audit = AuditRecord {
        action: AuditAction::OrganisationChanged,
        actor: None,
        subject: None,
        detail: "generated for a benchmark",
        client_address: None,
    };
    let (mut regions, mut practices) = (Vec::new(), Vec::new());
    for r in 1..=plan.regions {
        let region = db.create_region(&format!("Generated region {r:02}"), &audit, now_ms).await?;
        for p in 1..=plan.practices_per_region {
            let ods = OdsCode::parse(&format!("X{:05}", r * 1000 + p)).map_err(AppError::BadRequest)?;
            let name = format!("Generated practice {r:02}-{p:03}");
            practices.push((db.create_practice(region, &ods, &name, &audit, now_ms).await?, region));
        }
        let grant = RoleGrant { role: Role::DeaneryLead, region: Some(region) };
        let lead =
            account(db, &lead_email(r as usize), "Generated lead", grant, password_hash, now_ms).await?;
        regions.push((region, lead));
    }
    let grant = RoleGrant { role: Role::Admin, region: None };
    account(db, ADMIN_EMAIL, "Generated admin", grant, password_hash, now_ms).await?;
    Ok((regions, practices))
}

async fn account(
    db: &Db,
    email: &str,
    name: &str,
    grant: RoleGrant,
    password_hash: &str,
    now_ms: i64,
) -> Result<PersonId, AppError> {
    let email = EmailAddress::parse(email).map_err(AppError::BadRequest)?;
    let person = NewPerson {
        email: &email,
        name,
        password_hash,
        session_key: &crate::ssr::auth::tokens::new_session_key(),
        gmc_number: None,
        practice: None,
        career_stage: None,
        grants: &[grant],
        granted_by: None,
        email_confirmed: true,
    };
    let audit = AuditRecord {
        action: AuditAction::Registered,
        actor: None,
        subject: None,
        detail: "generated for a benchmark",
        client_address: None,
    };
    Ok(db.create_person(&person, &audit, now_ms).await?)
}
