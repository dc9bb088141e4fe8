//! Compiles `proto/` with protox (no system protoc) into tonic clients and servers, and writes the
//! descriptor set used by server reflection and by the JSON output.

use std::{env, fs, path::PathBuf};

use prost::Message;

fn proto_files(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .expect("read proto dir")
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            proto_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "proto") {
            out.push(path);
        }
    }
}

fn main() {
    println!("cargo:rerun-if-changed=proto");
    let mut files = Vec::new();
    proto_files(std::path::Path::new("proto"), &mut files);
    let fds = protox::compile(&files, ["proto"]).unwrap_or_else(|e| panic!("proto: {e}"));

    let out = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR"));
    fs::write(out.join("descriptor.bin"), fds.encode_to_vec()).expect("write descriptor set");

    // Type names let `prost_types::Any` pack and unpack messages by their type URL.
    let mut config = tonic_prost_build::Config::new();
    config.enable_type_names();
    config.type_name_domain(["."], "type.googleapis.com");
    tonic_prost_build::configure()
        .build_client(true)
        .build_server(true)
        .include_file("packages.rs")
        .compile_fds_with_config(fds, config)
        .unwrap_or_else(|e| panic!("codegen: {e}"));
}
