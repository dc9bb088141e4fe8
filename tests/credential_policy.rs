//! The credential policy (README → Credentials): ambient credentials (environment, yc profile)
//! go only over TLS; a plaintext endpoint, even a loopback one, gets only what the command line
//! names, and its refusal says how to send a credential deliberately.

mod common;

use std::time::Duration;

use common::process::{EmulatorProcess, stderr, stdout, without_credentials};
use ycdash::{
    api::{
        Cloud,
        proto::yandex::cloud::iam::v1::{
            CreateIamTokenRequest, create_iam_token_request::Identity,
        },
    },
    auth::{ChainInputs, CredentialSource, Secret},
    cli::Connection,
    commands::{Session, connect_with, instances},
    emulator::{Emulator, EmulatorConfig, RunningEmulator, sa_keys, seed},
};

const OAUTH: &str = "y0_policy-known-oauth-token";

/// A plaintext loopback emulator that requires auth and knows `OAUTH`.
async fn plaintext() -> RunningEmulator {
    Emulator::spawn(EmulatorConfig {
        op_duration: Duration::ZERO,
        require_auth: true,
        oauth_tokens: vec![Secret::new(OAUTH)],
        ..Default::default()
    })
    .await
    .expect("emulator starts")
}

async fn connect(emulator: &RunningEmulator, inputs: &ChainInputs) -> Session {
    let connection = Connection {
        endpoint: Some(emulator.endpoint()),
        ..Default::default()
    };
    connect_with(&connection, inputs).await.expect("connects")
}

async fn list(session: &Session) -> Result<usize, String> {
    instances::list_all(&session.cloud, seed::FOLDER_ID, None)
        .await
        .map(|l| l.len())
        .map_err(|e| e.to_string())
}

/// An IAM token the emulator issued (asked for directly, not through the chain).
async fn issued_token(emulator: &RunningEmulator) -> Secret {
    let cloud = Cloud::single(&emulator.endpoint(), false, None).unwrap();
    let response = cloud
        .create_iam_token(CreateIamTokenRequest {
            identity: Some(Identity::YandexPassportOauthToken(OAUTH.into())),
        })
        .await
        .expect("exchange");
    Secret::new(response.iam_token)
}

fn key_file(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let path = dir.path().join("key.json");
    sa_keys::write_key_file(&path).unwrap();
    path
}

#[tokio::test]
async fn ambient_credentials_are_withheld_from_a_plaintext_endpoint() {
    let emulator = plaintext().await;
    let valid_iam = issued_token(&emulator).await;
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("config.yaml");
    std::fs::write(
        &profile,
        format!("current: default\nprofiles:\n  default:\n    token: {OAUTH}\n"),
    )
    .unwrap();
    let cases = [
        ChainInputs {
            oauth_token_env: Some(Secret::new(OAUTH)),
            ..Default::default()
        },
        ChainInputs {
            iam_token_env: Some(valid_iam.clone()),
            ..Default::default()
        },
        ChainInputs {
            sa_key_file: Some(key_file(&dir)),
            ..Default::default()
        },
        ChainInputs {
            yc_config: Some(profile.clone()),
            ..Default::default()
        },
    ];
    for inputs in &cases {
        let session = connect(&emulator, inputs).await;
        assert!(session.source.is_none(), "{inputs:?}");
        let withheld = session.withheld.as_ref().expect("withheld").describe();
        assert!(session.keeper.is_none(), "{withheld}");
        let err = list(&session).await.unwrap_err();
        assert!(err.contains("UNAUTHENTICATED"), "{err}");
        assert!(
            err.contains(&format!("{withheld} is sent only over TLS")),
            "{err}"
        );
        assert!(err.contains("--iam-token or --sa-key"), "{err}");
        assert!(
            !err.contains(OAUTH) && !err.contains(valid_iam.expose()),
            "{err}"
        );
    }
    // Only the direct exchange above reached IAM: no source was exchanged.
    assert_eq!(emulator.issued_tokens(), 1);
}

#[tokio::test]
async fn command_line_credentials_are_sent_to_a_plaintext_endpoint() {
    let emulator = plaintext().await;
    let dir = tempfile::tempdir().unwrap();
    let flag_token = ChainInputs {
        iam_token_flag: Some(issued_token(&emulator).await),
        oauth_token_env: Some(Secret::new("y0_ambient-must-not-matter")),
        ..Default::default()
    };
    let session = connect(&emulator, &flag_token).await;
    assert_eq!(
        session.source,
        Some(CredentialSource::IamToken {
            origin: "--iam-token"
        })
    );
    assert!(list(&session).await.unwrap() > 0);
    let flag_key = ChainInputs {
        sa_key_flag: Some(key_file(&dir)),
        ..Default::default()
    };
    let session = connect(&emulator, &flag_key).await;
    assert!(session.source.as_ref().unwrap().given_on_command_line());
    assert!(list(&session).await.unwrap() > 0);
}

/// The reproduction: the user's OAuth token in YC_TOKEN must not reach an emulator
/// that would accept it, and the refusal says how to send a credential deliberately.
#[test]
fn yc_token_never_reaches_a_plaintext_emulator_that_asks_for_it() {
    let emulator = EmulatorProcess::start(&["--require-auth", "--oauth-token", OAUTH]);
    let out = without_credentials(&mut std::process::Command::new(env!(
        "CARGO_BIN_EXE_ycdash"
    )))
    .args(["--endpoint", &emulator.endpoint, "auth", "status"])
    .env("YC_TOKEN", OAUTH)
    .output()
    .expect("run ycdash");
    let err = stderr(&out);
    assert!(!out.status.success(), "{}", stdout(&out));
    assert!(
        err.contains("OAuth token from YC_TOKEN is sent only over TLS"),
        "{err}"
    );
    assert!(err.contains("pass --iam-token or --sa-key"), "{err}");
    assert!(!err.contains(OAUTH), "{err}");
    // With the folder known, the status itself says what was withheld.
    let out = without_credentials(&mut std::process::Command::new(env!(
        "CARGO_BIN_EXE_ycdash"
    )))
    .args([
        "--endpoint",
        &emulator.endpoint,
        "--folder",
        seed::FOLDER_ID,
    ])
    .args(["auth", "status"])
    .env("YC_TOKEN", OAUTH)
    .output()
    .expect("run ycdash");
    let text = stdout(&out);
    assert!(
        text.contains("source:   none (OAuth token from YC_TOKEN not sent"),
        "{text}"
    );
    assert!(text.contains("token:    none"), "{text}");
}
