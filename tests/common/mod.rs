//! Shared helpers for the emulator integration tests: start an emulator, wait for operations.
#![allow(dead_code)]

pub mod dashboard;
pub mod flow;
pub mod process;
pub mod secure;

use std::time::Duration;
use ycdash::api::proto::yandex::cloud::compute::v1::instance_service_client::InstanceServiceClient;
use ycdash::api::proto::yandex::cloud::operation::{
    GetOperationRequest, Operation, operation_service_client::OperationServiceClient,
};
use ycdash::emulator::{Emulator, EmulatorConfig, RunningEmulator};

pub type Instances = InstanceServiceClient<tonic::transport::Channel>;
pub type Operations = OperationServiceClient<tonic::transport::Channel>;

pub async fn start_with(config: EmulatorConfig) -> RunningEmulator {
    Emulator::spawn(config).await.expect("emulator starts")
}

pub async fn start() -> RunningEmulator {
    start_with(EmulatorConfig {
        op_duration: Duration::ZERO,
        ..Default::default()
    })
    .await
}

/// An emulator whose operations stay running for the whole test.
pub async fn start_slow() -> RunningEmulator {
    start_with(EmulatorConfig {
        op_duration: Duration::from_secs(3600),
        ..Default::default()
    })
    .await
}

pub async fn clients(emu: &RunningEmulator) -> (Instances, Operations) {
    let i = InstanceServiceClient::connect(emu.endpoint())
        .await
        .expect("connect");
    let o = OperationServiceClient::connect(emu.endpoint())
        .await
        .expect("connect");
    (i, o)
}

/// Polls OperationService.Get until the operation is done (bounded retries, no sleeps).
pub async fn wait(ops: &mut Operations, id: &str) -> Operation {
    for _ in 0..10_000 {
        let op = ops
            .get(GetOperationRequest {
                operation_id: id.into(),
            })
            .await
            .expect("operation get")
            .into_inner();
        if op.done {
            return op;
        }
        tokio::task::yield_now().await;
    }
    panic!("operation {id} never completed");
}

pub fn code<T: std::fmt::Debug>(r: Result<T, tonic::Status>) -> (tonic::Code, String) {
    let e = r.expect_err("call should fail");
    (e.code(), e.message().to_string())
}
