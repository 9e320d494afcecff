//! Booster questions: which of a module's knowledge items to ask again weeks after it was
//! finished, and reading the answers. Retrieval is most worth the learner's time where they were
//! wrong, and most of all where they were wrong and sure (a misconception, not a gap), so those
//! come first; then the items of their weakest themes; then those they got right without being
//! sure. Each booster chooses from the learner's latest answer to every item, so a second booster
//! returns to what the first found still wrong.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::marking::{self, Certainty};
use crate::domain::curriculum::item::KnowledgeItem;
use crate::domain::curriculum::module::ModuleDefinition;

/// How many items a booster asks (fewer when the module has fewer).
pub const BOOSTER_ITEMS: usize = 5;

/// The learner's latest answer to an item, from the post-test or a later booster.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LastAnswer {
    pub item: String,
    pub correct: bool,
    pub certainty: i64,
}

/// The keys of the items a booster asks, most worth asking first.
pub fn choose_items(module: &ModuleDefinition, latest: &[LastAnswer]) -> Vec<String> {
    let last: HashMap<&str, &LastAnswer> = latest.iter().map(|a| (a.item.as_str(), a)).collect();
    let standing = theme_standing(module, &last);
    let mut ranked: Vec<(usize, u32, usize, &str)> = module
        .items
        .iter()
        .enumerate()
        .map(|(position, item)| {
            let weakest = item.themes.iter().filter_map(|t| standing.get(t.as_str())).min().copied();
            (
                tier(last.get(item.key.as_str()).copied()),
                weakest.unwrap_or(u32::MAX),
                position,
                item.key.as_str(),
            )
        })
        .collect();
    ranked.sort_unstable();
    ranked.into_iter().take(BOOSTER_ITEMS).map(|(_, _, _, key)| key.to_owned()).collect()
}

/// The variant of `item` a booster asks: the first the learner has not yet been asked (`asked` holds
/// the variants earlier boosters asked), or `None`, the item's own wording with its options in a new
/// order, when the item has no variant left.
pub fn choose_variant(item: &KnowledgeItem, asked: &[String]) -> Option<String> {
    item.variants.iter().map(|v| &v.key).find(|key| !asked.contains(key)).cloned()
}

/// An item as a booster records it asked: its key, and `:variant` when a variant was asked (keys
/// are slugs, never colons or commas).
pub fn asked_entry(item: &str, variant: Option<&str>) -> String {
    variant.map_or_else(|| item.to_owned(), |v| format!("{item}:{v}"))
}

/// The item key and variant an entry names.
pub fn parse_asked_entry(entry: &str) -> (&str, Option<&str>) {
    match entry.split_once(':') {
        Some((item, variant)) => (item, Some(variant)),
        None => (entry, None),
    }
}

/// 0 for confidently wrong, 1 for wrong, 2 for right but unsure or never answered, 3 otherwise.
fn tier(answer: Option<&LastAnswer>) -> usize {
    match answer {
        Some(a) if !a.correct && a.certainty == Certainty::High.level() => 0,
        Some(a) if !a.correct => 1,
        Some(a) if a.certainty == Certainty::Low.level() => 2,
        None => 2,
        Some(_) => 3,
    }
}

/// Each theme's share of latest answers right, in thousandths (lower is weaker).
fn theme_standing<'m>(
    module: &'m ModuleDefinition,
    last: &HashMap<&str, &LastAnswer>,
) -> HashMap<&'m str, u32> {
    let mut counts: HashMap<&str, (u32, u32)> = HashMap::new();
    for item in &module.items {
        let Some(answer) = last.get(item.key.as_str()) else { continue };
        for theme in &item.themes {
            let entry = counts.entry(theme.as_str()).or_default();
            entry.0 += u32::from(answer.correct);
            entry.1 += 1;
        }
    }
    counts.into_iter().map(|(theme, (right, asked))| (theme, right * 1000 / asked)).collect()
}

/// One booster answer as the form sends it: either field may be missing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoosterDraft {
    #[serde(default)]
    pub choice: Option<String>,
    #[serde(default)]
    pub certainty: Option<String>,
}

/// A booster answer, marked as the post-test is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoosterAnswer {
    pub item: String,
    pub choice: String,
    pub correct: bool,
    pub certainty: Certainty,
    pub score: i64,
}

/// The form field holding `part` (choice or certainty) of the answer at `index` (from 0).
pub fn field_name(index: usize, part: &str) -> String {
    format!("answers[{index}][{part}]")
}

