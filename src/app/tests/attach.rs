//! Attach form model tests: focus order, pickers, DNS rows, error placement, review gating,
//! server errors keeping values, idempotency key reuse, discard confirmation, the stop-first
//! pre-flight and the finish.

use crossterm::event::KeyCode;

use crate::{
    api::{
        ApiError,
        proto::yandex::cloud::{
            compute::v1::{AttachInstanceNetworkInterfaceRequest, instance::Status},
            operation::Operation,
        },
    },
    app::{
        Effect, Msg, PowerAction,
        attach::{
            focus::{DnsSlot, Slot},
            state::Stage,
        },
        fixtures::{
            attach_model, ch, confirm_dialog, ctrl, fill_required, form_instance_running, instance,
            key, operation, polled, power_effect, pressed, response, typed,
        },
        model::{Model, Overlay, Pending},
        mutation::Mutation,
        update,
    },
    nic::error::{DnsTarget, Field},
};

fn form(model: &Model) -> &crate::app::attach::AttachForm {
    model.form.as_ref().expect("the form is open")
}

fn focus(model: &Model) -> Slot {
    form(model).focus
}

#[test]
fn prefills_the_lowest_free_index_and_shows_the_instance() {
    let model = attach_model();
    let f = form(&model);
    assert_eq!(f.input.index.text(), "1", "index 0 is used");
    assert!(f.stopped());
    assert_eq!(f.subnets.len(), 2);
}

#[test]
fn focus_moves_in_form_order_and_wraps() {
    let mut model = attach_model();
    let order = [
        Slot::Subnet,
        Slot::Ipv4,
        Slot::Nat,
        Slot::DnsList(DnsTarget::Internal),
        Slot::DnsList(DnsTarget::Nat),
        Slot::SecurityGroups,
        Slot::Index,
    ];
    for expected in order {
        update(&mut model, key(KeyCode::Tab));
        assert_eq!(focus(&model), expected);
    }
    update(&mut model, key(KeyCode::BackTab));
    assert_eq!(focus(&model), Slot::SecurityGroups);
    update(&mut model, key(KeyCode::Up));
    assert_eq!(focus(&model), Slot::DnsList(DnsTarget::Nat));
    update(&mut model, key(KeyCode::Down));
    assert_eq!(focus(&model), Slot::SecurityGroups);
}

#[test]
fn subnet_picker_filters_as_you_type_and_chooses() {
    let mut model = attach_model();
    update(&mut model, key(KeyCode::Tab));
    update(&mut model, key(KeyCode::Enter));
    assert_eq!(form(&model).filtered().len(), 2);
    typed(&mut model, "prod");
    let items = form(&model).filtered();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].cells[0], "prod-d");
    let effects = update(&mut model, key(KeyCode::Enter));
    assert!(
        matches!(
            &effects[..],
            [Effect::LoadSubnetOptions { subnet_id, network_id, .. }]
                if subnet_id == "e9bprod-d" && network_id == "enpprod"
        ),
        "{effects:?}"
    );
    assert_eq!(form(&model).input.subnet_id, "e9bprod-d");
    assert!(form(&model).picker.is_none());
    assert_eq!(focus(&model), Slot::Ipv4);
}

#[test]
fn dns_rows_are_added_and_removed() {
    let mut model = attach_model();
    pressed(&mut model, key(KeyCode::Tab), 4);
    assert_eq!(focus(&model), Slot::DnsList(DnsTarget::Internal));
    pressed(&mut model, ctrl('n'), 2);
    assert_eq!(form(&model).input.ipv4.dns.len(), 2);
    let row1 = Slot::Dns {
        target: DnsTarget::Internal,
        row: 1,
        part: DnsSlot::Fqdn,
    };
    assert_eq!(focus(&model), row1);
    typed(&mut model, "vm");
    assert_eq!(form(&model).input.ipv4.dns[1].fqdn.text(), "vm");
    // The row's four parts are in the focus order.
    pressed(&mut model, key(KeyCode::Tab), 3);
    update(&mut model, ch(' '));
    assert!(form(&model).input.ipv4.dns[1].ptr, "Space toggles PTR");
    update(&mut model, ctrl('d'));
    assert_eq!(form(&model).input.ipv4.dns.len(), 1);
    update(&mut model, ctrl('d'));
    assert!(form(&model).input.ipv4.dns.is_empty());
    assert_eq!(focus(&model), Slot::DnsList(DnsTarget::Internal));
}

