//! The real binary with real-cloud credentials against `ycdash emulator --tls --require-auth`:
//! a user with only YC_TOKEN and YC_FOLDER_ID, only a key file, or only a yc profile.

mod common;

use std::process::{Command, Output};

use common::process::{EmulatorProcess, stderr, stdout, without_credentials};
use tempfile::TempDir;
use ycdash::emulator::{sa_keys, seed};

const OAUTH: &str = "y0_cli-known-oauth";

struct Cloud {
    emulator: EmulatorProcess,
    dir: TempDir,
}

impl Cloud {
    fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let ca = dir.path().join("ca.pem");
        let key = dir.path().join("key.json");
        let emulator = EmulatorProcess::start(&[
            "--tls",
            "--require-auth",
            "--ca-out",
            ca.to_str().unwrap(),
            "--write-sa-key",
            key.to_str().unwrap(),
            "--oauth-token",
            OAUTH,
        ]);
        Self { emulator, dir }
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    /// `ycdash --endpoint <emulator> --ca-file ca.pem args...` with only `env` as credentials.
    fn run(&self, env: &[(&str, &str)], args: &[&str]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_ycdash"));
        without_credentials(&mut command)
            .args([
                "--endpoint",
                &self.emulator.endpoint,
                "--ca-file",
                &self.path("ca.pem"),
            ])
            .args(args)
            .envs(env.iter().copied())
            .output()
            .expect("run ycdash")
    }
}

#[test]
fn only_yc_token_and_yc_folder_id_list_the_instances() {
    let cloud = Cloud::start();
    let out = cloud.run(
        &[
            ("YC_TOKEN", OAUTH),
            ("YC_FOLDER_ID", seed::STAGING_FOLDER_ID),
        ],
        &["instances", "list", "--format", "json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let list: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let list = list.as_array().unwrap();
    assert!(!list.is_empty());
    assert!(
        list.iter()
            .all(|i| i["folder_id"] == seed::STAGING_FOLDER_ID),
        "{list:?}"
    );
}

#[test]
fn auth_status_with_a_key_file_shows_source_fingerprint_expiry_and_folder() {
    let cloud = Cloud::start();
    let out = cloud.run(
        &[],
        &["--sa-key", &cloud.path("key.json"), "auth", "status"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(&format!(
            "source:   service account key {} (key id {})",
            cloud.path("key.json"),
            sa_keys::TEST_KEY_ID
        )),
        "{text}"
    );
    assert!(text.contains("token:    len="), "{text}");
    assert!(text.contains("expires:  20"), "{text}");
    assert!(text.contains("folder:   b1g"), "{text}");
    assert!(!text.contains("t1.emulator"), "{text}");
}

#[test]
fn a_yc_profile_in_home_is_found() {
    let cloud = Cloud::start();
    let home = cloud.dir.path().join("home");
    let config = home.join(".config/yandex-cloud");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.yaml"),
        format!(
            "current: default\nprofiles:\n  default:\n    token: {OAUTH}\n    folder-id: {}\n",
            seed::FOLDER_ID
        ),
    )
    .unwrap();
    let out = cloud.run(&[("HOME", home.to_str().unwrap())], &["auth", "status"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("source:   yc profile 'default'"), "{text}");
    assert!(
        text.contains(&format!("folder:   {}", seed::FOLDER_ID)),
        "{text}"
    );
}

#[test]
fn a_rejected_oauth_token_is_one_clear_line_without_the_token() {
    let cloud = Cloud::start();
    let out = cloud.run(&[("YC_TOKEN", "y0_wrong-secret")], &["instances", "list"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("OAuth token from YC_TOKEN was rejected: UNAUTHENTICATED"),
        "{err}"
    );
    assert!(!err.contains("y0_wrong-secret"), "{err}");
}

#[test]
fn no_credentials_against_require_auth_says_what_to_check() {
    let cloud = Cloud::start();
    let out = cloud.run(&[], &["instances", "get", seed::RUNNING_INSTANCE_ID]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("UNAUTHENTICATED") && err.contains("ycdash auth status"),
        "{err}"
    );
}
