use super::*;
use crate::domain::learning::fixture;

fn item(step: &str, option: &str, certainty: Certainty) -> RecordedAnswer {
    let correct = option == "a";
    RecordedAnswer {
        step: step.into(),
        answer: Some(option.into()),
        correct: Some(correct),
        certainty: Some(certainty.level()),
        score: Some(marking::mark(correct, certainty)),
    }
}

fn other(step: &str, answer: Option<&str>) -> RecordedAnswer {
    fixture::unmarked(step, answer)
}

fn answers() -> Vec<RecordedAnswer> {
    vec![
        other("intro", None),
        item("pre:one", "b", Certainty::High),
        item("pre:two", "a", Certainty::Medium),
        other("attitude-pre:earned", Some("4")),
        other("case:case:meet", None),
        other("case:case:choose", Some("repeat")),
        other("feedback:case:choose:repeat", None),
        other("case:case:bad", None),
        item("post:one", "a", Certainty::High),
        item("post:two", "a", Certainty::Low),
        other("attitude-post:earned", Some("2")),
        other("reflection", None),
    ]
}

fn results() -> Results {
    compute(&fixture::module(), &answers(), &|md| format!("<p>{md}</p>"))
}

#[test]
fn scores_are_certainty_based_marks_out_of_three_per_item() {
    let results = results();
    assert_eq!(results.pre, TestScore { marks: -6 + 2, maximum: 6, correct: 1, items: 2 });
    assert_eq!(results.post, TestScore { marks: 3 + 1, maximum: 6, correct: 2, items: 2 });
}

#[test]
fn change_is_shown_for_each_theme_the_items_carry_in_theme_order() {
    let themes = results().themes;
    let codes: Vec<&str> = themes.iter().map(|t| t.code.as_str()).collect();
    assert_eq!(codes, ["gp-role", "deserving-patient"]);
    assert_eq!((themes[0].pre.marks, themes[0].post.marks, themes[0].items), (-4, 4, 2));
    assert_eq!((themes[1].pre.correct, themes[1].post.correct, themes[1].items), (1, 1, 1));
    assert_eq!((themes[1].pre.marks, themes[1].post.marks), (2, 1));
}

#[test]
fn only_wrong_answers_at_certainty_three_are_confidently_wrong() {
    let wrong = results().confidently_wrong;
    assert_eq!(wrong.len(), 1, "{wrong:?}");
    assert_eq!(wrong[0].when, "Before the case");
    assert_eq!(wrong[0].chosen, "Option b");
    assert_eq!(wrong[0].correct, "Option a");
    assert_eq!(wrong[0].correct_feedback_html, "<p>Because a.</p>");
    assert_eq!(wrong[0].references.len(), 1);
}

#[test]
fn the_path_taken_is_set_beside_the_best_path() {
    let results = results();
    let taken: Vec<(&str, Rating)> = results.path.iter().map(|p| (p.choice.as_str(), p.rating)).collect();
    let best: Vec<(&str, Rating)> = results.best_path.iter().map(|p| (p.choice.as_str(), p.rating)).collect();
    assert_eq!(taken, [("Choose repeat", Rating::Unsafe)]);
    assert_eq!(best, [("Choose talk", Rating::Best)]);
}

#[test]
fn attitudes_are_shown_before_and_after() {
    let attitudes = results().attitudes;
    assert_eq!((attitudes[0].before, attitudes[0].after), (Some(4), Some(2)));
}

#[test]
fn unanswered_items_score_nothing_and_are_not_counted_right() {
    let results = compute(&fixture::module(), &[], &|md| md.to_owned());
    assert_eq!(results.pre, TestScore { marks: 0, maximum: 6, correct: 0, items: 2 });
    assert!(results.path.is_empty() && results.confidently_wrong.is_empty());
    assert_eq!(results.attitudes[0].before, None);
}
