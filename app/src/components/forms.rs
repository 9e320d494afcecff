//! Form controls in NHS.UK design-system markup, with the error summary and error message patterns.
//! They are rendered on the server and post plain HTML forms, so they work without JavaScript.

use leptos::prelude::*;

use crate::error::AppError;

/// A `(value, label)` choice in a select, radios or checkboxes.
pub type Choice = (String, String);

/// The "There is a problem" box at the top of a form: every field error links to its field; any
/// other error (too many attempts, not allowed) is stated as it is.
#[component]
pub fn ErrorSummary(error: Option<AppError>) -> impl IntoView {
    error.map(|error| {
        let items = match &error {
            AppError::Invalid { errors, .. } => errors
                .iter()
                .map(|e| {
                    let href = format!("#{}", e.field);
                    view! {
                        <li>
                            <a href=href>{e.message.clone()}</a>
                        </li>
                    }
                    .into_any()
                })
                .collect::<Vec<_>>(),
            other => vec![view! { <li>{other.to_string()}</li> }.into_any()],
        };
        view! {
            <div class="nhsuk-error-summary" tabindex="-1">
                <div role="alert">
                    <h2 class="nhsuk-error-summary__heading">"There is a problem"</h2>
                    <div class="nhsuk-error-summary__body">
                        <ul class="nhsuk-list nhsuk-error-summary__list">{items}</ul>
                    </div>
                </div>
            </div>
        }
    })
}

/// The message shown above a field in error, with the hidden "Error:" prefix for screen readers.
#[component]
pub fn ErrorMessage(id: String, message: String) -> impl IntoView {
    view! {
        <span class="nhsuk-error-message" id=id>
            <span class="nhsuk-u-visually-hidden">"Error: "</span>
            {message}
        </span>
    }
}

/// The ids a field is described by (its hint and error message), for `aria-describedby`.
fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let parts: Vec<String> = [hint.then(|| format!("{id}-hint")), error.then(|| format!("{id}-error"))]
        .into_iter()
        .flatten()
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

pub fn group_class(error: bool) -> &'static str {
    if error { "nhsuk-form-group nhsuk-form-group--error" } else { "nhsuk-form-group" }
}

/// A labelled text input (also email, password, search and number-like text).
#[component]
pub fn TextField(
    /// The submitted name, which is also the id unless `id` is given.
    #[prop(into)]
    name: String,
    label: &'static str,
    #[prop(optional)] id: Option<String>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional, into)] value: String,
    #[prop(optional_no_strip)] error: Option<String>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// A design-system width class, such as `nhsuk-input--width-10`.
    #[prop(optional)]
    width: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| name.clone());
    let has_error = error.is_some();
    let class = ["nhsuk-input", if has_error { "nhsuk-input--error" } else { "" }, width.unwrap_or("")]
        .into_iter()
        .filter(|c| !c.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let spellcheck = matches!(input_type, "email" | "password").then_some("false");
    view! {
        <div class=group_class(has_error)>
            <label class="nhsuk-label" for=id.clone()>
                {label}
            </label>
            {hint
                .map(|hint| {
                    view! {
                        <div class="nhsuk-hint" id=format!("{id}-hint")>
                            {hint}
                        </div>
                    }
                })}
            {error.map(|message| view! { <ErrorMessage id=format!("{id}-error") message /> })}
            <input
                class=class
                id=id.clone()
                name=name
                type=input_type
                value=(!value.is_empty()).then_some(value)
                autocomplete=autocomplete
                spellcheck=spellcheck
                inputmode=inputmode
                aria-describedby=described_by(&id, hint.is_some(), has_error)
            />
        </div>
    }
}

/// A labelled file upload, named and identified `file`.
#[component]
pub fn FileField(
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    /// The file types the browser offers, such as `.csv,text/csv`.
    accept: &'static str,
    #[prop(optional_no_strip)] error: Option<String>,
) -> impl IntoView {
    let has_error = error.is_some();
    view! {
        <div class=group_class(has_error)>
            <label class="nhsuk-label nhsuk-label--s" for="file">
                {label}
            </label>
            {hint
                .map(|hint| {
                    view! {
                        <div class="nhsuk-hint" id="file-hint">
                            {hint}
                        </div>
                    }
                })}
            {error.map(|message| view! { <ErrorMessage id="file-error".to_owned() message /> })}
            <input
                class="nhsuk-file-upload"
                id="file"
                name="file"
                type="file"
                accept=accept
                aria-describedby=described_by("file", hint.is_some(), has_error)
            />
        </div>
    }
}

