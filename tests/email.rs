//! Emails as the outbox holds them.

use anyhow::Context;

/// An email from the outbox.
#[derive(Debug)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// The emails in an outbox folder, oldest first, as their decoded text.
pub fn emails_in(folder: &std::path::Path) -> anyhow::Result<Vec<Email>> {
    let mut files: Vec<_> = std::fs::read_dir(folder)?
        .filter_map(Result::ok)
        .filter(|entry| entry.path().extension().is_some_and(|e| e == "eml"))
        .map(|entry| Ok::<_, std::io::Error>((entry.metadata()?.modified()?, entry.path())))
        .collect::<Result<_, _>>()?;
    files.sort();
    files.into_iter().map(|(_, path)| Email::parse(&std::fs::read_to_string(path)?)).collect()
}

impl Email {
    pub(crate) fn parse(raw: &str) -> anyhow::Result<Email> {
        let (headers, body) = raw.split_once("\r\n\r\n").context("an email has headers and a body")?;
        let header = |name: &str| {
            headers
                .lines()
                .find_map(|line| line.strip_prefix(name).and_then(|v| v.strip_prefix(": ")))
                .map(str::to_owned)
                .unwrap_or_default()
        };
        use base64::Engine;
        let encoded: String = body.split_whitespace().collect();
        let decoded = base64::engine::general_purpose::STANDARD.decode(encoded).context("a base64 body")?;
        let body = String::from_utf8(decoded)?.replace("\r\n", "\n");
        Ok(Email { to: header("To"), subject: header("Subject"), body })
    }

    /// The first link in the body to a path of this site (`/path?query`), without the host.
    pub fn link_path(&self, starting_with: &str) -> anyhow::Result<String> {
        let start = self.body.find(starting_with).context("no such link in the email")?;
        let link = self.body[start..].split_whitespace().next().unwrap_or_default();
        Ok(link.trim_start_matches(|c: char| c != '/').to_owned())
    }
}
