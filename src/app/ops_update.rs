//! `update()` for operations: a started request's answer, polls, cancels, requests resent from
//! the journal, and the end of an operation. Pure, like `update()`.

use super::{
    attach_wiring, detach_sequence,
    journal::JournalEntry,
    model::{Level, Model},
    msg::{Effect, PowerAction},
    mutation::Mutation,
    operations::{Change, PollHealth},
    steps::{instance_loaded, journal, start_refresh, track},
};
use crate::api::{
    ApiError,
    operation::{OpResponse, OpState, OpView},
    proto::yandex::cloud::{compute::v1::instance::Status, operation::Operation},
};

/// A mutating request's answer: its operation is tracked, a refusal told (or handed to the
/// form that sent it).
pub fn on_started(
    model: &mut Model,
    mutation: &Mutation,
    result: Result<Operation, ApiError>,
) -> Vec<Effect> {
    let instance_id = mutation.instance_id();
    match mutation {
        Mutation::Power { action, .. } => {
            if *action == PowerAction::Stop {
                let op = result.as_ref().ok().map(|op| op.id.as_str());
                detach_sequence::on_started(model, instance_id, false, op);
            }
            on_power_started(model, *action, instance_id, result)
        }
        Mutation::Detach(_) => {
            let op = result.as_ref().ok().map(|op| op.id.as_str());
            detach_sequence::on_started(model, instance_id, true, op);
            track_or_tell(model, instance_id, result, "detach")
        }
        Mutation::Attach(_) => attach_wiring::on_started(model, instance_id, result, "attach"),
        Mutation::UpdateNic(_) => {
            attach_wiring::on_started(model, instance_id, result, "update network interface")
        }
        Mutation::AddNat(_) => {
            attach_wiring::on_started(model, instance_id, result, "add public IP")
        }
        Mutation::RemoveNat(_) => track_or_tell(model, instance_id, result, "remove public IP"),
    }
}

/// The operation is tracked; a refusal is told as `what: why`.
fn track_or_tell(
    model: &mut Model,
    instance_id: &str,
    result: Result<Operation, ApiError>,
    what: &str,
) -> Vec<Effect> {
    match result {
        Ok(op) => track(model, instance_id, op),
        Err(e) => {
            model.toast(Level::Error, format!("{what}: {}", e.summary()));
            Vec::new()
        }
    }
}

fn on_power_started(
    model: &mut Model,
    action: PowerAction,
    instance_id: &str,
    result: Result<Operation, ApiError>,
) -> Vec<Effect> {
    let name = model
        .instances
        .find(instance_id)
        .map(|i| i.name.clone())
        .unwrap_or_default();
    match result {
        Ok(op) => {
            let status = match action {
                PowerAction::Stop => Status::Stopping,
                PowerAction::Start => Status::Starting,
                PowerAction::Restart => Status::Restarting,
            };
            model.instances.set_status(instance_id, status);
            if let Some(form) = model.form.as_mut()
                && form.instance.id == instance_id
            {
                form.instance.set_status(status);
            }
            track(model, instance_id, op)
        }
        Err(e) => {
            let who = if name.is_empty() { instance_id } else { &name };
            model.toast(
                Level::Error,
                format!("{} {who}: {}", action.verb(), e.summary()),
            );
            Vec::new()
        }
    }
}

/// A poll's answer. A failed poll never fails the operation: a transient error shows it as
/// reconnecting and polls again (the delay keeps backing off); a permanent one stops polling.
pub fn on_poll(
    model: &mut Model,
    id: &str,
    poll: u32,
    result: Result<Operation, ApiError>,
) -> Vec<Effect> {
    match result {
        Ok(op) => on_view(model, id, OpView::from(&op), Some(poll + 1)),
        Err(e) => {
            let summary = e.summary();
            if model.ops.poll_failed(id, e) {
                return vec![Effect::PollOperation {
                    id: id.to_string(),
                    poll: poll + 1,
                }];
            }
            if let Some(op) = model.ops.get(id).filter(|o| !o.view.state.is_final()) {
                let label = format!("{}: {}", op.view.description, op.target_label());
                model.toast(
                    Level::Error,
                    format!("stopped watching {label} (operation ID {id}): {summary}"),
                );
            }
            Vec::new()
        }
    }
}

