//! Reads what a learner submitted at a step into an [`Answer`], with a message for each problem,
//! and marks it for the record.

use crate::domain::curriculum::case::NodeKind;
use crate::domain::curriculum::module::ModuleDefinition;
use crate::domain::learning::ambivalence::is_evaluation;
use crate::domain::learning::commitment::{CommitmentDraft, MOST_COMMITMENTS, field_name, parse_commitments};
use crate::domain::learning::journey::{Agreement, Answer, REFLECTION_MAX_CHARS, asked_at};
use crate::domain::learning::marking::{self, Certainty};
use crate::domain::learning::step::Step;
use crate::domain::time::format_iso_date;
use crate::error::{AppError, FormCheck};
use crate::wire::answer_fields::AnswerFields;

/// The fields of the player's form, as submitted.
#[derive(Clone, Debug, Default)]
pub struct Submission {
    pub choice: Option<String>,
    pub certainty: Option<String>,
    pub agreement: Option<String>,
    pub reflection: Option<String>,
    /// The changes the learner commits to, with the reflection.
    pub commitments: Vec<CommitmentDraft>,
    /// Today in the UK (`YYYY-MM-DD`), set by the server: a commitment cannot fall due before it.
    pub today: String,
}

/// How an answer is recorded: its kind and value, and for knowledge items and decisions, how
/// good it was.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Marked {
    pub answer: Option<String>,
    pub correct: Option<bool>,
    pub certainty: Option<i64>,
    pub score: Option<i64>,
    pub rating: Option<&'static str>,
}

impl Submission {
    /// The fields a form sent, on the learner's day `now_ms`.
    pub fn of(fields: AnswerFields, now_ms: i64) -> Submission {
        Submission {
            choice: fields.choice,
            certainty: fields.certainty,
            agreement: fields.agreement,
            reflection: fields.reflection,
            commitments: fields.commitments,
            today: format_iso_date(now_ms),
        }
    }
}

fn given(field: &Option<String>) -> &str {
    field.as_deref().map(str::trim).unwrap_or("")
}

/// Reads the submission for `step`. Every problem is reported at once, with the values to show
/// again (the reflection included, so nothing written is lost).
pub fn read(module: &ModuleDefinition, step: &Step, submission: &Submission) -> Result<Answer, AppError> {
    let keep = [
        ("choice", given(&submission.choice)),
        ("certainty", given(&submission.certainty)),
        ("agreement", given(&submission.agreement)),
        ("reflection", submission.reflection.as_deref().unwrap_or("")),
    ];
    let commitment_values = commitment_values(&submission.commitments);
    let keep: Vec<(&str, &str)> =
        keep.into_iter().chain(commitment_values.iter().map(|(k, v)| (k.as_str(), v.as_str()))).collect();
    let mut check = FormCheck::default();
    let answer = match step {
        Step::Pre(_) | Step::Post(_) => {
            let asked = asked_at(module, step);
            let offered =
                asked.as_ref().map(|i| i.options.iter().map(|o| o.key.as_str()).collect::<Vec<_>>());
            let option =
                check.field("choice", chosen(submission, offered.unwrap_or_default(), "Select an answer"));
            let certainty = check.field("certainty", Certainty::parse(given(&submission.certainty)));
            option.zip(certainty).map(|(option, certainty)| Answer::Item { option, certainty })
        }
        Step::AttitudePre(key) | Step::AttitudePost(key) => {
            let parsed = Agreement::parse(given(&submission.agreement)).map_err(|message| {
                if is_evaluation(module, key) && given(&submission.agreement).is_empty() {
                    "Select how much, from 'not at all' to 'extremely'".to_owned()
                } else {
                    message
                }
            });
            check.field("agreement", parsed).map(Answer::Attitude)
        }
        Step::Case { case, node } => match decision_options(module, case, node) {
            Some(offered) => check
                .field("choice", chosen(submission, offered, "Select what you would do"))
                .map(|option| Answer::Decision { option }),
            None => Some(Answer::Continue),
        },
        Step::Reflection => {
            let text = check.field("reflection", reflection(submission));
            let commitments = parse_commitments(&submission.commitments, &submission.today)
                .map_err(|problems| {
                    problems.into_iter().for_each(|(field, message)| check.fail(&field, message))
                })
                .ok();
            text.zip(commitments).map(|(text, commitments)| Answer::Reflection { text, commitments })
        }
        Step::Intro | Step::Feedback { .. } | Step::Done => Some(Answer::Continue),
    };
    check.finish(&keep)?;
    answer.ok_or(AppError::Internal)
}

fn chosen(submission: &Submission, offered: Vec<&str>, missing: &str) -> Result<String, String> {
    match given(&submission.choice) {
        "" => Err(missing.to_owned()),
        key if offered.contains(&key) => Ok(key.to_owned()),
        _ => Err("Select one of the options shown".to_owned()),
    }
}

fn decision_options<'a>(module: &'a ModuleDefinition, case: &str, node: &str) -> Option<Vec<&'a str>> {
    let node = module.cases.iter().find(|c| c.key == case)?.node(node)?;
    match &node.kind {
        NodeKind::Decision { options, .. } => Some(options.iter().map(|o| o.key.as_str()).collect()),
        _ => None,
    }
}

/// The commitment fields as sent, to show again if the form comes back with a problem.
fn commitment_values(drafts: &[CommitmentDraft]) -> Vec<(String, String)> {
    drafts
        .iter()
        .take(MOST_COMMITMENTS)
        .enumerate()
        .flat_map(|(i, d)| {
            [("what", &d.what), ("patients", &d.patients), ("by", &d.by)]
                .map(|(part, value)| (field_name(i, part), value.clone()))
        })
        .collect()
}

