//! Code generated from `proto/` by build.rs, laid out in the API's own packages.
#![allow(clippy::all, clippy::pedantic, missing_docs)]

/// The encoded `FileDescriptorSet` of every file in `proto/` and its imports.
pub const DESCRIPTOR_SET: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/descriptor.bin"));

// One module per proto package (`yandex::cloud::compute::v1`, ...), nested as build.rs lays them.
include!(concat!(env!("OUT_DIR"), "/packages.rs"));
