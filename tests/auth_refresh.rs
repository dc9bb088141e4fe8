//! Token lifetime: background refresh before expiry without a failed call, and exactly one
//! refresh and one retry when the service says UNAUTHENTICATED.

mod common;

use std::{
    future::Future,
    pin::Pin,
    sync::{
        Arc,
        atomic::{AtomicU32, Ordering},
    },
    time::Duration,
};

use common::secure::{KNOWN_OAUTH, Secure, list_instances};
use ycdash::{
    api::{Cloud, TokenRefresh, Transport},
    auth::{ChainInputs, Secret},
    commands::Session,
    emulator::seed,
};

/// Bounds a wait that should end on its own (a hang guard, not a timing assertion).
const HANG_GUARD: Duration = Duration::from_secs(60);

async fn oauth_session(secure: &Secure) -> Session {
    secure
        .connect(&ChainInputs {
            oauth_token_env: Some(Secret::new(KNOWN_OAUTH)),
            ..Default::default()
        })
        .await
        .expect("connect")
}

#[tokio::test]
async fn tokens_are_refreshed_in_the_background_before_they_expire() {
    // Tokens live 2 s: the keeper refreshes at 90% (1.8 s). After two refreshes the first
    // token has expired, and calls still succeed without any on-demand refresh.
    let secure = Secure::start_with(Duration::from_secs(2)).await;
    let session = oauth_session(&secure).await;
    let keeper = session.keeper.as_ref().expect("keeper");
    let first = keeper.token().expect("token");
    let mut changes = keeper.subscribe();
    changes.borrow_and_update();
    for _ in 0..2 {
        tokio::time::timeout(HANG_GUARD, changes.changed())
            .await
            .expect("refreshed in time")
            .expect("keeper alive");
    }
    assert_ne!(keeper.token(), Some(first));
    assert!(list_instances(&session).await.unwrap() > 0);
    assert_eq!(keeper.on_demand_refreshes(), 0);
}

#[tokio::test]
async fn refresh_now_installs_a_new_token() {
    let secure = Secure::start().await;
    let session = oauth_session(&secure).await;
    let keeper = session.keeper.as_ref().expect("keeper");
    let before = session.cloud.token();
    keeper.refresh_now().await.unwrap();
    assert_ne!(session.cloud.token(), before);
    assert_eq!(session.cloud.token(), keeper.token());
    assert!(list_instances(&session).await.unwrap() > 0);
}

#[tokio::test]
async fn unauthenticated_triggers_one_refresh_and_one_retry() {
    let secure = Secure::start().await;
    let session = oauth_session(&secure).await;
    let keeper = session.keeper.as_ref().expect("keeper");
    secure.emulator.revoke_tokens();
    assert!(list_instances(&session).await.unwrap() > 0);
    assert_eq!(keeper.on_demand_refreshes(), 1);
    assert_eq!(secure.emulator.issued_tokens(), 1);
}

#[tokio::test]
async fn concurrent_rejections_share_one_new_token() {
    let secure = Secure::start().await;
    let session = oauth_session(&secure).await;
    secure.emulator.revoke_tokens();
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let cloud = session.cloud.clone();
        calls.spawn(async move { cloud.get_instance(seed::RUNNING_INSTANCE_ID).await });
    }
    while let Some(result) = calls.join_next().await {
        assert_eq!(result.unwrap().unwrap().id, seed::RUNNING_INSTANCE_ID);
    }
    assert_eq!(secure.emulator.issued_tokens(), 1);
}

/// A hook that counts calls and never gets a better token.
struct Useless(Arc<AtomicU32>);

impl TokenRefresh for Useless {
    fn refresh<'a>(
        &'a self,
        _rejected: Option<&'a Secret>,
    ) -> Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'a>> {
        self.0.fetch_add(1, Ordering::SeqCst);
        Box::pin(async { Ok(()) })
    }
}

#[tokio::test]
async fn a_refresh_that_does_not_help_is_not_repeated() {
    let secure = Secure::start().await;
    let transport = Transport {
        ca_pem: secure.emulator.ca_pem(),
        ..Default::default()
    };
    let cloud = Cloud::single_with(
        &secure.emulator.endpoint(),
        &transport,
        Some(Secret::new("t1.not-issued")),
    )
    .unwrap();
    let count = Arc::new(AtomicU32::new(0));
    cloud.set_refresh_hook(Some(Arc::new(Useless(count.clone()))));
    let err = cloud
        .get_instance(seed::RUNNING_INSTANCE_ID)
        .await
        .unwrap_err();
    assert_eq!(err.code, tonic::Code::Unauthenticated);
    assert_eq!(count.load(Ordering::SeqCst), 1);
}
