use super::*;

fn panel(rows: &[(i64, &[(&str, f64)])]) -> Vec<MonthRate> {
    rows.iter()
        .flat_map(|(practice, months)| {
            months.iter().map(move |(month, rate)| MonthRate {
                practice: PracticeId(*practice),
                month: (*month).to_owned(),
                rate: *rate,
            })
        })
        .collect()
}

fn set(ids: &[i64]) -> BTreeSet<PracticeId> {
    ids.iter().map(|&id| PracticeId(id)).collect()
}

fn flat(before: f64, after: f64) -> Vec<(&'static str, f64)> {
    vec![
        ("2026-01", before),
        ("2026-02", before),
        ("2026-03", before),
        ("2026-05", after),
        ("2026-06", after),
        ("2026-07", after),
    ]
}

/// Start April 2026, three months either side: January to March against May to July.
fn window() -> Window {
    Window { start: "2026-04".into(), months: 3 }
}

fn synthetic() -> Vec<MonthRate> {
    let mut p2 = vec![
        ("2026-01", 12.0),
        ("2026-02", 14.0),
        ("2026-03", 13.0),
        ("2026-05", 10.0),
        ("2026-06", 11.0),
        ("2026-07", 12.0),
    ];
    p2.push(("2026-04", 100.0)); // the start month: left out
    p2.push(("2025-12", 100.0)); // outside the window: left out
    panel(&[
        (1, &flat(10.0, 8.0)),
        (2, &p2),
        (3, &flat(20.0, 17.0)),
        (4, &flat(8.0, 7.0)),
        (5, &flat(10.0, 10.0)),
        (6, &flat(15.0, 16.0)),
        (7, &flat(9.0, 8.0)),
        (8, &[("2026-05", 40.0)]), // nothing before: not in the estimate
    ])
}

#[test]
fn the_estimate_and_its_interval_match_a_hand_computation() {
    // Changes: group −2, −2, −3, −1 (mean −2, variance 2/3); others 0, +1, −1 (mean 0, variance
    // 1). Effect −2. Squared standard errors (2/3)/4 = 1/6 and 1/3; SE √0.5 = 0.707107.
    // Satterthwaite df = 0.25 / ((1/6)²/3 + (1/3)²/2) = 3.857, so 3: t = 3.182, half-width
    // 2.250015. Before the start the group averaged (10 + 13 + 20 + 8)/4 = 12.75, so −15.69%.
    // Pooled variance of changes (3·2/3 + 2·1)/5 = 0.8; a tenth of 12.75 is 1.275; practices for
    // 80% power 2·(1.959964 + 0.841621)²·0.8/1.275² = 7.73, so 8 in each group.
    let found = estimate(&synthetic(), &set(&[1, 2, 3, 4]), &set(&[5, 6, 7, 8]), &window()).expect("enough");
    assert!((found.effect + 2.0).abs() < 1e-12, "{found:?}");
    assert!((found.interval.0 - (-2.0 - 2.250_015)).abs() < 1e-5, "{found:?}");
    assert!((found.interval.1 - (-2.0 + 2.250_015)).abs() < 1e-5, "{found:?}");
    assert_eq!(found.group, GroupLevels { practices: 4, before: 12.75, after: 10.75 });
    assert_eq!(
        (found.others.practices, found.others.before, found.others.after),
        (3, 34.0 / 3.0, 34.0 / 3.0)
    );
    assert!((found.relative.expect("a level") + 0.156_863).abs() < 1e-6);
    assert_eq!(found.practices_for_a_tenth, Some(8));
}

#[test]
fn a_group_under_three_practices_gives_no_estimate() {
    let refused = estimate(&synthetic(), &set(&[1, 2]), &set(&[5, 6, 7]), &window());
    assert_eq!(refused, Err(NoEstimate::TooFewPractices { group: 2, others: 3 }));
    let refused = estimate(&synthetic(), &set(&[1, 2, 3]), &set(&[7, 8]), &window());
    assert_eq!(refused, Err(NoEstimate::TooFewPractices { group: 3, others: 1 }), "8 has no months before");
}

#[test]
fn the_chart_shows_each_month_of_the_window_and_hides_small_groups() {
    let months = chart(&synthetic(), &set(&[1, 2, 3, 4]), &set(&[5, 6, 7, 8]), &window());
    assert_eq!(months.len(), 7);
    assert_eq!((months[0].month.as_str(), months[0].offset), ("2026-01", -3));
    assert_eq!(months[0].group, Some((10.0 + 12.0 + 20.0 + 8.0) / 4.0));
    assert_eq!(months[0].others, Some((10.0 + 15.0 + 9.0) / 3.0));
    assert_eq!((months[3].group, months[3].others), (None, None), "one practice in April: hidden");
    assert_eq!(months[4].others, Some((10.0 + 16.0 + 8.0 + 40.0) / 4.0));
}

#[test]
fn no_spread_gives_a_zero_width_interval_and_no_power_note() {
    let months = panel(&[
        (1, &flat(10.0, 9.0)),
        (2, &flat(11.0, 10.0)),
        (3, &flat(12.0, 11.0)),
        (4, &flat(10.0, 10.0)),
        (5, &flat(11.0, 11.0)),
        (6, &flat(12.0, 12.0)),
    ]);
    let found = estimate(&months, &set(&[1, 2, 3]), &set(&[4, 5, 6]), &window()).expect("enough");
    assert!((found.effect + 1.0).abs() < 1e-12);
    assert_eq!(found.interval, (found.effect, found.effect));
    assert_eq!(found.practices_for_a_tenth, None);
}
