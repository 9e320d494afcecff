//! An SMTP server on loopback that refuses the first few messages with a temporary failure (451, as
//! a busy or greylisting server does) and then accepts, keeping what it accepted: enough of RFC 5321
//! for lettre's client, to test that failed sends are retried. No package-registry SMTP server could
//! be told to fail on cue, so this one is written here.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::Mutex;

/// A running test SMTP server.
pub struct SmtpServer {
    pub url: String,
    accepted: Arc<Mutex<Vec<String>>>,
    refusals_left: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl SmtpServer {
    /// Starts a server that refuses the first `refusals` messages.
    pub async fn start(refusals: usize) -> anyhow::Result<SmtpServer> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("smtp://{}", listener.local_addr()?);
        let accepted = Arc::new(Mutex::new(Vec::new()));
        let refusals_left = Arc::new(AtomicUsize::new(refusals));
        let (kept, left) = (accepted.clone(), refusals_left.clone());
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(converse(stream, kept.clone(), left.clone()));
            }
        });
        Ok(SmtpServer { url, accepted, refusals_left, task })
    }

    /// The messages accepted so far, raw.
    pub async fn accepted(&self) -> Vec<String> {
        self.accepted.lock().await.clone()
    }

    /// How many of the refusals asked for are still to come.
    pub fn refusals_left(&self) -> usize {
        self.refusals_left.load(Ordering::SeqCst)
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn converse(
    stream: tokio::net::TcpStream,
    accepted: Arc<Mutex<Vec<String>>>,
    refusals: Arc<AtomicUsize>,
) {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    if write.write_all(b"220 casebook-test ESMTP\r\n").await.is_err() {
        return;
    }
    while let Ok(Some(line)) = lines.next_line().await {
        let command = line.to_ascii_uppercase();
        let reply: &[u8] = if command.starts_with("EHLO") || command.starts_with("HELO") {
            b"250-casebook-test\r\n250 8BITMIME\r\n"
        } else if command.starts_with("MAIL FROM") {
            let refused =
                refusals.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1)).is_ok();
            if refused { b"451 4.3.0 Try again later\r\n" } else { b"250 OK\r\n" }
        } else if command.starts_with("DATA") {
            if write.write_all(b"354 End with <CRLF>.<CRLF>\r\n").await.is_err() {
                return;
            }
            let mut message = String::new();
            while let Ok(Some(line)) = lines.next_line().await {
                if line == "." {
                    break;
                }
                message.push_str(&line);
                message.push_str("\r\n");
            }
            accepted.lock().await.push(message);
            b"250 OK queued\r\n"
        } else if command.starts_with("QUIT") {
            let _ = write.write_all(b"221 Bye\r\n").await;
            return;
        } else {
            b"250 OK\r\n"
        };
        if write.write_all(reply).await.is_err() {
            return;
        }
    }
}
