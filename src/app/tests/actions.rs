//! `update()` tests of instance actions checked against the status first, the cancel dialog's
//! wording, and detach's "stop it first" sequence (stop, detach, offer to start again).

use crossterm::event::KeyCode;

use crate::api::proto::yandex::cloud::compute::v1::{
    DetachInstanceNetworkInterfaceRequest, instance::Status,
};
use crate::app::{
    Effect, Msg, PowerAction,
    details::DetailsData,
    fixtures::{
        assert_toast, ch, confirm_dialog, error, instance, key, last_toast, loaded, op_done,
        operation, power_effect, power_started, response, stop_started,
    },
    model::{Level, Model, Overlay, Pending},
    mutation::Mutation,
    update,
};

/// Moves the selection to the row of `instance_id`.
fn select(model: &mut Model, instance_id: &str) {
    let row = model
        .instances
        .view
        .iter()
        .position(|&i| model.instances.items[i].id == instance_id)
        .expect("listed");
    model.instances.selected = row;
}

#[test]
fn stop_on_a_stopped_instance_explains_instead_of_asking() {
    let mut model = loaded(3);
    let stopped = instance(2, Status::Stopped);
    select(&mut model, &stopped.id);
    assert!(update(&mut model, ch('s')).is_empty());
    assert!(model.overlay.is_none(), "no confirm that would then fail");
    assert_eq!(
        last_toast(&model),
        format!("web-02 ({}) is already STOPPED", stopped.id)
    );
    update(&mut model, ch('R'));
    assert!(model.overlay.is_none());
    assert!(last_toast(&model).ends_with("only a RUNNING instance can be restarted"));
    // What the status allows is still offered.
    update(&mut model, ch('S'));
    assert!(matches!(
        &model.overlay,
        Some(Overlay::Confirm(c)) if matches!(c.pending, Pending::Power { action: PowerAction::Start, .. })
    ));
}

#[test]
fn attach_on_a_deleting_instance_says_why_and_opens_nothing() {
    let mut model = loaded(3);
    let deleting = instance(1, Status::Deleting);
    model.instances.upsert(&deleting, model.now);
    select(&mut model, &deleting.id);
    assert!(update(&mut model, ch('a')).is_empty());
    assert!(model.form.is_none());
    assert!(
        last_toast(&model).contains("is DELETING: nothing can be attached"),
        "{}",
        last_toast(&model)
    );
    assert_eq!(model.toasts.last().map(|t| t.level), Some(Level::Info));
}

#[test]
fn the_cancel_dialog_names_the_operation_and_its_instance() {
    let mut model = loaded(3);
    let id = stop_started(&mut model, "op1");
    update(&mut model, key(KeyCode::Tab));
    update(&mut model, ch('c'));
    let question = &confirm_dialog(&model).question;
    let intro = format!("Cancel Stop instance on web-00 ({id})?");
    assert!(question.starts_with(&intro), "{question}");
    assert!(question.contains("operation ID op1"));
}

/// The details of `web-00`, RUNNING with two interfaces, open, and the detach of interface 1
/// asked for (the stop-first question is open). Returns the model and `web-00`'s id.
fn detach_asked_while_running() -> (Model, String) {
    let mut model = loaded(3);
    update(&mut model, key(KeyCode::Enter));
    let mut inst = instance(0, Status::Running);
    let mut second = inst.network_interfaces[0].clone();
    second.index = "1".into();
    inst.network_interfaces.push(second);
    let data = DetailsData {
        instance: inst,
        ..Default::default()
    };
    update(&mut model, Msg::DetailsLoaded(Box::new(data)));
    let id = model.instances.items[0].id.clone();
    update(&mut model, ch(']'));
    update(&mut model, ch('D'));
    (model, id)
}

#[test]
fn detach_with_stop_first_stops_detaches_then_offers_to_start_again() {
    let (mut model, id) = detach_asked_while_running();
    let question = &confirm_dialog(&model).question;
    assert!(
        question.starts_with(&format!("web-00 ({id}) is RUNNING")),
        "{question}"
    );
    let stop = power_effect(PowerAction::Stop, &id);
    assert_eq!(update(&mut model, ch('y')), [stop]);
    power_started(&mut model, PowerAction::Stop, &id, "op-stop");
    // The stop finishing sends the detach of the interface chosen.
    let effects = op_done(&mut model, "op-stop", &id, None);
    let detach = Mutation::Detach(DetachInstanceNetworkInterfaceRequest {
        instance_id: id.clone(),
        network_interface_index: "1".into(),
    });
    assert!(
        effects.contains(&Effect::send(detach.clone())),
        "{effects:?}"
    );
    update(
        &mut model,
        Msg::Started {
            mutation: detach,
            result: Ok(operation("op-detach", &id, false, None)),
        },
    );
    assert!(model.overlay.is_none());
    op_done(
        &mut model,
        "op-detach",
        &id,
        response(&instance(0, Status::Stopped)),
    );
    let confirm = confirm_dialog(&model);
    let question = &confirm.question;
    assert!(question.contains("start it again?"), "{question}");
    assert!(confirm.yes_selected);
    assert_eq!(
        update(&mut model, key(KeyCode::Enter)),
        [power_effect(PowerAction::Start, &id)]
    );
    assert!(model.detach_sequence.is_none());
}

#[test]
fn a_failed_stop_ends_the_sequence_without_detaching() {
    let (mut model, id) = detach_asked_while_running();
    update(&mut model, ch('y'));
    power_started(&mut model, PowerAction::Stop, &id, "op-stop");
    let effects = op_done(&mut model, "op-stop", &id, error(13, "host failure"));
    assert!(!effects.iter().any(|e| matches!(
        e,
        Effect::Mutate {
            mutation: Mutation::Detach(_),
            ..
        }
    )));
    assert!(model.detach_sequence.is_none());
    assert_toast(&model, "did not stop; nothing was detached");
}
