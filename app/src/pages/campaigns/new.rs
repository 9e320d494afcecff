//! `/campaigns/new`: the form that creates a draft campaign. Its practices are by default the
//! region's high prescribers by the chosen measure and months; the lead may instead pick them by
//! hand on the campaign's page.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::campaigns::create_campaign::CreateCampaign;
use crate::api::campaigns::view_campaign_form::view_campaign_form;
use crate::components::form_page::FormPage;
use crate::components::forms::{
    ChoiceField, SelectField, SubmitButton, TextArea, TextField, message, value_or,
};
use crate::components::measure_select::MeasureSelect;
use crate::domain::reports::prescribing::measures::Measure;
use crate::error::AppError;
use crate::pages::loaded::loaded_with_messages;
use crate::wire::campaign_view::CampaignFormView;

#[component]
pub fn NewCampaignPage() -> impl IntoView {
    let form = Resource::new(|| (), |_| view_campaign_form());
    loaded_with_messages(form, move |form, messages| {
        let error = messages.error_for::<CreateCampaign>();
        view! {
            <FormPage title="Create a campaign".into() error=error.clone()>
                <a class="nhsuk-back-link" href="/campaigns">
                    "Back to campaigns"
                </a>
                <h1>"Create a campaign"</h1>
                <p>"The campaign starts as a draft: nothing is sent until you start it from its page."</p>
                <CampaignForm form error />
            </FormPage>
        }
        .into_any()
    })
}

#[component]
fn CampaignForm(form: CampaignFormView, error: Option<AppError>) -> impl IntoView {
    let chosen_modules: Vec<String> =
        value_or(&error, "modules", "").split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect();
    let selected_region = value_or(&error, "region", form.regions.first().map_or("", |r| r.0.as_str()));
    let targets = value_or(&error, "targets", "flagged");
    view! {
        <form method="post" action=CreateCampaign::PATH novalidate>
            <SelectField
                name="region"
                label="Region"
                choices=form.regions.clone()
                selected=selected_region
                error=message(&error, "region")
            />
            <TextField
                name="name"
                label="Campaign name"
                hint="GPs see it in the subject of their invitation, such as \"Hypnotics review, winter 2026\""
                value=value_or(&error, "name", "")
                error=message(&error, "name")
            />
            <ChoiceField
                name="modules"
                submitted_as="modules[]"
                legend="Modules"
                legend_size="m"
                choices=form.modules.clone()
                chosen=chosen_modules
                error=message(&error, "modules")
                multiple=true
            />
            <TextArea
                name="message"
                label="Your message to the GPs"
                hint="It opens every invitation, before the links to the modules."
                value=value_or(&error, "message", "")
                error=message(&error, "message")
                rows=6
            />
            <TextField
                name="closes_on"
                label="Closing date"
                hint="The last day, like 2027-03-31. Nothing is sent after it; a year at most."
                width="nhsuk-input--width-10"
                value=value_or(&error, "closes_on", "")
                error=message(&error, "closes_on")
            />
            <TextField
                name="reminder_days"
                label="Remind those who have not started after this many days"
                hint="From 1 to 60. Each person is reminded once."
                width="nhsuk-input--width-4"
                inputmode="numeric"
                value=value_or(&error, "reminder_days", "14")
                error=message(&error, "reminder_days")
            />
            <ChoiceField
                name="targets"
                legend="Which practices"
                legend_size="m"
                choices=vec![
                    (
                        "flagged".into(),
                        "The region's high prescribers (the top fifth) by the measure and months below".into(),
                    ),
                    ("chosen".into(), "I will choose practices on the campaign's page".into()),
                ]
                chosen=vec![targets]
                error=message(&error, "targets")
            />
            <MeasureSelect
                chosen=value_or(&error, "measure", Measure::AdqPerItem.code())
                error=message(&error, "measure")
            />
            <TextField
                name="from"
                label="From month"
                hint="Like 2026-01"
                width="nhsuk-input--width-10"
                value=value_or(&error, "from", &form.from)
                error=message(&error, "from")
            />
            <TextField
                name="to"
                label="To month"
                hint="Like 2026-12"
                width="nhsuk-input--width-10"
                value=value_or(&error, "to", &form.to)
                error=message(&error, "to")
            />
            <SubmitButton text="Create the campaign" />
        </form>
    }
}
