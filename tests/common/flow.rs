//! The attach flow helpers shared by `attach_flow` and `attach_refusals`: an emulator in
//! process with a `Cloud` client, operations waited for without pausing, drafts and raw requests.

use std::time::Duration;

use ycdash::{
    api::{
        ApiError, Cloud, idempotency_key,
        operation::{OpResponse, OpState, PollSchedule},
        proto::yandex::cloud::compute::v1::{
            AttachInstanceNetworkInterfaceRequest, Instance, PrimaryAddressSpec,
        },
    },
    emulator::{Emulator, EmulatorConfig, RunningEmulator, seed},
    nic::{draft::AttachDraft, load::load_context},
};

pub const SUBNET_A: &str = seed::DEFAULT_SUBNET_IDS[0];
/// Polls without pausing: operations finish at once (`op_duration` zero).
pub const NO_PAUSE: PollSchedule = PollSchedule {
    first: Duration::ZERO,
    max: Duration::ZERO,
    patience: Duration::ZERO,
};

pub async fn start() -> (RunningEmulator, Cloud) {
    let emulator = Emulator::spawn(EmulatorConfig {
        op_duration: Duration::ZERO,
        ..Default::default()
    })
    .await
    .expect("emulator starts");
    let cloud = Cloud::single(&emulator.endpoint(), false, None).expect("client");
    (emulator, cloud)
}

/// Waits for an operation and returns the instance after it; panics if it failed.
pub async fn finish(cloud: &Cloud, operation_id: &str) -> Instance {
    let view = cloud
        .wait_operation(operation_id, NO_PAUSE, |_| {})
        .await
        .expect("poll");
    match view.state {
        OpState::Done(OpResponse::Instance(i)) => *i,
        // Stop and Start answer with Empty: read the instance.
        OpState::Done(_) => {
            let id = view.target.instance_id().expect("instance operation");
            cloud.get_instance(id).await.expect("get")
        }
        other => panic!("operation {operation_id} ended as {other:?}"),
    }
}

/// A minimal valid draft for `instance` in subnet A with the web group.
pub fn draft(instance: &str, index: &str) -> AttachDraft {
    AttachDraft {
        instance_id: instance.into(),
        index: index.into(),
        subnet_id: SUBNET_A.into(),
        security_group_ids: vec![seed::WEB_SG_ID.into()],
        ..Default::default()
    }
}

/// Loads the context, validates and attaches; returns the resulting instance.
pub async fn attach_validated(cloud: &Cloud, draft: &AttachDraft) -> Instance {
    let instance = cloud.get_instance(&draft.instance_id).await.expect("get");
    let ctx = load_context(cloud, &instance, Some(&draft.subnet_id))
        .await
        .expect("context");
    let request = draft.validate(&ctx).expect("valid draft");
    let op = cloud
        .attach_network_interface(request, &idempotency_key())
        .await
        .expect("attach accepted");
    finish(cloud, &op.id).await
}

/// A raw request (client validation bypassed) to the stopped instance in subnet A.
pub fn raw(index: &str) -> AttachInstanceNetworkInterfaceRequest {
    AttachInstanceNetworkInterfaceRequest {
        instance_id: seed::STOPPED_INSTANCE_ID.into(),
        network_interface_index: index.into(),
        subnet_id: SUBNET_A.into(),
        primary_v4_address_spec: Some(PrimaryAddressSpec::default()),
        security_group_ids: vec![seed::WEB_SG_ID.into()],
    }
}

/// Sends a request the server must refuse, at once or as a failed operation.
pub async fn refusal(cloud: &Cloud, request: AttachInstanceNetworkInterfaceRequest) -> ApiError {
    match cloud
        .attach_network_interface(request, &idempotency_key())
        .await
    {
        Err(e) => e,
        Ok(op) => {
            let view = cloud
                .wait_operation(&op.id, NO_PAUSE, |_| {})
                .await
                .expect("poll");
            match view.state {
                OpState::Failed(e) => e,
                other => panic!("expected a refusal, got {other:?}"),
            }
        }
    }
}
