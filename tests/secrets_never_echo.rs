//! Failing credential cases through the real binary with every log level on: broken and
//! wrong-shape key files, broken yc profiles and config files, rejected tokens. No stdout,
//! stderr or log line may carry key material or a token.

mod common;

use std::process::Command;

use common::process::{EmulatorProcess, without_credentials};
use ycdash::emulator::sa_keys;

const TOKEN: &str = "y0_SECRET-token-that-must-never-echo";

/// The test key file's JSON and pieces of its private key that must never be printed.
fn key_and_needles(dir: &std::path::Path) -> (serde_json::Value, Vec<String>) {
    let path = dir.join("real.json");
    sa_keys::write_key_file(&path).unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let pem = json["private_key"].as_str().unwrap();
    let needles = pem
        .lines()
        .filter(|l| l.len() >= 32 && !l.contains(' ') && !l.starts_with("-----"))
        .map(|l| l[..24].to_string())
        .collect::<Vec<_>>();
    assert!(needles.len() > 10, "the test key has a body");
    (json, needles)
}

/// Runs `ycdash args...` with `env`, every log level on; returns everything it printed.
fn run(env: &[(&str, &str)], args: &[&str]) -> (bool, String) {
    let out = without_credentials(&mut Command::new(env!("CARGO_BIN_EXE_ycdash")))
        .env("YCDASH_LOG", "trace")
        .envs(env.iter().copied())
        .args(args)
        .output()
        .expect("run ycdash");
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), all)
}

fn assert_quiet(case: &str, (ok, output): (bool, String), needles: &[String]) {
    assert!(!ok, "{case} should fail: {output}");
    assert!(!output.trim().is_empty(), "{case} says why");
    for needle in needles {
        assert!(
            !output.contains(needle.as_str()),
            "{case} echoed {needle}: {output}"
        );
    }
}

#[test]
fn bad_key_files_never_print_the_private_key() {
    let dir = tempfile::tempdir().unwrap();
    let (key, needles) = key_and_needles(dir.path());
    let key_text = key.to_string();
    let mut garbled = key.clone();
    garbled["private_key"] = key["private_key"]
        .as_str()
        .unwrap()
        .replacen("MII", "MI!", 1)
        .into();
    let mut numeric_id = key.clone();
    numeric_id["id"] = 5.into();
    let cases = [
        (
            "a JSON string holding the key",
            serde_json::Value::String(key_text.clone()).to_string(),
        ),
        ("an array holding the key", format!("[{key_text}]")),
        ("a number as the id", numeric_id.to_string()),
        (
            "a truncated file",
            key_text[..key_text.len() / 2].to_string(),
        ),
        ("a garbled private key", garbled.to_string()),
        (
            "a trailing comma",
            format!("{},", &key_text[..key_text.len() - 1]),
        ),
        (
            "YAML instead of JSON",
            format!("private_key: {}", key["private_key"]),
        ),
    ];
    for (case, text) in cases {
        let path = dir.path().join("key.json");
        std::fs::write(&path, text).unwrap();
        let path = path.to_str().unwrap();
        let endpoint = ["--endpoint", "http://127.0.0.1:9"];
        let flag = run(
            &[],
            &[&endpoint[..], &["--sa-key", path, "auth", "status"]].concat(),
        );
        assert_quiet(case, flag, &needles);
        if case == "a JSON string holding the key" {
            let (_, output) = run(&[], &["--sa-key", path, "auth", "status"]);
            assert!(output.contains("holds a JSON string"), "{output}");
        }
        let env = run(
            &[("YC_SERVICE_ACCOUNT_KEY_FILE", path)],
            &["instances", "list"],
        );
        assert_quiet(case, env, &needles);
    }
}

#[test]
fn broken_yc_profiles_and_config_files_never_print_their_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let (key, mut needles) = key_and_needles(dir.path());
    needles.push(TOKEN.into());
    let home = dir.path().join("home");
    let yc = home.join(".config/yandex-cloud/config.yaml");
    std::fs::create_dir_all(yc.parent().unwrap()).unwrap();
    let indented: String = key["private_key"]
        .as_str()
        .unwrap()
        .lines()
        .map(|l| format!("        {l}\n"))
        .collect();
    let profiles = [
        format!("current: p\nprofiles:\n  p:\n    token: \"{TOKEN}\n"),
        format!("current: p\nprofiles:\n  p:\n    token: {TOKEN}\n   bad: [\n"),
        format!(
            "current: p\nprofiles:\n  p:\n    service-account-key:\n      private_key: |\n{indented}"
        ),
        format!(
            "current: p\nprofiles:\n  p:\n    service-account-key:\n      id: k\n      service_account_id: s\n      private_key: '{TOKEN}\n"
        ),
    ];
    for profile in profiles {
        std::fs::write(&yc, &profile).unwrap();
        let home = home.to_str().unwrap();
        let result = run(&[("HOME", home)], &["--profile", "p", "instances", "list"]);
        assert_quiet(&profile, result, &needles);
    }
    let config = dir.path().join("config.toml");
    for text in [
        format!("theme = \"{TOKEN}\nmouse = true\n"),
        format!("mouse = \"{TOKEN}\"\n"),
        format!("default_folder = [\"{TOKEN}\"]\n"),
        format!("refresh_interval = \"{TOKEN}\\\"with a quote\"\n"),
    ] {
        std::fs::write(&config, &text).unwrap();
        let result = run(&[], &["--demo", "--config", config.to_str().unwrap()]);
        assert_quiet(&text, result, &needles);
    }
}

#[test]
fn rejected_and_malformed_tokens_are_never_printed() {
    let emulator = EmulatorProcess::start(&["--require-auth", "--oauth-token", "y0_other"]);
    for token in [TOKEN, "t1.SECRET-token-that-must-never-echo\u{7f}"] {
        let result = run(
            &[],
            &[
                "--endpoint",
                &emulator.endpoint,
                "--iam-token",
                token,
                "instances",
                "list",
            ],
        );
        assert_quiet(token, result, &[TOKEN.into(), "SECRET-token".into()]);
    }
}
