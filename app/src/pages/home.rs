//! The front page: what Casebook is, and what it offers each kind of user.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::tabs::{TabLabel, TabPanel, Tabs};

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <Title text="Case-based learning for general practice" />
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <h1>"Casebook"</h1>
                <p class="nhsuk-lede-text">
                    "Case-based continuing professional development for GPs: work through realistic patient \
                     cases, make the decisions you make in surgery, and see what the evidence says about each one."
                </p>
                <p>
                    "The first curriculum covers benzodiazepine and Z-drug prescribing. It is built on a \
                     systematic review of GPs' experiences (Sirdifield and colleagues, BMC Family Practice 2013), \
                     which found that prescribing varies with seven themes, from who seems a 'deserving' patient \
                     to what we assume patients expect, and recommended education to close knowledge gaps."
                </p>
            </div>
        </div>
        <h2>"What Casebook offers you"</h2>
        <Tabs title="Contents".to_owned() tabs=role_labels()>
            <TabPanel id="learners">
                <h3>"For GPs and GP trainees"</h3>
                <ul>
                    <li>
                        "Branching patient cases with a decision at each step and feedback on every choice, with references."
                    </li>
                    <li>
                        "A knowledge check before and after each case, where you also say how sure you are."
                    </li>
                    <li>"Your knowledge gaps shown by theme, so you know what to read next."</li>
                    <li>"Stop between patients and resume exactly where you left off, on any device."</li>
                    <li>"Certificates and a CPD log with your reflections, ready for appraisal."</li>
                </ul>
            </TabPanel>
            <TabPanel id="trainers">
                <h3>"For trainers"</h3>
                <ul>
                    <li>"Write and version modules and cases in plain forms, and see each case as a map."</li>
                    <li>"Preview a case exactly as a learner sees it, and have a colleague sign it off."</li>
                    <li>"See how each question and decision performs once learners have used it."</li>
                </ul>
            </TabPanel>
            <TabPanel id="leads">
                <h3>"For deanery leads"</h3>
                <ul>
                    <li>"Uptake and completion across your region, by month, module and practice."</li>
                    <li>"Knowledge gain and confidence by theme, before and after each module."</li>
                    <li>"Small numbers suppressed so that no GP or small practice can be identified."</li>
                    <li>"Every table available as a spreadsheet export."</li>
                </ul>
            </TabPanel>
            <TabPanel id="admins">
                <h3>"For administrators"</h3>
                <ul>
                    <li>"Set up regions and the practices in them."</li>
                    <li>"Invite people and give them the roles they need."</li>
                    <li>"Review an audit log of sign-ins, role changes and exports."</li>
                </ul>
            </TabPanel>
        </Tabs>
    }
}

fn role_labels() -> Vec<TabLabel> {
    [
        ("learners", "GPs and GP trainees"),
        ("trainers", "Trainers"),
        ("leads", "Deanery leads"),
        ("admins", "Administrators"),
    ]
    .map(|(panel_id, label)| TabLabel { panel_id: panel_id.to_owned(), label: label.to_owned() })
    .to_vec()
}
