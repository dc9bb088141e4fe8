//! The attach-network-interface request: field parsers, validation, request building and
//! previews (JSON and the yc command), detach checks, and loading what validation needs from
//! the API. Shared by the TUI form and `ycdash attach` / `ycdash detach`; the update and
//! one-to-one NAT requests of `ycdash nic update` / `ycdash nat` reuse the same rules.

pub mod change_preview;
pub mod detach;
pub mod draft;
pub mod error;
pub mod fields;
pub mod fqdn;
pub mod headless;
pub mod ipv4;
pub mod load;
pub mod nat;
pub mod preview;
#[cfg(test)]
mod rule_cases;
pub mod update;
pub mod yc_command;
