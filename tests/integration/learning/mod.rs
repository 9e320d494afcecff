//! The learner's journey over HTTP: starting and resuming modules, answering every kind of step,
//! the records each answer leaves, results, the knowledge profile, and who may see what.

mod ambivalence;
mod commitments;
mod follow_ups;
mod journey;
mod matched_pairs;
mod option_order;
mod passages;
mod recording;

use app::domain::curriculum::case::NodeKind;
use app::domain::curriculum::module::{ModuleDefinition, VersionStatus};
use app::domain::ids::PersonId;
use app::domain::learning::results::RecordedAnswer;
use app::domain::learning::step::Step;
use app::wire::step_view::{StepContent, StepView};
use casebook_tests::TestApp;

pub const MARGARET: &str = include_str!("../../../curriculum/benzodiazepines/margaret.toml");
pub const PRIYA: &str = include_str!("../../../curriculum/benzodiazepines/priya.toml");
pub const MARGARET_SLUG: &str = "margaret-long-term-temazepam";

/// Imports a module file as a published version.
pub async fn publish(app: &TestApp, text: &str) -> anyhow::Result<ModuleDefinition> {
    app::ssr::curriculum::import_module_file(&app.state.db, text, VersionStatus::Published, None, None, 0)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    app::ssr::module_file::read_module(text).map_err(|p| anyhow::anyhow!("{p:?}"))
}

/// Starts (or resumes) a module as a script would; returns the attempt's public id.
pub async fn start(app: &TestApp, client: &reqwest::Client, slug: &str) -> anyhow::Result<String> {
    let response = app.post(client, "/api/learning/start_module", &[("slug", slug)]).await?;
    anyhow::ensure!(response.status().is_success(), "starting {slug}: {}", response.status());
    let path: String = response.json().await?;
    Ok(path.trim_start_matches("/attempts/").to_owned())
}

/// The step an attempt is on.
pub async fn current(app: &TestApp, client: &reqwest::Client, attempt: &str) -> anyhow::Result<StepView> {
    let response = app.post(client, "/api/learning/view_step", &[("attempt", attempt)]).await?;
    anyhow::ensure!(response.status().is_success(), "viewing {attempt}: {}", response.status());
    Ok(response.json().await?)
}

/// Sends an answer to the step `view` shows, with its own submission key.
pub async fn send(
    app: &TestApp,
    client: &reqwest::Client,
    view: &StepView,
    fields: &[(&str, &str)],
) -> anyhow::Result<reqwest::Response> {
    let mut form = vec![
        ("attempt", view.attempt.as_str()),
        ("step", view.step.as_str()),
        ("key", view.submission.as_str()),
    ];
    form.extend_from_slice(fields);
    app.post(client, "/api/learning/answer_step", &form).await
}

