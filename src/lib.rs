//! ycdash: a terminal dashboard for Yandex Cloud Compute.

pub mod api;
pub mod emulator;
