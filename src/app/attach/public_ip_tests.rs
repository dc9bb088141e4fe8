//! The attach component in its public IP mode alone: only the address and its DNS records,
//! no "none", Ctrl-S asks instead of reviewing, refusals land at the form's own fields.

use crossterm::event::{KeyCode, KeyModifiers};

use super::{
    AttachForm, AttachMsg,
    focus::Slot,
    input::NatKind,
    state::{Purpose, Stage},
    test_support::{press, press_with, sent, update},
};
use crate::{
    api::proto::yandex::cloud::compute::v1::instance::Status,
    app::{
        fixtures::{api_error, attach_answers, instance},
        model::Level,
        mutation::Mutation,
    },
    nic::error::{DnsTarget, Field},
};

/// The public IP form of `web-01` (RUNNING, no public IP) with its options loaded.
fn form() -> AttachForm {
    let mut form = AttachForm::public_ip(instance(1, Status::Running), 0);
    for answer in attach_answers(&form) {
        update(&mut form, answer);
    }
    form
}

#[test]
fn only_the_address_and_public_dns_and_no_none() {
    let mut form = form();
    assert_eq!(form.purpose, Purpose::PublicIp { index: 0 });
    assert_eq!(form.slots(), [Slot::Nat, Slot::DnsList(DnsTarget::Nat)]);
    assert_eq!(form.input.ipv4.nat.kind, NatKind::Ephemeral);
    press(&mut form, KeyCode::Char(' '));
    assert_eq!(form.input.ipv4.nat.kind, NatKind::Static);
    press(&mut form, KeyCode::Char(' '));
    assert_eq!(
        form.input.ipv4.nat.kind,
        NatKind::Ephemeral,
        "no 'none': removing is N"
    );
    let out = press_with(&mut form, KeyCode::Char('t'), KeyModifiers::CONTROL);
    assert!(out.effects.is_empty(), "no stop needed");
}

#[test]
fn ctrl_s_asks_with_the_request_and_yes_sends_it_with_one_key() {
    let mut form = form();
    press(&mut form, KeyCode::Char(' '));
    let out = press_with(&mut form, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(
        out.toast.map(|t| t.0),
        Some(Level::Error),
        "a static choice needs an address"
    );
    assert!(out.confirm_nat.is_none());
    press(&mut form, KeyCode::Char(' '));
    let out = press_with(&mut form, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let request = out.confirm_nat.expect("asks before sending");
    assert_eq!(request.network_interface_index, "0");
    assert_eq!(form.stage, Stage::Edit, "no review stage");
    let out = update(&mut form, AttachMsg::SubmitNat(request.clone()));
    let add_nat = Mutation::AddNat(request.clone());
    let (mutation, key) = sent(&out);
    assert_eq!(*mutation, add_nat);
    let first = key.to_string();
    // Refused: back to editing; the unchanged draft goes again with the same key.
    update(
        &mut form,
        AttachMsg::Refused(api_error(tonic::Status::unavailable("later"))),
    );
    let out = update(&mut form, AttachMsg::SubmitNat(request));
    assert_eq!(sent(&out), (&add_nat, first.as_str()));
}

#[test]
fn refusals_land_at_the_forms_own_fields_or_above_them() {
    let mut form = form();
    form.focus = Slot::DnsList(DnsTarget::Nat);
    update(
        &mut form,
        AttachMsg::Refused(api_error(tonic::Status::already_exists(
            "one_to_one_nat_spec.address: address 84.201.130.10 is in use",
        ))),
    );
    let placed = form.feedback.server_error.as_ref().and_then(|s| s.field);
    assert_eq!(placed, Some(Field::NatAddress));
    assert_eq!(form.focus, Slot::Nat);
    assert_eq!(form.feedback.errors_for(Field::NatAddress).len(), 1);

    // The interface index is no field of this form: the refusal shows above the fields.
    update(
        &mut form,
        AttachMsg::Refused(api_error(tonic::Status::failed_precondition(
            "network_interface_index: network interface 0 already has the public address 1.2.3.4",
        ))),
    );
    let error = form.feedback.server_error.as_ref().expect("kept");
    assert_eq!(error.field, None);
    assert!(
        error
            .error
            .message
            .contains("already has the public address")
    );
}
