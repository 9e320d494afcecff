//! Finding a practice among thousands. Without JavaScript it is a GET search on the page's own
//! address (the page's other query values kept): each match is a link that chooses it, and the
//! chosen practice then rides in the page's form as a hidden field, with a link to choose another.
//! `practices.js`, beside this file, shows the matches as the person types.

use leptos::prelude::*;

use crate::components::client_assets::{Enhancement, EnhancementScript};
use crate::components::forms::{ErrorMessage, TextField, group_class};
use crate::domain::navigation::encode_query_value;
use crate::domain::organisation::{PracticeChoice, PracticeMatch};

/// `path?keep…&extra`, every value percent-encoded.
fn address(path: &str, keep: &[(String, String)], extra: Option<(&str, &str)>) -> String {
    let pairs: Vec<String> = keep
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .chain(extra)
        .map(|(k, v)| format!("{k}={}", encode_query_value(v)))
        .collect();
    if pairs.is_empty() { path.to_owned() } else { format!("{path}?{}", pairs.join("&")) }
}

/// The search step: a GET form on `path` (keeping `keep`), then the matches, each a link that
/// chooses it. `heading` names the step.
#[component]
pub fn PracticeSearch(
    choice: PracticeChoice,
    #[prop(into)] path: String,
    keep: Vec<(String, String)>,
    #[prop(into)] heading: String,
) -> impl IntoView {
    let search = choice.search.clone().unwrap_or_default();
    let hidden = keep
        .iter()
        .map(|(name, value)| view! { <input type="hidden" name=name.clone() value=value.clone() /> })
        .collect_view();
    let error = choice.search_error.clone();
    let cancel = choice.chosen.as_ref().map(|chosen| {
        let back = address(&path, &keep, Some(("practice", &chosen.id.0.to_string())));
        view! {
            <p>
                <a href=back>{format!("Keep {}", chosen.label())}</a>
            </p>
        }
    });
    let results = (!search.trim().is_empty() && error.is_none())
        .then(|| view! { <Matches matches=choice.matches.clone() path=path.clone() keep=keep.clone() /> });
    view! {
        <h2>{heading}</h2>
        <form method="get" action=path.clone() role="search" data-practice-search=path.clone()>
            {hidden}
            <TextField
                name="practice_search"
                label="Find the practice"
                hint="Type part of its name, its ODS code (like A81001) or its postcode"
                input_type="search"
                autocomplete="off"
                value=search.clone()
                error=error.clone()
            />
            <button class="nhsuk-button nhsuk-button--secondary" type="submit">
                "Search"
            </button>
        </form>
        <div data-practice-matches aria-live="polite">
            {results}
        </div>
        {cancel}
        <EnhancementScript which=Enhancement::PracticeSearch />
    }
}

/// The matches of a search, each a link that chooses it.
#[component]
fn Matches(matches: Vec<PracticeMatch>, path: String, keep: Vec<(String, String)>) -> impl IntoView {
    if matches.is_empty() {
        return view! { <p role="status">"No open practice matches. Try fewer letters, the ODS code or the postcode."</p> }
        .into_any();
    }
    let count = matches.len();
    let items = matches
        .into_iter()
        .map(|m| {
            let href = address(&path, &keep, Some(("practice", &m.id.0.to_string())));
            view! {
                <li>
                    <a href=href>{m.label()}</a>
                </li>
            }
        })
        .collect_view();
    let found = match count {
        1 => "1 practice found: choose it".to_owned(),
        n if n >= 20 => {
            "The first 20 practices found: choose yours, or type more to narrow the search".to_owned()
        }
        n => format!("{n} practices found: choose yours"),
    };
    view! {
        <p role="status">{found}</p>
        <ul class="nhsuk-list nhsuk-list--border">{items}</ul>
    }
    .into_any()
}

/// The chosen practice inside the page's form (as the hidden field `practice`), with a link that
/// goes back to the search step.
#[component]
pub fn ChosenPractice(
    practice: PracticeMatch,
    #[prop(into)] path: String,
    keep: Vec<(String, String)>,
    #[prop(into)] label: String,
    #[prop(optional_no_strip)] error: Option<String>,
) -> impl IntoView {
    let mut keep = keep;
    keep.push(("practice".to_owned(), practice.id.0.to_string()));
    let change = address(&path, &keep, Some(("practice_search", "")));
    let has_error = error.is_some();
    view! {
        <div class=group_class(has_error) id="practice">
            <p class="nhsuk-label nhsuk-u-font-weight-bold">{label}</p>
            {error.map(|message| view! { <ErrorMessage id="practice-error".to_owned() message /> })}
            <p>{practice.label()} " " <a href=change>"Choose a different practice"</a></p>
            <input type="hidden" name="practice" value=practice.id.0.to_string() />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_keep_the_pages_values_encoded() {
        let keep = vec![("next".to_owned(), "/modules/a b".to_owned())];
        assert_eq!(
            address("/register", &keep, Some(("practice", "7"))),
            "/register?next=%2Fmodules%2Fa%20b&practice=7"
        );
        assert_eq!(address("/register", &[], None), "/register");
    }
}
