//! `update()` unit tests: no IO, no sleeps, no wall clock.

mod actions;
mod attach;
mod attach_reads;
mod bulk;
mod command_line;
mod edit_key;
mod filter;
mod folders;
mod input;
mod layers;
mod list;
mod op_faults;
mod operations;
mod ops_pane;
mod refresh;
mod sending;
mod startup;
