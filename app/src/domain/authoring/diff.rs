//! What changed between two versions of a module, field by field, so a reviewer sees exactly what
//! they are signing off. Parts with keys (items, options, cases, nodes, statements, references) are
//! matched by key, not position, so inserting a question does not make every later one look changed.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::curriculum::module::ModuleDefinition;

/// One field that differs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// Where, such as `items q3 › options b › feedback`.
    pub field: String,
    /// The old value, or `None` where the field is new.
    pub before: Option<String>,
    /// The new value, or `None` where the field was removed.
    pub after: Option<String>,
}

/// Every field that differs from `old` to `new`, in the order of the module.
pub fn compare(old: &ModuleDefinition, new: &ModuleDefinition) -> Vec<Change> {
    let (mut before, mut after) = (Vec::new(), Vec::new());
    flatten(&to_value(old), "", &mut before);
    flatten(&to_value(new), "", &mut after);
    let mut changes = Vec::new();
    for (field, value) in &after {
        match before.iter().find(|(f, _)| f == field) {
            Some((_, old)) if old == value => {}
            Some((_, old)) => changes.push(change(field, Some(old), Some(value))),
            None => changes.push(change(field, None, Some(value))),
        }
    }
    for (field, value) in &before {
        if !after.iter().any(|(f, _)| f == field) {
            changes.push(change(field, Some(value), None));
        }
    }
    changes
}

fn change(field: &str, before: Option<&String>, after: Option<&String>) -> Change {
    Change { field: field.to_owned(), before: before.cloned(), after: after.cloned() }
}

fn to_value(module: &ModuleDefinition) -> Value {
    serde_json::to_value(module).unwrap_or(Value::Null)
}

/// The leaves of `value` as (field, text). Lists of plain values are one field; lists of keyed
/// parts are entered by key.
fn flatten(value: &Value, field: &str, into: &mut Vec<(String, String)>) {
    match value {
        Value::Object(fields) => {
            for (name, inner) in fields {
                let name = name.to_lowercase();
                flatten(inner, &join(field, &name), into);
            }
        }
        // An empty list has nothing to compare: what it lost or gained shows as fields removed or added.
        Value::Array(parts) if parts.is_empty() => {}
        Value::Array(parts) if parts.iter().all(|p| p.get("key").is_some()) => {
            for part in parts {
                let key = part.get("key").and_then(Value::as_str).unwrap_or("?");
                flatten(part, &format!("{field} {key}"), into);
            }
        }
        Value::Array(parts) => {
            let texts: Vec<String> = parts.iter().map(text).collect();
            into.push((field.to_owned(), texts.join("\n")));
        }
        leaf => into.push((field.to_owned(), text(leaf))),
    }
}

fn join(field: &str, name: &str) -> String {
    if field.is_empty() { name.to_owned() } else { format!("{field} › {name}") }
}

fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::learning::fixture::module;

    #[test]
    fn identical_versions_have_no_changes() {
        assert_eq!(compare(&module(), &module()), Vec::new());
    }

    #[test]
    fn a_changed_field_is_named_with_both_values() {
        let old = module();
        let mut new = module();
        new.title = "A new title".into();
        new.items[0].options[1].feedback = "Better feedback".into();
        let changes = compare(&old, &new);
        assert_eq!(changes.len(), 2, "{changes:?}");
        assert_eq!(
            changes[0],
            Change {
                field: "title".into(),
                before: Some(old.title.clone()),
                after: Some("A new title".into())
            }
        );
        let key = (&old.items[0].key, &old.items[0].options[1].key);
        assert_eq!(changes[1].field, format!("items {} › options {} › feedback", key.0, key.1));
        assert_eq!(changes[1].after.as_deref(), Some("Better feedback"));
    }

    #[test]
    fn inserted_and_removed_parts_are_matched_by_key() {
        let old = module();
        let mut new = module();
        let mut extra = new.items[0].clone();
        extra.key = "new-item".into();
        new.items.insert(0, extra);
        let removed = new.attitudes.pop().expect("a statement");
        let changes = compare(&old, &new);
        assert!(
            changes.iter().all(|c| c.field.starts_with("items new-item") || c.field.contains(&removed.key)),
            "{changes:?}"
        );
        assert!(changes.iter().any(|c| c.field == "items new-item › stem" && c.before.is_none()));
        assert!(
            changes
                .iter()
                .any(|c| c.field == format!("attitudes {} › statement", removed.key) && c.after.is_none())
        );
    }

    #[test]
    fn lists_of_plain_values_compare_as_one_field() {
        let old = module();
        let mut new = module();
        new.outcomes.push("One more outcome".into());
        let changes = compare(&old, &new);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].field, "outcomes");
        assert!(changes[0].after.as_deref().is_some_and(|a| a.ends_with("One more outcome")));
    }
}