fn reflection(submission: &Submission) -> Result<String, String> {
    let text = submission.reflection.as_deref().unwrap_or("").trim();
    let length = text.chars().count();
    if text.is_empty() {
        Err("Write what you will do differently".into())
    } else if length > REFLECTION_MAX_CHARS {
        Err(format!("Your reflection must be {REFLECTION_MAX_CHARS} characters or fewer; it has {length}"))
    } else {
        Ok(text.to_owned())
    }
}

/// The record of an answer: correctness and certainty-based mark for items, the rating of a
/// decision. A reflection's text is not part of it (it is kept apart, privately).
pub fn mark(module: &ModuleDefinition, step: &Step, answer: &Answer) -> Marked {
    match (step, answer) {
        (Step::Pre(_) | Step::Post(_), Answer::Item { option, certainty }) => {
            let asked = asked_at(module, step);
            let correct = asked.as_ref().and_then(|i| i.correct_option()).is_some_and(|o| o.key == *option);
            Marked {
                answer: Some(option.clone()),
                correct: Some(correct),
                certainty: Some(certainty.level()),
                score: Some(marking::mark(correct, *certainty)),
                rating: None,
            }
        }
        (_, Answer::Attitude(agreement)) => {
            Marked { answer: Some(agreement.value().to_string()), ..Marked::default() }
        }
        (Step::Case { case, node }, Answer::Decision { option }) => {
            let rating = module
                .cases
                .iter()
                .find(|c| c.key == *case)
                .and_then(|c| c.node(node))
                .and_then(|n| match &n.kind {
                    NodeKind::Decision { options, .. } => options.iter().find(|o| o.key == *option),
                    _ => None,
                })
                .map(|o| o.rating.code());
            Marked { answer: Some(option.clone()), rating, ..Marked::default() }
        }
        _ => Marked::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssr::curriculum::FIRST_CURRICULUM;
    use crate::ssr::module_file::read_module;

    fn module() -> ModuleDefinition {
        read_module(FIRST_CURRICULUM[0]).expect("the first module reads")
    }

    fn submission(choice: &str, certainty: &str) -> Submission {
        Submission { choice: Some(choice.into()), certainty: Some(certainty.into()), ..Submission::default() }
    }

    fn messages(result: Result<Answer, AppError>) -> Vec<(String, String)> {
        match result {
            Err(AppError::Invalid { errors, .. }) => {
                errors.into_iter().map(|e| (e.field, e.message)).collect()
            }
            other => panic!("expected field errors, got {other:?}"),
        }
    }

    #[test]
    fn an_item_needs_an_offered_option_and_a_certainty() {
        let module = module();
        let step = Step::Pre(module.items[0].key.clone());
        assert_eq!(
            messages(read(&module, &step, &Submission::default())),
            [
                ("choice".into(), "Select an answer".into()),
                ("certainty".into(), "Select how sure you are of your answer".into())
            ]
        );
        assert_eq!(
            messages(read(&module, &step, &submission("z", "3"))),
            [("choice".into(), "Select one of the options shown".into())]
        );
        assert_eq!(
            messages(read(&module, &step, &submission("a", "4"))),
            [("certainty".into(), "Select a certainty of 1, 2 or 3".into())]
        );
        assert!(matches!(read(&module, &step, &submission("a", "3")), Ok(Answer::Item { .. })));
    }

    #[test]
    fn items_are_marked_by_certainty() {
        let module = module();
        let item = &module.items[0];
        let step = Step::Post(item.key.clone());
        let right = item.correct_option().expect("a correct option").key.clone();
        let wrong = item.options.iter().find(|o| !o.correct).expect("a wrong option").key.clone();
        let marked = |option: &str, certainty| {
            mark(&module, &step, &Answer::Item { option: option.into(), certainty })
        };
        assert_eq!(marked(&right, Certainty::High).score, Some(3));
        assert_eq!(marked(&wrong, Certainty::High).score, Some(-6));
        assert_eq!(marked(&wrong, Certainty::Low).correct, Some(false));
    }

    #[test]
    fn a_decision_needs_one_of_its_options_and_is_rated() {
        let module = module();
        let case = &module.cases[0];
        let (node, options) = case.decisions().next().expect("a decision");
        let step = Step::Case { case: case.key.clone(), node: node.key.clone() };
        assert_eq!(
            messages(read(&module, &step, &Submission::default())),
            [("choice".into(), "Select what you would do".into())]
        );
        let answer = read(&module, &step, &submission(&options[0].key, "")).expect("a decision");
        assert_eq!(mark(&module, &step, &answer).rating, Some(options[0].rating.code()));
    }

    #[test]
    fn a_reflection_must_be_written_and_not_too_long_and_is_kept_on_error() {
        let module = module();
        let write = |text: &str| Submission { reflection: Some(text.into()), ..Submission::default() };
        assert_eq!(
            messages(read(&module, &Step::Reflection, &write("   "))),
            [("reflection".into(), "Write what you will do differently".into())]
        );
        let long = "x".repeat(REFLECTION_MAX_CHARS + 1);
        let error = read(&module, &Step::Reflection, &write(&long)).expect_err("too long");
        assert_eq!(error.value_for("reflection"), Some(long.as_str()));
        assert_eq!(
            read(&module, &Step::Reflection, &write(" Ask first. ")),
            Ok(Answer::Reflection { text: "Ask first.".into(), commitments: vec![] })
        );
        let note = mark(
            &module,
            &Step::Reflection,
            &Answer::Reflection { text: "private".into(), commitments: vec![] },
        );
        assert_eq!(note, Marked::default(), "the text is never part of the response record");
    }

    #[test]
    fn steps_that_only_inform_take_no_fields() {
        let module = module();
        assert_eq!(read(&module, &Step::Intro, &Submission::default()), Ok(Answer::Continue));
    }
}
