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
    let (what, instance_id) = match effect {
        Effect::Mutate { mutation, .. } => (mutation.description(), mutation.instance_id()),
        Effect::Resend { entry } => (entry.description.as_str(), entry.instance_id.as_str()),
        _ => {
            return match model.ops.get(&request.target) {
                Some(op) => format!("Cancel {} {}", op.view.description, op.target_label()),
                None => format!("Cancel operation {}", request.target),
            };
        }
    };
    let name = model
        .instances
        .find(instance_id)
        .map(|i| i.name.as_str())
        .filter(|n| !n.is_empty())
        .unwrap_or(instance_id);
    format!("{what} {name}")
}

/// The request `effect` sends, if it sends one the pane shows.
fn of_effect(effect: &Effect) -> Option<Request> {
    Some(match effect {
        Effect::Mutate { mutation, .. } => mutation.request(),
        Effect::Resend { entry } => Request::new(Kind::Resend, &entry.idempotency_key),
        Effect::CancelOperation { id } => Request::new(Kind::Cancel, id),
        _ => return None,
    })
}

/// The request `msg` answers, with the refusal if it was one.
fn of_answer(msg: &Msg) -> Option<(Request, Option<&ApiError>)> {
    let (request, result) = match msg {
        Msg::Started { mutation, result } => (mutation.request(), result),
        Msg::Resent { entry, result } => {
            (Request::new(Kind::Resend, &entry.idempotency_key), result)
        }
        Msg::CancelAnswered { id, result } => (Request::new(Kind::Cancel, id), result),
        _ => return None,
    };
    Some((request, result.as_ref().err()))
}
