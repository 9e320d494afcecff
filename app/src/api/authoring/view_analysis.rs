use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::authoring::analysis::{DecisionStats, ItemStats};
use crate::domain::curriculum::module::ModuleDefinition;
use crate::domain::ids::VersionId;
use crate::error::AppError;

/// How a version's items and decisions perform: the pre-test (what learners knew before the
/// cases, where discrimination means most) and the post-test, and every decision's choices.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub number: i64,
    pub definition: ModuleDefinition,
    pub attempts: usize,
    pub before: Vec<ItemStats>,
    pub after: Vec<ItemStats>,
    pub decisions: Vec<DecisionStats>,
}

/// Item and decision analysis of one version (trainers and admins).
#[server(endpoint = "authoring/view_analysis")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "view_analysis", skip_all))]
pub async fn view_analysis(version: VersionId) -> Result<Analysis, AppError> {
    use std::collections::HashSet;

    use crate::domain::authoring::analysis::{decision_stats, item_stats};

    let request = crate::ssr::request::Request::current().await?;
    let stored = crate::ssr::authoring::readable(&request, version).await?;
    let db = &request.state.db;
    let answers = db.item_answers(version).await?;
    let choices = db.decision_choices(version).await?;
    let definition = stored.definition;
    let items: Vec<String> = definition.items.iter().map(|i| i.key.clone()).collect();
    let (before, after): (Vec<_>, Vec<_>) = answers.into_iter().partition(|a| a.sitting.1);
    let attempts = before.iter().chain(&after).map(|a| a.sitting.0).collect::<HashSet<_>>().len();
    let decisions = definition
        .cases
        .iter()
        .flat_map(|case| {
            case.decisions().map(|(node, options)| {
                let keys: Vec<String> = options.iter().map(|o| o.key.clone()).collect();
                let chosen: Vec<String> = choices
                    .iter()
                    .filter(|choice| choice.case == case.key && choice.node == node.key)
                    .map(|choice| choice.option.clone())
                    .collect();
                decision_stats(&case.key, &node.key, &keys, &chosen)
            })
        })
        .collect();
    Ok(Analysis {
        number: stored.summary.number,
        before: item_stats(&items, &before),
        after: item_stats(&items, &after),
        attempts,
        decisions,
        definition,
    })
}
