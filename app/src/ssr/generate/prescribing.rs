//! Generated prescribing for the benchmark population, with an effect planted where the answer is
//! known: every practice has two years of monthly figures (a list size, a base rate, a gentle
//! national fall, a winter rise and ±10% noise), and in each region a past campaign targeted every
//! other practice, after whose start those practices prescribed a known share less. The campaign
//! page's difference-in-differences estimate should find that effect within its interval.

use crate::domain::audit::AuditAction;
use crate::domain::ids::{PersonId, PracticeId, RegionId};
use crate::domain::reports::prescribing::{month_before, month_index, month_text};
use crate::domain::time::format_iso_date;
use crate::error::AppError;
use crate::ssr::db::Db;
use crate::ssr::db::audit::AuditRecord;
use crate::ssr::db::campaigns::NewCampaign;
use crate::ssr::prescribing::read::PracticeMonth;

/// How many months of figures, ending last month.
pub const MONTHS: i32 = 24;
/// The campaign started this many months before last month.
pub const STARTED_MONTHS_AGO: i32 = 11;
/// The share of their items the campaign's practices stopped prescribing after its start.
pub const PLANTED_FALL: f64 = 0.15;

/// A generated past campaign and the effect planted in it.
#[derive(Clone, Debug, PartialEq)]
pub struct PlantedCampaign {
    pub public_id: String,
    pub region: RegionId,
    pub practices: Vec<PracticeId>,
    /// The start month, `YYYY-MM`.
    pub start: String,
    /// The true difference in differences in items per 1,000 patients a month, over the window of
    /// `STARTED_MONTHS_AGO` months either side: the planted fall at each campaign practice's
    /// expected level after the start, averaged over those practices.
    pub true_effect: f64,
}

/// A practice's fixed traits, drawn from the seed.
struct Traits {
    base_rate: f64,
    list_size: i64,
    adq_per_item: f64,
}

