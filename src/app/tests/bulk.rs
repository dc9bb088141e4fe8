//! `update()` tests of marks and bulk stop / start / restart: the one confirmation, skipped
//! instances, and the queue that keeps at most the folder's limit of operations running.

use crossterm::event::KeyCode;

use crate::api::proto::yandex::cloud::compute::v1::instance::Status;
use crate::app::{
    Effect, Focus, Model, Mutation, PowerAction,
    bulk::FOLDER_OPERATION_LIMIT,
    fixtures::{
        ch, confirm_dialog, entered, instance, instances, key, last_toast, loaded, now, operation,
        page, polled, power_answered, power_started, pressed, settings,
    },
    model::Pending,
    operations::PaneRow,
    update,
};
use crate::keymap::Keymap;

fn marked(model: &Model) -> Vec<String> {
    model.instances.marks.ids().map(str::to_string).collect()
}

fn power(effects: &[Effect]) -> Vec<(PowerAction, String)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Mutate {
                mutation:
                    Mutation::Power {
                        action,
                        instance_id,
                    },
                ..
            } => Some((*action, instance_id.clone())),
            _ => None,
        })
        .collect()
}

/// A model listing `count` RUNNING instances.
fn running(count: usize) -> Model {
    let mut model = Model::new(settings(Keymap::default()), now(), (120, 40));
    crate::app::init(&mut model);
    page(
        &mut model,
        (0..count).map(|n| instance(n, Status::Running)).collect(),
        "",
    );
    model
}

/// A model listing `count` RUNNING instances, every one of them marked.
fn all_marked(count: usize) -> Model {
    let mut model = running(count);
    pressed(&mut model, ch(' '), count);
    model
}

#[test]
fn space_marks_and_moves_down_marks_survive_refresh_and_filter_and_u_clears() {
    let mut model = loaded(6);
    pressed(&mut model, ch(' '), 2);
    assert_eq!(model.instances.selected, 2, "each mark moves down a row");
    let first_two = vec![
        instance(0, Status::Running).id,
        instance(1, Status::Running).id,
    ];
    assert_eq!(marked(&model), first_two);
    // Unmarking the second: back up, Space again.
    update(&mut model, ch('k'));
    update(&mut model, ch(' '));
    assert_eq!(marked(&model), first_two[..1]);
    assert_eq!(model.instances.selected, 2);
    update(&mut model, ch('k'));
    update(&mut model, ch(' '));
    assert_eq!(marked(&model), first_two);

    // A refresh that returns the same instances keeps the marks.
    update(&mut model, ch('r'));
    page(&mut model, instances(6), "");
    assert_eq!(marked(&model), first_two);
    // A filter hiding them keeps them too.
    entered(&mut model, "/web-05");
    assert_eq!(model.instances.view.len(), 1);
    assert_eq!(marked(&model), first_two);
    update(&mut model, key(KeyCode::Esc));
    // A refresh without web-01 drops its mark only.
    update(&mut model, ch('r'));
    let mut fewer = instances(6);
    fewer.remove(1);
    page(&mut model, fewer, "");
    assert_eq!(marked(&model), first_two[..1]);

    update(&mut model, ch('u'));
    assert!(model.instances.marks.is_empty());
}

#[test]
fn bulk_stop_confirms_once_defaults_to_no_and_names_the_skipped() {
    // web-00, web-01 RUNNING; web-02 STOPPED.
    let mut model = loaded(3);
    pressed(&mut model, ch(' '), 3);
    update(&mut model, ch('s'));
    let confirm = confirm_dialog(&model);
    assert!(!confirm.yes_selected, "default No");
    let question = &confirm.question;
    assert!(question.starts_with("Stop 2 marked instances?"));
    assert!(question.contains("web-00 ("));
    assert!(question.contains("web-01 ("));
    assert!(
        question.contains("Skipped 1:\n• web-02 (fhm00000000000000002) is already STOPPED"),
        "{question}"
    );
    assert!(
        update(&mut model, key(KeyCode::Enter)).is_empty(),
        "Enter on the default sends nothing"
    );
    update(&mut model, ch('s'));
    let effects = update(&mut model, ch('y'));
    assert_eq!(
        power(&effects),
        [
            (PowerAction::Stop, instance(0, Status::Running).id),
            (PowerAction::Stop, instance(1, Status::Running).id),
        ]
    );
    assert_eq!(model.requests_in_flight, 2);
    assert!(model.ops.queued.is_empty());

    // Started and running: a second stop skips both, and says why.
    for (n, op) in [(0, "op0"), (1, "op1")] {
        let id = instance(n, Status::Running).id;
        power_started(&mut model, PowerAction::Stop, &id, op);
    }
    update(&mut model, ch('s'));
    assert!(model.overlay.is_none(), "nothing to confirm");
    let toast = last_toast(&model);
    assert!(
        toast.starts_with("stop: none of the 3 marked instances allows it"),
        "{toast}"
    );
}

