//! Emulator operations: lifecycle transitions, wrong states, cancel, quota, idempotency, history.

mod common;

use common::{clients, code, start, start_slow, wait};
use tonic::{Code, Request};
use ycdash::api::proto::yandex::cloud::compute::v1::{
    GetInstanceRequest, Instance, ListInstanceOperationsRequest, ListInstancesRequest,
    RestartInstanceRequest, StartInstanceRequest, StopInstanceRequest, instance::Status,
};
use ycdash::api::proto::yandex::cloud::operation::{
    CancelOperationRequest, GetOperationRequest, operation,
};
use ycdash::emulator::seed;

async fn status(c: &mut common::Instances, id: &str) -> i32 {
    c.get(GetInstanceRequest {
        instance_id: id.into(),
        view: 0,
    })
    .await
    .expect("get")
    .into_inner()
    .status
}

#[tokio::test]
async fn stop_start_restart_run_to_completion() {
    let emu = start().await;
    let (mut c, mut o) = clients(&emu).await;
    let id = seed::RUNNING_INSTANCE_ID;
    let op = c
        .stop(StopInstanceRequest {
            instance_id: id.into(),
        })
        .await
        .expect("stop")
        .into_inner();
    assert_eq!(op.description, "Stop instance");
    assert_eq!(op.created_by, "emulator");
    assert_eq!(op.id.len(), 20);
    let meta = op.metadata.as_ref().expect("metadata");
    assert!(
        meta.type_url
            .ends_with("yandex.cloud.compute.v1.StopInstanceMetadata")
    );
    let done = wait(&mut o, &op.id).await;
    match done.result {
        Some(operation::Result::Response(any)) => {
            assert!(any.type_url.ends_with("google.protobuf.Empty"))
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(status(&mut c, id).await, Status::Stopped as i32);
    assert_eq!(
        code(
            c.stop(StopInstanceRequest {
                instance_id: id.into()
            })
            .await
        )
        .0,
        Code::FailedPrecondition
    );

    let op = c
        .start(StartInstanceRequest {
            instance_id: id.into(),
        })
        .await
        .expect("start")
        .into_inner();
    let done = wait(&mut o, &op.id).await;
    match done.result {
        Some(operation::Result::Response(any)) => {
            let inst: Instance = any.to_msg().expect("instance");
            assert_eq!(inst.status, Status::Running as i32);
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(
        code(
            c.start(StartInstanceRequest {
                instance_id: id.into()
            })
            .await
        )
        .0,
        Code::FailedPrecondition
    );
    let op = c
        .restart(RestartInstanceRequest {
            instance_id: id.into(),
        })
        .await
        .expect("restart")
        .into_inner();
    wait(&mut o, &op.id).await;
    assert_eq!(status(&mut c, id).await, Status::Running as i32);

    let history = c
        .list_operations(ListInstanceOperationsRequest {
            instance_id: id.into(),
            ..Default::default()
        })
        .await
        .expect("history")
        .into_inner();
    let descriptions: Vec<_> = history
        .operations
        .iter()
        .map(|o| o.description.as_str())
        .collect();
    assert_eq!(
        descriptions,
        ["Restart instance", "Start instance", "Stop instance"]
    );
    let page = c
        .list_operations(ListInstanceOperationsRequest {
            instance_id: id.into(),
            page_size: 2,
            ..Default::default()
        })
        .await
        .expect("page")
        .into_inner();
    assert_eq!(page.operations.len(), 2);
    assert!(!page.next_page_token.is_empty());
}

#[tokio::test]
async fn rejects_bad_ids_and_transitional_states() {
    let emu = start().await;
    let (mut c, mut o) = clients(&emu).await;
    assert_eq!(
        code(
            c.stop(StopInstanceRequest {
                instance_id: String::new()
            })
            .await
        )
        .0,
        Code::InvalidArgument
    );
    assert_eq!(
        code(
            c.stop(StopInstanceRequest {
                instance_id: "fhmnosuch00000000000".into()
            })
            .await
        )
        .0,
        Code::NotFound
    );
    let (code_, msg) = code(
        c.stop(StopInstanceRequest {
            instance_id: seed::UPDATING_INSTANCE_ID.into(),
        })
        .await,
    );
    assert_eq!(code_, Code::FailedPrecondition);
    assert!(msg.contains("UPDATING"), "{msg}");
    assert_eq!(
        code(
            o.get(GetOperationRequest {
                operation_id: "fhmnosuch00000000000".into()
            })
            .await
        )
        .0,
        Code::NotFound
    );
    assert_eq!(
        code(
            o.get(GetOperationRequest {
                operation_id: String::new()
            })
            .await
        )
        .0,
        Code::InvalidArgument
    );
}

#[tokio::test]
async fn transitional_status_busy_and_cancel_rolls_back() {
    let emu = start_slow().await;
    let (mut c, mut o) = clients(&emu).await;
    let id = seed::RUNNING_INSTANCE_ID;
    let op = c
        .stop(StopInstanceRequest {
            instance_id: id.into(),
        })
        .await
        .expect("stop")
        .into_inner();
    assert!(!op.done);
    assert_eq!(status(&mut c, id).await, Status::Stopping as i32);
    let (code_, msg) = code(
        c.restart(RestartInstanceRequest {
            instance_id: id.into(),
        })
        .await,
    );
    assert_eq!(code_, Code::FailedPrecondition);
    assert!(msg.contains("in progress"), "{msg}");
    let cancelled = o
        .cancel(CancelOperationRequest {
            operation_id: op.id.clone(),
        })
        .await
        .expect("cancel")
        .into_inner();
    assert!(cancelled.done);
    match &cancelled.result {
        Some(operation::Result::Error(e)) => {
            assert_eq!(e.code, Code::Cancelled as i32);
            assert_eq!(e.message, "operation cancelled");
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(status(&mut c, id).await, Status::Running as i32);
    let again = o
        .cancel(CancelOperationRequest {
            operation_id: op.id.clone(),
        })
        .await
        .expect("cancel")
        .into_inner();
    assert_eq!(again, cancelled);
}

#[tokio::test]
async fn folder_quota_is_fifteen_running_operations() {
    let emu = start_slow().await;
    let (mut c, _) = clients(&emu).await;
    let running: Vec<String> = c
        .list(ListInstancesRequest {
            folder_id: seed::FOLDER_ID.into(),
            filter: "status = \"RUNNING\"".into(),
            ..Default::default()
        })
        .await
        .expect("list")
        .into_inner()
        .instances
        .into_iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(running.len(), 16);
    for id in &running[..15] {
        c.stop(StopInstanceRequest {
            instance_id: id.clone(),
        })
        .await
        .expect("stop");
    }
    let (code_, msg) = code(
        c.stop(StopInstanceRequest {
            instance_id: running[15].clone(),
        })
        .await,
    );
    assert_eq!(code_, Code::ResourceExhausted);
    assert!(msg.contains("15"), "{msg}");
}

#[tokio::test]
async fn idempotency_key_replays_the_same_operation() {
    let emu = start().await;
    let (mut c, mut o) = clients(&emu).await;
    let stop = |id: &str, key: &str| {
        let mut r = Request::new(StopInstanceRequest {
            instance_id: id.into(),
        });
        r.metadata_mut()
            .insert("idempotency-key", key.parse().expect("ascii"));
        r
    };
    let first = c
        .stop(stop(seed::RUNNING_INSTANCE_ID, "k-1"))
        .await
        .expect("stop")
        .into_inner();
    wait(&mut o, &first.id).await;
    let second = c
        .stop(stop(seed::RUNNING_INSTANCE_ID, "k-1"))
        .await
        .expect("replay")
        .into_inner();
    assert_eq!(first.id, second.id);
    assert!(second.done);
    let (code_, msg) = code(c.stop(stop("fhmisai3ctkp8tibpfh9", "k-1")).await);
    assert_eq!(code_, Code::InvalidArgument);
    assert!(msg.contains("idempotency-key"), "{msg}");
}

/// Polls `probe` every few milliseconds until `done` says so, collecting each distinct value.
async fn distinct_until<T: PartialEq + Clone, F, Fut>(
    mut probe: F,
    done: impl Fn(&T) -> bool,
) -> Vec<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = T>,
{
    let mut seen: Vec<T> = Vec::new();
    for _ in 0..2_000 {
        let value = probe().await;
        if seen.last() != Some(&value) {
            seen.push(value.clone());
        }
        if done(&value) {
            return seen;
        }
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    panic!("never finished");
}

/// Operations that run one second, so every step is seen by polling.
async fn start_one_second(op_fail_rate: f64) -> ycdash::emulator::RunningEmulator {
    common::start_with(ycdash::emulator::EmulatorConfig {
        op_duration: std::time::Duration::from_secs(1),
        op_fail_rate,
        ..Default::default()
    })
    .await
}

#[tokio::test]
async fn start_goes_through_provisioning_and_starting() {
    let emu = start_one_second(0.0).await;
    let (mut c, _) = clients(&emu).await;
    let id = seed::STOPPED_INSTANCE_ID;
    c.start(StartInstanceRequest {
        instance_id: id.into(),
    })
    .await
    .expect("start");
    let seen = distinct_until(
        || {
            let mut c = c.clone();
            async move { status(&mut c, id).await }
        },
        |s| *s == Status::Running as i32,
    )
    .await;
    assert_eq!(
        seen,
        [Status::Provisioning, Status::Starting, Status::Running].map(|s| s as i32)
    );
}

#[tokio::test]
async fn a_failing_operation_shows_its_error_while_rolling_back_then_is_done() {
    let emu = start_one_second(1.0).await;
    let (mut c, o) = clients(&emu).await;
    let id = seed::RUNNING_INSTANCE_ID;
    let op = c
        .stop(StopInstanceRequest {
            instance_id: id.into(),
        })
        .await
        .expect("stop")
        .into_inner();
    let seen = distinct_until(
        || {
            let mut o = o.clone();
            let op_id = op.id.clone();
            async move {
                let op = o
                    .get(GetOperationRequest {
                        operation_id: op_id,
                    })
                    .await
                    .expect("get")
                    .into_inner();
                let error = match op.result {
                    Some(operation::Result::Error(e)) => Some(e.code),
                    _ => None,
                };
                (op.done, error)
            }
        },
        |(done, _)| *done,
    )
    .await;
    let internal = Some(Code::Internal as i32);
    assert_eq!(seen, [(false, None), (false, internal), (true, internal)]);
    assert_eq!(status(&mut c, id).await, Status::Running as i32);
}

#[tokio::test]
async fn a_start_can_be_cancelled_back_to_stopped() {
    let emu = start_slow().await;
    let (mut c, mut o) = clients(&emu).await;
    let op = c
        .start(StartInstanceRequest {
            instance_id: seed::STOPPED_INSTANCE_ID.into(),
        })
        .await
        .expect("start")
        .into_inner();
    let cancelled = o
        .cancel(CancelOperationRequest {
            operation_id: op.id,
        })
        .await
        .expect("a start is cancellable")
        .into_inner();
    assert!(cancelled.done);
    assert_eq!(
        status(&mut c, seed::STOPPED_INSTANCE_ID).await,
        Status::Stopped as i32
    );
}
