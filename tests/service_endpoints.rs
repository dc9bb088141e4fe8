//! Per-service endpoint overrides on top of discovery: one service goes elsewhere, the rest
//! stay where discovery (at the yc profile's endpoint) says.

use std::time::Duration;

use ycdash::{
    api::proto::yandex::cloud::resourcemanager::v1::ListCloudsRequest,
    auth::ChainInputs,
    cli::Connection,
    commands::{connect_with, instances},
    emulator::{Emulator, EmulatorConfig, TlsIdentity, seed},
};

#[tokio::test]
async fn an_override_sends_one_service_elsewhere() {
    let tls = TlsIdentity::generate().unwrap();
    let main = Emulator::spawn(EmulatorConfig {
        tls: Some(tls.clone()),
        require_auth: true,
        oauth_tokens: vec![ycdash::auth::Secret::new("y0_ok")],
        ..Default::default()
    })
    .await
    .unwrap();
    // The override target fails every call, so reaching it is visible.
    let broken = Emulator::spawn(EmulatorConfig {
        tls: Some(tls.clone()),
        fail_rate: 1.0,
        op_duration: Duration::ZERO,
        ..Default::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let ca_file = dir.path().join("ca.pem");
    std::fs::write(&ca_file, &tls.ca_pem).unwrap();
    let config = dir.path().join("config.yaml");
    std::fs::write(
        &config,
        format!(
            "current: p\nprofiles:\n  p:\n    token: y0_ok\n    endpoint: {}\n",
            main.addr
        ),
    )
    .unwrap();
    let connection = Connection {
        ca_file: Some(ca_file),
        service_endpoint: vec![("compute".into(), broken.addr.to_string())],
        ..Default::default()
    };
    let inputs = ChainInputs {
        yc_config: Some(config),
        ..Default::default()
    };
    let session = connect_with(&connection, &inputs).await.unwrap();
    let clouds = session
        .cloud
        .list_clouds(ListCloudsRequest::default())
        .await
        .unwrap();
    assert!(!clouds.clouds.is_empty());
    let err = instances::list_all(&session.cloud, seed::FOLDER_ID, None)
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("injected failure"), "{err}");
}