/// A labelled text area, for Markdown and other text written over several lines.
#[component]
pub fn TextArea(
    /// The submitted name, which is also the id.
    #[prop(into)]
    name: String,
    #[prop(into)] label: String,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional, into)] value: String,
    #[prop(optional_no_strip)] error: Option<String>,
    #[prop(default = 5)] rows: u32,
) -> impl IntoView {
    let has_error = error.is_some();
    let class = if has_error { "nhsuk-textarea nhsuk-textarea--error" } else { "nhsuk-textarea" };
    view! {
        <div class=group_class(has_error)>
            <label class="nhsuk-label" for=name.clone()>
                {label}
            </label>
            {hint
                .map(|hint| {
                    view! {
                        <div class="nhsuk-hint" id=format!("{name}-hint")>
                            {hint}
                        </div>
                    }
                })}
            {error.map(|message| view! { <ErrorMessage id=format!("{name}-error") message /> })}
            <textarea
                class=class
                id=name.clone()
                aria-describedby=described_by(&name, hint.is_some(), has_error)
                name=name
                rows=rows
            >
                {value}
            </textarea>
        </div>
    }
}

/// A labelled drop-down list.
#[component]
pub fn SelectField(
    name: &'static str,
    label: &'static str,
    #[prop(optional)] id: Option<String>,
    #[prop(optional)] hint: Option<&'static str>,
    /// Shown first with an empty value, so nothing is chosen by default.
    #[prop(optional)]
    placeholder: Option<&'static str>,
    choices: Vec<Choice>,
    #[prop(optional, into)] selected: String,
    #[prop(optional_no_strip)] error: Option<String>,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| name.to_owned());
    let has_error = error.is_some();
    let class = if has_error { "nhsuk-select nhsuk-select--error" } else { "nhsuk-select" };
    let options = choices
        .into_iter()
        .map(|(value, text)| {
            let is_selected = value == selected;
            view! {
                <option value=value selected=is_selected>
                    {text}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class=group_class(has_error)>
            <label class="nhsuk-label" for=id.clone()>
                {label}
            </label>
            {hint
                .map(|hint| {
                    view! {
                        <div class="nhsuk-hint" id=format!("{id}-hint")>
                            {hint}
                        </div>
                    }
                })}
            {error.map(|message| view! { <ErrorMessage id=format!("{id}-error") message /> })}
            <select
                class=class
                id=id.clone()
                name=name
                aria-describedby=described_by(&id, hint.is_some(), has_error)
            >
                {placeholder.map(|text| view! { <option value="">{text}</option> })}
                {options}
            </select>
        </div>
    }
}

/// A group of radio buttons (one choice) or checkboxes (any number), in a fieldset with a legend.
#[component]
pub fn ChoiceField(
    #[prop(into)] name: String,
    #[prop(into)] legend: String,
    /// The legend's size in the design system's scale: s, m or l.
    #[prop(default = "s")]
    legend_size: &'static str,
    choices: Vec<Choice>,
    /// The values chosen now.
    #[prop(optional)]
    chosen: Vec<String>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional_no_strip)] error: Option<String>,
    /// Checkboxes instead of radios.
    #[prop(optional)]
    multiple: bool,
    #[prop(optional)] inline: bool,
    /// The name the controls submit under, when it is not `name` (such as `modules[]`, which the
    /// server reads as a list of every box ticked).
    #[prop(optional, into)]
    submitted_as: Option<String>,
) -> impl IntoView {
    let kind = if multiple { "checkboxes" } else { "radios" };
    let submitted_as = submitted_as.unwrap_or_else(|| name.clone());
    let has_error = error.is_some();
    let items = choices
        .into_iter()
        .enumerate()
        .map(|(index, (value, text))| {
            // The first control takes the field's own id, so the error summary can link to it.
            let id = if index == 0 { name.clone() } else { format!("{name}-{}", index + 1) };
            let checked = chosen.contains(&value);
            view! {
                <div class=format!("nhsuk-{kind}__item")>
                    <input
                        class=format!("nhsuk-{kind}__input")
                        id=id.clone()
                        name=submitted_as.clone()
                        type=if multiple { "checkbox" } else { "radio" }
                        value=value
                        checked=checked
                    />
                    <label class=format!("nhsuk-label nhsuk-{kind}__label") for=id>
                        {text}
                    </label>
                </div>
            }
        })
        .collect_view();
    let list_class =
        if inline { format!("nhsuk-{kind} nhsuk-{kind}--inline") } else { format!("nhsuk-{kind}") };
    view! {
        <div class=group_class(has_error)>
            <fieldset class="nhsuk-fieldset" aria-describedby=described_by(&name, hint.is_some(), has_error)>
                <legend class=format!(
                    "nhsuk-fieldset__legend nhsuk-fieldset__legend--{legend_size}",
                )>{legend}</legend>
                {hint
                    .map(|hint| {
                        view! {
                            <div class="nhsuk-hint" id=format!("{name}-hint")>
                                {hint}
                            </div>
                        }
                    })}
                {error.map(|message| view! { <ErrorMessage id=format!("{name}-error") message /> })}
                <div class=list_class>{items}</div>
            </fieldset>
        </div>
    }
}

