//! A monthly line chart as accessible SVG: two series (a group and the others) with their points
//! marked in different shapes as well as tones, a dashed line at the start month, a title and a
//! description for screen readers, and the same figures in a table beside it on the page. A
//! suppressed month is a gap in its line.

use leptos::prelude::*;

use crate::components::chart_frame::ChartFrame;

/// One month's values, `None` where hidden.
#[derive(Clone, Debug, PartialEq)]
pub struct LinePoint {
    pub label: String,
    /// Months from the start (0 is the start month).
    pub offset: i32,
    pub values: [Option<f64>; 2],
}

const LEFT: f64 = 60.0;
const TOP: f64 = 30.0;
const PLOT_WIDTH: f64 = 520.0;
const PLOT_HEIGHT: f64 = 220.0;
const CLASSES: [&str; 2] = ["casebook-chart__line--after", "casebook-chart__line--before"];

#[component]
pub fn LineChart(
    id: String,
    title: String,
    description: String,
    series: [String; 2],
    points: Vec<LinePoint>,
    places: usize,
) -> impl IntoView {
    let largest = points.iter().flat_map(|p| p.values.iter().flatten()).fold(0.0_f64, |a, b| a.max(*b));
    let top_value = if largest > 0.0 { largest * 1.1 } else { 1.0 };
    let step = PLOT_WIDTH / (points.len().max(2) - 1) as f64;
    let x = move |i: usize| LEFT + i as f64 * step;
    let y = move |v: f64| TOP + PLOT_HEIGHT - v / top_value * PLOT_HEIGHT;
    let lines = (0..2)
        .map(|s| {
            let segments = runs(&points, s)
                .into_iter()
                .map(|run| {
                    let path =
                        run.iter().map(|(i, v)| format!("{:.1},{:.1}", x(*i), y(*v))).collect::<Vec<_>>();
                    view! { <polyline class=CLASSES[s] points=path.join(" ") fill="none" /> }
                })
                .collect_view();
            let marks = points
                .iter()
                .enumerate()
                .filter_map(|(i, p)| p.values[s].map(|v| (i, v)))
                .map(|(i, v)| {
                    if s == 0 {
                        view! { <circle class=CLASSES[s] cx=x(i) cy=y(v) r=4 /> }.into_any()
                    } else {
                        view! { <rect class=CLASSES[s] x=x(i) - 4.0 y=y(v) - 4.0 width=8 height=8 /> }
                            .into_any()
                    }
                })
                .collect_view();
            view! {
                {segments}
                {marks}
            }
        })
        .collect_view();
    let start = points.iter().position(|p| p.offset == 0).map(|i| {
        view! {
            <line class="casebook-chart__start" x1=x(i) x2=x(i) y1=TOP - 10.0 y2=TOP + PLOT_HEIGHT />
            <text class="casebook-chart__text" x=x(i) + 4.0 y=TOP + 14.0>
                "Start"
            </text>
        }
    });
    let labels = points
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 2 == 0)
        .map(|(i, p)| {
            view! {
                <text class="casebook-chart__text" x=x(i) - 24.0 y=TOP + PLOT_HEIGHT + 20.0>
                    {p.label.clone()}
                </text>
            }
        })
        .collect_view();
    let axis = [0.0, top_value / 2.0, top_value]
        .map(|v| {
            view! {
                <text class="casebook-chart__text" x=0 y=y(v) + 5.0>
                    {format!("{v:.places$}")}
                </text>
            }
        })
        .into_iter()
        .collect_view();
    let legend = series
        .iter()
        .enumerate()
        .map(|(s, name)| {
            let lx = LEFT + s as f64 * 260.0;
            view! {
                <line class=CLASSES[s] x1=lx x2=lx + 20.0 y1=10 y2=10 />
                <text class="casebook-chart__text" x=lx + 26.0 y=15>
                    {name.clone()}
                </text>
            }
        })
        .collect_view();
    let (width, height) = (LEFT + PLOT_WIDTH + 40.0, TOP + PLOT_HEIGHT + 30.0);
    view! {
        <ChartFrame id title description width height>
            {legend}
            {axis}
            {labels}
            {start}
            {lines}
        </ChartFrame>
    }
}

/// The unbroken runs of series `s`: (index, value) of consecutive months that have a value.
fn runs(points: &[LinePoint], s: usize) -> Vec<Vec<(usize, f64)>> {
    let mut runs: Vec<Vec<(usize, f64)>> = vec![Vec::new()];
    for (i, point) in points.iter().enumerate() {
        match (point.values[s], runs.last_mut()) {
            (Some(v), Some(run)) => run.push((i, v)),
            (None, Some(run)) if !run.is_empty() => runs.push(Vec::new()),
            _ => {}
        }
    }
    runs.into_iter().filter(|r| r.len() > 1).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hidden_month_breaks_the_line() {
        let point = |offset, a| LinePoint { label: String::new(), offset, values: [a, Some(1.0)] };
        let points = vec![
            point(-2, Some(1.0)),
            point(-1, Some(2.0)),
            point(0, None),
            point(1, Some(3.0)),
            point(2, Some(4.0)),
        ];
        let found: Vec<Vec<usize>> =
            runs(&points, 0).iter().map(|r| r.iter().map(|(i, _)| *i).collect()).collect();
        assert_eq!(found, vec![vec![0, 1], vec![3, 4]]);
        assert_eq!(runs(&points, 1).len(), 1, "the other series runs unbroken");
    }
}
