//! `update()` tests of operations under faults: poll errors, cancel, quitting with requests in
//! flight, requests resent from the journal, and how a failed operation is labelled.

use crossterm::event::KeyCode;

use crate::api::{ApiError, operation::OpState, proto::yandex::cloud::operation::Operation};
use crate::app::{
    Effect, Model, Msg, Mutation, PowerAction,
    fixtures::{
        ch, error, key, last_toast, loaded, operation, poll_effect, polled, power_started,
        stop_started,
    },
    journal::{JournalEntry, SENT, SentRequest},
    model::Level,
    operations::PollHealth,
    update,
};

fn api(code: tonic::Code, message: &str) -> ApiError {
    ApiError {
        code,
        message: message.into(),
        request_id: "req-1".into(),
        details: vec![],
    }
}

/// A model watching one running stop, "op1", of the first instance.
fn watching() -> (Model, String) {
    let mut model = loaded(3);
    let id = stop_started(&mut model, "op1");
    (model, id)
}

/// The cancel of "op1" is answered with `result`.
fn cancel_answered(model: &mut Model, result: Result<Operation, ApiError>) -> Vec<Effect> {
    update(
        model,
        Msg::CancelAnswered {
            id: "op1".into(),
            result,
        },
    )
}

/// Whether `effects` poll some operation.
fn polls(effects: &[Effect]) -> bool {
    effects
        .iter()
        .any(|e| matches!(e, Effect::PollOperation { .. }))
}

fn next_poll(poll: u32) -> Vec<Effect> {
    vec![poll_effect("op1", poll)]
}

#[test]
fn transient_poll_errors_reconnect_and_never_fail_the_operation() {
    let (mut model, id) = watching();
    for (n, code) in [
        tonic::Code::Unavailable,
        tonic::Code::DeadlineExceeded,
        tonic::Code::ResourceExhausted,
        tonic::Code::Internal,
        tonic::Code::Cancelled,
    ]
    .into_iter()
    .enumerate()
    {
        let n = n as u32;
        assert_eq!(
            polled(&mut model, "op1", n, Err(api(code, "x"))),
            next_poll(n + 1)
        );
        let op = &model.ops.ops[0];
        assert_eq!(op.view.state, OpState::Running, "{code:?} failed nothing");
        assert!(matches!(&op.poll, PollHealth::Reconnecting(c) if *c == api(code, "").code_name()));
        assert!(model.ops.any_running());
    }
    assert_eq!(
        polled(&mut model, "op1", 5, Ok(operation("op1", &id, false, None))),
        next_poll(6)
    );
    assert_eq!(
        model.ops.ops[0].poll,
        PollHealth::Fine,
        "a good poll clears it"
    );
}

#[test]
fn permanent_poll_errors_stop_polling_and_say_why() {
    for code in [
        tonic::Code::PermissionDenied,
        tonic::Code::InvalidArgument,
        tonic::Code::NotFound,
        tonic::Code::Unauthenticated,
    ] {
        let (mut model, id) = watching();
        assert!(polled(&mut model, "op1", 2, Err(api(code, "nope"))).is_empty());
        let op = &model.ops.ops[0];
        assert_eq!(
            op.view.state,
            OpState::Running,
            "{code:?} is no failed operation"
        );
        assert!(matches!(&op.poll, PollHealth::Stopped(e) if e.code == code));
        assert!(!model.ops.any_running(), "nothing left to animate");
        assert_eq!(
            last_toast(&model),
            format!(
                "stopped watching Stop instance: web-00 ({id}) (operation ID op1): {}: nope \
                 (request id req-1)",
                api(code, "").code_name()
            )
        );
    }
}

#[test]
fn an_accepted_cancel_makes_no_second_poll_chain_and_reads_cancelled() {
    let (mut model, id) = watching();
    let effects = cancel_answered(&mut model, Ok(operation("op1", &id, false, None)));
    assert!(
        !polls(&effects),
        "the running chain goes on alone: {effects:?}"
    );
    let effects = polled(
        &mut model,
        "op1",
        3,
        Ok(operation("op1", &id, true, error(1, "operation cancelled"))),
    );
    assert!(!polls(&effects));
    assert!(
        model
            .toasts
            .iter()
            .any(|t| t.text.starts_with("cancelled: Stop instance"))
    );
    assert!(!model.toasts.iter().any(|t| t.text.starts_with("failed")));
    // A cancel answered with the operation already over ends it once, with no poll.
    let (mut model, id) = watching();
    let effects = cancel_answered(
        &mut model,
        Ok(operation("op1", &id, true, error(1, "operation cancelled"))),
    );
    assert!(!polls(&effects));
    assert!(model.ops.ops[0].view.state.is_final());
    assert!(
        polled(&mut model, "op1", 1, Ok(operation("op1", &id, false, None))).is_empty(),
        "a late poll ends its chain"
    );
}

