//! `update()` unit tests: no IO, no sleeps, no wall clock.

mod input;
mod list;
mod operations;
