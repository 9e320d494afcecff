//! Learning events as xAPI 1.0.3 statements, so Casebook's records fit the learning record stores
//! deaneries already run. The learner is an account on this site (their id, never their email);
//! verbs come from the ADL vocabulary; results carry the certainty-based score, success, response
//! and duration; the context carries the attempt as the registration and the module version as the
//! revision. A reflection's text is never put in a statement: it stays private.

use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::domain::curriculum::case::{NodeKind, Rating};
use crate::domain::curriculum::item::KnowledgeItem;
use crate::domain::curriculum::module::ModuleDefinition;
use crate::domain::evidence::time_spent::iso_duration;
use crate::domain::ids::PersonId;
use crate::domain::learning::booster::BoosterAnswer;
use crate::domain::learning::follow_up::Outcome;
use crate::domain::learning::journey::{Agreement, asked_at};
use crate::domain::learning::marking;
use crate::domain::learning::practice_report::CommitmentReport;
use crate::domain::learning::results::TestScore;
use crate::domain::learning::step::Step;
use crate::ssr::db::evidence::NewStatement;
use crate::ssr::learning::answers::Marked;

const LANGUAGE: &str = "en-GB";
const MODULE_TYPE: &str = "http://adlnet.gov/expapi/activities/module";
const INTERACTION_TYPE: &str = "http://adlnet.gov/expapi/activities/cmi.interaction";

/// The verbs Casebook uses, from the ADL vocabulary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verb {
    Launched,
    Answered,
    Commented,
    Completed,
}

impl Verb {
    pub const ALL: [Verb; 4] = [Verb::Launched, Verb::Answered, Verb::Commented, Verb::Completed];

    pub fn word(self) -> &'static str {
        match self {
            Verb::Launched => "launched",
            Verb::Answered => "answered",
            Verb::Commented => "commented",
            Verb::Completed => "completed",
        }
    }

    fn to_json(self) -> Value {
        json!({ "id": format!("http://adlnet.gov/expapi/verbs/{}", self.word()), "display": { LANGUAGE: self.word() } })
    }
}

/// Who did what, where and when: what every statement of an attempt shares.
pub struct Situation<'a> {
    /// This site's public address, the home of its accounts and activities.
    pub site: &'a str,
    pub person: PersonId,
    /// The attempt's public id (a UUID).
    pub registration: &'a str,
    pub module: &'a ModuleDefinition,
    pub version_number: i64,
    pub now_ms: i64,
}

impl Situation<'_> {
    fn module_id(&self) -> String {
        format!("{}/modules/{}", self.site, self.module.slug)
    }

    fn activity(&self, path: &str) -> String {
        format!("{}/{path}", self.module_id())
    }

    fn extension(&self, name: &str) -> String {
        format!("{}/xapi/extensions/{name}", self.site)
    }

    fn module_activity(&self) -> Value {
        json!({
            "objectType": "Activity",
            "id": self.module_id(),
            "definition": {
                "type": MODULE_TYPE,
                "name": { LANGUAGE: self.module.title },
                "description": { LANGUAGE: self.module.summary.trim() },
            },
        })
    }

    fn statement(
        &self,
        verb: Verb,
        object: Value,
        result: Option<Value>,
        grouping: Option<String>,
    ) -> NewStatement {
        let id = uuid::Uuid::new_v4().to_string();
        let timestamp = rfc3339(self.now_ms);
        let mut activities = serde_json::Map::new();
        // The module is the parent of what happens in it, not of itself.
        if !matches!(verb, Verb::Launched | Verb::Completed) {
            activities.insert("parent".into(), json!([{ "objectType": "Activity", "id": self.module_id() }]));
        }
        if let Some(grouping) = grouping {
            activities.insert("grouping".into(), json!([{ "objectType": "Activity", "id": grouping }]));
        }
        let mut context = json!({
            "registration": self.registration,
            "revision": self.version_number.to_string(),
            "platform": "Casebook",
            "language": LANGUAGE,
        });
        if !activities.is_empty() {
            context["contextActivities"] = Value::Object(activities);
        }
        let mut statement = json!({
            "id": id,
            "actor": { "objectType": "Agent", "account": { "homePage": self.site, "name": self.person.to_string() } },
            "verb": verb.to_json(),
            "object": object,
            "context": context,
            "timestamp": timestamp,
            "stored": timestamp,
            "authority": { "objectType": "Agent", "account": { "homePage": self.site, "name": "casebook" } },
            "version": "1.0.3",
        });
        if let Some(result) = result {
            statement["result"] = result;
        }
        NewStatement { statement_id: id, verb: verb.word(), body: statement.to_string() }
    }
}

