//! Which lines of an NHS prescribing extract count as benzodiazepines or Z-drugs: the hypnotics and
//! anxiolytics of BNF sections 4.1.1 and 4.1.2 (BNF codes beginning 0401), by their chemical
//! substance. The same substances prescribed for epilepsy (4.8) or muscle spasm (10.2), such as
//! rectal diazepam, are left out, as are clobazam and clonazepam, which the BNF lists only there.
//! Within 4.1 only oral forms count, as in OpenPrescribing's measures (`bdzadq`, `bdzper1000`): the
//! rectal tubes, suppositories and injections of diazepam and lorazepam are left out.

/// What a line of an extract holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Benzodiazepine,
    ZDrug,
}

const BENZODIAZEPINES: [&str; 10] = [
    "alprazolam",
    "chlordiazepoxide",
    "diazepam",
    "flurazepam",
    "loprazolam",
    "lorazepam",
    "lormetazepam",
    "nitrazepam",
    "oxazepam",
    "temazepam",
];

const Z_DRUGS: [&str; 3] = ["zaleplon", "zolpidem", "zopiclone"];

/// The class of a line named `substance` (a chemical substance or a presentation, such as
/// "Zopiclone 7.5mg tablets"), with its BNF code where the extract has one.
pub fn classify(substance: &str, bnf_code: Option<&str>) -> Option<Class> {
    let in_section = bnf_code.map(str::trim).is_none_or(|code| code.is_empty() || code.starts_with("0401"));
    if !in_section {
        return None;
    }
    let name = substance.trim().to_lowercase();
    let first_word = name.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    if BENZODIAZEPINES.contains(&first_word) {
        Some(Class::Benzodiazepine)
    } else if Z_DRUGS.contains(&first_word) {
        Some(Class::ZDrug)
    } else {
        None
    }
}

/// The non-oral presentations of section 4.1 by chemical substance code and the last two
/// characters of the 15-character presentation code, as OpenPrescribing's `bdzper1000` lists them.
const NOT_ORAL: [(&str, &[&str]); 2] =
    [("0401020K0", &["AD", "AE", "BQ", "AQ", "AC", "BB"]), ("0401020P0", &["CH", "CJ", "AA"])];

/// Words in a presentation's description that mark it as not taken by mouth.
const NOT_ORAL_WORDS: [&str; 5] = ["rectal", "suppositor", "injection", "enema", "infusion"];

/// Whether a line is an oral form: by its presentation code where the extract gives one, and by its
/// description's words, so that an extract with descriptions but only chemical codes is read
/// alike. A line with neither (a chemical-level extract) counts.
pub fn is_oral(bnf_code: Option<&str>, description: Option<&str>) -> bool {
    let code = bnf_code.map(str::trim).unwrap_or("");
    let coded_not_oral = code.len() == 15
        && NOT_ORAL.iter().any(|(chemical, forms)| {
            code.starts_with(chemical) && forms.iter().any(|form| code.ends_with(form))
        });
    let description = description.unwrap_or("").to_lowercase();
    !coded_not_oral && !NOT_ORAL_WORDS.iter().any(|word| description.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hypnotics_and_anxiolytics_are_classed_by_substance() {
        assert_eq!(classify("Temazepam", Some("0401010T0")), Some(Class::Benzodiazepine));
        assert_eq!(classify("Chlordiazepoxide hydrochloride", None), Some(Class::Benzodiazepine));
        assert_eq!(classify("Zopiclone 7.5mg tablets", Some("0401010Z0AAAAAA")), Some(Class::ZDrug));
        assert_eq!(classify("ZOLPIDEM TARTRATE", Some("")), Some(Class::ZDrug));
    }

    #[test]
    fn other_sections_and_other_drugs_are_not_counted() {
        assert_eq!(classify("Diazepam", Some("0408020H0")), None, "rectal diazepam for seizures");
        assert_eq!(classify("Clonazepam", Some("0408010F0")), None);
        assert_eq!(classify("Melatonin", Some("0401010AD")), None);
        assert_eq!(classify("Promethazine hydrochloride", Some("0401010R0")), None);
        assert_eq!(classify("", None), None);
    }

    #[test]
    fn only_oral_forms_count() {
        assert!(is_oral(Some("0401020K0AAAHAH"), Some("Diazepam 2mg tablets")));
        assert!(is_oral(Some("0401010Z0AAAAAA"), None));
        assert!(is_oral(Some("0401020K0"), None), "a chemical-level line cannot say, so it counts");
        assert!(!is_oral(Some("0401020K0AAAAAD"), None), "diazepam 5mg/2.5ml rectal tube");
        assert!(!is_oral(Some("0401020P0AAACCH"), None), "lorazepam 2mg/1ml injection ampoules");
        assert!(!is_oral(None, Some("Diazepam 10mg/2.5ml rectal solution tube")));
        assert!(!is_oral(Some("0401020K0"), Some("Diazepam 10mg suppositories")));
    }
}
