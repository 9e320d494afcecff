//! Reading and writing module files: every problem reported with its line, never a panic, and a
//! lossless round trip.

use super::*;

use crate::ssr::curriculum::FIRST_CURRICULUM;

const CURRICULUM: [(&str, &str); 10] = [
    ("margaret", FIRST_CURRICULUM[0]),
    ("david", FIRST_CURRICULUM[1]),
    ("priya", FIRST_CURRICULUM[2]),
    ("jim", FIRST_CURRICULUM[3]),
    ("aisha", FIRST_CURRICULUM[4]),
    ("hughes", FIRST_CURRICULUM[5]),
    ("northfield", FIRST_CURRICULUM[6]),
    ("okoro", FIRST_CURRICULUM[7]),
    ("pairs", FIRST_CURRICULUM[8]),
    ("shaun", FIRST_CURRICULUM[9]),
];

fn problems(text: &str) -> Vec<String> {
    read_module(text).err().unwrap_or_default().into_iter().map(|p| p.to_string()).collect()
}

#[test]
fn the_first_curriculum_files_read_cleanly() {
    for (name, text) in CURRICULUM {
        let problems = problems(text);
        assert!(problems.is_empty(), "{name}: {problems:#?}");
    }
}

use crate::domain::curriculum::case::NodeKind;
use crate::domain::curriculum::module::ModuleDefinition;
use crate::domain::curriculum::theme::THEMES;
use proptest::prelude::*;

fn margaret() -> &'static str {
    CURRICULUM[0].1
}

/// The problems reading `text` reports, as (line, message) pairs.
fn located(text: &str) -> Vec<(usize, String)> {
    read_module(text).err().unwrap_or_default().into_iter().map(|p| (p.line, p.message)).collect()
}

/// The line of the first occurrence of `needle` in the Margaret module.
fn line_of(needle: &str) -> usize {
    margaret().lines().position(|l| l.contains(needle)).map_or(0, |i| i + 1)
}

#[test]
fn a_syntax_error_is_reported_on_its_line() {
    let broken = margaret().replacen("estimated_minutes = 30", "estimated_minutes = ", 1);
    let found = located(&broken);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, line_of("estimated_minutes"));
    assert!(found[0].1.starts_with("This is not valid TOML"), "{found:?}");
}

#[test]
fn wrong_types_missing_fields_and_misspellings_are_all_reported_at_once() {
    let broken = margaret()
        .replacen("estimated_minutes = 30", "estimated_minutes = \"thirty\"", 1)
        .replacen("audience = \"GPs and GP trainees\"\n", "", 1)
        .replacen("summary = \"\"\"", "sumary = \"\"\"", 1);
    let found = located(&broken);
    let messages: Vec<&str> = found.iter().map(|(_, m)| m.as_str()).collect();
    assert!(messages.contains(&"'estimated_minutes' must be a whole number, without quotes"), "{messages:?}");
    assert!(messages.contains(&"'audience' is missing"), "{messages:?}");
    assert!(messages.contains(&"Unknown field 'sumary'. Did you mean 'summary'?"), "{messages:?}");
    assert!(messages.contains(&"'summary' is missing"), "{messages:?}");
    let misspelt = found.iter().find(|(_, m)| m.starts_with("Unknown field 'sumary'")).map(|(l, _)| *l);
    assert_eq!(misspelt, Some(line_of("summary = \"\"\"")));
}

#[test]
fn curriculum_rules_are_reported_on_the_line_of_the_field() {
    let broken = margaret()
        .replacen(
            "next = \"week-six\"\n\n    [[cases.nodes.options]]\n    key = \"switch\"",
            "next = \"nowhere\"\n\n    [[cases.nodes.options]]\n    key = \"switch\"",
            1,
        )
        .replacen("references = [\"G2\", \"G12\", \"G7\", \"G16\"]", "references = [\"G2\", \"G99\"]", 1);
    let found = located(&broken);
    let nowhere = found.iter().find(|(_, m)| m.contains("leads to 'nowhere'"));
    assert_eq!(nowhere.map(|(l, _)| *l), Some(line_of("next = \"week-six\"")), "{found:?}");
    assert!(
        found.iter().any(|(_, m)| m.contains("cites 'G99', which is not in the references")),
        "{found:?}"
    );
}

