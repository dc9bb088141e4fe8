//! Credentials: secrets that never print, the credential chain (flags, environment, key file,
//! yc profile, VM metadata) and the keeper that keeps an IAM token fresh.

mod chain;
mod error;
mod keeper;
pub mod metadata;
pub mod profile;
mod provider;
pub mod sa_key;
mod secret;
mod yaml;

pub use chain::{ChainInputs, CredentialSource, Credentials, Resolved, resolve};
pub use error::AuthError;
pub use keeper::{TokenKeeper, refresh_delay};
pub use provider::{IssuedToken, Provider};
pub use secret::Secret;
