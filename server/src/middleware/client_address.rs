//! The client's address, for throttling sign-in and for the audit log. Behind a load balancer the
//! peer is the balancer, so the address it adds to `X-Forwarded-For` is used instead, but only when
//! the deployment says the proxy is trusted (otherwise any client could claim any address).

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;

use app::ssr::request::ClientAddress;

#[derive(Clone, Copy, Debug)]
pub struct TrustForwardedFor(pub bool);

pub async fn note_client_address(
    State(trust): State<TrustForwardedFor>,
    mut request: Request,
    next: Next,
) -> Response {
    let forwarded = trust
        .0
        .then(|| request.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok()).and_then(last_entry))
        .flatten();
    let peer =
        request.extensions().get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(addr)| addr.ip().to_string());
    if let Some(address) = forwarded.or(peer) {
        request.extensions_mut().insert(ClientAddress(address));
    }
    next.run(request).await
}

/// The entry the nearest proxy added: the last, which a client cannot forge past a trusted proxy.
fn last_entry(header: &str) -> Option<String> {
    let entry = header.rsplit(',').next()?.trim();
    entry.parse::<std::net::IpAddr>().ok().map(|ip| ip.to_string())
}

#[cfg(test)]
mod tests {
    use super::last_entry;

    #[test]
    fn the_last_valid_address_is_taken() {
        assert_eq!(last_entry("203.0.113.9, 10.0.0.2").as_deref(), Some("10.0.0.2"));
        assert_eq!(last_entry(" 2001:db8::1 ").as_deref(), Some("2001:db8::1"));
        assert_eq!(last_entry("10.0.0.2, not-an-ip"), None);
    }
}
