//! What a page shows when its data could not be loaded, with the matching HTTP status: a redirect to
//! sign in, "no permission" (403), "not found" (404), or the friendly failure pages (503, 500).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::domain::navigation::sign_in_then;
use crate::error::AppError;
use crate::pages::error_page::{Failure, FailureMessage};
use crate::pages::not_found::NotFound;

/// The page built from `result`'s data, or the page explaining why there is none.
pub fn page_or_problem<T>(result: Result<T, AppError>, render: impl FnOnce(T) -> AnyView) -> AnyView {
    match result {
        Ok(data) => render(data),
        Err(error) => problem(error),
    }
}

/// The page for an error that stopped a page from loading.
pub fn problem(error: AppError) -> AnyView {
    match error {
        AppError::NotSignedIn => {
            let location = leptos_router::hooks::use_location();
            let (path, query) = (location.pathname.get_untracked(), location.search.get_untracked());
            let here = if query.is_empty() { path } else { format!("{path}?{query}") };
            let sign_in = sign_in_then(&here);
            #[cfg(feature = "ssr")]
            leptos_axum::redirect(&sign_in);
            // A page view is a GET: redirect whatever the client accepts.
            set_status(303);
            view! {
                <Title text="Sign in to continue" />
                <h1>"Sign in to continue"</h1>
                <p>
                    <a href=sign_in>"Sign in"</a>
                    " to see this page."
                </p>
            }
            .into_any()
        }
        AppError::Forbidden => {
            set_status(403);
            view! {
                <Title text="You do not have permission to see this page" />
                <h1>"You do not have permission to see this page"</h1>
                <p>
                    "If you think you should, ask an administrator of your Casebook to give you the role you need."
                </p>
                <p>
                    <a href="/">"Go to the Casebook home page"</a>
                </p>
            }
            .into_any()
        }
        AppError::NotFound | AppError::BadRequest(_) | AppError::Invalid { .. } => {
            view! { <NotFound /> }.into_any()
        }
        AppError::Unavailable | AppError::TooManyAttempts { .. } => {
            set_status(503);
            view! {
                <Title text=Failure::Unavailable.title() />
                <FailureMessage failure=Failure::Unavailable />
            }
            .into_any()
        }
        AppError::Internal | AppError::Conflict(_) => {
            set_status(500);
            view! {
                <Title text=Failure::Internal.title() />
                <FailureMessage failure=Failure::Internal />
            }
            .into_any()
        }
    }
}

/// Sets the response's status while the page is rendered on the server (a no-op in the browser).
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(status) = axum::http::StatusCode::from_u16(code)
    {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}
