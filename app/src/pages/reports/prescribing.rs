//! `/reports/prescribing`: deanery leads (and admins) import their practices' prescribing of
//! benzodiazepines and Z-drugs and their list sizes, which the reports use to flag high
//! prescribers. The page describes the files it accepts and lists what has been imported.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::reports::import_prescribing::ImportPrescribing;
use crate::api::reports::prescribing_imports::{PracticeImports, prescribing_imports};
use crate::components::form_page::FormPage;
use crate::components::forms::{FileField, SubmitButton, message};
use crate::components::table::Table;
use crate::error::AppError;
use crate::pages::loaded::loaded_with_messages;

#[component]
pub fn PrescribingPage() -> impl IntoView {
    let imports = Resource::new(|| (), |_| prescribing_imports());
    loaded_with_messages(imports, move |imports, messages| {
        let error = messages.error_for::<ImportPrescribing>();
        view! {
            <FormPage
                title="Practices' prescribing".into()
                error=error.clone()
                notice=messages.notice.clone()
            >
                <a class="nhsuk-back-link" href="/reports">
                    "Back to reports"
                </a>
                <h1>"Practices' prescribing"</h1>
                <p>
                    "Import your practices' monthly prescribing of benzodiazepines and Z-drugs, and their list \
                     sizes. The reports then flag the high prescribers (the top fifth of practices by the measure \
                     you choose: items or average daily quantities per 1,000 patients, or average daily \
                     quantities per item), compare their GPs' take-up of the modules with the other practices', \
                     and show how prescribing changed around the first completion at each practice."
                </p>
                <UploadForm error />
                <Formats />
                <h2>"Imported so far"</h2>
                <ImportedTable imports />
            </FormPage>
        }
        .into_any()
    })
}

#[component]
fn UploadForm(error: Option<AppError>) -> impl IntoView {
    view! {
        <form method="post" action=ImportPrescribing::PATH enctype="multipart/form-data">
            <FileField
                label="Prescribing or list-size file (CSV)"
                hint="A month already imported for a practice is replaced. If any line has a problem, nothing is \
                imported and every problem is listed with its line."
                accept=".csv,text/csv"
                error=message(&error, "file")
            />
            <SubmitButton text="Import" />
        </form>
    }
}

/// The two file formats, as the reader in `ssr::prescribing::read` accepts them.
#[component]
fn Formats() -> impl IntoView {
    view! {
        <h2>"The file"</h2>
        <p>
            "A CSV file in UTF-8, with the column names on its first line (in any order and either case), in one of \
             three shapes, told apart by their columns."
        </p>
        <h3>"Casebook's format: one row per practice and month"</h3>
        <ul>
            <li>
                <code>"practice_code"</code>
                ": the practice's ODS code, like A81001"
            </li>
            <li>
                <code>"month"</code>
                ": like 2026-03"
            </li>
            <li>
                <code>"benzodiazepine_items"</code>
                " and "
                <code>"z_drug_items"</code>
                ": items prescribed that month"
            </li>
            <li>
                <code>"list_size"</code>
                ": patients registered that month, or "
                <code>"items_per_1000_patients"</code>
                " when you have a rate instead"
            </li>
        </ul>
        <pre class="casebook-code" tabindex="0" role="region" aria-label="An example in Casebook's format">
            "practice_code,month,benzodiazepine_items,z_drug_items,list_size\nA81001,2026-03,120,85,10400\n"
        </pre>
        <h3>"An NHS practice-level prescribing extract"</h3>
        <p>
            "The shape of the NHS Business Services Authority's practice-level data, such as the English Prescribing \
             Dataset: one row per practice, month and BNF presentation, with the columns "
            <code>"PRACTICE_CODE"</code>", " <code>"YEAR_MONTH"</code>" (like 202603), "<code>"ITEMS"</code>
            ", and "<code>"CHEMICAL_SUBSTANCE_BNF_DESCR"</code> " or "<code>"BNF_DESCRIPTION"</code>" (with "
            <code>"BNF_CODE"</code>
            " where present). The English Prescribing Dataset is read as published now \
            (27 columns, with "<code>"BNF_PRESENTATION_CODE"</code>", "<code>"ADQ_USAGE"</code>" and "
            <code>"SNOMED_CODE"</code>") and in its older shape ("<code>"BNF_CODE"</code>", "
            <code>"ADQUSAGE"</code>
            "). Other columns are ignored. Items and average daily quantities (ADQs) are \
            added up per practice and month for the oral benzodiazepines and Z-drugs of BNF sections 4.1.1 and \
            4.1.2 (codes beginning 0401): alprazolam, chlordiazepoxide, diazepam, flurazepam, loprazolam, \
            lorazepam, lormetazepam, nitrazepam, oxazepam and temazepam; zaleplon, zolpidem and zopiclone. As in \
            OpenPrescribing's measures, rectal, injected and suppository forms are not counted, nor the same \
            medicines in other sections (such as diazepam for seizures)."
        </p>
        <p>
            "Rows for practices that are not yours are passed over, so a national extract can be imported as it is \
             (keep it under 20 MB by taking BNF section 4.1 only). These extracts carry no list sizes: add a "
            <code>"NUMBER_OF_PATIENTS"</code>
            " column, or import the list-size file below, and each month uses the latest list size known."
        </p>
        <h3>"NHS Digital's list sizes"</h3>
        <p>
            "The \"Patients registered at a GP practice\" file as NHS Digital publishes it each month (the one for \
             all practices, with the columns "<code>"EXTRACT_DATE"</code>", "<code>"CODE"</code>" and "
            <code>"NUMBER_OF_PATIENTS"</code>
            "; the rows for all ages and both sexes are used). Each prescribing \
            month takes the latest extract at or before it."
        </p>
    }
}

#[component]
fn ImportedTable(imports: Vec<PracticeImports>) -> impl IntoView {
    if imports.is_empty() {
        return view! { <p>"Nothing imported yet."</p> }.into_any();
    }
    let headers = vec![
        ("Practice", false),
        ("Months", true),
        ("From", false),
        ("To", false),
        ("Latest list size", true),
    ];
    let rows = imports
        .into_iter()
        .map(|i| {
            view! {
                <tr class="nhsuk-table__row">
                    <th scope="row" class="nhsuk-table__header">
                        {format!("{} ({})", i.practice, i.ods_code)}
                    </th>
                    <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{i.months}</td>
                    <td class="nhsuk-table__cell">{i.first_month}</td>
                    <td class="nhsuk-table__cell">{i.last_month}</td>
                    <td class="nhsuk-table__cell nhsuk-table__cell--numeric">
                        {i.list_size.map_or_else(|| "Not known".to_owned(), |s| s.to_string())}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Table caption="Prescribing imported, by practice" headers>
            {rows}
        </Table>
    }
    .into_any()
}
