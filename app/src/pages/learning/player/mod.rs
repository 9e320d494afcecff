//! `/attempts/<id>`: the player, one step of a module per page. The page loads the step the
//! attempt is on (so leaving and coming back resumes exactly there) and hands it to the [`Player`]
//! island, which takes over answering once JavaScript has loaded.

mod island;
mod steps;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::account::take_page_messages::take_page_messages;
use crate::api::learning::answer_step::AnswerStep;
use crate::api::learning::view_step::view_step;
use crate::components::client_assets::IslandScripts;
use crate::components::outcome::page_or_problem;
use island::Player;
pub use steps::{StepBody, page_title};

#[component]
pub fn PlayerPage() -> impl IntoView {
    let params = use_params_map();
    let attempt = move || params.with(|p| p.get("id").unwrap_or_default());
    let step = Resource::new(attempt, view_step);
    let messages = Resource::new(|| (), |_| take_page_messages());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let messages = messages.await.unwrap_or_default();
                let error = messages.error_for::<AnswerStep>();
                page_or_problem(step.await, move |mut view| {
                    view.notice = view.notice.or(messages.notice);
                    let title = page_title(&view, error.is_some());
                    view! {
                        <Title text=title />
                        <Player initial=view error />
                        <IslandScripts />
                    }
                    .into_any()
                })
            })}
        </Suspense>
    }
}
