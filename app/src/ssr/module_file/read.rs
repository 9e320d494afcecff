//! Reading a module file: TOML syntax first, then every field's presence and type (all problems,
//! not just the first), then the curriculum rules, each problem with its line in the file.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::domain::curriculum::case::{Case, ChoiceMade, DecisionOption, Node, NodeKind, Passage, Rating};
use crate::domain::curriculum::item::{ItemOption, ItemVariant, KnowledgeItem};
use crate::domain::curriculum::module::{AttitudeStatement, ModuleDefinition, Reference, Valence};
use crate::domain::curriculum::pair::CasePair;
use crate::domain::curriculum::validate::validate;

/// A problem found in a module file, with where it is.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileProblem {
    /// 1-based line in the file (0 when the problem is about the file as a whole).
    pub line: usize,
    /// The field, as a path such as `items[2].options[1].feedback`.
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for FileProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            0 => write!(f, "{} ({})", self.message, self.path),
            line => write!(f, "line {line}: {} ({})", self.message, self.path),
        }
    }
}

/// The largest module file accepted (a four-case module is about 60 kB).
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// Reads and validates a module file.
pub fn read_module(text: &str) -> Result<ModuleDefinition, Vec<FileProblem>> {
    if text.len() > MAX_FILE_BYTES {
        return Err(vec![FileProblem {
            line: 0,
            path: String::new(),
            message: format!("The file is larger than {} kB: is it a module file?", MAX_FILE_BYTES / 1024),
        }]);
    }
    let (root, syntax) = DeTable::parse_recoverable(text);
    let mut reader = Reader { text, problems: Vec::new(), spans: HashMap::new() };
    if !syntax.is_empty() {
        for error in syntax {
            let line = error.span().map_or(0, |span| reader.line_of(span.start));
            reader.problems.push(FileProblem {
                line,
                path: String::new(),
                message: format!("This is not valid TOML: {}", error.message().trim_end_matches('\n')),
            });
        }
        return Err(reader.problems);
    }
    let module = reader.module(root.get_ref());
    let rule_problems = validate(&module);
    for problem in rule_problems {
        let line = reader.line_of_path(&problem.path);
        reader.problems.push(FileProblem { line, path: problem.path, message: problem.message });
    }
    if reader.problems.is_empty() {
        Ok(module)
    } else {
        reader.problems.sort_by_key(|p| p.line);
        Err(reader.problems)
    }
}

struct Reader<'t> {
    text: &'t str,
    problems: Vec<FileProblem>,
    /// Where each field was found, for placing the curriculum rules' problems.
    spans: HashMap<String, Range<usize>>,
}

type Table<'i> = DeTable<'i>;

