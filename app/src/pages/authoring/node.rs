//! `/author/versions/<id>/cases/<case>/nodes/<key>` (or `/nodes/new`): write one node of a case:
//! a narrative step (text, then the next node), a decision (a question and its options, each rated,
//! with feedback, themes, references and where it leads) or an ending.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

use super::editor::{EditorFrame, VersionAndRevision, load_draft};
use super::markdown_preview::{MarkdownPreview, rendered};
use super::options::DecisionOptionRows;
use super::passages::PassageRows;
use crate::api::authoring::save_node::SaveNode;
use crate::api::authoring::view_version::VersionView;
use crate::components::client_assets::IslandScripts;
use crate::components::forms::{ChoiceField, TextArea, TextField, message, value_or};
use crate::domain::authoring::edit_case::{OptionRow, PassageRow, option_rows, passage_rows};
use crate::domain::curriculum::case::{Node, NodeKind};
use crate::error::AppError;
use crate::pages::loaded::loaded_with_messages;

#[component]
pub fn NodePage() -> impl IntoView {
    let params = use_params_map();
    let keys = move || params.with(|p| (p.get("case").unwrap_or_default(), p.get("key").unwrap_or_default()));
    let version = load_draft(params);
    loaded_with_messages(version, move |v, messages| {
        let error = messages.error_for::<SaveNode>();
        let (case, key) = keys();
        let Some(found) = v.definition.cases.iter().find(|c| c.key == case) else {
            return crate::pages::outcome::problem(AppError::NotFound);
        };
        let node = found.node(&key).cloned();
        if node.is_none() && key != "new" {
            return crate::pages::outcome::problem(AppError::NotFound);
        }
        let heading = if key == "new" {
            format!("Add a node to {}", found.title)
        } else {
            format!("Node {key} of {}", found.title)
        };
        let new_node = format!("/author/versions/{}/cases/{case}/nodes/new", v.id);
        let parts = node_path(&v, &case, &key).into_iter().collect();
        view! {
            <EditorFrame v=v.clone() heading error=error.clone() parts>
                <NodeForm v=v.clone() case=case.clone() key=key.clone() node error=error.clone() />
                <p>
                    <a href=new_node>"Add another node to this case"</a>
                </p>
            </EditorFrame>
        }
        .into_any()
    })
}

/// The node's path in the module (`cases[0].nodes[3]`), under which its problems are reported.
fn node_path(v: &VersionView, case: &str, key: &str) -> Option<String> {
    let c = v.definition.cases.iter().position(|c| c.key == case)?;
    let n = v.definition.cases[c].nodes.iter().position(|n| n.key == key)?;
    Some(format!("cases[{c}].nodes[{n}]"))
}

/// The form's starting values for a node (or a new one).
struct Current {
    kind: &'static str,
    body: String,
    question: String,
    references: String,
    next: String,
    rows: Vec<OptionRow>,
    passages: Vec<PassageRow>,
}

fn current(node: Option<&Node>) -> Current {
    let empty = Current {
        kind: "",
        body: String::new(),
        question: String::new(),
        references: String::new(),
        next: String::new(),
        rows: option_rows(std::iter::empty()),
        passages: passage_rows(node.map(|n| n.passages.as_slice()).unwrap_or_default()),
    };
    match node.map(|n| &n.kind) {
        None => empty,
        Some(NodeKind::Narrative { body, references, next }) => Current {
            kind: "narrative",
            body: body.clone(),
            references: references.join(", "),
            next: next.clone(),
            ..empty
        },
        Some(NodeKind::End { body, references }) => {
            Current { kind: "end", body: body.clone(), references: references.join(", "), ..empty }
        }
        Some(NodeKind::Decision { body, question, options }) => Current {
            kind: "decision",
            body: body.clone().unwrap_or_default(),
            question: question.clone(),
            rows: option_rows(options.iter().map(|o| OptionRow {
                key: o.key.clone(),
                text: o.text.clone(),
                feedback: o.feedback.clone(),
                rating: o.rating.code().into(),
                themes: o.themes.join(", "),
                references: o.references.join(", "),
                next: o.next.clone(),
            })),
            ..empty
        },
    }
}

#[component]
fn NodeForm(
    v: VersionView,
    case: String,
    key: String,
    node: Option<Node>,
    error: Option<AppError>,
) -> impl IntoView {
    let is_new = node.is_none();
    let now = current(node.as_ref());
    let kind = value_or(&error, "kind", now.kind);
    let kinds = vec![
        ("narrative".to_owned(), "Narrative: part of the story, then on to the next node".to_owned()),
        ("decision".to_owned(), "Decision: a question with options".to_owned()),
        ("end".to_owned(), "Ending: how things turned out".to_owned()),
    ];
    view! {
        <form method="post" action=SaveNode::PATH novalidate>
            <VersionAndRevision version=v.id revision=v.revision />
            <input type="hidden" name="case" value=case />
            <input type="hidden" name="node" value=key />
            {is_new
                .then(|| {
                    view! {
                        <TextField
                            name="key"
                            label="Key"
                            width="nhsuk-input--width-10"
                            hint="A short name other nodes use to lead here, such as review."
                            value=value_or(&error, "key", "")
                            error=message(&error, "key")
                        />
                    }
                })}
            <ChoiceField
                name="kind"
                legend="Kind of node"
                choices=kinds
                chosen=vec![kind]
                error=message(&error, "kind")
            />
            <TextArea
                name="body"
                label="Text (Markdown)"
                hint="For a decision, optional context shown before the question."
                rows=8
                value=value_or(&error, "body", &now.body)
                error=message(&error, "body")
            />
            <MarkdownPreview
                field="body".to_owned()
                rendered=rendered(&value_or(&error, "body", &now.body))
            />
            <IslandScripts />
            <TextField
                name="references"
                label="References (narrative and ending)"
                hint="Keys of the module's references, separated by commas."
                value=value_or(&error, "references", &now.references)
                error=message(&error, "references")
            />
            <TextField
                name="next"
                label="Leads to (narrative)"
                width="nhsuk-input--width-10"
                hint="The key of the next node."
                value=value_or(&error, "next", &now.next)
                error=message(&error, "next")
            />
            <TextField
                name="question"
                label="Question (decision)"
                value=value_or(&error, "question", &now.question)
                error=message(&error, "question")
            />
            <DecisionOptionRows rows=now.rows error=error.clone() />
            <PassageRows rows=now.passages error=error.clone() />
            <div class="nhsuk-button-group">
                <button class="nhsuk-button" type="submit">
                    "Save node"
                </button>
                {(!is_new)
                    .then(|| {
                        view! {
                            <button
                                class="nhsuk-button nhsuk-button--warning"
                                type="submit"
                                name="remove"
                                value="yes"
                            >
                                "Remove this node"
                            </button>
                        }
                    })}
            </div>
        </form>
    }
}
