//! The demo's population: on the first `make run`, the demo regions get more practices, a few
//! hundred generated learners with their attempts, and two years of prescribing with a past
//! campaign, so that each demo lead's dashboard shows real figures rather than suppressed ones.
//! The generated attempts also get what follows a module: matched-pair outcomes, answered boosters
//! and commitments reported at twelve weeks. Small enough to make in a few seconds; the same
//! every time (a fixed seed).

use super::{Generated, Into, populate, refresh_report_months};
use crate::domain::audit::AuditAction;
use crate::domain::email::EmailAddress;
use crate::domain::ids::{PersonId, PracticeId, RegionId};
use crate::domain::learning::follow_up::{Barrier, DEFAULT_BOOSTER_DAYS};
use crate::domain::ods_code::OdsCode;
use crate::domain::time::format_iso_date;
use crate::error::AppError;
use crate::ssr::db::Db;
use crate::ssr::db::audit::AuditRecord;
use crate::ssr::db::generate_after::{AfterModule, Barriers};
use crate::ssr::demo::{PEOPLE, REGIONS};

/// About this many answers in all: 528 learners and 1,055 attempts, some 26 learners a practice.
const RESPONSES: i64 = 36_000;
const SEED: i64 = 2026;

/// The practices each demo region gains (codes Z1xxxx and Z2xxxx, unused by real practices).
const MORE_PRACTICES: [&str; 8] = [
    "Abbey Road Surgery",
    "Bridge Street Practice",
    "Canal Side Medical Centre",
    "Dale View Surgery",
    "Elm Tree Practice",
    "Forge Lane Surgery",
    "Glebe House Practice",
    "High Moor Health Centre",
];

/// Fills the demo regions (made by `seed_if_empty` just before) with a population.
pub async fn populate_demo(db: &Db, password_hash: &str, now_ms: i64) -> Result<Generated, AppError> {
    let organisations = db.organisations().await?;
    let audit = AuditRecord {
        action: AuditAction::OrganisationChanged,
        actor: None,
        subject: None,
        detail: "demo population",
        client_address: None,
    };
    let (mut leads, mut practices) = (Vec::new(), Vec::new());
    for (index, demo) in REGIONS.iter().enumerate() {
        let Some(region) = organisations.regions.iter().find(|r| r.name == demo.name) else { continue };
        let Some(lead) = demo_lead(db, index).await? else { continue };
        for (n, name) in MORE_PRACTICES.iter().enumerate() {
            let code =
                OdsCode::parse(&format!("Z{}{:04}", index + 1, n + 1)).map_err(AppError::BadRequest)?;
            db.create_practice(region.id, &code, name, &audit, now_ms).await?;
        }
        leads.push((region.id, lead));
    }
    let regions: Vec<RegionId> = leads.iter().map(|(region, _)| *region).collect();
    for practice in db.organisations().await?.practices {
        if regions.contains(&practice.region_id) && !practice.retired {
            practices.push((practice.id, practice.region_id));
        }
    }
    let practices: Vec<(PracticeId, RegionId)> = practices;
    let into = Into { leads: &leads, practices: &practices };
    let made = populate(db, SEED, RESPONSES, into, password_hash, now_ms, |_| {}).await?;
    after_modules(db, now_ms).await?;
    refresh_report_months(db, &regions, now_ms).await?;
    Ok(made)
}

/// Pair outcomes, boosters and commitments for the generated attempts at every published module.
async fn after_modules(db: &Db, now_ms: i64) -> Result<(), AppError> {
    let mut modules = Vec::new();
    for summary in db.published_modules().await? {
        let Some(stored) = db.module_version(&summary.slug, Some(summary.number)).await? else { continue };
        let definition = stored.definition;
        let pairs: Vec<(String, Vec<String>)> =
            definition.pairs.iter().map(|p| (p.key.clone(), p.themes.clone())).collect();
        let items: Vec<String> = definition.items.iter().take(3).map(|i| i.key.clone()).collect();
        let days = definition.booster_days.as_deref().unwrap_or(&DEFAULT_BOOSTER_DAYS).first().copied();
        modules.push((summary.module, pairs, items, i64::from(days.unwrap_or(14))));
    }
    let after: Vec<AfterModule> = modules
        .iter()
        .map(|(module, pairs, items, days)| AfterModule {
            module: *module,
            pairs,
            booster_items: items,
            booster_days: *days,
        })
        .collect();
    let codes: Vec<&str> = Barrier::ALL.iter().map(|b| b.code()).collect();
    let due_by = format_iso_date(now_ms);
    Ok(db.generate_after_modules(&after, Barriers(&codes), SEED, &due_by, now_ms).await?)
}

/// The demo account that leads demo region `index`.
async fn demo_lead(db: &Db, index: usize) -> Result<Option<PersonId>, AppError> {
    let Some(person) = PEOPLE.iter().find(|p| p.leads_region == Some(index)) else { return Ok(None) };
    let email = EmailAddress::parse(person.email).map_err(AppError::BadRequest)?;
    Ok(db.person_by_email(&email).await?)
}
