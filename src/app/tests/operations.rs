//! `update()` tests of operations: confirm dialogs, state changes, failures, the journal.

use std::time::Duration;

use crossterm::event::KeyCode;

use crate::api::{
    ApiError,
    operation::{OpResponse, OpState},
    proto::yandex::cloud::compute::v1::instance::Status,
};
use crate::app::{
    Effect, Focus, Msg, PowerAction,
    fixtures::{
        ch, confirm_dialog, error, instance, key, loaded, now, op_done, operation, poll_effect,
        polled, power_answered, power_effect, power_started, response, stop_started,
    },
    journal::JournalEntry,
    model::{Level, Overlay},
    operations::PollHealth,
    update,
};

#[test]
fn confirm_defaults_to_no() {
    let mut model = loaded(3);
    update(&mut model, ch('s'));
    let confirm = confirm_dialog(&model);
    assert!(!confirm.yes_selected);
    assert!(
        update(&mut model, key(KeyCode::Enter)).is_empty(),
        "Enter on the default does nothing"
    );
    assert!(model.overlay.is_none());
    update(&mut model, ch('S'));
    assert!(update(&mut model, key(KeyCode::Esc)).is_empty());
    update(&mut model, ch('R'));
    assert!(
        update(&mut model, ch('q')).is_empty() && !model.quit,
        "q inside a dialog does not quit"
    );
    update(&mut model, key(KeyCode::Right));
    let effects = update(&mut model, key(KeyCode::Enter));
    let id = model.instances.items[0].id.clone();
    assert_eq!(effects, [power_effect(PowerAction::Restart, &id)]);
    update(&mut model, ch('s'));
    assert_eq!(
        update(&mut model, ch('y')),
        [power_effect(PowerAction::Stop, &id)]
    );
}

#[test]
fn operation_runs_rolls_back_fails_and_the_failure_stays() {
    let mut model = loaded(3);
    let id = model.instances.items[0].id.clone();
    let effects = power_started(&mut model, PowerAction::Stop, &id, "op1");
    assert!(effects.contains(&poll_effect("op1", 0)));
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::WriteJournal(j) if j.upsert.len() == 1))
    );
    assert_eq!(model.instances.items[0].status(), Status::Stopping);
    assert_eq!(model.ops.ops[0].target_name, "web-00");
    let effects = polled(&mut model, "op1", 0, Ok(operation("op1", &id, false, None)));
    assert_eq!(effects, [poll_effect("op1", 1)]);
    let effects = polled(
        &mut model,
        "op1",
        1,
        Ok(operation("op1", &id, false, error(9, "disk busy"))),
    );
    assert!(
        matches!(model.ops.ops[0].view.state, OpState::RollingBack(ref e) if e.message == "disk busy")
    );
    assert_eq!(model.ops.ops[0].view.state.label(), "failed, rolling back");
    assert!(effects.contains(&poll_effect("op1", 2)));
    let effects = polled(
        &mut model,
        "op1",
        2,
        Ok(operation("op1", &id, true, error(9, "disk busy"))),
    );
    assert!(
        matches!(model.ops.ops[0].view.state, OpState::Failed(ref e) if e.code == tonic::Code::FailedPrecondition)
    );
    assert!(
        effects.contains(&Effect::LoadInstance {
            instance_id: id.clone()
        }),
        "re-read the instance to see what is real: {effects:?}"
    );
    assert!(
        model
            .toasts
            .iter()
            .any(|t| t.level == Level::Error && t.text.contains("FAILED_PRECONDITION"))
    );
    // A late poll answer does not resurrect it.
    let effects = polled(&mut model, "op1", 3, Ok(operation("op1", &id, false, None)));
    assert!(effects.is_empty());
    assert!(matches!(model.ops.ops[0].view.state, OpState::Failed(_)));
}

#[test]
fn done_operation_updates_the_instance_from_its_response() {
    let mut model = loaded(3);
    let id = model.instances.items[1].id.clone();
    power_started(&mut model, PowerAction::Stop, &id, "op2");
    let stopped = instance(1, Status::Stopped);
    let effects = op_done(&mut model, "op2", &id, response(&stopped));
    assert!(!effects.iter().any(|e| matches!(
        e,
        Effect::PollOperation { .. } | Effect::ListInstances { .. }
    )));
    assert_eq!(
        model.instances.find(&id).map(|i| i.status()),
        Some(Status::Stopped)
    );
    assert!(matches!(
        model.ops.ops[0].view.state,
        OpState::Done(OpResponse::Instance(_))
    ));
    assert!(model.ops.ops[0].finished.is_some());
    assert!(model.toasts.iter().any(|t| t.level == Level::Success));
    update(&mut model, Msg::Tick(now() + Duration::from_secs(6)));
    assert!(model.toasts.is_empty(), "toasts expire");
}

