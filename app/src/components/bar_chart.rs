//! A bar chart as accessible SVG: a title and a description the screen reader announces, bars
//! labelled with their figures in text (so colour is never the only signal, and it prints), and the
//! same figures in a table beside it on the page. Suppressed figures are drawn as no bar and
//! labelled `*`.

use leptos::prelude::*;

use crate::components::chart_frame::ChartFrame;

/// One labelled group of bars (a theme, a month), each bar a share from 0 to 1 (or a count, for a
/// chart of counts), or `None` when the figure is suppressed.
#[derive(Clone, Debug, PartialEq)]
pub struct BarGroup {
    pub label: String,
    pub values: Vec<Option<f64>>,
}

const LABEL_WIDTH: i32 = 260;
const BAR_AREA: i32 = 360;
const BAR_HEIGHT: i32 = 16;
const GROUP_GAP: i32 = 14;
const CLASSES: [&str; 2] = ["casebook-chart__bar--before", "casebook-chart__bar--after"];

/// A horizontal bar chart of shares (or, with `counts`, of counts scaled to the largest); `series`
/// names each bar of a group (such as before, after).
#[component]
pub fn BarChart(
    id: String,
    title: String,
    description: String,
    series: Vec<&'static str>,
    groups: Vec<BarGroup>,
    #[prop(optional)] counts: bool,
) -> impl IntoView {
    let largest = groups.iter().flat_map(|g| g.values.iter().flatten()).fold(0.0_f64, |a, b| a.max(*b));
    let (scale, label): (f64, fn(f64) -> String) = if counts {
        (largest.max(1.0), |v| format!("{v:.0}"))
    } else {
        (1.0, |v| format!("{:.0}%", v * 100.0))
    };
    let per_group = series.len().max(1) as i32 * BAR_HEIGHT + GROUP_GAP;
    let height = 30 + groups.len() as i32 * per_group;
    let width = LABEL_WIDTH + BAR_AREA + 60;
    let legend = series
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let x = LABEL_WIDTH + i as i32 * 140;
            view! {
                <rect class=CLASSES[i % 2] x=x y=4 width=12 height=12 />
                <text class="casebook-chart__text" x=x + 18 y=15>
                    {*name}
                </text>
            }
        })
        .collect_view();
    let bars = groups
        .into_iter()
        .enumerate()
        .map(|(g, group)| {
            let top = 30 + g as i32 * per_group;
            let bars = group
                .values
                .iter()
                .enumerate()
                .map(|(i, value)| {
                    let y = top + i as i32 * BAR_HEIGHT;
                    let length = value
                        .map_or(0, |v| ((v / scale).clamp(0.0, 1.0) * f64::from(BAR_AREA)).round() as i32);
                    let text = value.map_or_else(|| "*".to_owned(), label);
                    view! {
                        <rect class=CLASSES[i % 2] x=LABEL_WIDTH y=y + 1 width=length height=BAR_HEIGHT - 2 />
                        <text class="casebook-chart__text" x=LABEL_WIDTH + length + 6 y=y + BAR_HEIGHT - 4>
                            {text}
                        </text>
                    }
                })
                .collect_view();
            view! {
                <text class="casebook-chart__text" x=0 y=top + BAR_HEIGHT>
                    {shorten(&group.label)}
                </text>
                {bars}
            }
        })
        .collect_view();
    view! {
        <ChartFrame id title description width=f64::from(width) height=f64::from(height)>
            {legend}
            {bars}
        </ChartFrame>
    }
}

fn shorten(label: &str) -> String {
    if label.chars().count() <= 36 {
        label.to_owned()
    } else {
        format!("{}…", label.chars().take(35).collect::<String>())
    }
}
