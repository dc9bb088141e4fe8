//! Flow test of requests the journal held as "sent, outcome unknown" (the dashboard quit while
//! they were in flight): the next start sends each again with its idempotency key through the
//! real runtime (`app::drive`) against the embedded emulator, then watches the operation. A
//! request that had reached the server is not applied twice; one that had not is applied once.

mod common;

use std::time::{Duration, SystemTime};

use base64::{Engine, engine::general_purpose::STANDARD};
use common::dashboard::{emulator_and_client, run, settings};
use prost::Message;
use ycdash::{
    api::{
        Cloud,
        operation::OpState,
        proto::yandex::cloud::compute::v1::{
            ListInstanceOperationsRequest, StopInstanceRequest, instance::Status,
        },
    },
    app::{
        Model, Msg,
        journal::{JournalEntry, SENT, SentRequest},
        update,
    },
    emulator::{EmulatorConfig, seed},
};

fn sent_stop(instance_id: &str, key: &str) -> JournalEntry {
    let body = StopInstanceRequest {
        instance_id: instance_id.into(),
    }
    .encode_to_vec();
    JournalEntry {
        idempotency_key: key.into(),
        request: Some(SentRequest {
            method: "stop".into(),
            body_base64: STANDARD.encode(body),
        }),
        description: "Stop instance".into(),
        instance_id: instance_id.into(),
        state: SENT.into(),
        ..JournalEntry::default()
    }
}

async fn stops_of(cloud: &Cloud, instance_id: &str) -> Vec<String> {
    let list = cloud
        .list_instance_operations(ListInstanceOperationsRequest {
            instance_id: instance_id.into(),
            page_size: 100,
            page_token: String::new(),
        })
        .await
        .expect("operations");
    list.operations
        .iter()
        .filter(|o| o.description.starts_with("Stop"))
        .map(|o| o.id.clone())
        .collect()
}

#[tokio::test]
async fn a_request_sent_before_quitting_is_resolved_once_at_the_next_start() {
    let (emulator, cloud) = emulator_and_client(EmulatorConfig {
        op_duration: Duration::from_millis(200),
        ..Default::default()
    })
    .await;
    let target = seed::RUNNING_INSTANCE_ID;
    // The first session's request reached the server before the dashboard quit.
    let first = cloud
        .stop_instance(
            StopInstanceRequest {
                instance_id: target.into(),
            },
            "key-reached",
        )
        .await
        .expect("stop accepted");

    let settings = settings(emulator.endpoint());
    let mut model = Model::new(settings, SystemTime::now(), (120, 30));
    let effects = update(
        &mut model,
        Msg::JournalLoaded(vec![sent_stop(target, "key-reached")]),
    );
    assert_eq!(model.requests_in_flight, 1);
    // The resent stop is tracked to its end.
    run(&cloud, &mut model, effects, |m| {
        m.ops.ops.first().is_some_and(|o| o.view.state.is_final())
    })
    .await;

    assert_eq!(model.ops.ops.len(), 1);
    let op = &model.ops.ops[0];
    assert_eq!(
        op.view.id, first.id,
        "the same key answers the same operation"
    );
    assert!(
        matches!(op.view.state, OpState::Done(_)),
        "{:?}",
        op.view.state
    );
    assert_eq!(
        stops_of(&cloud, target).await,
        std::slice::from_ref(&first.id),
        "applied once"
    );
    let instance = cloud.get_instance(target).await.expect("instance");
    assert_eq!(instance.status(), Status::Stopped);
    assert_eq!(model.requests_in_flight, 0);
}
