//! The certificate of completion as a one-page PDF.

use super::pdf::{FontsMissing, Style, Writer};
use crate::domain::evidence::certificate::Certificate;
use crate::domain::evidence::time_spent::describe_minutes;
use crate::domain::time::format_uk_date;

/// The PDF of `certificate`; `verify_url` is where anyone can check its code.
pub fn certificate_pdf(certificate: &Certificate, verify_url: &str) -> Result<Vec<u8>, FontsMissing> {
    let mut pdf = Writer::new(&format!("Casebook certificate: {}", certificate.module_title))?;
    pdf.text(Style::Small, "CASEBOOK · CONTINUING PROFESSIONAL DEVELOPMENT");
    pdf.gap(24.0);
    pdf.text(Style::Title, "Certificate of completion");
    pdf.gap(12.0);
    pdf.text(Style::Body, "This certifies that");
    pdf.text(Style::Heading, &certificate.learner_name);
    if let Some(gmc) = &certificate.gmc_number {
        pdf.text(Style::Small, &format!("GMC number {gmc}"));
    }
    pdf.text(Style::Body, "completed the case-based learning module");
    pdf.text(Style::Heading, &certificate.module_title);
    pdf.text(
        Style::Body,
        &format!(
            "Version {}, completed on {}.",
            certificate.version_number,
            format_uk_date(certificate.completed_at)
        ),
    );
    pdf.text(
        Style::Strong,
        &format!(
            "Time spent: {} (measured from the learner's own records).",
            describe_minutes(certificate.minutes_spent)
        ),
    );
    pdf.rule();
    pdf.text(Style::Heading, "Learning outcomes");
    for outcome in &certificate.outcomes {
        pdf.bullet(outcome);
    }
    pdf.rule();
    pdf.text(Style::Strong, &format!("Verification code: {}", certificate.code));
    pdf.text(Style::Small, &format!("Anyone can confirm this certificate at {verify_url}"));
    Ok(pdf.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_certificate_states_who_what_when_how_long_and_its_code() -> Result<(), FontsMissing> {
        let certificate = Certificate {
            learner_name: "Dr Łukasz Nowak".into(),
            gmc_number: Some("7654321".into()),
            module_title: "Margaret: long-term temazepam after a fall".into(),
            version_number: 2,
            completed_at: 1_795_000_000_000,
            minutes_spent: 27,
            outcomes: vec!["Explain the risks of long-term hypnotics.".into()],
            code: "7K2M-Q9XD-4RTB".into(),
        };
        let bytes = certificate_pdf(&certificate, "https://casebook.example/verify/7K2M-Q9XD-4RTB")?;
        let document = lopdf::Document::load_mem(&bytes).expect("a PDF");
        let text = document.extract_text(&[1]).expect("text");
        for expected in [
            "Certificate of completion",
            "Dr Łukasz Nowak",
            "GMC number 7654321",
            "Margaret: long-term temazepam after a fall",
            "Version 2, completed on",
            "Time spent: 27 minutes",
            "Explain the risks of long-term hypnotics.",
            "Verification code: 7K2M-Q9XD-4RTB",
        ] {
            assert!(text.contains(expected), "{expected} missing from {text}");
        }
        Ok(())
    }
}
