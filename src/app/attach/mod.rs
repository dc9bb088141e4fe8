//! The attach form as a component: `state` (the form, its pickers and focus; nothing of the
//! Model) with what was typed (`input`) and its errors (`feedback`), `msg` (`AttachMsg` in),
//! `outcome` (`Outcome` out) and `update`. The root wires it in `app/attach_wiring.rs` and is
//! the only code that applies an `Outcome` to the Model.

pub mod choices;
mod edit;
pub mod feedback;
pub mod focus;
mod group_names;
pub mod input;
pub(super) mod load;
pub mod loads;
mod loads_update;
pub mod msg;
pub mod outcome;
mod picker;
pub mod review;
pub mod state;
mod submit;
pub mod update;

pub use msg::AttachMsg;
pub use outcome::Outcome;
pub use state::AttachForm;
pub use update::update;

#[cfg(test)]
mod edit_tests;
#[cfg(test)]
mod group_names_tests;
#[cfg(test)]
mod loads_tests;
#[cfg(test)]
mod public_ip_tests;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;
