//! The learner's own attempts: opening one (only the learner's own), showing its current step, and
//! recording answers with the xAPI statements they make (and, at the end, the certificate).

use super::answers::{self, Submission};
use super::option_order::{recorded, shown_order};
use super::player;
use crate::domain::curriculum::case::ChoiceMade;
use crate::domain::curriculum::module::ModuleDefinition;
use crate::domain::evidence::time_spent::{capped_total_ms, whole_minutes};
use crate::domain::learning::attempt::is_public_id;
use crate::domain::learning::follow_up::{due_at, schedule};
use crate::domain::learning::journey;
use crate::domain::learning::marking::Certainty;
use crate::domain::learning::passages;
use crate::domain::learning::profile::ProfileAnswer;
use crate::domain::learning::results::post_test;
use crate::domain::learning::step::Step;
use crate::domain::reports::record::{ReportRecord, report_record};
use crate::error::AppError;
use crate::ssr::db::attempts::{Attempt, NewAnswer, Recorded};
use crate::ssr::db::curriculum::StoredVersion;
use crate::ssr::db::evidence::{NewCertificate, NewStatement};
use crate::ssr::db::follow_ups::NewFollowUp;
use crate::ssr::evidence::{new_verification_code, xapi};
use crate::ssr::request::Request;
use crate::wire::step_view::StepView;

/// An attempt of the signed-in learner, with the module version it is pinned to. Another
/// person's attempt, or an id that is not one, is not found: nobody learns whether it exists.
pub async fn own_attempt(request: &Request, public_id: &str) -> Result<(Attempt, StoredVersion), AppError> {
    let person = request.user()?.principal.person;
    if !is_public_id(public_id) {
        return Err(AppError::NotFound);
    }
    let db = &request.state.db;
    let attempt = db.attempt_of(public_id, person).await?.ok_or(AppError::NotFound)?;
    let version = db.version_by_id(attempt.version).await?.ok_or(AppError::NotFound)?;
    Ok((attempt, version))
}

/// The step the attempt is on.
pub fn current_step(attempt: &Attempt, version: &StoredVersion) -> Result<Step, AppError> {
    Step::parse(&attempt.current_step).filter(|s| journey::exists(&version.definition, s)).ok_or_else(|| {
        tracing::error!(attempt = attempt.id, "an attempt is on a step its version does not have");
        AppError::Internal
    })
}

/// The view of the attempt's current step.
pub async fn current_view(
    request: &Request,
    attempt: &Attempt,
    version: &StoredVersion,
    notice: Option<String>,
) -> Result<StepView, AppError> {
    let step = current_step(attempt, version)?;
    view_of(request, attempt, &version.definition, &step, notice).await
}

/// The view of `step` in the attempt, with the choices made earlier in its case where its node's
/// passages depend on them (read only then: most steps need no more than the module).
async fn view_of(
    request: &Request,
    attempt: &Attempt,
    module: &ModuleDefinition,
    step: &Step,
    notice: Option<String>,
) -> Result<StepView, AppError> {
    let made: Vec<ChoiceMade> = match step {
        Step::Case { case, .. } if passages::needs_choices(module, step) => {
            passages::choices_made(&request.state.db.answers_in(attempt.id).await?, case)
        }
        _ => Vec::new(),
    };
    Ok(player::step_view(&attempt.public_id, module, step, &made, notice))
}

/// An answer as the player's form sends it.
pub struct Answering<'a> {
    pub step: &'a str,
    pub key: &'a str,
    pub submission: Submission,
}

