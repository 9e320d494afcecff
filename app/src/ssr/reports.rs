//! The deanery reports on the server: who may see which region, the report built from the
//! database's exact facts (disclosure control applied as it is built), and its tables as CSV
//! downloads, each recorded in the audit log.

use std::collections::{BTreeMap, BTreeSet};

use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;

use crate::domain::audit::AuditAction;
use crate::domain::curriculum::case::NodeKind;
use crate::domain::curriculum::module::ModuleDefinition;
use crate::domain::ids::{ModuleId, PracticeId, RegionId, VersionId};
use crate::domain::reports::ambivalence::ambivalence_rows;
use crate::domain::reports::build::{
    PracticeFacts, attitudes, decisions, grouped, practices, themes, uptake as uptake_row,
};
use crate::domain::reports::disclosure::count;
use crate::domain::reports::follow_ups::{BoosterFact, barrier_rows, outcome_rows, retention_rows};
use crate::domain::reports::pairs::pair_rows;
use crate::domain::reports::prescribing::measures::{Measure, deciles, month_values};
use crate::domain::reports::prescribing::{
    engagement, first_completions, high_prescribers, practice_learners, practice_rates, trend,
};
use crate::domain::reports::report::{Report, Table};
use crate::domain::reports::uptake::{Counts, Uptake};
use crate::domain::role::Principal;
use crate::domain::time::{format_iso_date, parse_uk_date_end, parse_uk_date_start};
use crate::error::{AppError, FormCheck};
use crate::ssr::auth::backend::AuthSession;
use crate::ssr::db::Db;
use crate::ssr::db::audit::AuditRecord;
use crate::ssr::db::month_totals::{MonthFigures, MonthRange, month_bounds, month_of};
use crate::ssr::db::report_follow_ups::BoosterAnswerPair;
use crate::ssr::db::reports::Scope;
use crate::ssr::download::{attachment, refusal, spreadsheet_safe};
use crate::ssr::state::AppState;
use crate::wire::report_view::ReportView;

/// What a report is asked for: a region (`all` for every region, admins only; empty for the
/// viewer's own), an inclusive date range (`YYYY-MM-DD`, either end may be empty), and the
/// prescribing measure (empty for items per 1,000 patients).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Wanted {
    pub region: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub measure: Option<String>,
}

/// The report `who` asked for, if they may see it.
pub async fn report_for(
    db: &Db,
    who: &Principal,
    wanted: &Wanted,
    now_ms: i64,
) -> Result<ReportView, AppError> {
    let organisations = db.organisations().await?;
    let choices: Vec<(i64, String)> = organisations
        .regions
        .iter()
        .filter(|r| who.oversees(r.id))
        .map(|r| (r.id.0, r.name.clone()))
        .collect();
    let Some(first) = choices.first() else { return Err(AppError::Forbidden) };
    let region = match wanted.region.as_deref().map(str::trim).unwrap_or("") {
        "all" if who.is_admin() => None,
        "" if who.is_admin() => None,
        "" => Some(RegionId(first.0)),
        id => {
            let id = id.parse::<i64>().map(RegionId).map_err(|_| AppError::NotFound)?;
            if !who.oversees(id) {
                return Err(AppError::Forbidden);
            }
            Some(id)
        }
    };
    let (from, to) = (wanted.from.clone().unwrap_or_default(), wanted.to.clone().unwrap_or_default());
    let measure_code = wanted.measure.clone().unwrap_or_default();
    let keep = [("from", from.as_str()), ("to", to.as_str()), ("measure", measure_code.as_str())];
    let mut check = FormCheck::default();
    let measure = check.field("measure", Measure::from_form(&measure_code)).unwrap_or_default();
    let from_ms = check.field("from", optional_date(&from, parse_uk_date_start)).flatten().unwrap_or(0);
    let to_ms =
        check.field("to", optional_date(&to, parse_uk_date_end)).flatten().unwrap_or(now_ms + 86_400_000);
    if from_ms >= to_ms {
        check.fail("to", "The end date must be on or after the start date");
    }
    check.finish(&keep)?;
    let whole_history = from.trim().is_empty() && to.trim().is_empty();
    // Dates count whole months: the kept months are what a range adds up.
    let from_ms = month_bounds(&month_of(from_ms)).map_or(from_ms, |(start, _)| start);
    let to_ms = month_bounds(&month_of(to_ms - 1)).map_or(to_ms, |(_, end)| end);
    let scope = Scope { region, from_ms, to_ms, whole_history };
    let name = match region {
        Some(id) => {
            organisations.regions.iter().find(|r| r.id == id).map(|r| r.name.clone()).unwrap_or_default()
        }
        None => "All regions".to_owned(),
    };
    let report = build(db, scope, name, measure, &organisations).await?;
    Ok(ReportView {
        report,
        regions: choices,
        all_regions: who.is_admin(),
        region: region.map(|r| r.0),
        from,
        to,
        measure: measure.code().to_owned(),
    })
}

