//! Writing a module file: the same shape `read` accepts, Markdown kept in triple-quoted strings, so
//! reading what was written gives back the same module.

use serde::Serialize;

use crate::domain::curriculum::case::{Case, NodeKind};
use crate::domain::curriculum::item::{ItemOption, KnowledgeItem};
use crate::domain::curriculum::module::{AttitudeStatement, ModuleDefinition, Reference, Valence};
use crate::domain::curriculum::pair::CasePair;

/// The module as a TOML module file.
pub fn write_module(module: &ModuleDefinition) -> Result<String, toml::ser::Error> {
    let file = File {
        format: super::FORMAT,
        slug: &module.slug,
        title: &module.title,
        summary: &module.summary,
        audience: &module.audience,
        estimated_minutes: module.estimated_minutes,
        themes: &module.themes,
        outcomes: &module.outcomes,
        notice: module.notice.as_deref(),
        reflections: &module.reflections,
        booster_days: module.booster_days.as_deref(),
        references: module.references.iter().map(FileReference::from).collect(),
        items: module.items.iter().map(FileItem::from).collect(),
        attitudes: module.attitudes.iter().map(FileAttitude::from).collect(),
        cases: module.cases.iter().map(FileCase::from).collect(),
        pairs: module.pairs.iter().map(FilePair::from).collect(),
    };
    toml::to_string_pretty(&file)
}

/// The file's shape: plain values first, then the `[[...]]` sections, as TOML requires.
#[derive(Serialize)]
struct File<'a> {
    format: i64,
    slug: &'a str,
    title: &'a str,
    summary: &'a str,
    audience: &'a str,
    estimated_minutes: u32,
    themes: &'a [String],
    outcomes: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    notice: Option<&'a str>,
    reflections: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    booster_days: Option<&'a [u32]>,
    references: Vec<FileReference<'a>>,
    items: Vec<FileItem<'a>>,
    attitudes: Vec<FileAttitude<'a>>,
    cases: Vec<FileCase<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pairs: Vec<FilePair<'a>>,
}

#[derive(Serialize)]
struct FilePair<'a> {
    key: &'a str,
    cases: &'a [String],
    differs: &'a str,
    themes: &'a [String],
}

impl<'a> From<&'a CasePair> for FilePair<'a> {
    fn from(p: &'a CasePair) -> Self {
        FilePair { key: &p.key, cases: &p.cases, differs: &p.differs, themes: &p.themes }
    }
}

#[derive(Serialize)]
struct FileReference<'a> {
    key: &'a str,
    citation: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

impl<'a> From<&'a Reference> for FileReference<'a> {
    fn from(r: &'a Reference) -> Self {
        FileReference { key: &r.key, citation: &r.citation, url: r.url.as_deref() }
    }
}

#[derive(Serialize)]
struct FileItem<'a> {
    key: &'a str,
    stem: &'a str,
    themes: &'a [String],
    references: &'a [String],
    options: Vec<FileItemOption<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    variants: Vec<FileItemVariant<'a>>,
}

#[derive(Serialize)]
struct FileItemVariant<'a> {
    key: &'a str,
    stem: &'a str,
    options: Vec<FileItemOption<'a>>,
}

#[derive(Serialize)]
struct FileItemOption<'a> {
    key: &'a str,
    text: &'a str,
    #[serde(skip_serializing_if = "is_false")]
    correct: bool,
    feedback: &'a str,
}

fn is_false(value: &bool) -> bool {
    !value
}

impl<'a> From<&'a KnowledgeItem> for FileItem<'a> {
    fn from(item: &'a KnowledgeItem) -> Self {
        FileItem {
            key: &item.key,
            stem: &item.stem,
            themes: &item.themes,
            references: &item.references,
            options: file_options(&item.options),
            variants: item
                .variants
                .iter()
                .map(|v| FileItemVariant { key: &v.key, stem: &v.stem, options: file_options(&v.options) })
                .collect(),
        }
    }
}

fn file_options(options: &[ItemOption]) -> Vec<FileItemOption<'_>> {
    options
        .iter()
        .map(|o| FileItemOption { key: &o.key, text: &o.text, correct: o.correct, feedback: &o.feedback })
        .collect()
}

#[derive(Serialize)]
struct FileAttitude<'a> {
    key: &'a str,
    statement: &'a str,
    themes: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    evaluates: Option<&'static str>,
}

impl<'a> From<&'a AttitudeStatement> for FileAttitude<'a> {
    fn from(a: &'a AttitudeStatement) -> Self {
        FileAttitude {
            key: &a.key,
            statement: &a.statement,
            themes: &a.themes,
            evaluates: a.evaluates.map(Valence::code),
        }
    }
}

#[derive(Serialize)]
struct FileCase<'a> {
    key: &'a str,
    title: &'a str,
    start: &'a str,
    nodes: Vec<FileNode<'a>>,
}

/// One node; which fields are present depends on its kind.
#[derive(Serialize)]
struct FileNode<'a> {
    key: &'a str,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    question: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    references: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    options: Vec<FileOption<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    passages: Vec<FilePassage<'a>>,
}

#[derive(Serialize)]
struct FilePassage<'a> {
    when: Vec<String>,
    body: &'a str,
    references: &'a [String],
}

#[derive(Serialize)]
struct FileOption<'a> {
    key: &'a str,
    text: &'a str,
    rating: &'static str,
    feedback: &'a str,
    themes: &'a [String],
    references: &'a [String],
    next: &'a str,
}

impl<'a> From<&'a Case> for FileCase<'a> {
    fn from(case: &'a Case) -> Self {
        let nodes = case
            .nodes
            .iter()
            .map(|node| {
                let blank = FileNode {
                    key: &node.key,
                    kind: "",
                    body: None,
                    question: None,
                    references: None,
                    next: None,
                    options: Vec::new(),
                    passages: node
                        .passages
                        .iter()
                        .map(|p| FilePassage {
                            when: p.when.iter().map(ToString::to_string).collect(),
                            body: &p.body,
                            references: &p.references,
                        })
                        .collect(),
                };
                match &node.kind {
                    NodeKind::Narrative { body, references, next } => FileNode {
                        kind: "narrative",
                        body: Some(body),
                        references: Some(references),
                        next: Some(next),
                        ..blank
                    },
                    NodeKind::Decision { body, question, options } => FileNode {
                        kind: "decision",
                        body: body.as_deref(),
                        question: Some(question),
                        options: options
                            .iter()
                            .map(|o| FileOption {
                                key: &o.key,
                                text: &o.text,
                                rating: o.rating.code(),
                                feedback: &o.feedback,
                                themes: &o.themes,
                                references: &o.references,
                                next: &o.next,
                            })
                            .collect(),
                        ..blank
                    },
                    NodeKind::End { body, references } => {
                        FileNode { kind: "end", body: Some(body), references: Some(references), ..blank }
                    }
                }
            })
            .collect();
        FileCase { key: &case.key, title: &case.title, start: &case.start, nodes }
    }
}