/// A new view of an operation; `next_poll` continues its poll chain while it runs.
fn on_view(model: &mut Model, id: &str, view: OpView, next_poll: Option<u32>) -> Vec<Effect> {
    let state = view.state.clone();
    let mut effects = Vec::new();
    let change = model.ops.update(view, model.now);
    if change == Change::Finished {
        effects.extend(finished(model, id, &state));
    } else if let Some(poll) = next_poll
        && model.ops.get(id).is_some_and(|o| !o.view.state.is_final())
    {
        effects.push(Effect::PollOperation {
            id: id.to_string(),
            poll,
        });
    }
    if change == Change::Finished
        || (change == Change::Progressed && matches!(state, OpState::RollingBack(_)))
    {
        effects.extend(journal(model, id));
    }
    effects
}

/// The answer to a cancel. The operation's own poll chain goes on (none is added), unless
/// polling had stopped on a permanent error: an accepted cancel shows it can be seen again.
pub fn on_cancel_answered(
    model: &mut Model,
    id: &str,
    result: Result<Operation, ApiError>,
) -> Vec<Effect> {
    match result {
        Ok(op) => {
            model.toast(Level::Info, format!("cancel requested: operation ID {id}"));
            let stopped = model
                .ops
                .get(id)
                .is_some_and(|o| matches!(o.poll, PollHealth::Stopped(_)));
            on_view(model, id, OpView::from(&op), stopped.then_some(0))
        }
        Err(e) if e.code == tonic::Code::FailedPrecondition => {
            model.toast(
                Level::Error,
                format!(
                    "operation ID {id}: this operation cannot be cancelled ({})",
                    e.message
                ),
            );
            Vec::new()
        }
        Err(e) => {
            model.toast(Level::Error, format!("cancel {id}: {}", e.summary()));
            Vec::new()
        }
    }
}

/// A request the journal held as "sent" was sent again with its key: track its operation, or
/// say why it still is not known (it stays in the journal) or was refused.
pub fn on_resent(
    model: &mut Model,
    entry: &JournalEntry,
    result: Result<Operation, ApiError>,
) -> Vec<Effect> {
    let what = format!("{} {}", entry.description, entry.instance_id);
    match result {
        Ok(op) => {
            model.toast(Level::Info, format!("{what}: operation ID {}", op.id));
            track(model, &entry.instance_id, op)
        }
        Err(e) if crate::api::mutation_outcome_unknown(&e) => {
            model.toast(
                Level::Error,
                format!(
                    "{what}: outcome still unknown ({}); kept in the journal for the next start",
                    e.summary()
                ),
            );
            Vec::new()
        }
        Err(e) => {
            model.toast(Level::Error, format!("{what}: refused: {}", e.summary()));
            Vec::new()
        }
    }
}

/// An operation just finished: toast it and update its instance from the response.
fn finished(model: &mut Model, id: &str, state: &OpState) -> Vec<Effect> {
    let label = model
        .ops
        .get(id)
        .map(|o| format!("{}: {}", o.view.description, o.target_label()))
        .unwrap_or_else(|| id.to_string());
    let target = model
        .ops
        .get(id)
        .and_then(|o| o.view.target.instance_id())
        .map(str::to_string);
    let mut next = super::detach_sequence::on_finished(model, id, state);
    if model.form.is_some() {
        let effects = attach_wiring::finished(model, id, state);
        if model.form.is_none() {
            next.extend(effects);
            return next;
        }
    }
    match state {
        OpState::Done(OpResponse::Instance(instance)) => {
            model.toast(Level::Success, format!("done: {label}"));
            instance_loaded(model, (**instance).clone());
            return next;
        }
        OpState::Failed(e) if e.code == tonic::Code::Cancelled => {
            model.toast(Level::Info, format!("cancelled: {label}"));
        }
        OpState::Failed(e) => {
            model.toast(
                Level::Error,
                format!("failed: {label}: {} (operation ID {id})", e.summary()),
            );
        }
        _ => model.toast(Level::Success, format!("done: {label}")),
    }
    // No instance in the response: re-read just the one it touched, not the whole folder.
    match target {
        Some(instance_id) => next.push(Effect::LoadInstance { instance_id }),
        None => next.extend(start_refresh(model)),
    }
    next
}
