//! ycdash: a terminal dashboard for Yandex Cloud Compute.

pub mod api;
pub mod app;
pub mod auth;
pub mod civil_date;
pub mod cli;
pub mod cli_client;
pub mod cli_nic;
pub mod commands;
pub mod config;
pub mod emulator;
pub mod keymap;
pub mod logging;
pub mod nic;
pub mod parse_error;
pub mod private_file;
pub mod safe_text;
pub mod serial_log;
pub mod text_table;
pub mod text_wrap;
pub mod theme;
pub mod ui;
