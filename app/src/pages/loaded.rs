//! The scaffold every page that loads data shares: the server waits for the data (and, on pages
//! with forms, for the messages the last form left) before it sends the page, then shows it, or
//! the page that explains why there is none.

use leptos::prelude::*;

use crate::api::account::take_page_messages::{PageMessages, take_page_messages};
use crate::error::AppError;
use crate::pages::outcome::page_or_problem;

/// The page `render` makes of `data` once it has loaded, or the problem that stopped it.
pub fn loaded<T, R>(data: Resource<Result<T, AppError>>, render: R) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    R: Fn(T) -> AnyView + Clone + Send + Sync + 'static,
{
    view! {
        <Suspense>
            {move || {
                let render = render.clone();
                Suspend::new(async move { page_or_problem(data.await, render) })
            }}
        </Suspense>
    }
}

/// The same for a page with forms: `render` also gets the messages the last form left (its error,
/// or the notice of what it did), which showing the page takes from the session.
pub fn loaded_with_messages<T, R>(data: Resource<Result<T, AppError>>, render: R) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    R: Fn(T, PageMessages) -> AnyView + Clone + Send + Sync + 'static,
{
    let messages = Resource::new(|| (), |_| take_page_messages());
    view! {
        <Suspense>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    let messages = messages.await.unwrap_or_default();
                    page_or_problem(data.await, move |data| render(data, messages))
                })
            }}
        </Suspense>
    }
}