fn optional_date(raw: &str, parse: fn(&str) -> Result<i64, String>) -> Result<Option<i64>, String> {
    if raw.trim().is_empty() { Ok(None) } else { parse(raw).map(Some) }
}

async fn build(
    db: &Db,
    scope: Scope,
    name: String,
    measure: Measure,
    organisations: &crate::domain::organisation::Organisations,
) -> Result<Report, AppError> {
    let month = |ms: i64| format_iso_date(ms)[..7].to_owned();
    let (first, last) = (month(scope.from_ms), month(scope.to_ms - 1));
    let by_months = !(scope.region.is_some() && scope.whole_history);
    // Independent reads, each on its own pooled connection, so they overlap.
    let (figures, every_month, registered, booster_pairs, reported) = tokio::try_join!(
        figures(db, scope, by_months, &first, &last),
        db.prescribing_figures(scope.region, "0000-00", "9999-99"),
        db.registered_by_practice(scope.region),
        db.booster_answer_pairs(scope),
        db.reported_commitments(scope),
    )?;
    let boosters = booster_facts(db, booster_pairs).await?;
    let MonthFigures { uptake, learning, ambivalence, pairs } = figures;
    let modules: Vec<ModuleId> = learning
        .attitudes
        .iter()
        .map(|t| t.module)
        .chain(learning.decisions.iter().map(|t| t.module))
        .collect();
    let named = Modules::load(db, &modules).await?;
    let every_month = month_values(&every_month, measure);
    let in_period: Vec<_> =
        every_month.iter().filter(|m| m.month >= first && m.month <= last).cloned().collect();
    let rates = practice_rates(&in_period);
    let high = high_prescribers(&rates);
    let deciles = deciles(&rates);
    let learners = practice_learners(&uptake.by_practice, &registered);
    let facts: BTreeMap<PracticeId, PracticeFacts> = organisations
        .practices
        .iter()
        .filter(|p| scope.region.is_none_or(|r| p.region_id == r))
        .map(|p| {
            let facts = PracticeFacts {
                name: p.name.clone(),
                ods_code: p.ods_code.clone(),
                rate: rates.get(&p.id).copied(),
                decile: deciles.get(&p.id).copied(),
                high_prescriber: high.contains(&p.id),
            };
            (p.id, facts)
        })
        .collect();
    let by_month: Vec<(String, &Counts)> = uptake.by_month.iter().map(|(m, c)| (m.clone(), c)).collect();
    let mut by_module: Vec<(String, &Counts)> =
        uptake.by_module.iter().map(|(m, c)| (named.title(*m), c)).collect();
    by_module.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Report {
        scope: name,
        by_months,
        measure,
        registered: count(registered.iter().map(|(_, n)| n).sum()),
        overall: uptake_row("All modules".into(), &uptake.overall),
        by_month: grouped(&by_month),
        by_module: grouped(&by_module),
        themes: themes(&learning.themes),
        attitudes: attitudes(&learning.attitudes, |m, key| named.statement(m, key)),
        ambivalence: ambivalence_rows(&ambivalence, |m| named.title(m)),
        decisions: decisions(&learning.decisions, |m, case, node| named.question(m, case, node)),
        pairs: pair_rows(&pairs),
        retention: retention_rows(&boosters),
        commitment_outcomes: outcome_rows(&reported),
        barriers: barrier_rows(&reported),
        practices: practices(&uptake.by_practice, &learning.practices, &facts),
        engagement: engagement(&rates, &high, &learners),
        trend: trend(&every_month, &first_completions(&uptake.by_practice, month)),
    })
}

/// The scope's uptake and learning: a region's whole history exactly (each learner once), from its
/// attempts and kept totals; a date range, or every region, added up from the kept months.
async fn figures(
    db: &Db,
    scope: Scope,
    by_months: bool,
    first: &str,
    last: &str,
) -> Result<MonthFigures, sqlx::Error> {
    match scope.region {
        Some(region) if !by_months => {
            let all_months = MonthRange { scope: region.0, first: "0000-00", last: "9999-99" };
            let (attempts, minutes, learning, pairs, ambivalence) = tokio::try_join!(
                db.attempt_facts(scope, false),
                db.months_minutes(&all_months),
                db.region_totals(region),
                db.pair_totals(scope),
                db.ambivalence_totals(scope),
            )?;
            let mut uptake = Uptake::of_attempts(&attempts, month_of);
            uptake.take_minutes(minutes);
            Ok(MonthFigures { uptake, learning, ambivalence, pairs })
        }
        region if scope.whole_history => db.month_figures(region, "0000-00", "9999-99").await,
        region => db.month_figures(region, first, last).await,
    }
}