#[test]
fn errors_show_next_to_the_field_being_typed() {
    let mut model = attach_model();
    fill_required(&mut model);
    pressed(&mut model, key(KeyCode::Tab), 3);
    assert_eq!(focus(&model), Slot::Ipv4);
    typed(&mut model, "10.130.0.1");
    let f = form(&model);
    let errors = f.feedback.errors_for(Field::Ipv4);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("gateway"), "{errors:?}");
    assert!(f.feedback.errors_for(Field::Subnet).is_empty());
    update(&mut model, key(KeyCode::Backspace));
    typed(&mut model, "7");
    assert!(form(&model).feedback.errors_for(Field::Ipv4).is_empty());
}

#[test]
fn review_is_blocked_while_a_field_is_invalid() {
    let mut model = attach_model();
    assert!(
        form(&model).feedback.errors_for(Field::Subnet).is_empty(),
        "untouched"
    );
    update(&mut model, ctrl('s'));
    let f = form(&model);
    assert_eq!(f.stage, Stage::Edit);
    assert!(!f.feedback.errors_for(Field::Subnet).is_empty());
    assert!(!f.feedback.errors_for(Field::SecurityGroups).is_empty());
    let about_fields = |m: &Model| {
        m.toasts
            .iter()
            .filter(|t| t.text.contains("before review"))
            .count()
    };
    update(&mut model, ctrl('s'));
    assert_eq!(about_fields(&model), 1, "a second try replaces the toast");
    fill_required(&mut model);
    update(&mut model, ctrl('s'));
    assert!(matches!(form(&model).stage, Stage::Review { .. }));
    assert_eq!(
        about_fields(&model),
        0,
        "the toast goes once review succeeds"
    );
    update(&mut model, key(KeyCode::Esc));
    assert_eq!(form(&model).stage, Stage::Edit, "Esc goes back to edit");
    assert_eq!(form(&model).input.security_groups, ["sgssh", "sgweb"]);
}

/// The attach request for `instance_id` answered with `result`.
fn attach_answered(model: &mut Model, instance_id: &str, result: Result<Operation, ApiError>) {
    let request = AttachInstanceNetworkInterfaceRequest {
        instance_id: instance_id.to_string(),
        ..Default::default()
    };
    let mutation = Mutation::Attach(Box::new(request));
    update(model, Msg::Started { mutation, result });
}

fn submit(model: &mut Model) -> String {
    update(model, ctrl('s'));
    let effects = update(model, key(KeyCode::Enter));
    match effects.as_slice() {
        [
            Effect::Mutate {
                mutation: Mutation::Attach(request),
                key: Some(key),
            },
        ] => {
            assert_eq!(request.subnet_id, "e9bdefault-d");
            key.clone()
        }
        other => panic!("expected one attach, got {other:?}"),
    }
}

