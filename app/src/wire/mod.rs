//! Wire types: what server functions return and pages show. Both the server's layers and the pages
//! import them, so they live below both (imports only ever run down: pages → api → ssr → ssr/db,
//! with `domain` and `wire` shared).

pub mod answer_fields;
pub mod campaign_view;
pub mod follow_up_view;
pub mod report_view;
pub mod step_view;
