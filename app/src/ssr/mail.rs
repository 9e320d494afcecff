//! Outgoing email (invitations, password resets), through lettre: SMTP when `SMTP_URL` is set,
//! otherwise `.eml` files in a local outbox folder, so the embedded default works offline and tests
//! can read what was sent.

use std::path::PathBuf;

use lettre::message::header::{ContentTransferEncoding, ContentType, HeaderName, HeaderValue};
use lettre::message::{Body, Mailbox, SinglePart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::error::AppError;

#[derive(Clone)]
enum Transport {
    Outbox(AsyncFileTransport<Tokio1Executor>),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

#[derive(Clone)]
pub struct Mailer {
    transport: Transport,
    from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.transport {
            Transport::Outbox(_) => "outbox",
            Transport::Smtp(_) => "smtp",
        };
        f.debug_struct("Mailer").field("transport", &kind).finish_non_exhaustive()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MailerError {
    #[error("MAIL_FROM is not a valid mailbox: {0}")]
    From(#[source] lettre::address::AddressError),
    #[error("SMTP_URL is not valid: {0}")]
    Smtp(#[source] lettre::transport::smtp::Error),
    #[error("could not create the outbox folder: {0}")]
    Outbox(#[source] std::io::Error),
}

impl Mailer {
    /// Writes messages as files into `folder`.
    pub fn outbox(folder: PathBuf, from: &str) -> Result<Self, MailerError> {
        std::fs::create_dir_all(&folder).map_err(MailerError::Outbox)?;
        Ok(Mailer { transport: Transport::Outbox(AsyncFileTransport::new(folder)), from: parse_from(from)? })
    }

    /// Sends through the SMTP server a URL names (`smtps://user:password@host:465`, or
    /// `smtp://host:587?tls=required`).
    pub fn smtp(url: &str, from: &str) -> Result<Self, MailerError> {
        let transport =
            AsyncSmtpTransport::<Tokio1Executor>::from_url(url).map_err(MailerError::Smtp)?.build();
        Ok(Mailer { transport: Transport::Smtp(transport), from: parse_from(from)? })
    }

    /// Sends a plain-text message. The address is never logged.
    pub async fn send(&self, to: &str, subject: &str, text: String) -> Result<(), AppError> {
        self.send_with_unsubscribe(to, subject, text, None).await
    }

    /// Sends a plain-text message that, when `unsubscribe` is set, carries the one-click
    /// unsubscribe headers of RFC 8058: a mail client's own unsubscribe button posts
    /// `List-Unsubscribe=One-Click` to that address.
    pub async fn send_with_unsubscribe(
        &self,
        to: &str,
        subject: &str,
        text: String,
        unsubscribe: Option<&str>,
    ) -> Result<(), AppError> {
        let to: Mailbox = to.parse().map_err(|_| AppError::field("email", "Enter a valid email address"))?;
        // Base64 keeps links whole whatever their length (7bit and 8bit limit lines to 76
        // characters here, and quoted-printable would break them).
        let body = Body::new_with_encoding(text, ContentTransferEncoding::Base64).map_err(|_| {
            tracing::error!("email body could not be encoded");
            AppError::Internal
        })?;
        let mut builder = Message::builder().from(self.from.clone()).to(to).subject(subject);
        if let Some(link) = unsubscribe {
            let header = |name: &'static str, value: String| {
                HeaderValue::new(HeaderName::new_from_ascii_str(name), value)
            };
            builder = builder
                .raw_header(header("List-Unsubscribe", format!("<{link}>")))
                .raw_header(header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click".into()));
        }
        let message = builder
            .singlepart(SinglePart::builder().header(ContentType::TEXT_PLAIN).body(body))
            .map_err(|error| {
                tracing::error!(%error, "could not build an email");
                AppError::Internal
            })?;
        let sent = match &self.transport {
            Transport::Outbox(outbox) => outbox.send(message).await.map(drop).map_err(|e| e.to_string()),
            Transport::Smtp(smtp) => smtp.send(message).await.map(drop).map_err(|e| e.to_string()),
        };
        sent.map_err(|error| {
            tracing::error!(%error, subject, "could not send an email");
            AppError::Unavailable
        })
    }
}

fn parse_from(from: &str) -> Result<Mailbox, MailerError> {
    from.parse().map_err(MailerError::From)
}
