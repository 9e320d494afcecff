//! Evidence for appraisal: checking a certificate's verification code. (The certificate, CPD log
//! and xAPI downloads are plain routes: see `ssr::evidence::downloads`.)

pub mod verify_certificate;
