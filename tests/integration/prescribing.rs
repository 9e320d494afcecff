//! Practices' prescribing over HTTP: imports are all or nothing with every problem's line, a month
//! imported again replaces its figures, leads import and see only their own practices, and the
//! report flags the top fifth and compares their engagement and prescribing trend. Both shapes of
//! the English Prescribing Dataset give the same figures, list sizes come from NHS Digital's file,
//! and each measure and decile matches a hand computation.

use std::time::Duration;

use app::api::reports::prescribing_imports::PracticeImports;
use app::domain::audit::AuditAction;
use app::domain::reports::disclosure::Shown;
use app::domain::reports::prescribing::{month_index, month_text};
use app::wire::report_view::ReportView;
use casebook_tests::{Engine, LEAD_A, LEAD_B, LEARNER_A, TestApp, on_both_engines};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

use crate::learning::{Knowing, MARGARET, publish};

on_both_engines!(
    imports_are_all_or_nothing_scoped_and_replace_a_month,
    high_prescribers_are_flagged_with_their_engagement_and_trend,
    each_measure_and_decile_is_computed_as_openprescribing_does,
    prescribing_change_where_gps_completed_matches_a_hand_computation,
);

const HEADER: &str = "practice_code,month,benzodiazepine_items,z_drug_items,list_size\n";

/// The month `offset` months from the app's clock, as `YYYY-MM`.
fn month(app: &TestApp, offset: i32) -> String {
    let today = app::domain::time::format_iso_date(app.state.clock.now_ms());
    month_text(month_index(&today[..7]).unwrap_or_default() + offset)
}

async fn upload(app: &TestApp, client: &reqwest::Client, text: &str) -> anyhow::Result<reqwest::Response> {
    let form = Form::new().part("file", Part::text(text.to_owned()).file_name("prescribing.csv"));
    let url = app.url("/api/reports/import_prescribing");
    Ok(client.post(url).header("origin", &app.address).multipart(form).send().await?)
}

async fn imports(app: &TestApp, client: &reqwest::Client) -> anyhow::Result<Vec<PracticeImports>> {
    Ok(app.post(client, "/api/reports/prescribing_imports", &[]).await?.json().await?)
}

async fn imports_are_all_or_nothing_scoped_and_replace_a_month(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let (lead_a, lead_b) = (app.signed_in(LEAD_A).await?, app.signed_in(LEAD_B).await?);
    let (m1, m2) = (month(&app, -2), month(&app, -1));

    let bad = format!("{HEADER}A00001,{m1},10,5,1000\nA00001,{m2},ten,5,1000\nB00001,{m2},1,1,1000\n");
    let refused = upload(&app, &lead_a, &bad).await?;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let text = refused.text().await?;
    assert!(text.contains("Line 3: benzodiazepine_items must be a whole number, not 'ten'"), "{text}");
    assert!(text.contains("Line 4: there is no practice with ODS code B00001 in Region A"), "{text}");
    assert!(imports(&app, &lead_a).await?.is_empty(), "nothing is half-imported");

    let good = format!("{HEADER}A00001,{m1},10,5,1000\nA00001,{m2},20,10,1000\n");
    assert_eq!(upload(&app, &lead_a, &good).await?.status(), StatusCode::OK);
    let again = format!("{HEADER}A00001,{m2},30,10,1000\n");
    assert_eq!(upload(&app, &lead_a, &again).await?.status(), StatusCode::OK);
    let listed = imports(&app, &lead_a).await?;
    assert_eq!(listed.len(), 1);
    assert_eq!((listed[0].months, listed[0].list_size), (2, Some(1000)), "the month was replaced, not added");
    let report: ReportView = app.post(&lead_a, "/api/reports/view_report", &[]).await?.json().await?;
    let rate = report.report.practices.iter().find(|p| p.ods_code == "A00001").and_then(|p| p.rate);
    assert_eq!(rate, Some((15.0 + 40.0) / 2.0), "items per 1,000: 15 then 40 (the replaced month)");

    // An NHS extract has no list sizes: the latest one known is used.
    let extract = format!(
        "YEAR_MONTH,PRACTICE_CODE,BNF_CODE,BNF_DESCRIPTION,ITEMS\n\
         {0},A00001,0401010Z0AAAAAA,Zopiclone 7.5mg tablets,4\n\
         {0},A00001,0401020K0AAAHAH,Diazepam 2mg tablets,6\n\
         {0},B00001,0401010Z0AAAAAA,Zopiclone 7.5mg tablets,99\n",
        month(&app, -3).replace('-', "")
    );
    assert_eq!(upload(&app, &lead_a, &extract).await?.status(), StatusCode::OK);
    let listed = imports(&app, &lead_a).await?;
    assert_eq!((listed[0].months, listed[0].first_month.as_str()), (3, month(&app, -3).as_str()));
    assert!(imports(&app, &lead_b).await?.is_empty(), "lead B sees nothing of region A");
    let theirs = upload(&app, &lead_b, &format!("{HEADER}A00001,{m1},1,1,1\n")).await?;
    assert_eq!(theirs.status(), StatusCode::UNPROCESSABLE_ENTITY, "lead B cannot import for region A");

    let future = upload(&app, &lead_a, &format!("{HEADER}A00001,{},1,1,1\n", month(&app, 0))).await?;
    assert!(future.text().await?.contains("has not ended yet"));
    let learner = app.signed_in(LEARNER_A).await?;
    assert_eq!(upload(&app, &learner, &good).await?.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.post(&learner, "/api/reports/prescribing_imports", &[]).await?.status(),
        StatusCode::FORBIDDEN
    );
    let not_text = Form::new().part("file", Part::bytes(vec![0xff, 0xfe, 0x00]).file_name("x.csv"));
    let url = app.url("/api/reports/import_prescribing");
    let refused = lead_a.post(url).header("origin", &app.address).multipart(not_text).send().await?;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let filter = app::ssr::db::audit::AuditFilter {
        action: Some(AuditAction::PrescribingImported),
        ..Default::default()
    };
    assert_eq!(app.state.db.list_audit(&filter, 10, 0).await?.entries.len(), 3, "each import is audited");
    Ok(())
}

