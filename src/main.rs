//! ycdash binary entry point.

fn main() {}