#[test]
fn single_action_in_details_ignores_the_marks() {
    let mut model = loaded(3);
    pressed(&mut model, ch(' '), 2);
    // Details of the RUNNING web-00.
    update(&mut model, ch('g'));
    update(&mut model, key(KeyCode::Enter));
    update(&mut model, ch('s'));
    let confirm = confirm_dialog(&model);
    assert!(matches!(confirm.pending, Pending::Power { .. }));
}

#[test]
fn the_queue_keeps_at_most_the_limit_running_and_sends_the_rest_as_slots_free() {
    let total = FOLDER_OPERATION_LIMIT + 5;
    let mut model = all_marked(total);
    update(&mut model, ch('S'));
    assert!(model.overlay.is_none(), "none is STOPPED: nothing to start");
    update(&mut model, ch('R'));
    let effects = update(&mut model, ch('y'));
    let sent = power(&effects);
    assert_eq!(sent.len(), FOLDER_OPERATION_LIMIT);
    assert_eq!(model.ops.queued.len(), 5);
    assert_eq!(model.requests_in_flight, FOLDER_OPERATION_LIMIT);

    // Answers turn requests into running operations: the count in use stays the same.
    for (n, (_, id)) in sent.iter().enumerate() {
        let effects = power_started(&mut model, PowerAction::Restart, id, &format!("op{n}"));
        assert!(power(&effects).is_empty(), "no slot freed yet");
    }
    assert_eq!(model.requests_in_flight, 0);
    assert_eq!(model.ops.ops.len(), FOLDER_OPERATION_LIMIT);

    // One finishes: exactly one queued action goes, the first queued.
    let done = polled(
        &mut model,
        "op0",
        0,
        Ok(operation("op0", &sent[0].1, true, None)),
    );
    assert_eq!(
        power(&done),
        [(
            PowerAction::Restart,
            instance(FOLDER_OPERATION_LIMIT, Status::Running).id
        )]
    );
    assert_eq!(model.ops.queued.len(), 4);

    // A refused request frees its slot too.
    let next = power_answered(
        &mut model,
        PowerAction::Restart,
        &instance(FOLDER_OPERATION_LIMIT, Status::Running).id,
        Err(crate::app::fixtures::api_error(
            tonic::Status::failed_precondition("busy"),
        )),
    );
    assert_eq!(power(&next).len(), 1);
    assert_eq!(model.ops.queued.len(), 3);
    let running = model.ops.ops.iter().filter(|o| o.watched()).count();
    assert!(running + model.requests_in_flight <= FOLDER_OPERATION_LIMIT);
}

#[test]
fn queued_rows_head_the_pane_and_c_takes_one_off_the_queue() {
    let total = FOLDER_OPERATION_LIMIT + 2;
    let mut model = all_marked(total);
    update(&mut model, ch('s'));
    update(&mut model, ch('y'));
    assert_eq!(model.ops.queued.len(), 2);
    // The last queued heads the pane; the next to go is just above the operations.
    let queued_at = |model: &Model, pos| match model.ops.row(pos) {
        Some(PaneRow::Queued(q)) => Some(q.instance_id.clone()),
        _ => None,
    };
    let last = instance(total - 1, Status::Running).id;
    let next = instance(total - 2, Status::Running).id;
    assert_eq!(queued_at(&model, 0), Some(last.clone()));
    assert_eq!(queued_at(&model, 1), Some(next.clone()));

    update(&mut model, key(KeyCode::Tab));
    assert_eq!(model.focus, Focus::Operations);
    assert!(update(&mut model, ch('c')).is_empty());
    assert_eq!(model.ops.queued.len(), 1);
    assert_eq!(queued_at(&model, 0), Some(next));
    assert!(last_toast(&model).contains("taken off the queue"));
}
