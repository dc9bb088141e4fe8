//! Each credential source end to end against an emulator with TLS and `--require-auth`.

mod common;

use std::io::{Read, Write};

use common::secure::{KNOWN_OAUTH, Secure, list_instances};
use ycdash::{
    auth::{ChainInputs, CredentialSource, Secret},
    cli::Connection,
    commands::connect_with,
    emulator::{sa_keys, seed},
};

#[tokio::test]
async fn without_a_token_calls_are_refused_with_a_hint() {
    let secure = Secure::start().await;
    let session = secure.connect(&ChainInputs::default()).await.unwrap();
    assert!(session.source.is_none());
    let err = list_instances(&session).await.unwrap_err().to_string();
    assert!(err.contains("UNAUTHENTICATED"), "{err}");
    assert!(err.contains("no credentials were sent"), "{err}");
    assert!(err.contains("--iam-token or --sa-key"), "{err}");
}

#[tokio::test]
async fn a_ready_iam_token() {
    let secure = Secure::start().await;
    let token = secure.iam_token().await;
    let session = secure
        .connect(&ChainInputs {
            iam_token_env: Some(token),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        session
            .source
            .as_ref()
            .map(CredentialSource::describe)
            .as_deref(),
        Some("IAM token from YC_IAM_TOKEN")
    );
    assert!(list_instances(&session).await.unwrap() > 0);
}

#[tokio::test]
async fn a_service_account_key_file_written_by_the_emulator() {
    let secure = Secure::start().await;
    let path = secure.dir.path().join("key.json");
    sa_keys::write_key_file(&path).unwrap();
    let session = secure
        .connect(&ChainInputs {
            sa_key_file: Some(path.clone()),
            ..Default::default()
        })
        .await
        .unwrap();
    let source = session
        .source
        .as_ref()
        .map(CredentialSource::describe)
        .unwrap();
    assert_eq!(
        source,
        format!(
            "service account key {} (key id {})",
            path.display(),
            sa_keys::TEST_KEY_ID
        )
    );
    assert!(list_instances(&session).await.unwrap() > 0);
}

#[tokio::test]
async fn an_oauth_token_the_emulator_knows() {
    let secure = Secure::start().await;
    let session = secure
        .connect(&ChainInputs {
            oauth_token_env: Some(Secret::new(KNOWN_OAUTH)),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(list_instances(&session).await.unwrap() > 0);
    assert!(
        session
            .keeper
            .as_ref()
            .and_then(|k| k.expires_at())
            .is_some()
    );
}

#[tokio::test]
async fn an_oauth_token_the_emulator_rejects_gives_a_clear_error() {
    let secure = Secure::start().await;
    let err = secure
        .connect(&ChainInputs {
            oauth_token_env: Some(Secret::new("y0_unknown-secret-oauth")),
            ..Default::default()
        })
        .await
        .err()
        .expect("rejected")
        .to_string();
    assert!(
        err.starts_with("OAuth token from YC_TOKEN was rejected: UNAUTHENTICATED"),
        "{err}"
    );
    assert!(err.contains("may have expired or been revoked"), "{err}");
    assert!(!err.contains("y0_unknown-secret-oauth"), "{err}");
}

/// The test key's private key PEM, from the key file the emulator writes.
fn private_key_pem(secure: &Secure) -> String {
    let path = secure.dir.path().join("for-profile.json");
    sa_keys::write_key_file(&path).unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    json["private_key"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn yc_profiles_with_an_oauth_token_or_an_inline_key() {
    let secure = Secure::start().await;
    let indented: String = private_key_pem(&secure)
        .lines()
        .map(|l| format!("        {l}\n"))
        .collect();
    let config = format!(
        "current: oauth\nprofiles:\n  oauth:\n    token: {KNOWN_OAUTH}\n    folder-id: {}\n  robot:\n    service-account-key:\n      id: {}\n      service_account_id: {}\n      key_algorithm: RSA_2048\n      private_key: |\n{indented}    folder-id: {}\n",
        seed::STAGING_FOLDER_ID,
        sa_keys::TEST_KEY_ID,
        sa_keys::TEST_SERVICE_ACCOUNT_ID,
        seed::FOLDER_ID,
    );
    let home = secure.dir.path().join("home");
    let path = home.join(".config/yandex-cloud/config.yaml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, config).unwrap();
    let mut inputs = ChainInputs {
        yc_config: ycdash::auth::profile::default_config_path(Some(&home)),
        ..Default::default()
    };
    let current = secure.connect(&inputs).await.unwrap();
    assert_eq!(
        current.source,
        Some(CredentialSource::YcProfile {
            name: "oauth".into()
        })
    );
    assert_eq!(current.folder.as_deref(), Some(seed::STAGING_FOLDER_ID));
    list_instances(&current).await.unwrap();
    inputs.profile = Some("robot".into());
    let robot = secure.connect(&inputs).await.unwrap();
    assert_eq!(robot.folder.as_deref(), Some(seed::FOLDER_ID));
    assert!(list_instances(&robot).await.unwrap() > 0);
}

/// Answers every connection with one HTTP response carrying `token`, if the request asked
/// with `Metadata-Flavor: Google`.
fn fake_metadata_server(token: Secret) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut request = Vec::new();
            let mut buf = [0u8; 1024];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => request.extend_from_slice(&buf[..n]),
                }
            }
            let text = String::from_utf8_lossy(&request);
            let response = if text.contains("Metadata-Flavor: Google")
                && text
                    .starts_with("GET /computeMetadata/v1/instance/service-accounts/default/token ")
            {
                let body = format!(
                    r#"{{"access_token":"{}","expires_in":3600,"token_type":"Bearer"}}"#,
                    token.expose()
                );
                format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                    body.len()
                )
            } else {
                "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n".to_string()
            };
            let _ = stream.write_all(response.as_bytes());
        }
    });
    addr
}