#[test]
fn every_item_of_the_first_curriculum_has_a_second_wording_for_its_boosters() {
    for (name, text) in CURRICULUM {
        let module = read_module(text).expect("the module reads");
        for item in &module.items {
            assert!(!item.variants.is_empty(), "{name}: '{}' has only one wording", item.key);
            for variant in &item.variants {
                assert_ne!(variant.stem, item.stem, "{name}: '{}' is worded differently", item.key);
            }
        }
    }
}

#[test]
fn a_booster_schedule_is_read_checked_on_its_line_and_written_back() {
    let set = |days: &str| {
        margaret().replacen(
            "estimated_minutes = 30",
            &format!("estimated_minutes = 30\nbooster_days = {days}"),
            1,
        )
    };
    let module = read_module(&set("[7, 30, 90]")).expect("a good schedule reads");
    assert_eq!(module.booster_days, Some(vec![7, 30, 90]));
    let written = crate::ssr::module_file::write_module(&module).expect("it writes");
    assert_eq!(read_module(&written).map(|m| m.booster_days), Ok(Some(vec![7, 30, 90])), "round trip");
    let line = line_of("estimated_minutes = 30") + 1;
    let falling = located(&set("[56, 14]"));
    assert_eq!(falling, [(line, "Booster days must rise, each later than the one before".to_owned())]);
    let quoted = located(&set("[\"14\"]"));
    assert_eq!(
        quoted,
        [(line, "Each entry of 'booster_days' must be a whole number of days, without quotes".to_owned())]
    );
    let not_a_list = located(&set("14"));
    assert_eq!(not_a_list, [(line, "'booster_days' must be a list of days, like [14, 56]".to_owned())]);
}

#[test]
fn variants_are_read_checked_like_items_on_their_lines_and_written_back() {
    let module = read_module(margaret()).expect("Margaret reads");
    let duration = &module.items[0];
    assert_eq!(duration.variants.len(), 1, "the first curriculum words its items more than one way");
    let written = crate::ssr::module_file::write_module(&module).expect("it writes");
    assert_eq!(read_module(&written).map(|m| m.items[0].variants.clone()), Ok(duration.variants.clone()));
    let variant = "\n  [[items.variants]]\n  key = \"b\"\n  stem = \"Again?\"\n  options = [\n    { key = \"a\", text = \"A\", correct = true, feedback = \"Yes.\" },\n    { key = \"b\", text = \"B\", correct = true, feedback = \"\" },\n  ]\n";
    let broken =
        tiny_case(&end("a")).replacen("]\n\n[[cases]]", &format!("]\n{variant}{variant}\n[[cases]]"), 1);
    let found = located(&broken);
    let line = |needle: &str| broken.lines().position(|l| l.contains(needle)).map_or(0, |i| i + 1);
    let messages: Vec<&str> = found.iter().map(|(_, m)| m.as_str()).collect();
    for expected in [
        "Knowledge item 'q', variant 'b' needs 4 or 5 options (it has 2)",
        "Knowledge item 'q', variant 'b' needs exactly one correct option (it has 2)",
        "Knowledge item 'q', variant 'b', option 'b': write feedback for this option",
        "Knowledge item 'q' has two variants (or a variant and the item) with the key 'b'",
    ] {
        assert!(messages.contains(&expected), "{expected}: {messages:?}");
    }
    assert!(found.iter().all(|(l, _)| *l >= line("[[items.variants]]")), "on the variants' lines: {found:?}");
}

/// A minimal valid module, written as a file, for the graph rules.
fn tiny_case(nodes: &str) -> String {
    format!(
        r#"format = 1
slug = "tiny"
title = "Tiny"
summary = "A tiny module."
audience = "GPs"
estimated_minutes = 10
themes = ["gp-role"]
outcomes = ["Learn"]
reflections = ["Reflect"]

[[references]]
key = "R"
citation = "A reference."

[[items]]
key = "q"
stem = "Question?"
themes = ["gp-role"]
references = ["R"]
options = [
  {{ key = "a", text = "A", correct = true, feedback = "Yes." }},
  {{ key = "b", text = "B", feedback = "No." }},
  {{ key = "c", text = "C", feedback = "No." }},
  {{ key = "d", text = "D", feedback = "No." }},
]

[[cases]]
key = "c"
title = "Case"
start = "a"
{nodes}"#
    )
}