/// Records an answer to the attempt's current step and returns the view of the step after it.
/// Nothing is recorded for a bad answer (the error says why), a repeat of an answer already
/// recorded, or an answer to a step the attempt has left (the view says so).
pub async fn answer(
    request: &Request,
    attempt: &Attempt,
    version: &StoredVersion,
    answering: Answering<'_>,
) -> Result<StepView, AppError> {
    if !uuid::Uuid::try_parse(answering.key).is_ok_and(|u| u.hyphenated().to_string() == answering.key) {
        return Err(AppError::BadRequest(
            "This form is not one Casebook sent. Reload the page and try again".into(),
        ));
    }
    let module = &version.definition;
    let current = current_step(attempt, version)?;
    let Some(step) = Step::parse(answering.step).filter(|s| journey::exists(module, s)) else {
        return Err(AppError::BadRequest(
            "This step is not part of the module. Reload the page and try again".into(),
        ));
    };
    if step != current {
        return current_view(request, attempt, version, Some(already_answered(&step, &current))).await;
    }
    let reply = answers::read(module, &step, &answering.submission)?;
    let next = journey::advance(module, &step, &reply).ok_or(AppError::Internal)?;
    let marked = answers::mark(module, &step, &reply);
    let option_order = shown_order(&attempt.public_id, module, &step).map(|order| recorded(&order));
    let (reflection, commitments) = match &reply {
        journey::Answer::Reflection { text, commitments } => (Some(text.as_str()), commitments.as_slice()),
        _ => (None, [].as_slice()),
    };
    let now = request.now_ms();
    let time_on_step_ms = (now - attempt.step_started_at).max(0);
    let situation = xapi::Situation {
        site: &request.state.site.public_url,
        person: attempt.person,
        registration: &attempt.public_id,
        module,
        version_number: version.summary.number,
        now_ms: now,
    };
    let mut statements: Vec<NewStatement> =
        xapi::answered(&situation, &step, &marked, time_on_step_ms).into_iter().collect();
    if step == Step::Reflection {
        statements.push(xapi::reflected(&situation, time_on_step_ms));
    }
    let finished = match next {
        Step::Done => {
            let ending = Ending { time_on_last_step_ms: time_on_step_ms, committed: !commitments.is_empty() };
            Some(finish(request, attempt, module, &situation, ending, &mut statements).await?)
        }
        _ => None,
    };
    let new = NewAnswer {
        attempt,
        step: &step,
        next_step: &next,
        kind: journey::response_kind(&step, &reply),
        answer: marked.answer.as_deref(),
        correct: marked.correct,
        certainty: marked.certainty,
        score: marked.score,
        rating: marked.rating,
        option_order: option_order.as_deref(),
        reflection,
        commitments,
        idempotency_key: answering.key,
        time_on_step_ms,
        statements: &statements,
        certificate: finished.as_ref().map(|f| &f.certificate),
        report_record: finished.as_ref().map(|f| &f.report_record),
        follow_ups: finished.as_ref().map_or(&[], |f| f.follow_ups.as_slice()),
    };
    let db = &request.state.db;
    match db.record_answer(&new, now).await? {
        Recorded::Saved => view_of(request, attempt, module, &next, None).await,
        Recorded::AlreadyRecorded | Recorded::StepAlreadyAnswered => {
            let (moved, version) = own_attempt(request, &attempt.public_id).await?;
            let current = current_step(&moved, &version)?;
            view_of(request, &moved, module, &current, Some(already_answered(&step, &current))).await
        }
        Recorded::KeyReused => {
            Err(AppError::BadRequest("This form was already used. Reload the page and try again".into()))
        }
    }
}

/// How the last step went: its time, and whether the learner committed to any change.
struct Ending {
    time_on_last_step_ms: i64,
    committed: bool,
}

/// What finishing an attempt adds: the "completed" statement (with the post-test score and the
/// time spent), the certificate, measured from the records with each step's time capped, the
/// attempt's summary for the reports, and the follow-ups that will fall due.
async fn finish(
    request: &Request,
    attempt: &Attempt,
    module: &ModuleDefinition,
    situation: &xapi::Situation<'_>,
    ending: Ending,
    statements: &mut Vec<NewStatement>,
) -> Result<Finished, AppError> {
    let db = &request.state.db;
    let mut times = db.step_times(attempt.id).await?;
    times.push(ending.time_on_last_step_ms);
    let spent_ms = capped_total_ms(times);
    let answers = db.answers_in(attempt.id).await?;
    let post = post_test(module, &answers);
    statements.push(xapi::completed(situation, &post, spent_ms));
    Ok(Finished {
        certificate: NewCertificate { code: new_verification_code(), minutes_spent: whole_minutes(spent_ms) },
        report_record: report_record(module, &answers),
        follow_ups: schedule(module, ending.committed)
            .into_iter()
            .map(|s| NewFollowUp {
                public_id: uuid::Uuid::new_v4().to_string(),
                kind: s.kind,
                after_days: s.after_days,
                due_at: due_at(situation.now_ms, s.after_days),
            })
            .collect(),
    })
}

/// What finishing an attempt records beside the last answer.
struct Finished {
    certificate: NewCertificate,
    report_record: ReportRecord,
    follow_ups: Vec<NewFollowUp>,
}

/// The post-test answers behind the learner's knowledge profile, each with its item's themes.
pub async fn profile_answers(request: &Request) -> Result<Vec<ProfileAnswer>, AppError> {
    let person = request.user()?.principal.person;
    let db = &request.state.db;
    let rows = db.latest_post_test_answers(person).await?;
    let mut versions: Vec<StoredVersion> = Vec::new();
    let mut answers = Vec::with_capacity(rows.len());
    for answer in rows {
        if !versions.iter().any(|v| v.summary.version == answer.version) {
            versions.extend(db.version_by_id(answer.version).await?);
        }
        let item = versions
            .iter()
            .find(|v| v.summary.version == answer.version)
            .and_then(|v| v.definition.items.iter().find(|i| i.key == answer.item));
        if let (Some(item), Some(certainty)) = (item, Certainty::from_level(answer.certainty)) {
            answers.push(ProfileAnswer { themes: item.themes.clone(), correct: answer.correct, certainty });
        }
    }
    Ok(answers)
}

fn already_answered(answered: &Step, current: &Step) -> String {
    if *current == Step::Done {
        "You had already finished this module, so that answer was not recorded again.".into()
    } else if matches!(answered, Step::Intro) {
        "You had already started; you are back where you left off.".into()
    } else {
        "You had already answered that step, so your answer was not recorded again. \
         You are back where you left off."
            .into()
    }
}
