//! Makes and resolves the operations pane's "sending…" rows: the root update adds one for
//! each request among the effects it returns (one place, so none is missed), the moment it
//! asks for it, and the answer resolves it: an operation replaces it with the operation's own
//! row, a refusal or an unknown outcome stays in the row.
//!
//! Every such effect answers with exactly one message naming the same request (its kind and
//! instance; the idempotency key for a resend; the operation for a cancel), and that answer
//! resolves the oldest row of the same request: one row per request, never lost or doubled.

use super::{
    model::Model,
    msg::{Effect, Msg},
    sending::{Kind, Request, Sent, SentState},
};
use crate::api::{ApiError, mutation_outcome_unknown};

/// Adds a "sending…" row for each request among `effects`.
pub fn register(model: &mut Model, effects: &[Effect]) {
    for effect in effects {
        let Some(request) = of_effect(effect) else {
            continue;
        };
        let what = describe(model, effect, &request);
        let since = model.now;
        model.ops.add_sent(Sent {
            request,
            what,
            since,
            state: SentState::Sending,
        });
    }
}

/// `msg` answers a request: its row goes (an operation shows in its own row) or shows the
/// refusal or the unknown outcome.
pub fn resolve(model: &mut Model, msg: &Msg) {
    let Some((request, error)) = of_answer(msg) else {
        return;
    };
    let state = match error {
        None => None,
        Some(e) if request.kind != Kind::Cancel && mutation_outcome_unknown(e) => {
            Some(SentState::Unknown(e.clone()))
        }
        Some(e) => Some(SentState::Refused(e.clone())),
    };
    model.ops.resolve_sent(&request, state);
}

fn describe(model: &Model, effect: &Effect, request: &Request) -> String {
    let name = |instance_id: &str| {
        model
            .instances
            .find(instance_id)
            .map(|i| i.name.clone())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| instance_id.to_string())
    };
    let (what, instance_id) = match (&request.kind, effect) {
        (Kind::Power(action), _) => (action.description().to_string(), request.target.clone()),
        (Kind::Attach, _) => ("Attach network interface".into(), request.target.clone()),
        (Kind::Detach, _) => ("Detach network interface".into(), request.target.clone()),
        (Kind::UpdateNic, _) => ("Update network interface".into(), request.target.clone()),
        (Kind::Nat(true), _) => ("Add one-to-one NAT".into(), request.target.clone()),
        (Kind::Nat(false), _) => ("Remove one-to-one NAT".into(), request.target.clone()),
        (Kind::Resend, Effect::Resend { entry }) => {
            (entry.description.clone(), entry.instance_id.clone())
        }
        (Kind::Resend, _) => ("Resend".into(), String::new()),
        (Kind::Cancel, _) => {
            return match model.ops.get(&request.target) {
                Some(op) => format!("Cancel {} {}", op.view.description, op.target_label()),
                None => format!("Cancel operation {}", request.target),
            };
        }
    };
    format!("{what} {}", name(&instance_id))
}

/// The request `effect` sends, if it sends one the pane shows.
fn of_effect(effect: &Effect) -> Option<Request> {
    Some(match effect {
        Effect::Power {
            action,
            instance_id,
        } => Request::new(Kind::Power(*action), instance_id),
        Effect::Attach { request, .. } => Request::new(Kind::Attach, &request.instance_id),
        Effect::Detach { request } => Request::new(Kind::Detach, &request.instance_id),
        Effect::UpdateNic { request, .. } => Request::new(Kind::UpdateNic, &request.instance_id),
        Effect::AddNat { request, .. } => Request::new(Kind::Nat(true), &request.instance_id),
        Effect::RemoveNat { request } => Request::new(Kind::Nat(false), &request.instance_id),
        Effect::Resend { entry } => Request::new(Kind::Resend, &entry.idempotency_key),
        Effect::CancelOperation { id } => Request::new(Kind::Cancel, id),
        _ => return None,
    })
}

/// The request `msg` answers, with the refusal if it was one.
fn of_answer(msg: &Msg) -> Option<(Request, Option<&ApiError>)> {
    let (request, result) = match msg {
        Msg::PowerStarted {
            action,
            instance_id,
            result,
        } => (Request::new(Kind::Power(*action), instance_id), result),
        Msg::AttachStarted {
            instance_id,
            result,
        } => (Request::new(Kind::Attach, instance_id), result),
        Msg::DetachStarted {
            instance_id,
            result,
        } => (Request::new(Kind::Detach, instance_id), result),
        Msg::NicUpdateStarted {
            instance_id,
            result,
        } => (Request::new(Kind::UpdateNic, instance_id), result),
        Msg::NatStarted {
            add,
            instance_id,
            result,
        } => (Request::new(Kind::Nat(*add), instance_id), result),
        Msg::Resent { entry, result } => {
            (Request::new(Kind::Resend, &entry.idempotency_key), result)
        }
        Msg::CancelAnswered { id, result } => (Request::new(Kind::Cancel, id), result),
        _ => return None,
    };
    Some((request, result.as_ref().err()))
}
