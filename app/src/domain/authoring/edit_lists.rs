//! The parts of a draft edited as lists, one entry per line: references (`key | citation | link`),
//! attitude statements (`key | statement | themes`, with `| positive` or `| negative` on the two
//! evaluation questions of an ambivalence measure) and reflection prompts. A line's problem names
//! the line, so a long list is quick to fix.

use crate::domain::curriculum::module::{AttitudeStatement, Reference, Valence};
use crate::domain::curriculum::theme::theme;
use crate::domain::text::short_text;

const CITATION_MAX_CHARS: usize = 1000;
const STATEMENT_MAX_CHARS: usize = 500;

/// A key for a part of a module: 1 to 40 letters, digits and hyphens (it appears in addresses and
/// in learners' records).
pub fn parse_key(raw: &str, what: &str) -> Result<String, String> {
    let key = raw.trim();
    if key.is_empty() {
        return Err(format!("Enter {what}"));
    }
    if key.len() > 40 || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(format!(
            "{} must be 1 to 40 letters, digits and hyphens, like 'taper-plan'",
            capitalised(what)
        ));
    }
    Ok(key.to_owned())
}

fn capitalised(what: &str) -> String {
    let bare = what.trim_start_matches("the ").trim_start_matches("a ");
    let mut chars = bare.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Theme codes separated by commas; each must be a theme or recommendation of the review.
pub fn parse_themes(raw: &str) -> Result<Vec<String>, String> {
    let codes: Vec<String> =
        raw.split(',').map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned).collect();
    for code in &codes {
        if theme(code).is_none() {
            return Err(format!("'{code}' is not a theme: use the codes listed, such as gp-role"));
        }
    }
    Ok(codes)
}

/// Reference keys separated by commas.
pub fn parse_reference_keys(raw: &str) -> Vec<String> {
    raw.split(',').map(str::trim).filter(|k| !k.is_empty()).map(str::to_owned).collect()
}

pub(super) fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().map(|(i, l)| (i + 1, l.trim())).filter(|(_, l)| !l.is_empty())
}

pub(super) fn fields(line: &str) -> Vec<&str> {
    line.split('|').map(str::trim).collect()
}

/// `key | citation | optional https link`, one per line.
pub fn parse_references(text: &str) -> Result<Vec<Reference>, String> {
    lines(text)
        .map(|(n, line)| {
            let at = |message: String| format!("Line {n}: {message}");
            let parts = fields(line);
            let (key, citation, url) = match parts.as_slice() {
                [key, citation] => (*key, *citation, None),
                [key, citation, url] => (*key, *citation, Some(*url).filter(|u| !u.is_empty())),
                _ => {
                    return Err(at(
                        "write the key, then the citation, then a link if there is one, separated by |"
                            .into(),
                    ));
                }
            };
            let key = parse_key(key, "the reference's key").map_err(at)?;
            let citation = short_text(citation, "the citation", CITATION_MAX_CHARS).map_err(at)?;
            if let Some(url) = url
                && (!url.starts_with("https://") || url.chars().any(char::is_whitespace))
            {
                return Err(at("the link must be a web address starting with https://".into()));
            }
            Ok(Reference { key, citation, url: url.map(str::to_owned) })
        })
        .collect()
}

/// `key | statement | theme codes`, one per line, and `| positive` or `| negative` after an
/// evaluation question.
pub fn parse_attitudes(text: &str) -> Result<Vec<AttitudeStatement>, String> {
    lines(text)
        .map(|(n, line)| {
            let at = |message: String| format!("Line {n}: {message}");
            let (key, statement, themes, evaluates) = match fields(line)[..] {
                [key, statement, themes] => (key, statement, themes, None),
                [key, statement, themes, valence] => {
                    let valence = Valence::parse(valence.trim()).ok_or_else(|| {
                        at("the fourth part, if any, must be 'positive' or 'negative' (an evaluation question)".into())
                    })?;
                    (key, statement, themes, Some(valence))
                }
                _ => return Err(at("write the key, the statement and its themes, separated by |".into())),
            };
            Ok(AttitudeStatement {
                key: parse_key(key, "the statement's key").map_err(at)?,
                statement: short_text(statement, "the statement", STATEMENT_MAX_CHARS).map_err(at)?,
                themes: parse_themes(themes).map_err(at)?,
                evaluates,
            })
        })
        .collect()
}

