//! An attempt's retention, gathered from its answers: before the cases, straight after, and at each
//! booster answered since.

use crate::domain::curriculum::module::ModuleDefinition;
use crate::domain::learning::follow_up::after_label;
use crate::domain::learning::marking::Certainty;
use crate::domain::learning::retention::{Retention, Stage, StageAnswer, retention};
use crate::domain::learning::step::Step;
use crate::error::AppError;
use crate::ssr::db::Db;

/// The attempt's answers stage by stage, as retention by theme and calibration.
pub async fn retention_of(db: &Db, attempt: i64, module: &ModuleDefinition) -> Result<Retention, AppError> {
    let answers = db.answers_in(attempt).await?;
    let (mut before, mut after) = (Vec::new(), Vec::new());
    for answer in answers {
        let (Some(correct), Some(certainty)) =
            (answer.correct, answer.certainty.and_then(Certainty::from_level))
        else {
            continue;
        };
        match Step::parse(&answer.step) {
            Some(Step::Pre(item)) => before.push(StageAnswer { item, correct, certainty }),
            Some(Step::Post(item)) => after.push(StageAnswer { item, correct, certainty }),
            _ => {}
        }
    }
    let mut stages = vec![
        Stage { label: "Before".into(), answers: before },
        Stage { label: "After".into(), answers: after },
    ];
    stages.extend(
        db.answered_boosters(attempt)
            .await?
            .into_iter()
            .map(|b| Stage { label: after_label(b.after_days), answers: b.answers }),
    );
    Ok(retention(module, &stages))
}
