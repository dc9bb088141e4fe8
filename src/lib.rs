//! ycdash: a terminal dashboard for Yandex Cloud Compute.

pub mod api;
pub mod auth;
pub mod cli;
pub mod commands;
pub mod emulator;
pub mod logging;
pub mod nic;