/// RFC 3339 (ISO 8601) in UTC, to the millisecond.
fn rfc3339(ms: i64) -> String {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into())
}

/// A score scaled to −1..1: positive marks against the most, negative against the least.
fn score(raw: i64, min: i64, max: i64) -> Value {
    let scaled = if raw >= 0 { raw as f64 / max.max(1) as f64 } else { raw as f64 / min.abs().max(1) as f64 };
    json!({ "raw": raw, "min": min, "max": max, "scaled": (scaled * 1000.0).round() / 1000.0 })
}

/// The learner opened the module (a new attempt).
pub fn launched(situation: &Situation) -> NewStatement {
    situation.statement(Verb::Launched, situation.module_activity(), None, None)
}

/// The learner answered a question, a statement or a decision; nothing for steps that only inform.
pub fn answered(
    situation: &Situation,
    step: &Step,
    marked: &Marked,
    duration_ms: i64,
) -> Option<NewStatement> {
    let duration = iso_duration(duration_ms);
    let response = marked.answer.clone()?;
    let (object, result, grouping) = match step {
        Step::Pre(_) | Step::Post(_) => {
            let phase = if matches!(step, Step::Pre(_)) { "pre-test" } else { "post-test" };
            let certainty = situation.extension("certainty");
            let result = json!({
                "score": score(marked.score?, marking::mark(false, marking::Certainty::High), 3),
                "success": marked.correct?,
                "response": response,
                "duration": duration,
                "extensions": { certainty: marked.certainty? },
            });
            let asked = asked_at(situation.module, step)?;
            (wording_activity(situation, &asked)?, result, situation.activity(phase))
        }
        Step::AttitudePre(key) | Step::AttitudePost(key) => {
            let phase =
                if matches!(step, Step::AttitudePre(_)) { "attitudes-before" } else { "attitudes-after" };
            let result = json!({ "response": response, "duration": duration });
            (attitude_activity(situation, key)?, result, situation.activity(phase))
        }
        Step::Case { case, node } => {
            let rating = situation.extension("rating");
            let result = json!({
                "success": marked.rating == Some(Rating::Best.code()),
                "response": response,
                "duration": duration,
                "extensions": { rating: marked.rating? },
            });
            (decision_activity(situation, case, node)?, result, situation.activity(&format!("cases/{case}")))
        }
        _ => return None,
    };
    Some(situation.statement(Verb::Answered, object, Some(result), Some(grouping)))
}

/// The learner wrote their reflection (its text stays private).
pub fn reflected(situation: &Situation, duration_ms: i64) -> NewStatement {
    let object = json!({
        "objectType": "Activity",
        "id": situation.activity("reflection"),
        "definition": {
            "type": INTERACTION_TYPE,
            "name": { LANGUAGE: "What will you do differently?" },
            "interactionType": "long-fill-in",
        },
    });
    let result = json!({ "completion": true, "duration": iso_duration(duration_ms) });
    situation.statement(Verb::Commented, object, Some(result), None)
}

/// The learner finished the module: the post-test score and the time spent.
pub fn completed(situation: &Situation, post: &TestScore, time_spent_ms: i64) -> NewStatement {
    let mut result = json!({ "completion": true, "duration": iso_duration(time_spent_ms) });
    if post.items > 0 {
        let least = marking::mark(false, marking::Certainty::High) * post.items as i64;
        result["score"] = score(post.marks, least, post.maximum);
    }
    situation.statement(Verb::Completed, situation.module_activity(), Some(result), None)
}

