//! The `Cloud` client against the emulator in process: retries, idempotency, errors, polling.

use std::time::Duration;

use ycdash::{
    api::{
        Cloud, RetryPolicy, idempotency_key,
        operation::{OpResponse, OpState, PollSchedule},
        proto::yandex::cloud::compute::v1 as compute,
    },
    emulator::{Emulator, EmulatorConfig, seed},
};

fn fast_ops() -> EmulatorConfig {
    EmulatorConfig {
        op_duration: Duration::ZERO,
        ..Default::default()
    }
}

fn quick_retries(attempts: u32) -> RetryPolicy {
    RetryPolicy {
        attempts,
        initial: Duration::from_millis(1),
        max: Duration::from_millis(2),
    }
}

fn poll_fast() -> PollSchedule {
    PollSchedule {
        first: Duration::from_millis(1),
        max: Duration::from_millis(5),
        patience: Duration::ZERO,
    }
}

fn attach_request(index: &str) -> compute::AttachInstanceNetworkInterfaceRequest {
    compute::AttachInstanceNetworkInterfaceRequest {
        instance_id: seed::STOPPED_INSTANCE_ID.into(),
        network_interface_index: index.into(),
        subnet_id: seed::DEFAULT_SUBNET_IDS[0].into(),
        primary_v4_address_spec: Some(compute::PrimaryAddressSpec::default()),
        security_group_ids: vec![seed::WEB_SG_ID.into()],
    }
}

#[tokio::test]
async fn unavailable_reads_are_retried_until_they_succeed() {
    let emulator = Emulator::spawn(EmulatorConfig {
        fail_rate: 0.5,
        ..fast_ops()
    })
    .await
    .unwrap();
    // 40 attempts at a 50% failure rate: all failing has a chance of 1e-12.
    let cloud = Cloud::single(&emulator.endpoint(), false, None)
        .unwrap()
        .with_retry(quick_retries(40));
    for _ in 0..10 {
        let instance = cloud.get_instance(seed::RUNNING_INSTANCE_ID).await.unwrap();
        assert_eq!(instance.id, seed::RUNNING_INSTANCE_ID);
    }
}

#[tokio::test]
async fn retries_give_up_with_the_last_error_and_its_request_id() {
    let emulator = Emulator::spawn(EmulatorConfig {
        fail_rate: 1.0,
        ..fast_ops()
    })
    .await
    .unwrap();
    let cloud = Cloud::single(&emulator.endpoint(), false, None)
        .unwrap()
        .with_retry(quick_retries(3));
    let err = cloud
        .get_instance(seed::RUNNING_INSTANCE_ID)
        .await
        .unwrap_err();
    assert_eq!(err.code, tonic::Code::Unavailable);
    assert!(!err.request_id.is_empty());
    assert!(err.summary().contains("UNAVAILABLE"), "{}", err.summary());
}

#[tokio::test]
async fn refusals_keep_their_status_code() {
    let emulator = Emulator::spawn(fast_ops()).await.unwrap();
    let cloud = Cloud::single(&emulator.endpoint(), false, None).unwrap();
    let err = cloud
        .stop_instance(
            compute::StopInstanceRequest {
                instance_id: seed::STOPPED_INSTANCE_ID.into(),
            },
            &idempotency_key(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code, tonic::Code::FailedPrecondition);
    let err = cloud
        .get_instance("fhmnosuchinstance000")
        .await
        .unwrap_err();
    assert_eq!(err.code, tonic::Code::NotFound);
}

#[tokio::test]
async fn a_retried_attach_with_the_same_key_attaches_once() {
    let emulator = Emulator::spawn(fast_ops()).await.unwrap();
    let cloud = Cloud::single(&emulator.endpoint(), false, None).unwrap();
    let before = cloud.get_instance(seed::STOPPED_INSTANCE_ID).await.unwrap();
    let key = idempotency_key();
    let first = cloud
        .attach_network_interface(attach_request("5"), &key)
        .await
        .unwrap();
    let second = cloud
        .attach_network_interface(attach_request("5"), &key)
        .await
        .unwrap();
    assert_eq!(first.id, second.id);
    let done = cloud
        .wait_operation(&first.id, poll_fast(), |_| {})
        .await
        .unwrap();
    let OpState::Done(OpResponse::Instance(after)) = done.state else {
        panic!("attach did not finish with an instance: {:?}", done.state);
    };
    assert_eq!(
        after.network_interfaces.len(),
        before.network_interfaces.len() + 1
    );
    assert_eq!(
        after
            .network_interfaces
            .iter()
            .filter(|n| n.index == "5")
            .count(),
        1
    );
}

#[tokio::test]
async fn wait_reports_each_state_once_and_ends_done() {
    let emulator = Emulator::spawn(fast_ops()).await.unwrap();
    let cloud = Cloud::single(&emulator.endpoint(), false, None).unwrap();
    let op = cloud
        .stop_instance(
            compute::StopInstanceRequest {
                instance_id: seed::RUNNING_INSTANCE_ID.into(),
            },
            &idempotency_key(),
        )
        .await
        .unwrap();
    let mut seen = Vec::new();
    let done = cloud
        .wait_operation(&op.id, poll_fast(), |v| seen.push(v.state.clone()))
        .await
        .unwrap();
    assert_eq!(done.state, OpState::Done(OpResponse::Empty));
    assert_eq!(seen.last(), Some(&done.state));
    assert!(seen.windows(2).all(|w| w[0] != w[1]), "{seen:?}");
    assert_eq!(done.target.instance_id(), Some(seed::RUNNING_INSTANCE_ID));
    let instance = cloud.get_instance(seed::RUNNING_INSTANCE_ID).await.unwrap();
    assert_eq!(instance.status, compute::instance::Status::Stopped as i32);
}