/// One reflection prompt per line.
pub fn parse_reflections(text: &str) -> Result<Vec<String>, String> {
    lines(text)
        .map(|(n, line)| {
            short_text(line, "the prompt", STATEMENT_MAX_CHARS).map_err(|m| format!("Line {n}: {m}"))
        })
        .collect()
}

/// The lists written back in the same form, for the editor to show.
pub fn references_text(references: &[Reference]) -> String {
    references
        .iter()
        .map(|r| match &r.url {
            Some(url) => format!("{} | {} | {url}", r.key, r.citation),
            None => format!("{} | {}", r.key, r.citation),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn attitudes_text(attitudes: &[AttitudeStatement]) -> String {
    attitudes
        .iter()
        .map(|a| {
            let line = format!("{} | {} | {}", a.key, a.statement, a.themes.join(", "));
            match a.evaluates {
                Some(valence) => format!("{line} | {}", valence.code()),
                None => line,
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_round_trip_through_their_text() {
        let text = "NICE1 | NICE CKS: Benzodiazepine and z-drug withdrawal (2024). | https://cks.nice.org.uk/x\n\nBNF | British National Formulary";
        let references = parse_references(text).expect("valid");
        assert_eq!(references.len(), 2);
        assert_eq!(references[1].url, None);
        assert_eq!(parse_references(&references_text(&references)), Ok(references));
    }

    #[test]
    fn a_bad_line_is_named() {
        assert_eq!(
            parse_references("A | ok\nB | cite | ftp://x"),
            Err("Line 2: the link must be a web address starting with https://".into())
        );
        assert_eq!(
            parse_references("just text"),
            Err("Line 1: write the key, then the citation, then a link if there is one, separated by |"
                .into())
        );
        assert!(parse_references("bad key! | citation").is_err());
    }

    #[test]
    fn attitudes_need_known_themes() {
        let good = parse_attitudes("earned | Some patients have earned it | deserving-patient, gp-role")
            .expect("valid");
        assert_eq!(good[0].themes, ["deserving-patient", "gp-role"]);
        assert_eq!(parse_attitudes(&attitudes_text(&good)), Ok(good));
        let evaluation =
            parse_attitudes("plus | How favourable? | ambivalence-rules | positive").expect("valid");
        assert_eq!(evaluation[0].evaluates, Some(Valence::Positive));
        assert_eq!(parse_attitudes(&attitudes_text(&evaluation)), Ok(evaluation));
        assert!(
            parse_attitudes("plus | How favourable? | ambivalence-rules | warm")
                .is_err_and(|e| e.contains("'positive' or 'negative'"))
        );
        assert_eq!(
            parse_attitudes("x | statement | astrology"),
            Err("Line 1: 'astrology' is not a theme: use the codes listed, such as gp-role".into())
        );
    }

    #[test]
    fn reflections_are_one_per_line() {
        assert_eq!(parse_reflections("One?\n\n Two? "), Ok(vec!["One?".into(), "Two?".into()]));
        assert!(parse_reflections("a\u{7}b").is_err());
    }

    #[test]
    fn keys_are_short_and_plain() {
        assert_eq!(parse_key(" taper-plan ", "the key"), Ok("taper-plan".into()));
        assert_eq!(parse_key("", "the key"), Err("Enter the key".into()));
        assert!(parse_key("has space", "the key").is_err());
        assert!(parse_key(&"k".repeat(41), "the key").is_err());
    }
}
