//! The Yandex Cloud API: generated types, the `Cloud` client, errors and operations.

mod channels;
mod client;
mod error;
mod hints;
mod instance_json;
mod instance_status;
pub mod json;
pub mod json_writer;
mod keys;
mod lists;
mod mutation;
pub mod operation;
mod power;
pub mod proto;
mod retry;
mod transience;

pub use channels::{Channels, PUBLIC_API_ENDPOINT, SERVICE_IDS, Transport, is_loopback};
pub use client::{Cloud, DEFAULT_TIMEOUT, TokenRefresh};
pub use error::{ApiError, ConnectError, code_name, request_info_id};
pub use keys::{MAX_KEY_LEN, check_idempotency_key, derive_idempotency_key, idempotency_key};
pub use lists::InstancePages;
pub use mutation::Mutation;
pub use power::PowerAction;
pub use retry::RetryPolicy;
pub use transience::{Transience, classify, mutation_outcome_unknown};
