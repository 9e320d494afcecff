//! Which lines of an NHS prescribing extract count as benzodiazepines or Z-drugs: the hypnotics and
//! anxiolytics of BNF sections 4.1.1 and 4.1.2 (BNF codes beginning 0401), by their chemical
//! substance. The same substances prescribed for epilepsy (4.8) or muscle spasm (10.2), such as
//! rectal diazepam, are left out, as are clobazam and clonazepam, which the BNF lists only there.

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
}
