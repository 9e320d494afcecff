//! Reusable pieces of NHS.UK design-system markup, rendered by Leptos.

#[cfg(feature = "hydrate")]
pub mod hydration;
pub mod layout;
pub mod tabs;