fn option(key: &str, next: &str, rating: &str, feedback: &str) -> String {
    format!(
        "  {{ key = \"{key}\", text = \"{key}\", rating = \"{rating}\", feedback = \"{feedback}\", themes = [\"gp-role\"], references = [\"R\"], next = \"{next}\" }},\n"
    )
}

fn decision(key: &str, options: &[String]) -> String {
    format!(
        "\n[[cases.nodes]]\nkey = \"{key}\"\nkind = \"decision\"\nquestion = \"Q?\"\noptions = [\n{}]\n",
        options.concat()
    )
}

fn end(key: &str) -> String {
    format!("\n[[cases.nodes]]\nkey = \"{key}\"\nkind = \"end\"\nbody = \"Done.\"\n")
}

#[test]
fn a_small_sound_case_reads() {
    let text = tiny_case(
        &(decision("a", &[option("x", "z", "best", "Good."), option("y", "z", "poor", "Less good.")])
            + &end("z")),
    );
    assert_eq!(located(&text), []);
}

#[test]
fn unreachable_nodes_dead_ends_and_loops_without_exit_are_found() {
    let nodes = decision("a", &[option("x", "b", "best", "Good."), option("y", "z", "poor", "Poor.")])
        // b and c loop forever with no way to an ending.
        + &decision("b", &[option("to-c", "c", "poor", "Loop."), option("to-b", "b", "poor", "Loop.")])
        + &decision("c", &[option("to-b", "b", "poor", "Loop."), option("again", "c", "poor", "Loop.")])
        + &end("z")
        // Nothing leads to the orphan.
        + &end("orphan");
    let found: Vec<String> = located(&tiny_case(&nodes)).into_iter().map(|(_, m)| m).collect();
    assert!(
        found.contains(&"Case 'c', node 'orphan' cannot be reached from the start".to_owned()),
        "{found:?}"
    );
    assert!(found.iter().any(|m| m.starts_with("Case 'c', node 'b' never leads to an ending")), "{found:?}");
    assert!(found.iter().any(|m| m.starts_with("Case 'c', node 'c' never leads to an ending")), "{found:?}");
    assert!(!found.iter().any(|m| m.contains("node 'a' never leads")), "a can still reach z: {found:?}");
}

#[test]
fn an_unsafe_option_must_explain_itself() {
    let nodes =
        decision("a", &[option("x", "z", "best", "Good."), option("danger", "z", "unsafe", "")]) + &end("z");
    let found: Vec<String> = located(&tiny_case(&nodes)).into_iter().map(|(_, m)| m).collect();
    assert_eq!(found, ["Case 'c', node 'a', option 'danger' is unsafe: explain why in its feedback"]);
}

#[test]
fn items_need_four_or_five_options_and_exactly_one_correct() {
    let text = tiny_case(
        &(decision("a", &[option("x", "z", "best", "G."), option("y", "z", "poor", "P.")]) + &end("z")),
    )
    .replace(
        "{ key = \"b\", text = \"B\", feedback = \"No.\" },",
        "{ key = \"b\", text = \"B\", correct = true, feedback = \"No.\" },",
    )
    .replace("  { key = \"d\", text = \"D\", feedback = \"No.\" },\n", "");
    let found: Vec<String> = located(&text).into_iter().map(|(_, m)| m).collect();
    assert!(found.contains(&"Knowledge item 'q' needs 4 or 5 options (it has 3)".to_owned()), "{found:?}");
    assert!(
        found.contains(&"Knowledge item 'q' needs exactly one correct option (it has 2)".to_owned()),
        "{found:?}"
    );
}

#[test]
fn unknown_themes_ratings_and_kinds_are_named() {
    let text = tiny_case(
        &(decision("a", &[option("x", "z", "brilliant", "G."), option("y", "z", "poor", "P.")]) + &end("z")),
    )
    .replacen("themes = [\"gp-role\"]", "themes = [\"gp-rol\"]", 1)
    .replace("kind = \"end\"", "kind = \"finish\"");
    let found: Vec<String> = located(&text).into_iter().map(|(_, m)| m).collect();
    assert!(found.contains(&"The module names an unknown theme 'gp-rol'".to_owned()), "{found:?}");
    assert!(
        found.iter().any(|m| m.starts_with(
            "'rating' must be \"best\", \"acceptable\", \"poor\" or \"unsafe\", not \"brilliant\""
        )),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|m| m.starts_with("'kind' must be \"narrative\", \"decision\" or \"end\", not \"finish\"")),
        "{found:?}"
    );
}

