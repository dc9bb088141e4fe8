//! The dashboard's state machine (Model, Msg, Effect, `update()`) and the runtime that runs it.

mod action_target;
pub mod allowed;
pub mod attach;
mod attach_wiring;
pub mod bulk;
pub mod command;
pub mod content_widths;
pub mod detach_sequence;
pub mod details;
pub mod details_view;
pub mod doc;
mod effects;
pub mod filter_query;
pub mod folder;
mod folder_wiring;
pub mod geometry;
pub mod help;
pub mod input;
pub mod instances;
pub mod journal;
mod journal_file;
mod keys;
pub mod layer;
mod listing_failure;
pub mod marks;
pub mod model;
pub mod msg;
mod mutation;
mod nic_actions;
pub mod operations;
mod ops_update;
pub mod pick_list;
mod poll_gate;
mod prompt;
mod public_ip;
mod quit;
pub mod rows;
mod runtime;
pub mod scroll;
pub mod sending;
mod sending_update;
pub mod serial;
mod serial_wiring;
mod ssh_run;
pub mod ssh_target;
mod ssh_wiring;
pub(crate) mod steps;
pub mod toasts;
pub mod units;
pub mod update;

#[cfg(test)]
pub(crate) mod fixtures;
#[cfg(test)]
mod tests;

pub use model::{Focus, Model, Settings};
pub use msg::{Effect, Msg, PowerAction};
pub use mutation::Mutation;
pub use runtime::{AppError, Draw, Ready, TuiOptions, drive, run_tui};
pub use update::{init, update};
