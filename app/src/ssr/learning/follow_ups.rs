//! Follow-ups on the server: opening one (only the learner's own, and only once due), choosing a
//! booster's questions the first time it is opened, and recording a booster's answers or the
//! twelve-week report once, with the xAPI statements they make.

use super::option_order::booster_order;
use crate::domain::curriculum::item::KnowledgeItem;
use crate::domain::curriculum::module::ModuleDefinition;
use crate::domain::learning::attempt::is_public_id;
use crate::domain::learning::booster::{
    BoosterDraft, LastAnswer, asked_entry, choose_items, choose_variant, field_name, parse_asked_entry,
    read_answers,
};
use crate::domain::learning::follow_up::{FollowUpKind, after_adjective};
use crate::domain::learning::marking::{self, Certainty};
use crate::domain::learning::practice_report::{self, ReportDraft, read_reports};
use crate::domain::learning::results::TestScore;
use crate::domain::learning::step::Step;
use crate::domain::time::format_uk_date;
use crate::error::{AppError, FieldError};
use crate::ssr::db::curriculum::StoredVersion;
use crate::ssr::db::follow_ups::{FollowUp, RecordedBoosterAnswer};
use crate::ssr::evidence::xapi::{self, Situation};
use crate::ssr::markdown::to_html;
use crate::ssr::request::Request;
use crate::wire::follow_up_view::{
    BoosterQuestion, FollowUpContent, FollowUpSummary, FollowUpView, MarkedQuestion,
};
use crate::wire::step_view::Choice;

/// The signed-in learner's follow-up at this address, with its module version.
pub async fn own_follow_up(
    request: &Request,
    public_id: &str,
) -> Result<(FollowUp, StoredVersion), AppError> {
    let person = request.user()?.principal.person;
    if !is_public_id(public_id) {
        return Err(AppError::NotFound);
    }
    let db = &request.state.db;
    let follow_up =
        db.follow_up(public_id).await?.filter(|f| f.person == person).ok_or(AppError::NotFound)?;
    let version = db.version_by_id(follow_up.version).await?.ok_or(AppError::NotFound)?;
    Ok((follow_up, version))
}

/// "2-week booster" or "12-week follow-up".
pub fn title_of(follow_up: &FollowUp) -> String {
    let when = after_adjective(follow_up.after_days);
    match follow_up.kind {
        FollowUpKind::Booster => format!("{when} booster"),
        FollowUpKind::Practice => format!("{when} follow-up on your changes"),
    }
}

/// The follow-up's page as it stands.
pub async fn view(
    request: &Request,
    follow_up: &FollowUp,
    version: &StoredVersion,
) -> Result<FollowUpView, AppError> {
    let module = &version.definition;
    let content = if follow_up.due_at > request.now_ms() {
        FollowUpContent::NotDue { due_date: format_uk_date(follow_up.due_at) }
    } else {
        match (follow_up.kind, follow_up.completed_at.is_some()) {
            (FollowUpKind::Booster, false) => {
                let items = booster_items(request, follow_up, module).await?;
                let questions = items
                    .iter()
                    .map(|item| BoosterQuestion {
                        stem_html: to_html(&item.stem),
                        options: options(follow_up, module, item),
                    })
                    .collect();
                FollowUpContent::Booster { questions }
            }
            (FollowUpKind::Booster, true) => marked(request, follow_up, module).await?,
            (FollowUpKind::Practice, done) => {
                let commitments = request.state.db.commitments_with_outcomes(follow_up.attempt_id).await?;
                if done {
                    let reported = commitments.into_iter().map(|c| (c.commitment, c.report)).collect();
                    FollowUpContent::PracticeReported { commitments: reported }
                } else {
                    FollowUpContent::Practice {
                        commitments: commitments.into_iter().map(|c| c.commitment).collect(),
                    }
                }
            }
        }
    };
    Ok(FollowUpView {
        public_id: follow_up.public_id.clone(),
        module_title: follow_up.module_title.clone(),
        title: title_of(follow_up),
        results_path: format!("/attempts/{}/results", follow_up.attempt_public_id),
        content,
    })
}

