//! Credentials: secrets that never print, and (later) the credential chain.

mod secret;

pub use secret::Secret;
