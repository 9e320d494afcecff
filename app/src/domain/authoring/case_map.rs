//! The case map: a case's graph laid out for drawing, so an author sees at a glance where it
//! branches and where it breaks. Nodes sit in columns by their distance from the start; nodes the
//! learner can never reach go in a last column of their own. The same facts drive the SVG and the
//! list beside it.

use std::collections::{HashMap, HashSet, VecDeque};

use serde::{Deserialize, Serialize};

use crate::domain::curriculum::case::{Case, NodeKind, Rating};

pub const NODE_WIDTH: i32 = 200;
pub const NODE_HEIGHT: i32 = 64;
const COLUMN_GAP: i32 = 110;
const ROW_GAP: i32 = 40;
const MARGIN: i32 = 16;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseMap {
    pub case: String,
    pub nodes: Vec<MapNode>,
    pub links: Vec<MapLink>,
    pub width: i32,
    pub height: i32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapNode {
    pub key: String,
    /// "Narrative", "Decision" or "Ending".
    pub kind: String,
    /// The question, or the first words of the text.
    pub label: String,
    pub x: i32,
    pub y: i32,
    pub start: bool,
    /// The learner can never get here from the start.
    pub unreachable: bool,
    /// No ending can be reached from here (a dead end, or a loop with no way out).
    pub dead_end: bool,
}

/// An arrow: "continue" from a narrative step, or one option of a decision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapLink {
    pub from: String,
    pub to: String,
    /// The option's text, for a decision's options.
    pub label: Option<String>,
    pub rating: Option<Rating>,
    /// The target is not a node of the case.
    pub broken: bool,
}

/// Lays out `case` for drawing.
pub fn lay_out(case: &Case) -> CaseMap {
    let depth = depths(case);
    let reachable = case.reachable();
    let finishing = case.finishing();
    let last = depth.values().copied().max().map_or(0, |d| d + 1);
    let mut rows: HashMap<usize, i32> = HashMap::new();
    let nodes: Vec<MapNode> = case
        .nodes
        .iter()
        .map(|node| {
            let column = depth.get(node.key.as_str()).copied().unwrap_or(last);
            let row = rows.entry(column).or_insert(0);
            let (x, y) =
                (MARGIN + column as i32 * (NODE_WIDTH + COLUMN_GAP), MARGIN + *row * (NODE_HEIGHT + ROW_GAP));
            *row += 1;
            MapNode {
                key: node.key.clone(),
                kind: kind_name(&node.kind).into(),
                label: label(&node.kind),
                x,
                y,
                start: node.key == case.start,
                unreachable: !reachable.contains(node.key.as_str()),
                dead_end: !finishing.contains(node.key.as_str()),
            }
        })
        .collect();
    let keys: HashSet<&str> = case.nodes.iter().map(|n| n.key.as_str()).collect();
    let links = case.nodes.iter().flat_map(|node| links_of(&node.key, &node.kind, &keys)).collect();
    let columns = rows.keys().copied().max().map_or(1, |c| c + 1) as i32;
    let tallest = rows.values().copied().max().unwrap_or(1);
    CaseMap {
        case: case.key.clone(),
        nodes,
        links,
        width: 2 * MARGIN + columns * NODE_WIDTH + (columns - 1) * COLUMN_GAP,
        height: 2 * MARGIN + tallest * NODE_HEIGHT + (tallest - 1).max(0) * ROW_GAP,
    }
}

/// Each reachable node's distance from the start, by breadth-first search.
fn depths(case: &Case) -> HashMap<&str, usize> {
    let mut depth = HashMap::new();
    let mut queue = VecDeque::new();
    if case.node(&case.start).is_some() {
        depth.insert(case.start.as_str(), 0);
        queue.push_back(case.start.as_str());
    }
    while let Some(key) = queue.pop_front() {
        let here = depth[key];
        for next in case.node(key).map(|n| n.successors()).unwrap_or_default() {
            if case.node(next).is_some() && !depth.contains_key(next) {
                depth.insert(next, here + 1);
                queue.push_back(next);
            }
        }
    }
    depth
}

fn kind_name(kind: &NodeKind) -> &'static str {
    match kind {
        NodeKind::Narrative { .. } => "Narrative",
        NodeKind::Decision { .. } => "Decision",
        NodeKind::End { .. } => "Ending",
    }
}