/// The learner answered a booster question, weeks after the module: grouped under the booster, so
/// a record store can follow retention item by item.
pub fn booster_answered(
    situation: &Situation,
    after_days: u32,
    asked: &KnowledgeItem,
    answer: &BoosterAnswer,
) -> Option<NewStatement> {
    let certainty = situation.extension("certainty");
    let result = json!({
        "score": score(answer.score, marking::mark(false, marking::Certainty::High), 3),
        "success": answer.correct,
        "response": answer.choice,
        "extensions": { certainty: answer.certainty.level() },
    });
    let object = wording_activity(situation, asked)?;
    let grouping = situation.activity(&format!("boosters/{after_days}-days"));
    Some(situation.statement(Verb::Answered, object, Some(result), Some(grouping)))
}

/// The learner finished a booster: its certainty-based score.
pub fn booster_completed(situation: &Situation, after_days: u32, answers: &[BoosterAnswer]) -> NewStatement {
    let marks = answers.iter().map(|a| a.score).sum();
    let least = marking::mark(false, marking::Certainty::High) * answers.len() as i64;
    let result = json!({ "completion": true, "score": score(marks, least, marking::maximum(answers.len())) });
    let object = json!({
        "objectType": "Activity",
        "id": situation.activity(&format!("boosters/{after_days}-days")),
        "definition": {
            "type": "http://adlnet.gov/expapi/activities/assessment",
            "name": { LANGUAGE: format!("Booster questions, {after_days} days after the module") },
        },
    });
    situation.statement(Verb::Completed, object, Some(result), None)
}

/// The learner said what became of a commitment to change: done, partly or not done, and the
/// barriers' codes. What they committed to and what happened stay private, like the reflection.
pub fn commitment_reported(
    situation: &Situation,
    position: usize,
    report: &CommitmentReport,
) -> NewStatement {
    let barriers = situation.extension("barriers");
    let object = json!({
        "objectType": "Activity",
        "id": situation.activity(&format!("commitments/{position}")),
        "definition": {
            "type": INTERACTION_TYPE,
            "name": { LANGUAGE: format!("Did you make change {position}?") },
            "interactionType": "choice",
            "choices": Outcome::ALL.map(|o| json!({ "id": o.code(), "description": { LANGUAGE: o.label() } })),
        },
    });
    let result = json!({
        "response": report.outcome.code(),
        "success": report.outcome == Outcome::Done,
        "extensions": { barriers: report.barriers.iter().map(|b| b.code()).collect::<Vec<_>>() },
    });
    let grouping = situation.activity("follow-ups/practice");
    situation.statement(Verb::Answered, object, Some(result), Some(grouping))
}

/// A knowledge item as asked: the item's own activity, or for a variant an activity of its own
/// (`items/<key>/variants/<variant>`), so a record store never mixes two wordings' choices.
fn wording_activity(situation: &Situation, asked: &KnowledgeItem) -> Option<Value> {
    let item = situation.module.items.iter().find(|i| i.key == asked.key)?;
    let path = match item.variants.iter().find(|v| v.stem == asked.stem) {
        Some(variant) if item.stem != asked.stem => format!("items/{}/variants/{}", item.key, variant.key),
        _ => format!("items/{}", item.key),
    };
    asked_activity(situation, asked, &path)
}

/// A knowledge item as asked, as the activity at `path` under the module.
fn asked_activity(situation: &Situation, item: &KnowledgeItem, path: &str) -> Option<Value> {
    let choices: Vec<Value> =
        item.options.iter().map(|o| json!({ "id": o.key, "description": { LANGUAGE: o.text } })).collect();
    Some(json!({
        "objectType": "Activity",
        "id": situation.activity(path),
        "definition": {
            "type": INTERACTION_TYPE,
            "name": { LANGUAGE: item.stem },
            "interactionType": "choice",
            "correctResponsesPattern": [item.correct_option()?.key],
            "choices": choices,
        },
    }))
}

