//! The cloud and folder picker as a component: `state` (the tree, scope, the shared
//! `PickList`), `msg` (`FolderMsg` in, `Outcome` out) and `update`. The root wires it in
//! `app/folder_wiring.rs`, which also switches the dashboard to the chosen folder.

pub(super) mod load;
pub mod msg;
pub mod state;
pub mod update;

pub use msg::{FolderMsg, Outcome};
pub use state::FolderPicker;
pub use update::update;

#[cfg(test)]
mod tests;
