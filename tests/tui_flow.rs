//! Flow test of the TUI's model with the real runtime (`app::drive`) against the embedded
//! emulator: stop an instance from the model and watch the operation go from running to done and
//! the row change to STOPPED. No sleeps in the test: it waits on the runtime's messages.

mod common;

use std::time::Duration;

use common::dashboard::{Dashboard, listed_with_ops_taking, press, run, select};
use crossterm::event::KeyCode;
use ycdash::{
    api::{
        operation::{OpResponse, OpState},
        proto::yandex::cloud::compute::v1::instance::Status,
    },
    emulator::seed,
};

#[tokio::test]
async fn stop_from_the_model_runs_to_done_and_the_row_turns_stopped() {
    // Long enough that the first answer (and a poll or two) still sees the operation running.
    let Dashboard {
        emulator: _emulator,
        cloud,
        mut model,
    } = listed_with_ops_taking(Duration::from_millis(300), (120, 30)).await;
    assert_eq!(model.instances.items.len(), seed::DEMO_INSTANCES);

    select(&mut model, seed::RUNNING_INSTANCE_ID);
    let target = model.instances.selected_row().expect("a selection");
    assert_eq!(target.id, seed::RUNNING_INSTANCE_ID);

    assert!(
        press(&mut model, KeyCode::Char('s')).is_empty(),
        "a confirm dialog first"
    );
    let effects = press(&mut model, KeyCode::Char('y'));
    // Record every state the pane shows on the way, and the row's status meanwhile.
    let seen = std::cell::RefCell::new(Vec::new());
    run(&cloud, &mut model, effects, |m| {
        let Some(op) = m.ops.ops.first() else {
            return false;
        };
        let status = m
            .instances
            .find(seed::RUNNING_INSTANCE_ID)
            .map(|i| i.status());
        seen.borrow_mut().push((op.view.state.label(), status));
        op.view.state.is_final() && status == Some(Status::Stopped)
    })
    .await;
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
