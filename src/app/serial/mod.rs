//! The serial console view: a full-screen, following view of an instance's serial port output.

pub mod msg;
pub(super) mod run;
pub mod state;
pub mod update;

#[cfg(test)]
mod tests;

pub use msg::{Outcome, SerialEffect, SerialMsg};
pub use state::SerialView;
pub use update::update;