/// The items a booster asks, each as worded for it, chosen the first time it is opened from the
/// learner's latest answer to each (the post-test's, or an earlier booster's) with a variant not yet
/// asked where the item has one, then fixed.
async fn booster_items(
    request: &Request,
    follow_up: &FollowUp,
    module: &ModuleDefinition,
) -> Result<Vec<KnowledgeItem>, AppError> {
    let db = &request.state.db;
    let entries = match &follow_up.items {
        Some(keys) => keys.clone(),
        None => {
            let mut latest: Vec<LastAnswer> = db
                .answers_in(follow_up.attempt_id)
                .await?
                .into_iter()
                .filter_map(|a| match Step::parse(&a.step) {
                    Some(Step::Post(item)) => {
                        Some(LastAnswer { item, correct: a.correct?, certainty: a.certainty? })
                    }
                    _ => None,
                })
                .collect();
            for booster in db.answered_boosters(follow_up.attempt_id).await? {
                for answer in booster.answers {
                    latest.retain(|l| l.item != answer.item);
                    latest.push(LastAnswer {
                        item: answer.item,
                        correct: answer.correct,
                        certainty: answer.certainty.level(),
                    });
                }
            }
            let earlier = db.other_boosters_items(follow_up).await?;
            db.fix_booster_items(
                follow_up.id,
                &with_variants(module, &choose_items(module, &latest), &earlier),
            )
            .await?
        }
    };
    Ok(entries.iter().filter_map(|entry| asked_item(module, entry)).collect())
}

/// Each chosen item's entry, with the first variant the attempt's other boosters have not asked.
fn with_variants(module: &ModuleDefinition, chosen: &[String], earlier: &[String]) -> Vec<String> {
    chosen
        .iter()
        .filter_map(|key| module.items.iter().find(|i| i.key == *key))
        .map(|item| {
            // The post-test's wording, and those earlier boosters asked, are not new to the learner.
            let asked: Vec<String> = earlier
                .iter()
                .filter_map(|entry| match parse_asked_entry(entry) {
                    (key, Some(variant)) if key == item.key => Some(variant),
                    _ => None,
                })
                .chain(item.post_test_variant())
                .map(str::to_owned)
                .collect();
            asked_entry(&item.key, choose_variant(item, &asked).as_deref())
        })
        .collect()
}

/// The item an entry of a booster's list names, as worded for it.
fn asked_item(module: &ModuleDefinition, entry: &str) -> Option<KnowledgeItem> {
    let (key, variant) = parse_asked_entry(entry);
    module.items.iter().find(|i| i.key == key).map(|item| item.as_asked(variant))
}

fn options(follow_up: &FollowUp, module: &ModuleDefinition, item: &KnowledgeItem) -> Vec<Choice> {
    booster_order(&follow_up.public_id, &follow_up.attempt_public_id, module, item)
        .iter()
        .filter_map(|key| item.options.iter().find(|o| o.key == *key))
        .map(|o| Choice { key: o.key.clone(), text: o.text.clone() })
        .collect()
}

/// A booster's answers with their marks and feedback.
async fn marked(
    request: &Request,
    follow_up: &FollowUp,
    module: &ModuleDefinition,
) -> Result<FollowUpContent, AppError> {
    let answers = request.state.db.booster_answers(follow_up.id).await?;
    let asked: Vec<KnowledgeItem> =
        follow_up.items.iter().flatten().filter_map(|entry| asked_item(module, entry)).collect();
    let questions: Vec<MarkedQuestion> = answers
        .iter()
        .filter_map(|a| marked_question(module, asked.iter().find(|i| i.key == a.item)?, a))
        .collect();
    let score = TestScore {
        marks: questions.iter().map(|q| q.mark).sum(),
        maximum: marking::maximum(questions.len()),
        correct: questions.iter().filter(|q| q.correct).count(),
        items: questions.len(),
    };
    Ok(FollowUpContent::BoosterMarked { questions, score })
}

