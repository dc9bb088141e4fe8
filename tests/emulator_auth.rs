//! The emulator's `--require-auth` IAM: OAuth exchange is refused unless a token was named or
//! `--accept-any-oauth` was given; issued tokens are pruned after they expire.

mod common;

use std::time::Duration;

use ycdash::{
    api::{
        Cloud,
        proto::yandex::cloud::iam::v1::{
            CreateIamTokenRequest, create_iam_token_request::Identity,
        },
    },
    auth::Secret,
    emulator::{EmulatorConfig, RunningEmulator},
};

async fn exchange(emulator: &RunningEmulator, oauth: &str) -> Result<(), tonic::Code> {
    let cloud = Cloud::single(&emulator.endpoint(), false, None).unwrap();
    cloud
        .create_iam_token(CreateIamTokenRequest {
            identity: Some(Identity::YandexPassportOauthToken(oauth.into())),
        })
        .await
        .map(drop)
        .map_err(|e| e.code)
}

#[tokio::test]
async fn require_auth_without_oauth_tokens_refuses_every_oauth_token() {
    let strict = common::start_with(EmulatorConfig {
        require_auth: true,
        ..Default::default()
    })
    .await;
    assert_eq!(
        exchange(&strict, "y0_anything").await,
        Err(tonic::Code::Unauthenticated)
    );
    let open = common::start_with(EmulatorConfig {
        require_auth: true,
        accept_any_oauth: true,
        ..Default::default()
    })
    .await;
    assert_eq!(exchange(&open, "y0_anything").await, Ok(()));
    let listed = common::start_with(EmulatorConfig {
        require_auth: true,
        oauth_tokens: vec![Secret::new("y0_listed")],
        ..Default::default()
    })
    .await;
    assert_eq!(exchange(&listed, "y0_listed").await, Ok(()));
    assert_eq!(
        exchange(&listed, "y0_other").await,
        Err(tonic::Code::Unauthenticated)
    );
    // Without --require-auth (the demo) any non-empty token still works.
    let demo = common::start().await;
    assert_eq!(exchange(&demo, "y0_anything").await, Ok(()));
}

#[tokio::test]
async fn expired_tokens_are_pruned_when_new_ones_are_issued() {
    let emulator = common::start_with(EmulatorConfig {
        token_ttl: Duration::ZERO,
        accept_any_oauth: true,
        require_auth: true,
        ..Default::default()
    })
    .await;
    for _ in 0..20 {
        exchange(&emulator, "y0_x").await.unwrap();
    }
    assert_eq!(emulator.issued_tokens(), 1);
}
