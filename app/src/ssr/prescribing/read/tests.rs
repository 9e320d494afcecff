use super::*;

fn practices() -> BTreeMap<String, i64> {
    [("A81001".to_owned(), 1), ("A81002".to_owned(), 2)].into_iter().collect()
}

fn read(text: &str) -> Result<ReadFile, Vec<LineProblem>> {
    let practices = practices();
    read_prescribing(text, &Context { practices: &practices, scope: "North East", latest_month: "2026-10" })
}

fn lines(problems: Vec<LineProblem>) -> Vec<String> {
    problems.iter().map(ToString::to_string).collect()
}

#[test]
fn casebook_shape_is_read_row_by_row() {
    let file = read(
        "\u{feff}practice_code,month,benzodiazepine_items,z_drug_items,list_size\n\
         a81001,2026-03,120,80,10000\n\
         A81002,202603,10,5,\n",
    );
    let problems = lines(file.clone().err().unwrap_or_default());
    assert_eq!(problems, vec!["Line 3: give the list size or the items per 1,000 patients"]);
    let file = read(
        "Practice code,Month,Benzodiazepine items,Z-drug items,List size,Items per 1000 patients\n\
         A81001,2026-03,120,80,10000,\n\
         A81002,2026-03-01,10,5,,2.5\n",
    )
    .expect("a good file");
    assert_eq!(file.shape, Shape::Casebook);
    assert_eq!(file.months.len(), 2);
    assert_eq!(file.months[0].benzodiazepine_items, 120);
    assert_eq!(file.months[0].list_size, Some(10_000));
    assert_eq!(file.months[1].month, "2026-03");
    assert_eq!(file.months[1].rate_per_1000, Some(2.5));
}

#[test]
fn every_malformed_row_is_reported_with_its_line() {
    let problems = lines(
        read(
            "practice_code,month,benzodiazepine_items,z_drug_items,list_size\n\
             A81001,2026-03,120,80,10000\n\
             A8100,2026-03,1,1,100\n\
             A99999,2026-03,1,1,100\n\
             A81001,2026-13,1,1,100\n\
             A81001,2026-11,1,1,100\n\
             A81002,2026-03,lots,1,100\n\
             A81002,2026-04,1,-1,100\n\
             A81002,2026-05,1,1,0\n\
             A81002,2026-06,1,1\n\
             \"A81001\",\"2026-03\",1,1,100\n",
        )
        .expect_err("problems"),
    );
    assert_eq!(
        problems,
        vec![
            "Line 3: practice_code: Enter an ODS code of one letter and five digits, like A81001",
            "Line 4: there is no practice with ODS code A99999 in North East",
            "Line 5: the month '2026-13' is not a month like 2026-03",
            "Line 6: the month 2026-11 has not ended yet",
            "Line 7: benzodiazepine_items must be a whole number, not 'lots'",
            "Line 8: z_drug_items must be from 0 to 10000000",
            "Line 9: the list size must be at least 1",
            "Line 10: has 4 values but the first line names 5 columns",
            "Line 11: 2026-03 is already given for this practice on line 2",
        ]
    );
}

#[test]
fn nhs_extracts_are_added_up_by_practice_and_month() {
    let file = read(
        "YEAR_MONTH,REGIONAL_OFFICE_NAME,PRACTICE_NAME,PRACTICE_CODE,BNF_CHEMICAL_SUBSTANCE,CHEMICAL_SUBSTANCE_BNF_DESCR,BNF_CODE,BNF_DESCRIPTION,ITEMS,NIC\n\
         202603,NORTH EAST,THE SURGERY,A81001,0401010T0,Temazepam,0401010T0AAAAAA,Temazepam 10mg tablets,30,12.5\n\
         202603,NORTH EAST,THE SURGERY,A81001,0401010T0,Temazepam,0401010T0AAABAB,Temazepam 20mg tablets,12,8.1\n\
         202603,NORTH EAST,THE SURGERY,A81001,0401010Z0,Zopiclone,0401010Z0AAAAAA,Zopiclone 7.5mg tablets,40,20\n\
         202603,NORTH EAST,THE SURGERY,A81001,0408010F0,Clonazepam,0408010F0AAAAAA,Clonazepam 500mcg tablets,9,3\n\
         202603,NORTH EAST,THE SURGERY,A81001,0212000B0,Atorvastatin,0212000B0AAAAAA,Atorvastatin 20mg tablets,400,90\n\
         202603,LONDON,ELSEWHERE,F84001,0401010Z0,Zopiclone,0401010Z0AAAAAA,Zopiclone 7.5mg tablets,99,20\n\
         202604,NORTH EAST,THE SURGERY,A81001,0401020K0,Diazepam,0401020K0AAAHAH,Diazepam 2mg tablets,7,1\n",
    )
    .expect("an extract");
    assert_eq!(file.shape, Shape::NhsExtract);
    let march = &file.months[0];
    assert_eq!((march.month.as_str(), march.benzodiazepine_items, march.z_drug_items), ("2026-03", 42, 40));
    assert_eq!((file.months[1].month.as_str(), file.months[1].benzodiazepine_items), ("2026-04", 7));
    assert_eq!(file.other_medicines, 2);
    assert_eq!(file.other_practices.into_iter().collect::<Vec<_>>(), vec!["F84001"]);
}

