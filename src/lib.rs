//! ycdash: a terminal dashboard for Yandex Cloud Compute.

pub mod api;
pub mod app;
pub mod auth;
pub mod config;
pub mod keymap;
pub mod theme;
pub mod ui;