/// Booster answers with their items' themes, from the module version each attempt took.
async fn booster_facts(db: &Db, pairs: Vec<BoosterAnswerPair>) -> Result<Vec<BoosterFact>, AppError> {
    let mut versions: BTreeMap<VersionId, ModuleDefinition> = BTreeMap::new();
    let mut facts = Vec::with_capacity(pairs.len());
    for pair in pairs {
        if let std::collections::btree_map::Entry::Vacant(entry) = versions.entry(pair.version()) {
            let Some(stored) = db.version_by_id(pair.version()).await? else { continue };
            entry.insert(stored.definition);
        }
        let themes = versions
            .get(&pair.version())
            .and_then(|m| m.items.iter().find(|i| i.key == pair.item))
            .map(|i| i.themes.clone())
            .unwrap_or_default();
        facts.push(BoosterFact {
            attempt: pair.attempt_id,
            person: pair.person_id,
            after_days: u32::try_from(pair.after_days).unwrap_or_default(),
            themes,
            booster_correct: pair.booster_correct != 0,
            post_correct: pair.post_correct != 0,
        });
    }
    Ok(facts)
}

/// The modules a report names: every module's title, and the content of those whose statements
/// and decisions it lists (their latest version's words).
struct Modules {
    titles: BTreeMap<ModuleId, String>,
    definitions: BTreeMap<ModuleId, ModuleDefinition>,
}

impl Modules {
    async fn load(db: &Db, with_content: &[ModuleId]) -> Result<Modules, AppError> {
        let versions = db.module_versions().await?;
        let mut definitions = BTreeMap::new();
        for module in with_content.iter().collect::<BTreeSet<_>>() {
            let Some(summary) = versions.iter().find(|v| v.module == *module) else { continue };
            if let Some(stored) = db.module_version(&summary.slug, None).await? {
                definitions.insert(*module, stored.definition);
            }
        }
        let titles = versions.into_iter().map(|v| (v.module, v.title)).collect();
        Ok(Modules { titles, definitions })
    }

    fn title(&self, module: ModuleId) -> String {
        self.titles.get(&module).cloned().unwrap_or_else(|| "Removed module".into())
    }

    /// (module title, statement) for a statement key.
    fn statement(&self, module: ModuleId, key: &str) -> (String, String) {
        let text = self.definitions.get(&module).and_then(|d| d.attitudes.iter().find(|a| a.key == key));
        (self.title(module), text.map_or_else(|| key.to_owned(), |a| a.statement.clone()))
    }

    /// (module title, question) for a decision.
    fn question(&self, module: ModuleId, case: &str, key: &str) -> (String, String) {
        let node = self
            .definitions
            .get(&module)
            .and_then(|d| d.cases.iter().find(|c| c.key == case)?.node(key).cloned());
        let text = node.and_then(|n| match n.kind {
            NodeKind::Decision { question, .. } => Some(question),
            _ => None,
        });
        (self.title(module), text.unwrap_or_else(|| format!("{case} · {key}")))
    }
}

/// `GET /reports/{table}.csv?region=&from=&to=`: one table of the report, as on the page.
pub async fn download_table(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(file): Path<String>,
    Query(wanted): Query<Wanted>,
) -> Response {
    let here = format!("/reports/{file}");
    match table_csv(&state, &auth, &file, &wanted).await {
        Ok((name, csv)) => attachment("text/csv; charset=utf-8", &name, csv),
        Err(error) => refusal(error, &here),
    }
}

async fn table_csv(
    state: &AppState,
    auth: &AuthSession,
    file: &str,
    wanted: &Wanted,
) -> Result<(String, Vec<u8>), AppError> {
    let user = auth.user.as_ref().ok_or(AppError::NotSignedIn)?;
    let table = file.strip_suffix(".csv").and_then(Table::parse).ok_or(AppError::NotFound)?;
    let now = state.clock.now_ms();
    let view = report_for(&state.db, &user.current.principal, wanted, now).await?;
    let (headings, rows) = table.cells(&view.report);
    let mut writer = csv::Writer::from_writer("\u{feff}".as_bytes().to_vec());
    let failed = |error: csv::Error| {
        tracing::error!(%error, "could not write a report");
        AppError::Internal
    };
    writer.write_record(headings).map_err(failed)?;
    for row in rows {
        writer.write_record(row.iter().map(|cell| spreadsheet_safe(cell))).map_err(failed)?;
    }
    let bytes = writer.into_inner().map_err(|e| failed(e.into_error().into()))?;
    let detail = format!("{} for {} ({} to {})", table.code(), view.report.scope, view.from, view.to);
    let audit = AuditRecord {
        action: AuditAction::DataExported,
        actor: Some(user.current.principal.person),
        subject: None,
        detail: &detail,
        client_address: None,
    };
    state.db.audit(&audit, now).await?;
    Ok((format!("casebook-{}.csv", table.code()), bytes))
}