fn marked_question(
    module: &ModuleDefinition,
    item: &KnowledgeItem,
    answer: &RecordedBoosterAnswer,
) -> Option<MarkedQuestion> {
    let chosen = item.options.iter().find(|o| o.key == answer.answer)?;
    let right = item.correct_option()?;
    let certainty = Certainty::from_level(answer.certainty)?;
    Some(MarkedQuestion {
        stem_html: to_html(&item.stem),
        chosen: chosen.text.clone(),
        correct: answer.correct,
        certainty: certainty.label().to_owned(),
        mark: marking::mark(answer.correct, certainty),
        chosen_feedback_html: to_html(&chosen.feedback),
        right: (!answer.correct).then(|| (right.text.clone(), to_html(&right.feedback))),
        references: item.references.iter().filter_map(|key| module.reference(key)).cloned().collect(),
    })
}

/// What a follow-up's answers are recorded with.
fn situation<'a>(request: &'a Request, follow_up: &'a FollowUp, version: &'a StoredVersion) -> Situation<'a> {
    Situation {
        site: &request.state.site.public_url,
        person: follow_up.person,
        registration: &follow_up.attempt_public_id,
        module: &version.definition,
        version_number: version.summary.number,
        now_ms: request.now_ms(),
    }
}

/// Refuses a follow-up that is not yet due.
fn must_be_due(request: &Request, follow_up: &FollowUp) -> Result<(), AppError> {
    if follow_up.due_at > request.now_ms() {
        return Err(AppError::BadRequest(format!(
            "This follow-up opens on {}. Come back then",
            format_uk_date(follow_up.due_at)
        )));
    }
    Ok(())
}

/// Records a booster's answers once; a repeat (a double click, the back button) records nothing
/// more.
pub async fn answer_booster(
    request: &Request,
    public_id: &str,
    drafts: &[BoosterDraft],
) -> Result<FollowUp, AppError> {
    let (follow_up, version) = own_follow_up(request, public_id).await?;
    must_be_due(request, &follow_up)?;
    if follow_up.kind != FollowUpKind::Booster || follow_up.completed_at.is_some() {
        return Ok(follow_up);
    }
    let module = &version.definition;
    let items = booster_items(request, &follow_up, module).await?;
    let asked: Vec<&KnowledgeItem> = items.iter().collect();
    let answers =
        read_answers(&asked, drafts).map_err(|problems| invalid(problems, &booster_values(drafts)))?;
    let situation = situation(request, &follow_up, &version);
    let mut statements = Vec::with_capacity(answers.len() + 1);
    let mut ordered = Vec::with_capacity(answers.len());
    for (answer, item) in answers.into_iter().zip(&items) {
        let order = booster_order(&follow_up.public_id, &follow_up.attempt_public_id, module, item);
        statements.extend(xapi::booster_answered(&situation, follow_up.after_days, item, &answer));
        ordered.push((answer, order.join(",")));
    }
    let given: Vec<_> = ordered.iter().map(|(a, _)| a.clone()).collect();
    statements.push(xapi::booster_completed(&situation, follow_up.after_days, &given));
    request.state.db.record_booster(&follow_up, &ordered, &statements, request.now_ms()).await?;
    Ok(follow_up)
}

