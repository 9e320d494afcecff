//! Editing the questions and cases of a draft: a knowledge item, a new case, and one node of a case
//! (narrative, decision with up to five options, or ending). Forms are read into the module only
//! when every field is sound; the graph rules (reachability, dead ends) are the case map's to show.

use serde::{Deserialize, Serialize};

use super::draft::{MARKDOWN_MAX_CHARS, optional_markdown};
use super::edit_lists::{parse_key, parse_reference_keys, parse_themes};
use crate::domain::curriculum::case::{Case, ChoiceMade, DecisionOption, Node, NodeKind, Passage, Rating};
use crate::domain::curriculum::item::{ItemOption, KnowledgeItem};
use crate::domain::curriculum::module::ModuleDefinition;
use crate::domain::text::{long_text, short_text};
use crate::error::FormCheck;

/// Rows of options a form offers (an item has 4 or 5, a decision 2 to 5).
pub const OPTION_ROWS: usize = 5;
/// Rows of passages the node form offers: enough for each way into a node a case usually has.
pub const PASSAGE_ROWS: usize = 3;
const OPTION_TEXT_MAX_CHARS: usize = 500;
const OPTION_KEYS: [&str; OPTION_ROWS] = ["a", "b", "c", "d", "e"];

/// One row of options in a form, as submitted; a row whose text is empty is left out.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OptionRow {
    pub key: String,
    pub text: String,
    pub feedback: String,
    pub rating: String,
    pub themes: String,
    pub references: String,
    pub next: String,
}

/// The knowledge item form.
#[derive(Clone, Debug, Default)]
pub struct ItemForm {
    pub key: String,
    pub stem: String,
    pub themes: String,
    pub references: String,
    pub options: Vec<OptionRow>,
    /// The row number (0 to 4) of the correct option.
    pub correct: String,
}

impl ItemForm {
    /// The submitted values, by field name, to show again after an error.
    pub fn values(&self) -> Vec<(String, String)> {
        let mut values = vec![
            ("key".to_owned(), self.key.clone()),
            ("stem".into(), self.stem.clone()),
            ("themes".into(), self.themes.clone()),
            ("references".into(), self.references.clone()),
            ("correct".into(), self.correct.clone()),
        ];
        values.extend(row_values(&self.options));
        values
    }
}

/// Reads the item form; `editing` is the key of the item being changed, `None` for a new one.
pub fn apply_item(
    form: &ItemForm,
    module: &mut ModuleDefinition,
    editing: Option<&str>,
    check: &mut FormCheck,
) {
    let key = check.field(
        "key",
        new_key(&form.key, "the question's key", editing, module.items.iter().map(|i| i.key.as_str())),
    );
    let stem = check.field("stem", long_text(&form.stem, "the question", MARKDOWN_MAX_CHARS));
    let themes = check.field("themes", parse_themes(&form.themes));
    let correct: Option<usize> = form
        .correct
        .trim()
        .parse()
        .ok()
        .filter(|&row: &usize| form.options.get(row).is_some_and(|o| !o.text.trim().is_empty()));
    if correct.is_none() {
        check.fail("correct", "Select the correct answer (an option with text)");
    }
    let mut options = Vec::new();
    for (row, option) in form.options.iter().enumerate().filter(|(_, o)| !o.text.trim().is_empty()) {
        let text = check.field(
            &format!("options[{row}][text]"),
            short_text(&option.text, "the option", OPTION_TEXT_MAX_CHARS),
        );
        let feedback = check.field(
            &format!("options[{row}][feedback]"),
            long_text(&option.feedback, "feedback on this option", MARKDOWN_MAX_CHARS),
        );
        if let (Some(text), Some(feedback)) = (text, feedback) {
            options.push(ItemOption {
                key: OPTION_KEYS[row].into(),
                text,
                correct: correct == Some(row),
                feedback,
            });
        }
    }
    if !(4..=5).contains(&form.options.iter().filter(|o| !o.text.trim().is_empty()).count()) {
        check.fail("options[0][text]", "Write 4 or 5 options");
    }
    if let (Some(key), Some(stem), Some(themes), true) = (key, stem, themes, check.is_clean()) {
        // The studio edits the item's own wording; its variants (written in the module file) stay.
        let variants = editing
            .and_then(|old| module.items.iter().find(|i| i.key == old))
            .map(|i| i.variants.clone())
            .unwrap_or_default();
        let references = parse_reference_keys(&form.references);
        let item = KnowledgeItem { key, stem, themes, references, options, variants };
        replace_or_push(&mut module.items, item, editing, |i| &i.key);
    }
}

