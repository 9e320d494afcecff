//! HTTP routes that are not Leptos pages or server functions.

pub mod assets;
pub mod health;
pub mod one_click_unsubscribe;
pub mod test_clock;
