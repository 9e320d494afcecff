//! `GET /campaigns/<id>/funnel.csv`: a campaign's funnel, overall and by practice, as on its page
//! (the same disclosure control), recorded in the audit log.

use axum::extract::{Path, State};
use axum::response::Response;

use super::authorised;
use crate::domain::audit::AuditAction;
use crate::domain::campaign::funnel::{STAGES, funnel};
use crate::domain::ids::PracticeId;
use crate::error::AppError;
use crate::ssr::auth::backend::AuthSession;
use crate::ssr::db::audit::AuditRecord;
use crate::ssr::download::{attachment, refusal, spreadsheet_safe};
use crate::ssr::state::AppState;

pub async fn download_funnel(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(campaign): Path<String>,
) -> Response {
    let here = format!("/campaigns/{campaign}/funnel.csv");
    match funnel_csv(&state, &auth, &campaign).await {
        Ok(csv) => attachment("text/csv; charset=utf-8", "casebook-campaign-funnel.csv", csv),
        Err(error) => refusal(error, &here),
    }
}

async fn funnel_csv(state: &AppState, auth: &AuthSession, campaign: &str) -> Result<Vec<u8>, AppError> {
    let user = auth.user.as_ref().ok_or(AppError::NotSignedIn)?;
    let who = &user.current.principal;
    if !who.is_admin() && who.led_regions().next().is_none() {
        return Err(AppError::Forbidden);
    }
    let db = &state.db;
    let campaign = authorised(db, who, campaign).await?;
    let organisations = db.organisations().await?;
    let (_, practices) = db.campaign_targets(campaign.id).await?;
    let mut listed: Vec<(PracticeId, String, String)> = practices
        .iter()
        .filter_map(|id| organisations.practice(*id))
        .map(|p| (p.id, p.name.clone(), p.ods_code.clone()))
        .collect();
    listed.sort_by(|a, b| a.1.cmp(&b.1));
    let (total, rows) = funnel(&db.campaign_progress(campaign.id).await?, &listed);
    let mut writer = csv::Writer::from_writer("\u{feff}".as_bytes().to_vec());
    let failed = |error: csv::Error| {
        tracing::error!(%error, "could not write a funnel");
        AppError::Internal
    };
    let headings = ["Practice", "ODS code"].into_iter().chain(STAGES);
    writer.write_record(headings).map_err(failed)?;
    for row in std::iter::once(total).chain(rows) {
        let cells = [spreadsheet_safe(&row.practice), spreadsheet_safe(&row.ods_code)]
            .into_iter()
            .chain(row.stages.iter().map(|s| s.text()));
        writer.write_record(cells).map_err(failed)?;
    }
    let bytes = writer.into_inner().map_err(|e| failed(e.into_error().into()))?;
    let detail = format!("funnel of campaign {}", campaign.public_id);
    let audit = AuditRecord {
        action: AuditAction::DataExported,
        actor: Some(who.person),
        subject: None,
        detail: &detail,
        client_address: None,
    };
    db.audit(&audit, state.clock.now_ms()).await?;
    Ok(bytes)
}
