//! Keeps form errors out of addresses. A form posted without JavaScript that fails is sent back to
//! its page with the error encoded in the URL (`?__path=…&__err=…`, Leptos's convention). Here the
//! error moves into the session's one-time messages and the URL is cleaned, so nothing a person typed
//! lands in an address bar, history or proxy log, and no crafted link can put words on a page.

use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use leptos::server_fn::error::ServerFnUrlError;
use tower_sessions::Session;

use app::error::AppError;

pub async fn move_form_errors_to_session(session: Session, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    if !response.status().is_redirection() {
        return response;
    }
    let Some(location) = response.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()) else {
        return response;
    };
    let Some((clean, path, encoded)) = split_error(location) else { return response };
    let error = ServerFnUrlError::<AppError>::decode_err(&encoded);
    app::ssr::flash::keep_error(&session, &path, error).await;
    if let Ok(clean) = HeaderValue::from_str(&clean) {
        response.headers_mut().insert(header::LOCATION, clean);
    }
    response
}

/// The location without its error parameters, the server function path, and the encoded error.
fn split_error(location: &str) -> Option<(String, String, String)> {
    let url = url::Url::parse(location).ok()?;
    let (mut path, mut error) = (None, None);
    let mut kept = Vec::new();
    for (key, value) in url.query_pairs() {
        match key.as_ref() {
            // The last of each wins: a page that failed twice carries both.
            "__path" => path = Some(value.into_owned()),
            "__err" => error = Some(value.into_owned()),
            _ => kept.push((key.into_owned(), value.into_owned())),
        }
    }
    let (path, error) = (path?, error?);
    let mut clean = url.clone();
    clean.set_query(None);
    if !kept.is_empty() {
        clean.query_pairs_mut().extend_pairs(kept);
    }
    Some((clean.to_string(), path, error))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_parameters_are_taken_out_and_the_rest_kept() {
        let (clean, path, error) = split_error(
            "http://h/sign-in?next=%2Fadmin&__path=%2Fapi%2Fx&__err=AAA&__path=%2Fapi%2Fy&__err=BBB",
        )
        .unwrap_or_default();
        assert_eq!(clean, "http://h/sign-in?next=%2Fadmin");
        assert_eq!((path.as_str(), error.as_str()), ("/api/y", "BBB"));
    }

    #[test]
    fn locations_without_errors_are_left_alone() {
        assert_eq!(split_error("http://h/account"), None);
        assert_eq!(split_error("/relative?__err=x"), None);
    }

    #[test]
    fn a_forged_error_decodes_to_an_error_not_a_panic() {
        let decoded = ServerFnUrlError::<AppError>::decode_err("%%%not base64");
        assert!(matches!(decoded, AppError::BadRequest(_)), "{decoded:?}");
    }
}
