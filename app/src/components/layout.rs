//! The page frame every route shares: skip link, header (with the account links and the navigation a
//! person's roles open), main content area and footer, following the NHS.UK design system without
//! the NHS logo (Casebook is not an NHS service).

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::api::account::get_current_user::get_current_user;
use crate::components::client_assets::stylesheet;
use crate::domain::person::CurrentUser;
use crate::domain::role::Role;

/// The part of `<head>` every document shares, the error pages included.
#[component]
pub fn StaticHead() -> impl IntoView {
    view! {
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <link rel="stylesheet" href=stylesheet() />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
    }
}

/// The frame around every routed page, with the signed-in person's header.
#[component]
pub fn Page(children: Children) -> impl IntoView {
    let user = Resource::new(|| (), |_| get_current_user());
    let path = use_location().pathname;
    view! {
        <SkipLink />
        <Suspense fallback=|| {
            view! { <Header user=None current="" /> }
        }>
            {move || Suspend::new(async move {
                let user = user.await.ok().flatten();
                view! { <Header user current=path.get_untracked() /> }
            })}
        </Suspense>
        <Main>{children()}</Main>
        <Footer />
    }
}

/// The frame without a signed-in person or router, for the error pages served when those fail.
#[component]
pub fn BareFrame(children: Children) -> impl IntoView {
    view! {
        <SkipLink />
        <Header user=None current="" />
        <Main>{children()}</Main>
        <Footer />
    }
}

#[component]
fn SkipLink() -> impl IntoView {
    view! {
        <a class="nhsuk-skip-link" href="#maincontent">
            "Skip to main content"
        </a>
    }
}

#[component]
fn Main(children: Children) -> impl IntoView {
    view! {
        <div class="nhsuk-width-container">
            <main class="nhsuk-main-wrapper" id="maincontent">
                {children()}
            </main>
        </div>
    }
}

/// The links a person's roles open, in the order they appear. Anyone, signed in or not, may
/// browse the modules.
fn navigation_for(user: Option<&CurrentUser>) -> Vec<(&'static str, &'static str)> {
    let mut links = vec![("/", "Home")];
    let Some(user) = user else {
        links.push(("/modules", "Modules"));
        return links;
    };
    let principal = &user.principal;
    if principal.has(Role::Learner) {
        links.extend([("/modules", "Modules"), ("/me", "My learning")]);
    }
    if principal.has(Role::Trainer) || principal.is_admin() {
        links.push(("/author", "Authoring"));
    }
    if principal.has(Role::DeaneryLead) || principal.is_admin() {
        links.extend([("/reports", "Reports"), ("/campaigns", "Campaigns")]);
    }
    if principal.is_admin() {
        links.extend([
            ("/admin/people", "People"),
            ("/admin/organisations", "Organisations"),
            ("/admin/modules", "Module files"),
            ("/admin/audit", "Audit log"),
        ]);
    } else if principal.has(Role::DeaneryLead) {
        links.push(("/admin/people/invite", "Invite learners"));
    }
    links.push(("/account", "Your account"));
    links
}

/// Whether a navigation link belongs to the page at `current`.
fn is_current(link: &str, current: &str) -> bool {
    if link == "/" { current == "/" } else { current == link || current.starts_with(&format!("{link}/")) }
}

#[component]
fn Header(user: Option<CurrentUser>, #[prop(into)] current: String) -> impl IntoView {
    let account = match &user {
        Some(user) => view! {
            <li class="nhsuk-header__account-item">
                <a class="nhsuk-header__account-link" href="/account">
                    {user.name.clone()}
                </a>
            </li>
            <li class="nhsuk-header__account-item">
                <form class="nhsuk-header__account-form" action="/sign-out" method="post">
                    <button class="nhsuk-header__account-button" type="submit">
                        "Sign out"
                    </button>
                </form>
            </li>
        }
        .into_any(),
        None => view! {
            <li class="nhsuk-header__account-item">
                <a class="nhsuk-header__account-link" href="/sign-in">
                    "Sign in"
                </a>
            </li>
        }
        .into_any(),
    };
    let navigation = {
        let items = navigation_for(user.as_ref())
            .into_iter()
            .map(|(href, text)| {
                let current = is_current(href, &current);
                let class = if current {
                    "nhsuk-header__navigation-item nhsuk-header__navigation-item--current"
                } else {
                    "nhsuk-header__navigation-item"
                };
                view! {
                    <li class=class>
                        <a
                            class="nhsuk-header__navigation-link"
                            href=href
                            aria-current=current.then_some("page")
                        >
                            {text}
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <nav class="nhsuk-header__navigation" aria-label="Menu">
                <div class="nhsuk-header__navigation-container nhsuk-width-container">
                    <ul class="nhsuk-header__navigation-list">{items}</ul>
                </div>
            </nav>
        }
    };
    view! {
        <header class="nhsuk-header" role="banner">
            <div class="nhsuk-header__container nhsuk-width-container">
                <div class="nhsuk-header__service">
                    <a href="/" class="nhsuk-header__service-name">
                        "Casebook"
                    </a>
                </div>
                <nav class="nhsuk-header__account" aria-label="Account">
                    <ul class="nhsuk-header__account-list">{account}</ul>
                </nav>
            </div>
            {navigation}
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::{PersonId, RegionId};
    use crate::domain::role::{Principal, RoleGrant};

    fn user(grants: &[(Role, Option<i64>)]) -> CurrentUser {
        let grants = grants
            .iter()
            .map(|(role, region)| RoleGrant { role: *role, region: region.map(RegionId) })
            .collect();
        CurrentUser { principal: Principal { person: PersonId(1), grants }, name: "A".into() }
    }

    #[test]
    fn navigation_follows_roles() {
        let hrefs = |u: &CurrentUser| navigation_for(Some(u)).into_iter().map(|(h, _)| h).collect::<Vec<_>>();
        assert_eq!(navigation_for(None).into_iter().map(|(h, _)| h).collect::<Vec<_>>(), ["/", "/modules"]);
        assert_eq!(hrefs(&user(&[(Role::Learner, None)])), ["/", "/modules", "/me", "/account"]);
        assert_eq!(
            hrefs(&user(&[(Role::DeaneryLead, Some(1))])),
            ["/", "/reports", "/campaigns", "/admin/people/invite", "/account"]
        );
        assert_eq!(
            hrefs(&user(&[(Role::Admin, None)])),
            [
                "/",
                "/author",
                "/reports",
                "/campaigns",
                "/admin/people",
                "/admin/organisations",
                "/admin/modules",
                "/admin/audit",
                "/account"
            ]
        );
        assert_eq!(hrefs(&user(&[(Role::Trainer, None)])), ["/", "/author", "/account"]);
    }

    #[test]
    fn the_current_section_is_marked() {
        assert!(is_current("/", "/"));
        assert!(!is_current("/", "/account"));
        assert!(is_current("/admin/people", "/admin/people/7"));
        assert!(!is_current("/admin/people", "/admin/peoplex"));
    }
}
