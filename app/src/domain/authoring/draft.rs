//! Editing a draft: a new module's empty first version, and the module details form read into the
//! definition. Fields are checked one by one with messages in plain words; the curriculum rules
//! (at least one item, a reachable ending ...) are checked on the whole version and shown as the
//! author works, but do not stop a draft being saved half-finished.

use std::collections::BTreeMap;

use crate::domain::curriculum::module::ModuleDefinition;
use crate::domain::curriculum::theme::theme;
use crate::domain::text::{long_text, short_text};
use crate::error::FormCheck;

pub const TITLE_MAX_CHARS: usize = 150;
pub const MARKDOWN_MAX_CHARS: usize = 20_000;
const AUDIENCE_MAX_CHARS: usize = 200;
const OUTCOME_MAX_CHARS: usize = 300;

/// A new module's first draft: its address and title, and a reflection prompt to start from.
pub fn empty_module(slug: &str, title: &str) -> ModuleDefinition {
    ModuleDefinition {
        slug: slug.to_owned(),
        title: title.to_owned(),
        summary: String::new(),
        audience: "GPs and GP trainees".into(),
        estimated_minutes: 20,
        themes: Vec::new(),
        outcomes: Vec::new(),
        notice: None,
        references: Vec::new(),
        items: Vec::new(),
        attitudes: Vec::new(),
        cases: Vec::new(),
        pairs: Vec::new(),
        reflections: vec!["What will you do differently in your practice after this module?".into()],
        booster_days: None,
    }
}

/// The module details form, as submitted.
#[derive(Clone, Debug, Default)]
pub struct DetailsForm {
    pub title: String,
    pub summary: String,
    pub audience: String,
    pub estimated_minutes: String,
    /// Ticked theme boxes, by theme code.
    pub themes: BTreeMap<String, String>,
    /// One learning outcome per line.
    pub outcomes: String,
    pub notice: String,
}

/// Reads the details form into `module`, or reports every field's problem.
pub fn apply_details(form: &DetailsForm, module: &mut ModuleDefinition, check: &mut FormCheck) {
    let title = check.field("title", short_text(&form.title, "the title", TITLE_MAX_CHARS));
    let summary = check.field("summary", long_text(&form.summary, "the summary", MARKDOWN_MAX_CHARS));
    let audience = check.field("audience", short_text(&form.audience, "the audience", AUDIENCE_MAX_CHARS));
    let minutes = check.field("estimated_minutes", minutes(&form.estimated_minutes));
    let themes = check.field("themes", themes(&form.themes));
    let outcomes = check.field("outcomes", outcomes(&form.outcomes));
    let notice = check.field("notice", optional_markdown(&form.notice, "the notice"));
    if let (
        Some(title),
        Some(summary),
        Some(audience),
        Some(minutes),
        Some(themes),
        Some(outcomes),
        Some(notice),
    ) = (title, summary, audience, minutes, themes, outcomes, notice)
    {
        *module = ModuleDefinition {
            title,
            summary,
            audience,
            estimated_minutes: minutes,
            themes,
            outcomes,
            notice,
            ..module.clone()
        };
    }
}

fn minutes(raw: &str) -> Result<u32, String> {
    match raw.trim().parse::<u32>() {
        Ok(m) if (5..=240).contains(&m) => Ok(m),
        Ok(_) => Err("The estimated time must be between 5 and 240 minutes".into()),
        Err(_) if raw.trim().is_empty() => Err("Enter the estimated time in minutes".into()),
        Err(_) => Err("Enter the estimated time as a whole number of minutes, like 25".into()),
    }
}

fn themes(ticked: &BTreeMap<String, String>) -> Result<Vec<String>, String> {
    if ticked.is_empty() {
        return Err("Select at least one theme".into());
    }
    ticked
        .keys()
        .map(|code| theme(code).map(|t| t.code.to_owned()).ok_or_else(|| format!("'{code}' is not a theme")))
        .collect()
}

fn outcomes(raw: &str) -> Result<Vec<String>, String> {
    let lines: Vec<String> =
        raw.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect();
    if lines.is_empty() {
        return Err("Enter at least one learning outcome, one per line".into());
    }
    for line in &lines {
        short_text(line, "each learning outcome", OUTCOME_MAX_CHARS)?;
    }
    Ok(lines)
}

/// Markdown that may be left empty.
pub fn optional_markdown(raw: &str, what: &str) -> Result<Option<String>, String> {
    if raw.trim().is_empty() { Ok(None) } else { long_text(raw, what, MARKDOWN_MAX_CHARS).map(Some) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> DetailsForm {
        DetailsForm {
            title: " Sleep problems ".into(),
            summary: "A **short** summary.".into(),
            audience: "GPs".into(),
            estimated_minutes: "25".into(),
            themes: BTreeMap::from([("gp-role".into(), "on".into()), ("r1-education".into(), "on".into())]),
            outcomes: "Explain the risks\n\n  Plan a taper  \n".into(),
            notice: String::new(),
        }
    }

    #[test]
    fn a_good_form_replaces_the_details_and_keeps_the_content() {
        let mut module = empty_module("sleep", "Old");
        module.reflections = vec!["Keep me".into()];
        let mut check = FormCheck::default();
        apply_details(&form(), &mut module, &mut check);
        assert!(check.finish(&[]).is_ok());
        assert_eq!(module.title, "Sleep problems");
        assert_eq!(module.estimated_minutes, 25);
        assert_eq!(module.themes, ["gp-role", "r1-education"]);
        assert_eq!(module.outcomes, ["Explain the risks", "Plan a taper"]);
        assert_eq!(module.notice, None);
        assert_eq!(module.reflections, ["Keep me"]);
    }

    #[test]
    fn every_bad_field_is_reported_and_nothing_changes() {
        let mut module = empty_module("sleep", "Old");
        let before = module.clone();
        let bad = DetailsForm {
            title: String::new(),
            estimated_minutes: "lots".into(),
            themes: BTreeMap::from([("astrology".into(), "on".into())]),
            outcomes: "\n".into(),
            ..form()
        };
        let mut check = FormCheck::default();
        apply_details(&bad, &mut module, &mut check);
        let error = check.finish(&[]).expect_err("refused");
        for field in ["title", "estimated_minutes", "themes", "outcomes"] {
            assert!(error.message_for(field).is_some(), "{field}");
        }
        assert_eq!(error.message_for("themes"), Some("'astrology' is not a theme"));
        assert_eq!(module, before);
    }

    #[test]
    fn minutes_are_bounded() {
        assert!(minutes("4").is_err());
        assert_eq!(minutes(" 240 "), Ok(240));
        assert!(minutes("-3").is_err());
    }
}
