//! The job worker every app server runs: it claims due jobs from the shared queue
//! (`ssr::db::jobs`) and runs them, then brings the reports' kept months up to date
//! (`ssr::db::month_totals`). Today's jobs are emails: a follow-up's when it falls due, and
//! one reminder a week later if it is still not done; a campaign's invitation to each recipient,
//! and its one reminder to those who have not started; an account's confirmation link, or the note
//! that someone tried to register with its address. A send that fails is put back with
//! a doubling delay; a job finishes only once its email is handed to the outbox or the SMTP
//! server, so a server that dies mid-send leaves the job to another once the lease runs out.

use std::time::Duration;

use tracing::Instrument;

use crate::ssr::account::emails::account_email;
use crate::ssr::campaigns::emails::campaign_email;
use crate::ssr::clock::millis;
use crate::ssr::db::account_emails::ACCOUNT_EMAIL_JOB;
use crate::ssr::db::jobs::ClaimedJob;
use crate::ssr::learning::follow_ups::title_of;
use crate::ssr::state::AppState;

/// How the worker paces itself.
#[derive(Clone, Copy, Debug)]
pub struct JobPace {
    /// How long to sleep when no job is due.
    pub poll: Duration,
    /// The delay before the first retry of a failed job; each later one doubles it.
    pub retry: Duration,
}

/// How long a claim holds a job: far longer than sending one email takes.
const LEASE: Duration = Duration::from_secs(300);
/// The longest wait between retries.
const LONGEST_RETRY: Duration = Duration::from_secs(6 * 3600);

/// Runs due jobs until the task is stopped.
pub async fn run_forever(state: AppState, pace: JobPace) {
    loop {
        loop {
            match run_next(&state, pace).await {
                Ok(true) => continue,
                Ok(false) => break,
                Err(error) => {
                    tracing::error!(%error, "the job queue could not be read");
                    break;
                }
            }
        }
        // The reports' kept months that attempts started or finished since the last look.
        if let Err(error) = state.db.refresh_due_months(state.clock.now_ms(), millis(LEASE)).await {
            tracing::error!(%error, "the reports' months could not be brought up to date");
        }
        tokio::time::sleep(pace.poll).await;
    }
}

/// Claims and runs the next due job: whether there was one.
pub async fn run_next(state: &AppState, pace: JobPace) -> Result<bool, sqlx::Error> {
    let now = state.clock.now_ms();
    let Some(job) = state.db.claim_job(now, now + millis(LEASE)).await? else {
        return Ok(false);
    };
    let span = tracing::info_span!("job", id = job.id, kind = %job.kind, tries = job.tries);
    match run(state, &job).instrument(span.clone()).await {
        Ok(()) => {
            if !state.db.finish_job(&job, state.clock.now_ms()).await? {
                span.in_scope(|| tracing::warn!("a job outlived its lease"));
            }
        }
        Err(reason) => {
            let delay = retry_delay(pace.retry, job.tries);
            span.in_scope(|| {
                tracing::warn!(reason, retry_in_ms = millis(delay), "a job failed and will be retried")
            });
            state.db.retry_job(&job, state.clock.now_ms() + millis(delay), reason).await?;
        }
    }
    Ok(true)
}

/// The delay before retry number `tries`: `first`, then doubling, at most six hours.
fn retry_delay(first: Duration, tries: i64) -> Duration {
    let doublings = u32::try_from(tries.saturating_sub(1)).unwrap_or(0).min(20);
    first.saturating_mul(2u32.saturating_pow(doublings)).min(LONGEST_RETRY)
}

async fn run(state: &AppState, job: &ClaimedJob) -> Result<(), &'static str> {
    match job.kind.as_str() {
        "follow_up_due" => follow_up_email(state, job.subject, false).await,
        "follow_up_reminder" => follow_up_email(state, job.subject, true).await,
        "campaign_invitation" => campaign_email(state, job.subject, false).await,
        "campaign_reminder" => campaign_email(state, job.subject, true).await,
        ACCOUNT_EMAIL_JOB => account_email(state, job.subject).await,
        _ => {
            tracing::error!("a job of an unknown kind was skipped");
            Ok(())
        }
    }
}

/// Emails the learner that a follow-up is due (or, a week later, reminds them), unless it is done,
/// their account is closed or they turned reminders off.
async fn follow_up_email(state: &AppState, follow_up: i64, reminder: bool) -> Result<(), &'static str> {
    let db = &state.db;
    let unavailable = |_| "the database was unavailable";
    let Some(follow_up) = db.follow_up_by_id(follow_up).await.map_err(unavailable)? else { return Ok(()) };
    if follow_up.completed_at.is_some() {
        return Ok(());
    }
    let Some(email) = db.active_email(follow_up.person).await.map_err(unavailable)? else { return Ok(()) };
    let new_token = uuid::Uuid::new_v4().simple().to_string();
    let (token, on) = db.reminder_setting(follow_up.person, &new_token).await.map_err(unavailable)?;
    if !on {
        return Ok(());
    }
    let what = title_of(&follow_up);
    let subject = if reminder {
        format!("Reminder: your {what} for {} is waiting", follow_up.module_title)
    } else {
        format!("Your {what} for {} is ready", follow_up.module_title)
    };
    let link = state.site.link(&format!("/follow-ups/{}", follow_up.public_id));
    let unsubscribe = state.site.link(&format!("/reminders/{token}"));
    let one_click = state.site.link(&format!("/reminders/{token}/one-click"));
    let body = format!(
        "Your {what} for the Casebook module \"{}\" is ready. It takes a few minutes:\n\n{link}\n\n\
         Coming back to what you learnt, weeks later, is what makes it last. You will see how you did \
         beside your results from the module.\n\n\
         To stop these emails, open this link and press the button (no sign-in needed):\n{unsubscribe}\n\
         You can turn them on again in your account.\n",
        follow_up.module_title
    );
    state
        .mailer
        .send_with_unsubscribe(&email, &subject, body, Some(&one_click))
        .await
        .map_err(|_| "the email could not be sent")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_twice_as_long_each_time_up_to_six_hours() {
        let first = Duration::from_secs(60);
        assert_eq!(retry_delay(first, 1), first);
        assert_eq!(retry_delay(first, 2), Duration::from_secs(120));
        assert_eq!(retry_delay(first, 4), Duration::from_secs(480));
        assert_eq!(retry_delay(first, 40), LONGEST_RETRY);
    }
}
