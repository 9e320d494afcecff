//! The frame every chart is drawn in: an SVG image with a title and a description that screen
//! readers announce, inside a figure that scrolls sideways on a narrow screen (and so can take the
//! keyboard's focus, to be scrolled without a mouse).

use leptos::prelude::*;

#[component]
pub fn ChartFrame(
    id: String,
    title: String,
    description: String,
    width: f64,
    height: f64,
    children: Children,
) -> impl IntoView {
    let (title_id, desc_id) = (format!("{id}-title"), format!("{id}-desc"));
    let labelled_by = format!("{title_id} {desc_id}");
    view! {
        <figure class="casebook-chart" tabindex="0">
            <svg
                role="img"
                aria-labelledby=labelled_by
                viewBox=format!("0 0 {width} {height}")
                width=width
                height=height
                xmlns="http://www.w3.org/2000/svg"
            >
                <title id=title_id>{title}</title>
                <desc id=desc_id>{description}</desc>
                {children()}
            </svg>
        </figure>
    }
}
