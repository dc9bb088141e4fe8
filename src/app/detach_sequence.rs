//! Detach from a RUNNING instance, answered "stop it first": stop it, wait for the stop to
//! finish, detach, then offer to start it again (as the attach form does after Ctrl-T). One
//! sequence at a time; it follows its two operations by id.

use super::{
    model::{Confirm, DetachSequence, DetachStep, Level, Model, Overlay, Pending},
    msg::{Effect, PowerAction},
    mutation::Mutation,
};
use crate::api::{
    operation::OpState, proto::yandex::cloud::compute::v1::DetachInstanceNetworkInterfaceRequest,
};

/// "Yes" to stop first: sends the stop and remembers what comes after it.
pub fn start(
    model: &mut Model,
    request: DetachInstanceNetworkInterfaceRequest,
    name: String,
) -> Vec<Effect> {
    let instance_id = request.instance_id.clone();
    model.detach_sequence = Some(DetachSequence {
        request,
        name,
        step: DetachStep::Stopping(None),
    });
    vec![Effect::send(Mutation::Power {
        action: PowerAction::Stop,
        instance_id,
    })]
}

/// A stop or detach request of the sequence's instance was answered: note its operation, or
/// end the sequence when it was refused (the refusal has its own toast).
pub fn on_started(model: &mut Model, instance_id: &str, detach: bool, operation: Option<&str>) {
    let Some(sequence) = model.detach_sequence.as_mut() else {
        return;
    };
    if sequence.request.instance_id != instance_id {
        return;
    }
    match (&mut sequence.step, detach, operation) {
        (DetachStep::Stopping(op @ None), false, Some(id))
        | (DetachStep::Detaching(op @ None), true, Some(id)) => {
            *op = Some(id.to_string());
        }
        (DetachStep::Stopping(None), false, None) | (DetachStep::Detaching(None), true, None) => {
            model.detach_sequence = None;
        }
        _ => {}
    }
}

/// An operation finished: when it is the sequence's stop, detach next; when it is the
/// sequence's detach, offer to start the instance again.
pub fn on_finished(model: &mut Model, id: &str, state: &OpState) -> Vec<Effect> {
    let Some(sequence) = model.detach_sequence.as_ref() else {
        return Vec::new();
    };
    let who = super::allowed::named(&sequence.name, &sequence.request.instance_id);
    match &sequence.step {
        DetachStep::Stopping(Some(op)) if op == id => {
            if let OpState::Failed(_) = state {
                model.detach_sequence = None;
                model.toast(
                    Level::Error,
                    format!("{who} did not stop; nothing was detached"),
                );
                return Vec::new();
            }
            let request = sequence.request.clone();
            if let Some(s) = model.detach_sequence.as_mut() {
                s.step = DetachStep::Detaching(None);
            }
            vec![Effect::send(Mutation::Detach(request))]
        }
        DetachStep::Detaching(Some(op)) if op == id => {
            let instance_id = sequence.request.instance_id.clone();
            let name = sequence.name.clone();
            let detached = !matches!(state, OpState::Failed(_));
            model.detach_sequence = None;
            offer_start(model, instance_id, name, &who, detached);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn offer_start(model: &mut Model, instance_id: String, name: String, who: &str, detached: bool) {
    let what = if detached {
        "the interface is detached"
    } else {
        "the detach failed"
    };
    if model.overlay.is_some() {
        model.toast(
            Level::Info,
            format!(
                "{what}; {who} was stopped for it: {} starts it again",
                model.keymap.keys_of(crate::keymap::Action::Start)
            ),
        );
        return;
    }
    model.overlay = Some(Overlay::Confirm(Confirm {
        title: "start instance".into(),
        question: format!("{what}. {who} was stopped for this; start it again?"),
        pending: Pending::Power {
            action: PowerAction::Start,
            instance_id,
            name,
        },
        yes_selected: true,
    }));
}