/// Up to 60 characters that say what the node is.
fn label(kind: &NodeKind) -> String {
    let text = match kind {
        NodeKind::Narrative { body, .. } | NodeKind::End { body, .. } => body.as_str(),
        NodeKind::Decision { question, .. } => question.as_str(),
    };
    let plain: String =
        text.split_whitespace().collect::<Vec<_>>().join(" ").replace(['#', '*', '_', '>'], "");
    let plain = plain.trim();
    if plain.chars().count() <= 60 {
        plain.to_owned()
    } else {
        format!("{}…", plain.chars().take(59).collect::<String>().trim_end())
    }
}

fn links_of(from: &str, kind: &NodeKind, keys: &HashSet<&str>) -> Vec<MapLink> {
    let link = |to: &str, label: Option<String>, rating: Option<Rating>| MapLink {
        from: from.to_owned(),
        to: to.to_owned(),
        label,
        rating,
        broken: !keys.contains(to),
    };
    match kind {
        NodeKind::Narrative { next, .. } => vec![link(next, None, None)],
        NodeKind::Decision { options, .. } => {
            options.iter().map(|o| link(&o.next, Some(o.text.clone()), Some(o.rating))).collect()
        }
        NodeKind::End { .. } => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::curriculum::case::{DecisionOption, Node};

    fn narrative(key: &str, next: &str) -> Node {
        Node {
            key: key.into(),
            kind: NodeKind::Narrative {
                body: format!("## {key}\n\nText"),
                references: vec![],
                next: next.into(),
            },
            passages: vec![],
        }
    }

    fn ending(key: &str) -> Node {
        Node {
            key: key.into(),
            kind: NodeKind::End { body: "It ends.".into(), references: vec![] },
            passages: vec![],
        }
    }

    fn decision(key: &str, options: &[(&str, Rating)]) -> Node {
        let options = options
            .iter()
            .map(|(next, rating)| DecisionOption {
                key: (*next).into(),
                text: format!("Go to {next}"),
                rating: *rating,
                feedback: "Why.".into(),
                themes: vec![],
                references: vec![],
                next: (*next).into(),
            })
            .collect();
        Node {
            key: key.into(),
            kind: NodeKind::Decision { body: None, question: "What now?".into(), options },
            passages: vec![],
        }
    }

    fn case(nodes: Vec<Node>) -> Case {
        Case { key: "c".into(), title: "Case".into(), start: "start".into(), nodes }
    }

    #[test]
    fn columns_follow_the_distance_from_the_start() {
        let map = lay_out(&case(vec![
            narrative("start", "choice"),
            decision("choice", &[("good", Rating::Best), ("bad", Rating::Unsafe)]),
            ending("good"),
            ending("bad"),
        ]));
        let x = |key: &str| map.nodes.iter().find(|n| n.key == key).map(|n| n.x);
        assert!(x("start") < x("choice") && x("choice") < x("good"));
        assert_eq!(x("good"), x("bad"));
        assert!(map.nodes.iter().all(|n| !n.unreachable && !n.dead_end));
        assert_eq!(map.links.len(), 3);
        assert_eq!(map.links[2].rating, Some(Rating::Unsafe));
        assert_eq!(map.nodes[0].label, "start Text");
        assert!(map.nodes.iter().all(|n| n.x + NODE_WIDTH <= map.width && n.y + NODE_HEIGHT <= map.height));
    }

    #[test]
    fn unreachable_nodes_dead_ends_and_broken_links_are_marked() {
        let map = lay_out(&case(vec![
            narrative("start", "loop"),
            narrative("loop", "start"),
            narrative("orphan", "missing"),
            ending("end"),
        ]));
        let node = |key: &str| map.nodes.iter().find(|n| n.key == key).expect("node");
        assert!(node("start").dead_end && node("loop").dead_end);
        assert!(node("orphan").unreachable && node("end").unreachable);
        assert!(node("orphan").x > node("loop").x, "unreachable nodes sit in a column of their own");
        assert!(map.links.iter().any(|l| l.from == "orphan" && l.broken));
    }

    #[test]
    fn long_texts_are_shortened_for_the_box() {
        let long = "word ".repeat(40);
        let map = lay_out(&case(vec![narrative("start", "end"), ending("end")]).tap(|c| {
            c.nodes[1] = Node {
                key: "end".into(),
                kind: NodeKind::End { body: long.clone(), references: vec![] },
                passages: vec![],
            };
        }));
        assert!(map.nodes[1].label.ends_with('…'));
        assert!(map.nodes[1].label.chars().count() <= 60);
    }

    trait Tap: Sized {
        fn tap(mut self, change: impl FnOnce(&mut Self)) -> Self {
            change(&mut self);
            self
        }
    }
    impl Tap for Case {}
}
