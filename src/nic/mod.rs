//! The attach-network-interface request: field parsers, validation, request building and
//! previews (JSON and the yc command). Pure code, shared by the TUI form and `ycdash attach`.

pub mod draft;
pub mod error;
pub mod fields;
pub mod fqdn;
pub mod headless;
pub mod ipv4;
pub mod preview;
