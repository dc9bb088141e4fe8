//! The Yandex Cloud API: generated types, the `Cloud` client, errors and operations.

pub mod proto;
