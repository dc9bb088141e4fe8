//! The `Cloud` client's guards for mutations against a faulty emulator in process: the key is
//! never dropped, a missed deadline is DEADLINE_EXCEEDED (not "cannot reach"), and waiting
//! rides out transient poll failures but never turns them into a failed operation.

use std::time::Duration;

use ycdash::{
    api::{
        Cloud, RetryPolicy, Transience, classify, idempotency_key, operation::PollSchedule,
        proto::yandex::cloud::compute::v1 as compute,
    },
    emulator::{Emulator, EmulatorConfig, RunningEmulator, seed},
};

async fn emulator(config: EmulatorConfig) -> (RunningEmulator, Cloud) {
    let emulator = Emulator::spawn(EmulatorConfig {
        op_duration: Duration::ZERO,
        ..config
    })
    .await
    .expect("emulator");
    let cloud = Cloud::single(&emulator.endpoint(), false, None)
        .expect("client")
        .with_retry(RetryPolicy::none());
    (emulator, cloud)
}

fn stop() -> compute::StopInstanceRequest {
    compute::StopInstanceRequest {
        instance_id: seed::RUNNING_INSTANCE_ID.into(),
    }
}

#[tokio::test]
async fn a_mutation_with_a_bad_key_is_not_sent_at_all() {
    let (_emulator, cloud) = emulator(EmulatorConfig::default()).await;
    for key in ["ключ-1", "", "a\nb"] {
        let err = cloud.stop_instance(stop(), key).await.unwrap_err();
        assert_eq!(err.code, tonic::Code::InvalidArgument, "{key:?}");
        assert!(err.message.contains("nothing was sent"), "{}", err.message);
    }
    let instance = cloud.get_instance(seed::RUNNING_INSTANCE_ID).await.unwrap();
    assert_eq!(instance.status, compute::instance::Status::Running as i32);
}

#[tokio::test]
async fn a_missed_deadline_is_a_timeout_and_the_late_change_was_made() {
    let (_emulator, cloud) = emulator(EmulatorConfig {
        latency: Duration::from_millis(400),
        ..Default::default()
    })
    .await;
    let impatient = cloud.clone().with_timeout(Duration::from_millis(50));
    let key = idempotency_key();
    let err = impatient.stop_instance(stop(), &key).await.unwrap_err();
    assert_eq!(err.code, tonic::Code::DeadlineExceeded);
    assert!(
        err.message.contains("timed out after 0.05 s"),
        "{}",
        err.message
    );
    assert!(!err.message.contains("cannot reach"), "{}", err.message);
    // The same key answers with the operation the late call started: no second stop.
    let op = cloud.stop_instance(stop(), &key).await.expect("replayed");
    let view = cloud
        .wait_operation(&op.id, PollSchedule::default(), |_| {})
        .await
        .expect("done");
    assert!(view.state.is_final());
    let ops = cloud
        .list_instance_operations(compute::ListInstanceOperationsRequest {
            instance_id: seed::RUNNING_INSTANCE_ID.into(),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(ops.operations.len(), 1);
}

#[tokio::test]
async fn waiting_gives_up_on_transient_poll_failures_only_after_its_patience() {
    let (_emulator, cloud) = emulator(EmulatorConfig {
        fail_rate: 1.0,
        ..Default::default()
    })
    .await;
    let schedule = PollSchedule {
        first: Duration::from_millis(1),
        max: Duration::from_millis(2),
        patience: Duration::from_millis(30),
    };
    let mut polls_seen = 0;
    let err = cloud
        .wait_operation("fhm00000000000000000", schedule, |_| polls_seen += 1)
        .await
        .unwrap_err();
    assert_eq!(err.code, tonic::Code::Unavailable);
    assert_eq!(classify(&err), Transience::Transient);
    assert_eq!(polls_seen, 0, "a failed poll is never reported as a state");
}

#[tokio::test]
async fn waiting_stops_at_once_on_a_permanent_poll_failure() {
    let (_emulator, cloud) = emulator(EmulatorConfig::default()).await;
    let schedule = PollSchedule {
        patience: Duration::from_secs(3600),
        ..PollSchedule::default()
    };
    let err = cloud
        .wait_operation("fhm00000000000000000", schedule, |_| {})
        .await
        .unwrap_err();
    assert_eq!(err.code, tonic::Code::NotFound);
    assert_eq!(classify(&err), Transience::Permanent);
}

#[tokio::test]
async fn waiting_polls_through_unavailable_answers_to_the_end() {
    let (_emulator, cloud) = emulator(EmulatorConfig {
        fail_rate: 0.6,
        ..Default::default()
    })
    .await;
    let patient = cloud.clone().with_retry(RetryPolicy {
        attempts: 60,
        initial: Duration::from_millis(1),
        max: Duration::from_millis(2),
    });
    let op = patient
        .stop_instance(stop(), &idempotency_key())
        .await
        .expect("sent");
    // The waiter's client does not retry: every UNAVAILABLE reaches the waiter itself.
    let schedule = PollSchedule {
        first: Duration::from_millis(1),
        max: Duration::from_millis(2),
        patience: Duration::from_secs(60),
    };
    let view = cloud
        .wait_operation(&op.id, schedule, |_| {})
        .await
        .expect("the waiter rides out failed polls");
    assert!(view.state.is_final(), "{:?}", view.state);
}
