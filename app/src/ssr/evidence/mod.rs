//! Evidence for appraisal, made on the server: certificate and CPD log documents (PDF and CSV),
//! the xAPI statements every learning event leaves, and the downloads that serve them.

pub mod certificate;
pub mod cpd_log;
pub mod downloads;
pub mod pdf;
pub mod xapi;

/// A new verification code from the operating system's randomness.
pub fn new_verification_code() -> crate::domain::evidence::verification::VerificationCode {
    use rand::RngCore;
    let mut random = [0u8; 12];
    rand::rngs::OsRng.fill_bytes(&mut random);
    crate::domain::evidence::verification::VerificationCode::from_random(random)
}
