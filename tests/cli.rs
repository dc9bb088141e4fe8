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
    let err = stderr(&out);
    assert!(err.contains("no credentials"), "{err}");
    assert!(
        err.contains("--demo"),
        "the way to try it without credentials: {err}"
    );
}

/// `ycdash ARGS` with no credentials, no endpoint and no folder in the environment.
fn run_bare(args: &[&str]) -> std::process::Output {
    without_credentials(&mut Command::new(env!("CARGO_BIN_EXE_ycdash")))
        .args(args)
        .output()
        .expect("run ycdash")
}

#[test]
fn demo_runs_client_commands_on_an_embedded_emulator() {
    for args in [
        &["--demo", "instances", "list"][..],
        &["instances", "list", "--demo"],
    ] {
        let out = run_bare(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert_eq!(
            stdout(&out).lines().count(),
            seed::DEMO_INSTANCES + 1,
            "{args:?}"
        );
    }
    // --demo wins over an endpoint nothing listens on.
    let out = run_bare(&[
        "--endpoint",
        "http://127.0.0.1:9",
        "--demo",
        "instances",
        "get",
        seed::STOPPED_INSTANCE_ID,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains(seed::STOPPED_INSTANCE_ID));
    let out = run_bare(&["--demo", "auth", "status"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let status = stdout(&out);
    assert!(
        status.contains(&format!("folder:   {}", seed::FOLDER_ID)),
        "{status}"
    );
    assert!(status.contains("--demo"), "{status}");
}

#[test]
fn demo_attach_dry_run_is_checked_against_the_demo_data() {
    let attach = |instance: &str| {
        run_bare(&[
            "--demo",
            "attach",
            "--instance",
            instance,
            "--subnet",
            seed::DEFAULT_SUBNET_IDS[0],
            "--sg",
            seed::DEFAULT_SG_ID,
            "--dry-run",
        ])
    };
    let out = attach(seed::STOPPED_INSTANCE_ID);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(&format!(
            "yc compute instance attach-network-interface --id {}",
            seed::STOPPED_INSTANCE_ID
        )),
        "{text}"
    );
    // The instance is looked up in the demo data: an unknown one is the server's NOT_FOUND.
    let out = attach("fhmnosuchinstance000");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("NOT_FOUND"), "{}", stderr(&out));
}

#[test]
fn emulator_help_lists_no_client_options() {
    let client_flags = [
        "--endpoint",
        "--iam-token",
        "--sa-key",
        "--profile",
        "--folder",
        "--demo",
        "--ca-file",
        "--service-endpoint",
    ];
    // The flags a help text lists, not the ones its descriptions mention.
    let listed = |args: &[&str]| -> Vec<String> {
        stdout(&run_bare(args))
            .lines()
            .filter_map(|line| line.trim_start().split([' ', '=']).next())
            .filter(|word| word.starts_with("--"))
            .map(String::from)
            .collect()
    };
    let emulator = listed(&["emulator", "--help"]);
    assert!(emulator.contains(&"--listen".to_string()), "{emulator:?}");
    assert!(
        emulator.contains(&"--log-level".to_string()),
        "{emulator:?}"
    );
    let list = listed(&["instances", "list", "--help"]);
    for flag in client_flags {
        assert!(
            !emulator.contains(&flag.to_string()),
            "emulator --help lists {flag}"
        );
        assert!(
            list.contains(&flag.to_string()),
            "instances list --help lacks {flag}"
        );
    }
    let out = run_bare(&["--folder", "x", "emulator"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--folder is a client option"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn completions_and_the_man_page_name_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = run_bare(&["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        for word in ["instances", "attach", "emulator", "folder", "iam-token"] {
            assert!(script.contains(word), "{shell}: no {word}");
        }
    }
    assert_eq!(run_bare(&["completions", "tcsh"]).status.code(), Some(2));
    // Client options from the environment are not an error for a command that ignores them.
    let out = without_credentials(&mut Command::new(env!("CARGO_BIN_EXE_ycdash")))
        .args(["completions", "bash"])
        .env("YC_FOLDER_ID", seed::FOLDER_ID)
        .env("YCDASH_ENDPOINT", "http://127.0.0.1:9")
        .output()
        .expect("run ycdash");
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run_bare(&["man"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(page.contains(".TH ycdash 1"), "{page:.300}");
    assert!(page.contains("ycdash\\-completions"), "{page:.300}");
}
