//! The emails a campaign's jobs send: each recipient's invitation, and one reminder after the
//! campaign's number of days to those who have not started. A registered GP is invited to the
//! modules; an uploaded address is invited to register first (a single-use link, valid until the
//! campaign closes). Nothing goes out once a campaign is closed or past its closing day; while it
//! is paused a job fails and is retried later, so it goes out after the campaign resumes.

use crate::domain::campaign::CampaignStatus;
use crate::domain::time::format_uk_date;
use crate::ssr::auth::tokens::new_token;
use crate::ssr::db::campaigns::{CampaignRecord, RecipientRecord};
use crate::ssr::state::AppState;

const DAY_MS: i64 = 86_400_000;

/// Sends a recipient's invitation (or, with `reminder`, their reminder), once.
pub async fn campaign_email(state: &AppState, recipient: i64, reminder: bool) -> Result<(), &'static str> {
    let db = &state.db;
    let unavailable = |_| "the database was unavailable";
    let Some(recipient) = db.campaign_recipient(recipient).await.map_err(unavailable)? else { return Ok(()) };
    let Some(campaign) = db.campaign_by_id(recipient.campaign_id).await.map_err(unavailable)? else {
        return Ok(());
    };
    let now = state.clock.now_ms();
    let closes_at = campaign.closes_at_ms();
    match campaign.status() {
        CampaignStatus::Paused => return Err("the campaign is paused"),
        CampaignStatus::Draft | CampaignStatus::Closed => return Ok(()),
        CampaignStatus::Running if now >= closes_at => return Ok(()),
        CampaignStatus::Running => {}
    }
    let done = if reminder {
        recipient.reminded_at.is_some()
            || db.campaign_recipient_started(recipient.id).await.map_err(unavailable)?
    } else {
        recipient.invited_at.is_some()
    };
    if done {
        return Ok(());
    }
    let Some((to, registration)) = address(state, &campaign, &recipient, closes_at).await? else {
        return Ok(());
    };
    let modules = module_lines(state, campaign.id).await?;
    let (subject, body) = compose(&campaign, &modules, registration.as_deref(), closes_at, reminder);
    state.mailer.send(&to, &subject, body).await.map_err(|_| "the email could not be sent")?;
    if reminder {
        db.campaign_reminded(recipient.id, now).await.map_err(unavailable)
    } else {
        db.campaign_invited(recipient.id, now + campaign.reminder_days * DAY_MS, now)
            .await
            .map_err(unavailable)
    }
}

/// Where to write, and for someone not yet registered the link that registers them (a fresh
/// single-use token each time, its hash stored on their invitation). `None` for a closed account.
async fn address(
    state: &AppState,
    campaign: &CampaignRecord,
    recipient: &RecipientRecord,
    closes_at: i64,
) -> Result<Option<(String, Option<String>)>, &'static str> {
    let unavailable = |_| "the database was unavailable";
    let db = &state.db;
    if let Some(person) = recipient.person_id {
        return Ok(db.active_email(person).await.map_err(unavailable)?.map(|email| (email, None)));
    }
    let Some(email) = recipient.email.clone() else { return Ok(None) };
    let (token, token_hash) = new_token();
    let creator = db.campaign_creator(campaign.id).await.map_err(unavailable)?;
    db.campaign_registration_invitation(recipient, creator, &token_hash, closes_at, state.clock.now_ms())
        .await
        .map_err(unavailable)?;
    Ok(Some((email, Some(state.site.link(&format!("/invitations/accept?token={token}"))))))
}

/// "Title (about N minutes): link", one line per module of the campaign.
async fn module_lines(state: &AppState, campaign: i64) -> Result<Vec<String>, &'static str> {
    let unavailable = |_| "the database was unavailable";
    let (modules, _) = state.db.campaign_targets(campaign).await.map_err(unavailable)?;
    let published = state.db.published_modules().await.map_err(unavailable)?;
    Ok(published
        .iter()
        .filter(|m| modules.contains(&m.module))
        .map(|m| {
            let link = state.site.link(&format!("/modules/{}", m.slug));
            format!("- {} (about {} minutes): {link}", m.title, m.estimated_minutes)
        })
        .collect())
}

/// The subject and text of an invitation or reminder.
fn compose(
    campaign: &CampaignRecord,
    modules: &[String],
    registration: Option<&str>,
    closes_at: i64,
    reminder: bool,
) -> (String, String) {
    let closes = format_uk_date(closes_at - 1);
    let subject = if reminder {
        format!("Reminder: {}", campaign.name)
    } else {
        format!("{}: an invitation to Casebook", campaign.name)
    };
    let opening = if reminder {
        "You have not started the modules below yet: there is still time.\n\n".to_owned()
    } else {
        String::new()
    };
    let how = match registration {
        Some(link) => format!(
            "To take part, create your Casebook account with this link. It works once, until {closes}{}:\n\n\
             {link}\n\nThen start with any of these modules:\n",
            if reminder { ", and replaces the link in our first email" } else { "" }
        ),
        None => "The modules, each on a case from general practice:\n".to_owned(),
    };
    let body = format!(
        "{opening}{}\n\n{how}{}\n\nThe campaign closes on {closes}. If you were not expecting this, you can \
         ignore this email.\n",
        campaign.message,
        modules.join("\n")
    );
    (subject, body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::RegionId;
    use crate::domain::time::parse_uk_date_end;

    fn campaign() -> CampaignRecord {
        CampaignRecord {
            id: 1,
            public_id: "c".into(),
            region_id: RegionId(1),
            name: "Winter hypnotics".into(),
            message: "Dear colleague, join us.".into(),
            closes_on: "2027-02-28".into(),
            reminder_days: 14,
            status: "running".into(),
            targeted_by: String::new(),
            created_at: 0,
            started_at: Some(0),
        }
    }

    #[test]
    fn an_invitation_to_register_carries_its_link_and_the_modules() {
        let closes_at = parse_uk_date_end("2027-02-28").unwrap_or(0);
        let modules =
            vec!["- Margaret (about 25 minutes): https://casebook.example/modules/margaret".to_owned()];
        let (subject, body) = compose(
            &campaign(),
            &modules,
            Some("https://casebook.example/invitations/accept?token=t"),
            closes_at,
            false,
        );
        assert_eq!(subject, "Winter hypnotics: an invitation to Casebook");
        assert!(body.starts_with("Dear colleague, join us."), "{body}");
        assert!(body.contains("It works once, until 28 February 2027:\n\nhttps://casebook.example/invitations/accept?token=t"), "{body}");
        assert!(body.contains(&modules[0]));
        let (subject, body) = compose(&campaign(), &modules, None, closes_at, true);
        assert_eq!(subject, "Reminder: Winter hypnotics");
        assert!(body.starts_with("You have not started"), "{body}");
        assert!(!body.contains("create your Casebook account"));
    }
}
