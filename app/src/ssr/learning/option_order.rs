//! The order a step's options are shown in. A module file lists the right answer or the best
//! choice wherever its author happened to write it (in the first curriculum, first or second in
//! nearly every question), so a learner who notices the habit scores without knowing; the
//! pre/post gain would then measure the habit. Each attempt therefore sees each question's and
//! each decision's options in its own shuffled order: fixed for the attempt and step (a reload,
//! or coming back tomorrow, shows the same page), different between learners, and in the post-test
//! never the order the same item had in the pre-test. The order shown is recorded with the answer
//! (`responses.option_order`), so an analysis can still ask whether position swayed anyone.

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use sha2::{Digest, Sha256};

use crate::domain::curriculum::case::NodeKind;
use crate::domain::curriculum::item::KnowledgeItem;
use crate::domain::curriculum::module::ModuleDefinition;
use crate::domain::learning::journey::asked_at;
use crate::domain::learning::step::Step;

/// The option keys of `step` in the order the attempt `attempt` (its public id) is shown them, or
/// `None` for a step with no options to choose from.
pub fn shown_order(attempt: &str, module: &ModuleDefinition, step: &Step) -> Option<Vec<String>> {
    let keys = option_keys(module, step)?;
    let mut order = shuffled(attempt, step, &keys);
    if let Step::Post(item) = step {
        let pre = shuffled(attempt, &Step::Pre(item.clone()), &keys);
        if order == pre && order.len() > 1 {
            order.rotate_left(1);
        }
    }
    Some(order)
}

/// The option keys of a knowledge item, as `asked` words it, in the order the booster `follow_up`
/// (its public id) shows them: its own shuffle, and never the order the item had in the attempt's
/// post-test, so a learner cannot answer from where the right answer sat last time.
pub fn booster_order(
    follow_up: &str,
    attempt: &str,
    module: &ModuleDefinition,
    asked: &KnowledgeItem,
) -> Vec<String> {
    let step = Step::Post(asked.key.clone());
    let keys: Vec<String> = asked.options.iter().map(|o| o.key.clone()).collect();
    let mut order = shuffled(follow_up, &step, &keys);
    if shown_order(attempt, module, &step).is_some_and(|post| post == order) && order.len() > 1 {
        order.rotate_left(1);
    }
    order
}

/// The keys joined as the record keeps them (`c,a,d,b`): option keys are slugs, never commas.
pub fn recorded(order: &[String]) -> String {
    order.join(",")
}

/// `items` sorted into the order `order` names, by each one's key; anything `order` does not name
/// (which cannot happen for an order made by [`shown_order`]) keeps its place at the end.
pub fn arrange<T>(mut items: Vec<T>, order: &[String], key: impl Fn(&T) -> &str) -> Vec<T> {
    items.sort_by_key(|item| order.iter().position(|k| k == key(item)).unwrap_or(usize::MAX));
    items
}

fn option_keys(module: &ModuleDefinition, step: &Step) -> Option<Vec<String>> {
    match step {
        Step::Pre(_) | Step::Post(_) => {
            let item = asked_at(module, step)?;
            Some(item.options.iter().map(|o| o.key.clone()).collect())
        }
        Step::Case { case, node } => match &module.cases.iter().find(|c| c.key == *case)?.node(node)?.kind {
            NodeKind::Decision { options, .. } => Some(options.iter().map(|o| o.key.clone()).collect()),
            _ => None,
        },
        _ => None,
    }
}

