// A server function takes one argument per form field, and this form has many.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::error::AppError;

/// Creates a draft campaign in a region the viewer leads, targeting the region's high prescribers
/// (by the chosen measure and months) or, with `targets=chosen`, no practices yet; then opens it.
#[server(endpoint = "campaigns/create_campaign")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "create_campaign", skip_all))]
pub async fn create_campaign(
    region: String,
    name: String,
    modules: Option<Vec<String>>,
    message: Option<String>,
    closes_on: Option<String>,
    reminder_days: Option<String>,
    targets: Option<String>,
    measure: Option<String>,
    from: Option<String>,
    to: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::campaign::CampaignSettings;
    use crate::domain::ids::RegionId;
    use crate::domain::reports::prescribing::measures::Measure;
    use crate::error::FieldError;
    use crate::ssr::campaigns::{NewCampaignForm, Targets, create, parse_month};

    let request = crate::ssr::request::Request::current().await?;
    request.require_reporter()?;
    let slugs = modules.unwrap_or_default();
    let [message, closes_on, reminder_days, targets, measure, from, to] =
        [message, closes_on, reminder_days, targets, measure, from, to].map(Option::unwrap_or_default);
    let keep = [
        ("region", region.as_str()),
        ("name", name.as_str()),
        ("message", message.as_str()),
        ("closes_on", closes_on.as_str()),
        ("reminder_days", reminder_days.as_str()),
        ("targets", targets.as_str()),
        ("measure", measure.as_str()),
        ("from", from.as_str()),
        ("to", to.as_str()),
        ("modules", &slugs.join(",")),
    ];
    let mut errors: Vec<FieldError> = Vec::new();
    let region = region.trim().parse::<i64>().map(RegionId).map_err(|_| {
        errors.push(FieldError::new("region", "Select the campaign's region"));
    });
    let settings = CampaignSettings::parse(&name, &message, &closes_on, &reminder_days, request.now_ms())
        .map_err(|problems| errors.extend(problems.into_iter().map(|(f, m)| FieldError::new(f, m))));
    let published = request.state.db.published_modules().await?;
    let chosen: Vec<_> = published.iter().filter(|m| slugs.contains(&m.slug)).map(|m| m.module).collect();
    if chosen.is_empty() || chosen.len() != slugs.len() {
        errors.push(FieldError::new("modules", "Select at least one published module"));
    }
    let targets = match targets.as_str() {
        "chosen" => Ok(Targets::Chosen),
        "flagged" => {
            let measure =
                Measure::parse(&measure).ok_or_else(|| FieldError::new("measure", "Choose a measure"));
            let from = parse_month(&from, "from");
            let to = parse_month(&to, "to");
            match (measure, from, to) {
                (Ok(measure), Ok(from), Ok(to)) if from <= to => Ok(Targets::Flagged { measure, from, to }),
                (Ok(_), Ok(_), Ok(_)) => {
                    Err(vec![FieldError::new("to", "The last month must not be before the first")])
                }
                (measure, from, to) => {
                    Err([measure.err(), from.err(), to.err()].into_iter().flatten().collect())
                }
            }
        }
        _ => Err(vec![FieldError::new("targets", "Choose how to pick the practices")]),
    }
    .map_err(|problems| errors.extend(problems));
    let (Ok(region), Ok(settings), Ok(targets)) = (region, settings, targets) else {
        return Err(AppError::Invalid { errors, values: Vec::new() }.with_values(&keep));
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid { errors, values: Vec::new() }.with_values(&keep));
    }
    let form = NewCampaignForm { region, settings, modules: chosen, targets };
    let public_id = create(&request, form).await.map_err(|e| e.with_values(&keep))?;
    request.finish_form("Campaign created as a draft", &format!("/campaigns/{public_id}")).await;
    Ok(())
}
