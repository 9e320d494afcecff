//! The CPD log: every finished module with its date, time spent, outcomes, reflection and the
//! changes committed to (the impact an appraisal asks about), as a CSV
//! to import into an appraisal portfolio and as a PDF to attach to one.

use super::pdf::{FontsMissing, Style, Writer};
use crate::domain::evidence::cpd::CpdEntry;
use crate::domain::evidence::time_spent::describe_minutes;
use crate::domain::learning::commitment::Commitment;
use crate::domain::learning::practice_report::CommitmentReport;
use crate::domain::time::{format_iso_date, format_uk_date, parse_uk_date_start};
use crate::ssr::download::spreadsheet_safe;

const HEADERS: [&str; 9] = [
    "Date completed",
    "Activity",
    "Version",
    "Minutes",
    "Learning outcomes",
    "Reflection",
    "Certificate code",
    // Added last, so a portfolio's import mapping of the earlier columns still holds.
    "Commitments to change",
    "What became of them",
];

/// A commitment in a sentence: "Review repeats. For over-65s. By 31 March 2027."
fn commitment_text(commitment: &Commitment) -> String {
    let by = parse_uk_date_start(&commitment.by).map_or_else(|_| commitment.by.clone(), format_uk_date);
    format!("{}. For {}. By {by}.", commitment.what.trim_end_matches('.'), commitment.patients)
}

/// What became of a commitment: "Review repeats: Done. What happened. In the way: …".
fn impact_text(commitment: &Commitment, report: &CommitmentReport) -> String {
    let mut text = format!("{}: {}.", commitment.what.trim_end_matches('.'), report.outcome.described());
    if !report.what_happened.is_empty() {
        text.push_str(&format!(" {}", report.what_happened.trim_end_matches('.')));
        text.push('.');
    }
    let barriers: Vec<&str> = report
        .barriers
        .iter()
        .map(|b| b.label())
        .chain(Some(report.other_barrier.as_str()).filter(|o| !o.is_empty()))
        .collect();
    if !barriers.is_empty() {
        text.push_str(&format!(" In the way: {}.", barriers.join("; ")));
    }
    text
}

