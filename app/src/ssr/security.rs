//! The Content Security Policy of a page. Leptos marks each inline script it writes (the
//! hydration loader, resource data) with a fresh nonce per response; the policy allows exactly
//! those, and what they load ('strict-dynamic': the bundle and its WebAssembly), and nothing
//! inline besides. Responses that are not pages get a deny-all policy from the server's middleware.

use axum::http::{HeaderValue, header};
use leptos::prelude::use_context;

/// The policy for a page whose inline scripts carry `nonce`.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
         base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )
}

/// Sets the page's policy on the response being rendered (called from the document shell).
pub fn set_page_policy() {
    let (Some(nonce), Some(response)) =
        (leptos::nonce::use_nonce(), use_context::<leptos_axum::ResponseOptions>())
    else {
        return;
    };
    if let Ok(value) = HeaderValue::from_str(&page_policy(&nonce)) {
        response.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_may_run_only_its_own_nonced_scripts() {
        let policy = page_policy("abc123");
        assert!(policy.contains("script-src 'nonce-abc123' 'strict-dynamic' 'wasm-unsafe-eval';"));
        for directive in ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"] {
            assert!(policy.contains(directive), "{directive}");
        }
        assert!(!policy.contains("unsafe-inline"));
    }
}
