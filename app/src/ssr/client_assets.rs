//! Reads the manifest the build writes beside the site (`scripts/fingerprint-site.mjs`): the
//! hashed names of this release's stylesheet, enhancement scripts and WebAssembly client. It is read once at
//! start-up, so a server keeps naming its own release's files even after a newer release's files
//! are copied in beside them (see README: Rolling deploys).

use std::path::Path;

use anyhow::Context;
use leptos::prelude::LeptosOptions;
use serde::Deserialize;

use crate::components::client_assets::{ClientAssets, EnhancementScripts};

/// The manifest's file name, in the site's root folder.
pub const MANIFEST: &str = "asset-manifest.json";

#[derive(Debug, Deserialize)]
struct Manifest {
    stylesheet: String,
    scripts: EnhancementScripts,
    /// The WebAssembly client's name without its endings (`<client>.js`, `<client>_bg.wasm`).
    client: String,
}

/// This release's built files, named in the manifest in `options.site_root`.
pub fn load(options: &LeptosOptions) -> anyhow::Result<ClientAssets> {
    let path = Path::new(options.site_root.as_ref()).join(MANIFEST);
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("reading {} (`make build` writes it)", path.display()))?;
    parse(&text, options).with_context(|| format!("reading {}", path.display()))
}

fn parse(text: &str, options: &LeptosOptions) -> anyhow::Result<ClientAssets> {
    let manifest: Manifest = serde_json::from_str(text)?;
    let mut hydration = options.clone();
    hydration.output_name = manifest.client.into();
    Ok(ClientAssets { stylesheet: manifest.stylesheet, scripts: manifest.scripts, hydration })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::client_assets::Enhancement;

    fn options() -> LeptosOptions {
        LeptosOptions::builder().output_name("casebook").build()
    }

    #[test]
    fn the_manifest_names_the_stylesheet_scripts_and_client() -> anyhow::Result<()> {
        let text = r#"{"stylesheet": "/pkg/casebook-0123456789abcdef.css",
            "scripts": {"tabs": "/pkg/tabs-fedcba9876543210.js", "player": "/pkg/player-0011223344556677.js", "practices": "/pkg/practices-8899aabbccddeeff.js"},
            "client": "casebook-00112233aabbccdd"}"#;
        let assets = parse(text, &options())?;
        assert_eq!(assets.stylesheet, "/pkg/casebook-0123456789abcdef.css");
        assert_eq!(assets.scripts.address(Enhancement::Tabs), "/pkg/tabs-fedcba9876543210.js");
        assert_eq!(assets.scripts.address(Enhancement::Player), "/pkg/player-0011223344556677.js");
        assert_eq!(assets.hydration.output_name.as_ref(), "casebook-00112233aabbccdd");
        Ok(())
    }

    #[test]
    fn a_manifest_missing_a_name_is_refused() {
        assert!(parse(r#"{"stylesheet": "/pkg/a.css"}"#, &options()).is_err());
    }
}