#[test]
fn a_refusal_keeps_values_places_the_error_and_reuses_the_key() {
    let mut model = attach_model();
    fill_required(&mut model);
    pressed(&mut model, key(KeyCode::Tab), 3);
    typed(&mut model, "10.130.0.9");
    let first = submit(&mut model);
    let refusal = ApiError {
        code: tonic::Code::AlreadyExists,
        message: "primary_v4_address_spec.address: 10.130.0.9 is already in use".into(),
        request_id: "req-1".into(),
        details: vec![],
    };
    let instance_id = form(&model).instance.id.clone();
    attach_answered(&mut model, &instance_id, Err(refusal));
    let f = form(&model);
    assert_eq!(f.stage, Stage::Edit);
    assert_eq!(f.input.ipv4.address.text(), "10.130.0.9", "values kept");
    assert_eq!(f.input.security_groups, ["sgssh", "sgweb"]);
    assert_eq!(f.focus, Slot::Ipv4, "focus goes to the field");
    let shown = f.feedback.errors_for(Field::Ipv4);
    assert!(
        shown
            .iter()
            .any(|m| m.contains("ALREADY_EXISTS") && m.contains("req-1")),
        "{shown:?}"
    );
    assert_eq!(
        submit(&mut model),
        first,
        "an unchanged retry reuses the key"
    );
    let instance_id = form(&model).instance.id.clone();
    attach_answered(
        &mut model,
        &instance_id,
        Err(ApiError {
            code: tonic::Code::Unavailable,
            message: "try later".into(),
            request_id: "req-2".into(),
            details: vec![],
        }),
    );
    assert_eq!(
        form(&model).feedback.server_error.as_ref().map(|s| s.field),
        Some(None)
    );
    update(&mut model, key(KeyCode::Backspace));
    typed(&mut model, "8");
    assert_ne!(submit(&mut model), first, "a changed draft gets a new key");
}

#[test]
fn esc_asks_before_discarding_what_was_typed() {
    let mut model = attach_model();
    update(&mut model, key(KeyCode::Esc));
    assert!(model.form.is_none(), "nothing typed: closes at once");
    let mut model = attach_model();
    typed(&mut model, "2");
    update(&mut model, key(KeyCode::Esc));
    assert!(matches!(
        &model.overlay,
        Some(Overlay::Confirm(c)) if c.pending == Pending::DiscardForm && !c.yes_selected
    ));
    update(&mut model, ch('n'));
    assert_eq!(form(&model).input.index.text(), "12", "kept");
    update(&mut model, key(KeyCode::Esc));
    update(&mut model, ch('y'));
    assert!(model.form.is_none());
}

#[test]
fn a_running_instance_is_stopped_first_then_offered_a_start() {
    let mut model = attach_model();
    let running = form_instance_running(&mut model);
    let id = running.id.clone();
    assert!(!form(&model).stopped());
    update(&mut model, ctrl('t'));
    let effects = update(&mut model, ch('y'));
    assert_eq!(effects, [power_effect(PowerAction::Stop, &id)]);
    let mut stopped = running;
    stopped.set_status(Status::Stopped);
    update(
        &mut model,
        Msg::InstanceLoaded(Ok(Box::new(stopped.clone()))),
    );
    assert!(form(&model).stopped(), "the form watched it stop");
    fill_required(&mut model);
    submit(&mut model);
    let op = operation("op-attach", &id, false, None);
    attach_answered(&mut model, &id, Ok(op));
    assert!(model.ops.get("op-attach").is_some(), "tracked at once");
    let mut after = stopped;
    after
        .network_interfaces
        .push(instance(9, Status::Stopped).network_interfaces[0].clone());
    after.network_interfaces[1].index = "1".into();
    let done = operation("op-attach", &id, true, response(&after));
    polled(&mut model, "op-attach", 1, Ok(done));
    assert!(model.form.is_none(), "closed on success");
    assert_eq!(model.instances.find(&id).map(|i| i.nics), Some(2));
    assert!(matches!(
        &model.overlay,
        Some(Overlay::Confirm(c)) if c.yes_selected && matches!(c.pending, Pending::Power { action: PowerAction::Start, .. })
    ));
}

