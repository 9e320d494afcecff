//! Deanery campaigns: a lead invites the GPs of chosen practices to chosen modules and follows
//! them through a funnel (invited → registered → started → completed → follow-ups done). What a
//! campaign may do next depends on where it is; its settings are checked here, once.

pub mod funnel;

use serde::{Deserialize, Serialize};

use crate::domain::text::{long_text, short_text};
use crate::domain::time::{parse_uk_date_end, parse_uk_date_start};

pub const MAX_NAME_CHARS: usize = 120;
pub const MAX_MESSAGE_CHARS: usize = 2_000;
/// Reminders go out after 1 to 60 days.
pub const REMINDER_DAYS: std::ops::RangeInclusive<i64> = 1..=60;
/// A campaign runs for at most a year.
const LONGEST_MS: i64 = 366 * 86_400_000;

/// Where a campaign is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CampaignStatus {
    /// Being prepared: targets and addresses can change; nobody has been sent anything.
    Draft,
    Running,
    /// Nothing is sent until it is resumed.
    Paused,
    /// Over: nothing more is sent, and it cannot be started again.
    Closed,
}

/// What a lead can do to a campaign.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CampaignAction {
    Start,
    Pause,
    Resume,
    Close,
}

impl CampaignStatus {
    pub fn code(self) -> &'static str {
        match self {
            CampaignStatus::Draft => "draft",
            CampaignStatus::Running => "running",
            CampaignStatus::Paused => "paused",
            CampaignStatus::Closed => "closed",
        }
    }

    pub fn parse(code: &str) -> Option<CampaignStatus> {
        [CampaignStatus::Draft, CampaignStatus::Running, CampaignStatus::Paused, CampaignStatus::Closed]
            .into_iter()
            .find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            CampaignStatus::Draft => "Draft",
            CampaignStatus::Running => "Running",
            CampaignStatus::Paused => "Paused",
            CampaignStatus::Closed => "Closed",
        }
    }

    /// Where `action` leads from here, if it may be taken.
    pub fn after(self, action: CampaignAction) -> Option<CampaignStatus> {
        use CampaignAction::*;
        use CampaignStatus::*;
        match (self, action) {
            (Draft, Start) => Some(Running),
            (Running, Pause) => Some(Paused),
            (Paused, Resume) => Some(Running),
            (Draft | Running | Paused, Close) => Some(Closed),
            _ => None,
        }
    }

    /// The actions open from here, in the order the page offers them.
    pub fn actions(self) -> Vec<CampaignAction> {
        [CampaignAction::Start, CampaignAction::Pause, CampaignAction::Resume, CampaignAction::Close]
            .into_iter()
            .filter(|a| self.after(*a).is_some())
            .collect()
    }

    /// Whether its target practices may still change (before anyone is invited).
    pub fn targets_open(self) -> bool {
        self == CampaignStatus::Draft
    }

    /// Whether addresses may be added: before the start, or while it runs (they are invited at once).
    pub fn addresses_open(self) -> bool {
        matches!(self, CampaignStatus::Draft | CampaignStatus::Running | CampaignStatus::Paused)
    }
}

impl CampaignAction {
    pub fn code(self) -> &'static str {
        match self {
            CampaignAction::Start => "start",
            CampaignAction::Pause => "pause",
            CampaignAction::Resume => "resume",
            CampaignAction::Close => "close",
        }
    }

    pub fn parse(code: &str) -> Option<CampaignAction> {
        [CampaignAction::Start, CampaignAction::Pause, CampaignAction::Resume, CampaignAction::Close]
            .into_iter()
            .find(|a| a.code() == code)
    }

    /// The button's words.
    pub fn label(self) -> &'static str {
        match self {
            CampaignAction::Start => "Start the campaign and send the invitations",
            CampaignAction::Pause => "Pause",
            CampaignAction::Resume => "Resume",
            CampaignAction::Close => "Close the campaign",
        }
    }

    /// What the page says once it is done.
    pub fn done(self) -> &'static str {
        match self {
            CampaignAction::Start => "Campaign started: the invitations are being sent",
            CampaignAction::Pause => "Campaign paused: nothing will be sent until you resume it",
            CampaignAction::Resume => "Campaign resumed",
            CampaignAction::Close => "Campaign closed",
        }
    }
}

/// A campaign's settings as a lead writes them, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CampaignSettings {
    pub name: String,
    pub message: String,
    /// `YYYY-MM-DD`.
    pub closes_on: String,
    /// The instant the closing day ends (UK time).
    pub closes_at_ms: i64,
    pub reminder_days: i64,
}

/// One field's problem: (field, message).
pub type FieldProblem = (&'static str, String);

impl CampaignSettings {
    /// Checks every field at once (so the form lists every problem), for a campaign made at `now_ms`.
    pub fn parse(
        name: &str,
        message: &str,
        closes_on: &str,
        reminder_days: &str,
        now_ms: i64,
    ) -> Result<CampaignSettings, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let name =
            short_text(name, "the campaign's name", MAX_NAME_CHARS).map_err(|m| problems.push(("name", m)));
        let message = long_text(message, "a message to the GPs", MAX_MESSAGE_CHARS)
            .map_err(|m| problems.push(("message", m)));
        let closes = match parse_uk_date_end(closes_on) {
            Ok(end) if end <= now_ms => Err("The closing date must be in the future".to_owned()),
            Ok(end) if end - now_ms > LONGEST_MS => Err("A campaign can run for a year at most".to_owned()),
            Ok(end) => parse_uk_date_start(closes_on).map(|_| end),
            Err(message) => Err(message),
        }
        .map_err(|m| problems.push(("closes_on", m)));
        let days =
            reminder_days.trim().parse::<i64>().ok().filter(|d| REMINDER_DAYS.contains(d)).ok_or_else(|| {
                problems.push(("reminder_days", "Enter a number of days from 1 to 60".to_owned()));
            });
        match (name, message, closes, days) {
            (Ok(name), Ok(message), Ok(closes_at_ms), Ok(reminder_days)) => Ok(CampaignSettings {
                name,
                message,
                closes_on: closes_on.trim().to_owned(),
                closes_at_ms,
                reminder_days,
            }),
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests;