#[test]
fn an_ambivalence_measure_needs_one_evaluation_of_each_side() {
    let unknown = margaret().replacen("evaluates = \"negative\"", "evaluates = \"sideways\"", 1);
    let found: Vec<String> = located(&unknown).into_iter().map(|(_, m)| m).collect();
    assert!(
        found
            .iter()
            .any(|m| m.starts_with("'evaluates' must be \"positive\" or \"negative\", not \"sideways\"")),
        "{found:?}"
    );
    let one_sided = margaret().replacen("evaluates = \"negative\"", "evaluates = \"positive\"", 1);
    let found: Vec<String> = located(&one_sided).into_iter().map(|(_, m)| m).collect();
    assert!(
        found.iter().any(|m| m.starts_with(
            "An ambivalence measure needs one positive and one negative evaluation question (this module has 2 \
             positive and 0 negative)"
        )),
        "{found:?}"
    );
}

#[test]
fn a_newer_format_and_an_oversized_file_are_refused_plainly() {
    let newer = margaret().replacen("format = 1", "format = 2", 1);
    assert!(located(&newer).iter().any(|(_, m)| m == "This file is format 2; this Casebook reads format 1"));
    let huge = "#".repeat(2 * 1024 * 1024);
    assert!(located(&huge)[0].1.starts_with("The file is larger than"));
}

#[test]
fn every_curriculum_module_survives_a_round_trip_unchanged() -> Result<(), String> {
    for (name, text) in CURRICULUM {
        let module = read_module(text).map_err(|p| format!("{name}: {p:?}"))?;
        let written = write_module(&module).map_err(|e| e.to_string())?;
        let again = read_module(&written).map_err(|p| format!("{name} rewritten: {p:?}"))?;
        assert_eq!(again, module, "{name}");
        assert_eq!(write_module(&again).map_err(|e| e.to_string())?, written, "{name}: writing is stable");
    }
    Ok(())
}