#[test]
fn a_failed_operation_brings_the_form_back_and_the_next_send_gets_a_new_key() {
    let mut model = attach_model();
    fill_required(&mut model);
    let first = submit(&mut model);
    let id = form(&model).instance.id.clone();
    attach_answered(&mut model, &id, Ok(operation("op-fail", &id, false, None)));
    let failed = operation(
        "op-fail",
        &id,
        true,
        crate::app::fixtures::error(9, "security_group_ids: group is gone"),
    );
    polled(&mut model, "op-fail", 1, Ok(failed.clone()));
    let f = form(&model);
    assert_eq!(f.stage, Stage::Edit);
    assert_eq!(f.focus, Slot::SecurityGroups);
    assert!(!f.feedback.errors_for(Field::SecurityGroups).is_empty());
    assert_ne!(
        submit(&mut model),
        first,
        "the failed operation's key is not reused"
    );
    // A repeated answer naming the already finished operation ends the wait at once.
    attach_answered(&mut model, &id, Ok(failed));
    assert_eq!(form(&model).stage, Stage::Edit);
}

#[test]
fn form_fields_edit_like_every_other_input() {
    let mut model = attach_model();
    pressed(&mut model, key(KeyCode::Tab), 2);
    assert_eq!(focus(&model), Slot::Ipv4);
    typed(&mut model, "10.130.0.9");
    assert_eq!(
        ipv4_after_ctrl(&mut model, 'u'),
        "",
        "Ctrl-U deletes to the start, not undo"
    );
    assert_eq!(
        ipv4_after_ctrl(&mut model, 'z'),
        "10.130.0.9",
        "Ctrl-Z undoes"
    );
    update(&mut model, ctrl('a'));
    assert_eq!(form(&model).input.ipv4.address.cursor(), 0);
    update(&mut model, ctrl('e'));
    assert_eq!(
        ipv4_after_ctrl(&mut model, 'w'),
        "",
        "Ctrl-W: no space before, all of it"
    );
    assert_eq!(ipv4_after_ctrl(&mut model, 'z'), "10.130.0.9");
}

/// The IPv4 field's text after Ctrl and `c`.
fn ipv4_after_ctrl(model: &mut Model, c: char) -> String {
    update(model, ctrl(c));
    form(model).input.ipv4.address.text().to_string()
}

#[test]
fn stop_first_asks_naming_the_instance_and_enter_on_the_default_does_nothing() {
    let mut model = attach_model();
    let running = form_instance_running(&mut model);
    let (id, name) = (running.id, running.name);
    let effects = update(&mut model, ctrl('t'));
    assert!(effects.is_empty(), "nothing sent before the answer");
    let confirm = confirm_dialog(&model);
    assert!(!confirm.yes_selected, "No is the default");
    assert_eq!(
        confirm.pending,
        Pending::StopForForm {
            instance_id: id.clone()
        }
    );
    let question = &confirm.question;
    assert!(
        question.starts_with(&format!("Stop {name} ({id})?")),
        "{question}"
    );
    assert!(
        question.contains("y stops it, n/esc keeps it running"),
        "{question}"
    );
    assert!(update(&mut model, key(KeyCode::Enter)).is_empty());
    assert!(model.overlay.is_none(), "Enter answered No");
    assert!(!form(&model).stopped_for_this);
    assert!(model.form.is_some(), "the form stays open");
}

#[test]
fn the_stop_question_names_rebound_keys() {
    let mut model = attach_model();
    let overrides = [("yes".to_string(), vec!["ctrl-y".to_string()])].into();
    model.keymap = crate::keymap::Keymap::new(&overrides).0;
    form_instance_running(&mut model);
    update(&mut model, ctrl('t'));
    let question = &confirm_dialog(&model).question;
    assert!(question.contains("ctrl-y stops it"), "{question}");
    let effects = update(&mut model, ctrl('y'));
    assert!(matches!(
        effects.as_slice(),
        [Effect::Mutate {
            mutation: Mutation::Power {
                action: PowerAction::Stop,
                ..
            },
            ..
        }]
    ));
}