impl Reader<'_> {
    fn line_of(&self, offset: usize) -> usize {
        self.text.get(..offset).map_or(0, |before| before.matches('\n').count() + 1)
    }

    /// The line of a field, or of the nearest enclosing field that was found.
    fn line_of_path(&self, path: &str) -> usize {
        let mut path = path.to_owned();
        loop {
            if let Some(span) = self.spans.get(&path) {
                return self.line_of(span.start);
            }
            match path.rfind(['.', '[']) {
                Some(cut) => path.truncate(cut),
                None => return 0,
            }
        }
    }

    fn problem(&mut self, span: Option<Range<usize>>, path: &str, message: String) {
        let line = span.map_or_else(|| self.line_of_path(path), |s| self.line_of(s.start));
        self.problems.push(FileProblem { line, path: path.to_owned(), message });
    }

    /// Complains about keys this table should not have (usually a misspelling).
    fn only(&mut self, table: &Table<'_>, path: &str, allowed: &[&str]) {
        for (key, _) in table.iter() {
            let name = key.get_ref().as_ref();
            if !allowed.contains(&name) {
                let field = join(path, name);
                let suggestion = allowed
                    .iter()
                    .find(|a| similar(a, name))
                    .map(|a| format!(" Did you mean '{a}'?"))
                    .unwrap_or_default();
                self.problem(Some(key.span()), &field, format!("Unknown field '{name}'.{suggestion}"));
            }
        }
    }

    fn value<'v, 'i>(
        &mut self,
        table: &'v Table<'i>,
        path: &str,
        key: &str,
    ) -> Option<&'v Spanned<DeValue<'i>>> {
        let value = table.get(key)?;
        self.spans.insert(join(path, key), value.span());
        Some(value)
    }

    fn string(&mut self, table: &Table<'_>, path: &str, key: &str, required: bool) -> Option<String> {
        let field = join(path, key);
        match self.value(table, path, key).map(|v| (v.get_ref(), v.span())) {
            Some((DeValue::String(s), _)) => Some(s.to_string()),
            Some((_, span)) => {
                self.problem(Some(span), &field, format!("'{key}' must be text in quotes"));
                None
            }
            None if required => {
                self.problem(None, &field, format!("'{key}' is missing"));
                None
            }
            None => None,
        }
    }

    fn integer(&mut self, table: &Table<'_>, path: &str, key: &str) -> Option<i64> {
        let field = join(path, key);
        match self.value(table, path, key).map(|v| (v.get_ref(), v.span())) {
            Some((DeValue::Integer(i), span)) => match i.as_str().replace('_', "").parse::<i64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    self.problem(Some(span), &field, format!("'{key}' must be a whole number"));
                    None
                }
            },
            Some((_, span)) => {
                self.problem(Some(span), &field, format!("'{key}' must be a whole number, without quotes"));
                None
            }
            None => {
                self.problem(None, &field, format!("'{key}' is missing"));
                None
            }
        }
    }

    fn boolean(&mut self, table: &Table<'_>, path: &str, key: &str) -> bool {
        let field = join(path, key);
        match self.value(table, path, key).map(|v| (v.get_ref(), v.span())) {
            Some((DeValue::Boolean(b), _)) => *b,
            Some((_, span)) => {
                self.problem(Some(span), &field, format!("'{key}' must be true or false, without quotes"));
                false
            }
            None => false,
        }
    }

    /// A list of strings (absent means empty).
    fn strings(&mut self, table: &Table<'_>, path: &str, key: &str) -> Vec<String> {
        let field = join(path, key);
        match self.value(table, path, key).map(|v| (v.get_ref(), v.span())) {
            Some((DeValue::Array(items), _)) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| match item.get_ref() {
                    DeValue::String(s) => Some(s.to_string()),
                    _ => {
                        self.problem(
                            Some(item.span()),
                            &format!("{field}[{i}]"),
                            format!("Each entry of '{key}' must be text in quotes"),
                        );
                        None
                    }
                })
                .collect(),
            Some((_, span)) => {
                self.problem(Some(span), &field, format!("'{key}' must be a list, like [\"a\", \"b\"]"));
                Vec::new()
            }
            None => Vec::new(),
        }
    }

    /// An array of tables (`[[key]]` sections), each with its path (absent means empty).
    fn tables<'v, 'i>(
        &mut self,
        table: &'v Table<'i>,
        path: &str,
        key: &str,
    ) -> Vec<(String, &'v Table<'i>)> {
        let field = join(path, key);
        match self.value(table, path, key).map(|v| (v.get_ref(), v.span())) {
            Some((DeValue::Array(items), _)) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| {
                    let item_path = format!("{field}[{i}]");
                    self.spans.insert(item_path.clone(), item.span());
                    match item.get_ref() {
                        DeValue::Table(t) => Some((item_path, t)),
                        _ => {
                            self.problem(
                                Some(item.span()),
                                &item_path,
                                format!("Each '{key}' entry must be a [[{field}]] section"),
                            );
                            None
                        }
                    }
                })
                .collect(),
            Some((_, span)) => {
                self.problem(Some(span), &field, format!("'{key}' must be a list of [[{field}]] sections"));
                Vec::new()
            }
            None => Vec::new(),
        }
    }

    fn module(&mut self, root: &Table<'_>) -> ModuleDefinition {
        self.only(
            root,
            "",
            &[
                "format",
                "slug",
                "title",
                "summary",
                "audience",
                "estimated_minutes",
                "themes",
                "outcomes",
                "notice",
                "references",
                "items",
                "attitudes",
                "cases",
                "pairs",
                "reflections",
                "booster_days",
            ],
        );
        if let Some(format) = self.integer(root, "", "format")
            && format != super::FORMAT
        {
            let span = root.get("format").map(|v| v.span());
            self.problem(
                span,
                "format",
                format!("This file is format {format}; this Casebook reads format {}", super::FORMAT),
            );
        }
        let minutes = self.integer(root, "", "estimated_minutes").unwrap_or(0);
        let references =
            self.tables(root, "", "references").into_iter().map(|(p, t)| self.reference(&p, t)).collect();
        let items = self.tables(root, "", "items").into_iter().map(|(p, t)| self.item(&p, t)).collect();
        let attitudes =
            self.tables(root, "", "attitudes").into_iter().map(|(p, t)| self.attitude(&p, t)).collect();
        let cases = self.tables(root, "", "cases").into_iter().map(|(p, t)| self.case(&p, t)).collect();
        let pairs = self.tables(root, "", "pairs").into_iter().map(|(p, t)| self.pair(&p, t)).collect();
        ModuleDefinition {
            slug: self.string(root, "", "slug", true).unwrap_or_default(),
            title: self.string(root, "", "title", true).unwrap_or_default(),
            summary: self.string(root, "", "summary", true).unwrap_or_default(),
            audience: self.string(root, "", "audience", true).unwrap_or_default(),
            estimated_minutes: u32::try_from(minutes).unwrap_or(0),
            themes: self.strings(root, "", "themes"),
            outcomes: self.strings(root, "", "outcomes"),
            notice: self.string(root, "", "notice", false),
            references,
            items,
            attitudes,
            cases,
            pairs,
            reflections: self.strings(root, "", "reflections"),
            booster_days: self.days(root, "", "booster_days"),
        }
    }

    /// An optional list of whole numbers of days, such as `[14, 56]`.
    fn days(&mut self, table: &Table<'_>, path: &str, key: &str) -> Option<Vec<u32>> {
        let field = join(path, key);
        let (value, span) = self.value(table, path, key).map(|v| (v.get_ref(), v.span()))?;
        let DeValue::Array(entries) = value else {
            self.problem(Some(span), &field, format!("'{key}' must be a list of days, like [14, 56]"));
            return None;
        };
        let days: Vec<Option<u32>> = entries
            .iter()
            .enumerate()
            .map(|(i, entry)| {
                match entry.get_ref() {
                    DeValue::Integer(n) => n.as_str().replace('_', "").parse::<u32>().ok(),
                    _ => None,
                }
                .or_else(|| {
                    let message =
                        format!("Each entry of '{key}' must be a whole number of days, without quotes");
                    self.problem(Some(entry.span()), &format!("{field}[{i}]"), message);
                    None
                })
            })
            .collect();
        days.into_iter().collect()
    }

    fn pair(&mut self, path: &str, table: &Table<'_>) -> CasePair {
        self.only(table, path, &["key", "cases", "differs", "themes"]);
        CasePair {
            key: self.string(table, path, "key", true).unwrap_or_default(),
            cases: self.strings(table, path, "cases"),
            differs: self.string(table, path, "differs", true).unwrap_or_default(),
            themes: self.strings(table, path, "themes"),
        }
    }

    fn reference(&mut self, path: &str, table: &Table<'_>) -> Reference {
        self.only(table, path, &["key", "citation", "url"]);
        Reference {
            key: self.string(table, path, "key", true).unwrap_or_default(),
            citation: self.string(table, path, "citation", true).unwrap_or_default(),
            url: self.string(table, path, "url", false),
        }
    }

    fn item(&mut self, path: &str, table: &Table<'_>) -> KnowledgeItem {
        self.only(table, path, &["key", "stem", "themes", "references", "options", "variants"]);
        let options = self.item_options(path, table);
        let variants = self
            .tables(table, path, "variants")
            .into_iter()
            .map(|(p, t)| {
                self.only(t, &p, &["key", "stem", "options"]);
                ItemVariant {
                    key: self.string(t, &p, "key", true).unwrap_or_default(),
                    stem: self.string(t, &p, "stem", true).unwrap_or_default(),
                    options: self.item_options(&p, t),
                }
            })
            .collect();
        KnowledgeItem {
            key: self.string(table, path, "key", true).unwrap_or_default(),
            stem: self.string(table, path, "stem", true).unwrap_or_default(),
            themes: self.strings(table, path, "themes"),
            references: self.strings(table, path, "references"),
            options,
            variants,
        }
    }

    fn item_options(&mut self, path: &str, table: &Table<'_>) -> Vec<ItemOption> {
        self.tables(table, path, "options")
            .into_iter()
            .map(|(p, t)| {
                self.only(t, &p, &["key", "text", "correct", "feedback"]);
                ItemOption {
                    key: self.string(t, &p, "key", true).unwrap_or_default(),
                    text: self.string(t, &p, "text", true).unwrap_or_default(),
                    correct: self.boolean(t, &p, "correct"),
                    feedback: self.string(t, &p, "feedback", false).unwrap_or_default(),
                }
            })
            .collect()
    }

    fn attitude(&mut self, path: &str, table: &Table<'_>) -> AttitudeStatement {
        self.only(table, path, &["key", "statement", "themes", "evaluates"]);
        let evaluates = self.string(table, path, "evaluates", false).and_then(|text| {
            let valence = Valence::parse(&text);
            if valence.is_none() {
                let span = table.get("evaluates").map(|v| v.span());
                let message = format!("'evaluates' must be \"positive\" or \"negative\", not \"{text}\"");
                self.problem(span, &join(path, "evaluates"), message);
            }
            valence
        });
        AttitudeStatement {
            key: self.string(table, path, "key", true).unwrap_or_default(),
            statement: self.string(table, path, "statement", true).unwrap_or_default(),
            themes: self.strings(table, path, "themes"),
            evaluates,
        }
    }

    fn case(&mut self, path: &str, table: &Table<'_>) -> Case {
        self.only(table, path, &["key", "title", "start", "nodes"]);
        let nodes = self.tables(table, path, "nodes").into_iter().map(|(p, t)| self.node(&p, t)).collect();
        Case {
            key: self.string(table, path, "key", true).unwrap_or_default(),
            title: self.string(table, path, "title", true).unwrap_or_default(),
            start: self.string(table, path, "start", true).unwrap_or_default(),
            nodes,
        }
    }

    fn node(&mut self, path: &str, table: &Table<'_>) -> Node {
        let key = self.string(table, path, "key", true).unwrap_or_default();
        let kind = self.string(table, path, "kind", true).unwrap_or_default();
        let kind = match kind.as_str() {
            "narrative" => {
                self.only(table, path, &["key", "kind", "body", "references", "next", "passages"]);
                NodeKind::Narrative {
                    body: self.string(table, path, "body", true).unwrap_or_default(),
                    references: self.strings(table, path, "references"),
                    next: self.string(table, path, "next", true).unwrap_or_default(),
                }
            }
            "decision" => {
                self.only(table, path, &["key", "kind", "body", "question", "options", "passages"]);
                let options = self
                    .tables(table, path, "options")
                    .into_iter()
                    .map(|(p, t)| self.decision_option(&p, t))
                    .collect();
                NodeKind::Decision {
                    body: self.string(table, path, "body", false),
                    question: self.string(table, path, "question", true).unwrap_or_default(),
                    options,
                }
            }
            "end" => {
                self.only(table, path, &["key", "kind", "body", "references", "passages"]);
                NodeKind::End {
                    body: self.string(table, path, "body", true).unwrap_or_default(),
                    references: self.strings(table, path, "references"),
                }
            }
            other => {
                let span = table.get("kind").map(|v| v.span());
                if !other.is_empty() {
                    self.problem(
                        span,
                        &join(path, "kind"),
                        format!("'kind' must be \"narrative\", \"decision\" or \"end\", not \"{other}\""),
                    );
                }
                NodeKind::End { body: String::new(), references: Vec::new() }
            }
        };
        let passages = self.passages(path, table);
        Node { key, kind, passages }
    }

    fn passages(&mut self, path: &str, table: &Table<'_>) -> Vec<Passage> {
        self.tables(table, path, "passages")
            .into_iter()
            .map(|(p, t)| {
                self.only(t, &p, &["when", "body", "references"]);
                let mut when = Vec::new();
                for text in self.strings(t, &p, "when") {
                    match ChoiceMade::parse(&text) {
                        Some(choice) => when.push(choice),
                        None => {
                            let span = t.get("when").map(|v| v.span());
                            let message = format!(
                                "'{text}' is not a choice: write a decision's key and one of its options' keys, \
                                 such as \"reframe:accept\""
                            );
                            self.problem(span, &join(&p, "when"), message);
                        }
                    }
                }
                Passage {
                    when,
                    body: self.string(t, &p, "body", true).unwrap_or_default(),
                    references: self.strings(t, &p, "references"),
                }
            })
            .collect()
    }

    fn decision_option(&mut self, path: &str, table: &Table<'_>) -> DecisionOption {
        self.only(table, path, &["key", "text", "rating", "feedback", "themes", "references", "next"]);
        let rating_text = self.string(table, path, "rating", true).unwrap_or_default();
        let rating = Rating::parse(&rating_text).unwrap_or_else(|| {
            if !rating_text.is_empty() {
                let span = table.get("rating").map(|v| v.span());
                self.problem(span, &join(path, "rating"), format!("'rating' must be \"best\", \"acceptable\", \"poor\" or \"unsafe\", not \"{rating_text}\""));
            }
            Rating::Poor
        });
        DecisionOption {
            key: self.string(table, path, "key", true).unwrap_or_default(),
            text: self.string(table, path, "text", true).unwrap_or_default(),
            rating,
            feedback: self.string(table, path, "feedback", false).unwrap_or_default(),
            themes: self.strings(table, path, "themes"),
            references: self.strings(table, path, "references"),
            next: self.string(table, path, "next", true).unwrap_or_default(),
        }
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") }
}

/// Whether two field names differ by one edit or a transposition, for "did you mean".
fn similar(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()] <= 2
}