/// The button that submits a form.
#[component]
pub fn SubmitButton(text: &'static str, #[prop(optional)] secondary: bool) -> impl IntoView {
    let class = if secondary { "nhsuk-button nhsuk-button--secondary" } else { "nhsuk-button" };
    view! {
        <button class=class type="submit">
            {text}
        </button>
    }
}

/// The message for `field` in an error, if any.
pub fn message(error: &Option<AppError>, field: &str) -> Option<String> {
    error.as_ref().and_then(|e| e.message_for(field)).map(str::to_owned)
}

/// The value to show again in `field`: what was submitted (after an error) or else `current`.
pub fn value_or(error: &Option<AppError>, field: &str, current: &str) -> String {
    error.as_ref().and_then(|e| e.value_for(field)).unwrap_or(current).to_owned()
}

#[cfg(test)]
mod tests {
    use super::described_by;

    #[test]
    fn fields_are_described_by_their_hint_and_error() {
        assert_eq!(described_by("email", true, true).as_deref(), Some("email-hint email-error"));
        assert_eq!(described_by("email", false, true).as_deref(), Some("email-error"));
        assert_eq!(described_by("email", false, false), None);
    }
}

/// One checkbox per role, each its own field (`learner=on`, `trainer=on`, ...), so an unticked box
/// is simply absent from the submission.
#[component]
pub fn RoleCheckboxes(
    legend: &'static str,
    /// Role codes ticked now.
    chosen: Vec<String>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional_no_strip)] error: Option<String>,
) -> impl IntoView {
    use crate::domain::role::Role;
    let boxes = Role::ALL
        .iter()
        .map(|role| {
            let code = role.code();
            let checked = chosen.iter().any(|c| c == code);
            view! {
                <div class="nhsuk-checkboxes__item">
                    <input
                        class="nhsuk-checkboxes__input"
                        id=code
                        name=code
                        type="checkbox"
                        value="on"
                        checked=checked
                    />
                    <label class="nhsuk-label nhsuk-checkboxes__label" for=code>
                        {role.label()}
                    </label>
                </div>
            }
        })
        .collect_view();
    let has_error = error.is_some();
    view! {
        <div class=group_class(has_error)>
            <fieldset
                class="nhsuk-fieldset"
                aria-describedby=described_by("learner", hint.is_some(), has_error)
            >
                <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
                {hint
                    .map(|hint| {
                        view! {
                            <div class="nhsuk-hint" id="learner-hint">
                                {hint}
                            </div>
                        }
                    })}
                {error.map(|message| view! { <ErrorMessage id="learner-error".to_owned() message /> })}
                <div class="nhsuk-checkboxes">{boxes}</div>
            </fieldset>
        </div>
    }
}
