//! Seeded transitional instances complete through operations (issue 13 item 8): each gets one
//! operation, visible in ListOperations while it runs, and ends in the status its change leads
//! to; DELETING ends with the instance gone. With the default configuration the seed stays
//! frozen as it is at t=0.

mod common;

use common::{clients, start_with, wait};
use std::time::Duration;
use tonic::Code;
use ycdash::api::proto::yandex::cloud::compute::v1::{
    DeleteInstanceMetadata, GetInstanceRequest, ListInstanceOperationsRequest,
    ListInstancesRequest, StopInstanceRequest, UpdateInstanceMetadata, instance::Status,
};
use ycdash::api::proto::yandex::cloud::operation::operation;
use ycdash::emulator::{EmulatorConfig, seed};

/// (name, seeded status, description of its operation, status after it)
const TRANSITIONS: [(&str, Status, &str, Option<Status>); 6] = [
    (
        "worker-1",
        Status::Provisioning,
        "Start instance",
        Some(Status::Running),
    ),
    (
        "worker-2",
        Status::Starting,
        "Start instance",
        Some(Status::Running),
    ),
    (
        "worker-3",
        Status::Stopping,
        "Stop instance",
        Some(Status::Stopped),
    ),
    (
        "etl-runner",
        Status::Restarting,
        "Restart instance",
        Some(Status::Running),
    ),
    (
        "vpn-gw",
        Status::Updating,
        "Update instance",
        Some(Status::Running),
    ),
    ("tmp-debug", Status::Deleting, "Delete instance", None),
];

/// tmp-debug, seeded DELETING.
const TMP_DEBUG_ID: &str = "fhmgm2h917phm02uj7ea";

fn config(op_duration: Duration, seeded_transitions: bool) -> EmulatorConfig {
    EmulatorConfig {
        op_duration,
        seeded_transitions,
        ..Default::default()
    }
}

/// The demo folder's instances as (name, id, status).
async fn demo_instances(c: &mut common::Instances) -> Vec<(String, String, i32)> {
    c.list(ListInstancesRequest {
        folder_id: seed::FOLDER_ID.into(),
        page_size: 1000,
        ..Default::default()
    })
    .await
    .expect("list")
    .into_inner()
    .instances
    .into_iter()
    .map(|i| (i.name, i.id, i.status))
    .collect()
}

fn id_of(list: &[(String, String, i32)], name: &str) -> String {
    list.iter()
        .find(|(n, _, _)| n == name)
        .map(|(_, id, _)| id.clone())
        .unwrap_or_else(|| panic!("{name} is seeded"))
}

#[tokio::test]
async fn each_seeded_transition_runs_as_an_operation_listed_on_its_instance() {
    let emu = start_with(config(Duration::from_secs(3600), true)).await;
    let (mut c, _) = clients(&emu).await;
    let list = demo_instances(&mut c).await;
    for (name, seeded, description, _) in TRANSITIONS {
        let id = id_of(&list, name);
        let status = list.iter().find(|(n, _, _)| n == name).map(|e| e.2);
        assert_eq!(status, Some(seeded as i32), "{name} still in transition");
        let ops = c
            .list_operations(ListInstanceOperationsRequest {
                instance_id: id.clone(),
                ..Default::default()
            })
            .await
            .expect("list operations")
            .into_inner()
            .operations;
        assert_eq!(ops.len(), 1, "{name}: one operation");
        assert_eq!(ops[0].description, description, "{name}");
        assert!(!ops[0].done, "{name}: runs over the operation duration");
        let meta = ops[0].metadata.clone().expect("metadata");
        let about = match seeded {
            Status::Updating => meta
                .to_msg::<UpdateInstanceMetadata>()
                .map(|m| m.instance_id),
            Status::Deleting => meta
                .to_msg::<DeleteInstanceMetadata>()
                .map(|m| m.instance_id),
            _ => Ok(id.clone()),
        };
        assert_eq!(about.expect("metadata decodes"), id, "{name}");
    }
    // The busy instance refuses another change until its operation ends.
    let busy = c
        .stop(StopInstanceRequest {
            instance_id: id_of(&list, "etl-runner"),
        })
        .await
        .expect_err("etl-runner is busy restarting");
    assert_eq!(busy.code(), Code::FailedPrecondition, "{busy:?}");
}

#[tokio::test]
async fn seeded_transitions_complete_and_deleting_removes_the_instance() {
    let emu = start_with(config(Duration::ZERO, true)).await;
    let (mut c, mut o) = clients(&emu).await;
    let gone = TMP_DEBUG_ID.to_string();
    // Bounded: the zero-length operations finish within a few turns of the runtime.
    let mut deleted = false;
    for _ in 0..10_000 {
        let got = c
            .get(GetInstanceRequest {
                instance_id: gone.clone(),
                view: 0,
            })
            .await;
        if matches!(&got, Err(e) if e.code() == Code::NotFound) {
            deleted = true;
            break;
        }
        tokio::task::yield_now().await;
    }
    assert!(deleted, "tmp-debug (DELETING) is deleted");
    let list = demo_instances(&mut c).await;
    assert!(list.iter().all(|(n, _, _)| n != "tmp-debug"), "not listed");
    assert_eq!(list.len(), seed::DEMO_INSTANCES - 1);
    for (name, _, _, after) in TRANSITIONS {
        let Some(after) = after else { continue };
        let id = id_of(&list, name);
        let ops = c
            .list_operations(ListInstanceOperationsRequest {
                instance_id: id.clone(),
                ..Default::default()
            })
            .await
            .expect("list operations")
            .into_inner()
            .operations;
        assert_eq!(ops.len(), 1, "{name}");
        let done = wait(&mut o, &ops[0].id).await;
        assert!(
            matches!(done.result, Some(operation::Result::Response(_))),
            "{name}: {done:?}"
        );
        let status = c
            .get(GetInstanceRequest {
                instance_id: id,
                view: 0,
            })
            .await
            .expect("get")
            .into_inner()
            .status;
        assert_eq!(status, after as i32, "{name} ends {}", after.as_str_name());
    }
}

#[tokio::test]
async fn by_default_the_seed_stays_as_it_is_at_t0() {
    let emu = start_with(config(Duration::ZERO, false)).await;
    let (mut c, _) = clients(&emu).await;
    let list = demo_instances(&mut c).await;
    assert_eq!(list.len(), seed::DEMO_INSTANCES);
    for (name, seeded, _, _) in TRANSITIONS {
        let id = id_of(&list, name);
        let ops = c
            .list_operations(ListInstanceOperationsRequest {
                instance_id: id.clone(),
                ..Default::default()
            })
            .await
            .expect("list operations")
            .into_inner()
            .operations;
        assert!(ops.is_empty(), "{name}: no operation");
        let status = list.iter().find(|(n, _, _)| n == name).map(|e| e.2);
        assert_eq!(status, Some(seeded as i32), "{name}");
    }
}
