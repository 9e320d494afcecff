//! The learner's journey on the server: opening an attempt (only the learner's own), showing its
//! current step, and recording answers with the xAPI statements they make (and, at the end, the
//! certificate).

pub mod answers;
pub mod attempts;
pub mod follow_ups;
pub mod option_order;
pub mod player;
pub mod retention;
