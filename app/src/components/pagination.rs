//! Previous and next links for a long list, keeping the list's filters in the address.

use leptos::prelude::*;

use crate::domain::navigation::encode_query_value;

/// The total number of pages for `total` items, `per_page` at a time (at least one).
pub fn page_count(total: i64, per_page: i64) -> i64 {
    ((total + per_page - 1) / per_page.max(1)).max(1)
}

/// A link to another page of the list at `path`, with the same `filters`.
fn page_link(path: &str, filters: &[(String, String)], page: i64) -> String {
    let query: Vec<String> = filters
        .iter()
        .filter(|(key, value)| key != "page" && !value.is_empty())
        .map(|(key, value)| format!("{key}={}", encode_query_value(value)))
        .chain(std::iter::once(format!("page={page}")))
        .collect();
    format!("{path}?{}", query.join("&"))
}

#[component]
pub fn Pagination(
    path: &'static str,
    filters: Vec<(String, String)>,
    page: i64,
    total: i64,
    per_page: i64,
) -> impl IntoView {
    let pages = page_count(total, per_page);
    let previous = (page > 1).then(|| {
        let href = page_link(path, &filters, page - 1);
        view! {
            <li class="nhsuk-pagination-item--previous">
                <a class="nhsuk-pagination__link nhsuk-pagination__link--prev" href=href rel="prev">
                    <span class="nhsuk-pagination__title">
                        "Previous"<span class="nhsuk-u-visually-hidden">" page"</span>
                    </span>
                    <span class="nhsuk-u-visually-hidden">":"</span>
                    <span class="nhsuk-pagination__page">{format!("Page {} of {pages}", page - 1)}</span>
                </a>
            </li>
        }
    });
    let next = (page < pages).then(|| {
        let href = page_link(path, &filters, page + 1);
        view! {
            <li class="nhsuk-pagination-item--next">
                <a class="nhsuk-pagination__link nhsuk-pagination__link--next" href=href rel="next">
                    <span class="nhsuk-pagination__title">
                        "Next"<span class="nhsuk-u-visually-hidden">" page"</span>
                    </span>
                    <span class="nhsuk-u-visually-hidden">":"</span>
                    <span class="nhsuk-pagination__page">{format!("Page {} of {pages}", page + 1)}</span>
                </a>
            </li>
        }
    });
    (pages > 1).then(|| {
        view! {
            <nav class="nhsuk-pagination" role="navigation" aria-label="Pagination">
                <ul class="nhsuk-list nhsuk-pagination__list">{previous}{next}</ul>
            </nav>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_counted_and_linked_with_their_filters() {
        assert_eq!(page_count(0, 25), 1);
        assert_eq!(page_count(25, 25), 1);
        assert_eq!(page_count(26, 25), 2);
        let filters = vec![
            ("text".to_owned(), "a b".to_owned()),
            ("role".to_owned(), String::new()),
            ("page".to_owned(), "1".to_owned()),
        ];
        assert_eq!(page_link("/admin/people", &filters, 2), "/admin/people?text=a%20b&page=2");
    }
}
