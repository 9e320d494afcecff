//! The case map: a case's graph as an SVG (nodes in columns by distance from the start, options as
//! labelled arrows coloured and worded by rating, unreachable nodes and dead ends marked), and the
//! same facts as a table beside it for anyone who cannot see the drawing.

use leptos::prelude::*;

use crate::components::rating_tag::RatingTag;
use crate::components::table::Table;
use crate::domain::authoring::case_map::{CaseMap, MapLink, MapNode, NODE_HEIGHT, NODE_WIDTH};
use crate::domain::ids::VersionId;

#[component]
pub fn CaseMapView(map: CaseMap, title: String, version: VersionId) -> impl IntoView {
    let title_id = format!("map-{}-title", map.case);
    let svg_title_id = title_id.clone();
    let links = map.links.iter().filter_map(|link| arrow(&map, link)).collect_view();
    let nodes = map.nodes.iter().map(|node| node_box(node, version, &map.case)).collect_view();
    view! {
        <h3>{format!("Case map: {title}")}</h3>
        // A map wider than the page scrolls; keyboard users reach it with Tab.
        <div class="casebook-case-map" tabindex="0" role="region" aria-label=format!("Case map: {title}")>
            <svg
                role="group"
                aria-labelledby=title_id.clone()
                viewBox=format!("0 0 {} {}", map.width, map.height)
                width=map.width
                height=map.height
                xmlns="http://www.w3.org/2000/svg"
            >
                <title id=svg_title_id>
                    {format!("Map of the case {title}: the same information is in the table below")}
                </title>
                <defs>
                    <marker
                        id="casebook-arrow"
                        viewBox="0 0 10 10"
                        refX="10"
                        refY="5"
                        markerWidth="8"
                        markerHeight="8"
                        orient="auto-start-reverse"
                    >
                        <path d="M 0 0 L 10 5 L 0 10 z" fill="#212b32" />
                    </marker>
                </defs>
                {links}
                {nodes}
            </svg>
        </div>
        <NodeTable map version />
    }
}

fn node_box(node: &MapNode, version: VersionId, case: &str) -> impl IntoView + use<> {
    let mut class = String::from("casebook-map__node");
    let mut marks = Vec::new();
    if node.unreachable {
        class.push_str(" casebook-map__node--broken");
        marks.push("unreachable");
    }
    if node.dead_end {
        class.push_str(" casebook-map__node--broken");
        marks.push("dead end");
    }
    let heading = if marks.is_empty() {
        format!("{}: {}", node.kind, node.key)
    } else {
        format!("{}: {} ({})", node.kind, node.key, marks.join(", "))
    };
    let (x, y) = (node.x, node.y);
    view! {
        <a href=node_href(version, case, &node.key)>
            <rect class=class x=x y=y width=NODE_WIDTH height=NODE_HEIGHT rx="6" />
            <text class="casebook-map__heading" x=x + 8 y=y + 20>
                {heading}
            </text>
            <text class="casebook-map__label" x=x + 8 y=y + 42>
                {shorten(&node.label, 30)}
            </text>
        </a>
    }
}

/// An arrow from one node to the next, labelled with the option's rating; none for a link to a
/// node that does not exist (the table lists it).
fn arrow(map: &CaseMap, link: &MapLink) -> Option<impl IntoView + use<>> {
    let from = map.nodes.iter().find(|n| n.key == link.from)?;
    let to = map.nodes.iter().find(|n| n.key == link.to)?;
    let (x1, y1) = (from.x + NODE_WIDTH, from.y + NODE_HEIGHT / 2);
    let (x2, y2) = (to.x, to.y + NODE_HEIGHT / 2);
    let rating = link.rating.map(|r| r.code()).unwrap_or("continue");
    let path = if x2 > x1 {
        format!("M {x1} {y1} C {} {y1}, {} {y2}, {x2} {y2}", x1 + 40, x2 - 40)
    } else {
        // Back to an earlier column: loop under the boxes.
        let low = from.y.max(to.y) + NODE_HEIGHT + 16;
        format!("M {x1} {y1} C {} {low}, {} {low}, {x2} {y2}", x1 + 60, x2 - 60)
    };
    let label = link.rating.map(|r| r.label());
    Some(view! {
        <path
            class=format!("casebook-map__link casebook-map__link--{rating}")
            d=path
            marker-end="url(#casebook-arrow)"
        />
        {label
            .map(|label| {
                view! {
                    <text class="casebook-map__rating" x=(x1 + x2) / 2 - 30 y=(y1 + y2) / 2 - 4>
                        {label}
                    </text>
                }
            })}
    })
}

fn shorten(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(chars - 1).collect::<String>())
    }
}

/// Where a node of a case is edited.
pub fn node_href(version: VersionId, case: &str, node: &str) -> String {
    format!("/author/versions/{version}/cases/{case}/nodes/{node}")
}

/// The map as a table: every node, where each of its options leads, and what is wrong with it.
#[component]
fn NodeTable(map: CaseMap, version: VersionId) -> impl IntoView {
    let rows = map
        .nodes
        .iter()
        .map(|node| {
            let links: Vec<MapLink> = map.links.iter().filter(|l| l.from == node.key).cloned().collect();
            let leads = links
                .into_iter()
                .map(|l| {
                    let target = if l.broken { format!("{} (no such node)", l.to) } else { l.to.clone() };
                    view! {
                        <li>
                            {l.label.clone().map(|text| format!("{text} "))}
                            {l.rating.map(|rating| view! { <RatingTag rating /> })} {format!(" → {target}")}
                        </li>
                    }
                })
                .collect_view();
            let mut problems = Vec::new();
            if node.unreachable {
                problems.push("Cannot be reached from the start");
            }
            if node.dead_end {
                problems.push("Never leads to an ending");
            }
            let start = node.start.then_some(" (start)");
            view! {
                <tr class="nhsuk-table__row">
                    <td class="nhsuk-table__cell">
                        <a href=node_href(version, &map.case, &node.key)>{node.key.clone()}</a>
                        {start}
                    </td>
                    <td class="nhsuk-table__cell">{node.kind.clone()}</td>
                    <td class="nhsuk-table__cell">
                        <ul class="nhsuk-list">{leads}</ul>
                    </td>
                    <td class="nhsuk-table__cell">{problems.join("; ")}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Table
            caption=format!("Nodes of the case {}", map.case)
            headers=vec![("Node", false), ("Kind", false), ("Leads to", false), ("Problems", false)]
        >
            {rows}
        </Table>
    }
}