async fn high_prescribers_are_flagged_with_their_engagement_and_trend(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    publish(&app, MARGARET).await?;
    let mut practices = vec![world.practice_a];
    for i in 2..=5 {
        practices.push(app.practice(world.region_a, &format!("A0000{i}"), &format!("Practice A{i}")).await?);
    }
    // One GP at each of the first three practices completes Margaret this month.
    for (i, id) in practices.iter().take(3).enumerate() {
        crate::reports::learners_finish(&app, *id, i, 1, Knowing::Wrong("3")).await?;
    }
    app.state.clock.advance(Duration::from_secs(62 * 86_400));
    // Practice A00005 prescribes most; every practice's rate falls after the completions (offset 0).
    let mut file = HEADER.to_owned();
    for offset in -2..=1 {
        for p in 1..=5 {
            let items = if offset < 0 { 20 + p } else { 10 + p };
            let items = if p == 5 { items * 4 } else { items };
            file.push_str(&format!("A0000{p},{},{items},0,1000\n", month(&app, offset - 2)));
        }
    }
    let lead = app.signed_in(LEAD_A).await?;
    assert_eq!(upload(&app, &lead, &file).await?.status(), StatusCode::OK);
    let view: ReportView = app.post(&lead, "/api/reports/view_report", &[]).await?.json().await?;
    let report = view.report;
    let flagged: Vec<&str> =
        report.practices.iter().filter(|p| p.high_prescriber).map(|p| p.ods_code.as_str()).collect();
    assert_eq!(flagged, ["A00005"], "the top fifth of five practices is one");
    assert_eq!(report.practices.len(), 5, "practices without learners are listed by their prescribing");
    assert_eq!(report.engagement.len(), 2);
    let (high, rest) = (&report.engagement[0], &report.engagement[1]);
    assert_eq!((high.practices, rest.practices), (1, 4));
    assert!(high.mean_rate > rest.mean_rate);
    assert_eq!(
        (high.completed, rest.completed),
        (Shown::Count(0), Shown::Suppressed),
        "three GPs: shown as *"
    );
    assert_eq!(rest.completed_share, None, "fewer than 8 registered learners: no share");
    let at = |offset: i32| report.trend.iter().find(|t| t.offset == offset).cloned();
    let before = at(-1).and_then(|t| t.mean_rate).ok_or_else(|| anyhow::anyhow!("no rate before"))?;
    let after = at(0).and_then(|t| t.mean_rate).ok_or_else(|| anyhow::anyhow!("no rate after"))?;
    assert_eq!(at(0).map(|t| t.practices), Some(3));
    assert_eq!((before, after), ((21.0 + 22.0 + 23.0) / 3.0, (11.0 + 12.0 + 13.0) / 3.0));
    let csv = lead.get(app.url("/reports/high-prescribers.csv")).send().await?.text().await?;
    assert!(csv.contains("High prescribers (top fifth),1,"), "{csv}");
    let csv = lead.get(app.url("/reports/prescribing-trend.csv")).send().await?.text().await?;
    assert!(csv.contains("-1,3,22.0") && csv.contains("+0,3,12.0"), "{csv}");
    Ok(())
}

