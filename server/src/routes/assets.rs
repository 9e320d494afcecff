//! The built client and the static files: served outside the session layers (they hold nobody's
//! data, so reading a session for them would only cost a database round trip), as the brotli or
//! gzip copies the build made when the browser accepts one, and cached by browsers. A file whose
//! name carries a hash of its content never changes, so it is cached for a year and never
//! revalidated; other static files for a day. A name that is not found is never cached, so a page of
//! a release this server does not have yet is answered 404 now and the file later, never the wrong
//! release's bytes.

use std::path::Path;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use tower_http::services::{ServeDir, ServeFile};

use app::ssr::state::AppState;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const ONE_DAY: &str = "public, max-age=86400";

/// `/pkg/…` (the built client), `/assets/…` (the design system's images) and the icon, from the
/// site folder.
pub fn router(site_root: &str) -> Router<AppState> {
    let root = Path::new(site_root);
    let folder = |name: &str| ServeDir::new(root.join(name)).precompressed_br().precompressed_gzip();
    Router::new()
        .nest_service("/pkg", folder("pkg"))
        .nest_service("/assets", folder("assets"))
        .route_service(
            "/favicon.svg",
            ServeFile::new(root.join("favicon.svg")).precompressed_br().precompressed_gzip(),
        )
        .layer(axum::middleware::from_fn(cache_by_name))
}

async fn cache_by_name(request: Request, next: Next) -> Response {
    let hashed = carries_content_hash(request.uri().path());
    let mut response = next.run(request).await;
    let found = response.status().is_success() || response.status().is_redirection();
    let policy = match (found, hashed) {
        (false, _) => "no-store",
        (true, true) => IMMUTABLE,
        (true, false) => ONE_DAY,
    };
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    response
}

/// Whether the file's name carries the build's content hash: `name-` and 16 hex digits, then its
/// endings (`casebook-0123456789abcdef.css`, `casebook-0123456789abcdef_bg.wasm`).
fn carries_content_hash(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let Some((_, after_dash)) = name.rsplit_once('-') else { return false };
    let hash = after_dash.get(..16).unwrap_or_default();
    hash.len() == 16
        && hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        && matches!(after_dash.as_bytes().get(16), Some(b'.' | b'_'))
}

#[cfg(test)]
mod tests {
    use super::carries_content_hash;

    #[test]
    fn hashed_names_are_recognised_with_any_ending() {
        assert!(carries_content_hash("/pkg/casebook-0123456789abcdef.css"));
        assert!(carries_content_hash("/pkg/casebook-0123456789abcdef_bg.wasm"));
        assert!(carries_content_hash("/pkg/tabs-fedcba9876543210.js.br"));
    }

    #[test]
    fn other_names_are_not() {
        assert!(!carries_content_hash("/pkg/casebook.css"));
        assert!(!carries_content_hash("/favicon.svg"));
        assert!(!carries_content_hash("/assets/images/nhs-logo.svg"));
        assert!(!carries_content_hash("/pkg/casebook-0123456789ABCDEF.css"), "lower-case hex only");
        assert!(!carries_content_hash("/pkg/casebook-0123456789abcde.css"), "16 digits");
        assert!(!carries_content_hash("/pkg/casebook-0123456789abcdefx.css"));
    }
}
