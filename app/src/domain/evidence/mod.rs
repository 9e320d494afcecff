//! Evidence of learning for appraisal: time spent measured from the records, certificates and
//! their verification codes. The documents themselves (PDF, CSV, xAPI) are made on the server
//! (`ssr::evidence`).

pub mod certificate;
pub mod cpd;
pub mod time_spent;
pub mod verification;