/// How a scripted learner answers knowledge items.
#[derive(Clone, Copy, Debug)]
pub enum Knowing {
    /// The right option, at this certainty.
    Right(&'static str),
    /// A wrong option, at this certainty.
    Wrong(&'static str),
}

/// The fields a learner who answers items as `pre`/`post` say and always takes the best decision
/// sends for the step `view` shows.
pub fn fields_for(
    module: &ModuleDefinition,
    view: &StepView,
    pre: Knowing,
    post: Knowing,
) -> Vec<(&'static str, String)> {
    match Step::parse(&view.step) {
        Some(step @ Step::Pre(_)) => item_fields(module, &step, pre),
        Some(step @ Step::Post(_)) => item_fields(module, &step, post),
        Some(Step::AttitudePre(_)) => vec![("agreement", "2".into())],
        Some(Step::AttitudePost(_)) => vec![("agreement", "4".into())],
        Some(Step::Case { case, node }) => {
            best_choice(module, &case, &node).map(|o| vec![("choice", o)]).unwrap_or_default()
        }
        Some(Step::Reflection) => {
            vec![("reflection", "I will ask before I assume.\nAnd review repeats.".into())]
        }
        _ => Vec::new(),
    }
}

fn item_fields(module: &ModuleDefinition, step: &Step, knowing: Knowing) -> Vec<(&'static str, String)> {
    // The options of the wording the step asks (the post-test may ask a variant).
    let Some(item) = app::domain::learning::journey::asked_at(module, step) else { return Vec::new() };
    let (right, certainty) = match knowing {
        Knowing::Right(c) => (true, c),
        Knowing::Wrong(c) => (false, c),
    };
    let option = item.options.iter().find(|o| o.correct == right).map(|o| o.key.clone()).unwrap_or_default();
    vec![("choice", option), ("certainty", certainty.into())]
}

fn best_choice(module: &ModuleDefinition, case: &str, node: &str) -> Option<String> {
    let node = module.cases.iter().find(|c| c.key == case)?.node(node)?;
    match &node.kind {
        NodeKind::Decision { options, .. } => options.iter().min_by_key(|o| o.rating).map(|o| o.key.clone()),
        _ => None,
    }
}

/// Answers steps until the attempt is finished (or `steps` answers have been sent); returns the
/// last view.
pub async fn answer_steps(
    app: &TestApp,
    client: &reqwest::Client,
    module: &ModuleDefinition,
    attempt: &str,
    (pre, post): (Knowing, Knowing),
    steps: usize,
) -> anyhow::Result<StepView> {
    let mut view = current(app, client, attempt).await?;
    for _ in 0..steps {
        if matches!(view.content, StepContent::Finished { .. }) {
            break;
        }
        let fields = fields_for(module, &view, pre, post);
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let response = send(app, client, &view, &fields).await?;
        anyhow::ensure!(response.status().is_success(), "answering {}: {}", view.step, response.status());
        view = response.json().await?;
    }
    Ok(view)
}

/// The item and decision analysis of the published Margaret module, as the trainer reads it.
pub async fn margaret_analysis(
    app: &TestApp,
) -> anyhow::Result<app::api::authoring::view_analysis::Analysis> {
    let version =
        app.state.db.published_version(MARGARET_SLUG).await?.ok_or_else(|| anyhow::anyhow!("none"))?;
    let trainer = app.signed_in(casebook_tests::TRAINER).await?;
    let version = version.summary.version.0.to_string();
    let response = app.post(&trainer, "/api/authoring/view_analysis", &[("version", &version)]).await?;
    anyhow::ensure!(response.status().is_success(), "the analysis: {}", response.status());
    Ok(response.json().await?)
}

/// The answers recorded in a person's attempt, straight from the database.
pub async fn recorded(app: &TestApp, person: PersonId, attempt: &str) -> anyhow::Result<Vec<RecordedAnswer>> {
    let stored =
        app.state.db.attempt_of(attempt, person).await?.ok_or_else(|| anyhow::anyhow!("no attempt"))?;
    Ok(app.state.db.answers_in(stored.id).await?)
}

/// The step an attempt is on, straight from the database.
pub async fn stored_step(app: &TestApp, person: PersonId, attempt: &str) -> anyhow::Result<String> {
    let stored =
        app.state.db.attempt_of(attempt, person).await?.ok_or_else(|| anyhow::anyhow!("no attempt"))?;
    Ok(stored.current_step)
}

/// Answers steps (rightly, with the best choice unless `choices` names the option for a decision's
/// step id, such as `case:jim:reframe`) until the attempt reaches the step `until` (`done` for the
/// end).
pub async fn play_until(
    app: &TestApp,
    learner: &reqwest::Client,
    module: &ModuleDefinition,
    attempt: &str,
    choices: &[(&str, &str)],
    until: &str,
) -> anyhow::Result<StepView> {
    let mut view = current(app, learner, attempt).await?;
    for _ in 0..100 {
        if view.step == until || (until == "done" && matches!(view.content, StepContent::Finished { .. })) {
            return Ok(view);
        }
        let chosen = choices.iter().find(|(step, _)| *step == view.step).map(|(_, option)| *option);
        let fields = match chosen {
            Some(option) => vec![("choice", option.to_owned())],
            None => fields_for(module, &view, Knowing::Right("2"), Knowing::Right("2")),
        };
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let response = send(app, learner, &view, &fields).await?;
        anyhow::ensure!(response.status().is_success(), "answering {}: {}", view.step, response.status());
        view = response.json().await?;
    }
    anyhow::bail!("{until} was never reached")
}
