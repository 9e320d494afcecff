//! The page for an address that leads nowhere, served with status 404.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    crate::pages::outcome::set_status(404);
    view! {
        <Title text="Page not found" />
        <h1>"Page not found"</h1>
        <p>"If you typed the web address, check it is correct."</p>
        <p>"If you pasted the web address, check you copied the entire address."</p>
        <p>"You can go to the " <A href="/">"Casebook home page"</A> "."</p>
    }
}