#[test]
fn refused_action_is_a_toast_and_poll_errors_retry() {
    let mut model = loaded(3);
    let id = model.instances.items[0].id.clone();
    let refusal = ApiError {
        code: tonic::Code::FailedPrecondition,
        message: "not running".into(),
        request_id: "req-9".into(),
        details: vec![],
    };
    power_answered(&mut model, PowerAction::Stop, &id, Err(refusal));
    assert!(
        model.toasts[0]
            .text
            .contains("stop web-00: FAILED_PRECONDITION: not running (request id req-9)")
    );
    power_started(&mut model, PowerAction::Stop, &id, "op3");
    let down = ApiError {
        code: tonic::Code::Unavailable,
        message: "gone".into(),
        request_id: String::new(),
        details: vec![],
    };
    let effects = polled(&mut model, "op3", 4, Err(down));
    assert_eq!(effects, [poll_effect("op3", 5)]);
    assert_eq!(
        model.ops.ops[0].poll,
        PollHealth::Reconnecting("UNAVAILABLE".into())
    );
    assert_eq!(model.ops.ops[0].view.state, OpState::Running);
}

#[test]
fn operations_pane_focus_open_and_cancel() {
    let mut model = loaded(3);
    stop_started(&mut model, "op4");
    update(&mut model, key(KeyCode::Tab));
    assert_eq!(model.focus, Focus::Operations);
    update(&mut model, key(KeyCode::Enter));
    assert_eq!(model.overlay, Some(Overlay::Operation { id: "op4".into() }));
    update(&mut model, key(KeyCode::Esc));
    update(&mut model, ch('c'));
    assert!(matches!(model.overlay, Some(Overlay::Confirm(_))));
    assert_eq!(
        update(&mut model, ch('y')),
        [Effect::CancelOperation { id: "op4".into() }]
    );
    update(&mut model, key(KeyCode::Tab));
    assert_eq!(model.focus, Focus::Instances);
}

#[test]
fn journal_resumes_running_operations() {
    let mut model = loaded(3);
    let entry = |id: &str, state: &str| JournalEntry {
        id: id.into(),
        description: "Stop instance".into(),
        instance_id: "fhm1".into(),
        target_name: "web-01".into(),
        started: 1_699_999_990,
        finished: None,
        state: state.into(),
        error_code: 0,
        error_message: String::new(),
        request_id: String::new(),
        ..JournalEntry::default()
    };
    let effects = update(
        &mut model,
        Msg::JournalLoaded(vec![entry("new", "running"), entry("old", "done")]),
    );
    assert_eq!(effects, [poll_effect("new", 0)]);
    assert_eq!(
        model
            .ops
            .ops
            .iter()
            .map(|o| o.view.id.as_str())
            .collect::<Vec<_>>(),
        ["new", "old"]
    );
}

#[test]
fn a_stop_done_with_empty_re_reads_only_its_instance() {
    let mut model = loaded(3);
    let id = stop_started(&mut model, "op1");
    let empty = prost_types::Any {
        type_url: "type.googleapis.com/google.protobuf.Empty".into(),
        value: vec![],
    };
    let effects = update(
        &mut model,
        Msg::OperationPolled {
            id: "op1".into(),
            poll: 0,
            result: Ok(operation(
                "op1",
                &id,
                true,
                Some(
                    crate::api::proto::yandex::cloud::operation::operation::Result::Response(empty),
                ),
            )),
        },
    );
    assert!(
        effects.contains(&Effect::LoadInstance {
            instance_id: id.clone()
        }),
        "{effects:?}"
    );
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::ListInstances { .. })),
        "no full re-list for one instance"
    );
    let mut stopped = crate::app::fixtures::instances(3)
        .into_iter()
        .find(|i| i.id == id)
        .unwrap();
    stopped.set_status(Status::Stopped);
    update(&mut model, Msg::InstanceLoaded(Ok(Box::new(stopped))));
    assert_eq!(model.instances.items[0].status(), Status::Stopped);
}