#[test]
fn a_refused_cancel_says_the_operation_cannot_be_cancelled() {
    let (mut model, _) = watching();
    let effects = cancel_answered(
        &mut model,
        Err(api(tonic::Code::FailedPrecondition, "not cancellable")),
    );
    assert!(effects.is_empty());
    let toast = model.toasts.last().unwrap();
    assert_eq!(toast.level, Level::Error);
    assert!(
        toast.text.contains("this operation cannot be cancelled"),
        "{}",
        toast.text
    );
    assert_eq!(model.ops.ops[0].view.state, OpState::Running);
}

#[test]
fn a_failed_operation_names_its_operation_id_not_a_request_id() {
    let (mut model, id) = watching();
    polled(
        &mut model,
        "op1",
        0,
        Ok(operation("op1", &id, true, error(9, "disk busy"))),
    );
    let toast = last_toast(&model);
    assert!(toast.contains("(operation ID op1)"), "{toast}");
    assert!(!toast.contains("request id"), "{toast}");
}

#[test]
fn the_same_operation_answered_twice_is_tracked_once() {
    let (mut model, id) = watching();
    let effects = power_started(&mut model, PowerAction::Stop, &id, "op1");
    assert!(effects.is_empty(), "no second poll chain: {effects:?}");
    assert_eq!(model.ops.ops.len(), 1);
}

#[test]
fn quitting_waits_for_requests_in_flight_and_a_second_quit_abandons() {
    let mut model = loaded(3);
    let id = model.instances.items[0].id.clone();
    update(&mut model, ch('s'));
    let effects = update(&mut model, ch('y'));
    assert!(matches!(
        effects.as_slice(),
        [Effect::Mutate {
            mutation: Mutation::Power { .. },
            ..
        }]
    ));
    assert_eq!(model.requests_in_flight, 1);
    update(&mut model, ch('q'));
    assert!(!model.quit);
    assert_eq!(
        last_toast(&model),
        "waiting for 1 request; q again to abandon"
    );
    // The answer arrives: it is tracked (and journaled), then the dashboard leaves.
    let effects = power_started(&mut model, PowerAction::Stop, &id, "op1");
    assert!(effects.iter().any(|e| matches!(e, Effect::WriteJournal(_))));
    assert!(model.quit);

    let mut model = loaded(3);
    update(&mut model, ch('s'));
    update(&mut model, ch('y'));
    update(&mut model, ch('q'));
    assert!(!model.quit);
    update(&mut model, ch('q'));
    assert!(
        model.quit,
        "q again abandons (the journal holds the request)"
    );

    let mut model = loaded(3);
    update(&mut model, key(KeyCode::Esc));
    update(&mut model, ch('q'));
    assert!(model.quit, "nothing in flight: quits at once");
}

fn sent_entry() -> JournalEntry {
    JournalEntry {
        idempotency_key: "key-1".into(),
        request: Some(SentRequest {
            method: "stop".into(),
            body_base64: String::new(),
        }),
        description: "Stop instance".into(),
        instance_id: "fhm00000000000000000".into(),
        state: SENT.into(),
        ..JournalEntry::default()
    }
}

/// The resend of `sent_entry()` is answered with `result`.
fn resent(model: &mut Model, result: Result<Operation, ApiError>) -> Vec<Effect> {
    update(
        model,
        Msg::Resent {
            entry: Box::new(sent_entry()),
            result,
        },
    )
}

#[test]
fn a_request_sent_before_the_last_quit_is_resent_with_its_key_then_tracked() {
    let mut model = loaded(3);
    let effects = update(&mut model, Msg::JournalLoaded(vec![sent_entry()]));
    assert_eq!(
        effects,
        [Effect::Resend {
            entry: Box::new(sent_entry())
        }]
    );
    assert_eq!(model.requests_in_flight, 1, "a resend counts as in flight");
    assert!(
        model.ops.ops.is_empty(),
        "no row before the operation id is known"
    );
    let id = sent_entry().instance_id;
    let effects = resent(&mut model, Ok(operation("op7", &id, false, None)));
    assert!(effects.contains(&poll_effect("op7", 0)));
    assert_eq!(model.ops.ops[0].view.id, "op7");
    assert_eq!(model.requests_in_flight, 0);
}

#[test]
fn a_resend_whose_outcome_is_still_unknown_says_it_stays_in_the_journal() {
    let mut model = loaded(3);
    update(&mut model, Msg::JournalLoaded(vec![sent_entry()]));
    let effects = resent(&mut model, Err(api(tonic::Code::Unavailable, "down")));
    assert!(effects.is_empty());
    let toast = last_toast(&model);
    assert!(
        toast.contains("outcome still unknown") && toast.contains("kept in the journal"),
        "{toast}"
    );
    let refused = resent(
        &mut model,
        Err(api(tonic::Code::FailedPrecondition, "already stopped")),
    );
    assert!(refused.is_empty());
    assert!(last_toast(&model).contains("refused: FAILED_PRECONDITION"));
}