/// A shuffle seeded by the attempt and the step, so it is the same on every server and reload.
fn shuffled(attempt: &str, step: &Step, keys: &[String]) -> Vec<String> {
    let seed: [u8; 32] = Sha256::digest(format!("{attempt}/{step}")).into();
    let mut order = keys.to_vec();
    order.shuffle(&mut StdRng::from_seed(seed));
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssr::curriculum::FIRST_CURRICULUM;
    use crate::ssr::module_file::read_module;

    fn modules() -> Vec<ModuleDefinition> {
        FIRST_CURRICULUM.iter().map(|text| read_module(text).expect("the module reads")).collect()
    }

    fn attempts() -> Vec<String> {
        (0..40).map(|n| format!("00000000-0000-4000-8000-{n:012}")).collect()
    }

    fn decisions(module: &ModuleDefinition) -> Vec<Step> {
        module
            .cases
            .iter()
            .flat_map(|case| {
                case.decisions()
                    .map(|(node, _)| Step::Case { case: case.key.clone(), node: node.key.clone() })
            })
            .collect()
    }

    #[test]
    fn an_order_is_the_same_on_every_showing_and_holds_every_option() {
        for module in modules() {
            let mut steps: Vec<Step> = module.items.iter().map(|i| Step::Pre(i.key.clone())).collect();
            steps.extend(decisions(&module));
            for step in steps {
                let order = shown_order("67e55044-10b1-426f-9247-bb680e5fe0c8", &module, &step);
                assert_eq!(order, shown_order("67e55044-10b1-426f-9247-bb680e5fe0c8", &module, &step));
                let mut sorted = order.expect("the step has options");
                sorted.sort_unstable();
                let mut keys = option_keys(&module, &step).expect("options");
                keys.sort_unstable();
                assert_eq!(sorted, keys, "{step}");
            }
        }
    }

    #[test]
    fn the_post_test_never_repeats_the_pre_test_order() {
        for module in modules() {
            for item in &module.items {
                for attempt in attempts() {
                    let pre = shown_order(&attempt, &module, &Step::Pre(item.key.clone()));
                    let post = shown_order(&attempt, &module, &Step::Post(item.key.clone()));
                    assert_ne!(pre, post, "{} for {attempt}", item.key);
                }
            }
        }
    }

    #[test]
    fn a_booster_never_repeats_the_post_test_order_and_holds_every_option() {
        let module = &modules()[0];
        for item in &module.items {
            for (n, attempt) in attempts().iter().enumerate() {
                let follow_up = format!("10000000-0000-4000-8000-{n:012}");
                let post = shown_order(attempt, module, &Step::Post(item.key.clone())).expect("options");
                let booster = booster_order(&follow_up, attempt, module, item);
                assert_ne!(post, booster, "{} for {attempt}", item.key);
                assert_eq!(booster, booster_order(&follow_up, attempt, module, item), "stable");
                let (mut sorted, mut keys) = (booster.clone(), post.clone());
                sorted.sort_unstable();
                keys.sort_unstable();
                assert_eq!(sorted, keys);
            }
        }
    }

    #[test]
    fn learners_see_the_right_answer_and_the_best_choice_in_every_place() {
        let module = &modules()[0];
        let item = &module.items[0];
        let right = &item.correct_option().expect("a right answer").key;
        let places: std::collections::BTreeSet<usize> = attempts()
            .iter()
            .filter_map(|a| shown_order(a, module, &Step::Pre(item.key.clone())))
            .filter_map(|order| order.iter().position(|k| k == right))
            .collect();
        assert_eq!(places.len(), item.options.len(), "the right answer is shown in every position");
        let decision = &decisions(module)[0];
        let orders: std::collections::BTreeSet<Vec<String>> =
            attempts().iter().filter_map(|a| shown_order(a, module, decision)).collect();
        assert!(orders.len() > 2, "decisions are shuffled too: {orders:?}");
    }

    #[test]
    fn steps_without_options_have_no_order() {
        let module = &modules()[0];
        for step in [Step::Intro, Step::Reflection, Step::Done, Step::AttitudePre("x".into())] {
            assert_eq!(shown_order("x", module, &step), None);
        }
    }

    #[test]
    fn arranging_follows_the_order_and_the_record_joins_it() {
        let order: Vec<String> = ["c", "a", "b"].map(String::from).to_vec();
        assert_eq!(arrange(vec!["a", "b", "c"], &order, |s| s), ["c", "a", "b"]);
        assert_eq!(recorded(&order), "c,a,b");
    }
}