#[test]
fn the_first_curriculum_covers_the_review() {
    let modules: Vec<ModuleDefinition> = CURRICULUM.iter().filter_map(|(_, t)| read_module(t).ok()).collect();
    assert_eq!(modules.len(), CURRICULUM.len());
    assert!(modules.len() >= 8, "at least eight modules");
    let themes_of = |m: &ModuleDefinition| -> Vec<String> {
        let mut all = m.themes.clone();
        all.extend(m.items.iter().flat_map(|i| i.themes.clone()));
        all.extend(m.attitudes.iter().flat_map(|a| a.themes.clone()));
        all.extend(m.cases.iter().flat_map(|c| {
            c.decisions().flat_map(|(_, o)| o.iter().flat_map(|o| o.themes.clone()).collect::<Vec<_>>())
        }));
        all
    };
    // Each of the review's seven themes and four recommendations, in at least two modules.
    for theme in THEMES {
        let modules = modules.iter().filter(|m| themes_of(m).iter().any(|t| t == theme.code)).count();
        assert!(modules >= 2, "{} is covered by {modules} modules", theme.code);
    }
    for theme in ["deserving-patient", "patient-expectations", "starting-vs-withdrawing"] {
        let count = modules.iter().filter(|m| m.themes.iter().any(|t| t == theme)).count();
        assert!(count >= 2, "{theme} is a theme of {count} modules");
    }
    for module in &modules {
        assert!((6..=10).contains(&module.items.len()), "{}: {} items", module.slug, module.items.len());
        assert!((20..=40).contains(&module.estimated_minutes), "{}", module.slug);
        assert!(!module.attitudes.is_empty() && !module.reflections.is_empty(), "{}", module.slug);
        assert!(
            crate::domain::learning::ambivalence::evaluation_keys(module).is_some(),
            "{}: measures ambivalence",
            module.slug
        );
        assert!(
            module.notice.as_deref().is_some_and(|n| n.contains("BNF")),
            "{}: the dosing notice",
            module.slug
        );
        for item in &module.items {
            assert!(!item.references.is_empty(), "{} {}", module.slug, item.key);
            assert!(
                item.options.iter().all(|o| !o.feedback.trim().is_empty()),
                "{} {}",
                module.slug,
                item.key
            );
        }
        for case in &module.cases {
            let decisions = case.decisions().count();
            assert!((3..=5).contains(&decisions), "{}: {decisions} decision points", module.slug);
            for (_, options) in case.decisions() {
                assert!(options.iter().all(|o| !o.feedback.trim().is_empty() && !o.references.is_empty()));
            }
            assert!(case.nodes.iter().any(|n| matches!(n.kind, NodeKind::End { .. })));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Whatever text authors write (quotes, backslashes, triple quotes, any script, line breaks),
    /// it comes back from a written file exactly.
    #[test]
    fn any_text_survives_a_round_trip(title in "[A-Za-z0-9][^\u{0}-\u{8}\u{b}-\u{1f}\u{7f}]{0,60}", body in "\\PC{1,200}") {
        prop_assume!(!body.trim().is_empty());
        let mut module = read_module(margaret()).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        module.title = title;
        module.summary = body.clone();
        module.items[0].options[1].feedback = body.clone();
        if let NodeKind::Narrative { body: narrative, .. } = &mut module.cases[0].nodes[0].kind {
            *narrative = format!("{body}\n\"\"\"\n'''\\");
        }
        let written = write_module(&module).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let again = read_module(&written).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        prop_assert_eq!(again, module);
    }

    /// Damaged files produce problems, never a panic.
    #[test]
    fn damaged_files_never_panic(cut in 0usize..20_000, len in 0usize..400, insert in "\\PC{0,20}") {
        let text = margaret();
        let boundary = |at: usize| {
            text.char_indices().map(|(i, _)| i).find(|i| *i >= at.min(text.len())).unwrap_or(text.len())
        };
        let start = boundary(cut);
        let end = boundary(start + len);
        let damaged = format!("{}{insert}{}", &text[..start], &text[end..]);
        let _ = read_module(&damaged);
    }

    /// Arbitrary input produces problems, never a panic.
    #[test]
    fn arbitrary_input_never_panics(text in "\\PC{0,400}") {
        let _ = read_module(&text);
    }
}

/// Whether the keyed option is at least as long as every other: a cue when it is usually so.
fn keyed_is_longest(texts: &[(&str, bool)]) -> bool {
    let length = |text: &str| text.chars().count();
    let keyed = texts.iter().filter(|(_, k)| *k).map(|(t, _)| length(t)).max().unwrap_or(0);
    texts.iter().filter(|(_, k)| !*k).all(|(t, _)| length(t) <= keyed)
}

#[test]
fn the_first_curriculum_gives_no_answer_away_by_length_or_wording() {
    use crate::domain::curriculum::case::Rating;
    use crate::domain::curriculum::item_writing::item_writing_warnings;
    let (mut longest, mut questions) = (0, 0);
    for (name, text) in CURRICULUM {
        let module = read_module(text).expect("the module reads");
        let warnings = item_writing_warnings(&module);
        assert!(warnings.is_empty(), "{name}: {warnings:#?}");
        let wordings = module
            .items
            .iter()
            .flat_map(|i| std::iter::once(&i.options).chain(i.variants.iter().map(|v| &v.options)));
        for options in wordings {
            let texts: Vec<(&str, bool)> = options.iter().map(|o| (o.text.as_str(), o.correct)).collect();
            longest += usize::from(keyed_is_longest(&texts));
            questions += 1;
        }
        for (_, options) in module.cases.iter().flat_map(|c| c.decisions()) {
            let texts: Vec<(&str, bool)> =
                options.iter().map(|o| (o.text.as_str(), o.rating == Rating::Best)).collect();
            longest += usize::from(keyed_is_longest(&texts));
            questions += 1;
        }
    }
    assert!(longest * 3 <= questions, "the right or best option is the longest in {longest} of {questions}");
}

/// A passage for the node just written, as a file's lines.
fn passage(when: &str, body: &str, references: &str) -> String {
    format!("\n[[cases.nodes.passages]]\nwhen = [{when}]\nbody = \"{body}\"\nreferences = [{references}]\n")
}

#[test]
fn passages_must_follow_a_choice_that_can_lead_to_them() {
    let case = |passages: &str| {
        tiny_case(
            &(decision("a", &[option("x", "y", "best", "Good."), option("w", "z", "poor", "Less good.")])
                + &decision("y", &[option("on", "z", "best", "Good."), option("off", "z", "poor", "Poor.")])
                + passages
                + &end("z")),
        )
    };
    assert_eq!(located(&case(&passage("\"a:x\"", "After x.", ""))), [], "a choice before the node");
    let found =
        |passages: &str| -> Vec<String> { located(&case(passages)).into_iter().map(|(_, m)| m).collect() };
    assert_eq!(
        found(&passage("\"a:w\"", "After w.", "")),
        ["Case 'c', node 'y', passage 1 is shown after 'a:w', but that choice never leads to this node"]
    );
    assert_eq!(
        found(&passage("\"b:x\", \"a:v\"", "Text.", "")),
        [
            "Case 'c', node 'y', passage 1 is shown after 'b:x', but the case has no decision 'b'",
            "Case 'c', node 'y', passage 1 is shown after 'a:v', but decision 'a' has no option 'v'"
        ]
    );
    assert_eq!(
        found(&passage("", "Text.", "")),
        ["Case 'c', node 'y', passage 1: say after which choices it is shown, such as \"reframe:accept\""]
    );
    assert_eq!(
        found(&passage("\"a:x\"", "Text.", "\"R\"")),
        [
            "Case 'c', node 'y', passage 1 replaces a decision's context, which shows no sources: cite them in \
             the options' feedback instead"
        ]
    );
    // A choice written wrongly is named on its line (and leaves the passage without a choice).
    let unreadable = located(&case(&passage("\"a-x\"", "Text.", "")));
    assert!(unreadable[0].1.starts_with("'a-x' is not a choice"), "{unreadable:?}");
    assert!(unreadable.iter().all(|(line, _)| *line == unreadable[0].0 && *line > 0), "{unreadable:?}");
}

/// Two cases, `c` and `d`, with the given nodes each, and a pair of them written as `pair`.
fn paired(c_nodes: &str, d_nodes: &str, pair: &str) -> String {
    tiny_case(c_nodes) + "\n[[cases]]\nkey = \"d\"\ntitle = \"Twin\"\nstart = \"a\"\n" + d_nodes + pair
}

fn pair(cases: &str, differs: &str) -> String {
    format!(
        "\n[[pairs]]\nkey = \"p\"\ncases = [{cases}]\ndiffers = \"{differs}\"\nthemes = [\"deserving-patient\"]\n"
    )
}

#[test]
fn a_matched_pair_names_two_cases_with_the_same_decisions() {
    let nodes = decision("a", &[option("x", "z", "best", "Good."), option("y", "z", "poor", "Less good.")])
        + &end("z");
    let sound = paired(&nodes, &nodes, &pair("\"c\", \"d\"", "Age"));
    assert_eq!(located(&sound), []);
    let module = read_module(&sound).expect("a paired module");
    assert_eq!(read_module(&write_module(&module).expect("written")).expect("read back"), module);
    let found = |text: &str| -> Vec<String> { located(text).into_iter().map(|(_, m)| m).collect() };
    assert_eq!(
        found(&paired(&nodes, &nodes, &pair("\"c\"", "Age"))),
        ["Pair 'p' must name two different cases"]
    );
    assert_eq!(
        found(&paired(&nodes, &nodes, &pair("\"c\", \"e\"", "Age"))),
        ["Pair 'p' names a case this module does not have"]
    );
    assert_eq!(
        found(&paired(&nodes, &nodes, &pair("\"c\", \"d\"", ""))),
        ["Pair 'p': what differs between the patients is missing: write it"]
    );
    let other_options =
        decision("a", &[option("x", "z", "best", "Good."), option("w", "z", "poor", "Less good.")])
            + &end("z");
    assert_eq!(
        found(&paired(&nodes, &other_options, &pair("\"c\", \"d\"", "Age"))),
        ["Pair 'p': decision 'a' must offer the same option keys in 'c' and 'd'"]
    );
    let other_decision =
        decision("b", &[option("x", "z", "best", "Good."), option("y", "z", "poor", "Less good.")])
            + &end("z");
    let unmatched = found(&paired(&nodes, &other_decision, &pair("\"c\", \"d\"", "Age")));
    assert!(
        unmatched.iter().any(|m| m.contains("must have the same decisions (they have a and b)")),
        "{unmatched:?}"
    );
}