fn attitude_activity(situation: &Situation, key: &str) -> Option<Value> {
    let attitude = situation.module.attitudes.iter().find(|a| a.key == key)?;
    let scale: Vec<Value> = Agreement::LABELS
        .iter()
        .enumerate()
        .map(|(i, label)| json!({ "id": (i + 1).to_string(), "description": { LANGUAGE: label } }))
        .collect();
    Some(json!({
        "objectType": "Activity",
        "id": situation.activity(&format!("attitudes/{key}")),
        "definition": {
            "type": INTERACTION_TYPE,
            "name": { LANGUAGE: attitude.statement },
            "interactionType": "likert",
            "scale": scale,
        },
    }))
}

fn decision_activity(situation: &Situation, case_key: &str, node_key: &str) -> Option<Value> {
    let case = situation.module.cases.iter().find(|c| c.key == case_key)?;
    let NodeKind::Decision { question, options, .. } = &case.node(node_key)?.kind else { return None };
    let choices: Vec<Value> =
        options.iter().map(|o| json!({ "id": o.key, "description": { LANGUAGE: o.text } })).collect();
    let best: Vec<&str> =
        options.iter().filter(|o| o.rating == Rating::Best).map(|o| o.key.as_str()).collect();
    Some(json!({
        "objectType": "Activity",
        "id": situation.activity(&format!("cases/{case_key}/{node_key}")),
        "definition": {
            "type": INTERACTION_TYPE,
            "name": { LANGUAGE: question },
            "interactionType": "choice",
            "correctResponsesPattern": best,
            "choices": choices,
        },
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssr::curriculum::FIRST_CURRICULUM;
    use crate::ssr::module_file::read_module;

    fn body(statement: &NewStatement) -> Value {
        serde_json::from_str(&statement.body).expect("JSON")
    }

    #[test]
    fn timestamps_are_rfc_3339_in_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_795_000_000_123), "2026-11-18T11:06:40.123Z");
    }

    #[test]
    fn scaled_scores_stay_between_minus_one_and_one() {
        assert_eq!(score(-6, -6, 3)["scaled"], json!(-1.0));
        assert_eq!(score(3, -6, 3)["scaled"], json!(1.0));
        assert_eq!(score(-2, -6, 3)["scaled"], json!(-0.333));
        assert_eq!(score(0, 0, 0)["scaled"], json!(0.0));
    }

    #[test]
    fn an_answer_carries_its_score_certainty_and_phase_but_never_a_reflection() {
        let module = read_module(FIRST_CURRICULUM[0]).expect("a module");
        let situation = Situation {
            site: "https://casebook.example",
            person: PersonId(7),
            registration: "67e55044-10b1-426f-9247-bb680e5fe0c8",
            module: &module,
            version_number: 2,
            now_ms: 0,
        };
        let key = &module.items[0].key;
        let marked = Marked {
            answer: Some("b".into()),
            correct: Some(false),
            certainty: Some(2),
            score: Some(-2),
            rating: None,
        };
        let statement = answered(&situation, &Step::Post(key.clone()), &marked, 42_500).expect("a statement");
        let json = body(&statement);
        assert_eq!(json["actor"]["account"]["name"], "7");
        assert_eq!(json["result"]["score"]["raw"], -2);
        assert_eq!(json["result"]["duration"], "PT42.5S");
        assert_eq!(json["result"]["extensions"]["https://casebook.example/xapi/extensions/certainty"], 2);
        assert_eq!(json["context"]["revision"], "2");
        assert_eq!(
            json["context"]["contextActivities"]["grouping"][0]["id"],
            format!("https://casebook.example/modules/{}/post-test", module.slug)
        );
        let reflection = body(&reflected(&situation, 1000));
        assert_eq!(reflection["verb"]["id"], "http://adlnet.gov/expapi/verbs/commented");
        assert!(reflection["result"].get("response").is_none());
        let unmarked = Marked::default();
        assert!(answered(&situation, &Step::Intro, &unmarked, 0).is_none());
    }
}