/// The form that adds a case: its key and title. It starts with one narrative node, `start`.
pub fn add_case(key: &str, title: &str, module: &mut ModuleDefinition, check: &mut FormCheck) {
    let key =
        check.field("key", new_key(key, "the case's key", None, module.cases.iter().map(|c| c.key.as_str())));
    let title = check.field("title", short_text(title, "the case's title", 150));
    if let (Some(key), Some(title)) = (key, title) {
        let start = Node {
            key: "start".into(),
            kind: NodeKind::Narrative { body: String::new(), references: Vec::new(), next: String::new() },
            passages: Vec::new(),
        };
        module.cases.push(Case { key, title, start: "start".into(), nodes: vec![start] });
    }
}

/// One row of passages in the node form, as submitted; a row left wholly empty is left out.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PassageRow {
    /// The choices, as `decision:option`, separated by commas.
    pub when: String,
    pub body: String,
    pub references: String,
}

/// The node's passages as form rows, padded with empty ones.
pub fn passage_rows(passages: &[Passage]) -> Vec<PassageRow> {
    let mut rows: Vec<PassageRow> = passages
        .iter()
        .map(|p| PassageRow {
            when: p.when.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "),
            body: p.body.clone(),
            references: p.references.join(", "),
        })
        .collect();
    rows.resize(PASSAGE_ROWS.max(rows.len()), PassageRow::default());
    rows
}

/// The node form.
#[derive(Clone, Debug, Default)]
pub struct NodeForm {
    pub key: String,
    /// narrative, decision or end.
    pub kind: String,
    pub body: String,
    pub question: String,
    pub references: String,
    pub next: String,
    pub options: Vec<OptionRow>,
    pub passages: Vec<PassageRow>,
}

impl NodeForm {
    /// The submitted values, by field name, to show again after an error.
    pub fn values(&self) -> Vec<(String, String)> {
        let mut values = vec![
            ("key".to_owned(), self.key.clone()),
            ("kind".into(), self.kind.clone()),
            ("body".into(), self.body.clone()),
            ("question".into(), self.question.clone()),
            ("references".into(), self.references.clone()),
            ("next".into(), self.next.clone()),
        ];
        values.extend(row_values(&self.options));
        values.extend(self.passages.iter().enumerate().flat_map(|(i, p)| {
            [("when", &p.when), ("body", &p.body), ("references", &p.references)]
                .map(|(name, value)| (format!("passages[{i}][{name}]"), value.clone()))
        }));
        values
    }
}

fn row_values(rows: &[OptionRow]) -> Vec<(String, String)> {
    rows.iter()
        .enumerate()
        .flat_map(|(i, o)| {
            [
                ("text", &o.text),
                ("feedback", &o.feedback),
                ("rating", &o.rating),
                ("themes", &o.themes),
                ("references", &o.references),
                ("next", &o.next),
            ]
            .map(|(name, value)| (format!("options[{i}][{name}]"), value.clone()))
        })
        .collect()
}

/// Reads the node form into the case `case`; `editing` is the node's key, `None` for a new node.
pub fn apply_node(form: &NodeForm, case: &mut Case, editing: Option<&str>, check: &mut FormCheck) {
    let key = check.field(
        "key",
        new_key(&form.key, "the node's key", editing, case.nodes.iter().map(|n| n.key.as_str())),
    );
    let kind = match form.kind.as_str() {
        "narrative" => narrative(form, check),
        "decision" => decision(form, check),
        "end" => check
            .field("body", long_text(&form.body, "the outcome", MARKDOWN_MAX_CHARS))
            .map(|body| NodeKind::End { body, references: parse_reference_keys(&form.references) }),
        _ => {
            check.fail("kind", "Select what kind of node this is");
            None
        }
    };
    let passages = passages(&form.passages, check);
    if let (Some(key), Some(kind), Some(passages), true) = (key, kind, passages, check.is_clean()) {
        replace_or_push(&mut case.nodes, Node { key, kind, passages }, editing, |n| &n.key);
    }
}

