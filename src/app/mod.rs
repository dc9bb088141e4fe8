//! The dashboard's state machine (Model, Msg, Effect, `update()`) and the runtime that runs it.

pub mod details;
mod effects;
pub mod input;
pub mod instances;
pub mod journal;
mod keys;
pub mod model;
pub mod msg;
pub mod operations;
mod runtime;
pub mod update;

#[cfg(test)]
pub(crate) mod fixtures;
#[cfg(test)]
mod tests;

pub use model::{Focus, Model, Settings};
pub use msg::{Effect, Msg, PowerAction};
pub use runtime::{AppError, TuiOptions, drive, run_tui};
pub use update::{init, update};
