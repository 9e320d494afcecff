//! The Content Security Policy of a page. Leptos marks each inline script it writes (the
//! hydration loader, resource data) with a fresh nonce per response; the policy allows exactly
//! those, and what they load ('strict-dynamic': the bundle and its WebAssembly), and nothing
//! inline besides. Responses that are not pages get a deny-all policy from the server's middleware.
//!
//! The page hands its nonce to the server's security-header middleware through a slot the
//! middleware puts in the request, rather than as a header on Leptos's `ResponseOptions`: under
//! concurrent load that header was now and then missing from the response (seen in Chromium by
//! the user-text XSS test), and the page was then served with the deny-all policy, without its
//! styles or scripts.

use std::sync::{Arc, OnceLock};

use axum::http::request::Parts;
use leptos::prelude::use_context;

/// The policy for a page whose inline scripts carry `nonce`.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
         base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )
}

/// The policy for a page without scripts (the failure pages the middleware writes): its own
/// stylesheet and icon, nothing else.
pub const SCRIPTLESS_PAGE_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// Where a page rendered for this request leaves its scripts' nonce (a request extension, shared
/// by the clones of the request Leptos keeps).
#[derive(Clone, Debug, Default)]
pub struct PageNonce(Arc<OnceLock<String>>);

impl PageNonce {
    /// The policy for the page rendered for this request, if a page was.
    pub fn policy(&self) -> Option<String> {
        self.0.get().map(|nonce| page_policy(nonce))
    }
}

/// Records the page's nonce for the middleware (called from the document shell).
pub fn record_page_nonce() {
    let (Some(nonce), Some(parts)) = (leptos::nonce::use_nonce(), use_context::<Parts>()) else {
        return;
    };
    if let Some(slot) = parts.extensions.get::<PageNonce>() {
        // A request renders one document; should a second ever run, the first nonce stands.
        let _ = slot.0.set(nonce.to_string());
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

    #[test]
    fn only_a_request_whose_page_recorded_a_nonce_gets_the_page_policy() {
        let slot = PageNonce::default();
        assert_eq!(slot.policy(), None);
        let _ = slot.clone().0.set("n0nce".into());
        assert_eq!(slot.policy(), Some(page_policy("n0nce")));
    }
}
