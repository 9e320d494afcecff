use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::learning::commitment::Commitment;
use crate::domain::learning::practice_report::CommitmentReport;
use crate::domain::learning::results::Results;
use crate::domain::learning::retention::Retention;
use crate::error::AppError;

/// A finished attempt's results, with the learner's own reflection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultsView {
    pub attempt: String,
    pub slug: String,
    pub module_title: String,
    pub version_number: i64,
    pub completed_at: i64,
    pub results: Results,
    pub reflection: Option<String>,
    /// The changes the learner committed to with their reflection, and what became of each.
    #[serde(default)]
    pub commitments: Vec<(Commitment, Option<CommitmentReport>)>,
    /// Retention by theme: before, after and at each booster answered.
    #[serde(default)]
    pub retention: Retention,
    /// The certificate's verification code and the time spent it records.
    pub certificate: Option<(String, i64)>,
}

/// The results of the learner's own finished attempt. An attempt still in progress has none yet:
/// `Conflict` says so, and the page offers to resume it.
#[server(endpoint = "learning/view_results")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "view_results", skip_all))]
pub async fn view_results(attempt: String) -> Result<ResultsView, AppError> {
    use crate::domain::learning::results::compute;
    use crate::ssr::learning::attempts::own_attempt;
    use crate::ssr::markdown::to_html;

    let request = crate::ssr::request::Request::current().await?;
    let (attempt, version) = own_attempt(&request, &attempt).await?;
    let Some(completed_at) = attempt.completed_at else {
        return Err(AppError::Conflict("You have not finished this module yet".into()));
    };
    let db = &request.state.db;
    let answers = db.answers_in(attempt.id).await?;
    Ok(ResultsView {
        results: compute(&version.definition, &answers, &to_html),
        reflection: db.reflection_of(attempt.id).await?,
        commitments: db
            .commitments_with_outcomes(attempt.id)
            .await?
            .into_iter()
            .map(|c| (c.commitment, c.report))
            .collect(),
        retention: crate::ssr::learning::retention::retention_of(db, attempt.id, &version.definition).await?,
        certificate: db
            .certificate_of(&attempt.public_id, attempt.person)
            .await?
            .map(|c| (c.code, c.minutes_spent)),
        attempt: attempt.public_id,
        slug: version.summary.slug,
        module_title: version.definition.title,
        version_number: version.summary.number,
        completed_at,
    })
}
