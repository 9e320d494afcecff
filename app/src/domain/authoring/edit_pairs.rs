//! A draft's matched pairs edited as a list, one per line: `key | first case, second case | what
//! differs | theme codes`. Whether the two cases can be compared (the same decisions and option
//! keys) is the module validator's rule, shown with the version's other problems.

use super::edit_lists::{fields, lines, parse_key, parse_themes};
use crate::domain::curriculum::pair::CasePair;
use crate::domain::text::short_text;

const DIFFERS_MAX_CHARS: usize = 500;

/// The pairs written one per line.
pub fn parse_pairs(text: &str) -> Result<Vec<CasePair>, String> {
    lines(text)
        .map(|(n, line)| {
            let at = |message: String| format!("Line {n}: {message}");
            let [key, cases, differs, themes] = fields(line)[..] else {
                return Err(at(
                    "write the key, the two case keys, what differs and the themes, separated by |".into(),
                ));
            };
            let cases: Vec<String> = cases
                .split(',')
                .map(|c| parse_key(c, "a case's key"))
                .collect::<Result<_, _>>()
                .map_err(at)?;
            if cases.len() != 2 {
                return Err(at(format!(
                    "name two cases separated by a comma (this line names {})",
                    cases.len()
                )));
            }
            Ok(CasePair {
                key: parse_key(key, "the pair's key").map_err(at)?,
                cases,
                differs: short_text(differs, "what differs", DIFFERS_MAX_CHARS).map_err(at)?,
                themes: parse_themes(themes).map_err(at)?,
            })
        })
        .collect()
}

/// The pairs written back in the same form, for the editor to show.
pub fn pairs_text(pairs: &[CasePair]) -> String {
    pairs
        .iter()
        .map(|p| format!("{} | {} | {} | {}", p.key, p.cases.join(", "), p.differs, p.themes.join(", ")))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_round_trip_through_their_text_and_a_bad_line_is_named() {
        let text = "bereaved | ruth, colin | Age and sex: Ruth is 79, Colin 41 | deserving-patient, ambivalence-rules";
        let pairs = parse_pairs(text).expect("valid");
        assert_eq!(pairs[0].cases, ["ruth", "colin"]);
        assert_eq!(parse_pairs(&pairs_text(&pairs)), Ok(pairs));
        assert_eq!(parse_pairs(""), Ok(vec![]));
        assert_eq!(
            parse_pairs("ok | a, b | Age | gp-role\nthree | a, b, c | Age | gp-role"),
            Err("Line 2: name two cases separated by a comma (this line names 3)".into())
        );
        assert!(parse_pairs("p | a, b | Age").is_err_and(|e| e.starts_with("Line 1: write the key")));
        assert!(
            parse_pairs("p | a, b | Age | astrology")
                .is_err_and(|e| e.contains("'astrology' is not a theme"))
        );
    }
}
