//! The Yandex Cloud API: generated types, the `Cloud` client, errors and operations.

mod channels;
mod client;
mod error;
mod hints;
pub mod json;
mod lists;
pub mod operation;
pub mod proto;
mod retry;

pub use channels::{Channels, PUBLIC_API_ENDPOINT, SERVICE_IDS, Transport, is_loopback};
pub use client::{Cloud, TokenRefresh};
pub use error::{ApiError, ConnectError, code_name};
pub use lists::InstancePages;
pub use retry::RetryPolicy;

/// A fresh idempotency key (UUID v4) for one user action; keep it to retry that action.
pub fn idempotency_key() -> String {
    uuid::Uuid::new_v4().to_string()
}
