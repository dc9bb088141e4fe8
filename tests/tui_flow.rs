//! Flow test of the TUI's model with the real runtime (`app::drive`) against the embedded
//! emulator: stop an instance from the model and watch the operation go from running to done and
//! the row change to STOPPED. No sleeps in the test: it waits on the runtime's messages.

mod common;

use std::time::{Duration, SystemTime};

use common::dashboard::settings;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ycdash::{
    api::{
        Cloud, RetryPolicy,
        operation::{OpResponse, OpState},
        proto::yandex::cloud::compute::v1::instance::Status,
    },
    app::{Model, Msg, drive, init, update},
    emulator::{Emulator, EmulatorConfig, seed},
};

fn press(model: &mut Model, c: char) -> Vec<ycdash::app::Effect> {
    update(
        model,
        Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
    )
}

#[tokio::test]
async fn stop_from_the_model_runs_to_done_and_the_row_turns_stopped() {
    // Long enough that the first answer (and a poll or two) still sees the operation running.
    let emulator = Emulator::spawn(EmulatorConfig {
        op_duration: Duration::from_millis(300),
        ..Default::default()
    })
    .await
    .expect("emulator");
    let cloud = Cloud::single(&emulator.endpoint(), false, None)
        .expect("client")
        .with_retry(RetryPolicy::none());
    let settings = settings(emulator.endpoint());
    let mut model = Model::new(settings, SystemTime::now(), (120, 30));
    let limit = Duration::from_secs(20);

    let effects = init(&mut model);
    let loaded = drive(cloud.clone(), &mut model, effects, |m| !m.listing.in_flight);
    tokio::time::timeout(limit, loaded)
        .await
        .expect("list loads");
    assert_eq!(model.instances.items.len(), seed::DEMO_INSTANCES);

    let row = model
        .instances
        .view
        .iter()
        .position(|&i| model.instances.items[i].id == seed::RUNNING_INSTANCE_ID)
        .expect("web-1 is listed");
    for _ in 0..row {
        press(&mut model, 'j');
    }
    let target = model.instances.selected_row().expect("a selection");
    assert_eq!(target.id, seed::RUNNING_INSTANCE_ID);

    assert!(press(&mut model, 's').is_empty(), "a confirm dialog first");
    let effects = press(&mut model, 'y');
    // Record every state the pane shows on the way, and the row's status meanwhile.
    let seen = std::cell::RefCell::new(Vec::new());
    let finished = drive(cloud, &mut model, effects, |m| {
        let Some(op) = m.ops.ops.first() else {
            return false;
        };
        let status = m
            .instances
            .find(seed::RUNNING_INSTANCE_ID)
            .map(|i| i.status());
        seen.borrow_mut().push((op.view.state.label(), status));
        op.view.state.is_final() && status == Some(Status::Stopped)
    });
    tokio::time::timeout(limit, finished)
        .await
        .expect("operation finishes and the row turns STOPPED");
    let seen = seen.into_inner();
    assert!(
        seen.iter().any(|(state, _)| *state == "running"),
        "{seen:?}"
    );
    assert_eq!(seen.last().map(|s| s.0), Some("done"));
    // Stop answers with google.protobuf.Empty: the row was re-read, not taken from the response.
    assert!(matches!(
        model.ops.ops[0].view.state,
        OpState::Done(OpResponse::Empty)
    ));
}