/// Records what became of each commitment once.
pub async fn report_practice(
    request: &Request,
    public_id: &str,
    drafts: &[ReportDraft],
) -> Result<FollowUp, AppError> {
    let (follow_up, version) = own_follow_up(request, public_id).await?;
    must_be_due(request, &follow_up)?;
    if follow_up.kind != FollowUpKind::Practice || follow_up.completed_at.is_some() {
        return Ok(follow_up);
    }
    let commitments = request.state.db.commitments_with_outcomes(follow_up.attempt_id).await?;
    let reports = read_reports(commitments.len(), drafts)
        .map_err(|problems| invalid(problems, &report_values(drafts)))?;
    let situation = situation(request, &follow_up, &version);
    let statements: Vec<_> = reports
        .iter()
        .enumerate()
        .map(|(index, report)| xapi::commitment_reported(&situation, index + 1, report))
        .collect();
    let reports: Vec<_> = commitments.iter().map(|c| c.id).zip(reports).collect();
    request.state.db.record_practice_report(&follow_up, &reports, &statements, request.now_ms()).await?;
    Ok(follow_up)
}

fn invalid(problems: Vec<(String, String)>, values: &[(String, String)]) -> AppError {
    let errors = problems.into_iter().map(|(field, message)| FieldError::new(&field, message)).collect();
    let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    AppError::Invalid { errors, values: Vec::new() }.with_values(&values)
}

fn booster_values(drafts: &[BoosterDraft]) -> Vec<(String, String)> {
    drafts
        .iter()
        .enumerate()
        .flat_map(|(i, d)| {
            [("choice", &d.choice), ("certainty", &d.certainty)]
                .into_iter()
                .filter_map(move |(part, value)| Some((field_name(i, part), value.clone()?)))
        })
        .collect()
}

fn report_values(drafts: &[ReportDraft]) -> Vec<(String, String)> {
    let field = practice_report::field_name;
    drafts
        .iter()
        .enumerate()
        .flat_map(|(i, d)| {
            let mut values =
                vec![(field(i, "happened"), d.happened.clone()), (field(i, "other"), d.other.clone())];
            values.extend(d.outcome.clone().map(|o| (field(i, "outcome"), o)));
            values.extend(d.barriers.iter().filter_map(|code| {
                let barrier = crate::domain::learning::follow_up::Barrier::parse(code)?;
                Some((practice_report::barrier_field(i, barrier), code.clone()))
            }));
            values
        })
        .collect()
}

/// The learner's follow-ups for My learning: those due and not done first, then those to come, then
/// those done.
pub async fn summaries(request: &Request) -> Result<Vec<FollowUpSummary>, AppError> {
    let person = request.user()?.principal.person;
    let now = request.now_ms();
    let mut summaries: Vec<FollowUpSummary> = request
        .state
        .db
        .follow_ups_of(person)
        .await?
        .iter()
        .map(|f| FollowUpSummary {
            public_id: f.public_id.clone(),
            module_title: f.module_title.clone(),
            title: title_of(f),
            due_date: format_uk_date(f.due_at),
            due: f.due_at <= now,
            done: f.completed_at.is_some(),
        })
        .collect();
    summaries.sort_by_key(|s| match (s.done, s.due) {
        (false, true) => 0,
        (false, false) => 1,
        (true, _) => 2,
    });
    Ok(summaries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::curriculum::item::ItemVariant;
    use crate::domain::learning::fixture;

    #[test]
    fn a_booster_asks_a_wording_neither_the_post_test_nor_an_earlier_booster_asked() {
        let mut module = fixture::module();
        let options = module.items[0].options.clone();
        let variant =
            |key: &str| ItemVariant { key: key.into(), stem: format!("{key}?"), options: options.clone() };
        module.items[0].variants = vec![variant("b"), variant("c"), variant("d")];
        let key = module.items[0].key.clone();
        // "b" is the post-test's; "c" went to the first booster.
        assert_eq!(with_variants(&module, std::slice::from_ref(&key), &[]), [format!("{key}:c")]);
        assert_eq!(
            with_variants(&module, std::slice::from_ref(&key), &[format!("{key}:c")]),
            [format!("{key}:d")]
        );
        let all = [format!("{key}:c"), format!("{key}:d")];
        assert_eq!(
            with_variants(&module, std::slice::from_ref(&key), &all),
            [key],
            "none left: the item's own wording"
        );
    }
}
