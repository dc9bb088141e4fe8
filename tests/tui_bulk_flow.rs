//! Flow test of a bulk stop from keys against the embedded emulator: Space marks two RUNNING
//! instances and a STOPPED one, `s` asks once (naming the skipped one), `y` sends one tracked
//! stop each; both finish, both rows turn STOPPED, and the emulator holds exactly one Stop
//! operation per instance. No sleeps: the test waits on the runtime's messages.

mod common;

use std::time::Duration;

use common::dashboard::{Dashboard, LIMIT, listed, press, select};
use crossterm::event::KeyCode;
use ycdash::{
    api::proto::yandex::cloud::compute::v1::{ListInstanceOperationsRequest, instance::Status},
    app::{
        Model, drive,
        model::{Overlay, Pending},
    },
    emulator::{EmulatorConfig, seed},
};

/// Moves the selection to `id` and marks it with Space.
fn mark(model: &mut Model, id: &str) {
    select(model, id);
    press(model, KeyCode::Char(' '));
}

#[tokio::test]
async fn bulk_stop_of_two_marked_instances_from_keys() {
    let Dashboard {
        emulator: _emulator,
        cloud,
        mut model,
    } = listed(
        EmulatorConfig {
            op_duration: Duration::from_millis(200),
            ..Default::default()
        },
        (120, 40),
    )
    .await;
    let limit = LIMIT;

    let first = seed::RUNNING_INSTANCE_ID.to_string();
    let second = model
        .instances
        .items
        .iter()
        .find(|r| r.status() == Status::Running && r.id != first)
        .map(|r| r.id.clone())
        .expect("a second RUNNING instance");
    mark(&mut model, &first);
    mark(&mut model, &second);
    mark(&mut model, seed::STOPPED_INSTANCE_ID);
    assert_eq!(model.instances.marks.len(), 3);

    assert!(
        press(&mut model, KeyCode::Char('s')).is_empty(),
        "a confirm dialog first"
    );
    let Some(Overlay::Confirm(confirm)) = &model.overlay else {
        panic!("no dialog");
    };
    assert!(!confirm.yes_selected);
    assert!(confirm.question.starts_with("Stop 2 marked instances?"));
    assert!(
        confirm.question.contains(&format!(
            "({}) is already STOPPED",
            seed::STOPPED_INSTANCE_ID
        )),
        "{}",
        confirm.question
    );
    assert!(matches!(&confirm.pending, Pending::BulkPower { targets, .. } if targets.len() == 2));

    let effects = press(&mut model, KeyCode::Char('y'));
    assert_eq!(effects.len(), 2, "one request per instance: {effects:?}");
    let (a, b) = (first.clone(), second.clone());
    let finished = drive(cloud.clone(), &mut model, effects, move |m| {
        let stopped = |id: &str| m.instances.find(id).map(|r| r.status()) == Some(Status::Stopped);
        m.ops.ops.len() == 2
            && m.ops.ops.iter().all(|o| o.view.state.is_final())
            && stopped(&a)
            && stopped(&b)
    });
    tokio::time::timeout(limit, finished)
        .await
        .expect("both stops finish and both rows turn STOPPED");
    for op in &model.ops.ops {
        assert_eq!(op.view.state.label(), "done");
    }
    let mut targets: Vec<&str> = model
        .ops
        .ops
        .iter()
        .filter_map(|o| o.view.target.instance_id())
        .collect();
    targets.sort();
    let mut expected = vec![first.as_str(), second.as_str()];
    expected.sort();
    assert_eq!(targets, expected);

    // The server saw exactly one Stop for each, and none for the skipped instance.
    for (id, stops) in [
        (first.as_str(), 1),
        (second.as_str(), 1),
        (seed::STOPPED_INSTANCE_ID, 0),
    ] {
        let history = cloud
            .list_instance_operations(ListInstanceOperationsRequest {
                instance_id: id.into(),
                page_size: 100,
                page_token: String::new(),
            })
            .await
            .expect("history");
        let seen = history
            .operations
            .iter()
            .filter(|o| o.description == "Stop instance")
            .count();
        assert_eq!(seen, stops, "{id}");
    }
    assert_eq!(
        model.instances.marks.len(),
        3,
        "marks stay after the action"
    );
}
