use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

use crate::error::AppError;

/// Adds further GPs' addresses to a campaign from an uploaded CSV file (a target practice's ODS
/// code and an address on each line): all of them, or, if any line has a problem, none. While
/// the campaign runs, each new address is invited at once.
#[server(endpoint = "campaigns/upload_campaign_addresses", input = MultipartFormData)]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "upload_campaign_addresses", skip_all))]
pub async fn upload_campaign_addresses(data: MultipartData) -> Result<(), AppError> {
    use crate::error::FieldError;
    use crate::ssr::campaigns::addresses::read_addresses;

    const MAX_BYTES: usize = 1024 * 1024;
    let request = crate::ssr::request::Request::current().await?;
    let who = request.require_reporter()?.clone();
    let upload = crate::ssr::upload::read_upload(data, MAX_BYTES, "The file is larger than 1 MB").await?;
    let db = &request.state.db;
    let campaign = crate::ssr::campaigns::authorised(db, &who, upload.field("campaign")).await?;
    if !campaign.status().addresses_open() || campaign.past_closing(request.now_ms()) {
        return Err(AppError::field("file", "The campaign is closed: no more addresses can be added"));
    }
    let text = upload.csv_text()?;
    let organisations = db.organisations().await?;
    let (_, targets) = db.campaign_targets(campaign.id).await?;
    let targets = targets
        .iter()
        .filter_map(|id| organisations.practice(*id))
        .map(|p| (p.ods_code.clone(), p.id))
        .collect();
    let addresses = read_addresses(&text, &targets).map_err(|problems| AppError::Invalid {
        errors: problems.iter().map(|p| FieldError::new("file", p.to_string())).collect(),
        values: Vec::new(),
    })?;
    let detail = format!("{} addresses for campaign {}", addresses.len(), campaign.public_id);
    let audit = request.audit(crate::domain::audit::AuditAction::CampaignChanged, None, &detail);
    let added = db.add_campaign_addresses(&campaign, &addresses, &audit, request.now_ms()).await?;
    let notice = format!(
        "Added {added} addresses ({} were already in the campaign){}",
        addresses.len() - added,
        if campaign.status().targets_open() { "" } else { ": their invitations are being sent" }
    );
    request.finish_form(&notice, &format!("/campaigns/{}", campaign.public_id)).await;
    Ok(())
}
