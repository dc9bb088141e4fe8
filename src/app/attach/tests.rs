//! The attach component alone: `update(&mut AttachForm, AttachMsg) -> Outcome`, with no Model.

use crossterm::event::KeyCode;

use super::{
    AttachForm, AttachMsg, Outcome,
    focus::Slot,
    outcome::{Attached, StartOffer},
    state::{Stage, SubnetOptions},
    test_support::{ctrl, press, sent, subnet_options_answer, subnet_options_read, update},
};
use crate::{
    api::{
        ApiError,
        operation::{OpResponse, OpState},
        proto::yandex::cloud::compute::v1::instance::Status,
    },
    app::{
        fixtures::{api_error, attach_answers, instance},
        model::Level,
        msg::{Effect, PowerAction},
        mutation::Mutation,
    },
};

/// The form of `web-02` with its options loaded.
fn form() -> AttachForm {
    let mut form = AttachForm::new(instance(2, Status::Stopped));
    for answer in attach_answers(&form) {
        assert_eq!(update(&mut form, answer), Outcome::default());
    }
    assert!(form.loads.ready());
    form
}

/// Picks the first subnet (its groups arrive) and the group `ssh`, then reviews.
fn reviewed() -> AttachForm {
    let mut form = form();
    press(&mut form, KeyCode::Tab);
    press(&mut form, KeyCode::Enter);
    let out = press(&mut form, KeyCode::Enter);
    let (subnet_id, network_id, ticket) = subnet_options_read(&out.effects);
    assert_eq!((subnet_id, network_id), ("e9bdefault-d", "enpdefault"));
    let groups = SubnetOptions {
        used_addresses: Default::default(),
        groups: vec![("sgssh".into(), "ssh".into())],
    };
    update(
        &mut form,
        subnet_options_answer("e9bdefault-d", ticket, groups),
    );
    form.focus = Slot::SecurityGroups;
    press(&mut form, KeyCode::Enter);
    press(&mut form, KeyCode::Char(' '));
    press(&mut form, KeyCode::Enter);
    assert_eq!(form.input.security_groups, ["sgssh"]);
    assert_eq!(ctrl(&mut form, 's'), Outcome::default());
    assert!(
        matches!(form.stage, Stage::Review { .. }),
        "{:?}",
        form.feedback.errors
    );
    form
}

fn sent_key(out: &Outcome) -> String {
    let (mutation, key) = sent(out);
    assert!(matches!(mutation, Mutation::Attach(_)), "{mutation:?}");
    key.to_string()
}

#[test]
fn esc_closes_an_untouched_form_and_asks_about_an_edited_one() {
    let mut untouched = form();
    let out = press(&mut untouched, KeyCode::Esc);
    assert!(out.close && !out.ask_discard);
    let mut edited = form();
    press(&mut edited, KeyCode::Char('3'));
    let out = press(&mut edited, KeyCode::Esc);
    assert!(out.ask_discard && !out.close);
}

#[test]
fn review_with_invalid_fields_says_how_many_and_stays_in_edit() {
    let mut form = form();
    let out = ctrl(&mut form, 's');
    let Some((Level::Error, text)) = out.toast else {
        panic!("expected an error toast, got {:?}", out.toast);
    };
    assert!(text.starts_with("fix ") && text.ends_with(" field(s) before review"));
    assert_eq!(form.stage, Stage::Edit);
    assert!(form.feedback.show_all);
}

#[test]
fn a_refused_send_reopens_the_form_and_the_same_draft_keeps_its_key() {
    let mut form = reviewed();
    let first = sent_key(&press(&mut form, KeyCode::Enter));
    assert_eq!(form.stage, Stage::Submitted { operation_id: None });
    let refusal: ApiError = api_error(tonic::Status::already_exists(
        "network_interface_index: index 1 is used",
    ));
    assert_eq!(
        update(&mut form, AttachMsg::Refused(refusal)),
        Outcome::default()
    );
    assert_eq!(form.stage, Stage::Edit);
    assert!(form.feedback.server_error.is_some());
    ctrl(&mut form, 's');
    assert_eq!(sent_key(&press(&mut form, KeyCode::Enter)), first);
}

#[test]
fn its_own_operation_ending_closes_the_form_and_offers_a_start() {
    let mut form = reviewed();
    form.stopped_for_this = true;
    press(&mut form, KeyCode::Enter);
    let accepted = AttachMsg::Accepted {
        operation_id: "op1".into(),
    };
    assert_eq!(update(&mut form, accepted), Outcome::default());
    let other = AttachMsg::Finished {
        operation_id: "op-other".into(),
        state: OpState::Done(OpResponse::Empty),
    };
    assert_eq!(update(&mut form, other), Outcome::default(), "not its own");
    let done = AttachMsg::Finished {
        operation_id: "op1".into(),
        state: OpState::Done(OpResponse::Empty),
    };
    let out = update(&mut form, done);
    let id = form.instance.id.clone();
    assert!(out.close);
    assert_eq!(
        out.toast,
        Some((
            Level::Success,
            "attached network interface 1 to web-02".into()
        ))
    );
    assert_eq!(
        out.attached,
        Some(Attached {
            instance_id: id.clone(),
            instance: None
        })
    );
    assert_eq!(
        out.offer_start,
        Some(StartOffer {
            instance_id: id,
            name: "web-02".into()
        })
    );
}

#[test]
fn a_failed_operation_reopens_the_form_and_forgets_the_key() {
    let mut form = reviewed();
    let first = sent_key(&press(&mut form, KeyCode::Enter));
    update(
        &mut form,
        AttachMsg::Accepted {
            operation_id: "op1".into(),
        },
    );
    let failed = OpState::Failed(api_error(tonic::Status::internal("boom")));
    let out = update(
        &mut form,
        AttachMsg::Finished {
            operation_id: "op1".into(),
            state: failed,
        },
    );
    assert!(!out.close);
    assert_eq!(form.stage, Stage::Edit);
    ctrl(&mut form, 's');
    assert_ne!(sent_key(&press(&mut form, KeyCode::Enter)), first);
}

#[test]
fn stop_first_asks_for_a_stop_only_when_running() {
    let mut form = form();
    let out = ctrl(&mut form, 't');
    assert!(out.effects.is_empty());
    assert_eq!(
        out.toast,
        Some((Level::Info, "the instance is STOPPED, not RUNNING".into()))
    );
    form.instance.set_status(Status::Running);
    let out = ctrl(&mut form, 't');
    assert!(out.confirm_stop, "asks first");
    assert!(out.effects.is_empty(), "nothing sent before the answer");
    assert!(!form.stopped_for_this);
    let out = update(&mut form, AttachMsg::StopConfirmed);
    assert_eq!(
        out.effects,
        [Effect::send(Mutation::Power {
            action: PowerAction::Stop,
            instance_id: form.instance.id.clone()
        })]
    );
    assert!(form.stopped_for_this);
}
