//! `update()` tests of the "sending…" rows: a confirmed action shows in the operations pane
//! at once, before any answer; the answer replaces the row by the operation's own (never both,
//! never neither), or leaves it showing the refusal or the unknown outcome.

use crate::{
    api::ApiError,
    app::{
        Msg, Mutation, PowerAction,
        fixtures::{api_error, ch, loaded, operation},
        model::Model,
        operations::PaneRow,
        sending::SentState,
        update,
    },
};

fn stopped_by_keys(model: &mut Model) -> String {
    update(model, ch('s'));
    update(model, ch('y'));
    model.instances.items[0].id.clone()
}

fn answer(instance_id: &str, result: Result<&str, ApiError>) -> Msg {
    Msg::Started {
        mutation: Mutation::Power {
            action: PowerAction::Stop,
            instance_id: instance_id.into(),
        },
        result: result.map(|op| operation(op, instance_id, false, None)),
    }
}

fn first_row(model: &Model) -> Option<PaneRow<'_>> {
    model.ops.row(0)
}

#[test]
fn a_confirmed_stop_shows_sending_at_once_then_its_operation_in_its_place() {
    let mut model = loaded(3);
    let id = stopped_by_keys(&mut model);
    let name = model.instances.items[0].name.clone();
    assert_eq!(model.ops.rows_len(), 1, "a row before any answer");
    match first_row(&model) {
        Some(PaneRow::Sent(sent)) => {
            assert_eq!(sent.what, format!("Stop instance {name}"));
            assert_eq!(sent.state, SentState::Sending);
        }
        other => panic!("a sending row, got {other:?}"),
    }
    assert!(model.animating(), "its spinner turns");
    update(&mut model, answer(&id, Ok("op-stop")));
    assert_eq!(model.ops.rows_len(), 1, "replaced, not added to");
    assert!(matches!(first_row(&model), Some(PaneRow::Op(op)) if op.view.id == "op-stop"));
    assert_eq!(model.ops.sending(), 0);
}

#[test]
fn a_refusal_and_an_unknown_outcome_stay_in_the_row() {
    let mut model = loaded(3);
    let id = stopped_by_keys(&mut model);
    let refused = api_error(tonic::Status::failed_precondition("instance is busy"));
    update(&mut model, answer(&id, Err(refused)));
    assert!(matches!(
        first_row(&model),
        Some(PaneRow::Sent(s)) if matches!(&s.state, SentState::Refused(e) if e.message == "instance is busy")
    ));
    let id = stopped_by_keys(&mut model);
    let lost = api_error(tonic::Status::deadline_exceeded("no answer"));
    update(&mut model, answer(&id, Err(lost)));
    assert!(matches!(
        first_row(&model),
        Some(PaneRow::Sent(s)) if matches!(s.state, SentState::Unknown(_))
    ));
    assert_eq!(model.ops.rows_len(), 2);
    assert_eq!(model.ops.sending(), 0);
}

#[test]
fn answers_in_any_order_resolve_their_own_rows_only() {
    let mut model = loaded(3);
    let first = stopped_by_keys(&mut model);
    // The instance is RUNNING until an answer says otherwise: a restart can follow.
    update(&mut model, ch('R'));
    update(&mut model, ch('y'));
    let rows = model.ops.rows_len();
    assert_eq!(rows, 2, "two requests, two rows");
    update(&mut model, answer(&first, Ok("op-1")));
    assert_eq!(model.ops.sending(), 1, "the restart is still waiting");
    assert!(matches!(
        first_row(&model),
        Some(PaneRow::Sent(s)) if s.what.starts_with("Restart instance")
    ));
    assert!(model.ops.get("op-1").is_some());
    // A second answer for the same stop finds no row of its own: nothing doubles.
    update(&mut model, answer(&first, Ok("op-1")));
    assert_eq!(model.ops.rows_len(), 2);
}

#[test]
fn a_confirmed_cancel_shows_sending_until_answered() {
    let mut model = loaded(3);
    let id = stopped_by_keys(&mut model);
    update(&mut model, answer(&id, Ok("op-stop")));
    update(
        &mut model,
        crate::app::fixtures::key(crossterm::event::KeyCode::Tab),
    );
    update(&mut model, ch('c'));
    update(&mut model, ch('y'));
    assert_eq!(model.ops.sending(), 1);
    assert!(matches!(
        first_row(&model),
        Some(PaneRow::Sent(s)) if s.what.starts_with("Cancel Stop instance")
    ));
    let op = operation("op-stop", &id, false, None);
    update(
        &mut model,
        Msg::CancelAnswered {
            id: "op-stop".into(),
            result: Ok(op),
        },
    );
    assert_eq!(model.ops.sending(), 0);
    assert_eq!(model.ops.rows_len(), 1, "only the operation's row");
}