#[test]
fn nhs_extract_problems_are_reported_only_for_the_importers_practices() {
    let problems = lines(
        read(
            "PRACTICE_CODE,YEAR_MONTH,BNF_DESCRIPTION,ITEMS\n\
             A81001,202603,Zopiclone 7.5mg tablets,many\n\
             F84001,2026xx,Zopiclone 7.5mg tablets,many\n",
        )
        .expect_err("a bad count"),
    );
    assert_eq!(problems, vec!["Line 2: ITEMS must be a whole number, not 'many'"]);
    let problems = lines(
        read("PRACTICE_CODE,YEAR_MONTH,BNF_DESCRIPTION,ITEMS\nF84001,202603,Zopiclone,3\n")
            .expect_err("none"),
    );
    assert_eq!(
        problems,
        vec!["The file has no benzodiazepine or Z-drug prescribing for practices in North East"]
    );
}

#[test]
fn files_that_are_not_prescribing_files_are_refused_at_line_one() {
    for text in [
        "",
        "name,age\nAnn,3\n",
        "practice_code,month,benzodiazepine_items,z_drug_items\nA81001,2026-03,1,1\n",
    ] {
        let problems = read(text).expect_err("not a prescribing file");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 1, "{text:?}: {problems:?}");
    }
    let problems =
        read("practice_code,month,benzodiazepine_items,z_drug_items,list_size\n").expect_err("empty");
    assert_eq!(lines(problems), vec!["The file has no rows of figures"]);
}

#[test]
fn a_long_list_of_problems_is_cut_short() {
    let mut text = "practice_code,month,benzodiazepine_items,z_drug_items,list_size\n".to_owned();
    for _ in 0..80 {
        text.push_str("A81001,2026-03,x,1,1\n");
    }
    let problems = read(&text).expect_err("bad rows");
    assert_eq!(problems.len(), MAX_PROBLEMS_LISTED + 1);
    assert_eq!(problems.last().map(ToString::to_string).as_deref(), Some("…and 30 more problems"));
}

#[test]
fn both_shapes_of_the_english_prescribing_dataset_give_the_same_figures() {
    // Built from the published column lists: 26 columns before 2025 (BNF_CODE, ADQUSAGE), 27 with
    // SNOMED codes (BNF_PRESENTATION_CODE, ADQ_USAGE). Counted by hand: at A81001 in March,
    // temazepam 30 + 12 items (420 + 336 ADQs) and zopiclone 40 (1,120 ADQs); the rectal diazepam,
    // clonazepam (BNF 4.8) and atorvastatin lines are not counted, nor the other practice's.
    let before = read(include_str!("fixtures/epd-before-2025.csv")).expect("the older shape");
    let with_snomed = read(include_str!("fixtures/epd-with-snomed.csv")).expect("the current shape");
    assert_eq!(before, with_snomed);
    let figures: Vec<(i64, &str, i64, i64, Option<f64>)> = with_snomed
        .months
        .iter()
        .map(|m| (m.practice, m.month.as_str(), m.benzodiazepine_items, m.z_drug_items, m.adq_usage))
        .collect();
    assert_eq!(
        figures,
        vec![
            (1, "2026-03", 42, 40, Some(1876.0)),
            (1, "2026-04", 5, 0, Some(140.0)),
            (2, "2026-03", 10, 0, Some(112.0)),
        ]
    );
    assert_eq!(with_snomed.other_medicines, 3);
    assert_eq!(with_snomed.other_practices.into_iter().collect::<Vec<_>>(), vec!["F84001"]);
}

#[test]
fn a_bad_adq_is_reported_with_its_line() {
    let problems = lines(
        read(
            "PRACTICE_CODE,YEAR_MONTH,BNF_PRESENTATION_CODE,BNF_CHEMICAL_SUBSTANCE,ITEMS,ADQ_USAGE\n\
             A81001,202603,0401010Z0AAAAAA,Zopiclone,4,112\n\
             A81001,202603,0401010T0AAAAAA,Temazepam,4,lots\n",
        )
        .expect_err("a bad ADQ"),
    );
    assert_eq!(problems, vec!["Line 3: the ADQ usage must be a number from 0 to 1000000000, not 'lots'"]);
}