/// Every item answered and marked, or every problem by field: each question needs one of its own
/// options and a certainty.
pub fn read_answers(
    items: &[&KnowledgeItem],
    drafts: &[BoosterDraft],
) -> Result<Vec<BoosterAnswer>, Vec<(String, String)>> {
    let mut problems = Vec::new();
    let mut answers = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let draft = drafts.get(index).cloned().unwrap_or_default();
        let n = index + 1;
        let choice = draft.choice.as_deref().map(str::trim).unwrap_or_default();
        let option = item.options.iter().find(|o| o.key == choice);
        if option.is_none() {
            let message = if choice.is_empty() {
                format!("Choose an answer to question {n}")
            } else {
                format!("Choose one of the answers offered for question {n}")
            };
            problems.push((field_name(index, "choice"), message));
        }
        let certainty = Certainty::parse(draft.certainty.as_deref().unwrap_or_default()).map_err(|message| {
            problems.push((field_name(index, "certainty"), format!("Question {n}: {message}")))
        });
        if let (Some(option), Ok(certainty)) = (option, certainty) {
            answers.push(BoosterAnswer {
                item: item.key.clone(),
                choice: option.key.clone(),
                correct: option.correct,
                certainty,
                score: marking::mark(option.correct, certainty),
            });
        }
    }
    if problems.is_empty() { Ok(answers) } else { Err(problems) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::learning::fixture;

    fn answer(item: &str, correct: bool, certainty: i64) -> LastAnswer {
        LastAnswer { item: item.into(), correct, certainty }
    }

    fn module_of(keys: &[(&str, &str)]) -> ModuleDefinition {
        let base = fixture::module();
        let item = |(key, theme): &(&str, &str)| KnowledgeItem {
            key: (*key).into(),
            themes: vec![(*theme).into()],
            ..base.items[0].clone()
        };
        ModuleDefinition { items: keys.iter().map(item).collect(), ..base }
    }

    #[test]
    fn confidently_wrong_comes_first_then_wrong_then_the_weakest_theme() {
        let module = module_of(&[
            ("a", "gp-role"),
            ("b", "gp-role"),
            ("c", "deserving-patient"),
            ("d", "deserving-patient"),
            ("e", "changing-context"),
            ("f", "changing-context"),
            ("g", "gp-role"),
        ]);
        let latest = [
            answer("a", true, 3),
            answer("b", true, 3),
            answer("c", false, 1),
            answer("d", true, 3),
            answer("e", true, 3),
            answer("f", false, 3),
            answer("g", true, 3),
        ];
        // f is confidently wrong; c is wrong; then the half-right themes (deserving-patient's d,
        // changing-context's e) before gp-role, all right.
        assert_eq!(choose_items(&module, &latest), ["f", "c", "d", "e", "a"]);
    }

    #[test]
    fn right_but_unsure_comes_before_right_and_sure() {
        let module = module_of(&[("a", "gp-role"), ("b", "gp-role")]);
        let chosen = choose_items(&module, &[answer("a", true, 3), answer("b", true, 1)]);
        assert_eq!(chosen, ["b", "a"]);
    }

    #[test]
    fn a_booster_asks_a_variant_not_yet_asked_then_the_item_itself() {
        use crate::domain::curriculum::item::ItemVariant;
        let base = fixture::module().items[0].clone();
        let variant = |key: &str| ItemVariant {
            key: key.into(),
            stem: format!("{key}?"),
            options: base.options.clone(),
        };
        let item = KnowledgeItem { variants: vec![variant("b"), variant("c")], ..base };
        assert_eq!(choose_variant(&item, &[]), Some("b".into()));
        assert_eq!(choose_variant(&item, &["b".into()]), Some("c".into()));
        assert_eq!(choose_variant(&item, &["b".into(), "c".into()]), None);
        assert_eq!(item.as_asked(Some("c")).stem, "c?");
        assert_eq!(item.as_asked(Some("c")).key, item.key, "the same item, worded otherwise");
        assert_eq!(parse_asked_entry(&asked_entry("one", Some("c"))), ("one", Some("c")));
        assert_eq!(parse_asked_entry(&asked_entry("one", None)), ("one", None));
    }

    #[test]
    fn a_booster_asks_at_most_five() {
        let keys: Vec<(String, &str)> = (0..9).map(|n| (format!("i{n}"), "gp-role")).collect();
        let refs: Vec<(&str, &str)> = keys.iter().map(|(k, t)| (k.as_str(), *t)).collect();
        assert_eq!(choose_items(&module_of(&refs), &[]).len(), BOOSTER_ITEMS);
    }

    #[test]
    fn every_question_needs_an_offered_answer_and_a_certainty() {
        let module = fixture::module();
        let items: Vec<&KnowledgeItem> = module.items.iter().collect();
        let right = items[0].correct_option().map(|o| o.key.clone());
        let drafts = [
            BoosterDraft { choice: right, certainty: Some("3".into()) },
            BoosterDraft { choice: Some("nonsense".into()), certainty: None },
        ];
        let problems = read_answers(&items, &drafts).expect_err("refused");
        let fields: Vec<&str> = problems.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, ["answers[1][choice]", "answers[1][certainty]"]);
        assert!(problems[0].1.contains("question 2"));
        let ok = read_answers(&items[..1], &drafts).expect("the first is whole");
        assert_eq!((ok[0].correct, ok[0].score), (true, 3));
    }
}