/// The passages of the rows that have anything in them. Whether each choice exists and can lead
/// to the node is the case map's to show, as for the nodes options lead to.
fn passages(rows: &[PassageRow], check: &mut FormCheck) -> Option<Vec<Passage>> {
    let mut passages = Some(Vec::new());
    for (row, p) in rows.iter().enumerate() {
        if [&p.when, &p.body, &p.references].iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        let field = |name: &str| format!("passages[{row}][{name}]");
        let when = check.field(&field("when"), choices(&p.when));
        let body = check.field(&field("body"), long_text(&p.body, "the passage", MARKDOWN_MAX_CHARS));
        let passage = when.zip(body).map(|(when, body)| Passage {
            when,
            body,
            references: parse_reference_keys(&p.references),
        });
        passages = passages.zip(passage).map(|(mut all, passage)| {
            all.push(passage);
            all
        });
    }
    passages
}

fn choices(raw: &str) -> Result<Vec<ChoiceMade>, String> {
    let parts: Vec<&str> = raw.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
    if parts.is_empty() {
        return Err("Say after which choices the passage is shown, such as reframe:accept".into());
    }
    parts
        .into_iter()
        .map(|part| {
            ChoiceMade::parse(part).ok_or_else(|| {
                format!("'{part}' is not a choice: write a decision's key and an option's key, such as reframe:accept")
            })
        })
        .collect()
}

/// Removes a node from a case (the map then shows any links left pointing at it).
pub fn remove_node(case: &mut Case, key: &str) -> bool {
    let before = case.nodes.len();
    case.nodes.retain(|n| n.key != key);
    case.nodes.len() < before
}

fn narrative(form: &NodeForm, check: &mut FormCheck) -> Option<NodeKind> {
    let body = check.field("body", long_text(&form.body, "the text", MARKDOWN_MAX_CHARS));
    let next = check.field("next", parse_key(&form.next, "the node it leads to"));
    Some(NodeKind::Narrative { body: body?, references: parse_reference_keys(&form.references), next: next? })
}

fn decision(form: &NodeForm, check: &mut FormCheck) -> Option<NodeKind> {
    let body = check.field("body", optional_markdown(&form.body, "the context"));
    let question = check.field("question", short_text(&form.question, "the question", OPTION_TEXT_MAX_CHARS));
    let rows: Vec<(usize, &OptionRow)> =
        form.options.iter().enumerate().filter(|(_, o)| !o.text.trim().is_empty()).collect();
    if !(2..=5).contains(&rows.len()) {
        check.fail("options[0][text]", "Write 2 to 5 options");
    }
    let options: Vec<Option<DecisionOption>> =
        rows.into_iter().map(|(row, o)| decision_option(row, o, check)).collect();
    let options: Option<Vec<DecisionOption>> = options.into_iter().collect();
    Some(NodeKind::Decision { body: body?, question: question?, options: options? })
}

fn decision_option(row: usize, o: &OptionRow, check: &mut FormCheck) -> Option<DecisionOption> {
    let field = |name: &str| format!("options[{row}][{name}]");
    let text = check.field(&field("text"), short_text(&o.text, "the option", OPTION_TEXT_MAX_CHARS));
    let rating = check.field(
        &field("rating"),
        Rating::parse(&o.rating).ok_or_else(|| "Select how good this option is".to_owned()),
    );
    let feedback = check
        .field(&field("feedback"), long_text(&o.feedback, "feedback on this option", MARKDOWN_MAX_CHARS));
    let themes = check.field(&field("themes"), parse_themes(&o.themes));
    let next = check.field(&field("next"), parse_key(&o.next, "the node this option leads to"));
    Some(DecisionOption {
        key: OPTION_KEYS[row].into(),
        text: text?,
        rating: rating?,
        feedback: feedback?,
        themes: themes?,
        references: parse_reference_keys(&o.references),
        next: next?,
    })
}