async fn report(app: &TestApp, client: &reqwest::Client, measure: &str) -> anyhow::Result<ReportView> {
    Ok(app.post(client, "/api/reports/view_report", &[("measure", measure)]).await?.json().await?)
}

/// (ODS code, value, decile, flagged) of each practice with figures.
fn figures(view: &ReportView) -> Vec<(String, f64, Option<u8>, bool)> {
    let with_rate = view.report.practices.iter().filter_map(|p| p.rate.map(|rate| (p, rate)));
    with_rate.map(|(p, rate)| (p.ods_code.clone(), rate, p.decile, p.high_prescriber)).collect()
}

/// (ODS code, value, decile, flagged) as worked out by hand.
type Expected = (&'static str, f64, u8, bool);

fn close(found: &[(String, f64, Option<u8>, bool)], expected: &[Expected]) -> bool {
    found.len() == expected.len()
        && found
            .iter()
            .zip(expected)
            .all(|(f, e)| f.0 == e.0 && (f.1 - e.1).abs() < 1e-9 && f.2 == Some(e.2) && f.3 == e.3)
}

async fn each_measure_and_decile_is_computed_as_openprescribing_does(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    app.practice(world.region_a, "A81001", "The Surgery").await?;
    app.practice(world.region_a, "A81002", "The Health Centre").await?;
    let lead = app.signed_in(LEAD_A).await?;
    let older = include_str!("../../app/src/ssr/prescribing/read/fixtures/epd-before-2025.csv");
    let current = include_str!("../../app/src/ssr/prescribing/read/fixtures/epd-with-snomed.csv");
    assert_eq!(upload(&app, &lead, older).await?.status(), StatusCode::OK);
    let no_list_sizes = report(&app, &lead, "adq-per-1000").await?;
    assert!(figures(&no_list_sizes).is_empty(), "ADQs per 1,000 need list sizes");

    let list_sizes = "PUBLICATION,EXTRACT_DATE,TYPE,CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS\n\
        GP_PRAC_PAT_LIST,01MAR2026,GP,A81001,TS18 1HU,ALL,ALL,4000\n\
        GP_PRAC_PAT_LIST,01MAR2026,GP,A81001,TS18 1HU,FEMALE,ALL,2100\n\
        GP_PRAC_PAT_LIST,01MAR2026,GP,A81002,TS18 2AA,ALL,ALL,10000\n\
        GP_PRAC_PAT_LIST,01MAR2026,GP,B00001,B1 1AA,ALL,ALL,7000\n";
    let bad = list_sizes.replace("10000", "ten thousand");
    let refused = upload(&app, &lead, &bad).await?;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let text = refused.text().await?;
    assert!(text.contains("Line 4: the list size must be a whole number, not 'ten thousand'"), "{text}");
    assert!(figures(&report(&app, &lead, "adq-per-1000").await?).is_empty(), "nothing half imported");
    let imported = upload(&app, &lead, list_sizes).await?;
    assert_eq!(imported.status(), StatusCode::OK);

    // By hand, from the fixture: A81001 has 82 items and 1,876 ADQs in March, 5 items and 140 ADQs
    // in April (4,000 patients from the March extract, so April too); A81002 10 items, 112 ADQs in
    // March (10,000 patients). A practice's figure is the mean of its months. Two practices: the
    // lower is in the 1st decile, the higher (percentile 100) in the 10th and flagged.
    let adq_per_item = (1876.0 / 82.0 + 140.0 / 5.0) / 2.0;
    // Listed by name: The Health Centre (A81002), then The Surgery (A81001).
    let expected: [(&str, Vec<Expected>); 3] = [
        ("items-per-1000", vec![("A81002", 1.0, 1, false), ("A81001", (20.5 + 1.25) / 2.0, 10, true)]),
        ("adq-per-item", vec![("A81002", 11.2, 1, false), ("A81001", adq_per_item, 10, true)]),
        ("adq-per-1000", vec![("A81002", 11.2, 1, false), ("A81001", (469.0 + 35.0) / 2.0, 10, true)]),
    ];
    for (measure, rows) in &expected {
        let found = figures(&report(&app, &lead, measure).await?);
        assert!(close(&found, rows), "{measure}: {found:?}");
    }
    assert_eq!(upload(&app, &lead, current).await?.status(), StatusCode::OK);
    for (measure, rows) in &expected {
        let found = figures(&report(&app, &lead, measure).await?);
        assert!(close(&found, rows), "the current shape, {measure}: {found:?}");
    }
    let csv = lead.get(app.url("/reports/practices.csv?measure=adq-per-item")).send().await?.text().await?;
    assert!(csv.contains("ADQs per item,Decile in scope,High prescriber"), "{csv}");
    let line = csv.lines().find(|l| l.contains("A81001")).unwrap_or_default();
    assert!(line.ends_with(",25.4,10,Yes"), "{adq_per_item:.1} in the 10th decile: {line}");
    let wrong = app.post(&lead, "/api/reports/view_report", &[("measure", "cost")]).await?;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    Ok(())
}

/// Three practices whose GPs completed Margaret in month M against three whose GPs did not, one
/// month either side of M (items per 1,000 patients; list sizes of 1,000).
async fn prescribing_change_where_gps_completed_matches_a_hand_computation(
    engine: Engine,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    publish(&app, MARGARET).await?;
    let mut practices = vec![world.practice_a];
    for i in 2..=6 {
        practices.push(app.practice(world.region_a, &format!("A0000{i}"), &format!("Practice A{i}")).await?);
    }
    for (i, id) in practices.iter().take(3).enumerate() {
        crate::reports::learners_finish(&app, *id, 10 + i, 1, Knowing::Wrong("3")).await?;
    }
    let start = month(&app, 0);
    app.state.clock.advance(Duration::from_secs(100 * 86_400));
    let index = month_index(&start).unwrap_or_default();
    let (before, after) = (month_text(index - 1), month_text(index + 1));
    let rates = [(20, 15), (22, 18), (24, 20), (10, 10), (12, 11), (14, 15)];
    let mut file = HEADER.to_owned();
    for (p, (b, a)) in rates.iter().enumerate() {
        file.push_str(&format!("A0000{},{before},{b},0,1000\nA0000{},{after},{a},0,1000\n", p + 1, p + 1));
    }
    let lead = app.signed_in(LEAD_A).await?;
    assert_eq!(upload(&app, &lead, &file).await?.status(), StatusCode::OK);
    let form = [("start", start.as_str()), ("months", "1"), ("measure", "items-per-1000")];
    let view: app::wire::campaign_view::PrescribingChangeView =
        app.post(&lead, "/api/reports/view_prescribing_change", &form).await?.json().await?;
    // By hand: changes −5, −4, −4 (mean −4.333, variance 1/3) against 0, −1, +1 (mean 0, variance 1).
    // SE √(1/9 + 1/3) = 0.666667; Satterthwaite df 3.2, so 3: t 3.182, half-width 2.121333.
    let estimate = view.change.estimate.ok_or_else(|| anyhow::anyhow!("{:?}", view.change.no_estimate))?;
    assert!((estimate.effect + 13.0 / 3.0).abs() < 1e-9, "{estimate:?}");
    assert!((estimate.interval.0 - (-13.0 / 3.0 - 2.121_333)).abs() < 1e-5, "{estimate:?}");
    assert!((estimate.interval.1 - (-13.0 / 3.0 + 2.121_333)).abs() < 1e-5, "{estimate:?}");
    assert_eq!((estimate.group.practices, estimate.others.practices), (3, 3));
    let chart: Vec<(i32, Option<f64>, Option<f64>)> =
        view.change.chart.iter().map(|m| (m.offset, m.group, m.others)).collect();
    assert_eq!(chart, [(-1, Some(22.0), Some(12.0)), (0, None, None), (1, Some(53.0 / 3.0), Some(12.0))]);
    let lead_b = app.signed_in(LEAD_B).await?;
    let region_a = world.region_a.0.to_string();
    let theirs =
        app.post(&lead_b, "/api/reports/view_prescribing_change", &[("region", region_a.as_str())]).await?;
    assert_eq!(theirs.status(), StatusCode::FORBIDDEN);
    let page =
        lead.get(app.url(&format!("/reports/prescribing-change?start={start}&months=1"))).send().await?;
    let text = page.text().await?;
    assert!(text.contains("Difference in differences: −4.3"), "{text}");
    assert!(text.contains("This is observational"));
    Ok(())
}
