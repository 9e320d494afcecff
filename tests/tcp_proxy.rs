//! A TCP proxy in front of PostgreSQL that a test can cut and restore, so that the database goes
//! away for the application exactly as a stopped server or a broken network makes it: every open
//! connection drops and new ones are refused, while the real PostgreSQL that other tests share
//! carries on.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

pub struct TcpProxy {
    pub address: String,
    open: Arc<AtomicBool>,
    cuts: watch::Sender<u64>,
    accepting: tokio::task::JoinHandle<()>,
}

impl TcpProxy {
    /// Starts forwarding a local port to `upstream` (`host:port`).
    pub async fn start(upstream: &str) -> anyhow::Result<TcpProxy> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let address = listener.local_addr()?.to_string();
        let open = Arc::new(AtomicBool::new(true));
        let (cuts, _) = watch::channel(0);
        let accepting = tokio::spawn(forward(listener, upstream.to_owned(), open.clone(), cuts.clone()));
        Ok(TcpProxy { address, open, cuts, accepting })
    }

    /// Drops every forwarded connection and refuses new ones until [`TcpProxy::restore`].
    pub fn cut(&self) {
        self.open.store(false, Ordering::SeqCst);
        self.cuts.send_modify(|n| *n += 1);
    }

    pub fn restore(&self) {
        self.open.store(true, Ordering::SeqCst);
    }
}

impl Drop for TcpProxy {
    fn drop(&mut self) {
        self.accepting.abort();
        self.cut();
    }
}

async fn forward(listener: TcpListener, upstream: String, open: Arc<AtomicBool>, cuts: watch::Sender<u64>) {
    while let Ok((mut client, _)) = listener.accept().await {
        if !open.load(Ordering::SeqCst) {
            continue;
        }
        let upstream = upstream.clone();
        let mut cut = cuts.subscribe();
        tokio::spawn(async move {
            let Ok(mut server) = TcpStream::connect(&upstream).await else { return };
            tokio::select! {
                _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
                _ = cut.changed() => {}
            }
        });
    }
}