/// The log as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read accents right).
pub fn cpd_csv(entries: &[CpdEntry]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer("\u{feff}".as_bytes().to_vec());
    writer.write_record(HEADERS)?;
    for entry in entries {
        writer.write_record([
            format_iso_date(entry.completed_at),
            spreadsheet_safe(&entry.module_title),
            entry.version_number.to_string(),
            entry.minutes_spent.to_string(),
            spreadsheet_safe(&entry.outcomes.join("\n")),
            spreadsheet_safe(&entry.reflection),
            entry.certificate_code.clone(),
            spreadsheet_safe(
                &entry.commitments.iter().map(|(c, _)| commitment_text(c)).collect::<Vec<_>>().join("\n"),
            ),
            spreadsheet_safe(
                &entry
                    .commitments
                    .iter()
                    .filter_map(|(c, r)| Some(impact_text(c, r.as_ref()?)))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
        ])?;
    }
    writer.into_inner().map_err(|e| e.into_error().into())
}

/// The log as a PDF, one section per module.
pub fn cpd_pdf(learner_name: &str, entries: &[CpdEntry]) -> Result<Vec<u8>, FontsMissing> {
    let mut pdf = Writer::new("Casebook CPD log")?;
    pdf.text(Style::Title, "CPD log");
    pdf.text(Style::Body, &format!("{learner_name}: case-based learning completed on Casebook."));
    let total: i64 = entries.iter().map(|e| e.minutes_spent).sum();
    let modules =
        if entries.len() == 1 { "1 module".to_owned() } else { format!("{} modules", entries.len()) };
    pdf.text(Style::Strong, &format!("{modules}, {} in all.", describe_minutes(total)));
    if entries.is_empty() {
        pdf.text(Style::Body, "No modules completed yet.");
    }
    for entry in entries {
        pdf.rule();
        pdf.text(Style::Heading, &entry.module_title);
        pdf.text(
            Style::Body,
            &format!(
                "Completed {} (version {}). Time spent: {}. Certificate {}.",
                format_uk_date(entry.completed_at),
                entry.version_number,
                describe_minutes(entry.minutes_spent),
                entry.certificate_code
            ),
        );
        pdf.text(Style::Strong, "Learning outcomes");
        for outcome in &entry.outcomes {
            pdf.bullet(outcome);
        }
        pdf.text(Style::Strong, "Reflection: what I will do differently");
        pdf.text(Style::Body, &entry.reflection);
        if !entry.commitments.is_empty() {
            pdf.text(Style::Strong, "Changes I committed to");
            for (commitment, _) in &entry.commitments {
                pdf.bullet(&commitment_text(commitment));
            }
            let reported: Vec<String> =
                entry.commitments.iter().filter_map(|(c, r)| Some(impact_text(c, r.as_ref()?))).collect();
            if !reported.is_empty() {
                pdf.text(Style::Strong, "What became of them, at twelve weeks");
                for line in &reported {
                    pdf.bullet(line);
                }
            }
        }
    }
    Ok(pdf.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::learning::follow_up::{Barrier, Outcome};

    fn entry(reflection: &str) -> CpdEntry {
        CpdEntry {
            module_title: "Priya: a request for sleeping tablets".into(),
            version_number: 1,
            completed_at: 1_795_000_000_000,
            minutes_spent: 22,
            outcomes: vec!["Offer CBT-I first.".into(), "Agree a short course only.".into()],
            reflection: reflection.into(),
            commitments: vec![(
                Commitment {
                    what: "Offer CBT-I before any hypnotic".into(),
                    patients: "adults with chronic insomnia".into(),
                    by: "2027-03-31".into(),
                },
                Some(CommitmentReport {
                    outcome: Outcome::NotDone,
                    what_happened: "The waiting list was closed".into(),
                    barriers: vec![Barrier::NoAlternative],
                    other_barrier: String::new(),
                }),
            )],
            certificate_code: "7K2M-Q9XD-4RTB".into(),
        }
    }

    #[test]
    fn the_csv_has_a_row_per_module_and_spreadsheets_cannot_run_it() -> Result<(), csv::Error> {
        let bytes =
            cpd_csv(&[entry("=HYPERLINK(\"http://evil\")"), entry("Ask first, then decide.\nTogether.")])?;
        let text = String::from_utf8(bytes).expect("UTF-8");
        assert!(text.starts_with('\u{feff}'));
        let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        assert_eq!(reader.headers()?.iter().collect::<Vec<_>>(), HEADERS);
        let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>()?;
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][0], "2026-11-18");
        assert_eq!(&rows[0][3], "22");
        assert_eq!(&rows[0][4], "Offer CBT-I first.\nAgree a short course only.");
        assert_eq!(&rows[0][5], "'=HYPERLINK(\"http://evil\")", "a formula is kept as text");
        assert_eq!(&rows[1][5], "Ask first, then decide.\nTogether.");
        assert_eq!(
            &rows[0][7],
            "Offer CBT-I before any hypnotic. For adults with chronic insomnia. By 31 March 2027."
        );
        assert_eq!(&rows[0][6], "7K2M-Q9XD-4RTB");
        assert_eq!(
            &rows[0][8],
            "Offer CBT-I before any hypnotic: Not done. The waiting list was closed. In the way: No alternative \
             was available in time, such as talking therapy."
        );
        Ok(())
    }

    #[test]
    fn the_pdf_holds_every_module_with_its_reflection() -> Result<(), FontsMissing> {
        let bytes = cpd_pdf("Dr Ann Example", &[entry("Ask first, then decide.")])?;
        let document = lopdf::Document::load_mem(&bytes).expect("a PDF");
        let pages: Vec<u32> = document.get_pages().keys().copied().collect();
        let text = document.extract_text(&pages).expect("text");
        for expected in [
            "CPD log",
            "Dr Ann Example",
            "1 module, 22 minutes in all.",
            "Priya: a request for sleeping tablets",
            "Offer CBT-I first.",
            "Ask first, then decide.",
            "Changes I committed to",
            // Long lines wrap, so the commitment is looked for in its parts.
            "Offer CBT-I before any hypnotic. For adults with chronic insomnia.",
            "2027.",
        ] {
            assert!(text.contains(expected), "{expected} missing from {text}");
        }
        Ok(())
    }
}
