//! The page frame every route shares: skip link, header, main content area and footer, following the
//! NHS.UK design system without the NHS logo (Casebook is not an NHS service).

use leptos::prelude::*;

/// The part of `<head>` every document shares, the error pages included.
#[component]
pub fn StaticHead() -> impl IntoView {
    view! {
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <link rel="stylesheet" href="/pkg/casebook.css" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
    }
}

/// Wraps a page's content in the service's header and footer. Links are plain anchors (the router
/// still handles them client-side) so the frame also renders outside the router, on error pages.
#[component]
pub fn Page(children: Children) -> impl IntoView {
    view! {
        <a class="nhsuk-skip-link" href="#maincontent">
            "Skip to main content"
        </a>
        <Header />
        <div class="nhsuk-width-container">
            <main class="nhsuk-main-wrapper" id="maincontent">
                {children()}
            </main>
        </div>
        <Footer />
    }
}

#[component]
fn Header() -> impl IntoView {
    view! {
        <header class="nhsuk-header" role="banner">
            <div class="nhsuk-header__container nhsuk-width-container">
                <div class="nhsuk-header__service">
                    <a href="/" class="nhsuk-header__service-name">
                        "Casebook"
                    </a>
                </div>
            </div>
        </header>
    }
}

#[component]
fn Footer() -> impl IntoView {
    view! {
        <footer class="nhsuk-footer" role="contentinfo">
            <div class="nhsuk-width-container">
                <div class="nhsuk-footer__meta">
                    <h2 class="nhsuk-u-visually-hidden">"Support links"</h2>
                    <ul class="nhsuk-footer__list">
                        <li class="nhsuk-footer__list-item">
                            <a href="/accessibility" class="nhsuk-footer__list-item-link">
                                "Accessibility statement"
                            </a>
                        </li>
                    </ul>
                    <p class="nhsuk-body-s">
                        "Casebook: case-based learning for general practice. Not an NHS service."
                    </p>
                </div>
            </div>
        </footer>
    }
}
