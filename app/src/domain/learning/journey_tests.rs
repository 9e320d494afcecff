use super::*;
use crate::domain::learning::fixture;
use crate::domain::learning::marking::Certainty;

fn step(id: &str) -> Step {
    Step::parse(id).expect("a step id")
}

fn item(option: &str) -> Answer {
    Answer::Item { option: option.into(), certainty: Certainty::Medium }
}

fn agree() -> Answer {
    Answer::Attitude(Agreement::parse("4").expect("an agreement"))
}

fn decide(option: &str) -> Answer {
    Answer::Decision { option: option.into() }
}

#[test]
fn the_best_path_visits_every_section_in_order() {
    let module = fixture::module();
    let answers = [
        (first_step(), Answer::Continue),
        (step("pre:one"), item("b")),
        (step("pre:two"), item("a")),
        (step("attitude-pre:earned"), agree()),
        (step("case:case:meet"), Answer::Continue),
        (step("case:case:choose"), decide("talk")),
        (step("feedback:case:choose:talk"), Answer::Continue),
        (step("case:case:good"), Answer::Continue),
        (step("post:one"), item("a")),
        (step("post:two"), item("c")),
        (step("attitude-post:earned"), agree()),
        (step("reflection"), Answer::Reflection { text: "Ask first.".into(), commitments: vec![] }),
    ];
    let mut at = first_step();
    for (expected, answer) in answers {
        assert_eq!(at, expected);
        assert!(exists(&module, &at), "{at}");
        at = advance(&module, &at, &answer).unwrap_or_else(|| panic!("{at} refused {answer:?}"));
    }
    assert_eq!(at, Step::Done);
    assert_eq!(advance(&module, &at, &Answer::Continue), None);
}

#[test]
fn a_decision_leads_through_its_feedback_to_its_own_branch() {
    let module = fixture::module();
    let feedback = advance(&module, &step("case:case:choose"), &decide("repeat"));
    assert_eq!(feedback, Some(step("feedback:case:choose:repeat")));
    let next = advance(&module, &step("feedback:case:choose:repeat"), &Answer::Continue);
    assert_eq!(next, Some(step("case:case:bad")));
}

#[test]
fn answers_that_do_not_fit_the_step_are_refused() {
    let module = fixture::module();
    let refused = [
        (step("pre:one"), item("z")),
        (step("pre:one"), Answer::Continue),
        (step("post:two"), decide("a")),
        (step("attitude-pre:earned"), item("a")),
        (step("case:case:choose"), decide("shrug")),
        (step("case:case:choose"), Answer::Continue),
        (step("case:case:meet"), decide("talk")),
        (step("intro"), Answer::Reflection { text: "x".into(), commitments: vec![] }),
        (step("reflection"), Answer::Continue),
        (step("feedback:case:meet:talk"), Answer::Continue),
        (step("pre:missing"), item("a")),
    ];
    for (at, answer) in refused {
        assert_eq!(advance(&module, &at, &answer), None, "{at} accepted {answer:?}");
    }
}

#[test]
fn only_the_modules_own_steps_exist() {
    let module = fixture::module();
    for id in
        ["pre:three", "attitude-post:other", "case:case:nowhere", "case:other:meet", "feedback:case:choose:x"]
    {
        assert!(!exists(&module, &step(id)), "{id}");
    }
    assert!(exists(&module, &step("feedback:case:choose:talk")));
}

#[test]
fn bearings_give_the_section_and_place_in_it() {
    let module = fixture::module();
    let at = |id: &str| bearings(&module, &step(id));
    assert_eq!(at("pre:two"), Bearings { section: Section::PreTest, position: Some((2, 2)) });
    assert_eq!(
        at("attitude-post:earned"),
        Bearings { section: Section::AttitudesAfter, position: Some((1, 1)) }
    );
    assert_eq!(at("case:case:choose"), Bearings { section: Section::Case, position: None });
    assert_eq!(at("intro").section, Section::Introduction);
}

#[test]
fn agreement_parsing_names_the_problem() {
    assert_eq!(Agreement::parse("5").map(Agreement::value), Ok(5));
    assert_eq!(Agreement::parse(""), Err("Select how much you agree with the statement".into()));
    for bad in ["0", "6", "agree", "-3"] {
        assert_eq!(Agreement::parse(bad), Err("Select one of the five answers".into()), "{bad}");
    }
    assert_eq!(Agreement::label_of(1), "Strongly disagree");
    assert_eq!(Agreement::label_of(9), "No answer");
}

#[test]
fn a_choice_at_a_case_node_is_recorded_as_a_decision() {
    let node = Step::Case { case: "c".into(), node: "n".into() };
    assert_eq!(response_kind(&node, &Answer::Decision { option: "a".into() }), "decision");
    assert_eq!(response_kind(&node, &Answer::Continue), "continue");
    assert_eq!(response_kind(&Step::Pre("q".into()), &Answer::Continue), "pre_item");
    assert_eq!(
        response_kind(&Step::Reflection, &Answer::Reflection { text: "x".into(), commitments: vec![] }),
        "reflection"
    );
}

#[test]
fn the_post_test_asks_a_variant_only_when_one_is_left_for_the_boosters() {
    use crate::domain::curriculum::item::{ItemOption, ItemVariant};
    let mut module = fixture::module();
    let options: Vec<ItemOption> = module.items[0].options.iter().rev().cloned().collect();
    let variant =
        |key: &str| ItemVariant { key: key.into(), stem: format!("{key}?"), options: options.clone() };
    let key = module.items[0].key.clone();
    module.items[0].variants = vec![variant("b")];
    let asked = |module: &ModuleDefinition, step: Step| asked_at(module, &step).map(|i| i.stem);
    let own = module.items[0].stem.clone();
    assert_eq!(
        asked(&module, Step::Post(key.clone())),
        Some(own.clone()),
        "one variant: kept for the boosters"
    );
    module.items[0].variants.push(variant("c"));
    assert_eq!(asked(&module, Step::Pre(key.clone())), Some(own), "the pre-test asks the item's own wording");
    assert_eq!(
        asked(&module, Step::Post(key.clone())),
        Some("b?".to_owned()),
        "the post-test the first variant"
    );
    assert_eq!(asked_at(&module, &Step::Intro), None);
    // The post-test accepts the variant's options, which are its own.
    let wrong_for_variant =
        module.items[0].variants[0].options.iter().find(|o| !o.correct).map(|o| o.key.clone());
    let next = advance(&module, &Step::Post(key), &item(&wrong_for_variant.expect("a wrong option")));
    assert!(next.is_some());
}
