//! `/reports?region=&from=&to=&measure=`: the dashboard for deanery leads (their region) and admins (any
//! region, or all together). The filters are a plain GET form, so every view has its own address.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::reports::view_report::view_report;
use crate::components::bar_chart::{BarChart, BarGroup};
use crate::components::forms::{ErrorSummary, TextField, message, value_or};
use crate::components::measure_select::MeasureSelect;
use crate::components::summary_list::SummaryList;
use crate::components::table::Table;
use crate::domain::navigation::encode_query_value;
use crate::domain::reports::disclosure::Shown;
use crate::domain::reports::report::{Report, Table as ReportTable};
use crate::error::AppError;
use crate::pages::outcome::page_or_problem;
use crate::wire::report_view::ReportView;

#[component]
pub fn ReportsPage() -> impl IntoView {
    let query = use_query_map();
    let wanted = move || query.with(|q| (q.get("region"), q.get("from"), q.get("to"), q.get("measure")));
    let report = Resource::new(wanted, |(region, from, to, measure)| view_report(region, from, to, measure));
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let (region, from, to, measure) = wanted();
                match report.await {
                    Err(error @ AppError::Invalid { .. }) => {
                        crate::pages::outcome::set_status(422);
                        let refused = ReportView {
                            report: Report::default(),
                            regions: Vec::new(),
                            all_regions: false,
                            region: region.and_then(|r| r.parse().ok()),
                            from: from.unwrap_or_default(),
                            to: to.unwrap_or_default(),
                            measure: measure.unwrap_or_default(),
                        };
                        view! {
                            <Title text="Error: Reports" />
                            <Filters view=refused error=Some(error) />
                        }
                            .into_any()
                    }
                    other => page_or_problem(other, |view| view! { <Dashboard view /> }.into_any()),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Dashboard(view: ReportView) -> impl IntoView {
    let report = view.report.clone();
    let query = format!(
        "region={}&from={}&to={}&measure={}",
        view.region.map_or_else(|| "all".to_owned(), |r| r.to_string()),
        encode_query_value(&view.from),
        encode_query_value(&view.to),
        view.measure,
    );
    let measure = report.measure.label().to_lowercase();
    let o = &report.overall;
    let summary = vec![
        ("Learners registered", report.registered.text()),
        ("Learners who started a module", o.learners.text()),
        ("Attempts started", o.started.text()),
        ("Attempts completed", o.completed.text()),
        ("Completion rate", crate::domain::reports::report::percent(o.completion_rate)),
        ("Median time to complete (minutes)", crate::domain::reports::report::figure(o.median_minutes, 0)),
    ];
    view! {
        <Title text=format!("Reports: {}", report.scope) />
        <Filters view=view.clone() error=None />
        <h2>{format!("{}: uptake", report.scope)}</h2>
        <SummaryList rows=summary.into_iter().collect() />
        {(!report.by_month.is_empty())
            .then(|| {
                view! {
                    <BarChart
                        id="months-chart".to_owned()
                        title="Attempts started and completed, by month started".to_owned()
                        description=format!(
                            "{} months. Each month has two bars, attempts started and attempts completed, \
                    labelled with their counts (rounded to 5; * marks a count hidden to protect small numbers). \
                    The same figures are in the table below.",
                            report.by_month.len(),
                        )
                        series=vec!["Started", "Completed"]
                        counts=true
                        groups=report
                            .by_month
                            .iter()
                            .map(|m| BarGroup {
                                label: m.label.clone(),
                                values: vec![shown(m.started), shown(m.completed)],
                            })
                            .collect()
                    />
                }
            })}
        <ReportTableView
            table=ReportTable::Months
            caption="Uptake by month started"
            report=report.clone()
            query=query.clone()
        />
        <ReportTableView
            table=ReportTable::Modules
            caption="Uptake by module"
            report=report.clone()
            query=query.clone()
        />
        <h2>"Learning by theme"</h2>
        <p>
            "Learners who answered the knowledge questions both before and after the cases: the share they got right, \
             the mean paired gain with its 95% confidence interval, the share of answers given 'very sure' and wrong, \
             and the mean certainty (1 to 3) of right and of wrong answers."
        </p>
        {(!report.themes.is_empty())
            .then(|| {
                view! {
                    <BarChart
                        id="themes-chart".to_owned()
                        title="Share of knowledge questions answered right, before and after the cases, by theme"
                            .to_owned()
                        description=format!(
                            "{} themes. Each theme has two bars, before and after the cases, labelled with their \
                    percentages; * marks a figure from fewer than 8 learners. The same figures are in the table below.",
                            report.themes.len(),
                        )
                        series=vec!["Before the cases", "After the cases"]
                        groups=report
                            .themes
                            .iter()
                            .map(|t| BarGroup {
                                label: t.title.clone(),
                                values: vec![t.right_before, t.right_after],
                            })
                            .collect()
                    />
                }
            })}
        <ReportTableView
            table=ReportTable::Themes
            caption="Learning by theme"
            report=report.clone()
            query=query.clone()
        />
        <h2>"Attitudes"</h2>
        <p>
            "Mean agreement with each statement before and after the cases, from 1 (strongly disagree) to 5 \
             (strongly agree), and the mean shift with its 95% confidence interval."
        </p>
        <ReportTableView
            table=ReportTable::Attitudes
            caption="Attitude statements"
            report=report.clone()
            query=query.clone()
        />
        <h3>"Mixed feelings about benzodiazepines"</h3>
        <p>
            "In modules that measure ambivalence, learners rate how favourable and how unfavourable they find \
             benzodiazepines, each considered alone, from 0 (not at all) to 4 (extremely), before and after the \
             cases. The index of mixed feelings (Thompson, Zanna and Griffin, 1995) runs from −2, wholly one-sided, \
             to 4, both views at their strongest. Means are over attempts, with the mean change and its 95% \
             confidence interval."
        </p>
        <ReportTableView
            table=ReportTable::Ambivalence
            caption="Mixed feelings about benzodiazepines, by module"
            report=report.clone()
            query=query.clone()
        />
        <h2>"Case decisions"</h2>
        <p>"Each decision with the share of choices that were poor or unsafe, the most often first."</p>
        <ReportTableView
            table=ReportTable::Decisions
            caption="Case decisions"
            report=report.clone()
            query=query.clone()
        />
        <h2>"Matched pairs"</h2>
        <p>
            "In a matched-pair module a learner meets two patients who differ in one respect only (age, sex or \
             circumstances) and makes the same decisions for each. By the theme each pair speaks to: the pairs \
             decided for both patients, and the share where some decision differed between the two. A share from \
             fewer than 8 learners is not shown (*)."
        </p>
        <ReportTableView
            table=ReportTable::Pairs
            caption="Matched pairs decided differently, by theme"
            report=report.clone()
            query=query.clone()
        />
        <h2 id="after-the-module">"After the module"</h2>
        <p>
            "Booster questions come back to each learner 2 and 8 weeks after a module, chosen from those they found \
             hardest. By theme and booster: the share right straight after the module and at the booster, on the \
             same items for the same learners, and the mean change per learner with its 95% confidence interval. \
             A drop is expected; how much is kept is the point."
        </p>
        <ReportTableView
            table=ReportTable::Retention
            caption="Retention by theme"
            report=report.clone()
            query=query.clone()
        />
        <p>
            "Twelve weeks after a module, each learner is asked what became of the changes they committed to."
        </p>
        <ReportTableView
            table=ReportTable::CommitmentOutcomes
            caption="Commitments to change, as reported at twelve weeks"
            report=report.clone()
            query=query.clone()
        />
        <ReportTableView
            table=ReportTable::Barriers
            caption="What got in the way of changes not fully made, by the review's themes"
            report=report.clone()
            query=query.clone()
        />
        <h2>"Practices"</h2>
        <p>
            {format!(
                "Each practice with learners in this period or prescribing figures, with its oral benzodiazepine \
                 and Z-drug prescribing over the period ({measure}, the mean of its months) and its decile among \
                 the practices here with figures, placed as OpenPrescribing places practices nationally (the 10th \
                 decile is the highest tenth). ",
            )} <a href="/reports/prescribing">"Import practices' prescribing and list sizes"</a>". "
            <a href="/reports/prescribing-change">"Did prescribing change where GPs took part?"</a>
        </p>
        <ReportTableView
            table=ReportTable::Practices
            caption="Practices"
            report=report.clone()
            query=query.clone()
        />
        <h3>"High prescribers"</h3>
        <p>
            {format!(
                "The top fifth of the practices with prescribing figures, by {measure}, against the other practices \
                 with figures: how many of their GPs registered, started and completed a module.",
            )}
        </p>
        <ReportTableView
            table=ReportTable::HighPrescribers
            caption="High prescribers and other practices"
            report=report.clone()
            query=query.clone()
        />
        <h3>"Prescribing around the first completion"</h3>
        <p>
            {format!(
                "Practices' {measure}, lined up on the month the first of their GPs completed a module (0), from 6 \
                 months before to 6 after. This describes what happened; it cannot show that the modules caused a \
                 change, because prescribing changes for many reasons. A month's mean from fewer than 3 practices is \
                 not shown (*).",
            )}
        </p>
        <ReportTableView
            table=ReportTable::Trend
            caption="Prescribing by months from the first completion"
            report
            query
        />
    }
}

/// A count as a bar's length, `None` when it is suppressed.
fn shown(count: Shown) -> Option<f64> {
    match count {
        Shown::Count(n) => Some(n as f64),
        Shown::Suppressed => None,
    }
}

/// The region and date filters, a plain GET form.
#[component]
fn Filters(view: ReportView, error: Option<AppError>) -> impl IntoView {
    let chosen = view.region.map(|r| r.to_string()).unwrap_or_else(|| "all".into());
    let mut options: Vec<(String, String)> = Vec::new();
    if view.all_regions {
        options.push(("all".into(), "All regions".into()));
    }
    options.extend(view.regions.iter().map(|(id, name)| (id.to_string(), name.clone())));
    view! {
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <ErrorSummary error=error.clone() />
                <h1>"Reports"</h1>
                <p>
                    "Counts from 1 to 7 are shown as *, other counts are rounded to the nearest 5, a few more are hidden (*) \
                     where they would let a hidden count be worked out, and rates and means from fewer than 8 learners \
                     are not shown (*), so that no GP or small practice can be identified."
                </p>
                <form method="get" action="/reports" novalidate>
                    <div class="nhsuk-form-group">
                        <label class="nhsuk-label" for="region">
                            "Region"
                        </label>
                        <select class="nhsuk-select" id="region" name="region">
                            {options
                                .into_iter()
                                .map(|(value, text)| {
                                    let selected = value == chosen;
                                    view! {
                                        <option value=value selected=selected>
                                            {text}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    {view
                        .report
                        .by_months
                        .then(|| {
                            view! {
                                <div class="nhsuk-inset-text">
                                    <span class="nhsuk-u-visually-hidden">"Information: "</span>
                                    <p>
                                        "These figures are added up month by month: dates count whole calendar months \
                                         (the month of the first day to the month of the last), and a learner is \
                                         counted once in each month they started or finished a module. A region's \
                                         report without dates counts each learner once over all time."
                                    </p>
                                </div>
                            }
                        })}
                    <TextField
                        name="from"
                        label="From"
                        hint="The first day, like 2026-09-01 (its whole month counts). Leave empty for the beginning."
                        width="nhsuk-input--width-10"
                        value=value_or(&error, "from", &view.from)
                        error=message(&error, "from")
                    />
                    <TextField
                        name="to"
                        label="To"
                        hint="The last day, like 2026-11-30 (its whole month counts). Leave empty for today."
                        width="nhsuk-input--width-10"
                        value=value_or(&error, "to", &view.to)
                        error=message(&error, "to")
                    />
                    <MeasureSelect
                        chosen=view.measure.clone()
                        hint="Flags high prescribers. OpenPrescribing's 2026 review found ADQs per item (how many days' \
                        treatment each prescription holds) much less influenced by a practice's patients than the \
                        per-1,000 measures."
                        error=message(&error, "measure")
                    />
                    <button class="nhsuk-button nhsuk-button--secondary" type="submit">
                        "Show"
                    </button>
                </form>
            </div>
        </div>
    }
}

/// One of the report's tables with its CSV download.
#[component]
fn ReportTableView(
    table: ReportTable,
    caption: &'static str,
    report: Report,
    query: String,
) -> impl IntoView {
    let (headings, rows) = table.cells(&report);
    let download = format!("/reports/{}.csv?{query}", table.code());
    let body = if rows.is_empty() {
        view! { <p>"Nothing in this period."</p> }.into_any()
    } else {
        let headers = headings.iter().enumerate().map(|(i, h)| (*h, i > 0)).collect();
        let rows = rows
            .into_iter()
            .map(|cells| {
                let mut cells = cells.into_iter();
                let first = cells.next().unwrap_or_default();
                view! {
                    <tr class="nhsuk-table__row">
                        <th scope="row" class="nhsuk-table__header">
                            {first}
                        </th>
                        {cells
                            .map(|c| {
                                view! { <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{c}</td> }
                            })
                            .collect_view()}
                    </tr>
                }
            })
            .collect_view();
        // A table wider than the page scrolls; keyboard users reach it with Tab and scroll with the arrows.
        view! {
            <div class="casebook-wide-table" tabindex="0" role="region" aria-label=caption>
                <Table caption headers>
                    {rows}
                </Table>
            </div>
        }
        .into_any()
    };
    view! {
        {body}
        <p>
            <a href=download download=format!("casebook-{}.csv", table.code())>
                {format!("Download {} (CSV)", caption.to_lowercase())}
            </a>
        </p>
    }
}