#[tokio::test]
async fn the_vm_metadata_service() {
    let secure = Secure::start().await;
    let addr = fake_metadata_server(secure.iam_token().await);
    let session = secure
        .connect(&ChainInputs {
            metadata_addr: Some(addr.clone()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        session.source.as_ref().map(CredentialSource::describe),
        Some(format!("VM metadata service at {addr}"))
    );
    assert!(list_instances(&session).await.unwrap() > 0);
}

#[tokio::test]
async fn plaintext_to_a_non_loopback_address_is_refused_without_insecure() {
    let connection = Connection {
        endpoint: Some("http://192.0.2.10:50051".into()),
        ..Default::default()
    };
    let inputs = ChainInputs {
        iam_token_env: Some(Secret::new("t1.whatever")),
        ..Default::default()
    };
    let err = connect_with(&connection, &inputs)
        .await
        .err()
        .expect("refused")
        .to_string();
    assert!(
        err.contains("refusing plaintext") && err.contains("--insecure"),
        "{err}"
    );
    let insecure = Connection {
        insecure: true,
        ..connection
    };
    assert!(connect_with(&insecure, &inputs).await.is_ok());
}

#[tokio::test]
async fn tls_without_the_emulators_ca_is_a_readable_tls_error() {
    let secure = Secure::start().await;
    let connection = Connection {
        endpoint: Some(secure.emulator.endpoint()),
        ..Default::default()
    };
    let inputs = ChainInputs {
        iam_token_env: Some(Secret::new("t1.whatever")),
        ..Default::default()
    };
    let session = connect_with(&connection, &inputs).await.unwrap();
    let err = list_instances(&session).await.unwrap_err().to_string();
    assert!(err.contains("TLS handshake failed"), "{err}");
    assert!(err.contains("--ca-file"), "{err}");
}

#[tokio::test]
async fn a_yc_profile_endpoint_is_used_for_discovery() {
    let secure = Secure::start().await;
    let path = secure.dir.path().join("config.yaml");
    std::fs::write(
        &path,
        format!(
            "current: default\nprofiles:\n  default:\n    token: {KNOWN_OAUTH}\n    endpoint: {}\n",
            secure.emulator.addr
        ),
    )
    .unwrap();
    // No --endpoint: discovery at the profile's endpoint, TLS trusted through --ca-file.
    let connection = Connection {
        ca_file: Some(secure.ca_file.clone()),
        ..Default::default()
    };
    let inputs = ChainInputs {
        yc_config: Some(path),
        ..Default::default()
    };
    let session = connect_with(&connection, &inputs).await.unwrap();
    assert_eq!(session.cloud.target(), secure.emulator.addr.to_string());
    assert!(list_instances(&session).await.unwrap() > 0);
}
