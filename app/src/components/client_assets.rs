//! Where the built client's files are, and the scripts a page asks for.
//!
//! The built files' names carry a hash of their content (`scripts/fingerprint-site.mjs`), so a
//! browser keeps them for a year and a page only ever names the bundle it was rendered with. A
//! page loads the WebAssembly client only when it holds an island, and each small enhancement script
//! (the tabs', the player's) only when it holds what the script enhances.

use leptos::prelude::*;

/// The stylesheet's stable alias, for the failure pages the server writes without the router (they
/// cannot know this release's hashed name, and are rare enough to fetch it afresh).
pub const STYLESHEET_ALIAS: &str = "/pkg/casebook.css";

/// The addresses of this release's built files, from the manifest the build writes beside them.
#[derive(Clone, Debug)]
pub struct ClientAssets {
    /// The stylesheet's address.
    pub stylesheet: String,
    /// The addresses of the enhancement scripts.
    pub scripts: EnhancementScripts,
    /// Leptos's options, whose `output_name` is the WebAssembly client's hashed name.
    pub hydration: LeptosOptions,
}

/// The stylesheet's address in the document being rendered.
pub fn stylesheet() -> String {
    use_context::<ClientAssets>().map_or_else(|| STYLESHEET_ALIAS.to_owned(), |assets| assets.stylesheet)
}

/// Loads the WebAssembly client that hydrates the page's islands. A page with islands puts it in
/// once, beside them: the loader it writes hydrates every island on the page, so a second would
/// hydrate them twice.
#[component]
pub fn IslandScripts() -> impl IntoView {
    use_context::<ClientAssets>()
        .map(|assets| view! { <HydrationScripts options=assets.hydration islands=true /> })
}

/// A small script that improves server-rendered markup a page already works with, where an island
/// would cost the whole WebAssembly client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Enhancement {
    /// `components/tabs.js`: the tabs' list of links becomes tabs.
    Tabs,
    /// `pages/learning/player/player.js`: a step's answer is sent without reloading the page.
    Player,
    /// `components/practices.js`: a practice search shows its matches as the person types.
    PracticeSearch,
}

/// The hashed addresses of the enhancement scripts, as the manifest names them.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct EnhancementScripts {
    pub tabs: String,
    pub player: String,
    pub practices: String,
}

impl EnhancementScripts {
    pub fn address(&self, which: Enhancement) -> &str {
        match which {
            Enhancement::Tabs => &self.tabs,
            Enhancement::Player => &self.player,
            Enhancement::PracticeSearch => &self.practices,
        }
    }
}

/// Loads an enhancement script. A module script runs once however often a page names it, so each
/// component that needs one may ask for it.
#[component]
pub fn EnhancementScript(which: Enhancement) -> impl IntoView {
    let nonce = leptos::nonce::use_nonce();
    use_context::<ClientAssets>().map(|assets| {
        let src = assets.scripts.address(which).to_owned();
        view! { <script type="module" src=src nonce=nonce></script> }
    })
}