/// A key for a new part, unique among `existing`; an edited part keeps its key.
fn new_key<'a>(
    raw: &str,
    what: &str,
    editing: Option<&str>,
    mut existing: impl Iterator<Item = &'a str>,
) -> Result<String, String> {
    if let Some(key) = editing {
        return Ok(key.to_owned());
    }
    let key = parse_key(raw, what)?;
    if existing.any(|k| k == key) {
        return Err(format!("Another part already has the key '{key}': choose another"));
    }
    Ok(key)
}

fn replace_or_push<T>(parts: &mut Vec<T>, part: T, editing: Option<&str>, key: impl Fn(&T) -> &String) {
    match editing.and_then(|k| parts.iter().position(|p| key(p) == k)) {
        Some(at) => parts[at] = part,
        None => parts.push(part),
    }
}

/// The form's rows for an existing node or item: its options, then empty rows up to five.
pub fn option_rows(options: impl Iterator<Item = OptionRow>) -> Vec<OptionRow> {
    let mut rows: Vec<OptionRow> = options.collect();
    rows.resize(OPTION_ROWS, OptionRow::default());
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::authoring::draft::empty_module;

    fn row(text: &str, rating: &str, next: &str) -> OptionRow {
        OptionRow {
            text: text.into(),
            feedback: format!("Because {text}."),
            rating: rating.into(),
            themes: "gp-role".into(),
            references: "G1".into(),
            next: next.into(),
            ..OptionRow::default()
        }
    }

    #[test]
    fn a_new_decision_node_is_added_with_keyed_options() {
        let mut case = Case { key: "c".into(), title: "C".into(), start: "start".into(), nodes: vec![] };
        let form = NodeForm {
            key: "choice".into(),
            kind: "decision".into(),
            question: "What now?".into(),
            options: option_rows(
                [row("Taper", "best", "good"), row("Stop today", "unsafe", "bad")].into_iter(),
            ),
            ..NodeForm::default()
        };
        let mut check = FormCheck::default();
        apply_node(&form, &mut case, None, &mut check);
        assert!(check.finish(&[]).is_ok());
        let NodeKind::Decision { options, .. } = &case.nodes[0].kind else { panic!("a decision") };
        assert_eq!(
            options.iter().map(|o| (o.key.as_str(), o.rating)).collect::<Vec<_>>(),
            [("a", Rating::Best), ("b", Rating::Unsafe)]
        );
        assert_eq!(options[1].next, "bad");
    }

    #[test]
    fn a_bad_node_form_names_each_field_and_changes_nothing() {
        let mut case = Case { key: "c".into(), title: "C".into(), start: "start".into(), nodes: vec![] };
        let form = NodeForm {
            key: "bad key".into(),
            kind: "decision".into(),
            options: option_rows([row("Only one", "marvellous", "")].into_iter()),
            ..NodeForm::default()
        };
        let mut check = FormCheck::default();
        apply_node(&form, &mut case, None, &mut check);
        let error = check.finish(&[]).expect_err("refused");
        for field in ["key", "question", "options[0][text]", "options[0][rating]", "options[0][next]"] {
            assert!(error.message_for(field).is_some(), "{field}: {error:?}");
        }
        assert!(case.nodes.is_empty());
    }

    #[test]
    fn editing_keeps_the_key_and_replaces_in_place_and_removing_works() {
        let mut case = Case { key: "c".into(), title: "C".into(), start: "start".into(), nodes: vec![] };
        for key in ["start", "end"] {
            let form =
                NodeForm { key: key.into(), kind: "end".into(), body: "Done.".into(), ..NodeForm::default() };
            apply_node(&form, &mut case, None, &mut FormCheck::default());
        }
        let form = NodeForm {
            key: "ignored".into(),
            kind: "narrative".into(),
            body: "Hello".into(),
            next: "end".into(),
            ..NodeForm::default()
        };
        let mut check = FormCheck::default();
        apply_node(&form, &mut case, Some("start"), &mut check);
        assert!(check.finish(&[]).is_ok());
        assert_eq!(case.nodes[0].key, "start");
        assert!(matches!(case.nodes[0].kind, NodeKind::Narrative { .. }));
        let duplicate =
            NodeForm { key: "end".into(), kind: "end".into(), body: "x".into(), ..NodeForm::default() };
        let mut check = FormCheck::default();
        apply_node(&duplicate, &mut case, None, &mut check);
        assert!(check.finish(&[]).is_err());
        assert!(remove_node(&mut case, "end"));
        assert!(!remove_node(&mut case, "end"));
    }

    #[test]
    fn an_item_needs_four_or_five_options_and_a_correct_one() {
        let mut module = empty_module("m", "M");
        let options = option_rows((0..4).map(|i| OptionRow {
            text: format!("Option {i}"),
            feedback: "Why.".into(),
            ..OptionRow::default()
        }));
        let form = ItemForm {
            key: "q1".into(),
            stem: "Which?".into(),
            themes: "gp-role".into(),
            references: "G1".into(),
            options,
            correct: "2".into(),
        };
        let mut check = FormCheck::default();
        apply_item(&form, &mut module, None, &mut check);
        assert!(check.finish(&[]).is_ok());
        assert_eq!(module.items[0].correct_option().map(|o| o.key.as_str()), Some("c"));
        // Editing the item's own wording keeps the wordings the module file gave it.
        let variant = crate::domain::curriculum::item::ItemVariant {
            key: "b".into(),
            stem: "Which, again?".into(),
            options: module.items[0].options.clone(),
        };
        module.items[0].variants.push(variant);
        let edited = ItemForm { stem: "Which one?".into(), ..form.clone() };
        let mut check = FormCheck::default();
        apply_item(&edited, &mut module, Some("q1"), &mut check);
        assert!(check.finish(&[]).is_ok());
        assert_eq!((module.items[0].stem.as_str(), module.items[0].variants.len()), ("Which one?", 1));
        let mut check = FormCheck::default();
        let short = ItemForm {
            key: "q2".into(),
            correct: "4".into(),
            options: option_rows(form.options[..3].iter().cloned()),
            ..form
        };
        apply_item(&short, &mut module, None, &mut check);
        let error = check.finish(&[]).expect_err("refused");
        assert!(error.message_for("correct").is_some());
        assert_eq!(error.message_for("options[0][text]"), Some("Write 4 or 5 options"));
        assert_eq!(module.items.len(), 1);
    }

    #[test]
    fn a_case_starts_with_one_node() {
        let mut module = empty_module("m", "M");
        let mut check = FormCheck::default();
        add_case("ruth", "Ruth", &mut module, &mut check);
        assert!(check.finish(&[]).is_ok());
        assert_eq!(module.cases[0].nodes[0].key, "start");
    }

    #[test]
    fn passages_are_read_from_their_rows_and_a_bad_choice_is_named() {
        let mut case = Case { key: "c".into(), title: "C".into(), start: "start".into(), nodes: vec![] };
        let passage = |when: &str, body: &str| PassageRow {
            when: when.into(),
            body: body.into(),
            references: "G1".into(),
        };
        let mut rows = passage_rows(&[]);
        rows[0] = passage("d:a, d:b", "After a or b.");
        rows[2] = passage("e:x", "After x.");
        let form = NodeForm {
            key: "later".into(),
            kind: "end".into(),
            body: "Otherwise.".into(),
            passages: rows.clone(),
            ..NodeForm::default()
        };
        let mut check = FormCheck::default();
        apply_node(&form, &mut case, None, &mut check);
        assert!(check.finish(&[]).is_ok());
        let saved = case.nodes[0].passages.clone();
        assert_eq!(saved.len(), 2, "the empty row is left out");
        assert_eq!(saved[0].when.iter().map(ToString::to_string).collect::<Vec<_>>(), ["d:a", "d:b"]);
        assert_eq!(
            (saved[1].body.as_str(), saved[1].references.clone()),
            ("After x.", vec!["G1".to_owned()])
        );
        assert_eq!(passage_rows(&saved)[0].when, "d:a, d:b", "the form shows them again");

        rows[1] = passage("just a note", "");
        let bad = NodeForm { passages: rows, ..form };
        let mut check = FormCheck::default();
        apply_node(&bad, &mut case, Some("later"), &mut check);
        let error = check.finish(&[]).expect_err("refused");
        assert!(
            error
                .message_for("passages[1][when]")
                .is_some_and(|m| m.contains("'just a note' is not a choice"))
        );
        assert!(error.message_for("passages[1][body]").is_some());
        assert_eq!(case.nodes[0].passages, saved, "nothing changed");
    }
}
