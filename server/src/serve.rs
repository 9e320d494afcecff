//! Serving HTTP: the router on hyper, accepting connections until told to stop, then draining the
//! requests in flight. `axum::serve` gives hyper no timer, so a client sending its headers a byte
//! at a time (slowloris) could hold a connection open for ever; here the headers must arrive
//! within [`HEADER_READ_TIMEOUT`], and bodies and answers are bounded by the middleware's limits.

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::extract::Request;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tower::{Service, ServiceExt};

/// How long a client has to send a request's headers once it starts one.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// How long requests in flight at shutdown may take to finish (beyond the request time limit, so
/// only a stuck body upload or download is ever cut off).
const DRAIN_LIMIT: Duration = Duration::from_secs(45);

/// Serves `router` on `listener` until `stop` completes, then stops accepting and waits for the
/// connections' requests in flight to be answered.
pub async fn serve(listener: TcpListener, router: Router, stop: impl Future<Output = ()>) {
    let mut make_service = router.into_make_service_with_connect_info::<SocketAddr>();
    let mut builder = http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(HEADER_READ_TIMEOUT);
    let graceful = GracefulShutdown::new();
    let mut stop = std::pin::pin!(stop);
    loop {
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(connection) => connection,
                Err(error) => {
                    // Out of file descriptors, usually: wait rather than spin.
                    tracing::warn!(%error, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        // A response written in pieces (headers, then a streamed page or a file) must not wait for
        // the client's delayed ACK (about 40 ms) before its second piece goes out.
        if let Err(error) = stream.set_nodelay(true) {
            tracing::warn!(%error, "could not set TCP_NODELAY");
        }
        let service = make_service.call(remote).await.unwrap_or_else(|never| match never {});
        let service = service.map_request(|request: Request<Incoming>| request.map(axum::body::Body::new));
        let connection =
            graceful.watch(builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service)));
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%error, "connection ended with an error");
            }
        });
    }
    drop(listener);
    if tokio::time::timeout(DRAIN_LIMIT, graceful.shutdown()).await.is_err() {
        tracing::warn!("requests still running after the drain limit were cut off");
    }
}