/// A number from 0 to 1 fixed by its inputs (the generator must make the same population twice).
fn draw(seed: i64, a: i64, b: i64) -> f64 {
    let mut x = (seed as u64)
        ^ (a as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ (b as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    x ^= x >> 33;
    x = x.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    x ^= x >> 33;
    x = x.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    x ^= x >> 33;
    (x >> 11) as f64 / (1u64 << 53) as f64
}

fn traits(seed: i64, practice: PracticeId) -> Traits {
    Traits {
        base_rate: 6.0 + 24.0 * draw(seed, practice.0, 1),
        list_size: 3_000 + (12_000.0 * draw(seed, practice.0, 2)) as i64,
        adq_per_item: 14.0 + 16.0 * draw(seed, practice.0, 3),
    }
}

/// Everywhere: a fall of half a per cent a month and a rise each winter.
fn national(month: i32) -> f64 {
    let winter = ((f64::from(month.rem_euclid(12)) + 1.0) * std::f64::consts::PI / 6.0).cos();
    (1.0 - 0.005 * f64::from(month - month_index("2020-01").unwrap_or(0)) / 12.0) * (1.0 + 0.06 * winter)
}

/// Writes the figures of every practice in `regions` (`practices`: id and region), and each
/// region's past campaign (made by its lead, `leads`, in region order).
pub async fn prescribing(
    db: &Db,
    seed: i64,
    practices: &[(PracticeId, RegionId)],
    regions: &[(RegionId, PersonId)],
    now_ms: i64,
) -> Result<Vec<PlantedCampaign>, AppError> {
    let last = month_index(&month_before(&format_iso_date(now_ms))).unwrap_or_default();
    let start = last - STARTED_MONTHS_AGO;
    let mut planted = Vec::new();
    for (r, (region, lead)) in regions.iter().enumerate() {
        let mine: Vec<PracticeId> =
            practices.iter().filter(|(_, pr)| pr == region).map(|(p, _)| *p).collect();
        let targets: Vec<PracticeId> = mine.iter().step_by(2).copied().collect();
        let mut months = Vec::with_capacity(mine.len() * MONTHS as usize);
        for practice in &mine {
            let t = traits(seed, *practice);
            let targeted = targets.contains(practice);
            for month in last - MONTHS + 1..=last {
                let noise = 0.9 + 0.2 * draw(seed, practice.0, 1_000 + i64::from(month));
                let fall = if targeted && month > start { 1.0 - PLANTED_FALL } else { 1.0 };
                let rate = t.base_rate * national(month) * noise * fall;
                let items = (rate * t.list_size as f64 / 1000.0).round() as i64;
                months.push(PracticeMonth {
                    practice: practice.0,
                    month: month_text(month),
                    benzodiazepine_items: items * 2 / 3,
                    z_drug_items: items - items * 2 / 3,
                    list_size: Some(t.list_size),
                    rate_per_1000: None,
                    adq_usage: Some(items as f64 * t.adq_per_item),
                });
            }
        }
        let audit = AuditRecord {
            action: AuditAction::PrescribingImported,
            actor: Some(*lead),
            subject: None,
            detail: "generated for a benchmark",
            client_address: None,
        };
        db.save_prescribing(&months, &audit, now_ms).await?;
        let window: Vec<i32> = (start + 1..=start + STARTED_MONTHS_AGO).collect();
        let true_effect = -PLANTED_FALL * targets.iter().map(|p| traits(seed, *p).base_rate).sum::<f64>()
            / targets.len().max(1) as f64
            * window.iter().map(|m| national(*m)).sum::<f64>()
            / window.len().max(1) as f64;
        let public_id = format!("00000000-0000-4000-9000-{:012}", r + 1);
        past_campaign(db, &public_id, *region, *lead, &targets, start, now_ms).await?;
        planted.push(PlantedCampaign {
            public_id,
            region: *region,
            practices: targets,
            start: month_text(start),
            true_effect,
        });
    }
    Ok(planted)
}

/// A campaign that ran from the first of `start` (a month index) for three months, targeting
/// `targets`, now closed; it sends nothing.
async fn past_campaign(
    db: &Db,
    public_id: &str,
    region: RegionId,
    lead: PersonId,
    targets: &[PracticeId],
    start: i32,
    now_ms: i64,
) -> Result<(), AppError> {
    let started = crate::domain::time::parse_uk_date_start(&format!("{}-01", month_text(start)))
        .map_err(AppError::BadRequest)?;
    let closes_on = format!("{}-28", month_text(start + 2));
    let modules = db.published_modules().await?.into_iter().map(|m| m.module).collect::<Vec<_>>();
    let new = NewCampaign {
        public_id,
        region,
        name: "Hypnotics review (generated)",
        message: "Dear colleague, our region prescribes more hypnotics than most. Please join us.",
        closes_on: &closes_on,
        reminder_days: 14,
        targeted_by: "Every other practice of the region (generated)",
        modules: &modules,
        practices: targets,
        created_by: lead,
    };
    let audit = AuditRecord {
        action: AuditAction::CampaignChanged,
        actor: Some(lead),
        subject: None,
        detail: "generated for a benchmark",
        client_address: None,
    };
    db.create_campaign(&new, &audit, started).await?;
    db.close_generated_campaign(public_id, started, now_ms).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_are_fixed_by_their_inputs_and_spread_over_zero_to_one() {
        assert_eq!(draw(1, 2, 3), draw(1, 2, 3));
        assert_ne!(draw(1, 2, 3), draw(2, 2, 3));
        let values: Vec<f64> = (0..1000).map(|i| draw(7, i, 0)).collect();
        assert!(values.iter().all(|v| (0.0..1.0).contains(v)));
        let mean = values.iter().sum::<f64>() / 1000.0;
        assert!((mean - 0.5).abs() < 0.05, "{mean}");
    }
}
