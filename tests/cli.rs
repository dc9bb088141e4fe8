//! The real binary's headless commands against `ycdash emulator`, as a script would use them.

mod common;

use std::process::Command;

use common::process::{EmulatorProcess, stderr, stdout, without_credentials};
use ycdash::emulator::seed;

#[test]
fn instances_list_finds_the_first_folder_and_prints_a_table() {
    let emulator = EmulatorProcess::start(&[]);
    let out = emulator.run(&["instances", "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default();
    assert!(
        header.starts_with("ID") && header.contains("STATUS"),
        "{header}"
    );
    assert_eq!(lines.count(), seed::DEMO_INSTANCES);
    assert!(text.contains(seed::STOPPED_INSTANCE_ID));
}

#[test]
fn instances_list_json_with_a_filter() {
    let emulator = EmulatorProcess::start(&[]);
    let out = emulator.run(&[
        "instances",
        "list",
        "--folder",
        seed::FOLDER_ID,
        "--filter",
        "status = \"STOPPED\"",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let list: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    let list = list.as_array().expect("an array");
    assert!(!list.is_empty());
    for instance in list {
        assert_eq!(instance["status"], "STOPPED");
        assert_eq!(instance["folder_id"], seed::FOLDER_ID);
        assert!(
            instance["created_at"]
                .as_str()
                .unwrap_or_default()
                .ends_with('Z')
        );
    }
}

#[test]
fn instances_get_prints_the_api_field_names() {
    let emulator = EmulatorProcess::start(&[]);
    let out = emulator.run(&["instances", "get", seed::STOPPED_INSTANCE_ID]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(v["id"], seed::STOPPED_INSTANCE_ID);
    assert!(v["network_interfaces"][0]["primary_v4_address"]["address"].is_string());
}

#[test]
fn errors_are_one_line_and_exit_non_zero() {
    let emulator = EmulatorProcess::start(&[]);
    for (args, expect) in [
        (
            vec!["instances", "get", "fhmnosuchinstance000"],
            "NOT_FOUND",
        ),
        (
            vec!["instances", "list", "--filter", "status ~ 1"],
            "INVALID_ARGUMENT",
        ),
        (vec!["operation", "get", "nosuchop"], "NOT_FOUND"),
    ] {
        let out = emulator.run(&args);
        assert!(!out.status.success(), "{args:?} succeeded");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(expect), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn a_refused_connection_is_one_readable_line() {
    let out = without_credentials(&mut Command::new(env!("CARGO_BIN_EXE_ycdash")))
        .args(["--endpoint", "http://127.0.0.1:9", "instances", "get", "x"])
        .output()
        .expect("run ycdash");
    assert!(!out.status.success());
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("cannot reach http://127.0.0.1:9"), "{err}");
}

#[test]
fn no_credentials_and_no_endpoint_is_refused_not_faked() {
    let out = without_credentials(&mut Command::new(env!("CARGO_BIN_EXE_ycdash")))
        .args(["instances", "list"])
        .output()
        .expect("run ycdash");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no credentials"), "{}", stderr(&out));
}
